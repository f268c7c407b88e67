"""Push: each local transaction (one mutation id in the outbox) applied inside one PostgreSQL transaction.

- Dedupe on ``foja_mutacion``: a retry after a lost reply finds its mutation id and changes nothing.
- ``UPDATE … WHERE row_version = :base`` (optimistic concurrency). When the server row moved on, the table's
  ``__sync_policy__`` decides: ``servidor`` (the server wins, the change is dropped), ``fusionar`` (the fields
  this desktop changed are applied when the server did not change them since ``base``; otherwise a conflict),
  ``rechazar`` (a conflict record a person resolves). Append-only rows are inserts only and cannot conflict.
- Provisional juicio numbers and folio ranges get their final values from the server's triggers.
- Only after the server committed is the outbox entry removed (in its own SQLite transaction); a crash between
  the two is healed by the dedupe.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from app.common.ids import new_id
from app.storage.models import Outbox
from app.storage.models_sync import SyncConflicto
from app.sync.filas import TablaSync, a_python, fila_json, leer_json, tablas

Falla = Callable[[str], None]


def _sin_falla(_punto: str) -> None:
    return None


@dataclass
class ResultadoEmpuje:
    mutaciones: int = 0
    filas: int = 0
    repetidas: int = 0
    conflictos: list[str] = field(default_factory=list)  # "tabla fila_id"
    descartadas: int = 0


@dataclass(frozen=True, slots=True)
class _Op:
    seq: int
    tabla: str
    fila_id: str
    operacion: str
    base: int | None
    datos: dict[str, Any]
    campos: list[str] | None


def _mutaciones(local: Engine, limite: int) -> list[tuple[uuid.UUID, list[_Op]]]:
    with local.connect() as c:
        filas = c.execute(select(Outbox).order_by(Outbox.seq).limit(limite)).all()
    grupos: dict[uuid.UUID, list[_Op]] = {}
    for r in filas:
        grupos.setdefault(r.mutation_id, []).append(
            _Op(r.seq, r.tabla, r.fila_id, r.operacion, r.base_version, r.datos, r.campos))
    out = list(grupos.items())
    # A mutation cut by the limit is sent whole on the next round.
    if len(filas) == limite and len(out) > 1:
        out = out[:-1]
    return out


def _fila_servidor(pg: Connection, t: TablaSync, fila_id: str) -> dict[str, Any] | None:
    r = pg.execute(select(t.tabla).where(t.tabla.c.id == uuid.UUID(fila_id))).mappings().first()
    return dict(r) if r else None


def _version_en(pg: Connection, tabla: str, fila_id: str, version: int) -> dict[str, Any] | None:
    """The server row as it was at ``version`` (from the change log), JSON values."""
    r = pg.execute(text(
        "SELECT datos::text FROM foja_cambio WHERE fila_id = :f AND tabla = :t AND row_version = :v "
        "AND datos IS NOT NULL ORDER BY seq DESC LIMIT 1"), {"f": fila_id, "t": tabla, "v": version}).scalar()
    if r is None:
        return None
    return fila_json(a_python(tablas()[tabla].tabla, leer_json(r)))


def _aplicar(pg: Connection, op: _Op, conflicto: Callable[[_Op, dict[str, Any] | None], None]) -> bool:
    """Apply one operation; returns False when it was dropped (server wins) or became a conflict."""
    t = tablas()[op.tabla]
    tab = t.tabla
    fid = uuid.UUID(op.fila_id)
    if op.operacion == "INSERT":
        existe = pg.execute(select(tab.c.id).where(tab.c.id == fid)).first()
        if existe:
            return False  # already there (a row uploaded whole when the office joined)
        pg.execute(insert(tab).values(**a_python(tab, op.datos)))
        return True
    if op.operacion == "UPDATE":
        valores = a_python(tab, op.datos)
        campos = op.campos or [k for k in valores if k not in ("id",)]
        cambia = {k: valores[k] for k in campos if k in valores}
        cambia.update(row_version=valores["row_version"], updated_at=valores["updated_at"],
                      updated_by=valores["updated_by"])
        n = pg.execute(update(tab).where(tab.c.id == fid, tab.c.row_version == op.base).values(**cambia)).rowcount
        if n == 1:
            return True
        actual = _fila_servidor(pg, t, op.fila_id)
        if actual is None or t.politica == "servidor":
            return False
        if t.politica == "fusionar":
            antes = _version_en(pg, op.tabla, op.fila_id, op.base or 0)
            if antes is not None:
                ahora = fila_json(actual)
                del_servidor = {k for k in ahora if ahora.get(k) != antes.get(k)} - {"row_version", "updated_at",
                                                                                   "updated_by"}
                if not del_servidor & set(campos):
                    cambia["row_version"] = actual["row_version"] + 1
                    pg.execute(update(tab).where(tab.c.id == fid, tab.c.row_version == actual["row_version"])
                               .values(**cambia))
                    return True
        conflicto(op, actual)
        return False
    # DELETE
    n = pg.execute(tab.delete().where(tab.c.id == fid, tab.c.row_version == op.base)).rowcount
    if n == 1:
        return True
    actual = _fila_servidor(pg, t, op.fila_id)
    if actual is not None and t.politica != "servidor":
        conflicto(op, actual)
    return False


def _en_conflicto(local: Engine) -> dict[str, uuid.UUID]:
    """Rows with an unresolved conflict on this desktop → the conflict's id."""
    with local.connect() as c:
        return {f: i for f, i in c.execute(select(SyncConflicto.fila_id, SyncConflicto.id)
                                           .where(SyncConflicto.resuelto_at.is_(None)))}


