"""Pull: the server's change log applied to the local SQLite, a page at a time (design.md §3).

The cursor is ``(xid, seq)`` of ``foja_cambio``; a page reads only below
``pg_snapshot_xmin(pg_current_snapshot())``, where every transaction has finished, so no change committed
later can fall behind the cursor. Each page and the cursor are stored in one SQLite transaction. A row this
desktop still has pending (outbox, or an unresolved conflict) is never overwritten; a row is applied only if
its ``row_version`` is not older than the local one (two server transactions may log one row out of xid order).

A new desktop (or one whose cursor is older than the pruned log) starts with a snapshot: every row of its
office read in one REPEATABLE READ transaction, the cursor set to that snapshot's ``xmin``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, text, update

from app.storage.ancla import mover_por_replica
from app.storage.db import como_replica
from app.storage.models import Outbox
from app.storage.models_sync import SyncConflicto, SyncEstado
from app.sync.filas import a_python, leer_json, tablas

Falla = Callable[[str], None]
CURSOR_MAX_SEQ = 2**62


def _sin_falla(_punto: str) -> None:
    return None


@dataclass
class ResultadoTirada:
    filas: int = 0
    paginas: int = 0
    omitidas: int = 0
    archivos: set[str] | None = None


def leer_estado(local: Engine | Connection, clave: str) -> str | None:
    stmt = select(SyncEstado.valor).where(SyncEstado.clave == clave)
    if isinstance(local, Engine):
        with local.connect() as c:
            return c.execute(stmt).scalar()
    return local.execute(stmt).scalar()


def guardar_estado(conn: Connection, valores: dict[str, str]) -> None:
    for k, v in valores.items():
        n = conn.execute(update(SyncEstado).where(SyncEstado.clave == k).values(valor=v)).rowcount
        if n == 0:
            conn.execute(insert(SyncEstado).values(clave=k, valor=v))


def _pendientes(lc: Connection) -> set[str]:
    filas = set(lc.execute(select(Outbox.fila_id).distinct()).scalars())
    filas |= set(lc.execute(select(SyncConflicto.fila_id).where(SyncConflicto.resuelto_at.is_(None))).scalars())
    return filas


def _archivos_de(tabla: str, valores: dict[str, Any]) -> str | None:
    if tabla == "archivo":
        return valores.get("sha256")
    if tabla == "documento":
        return valores.get("archivo_sha256")
    return None


def cambio(tabla: str, fila_id: str, op: str, datos: str | None) -> tuple[str, str, str, dict[str, Any] | None]:
    """A row of ``foja_cambio`` (its JSON ``datos`` as text) as :func:`aplicar_filas` takes it."""
    valores = a_python(tablas()[tabla].tabla, leer_json(datos)) if datos and tabla in tablas() else None
    return tabla, fila_id, op, valores


def aplicar_filas(lc: Connection, cambios: Iterable[tuple[str, str, str, dict[str, Any] | None]],
                  archivos: set[str]) -> tuple[int, int]:
    """Apply ``(tabla, fila_id, operacion, valores)`` to the local database inside ``lc``'s transaction.

    Only the last state of each row counts. Updates of existing rows go before inserts, and folios from the
    highest range down, so that a provisional folio moving to its final range never collides with another
    desktop's folio arriving in the same page. Returns (applied, skipped).

    Runs as the replica (:func:`app.storage.db.como_replica`: the legal records' triggers let the server's
    decisions through) and moves this desktop's chain heads for what it applied
    (:func:`app.storage.ancla.mover_por_replica`).
    """
    with como_replica():
        return _aplicar_filas(lc, cambios, archivos)


def _aplicar_filas(lc: Connection, cambios: Iterable[tuple[str, str, str, dict[str, Any] | None]],
                   archivos: set[str]) -> tuple[int, int]:
    nuevos: dict[str, list[dict[str, Any]]] = {"folio": [], "acto": []}
    con_folios: set[Any] = set()
    lc.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    pendientes = _pendientes(lc)
    ultimo: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {}
    for tabla, fila_id, op, valores in cambios:
        if tabla in tablas():
            ultimo[(tabla, fila_id)] = (op, valores)
    aplicadas = omitidas = 0
    por_tabla: dict[str, list[tuple[str, str, dict[str, Any] | None]]] = {}
    for (tabla, fila_id), (op, valores) in ultimo.items():
        if fila_id in pendientes:
            omitidas += 1
            continue
        por_tabla.setdefault(tabla, []).append((fila_id, op, valores))
    orden = list(tablas())
    # Deletes children first; inserts and updates parents first.
    for tabla in reversed(orden):
        tab = tablas()[tabla].tabla
        for fila_id, op, _v in por_tabla.get(tabla, []):
            if op == "DELETE":
                lc.execute(delete(tab).where(tab.c.id == uuid.UUID(fila_id)))
                aplicadas += 1
    for tabla in orden:
        filas = [(f, v) for f, op, v in por_tabla.get(tabla, []) if op != "DELETE" and v is not None]
        if not filas:
            continue
        tab = tablas()[tabla].tabla
        locales: dict[str, int] = {}
        ids = [uuid.UUID(f) for f, _ in filas]
        for i in range(0, len(ids), 500):
            for rid, ver in lc.execute(select(tab.c.id, tab.c.row_version).where(tab.c.id.in_(ids[i:i + 500]))):
                locales[str(rid)] = ver
        actualizar = [v for f, v in filas if f in locales and v["row_version"] >= locales[f]]
        insertar = [v for f, v in filas if f not in locales]
        omitidas += sum(1 for f, v in filas if f in locales and v["row_version"] < locales[f])
        if tabla == "folio":
            actualizar.sort(key=lambda v: v["desde"], reverse=True)
            expedientes = {v["expediente_id"] for v in actualizar + insertar}
            _apartar_provisionales(lc, expedientes)
        if tabla == "folio":
            for v in actualizar:  # one at a time, highest range first: moved folios never collide
                lc.execute(update(tab).where(tab.c.id == v["id"]).values(**v))
        elif actualizar:
            _actualizar_muchas(lc, tab, actualizar)
        if insertar:
            lc.execute(insert(tab), insertar)
        if tabla in nuevos:
            nuevos[tabla].extend(insertar)
        for v in actualizar + insertar:
            sha = _archivos_de(tabla, v)
            if sha:
                archivos.add(sha)
        aplicadas += len(actualizar) + len(insertar)
        if tabla == "folio":
            _reencadenar_provisionales(lc, expedientes)
            con_folios |= expedientes
    mover_por_replica(lc, nuevos["folio"], nuevos["acto"], con_folios)
    return aplicadas, omitidas


_APARTE = 1_000_000


def _actualizar_muchas(lc: Connection, tab: Any, filas: list[dict[str, Any]]) -> None:
    """One executemany UPDATE per column set (rows of one table from the server carry every column)."""
    from sqlalchemy import bindparam

    por_columnas: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for v in filas:
        por_columnas.setdefault(tuple(sorted(v)), []).append(v)
    for columnas, grupo in por_columnas.items():
        stmt = update(tab).where(tab.c.id == bindparam("_id")).values(
            {c: bindparam(f"_{c}") for c in columnas if c != "id"})
        lc.execute(stmt, [{"_id": v["id"], **{f"_{c}": v[c] for c in columnas if c != "id"}} for v in grupo])


def _apartar_provisionales(lc: Connection, expedientes: set[uuid.UUID]) -> None:
    """Move this desktop's provisional folios out of the numbering while the server's final ones arrive (they
    may take the same places); :func:`_reencadenar_provisionales` puts them back after the last final one."""
    from app.storage.models import Folio

    for e in expedientes:
        lc.execute(update(Folio).where(Folio.expediente_id == e, Folio.provisional.is_(True), Folio.posicion < _APARTE)
                   .values(posicion=Folio.posicion + _APARTE, desde=Folio.desde + _APARTE,
                           hasta=Folio.hasta + _APARTE))


def _reencadenar_provisionales(lc: Connection, expedientes: set[uuid.UUID]) -> None:
    """Provisional folios continue the chain after the last final folio, as the server will place them."""
    from app.domain.foliacion import GENESIS, cuerpo_de, hash_entrada
    from app.storage.models import Folio, Oficina

    for e in expedientes:
        finales = lc.execute(select(Folio.posicion, Folio.hasta, Folio.hash, Folio.office_id)
                             .where(Folio.expediente_id == e, Folio.provisional.is_(False))
                             .order_by(Folio.posicion.desc()).limit(1)).first()
        pos, ultimo, anterior = (finales[0], finales[1], finales[2]) if finales else (0, 0, GENESIS)
        provisionales = lc.execute(select(Folio).where(Folio.expediente_id == e, Folio.provisional.is_(True))
                                   .order_by(Folio.posicion)).mappings().all()
        if not provisionales:
            continue
        por_cuerpo = lc.execute(select(Oficina.folios_por_cuerpo).where(
            Oficina.id == provisionales[0]["office_id"])).scalar() or 200
        for f in provisionales:
            hojas = f["hasta"] - f["desde"] + 1
            pos, desde, ultimo = pos + 1, ultimo + 1, ultimo + hojas
            h = hash_entrada(anterior, str(e), f["documento_sha256"], desde, ultimo, str(f["documento_id"]))
            lc.execute(update(Folio).where(Folio.id == f["id"]).values(
                posicion=pos, desde=desde, hasta=ultimo, cuerpo_desde=cuerpo_de(desde, por_cuerpo),
                cuerpo_hasta=cuerpo_de(ultimo, por_cuerpo), hash_anterior=anterior, hash=h))
            anterior = h


def cursor(local: Engine) -> tuple[int, int] | None:
    x, s = leer_estado(local, "cursor_xid"), leer_estado(local, "cursor_seq")
    return (int(x), int(s)) if x is not None and s is not None else None


def necesita_instantanea(pg: Connection, cur: tuple[int, int] | None) -> bool:
    """A new desktop, or one offline longer than the change log is kept, starts from a snapshot."""
    if cur is None:
        return True
    poda = pg.execute(text("SELECT hasta_xid::text FROM foja_poda")).scalar()
    return poda is not None and int(poda) > cur[0]


def _en_vuelo(pg: Connection, cur: tuple[int, int]) -> bool:
    with pg.begin():
        return pg.execute(text(
            "SELECT EXISTS (SELECT 1 FROM foja_cambio WHERE (xid, seq) > (CAST(:x AS text)::xid8, :s) "
            "AND xid >= pg_snapshot_xmin(pg_current_snapshot()))"), {"x": str(cur[0]), "s": cur[1]}).scalar_one()


def tirar(local: Engine, pg: Connection, pagina: int = 2000, falla: Falla = _sin_falla,
          progreso: Callable[[int], None] | None = None, espera: float = 5.0) -> ResultadoTirada:
    """Read the change log after the stored cursor and apply it, one page per SQLite transaction.

    ``espera``: seconds (at most) to wait for changes already committed but still behind a running server
    transaction; what is still behind after that comes with the next cycle.
    """
    res = ResultadoTirada(archivos=set())
    cur = cursor(local)
    assert cur is not None
    while True:
        with pg.begin():
            filas = pg.execute(text(
                "SELECT seq, xid::text, tabla, fila_id::text, operacion, datos::text FROM foja_cambio "
                "WHERE (xid, seq) > (CAST(:x AS text)::xid8, :s) AND xid < pg_snapshot_xmin(pg_current_snapshot()) "
                "ORDER BY xid, seq LIMIT :n"), {"x": str(cur[0]), "s": cur[1], "n": pagina}).all()
        if not filas:
            if espera > 0 and _en_vuelo(pg, cur):
                # Committed changes wait behind a transaction still running on the server (their xid is above
                # its xmin); it is short in this protocol, so wait a little rather than a whole cycle.
                time.sleep(0.2)
                espera -= 0.2
                continue
            return res
        cambios = [cambio(tabla, fila_id, op, datos) for _seq, _xid, tabla, fila_id, op, datos in filas]
        ultimo = filas[-1]
        with local.begin() as lc:
            a, o = aplicar_filas(lc, cambios, res.archivos)
            a += completar_padres(lc, pg, [(t, v) for t, _f, _op, v in cambios if v is not None], res.archivos)
            falla("mitad_pagina")
            guardar_estado(lc, {"cursor_xid": ultimo[1], "cursor_seq": str(ultimo[0])})
        cur = (int(ultimo[1]), int(ultimo[0]))
        res.filas += a
        res.omitidas += o
        res.paginas += 1
        if progreso is not None:
            progreso(res.filas)


def instantanea(local: Engine, pg: Connection, pagina: int = 5000, falla: Falla = _sin_falla,
                progreso: Callable[[int], None] | None = None) -> ResultadoTirada:
    """Copy every row of the user's office (RLS filters it) and set the cursor to the snapshot's xmin.

    Rows are upserted, so an interrupted snapshot is simply run again; the cursor is stored last.
    """
    res = ResultadoTirada(archivos=set())
    with pg.begin():
        pg.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        xmin = int(pg.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")).scalar_one())
        for nombre, t in tablas().items():
            tab = t.tabla
            ultimo_id: uuid.UUID | None = None
            while True:
                q = select(tab).order_by(tab.c.id).limit(pagina)
                if ultimo_id is not None:
                    q = q.where(tab.c.id > ultimo_id)
                filas = [dict(r) for r in pg.execute(q).mappings()]
                if not filas:
                    break
                ultimo_id = filas[-1]["id"]
                with local.begin() as lc:
                    a, o = aplicar_filas(lc, [(nombre, str(f["id"]), "INSERT", f) for f in filas], res.archivos)
                res.filas += a
                res.omitidas += o
                res.paginas += 1
                falla("mitad_pagina")
                if progreso is not None:
                    progreso(res.filas)
    with local.begin() as lc:
        guardar_estado(lc, {"cursor_xid": str(xmin - 1), "cursor_seq": str(CURSOR_MAX_SEQ)})
    return res


def refrescar_resueltos(local: Engine, pg: Connection, archivos: set[str]) -> int:
    """Re-read from the server the rows whose conflicts were resolved since the last cycle (the pull skipped
    them while they were in conflict) and apply them unless this desktop changed them again."""
    with local.connect() as lc:
        filas = lc.execute(select(SyncConflicto.id, SyncConflicto.tabla, SyncConflicto.fila_id).where(
            SyncConflicto.resuelto_at.is_not(None), SyncConflicto.refrescado.is_(False))).all()
    if not filas:
        return 0
    cambios = []
    with pg.begin():
        for _cid, tabla, fila_id in filas:
            tab = tablas()[tabla].tabla
            r = pg.execute(select(tab).where(tab.c.id == uuid.UUID(fila_id))).mappings().first()
            cambios.append((tabla, fila_id, "INSERT", dict(r)) if r else (tabla, fila_id, "DELETE", None))
    with local.begin() as lc:
        n, _ = aplicar_filas(lc, cambios, archivos)
        lc.execute(update(SyncConflicto).where(SyncConflicto.id.in_([f[0] for f in filas])).values(refrescado=True))
    return n


def _padres_faltantes(lc: Connection, filas: list[tuple[str, dict[str, Any]]]) -> dict[str, set[uuid.UUID]]:
    """The parent rows (by table) that ``filas`` point at and this desktop lacks."""
    pedidos: dict[str, set[uuid.UUID]] = {}
    for tabla, valores in filas:
        for fk in tablas()[tabla].tabla.foreign_key_constraints:
            padre = fk.referred_table.name
            col = fk.column_keys[0]
            if padre in tablas() and len(fk.column_keys) == 1 and valores.get(col) is not None:
                v = valores[col]
                pedidos.setdefault(padre, set()).add(v if isinstance(v, uuid.UUID) else uuid.UUID(str(v)))
    faltan: dict[str, set[uuid.UUID]] = {}
    for padre, ids in pedidos.items():
        tab = tablas()[padre].tabla
        lista = list(ids)
        hay: set[uuid.UUID] = set()
        for i in range(0, len(lista), 500):
            hay |= set(lc.execute(select(tab.c.id).where(tab.c.id.in_(lista[i:i + 500]))).scalars())
        if ids - hay:
            faltan[padre] = ids - hay
    return faltan


def completar_padres(lc: Connection, pg: Connection, filas: list[tuple[str, dict[str, Any]]], archivos: set[str],
                     rondas: int = 6) -> int:
    """Fetch from the server the parent rows the pulled ``filas`` (table, values) point at and this desktop lacks.

    It happens when a row becomes visible later than its parents were logged: a depositario appointed to a good
    receives the good now, while its expediente and debtor were logged (and passed by his cursor) long before.
    Only the page's own references are looked up (indexed by id), never the whole database. Returns the rows added.
    """
    n = 0
    for _ in range(rondas):
        faltan = _padres_faltantes(lc, filas)
        if not faltan:
            return n
        nuevas = []
        with pg.begin_nested() if pg.in_transaction() else pg.begin():
            for padre, ids in faltan.items():
                tab = tablas()[padre].tabla
                for r in pg.execute(select(tab).where(tab.c.id.in_(list(ids)))).mappings():
                    nuevas.append((padre, str(r["id"]), "INSERT", dict(r)))
        if not nuevas:
            return n
        a, _ = aplicar_filas(lc, nuevas, archivos)
        n += a
        filas = [(t, v) for t, _f, _op, v in nuevas]
    return n