def _plegar(lc: Connection, conflicto_id: uuid.UUID, op: _Op) -> None:
    """A later local edit of a row in conflict joins that conflict (it is never applied over the server's
    row behind a person's back): the conflict keeps the newest local version and every field changed."""
    c = lc.execute(select(SyncConflicto.local, SyncConflicto.campos).where(SyncConflicto.id == conflicto_id)).one()
    campos = sorted(set(c.campos or []) | set(op.campos or []))
    lc.execute(update(SyncConflicto).where(SyncConflicto.id == conflicto_id)
               .values(local={**(c.local or {}), **op.datos}, campos=campos))


def _enviar_mutacion(pg: Connection, mid: uuid.UUID, ops: list[_Op], office_id: uuid.UUID, cliente_id: uuid.UUID,
                     usuario: str, plegadas: list[_Op], res: ResultadoEmpuje) -> list[dict[str, Any]] | None:
    """Apply one client transaction inside the current server transaction (under a savepoint).

    Returns the conflicts it left, or None when the server already had it (a retry after a lost reply).
    """
    conflictos: list[dict[str, Any]] = []

    def registrar(op: _Op, actual: dict[str, Any] | None) -> None:
        conflictos.append({
            "id": new_id(), "tabla": op.tabla, "fila_id": op.fila_id, "mutation_id": mid,
            "operacion": op.operacion, "base_version": op.base, "local": op.datos,
            "servidor": fila_json(actual) if actual else None, "campos": op.campos, "usuario": usuario,
        })

    nueva = pg.execute(text(
        "INSERT INTO foja_mutacion (mutation_id, office_id, cliente_id) VALUES (:m, :o, :c) "
        "ON CONFLICT (mutation_id) DO NOTHING RETURNING 1"), {"m": mid, "o": office_id, "c": cliente_id}).first()
    if nueva is None:
        return None
    for op in ops:
        if op.fila_id in {c["fila_id"] for c in conflictos}:
            plegadas.append(op)
        elif _aplicar(pg, op, registrar):
            res.filas += 1
        elif not conflictos or conflictos[-1]["fila_id"] != op.fila_id:
            res.descartadas += 1
    for c in conflictos:
        pg.execute(text(
            "INSERT INTO foja_conflicto (id, office_id, tabla, fila_id, mutation_id, base_version, "
            "version_servidor, campos) VALUES (:id, :o, :t, :f, :m, :b, :v, CAST(:c AS jsonb))"),
            {"id": c["id"], "o": office_id, "t": c["tabla"], "f": c["fila_id"], "m": mid,
             "b": c["base_version"], "v": (c["servidor"] or {}).get("row_version"), "c": json.dumps(c["campos"])})
    # The foreign keys of this transaction are checked here, so that a bad one fails alone.
    pg.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
    pg.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
    return conflictos


def empujar(
    local: Engine, pg: Connection, office_id: uuid.UUID, cliente_id: uuid.UUID, usuario: str,
    falla: Falla = _sin_falla, lote: int = 2000, progreso: Callable[[int], None] | None = None,
    por_transaccion: int = 100,
) -> ResultadoEmpuje:
    """Send every outbox entry, oldest first.

    Each local transaction is applied whole or not at all (a savepoint of its own); up to ``por_transaccion`` of
    them share one server transaction and one local acknowledgement, so that a push costs two disk syncs per
    batch rather than per change. An operation on a row that already has an unresolved conflict is not sent: it
    is folded into that conflict (the row's local versions and the server's no longer share a history).

    Raises whatever the server raises for a change it refuses outright (a guard trigger, a permission): the
    changes sent before it in its batch are kept and acknowledged; it and the ones after stay in the outbox.
    """
    res = ResultadoEmpuje()
    en_conflicto = _en_conflicto(local)
    while True:
        grupos = _mutaciones(local, lote)
        if not grupos:
            return res
        for i in range(0, len(grupos), por_transaccion):
            hechas: list[tuple[uuid.UUID, list[dict[str, Any]], list[_Op]]] = []
            error: BaseException | None = None
            falla("antes_enviar")
            with pg.begin():
                pg.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
                for mid, ops in grupos[i:i + por_transaccion]:
                    plegadas = [op for op in ops if op.fila_id in en_conflicto]
                    enviar = [op for op in ops if op.fila_id not in en_conflicto]
                    try:
                        with pg.begin_nested():
                            conflictos = _enviar_mutacion(pg, mid, enviar, office_id, cliente_id, usuario, plegadas,
                                                          res)
                    except DBAPIError as exc:
                        error = exc
                        break
                    if conflictos is None:
                        res.repetidas += 1
                        conflictos = []
                    hechas.append((mid, conflictos, plegadas))
                falla("tras_commit_servidor_antes")
            falla("tras_commit_servidor")
            with local.begin() as lc:
                for mid, conflictos, plegadas in hechas:
                    lc.execute(delete(Outbox).where(Outbox.mutation_id == mid))
                    if conflictos:
                        lc.execute(insert(SyncConflicto), conflictos)
                        en_conflicto.update({c["fila_id"]: c["id"] for c in conflictos})
                    for op in plegadas:
                        _plegar(lc, en_conflicto[op.fila_id], op)
                    res.conflictos += [f"{c['tabla']} {c['fila_id']}" for c in conflictos]
            res.mutaciones += len(hechas)
            if progreso is not None:
                progreso(res.mutaciones)
            if error is not None:
                raise error
