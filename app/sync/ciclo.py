"""One sync cycle of a desktop: versions, (first time) joining, files up, push, pull, files down.

Joining: the server defines the office's identity (``central add-user --oficina CODE``). A desktop whose
local office has another id takes the server's (every local row's ``office_id`` is rewritten in one SQLite
transaction). Then:

- a standalone office with data, joining a server that has none for it, uploads its rows once (numbers kept;
  the server's counters continue after them);
- a new desktop (no títulos, no expedientes) drops what its first start created locally and downloads the
  office (snapshot);
- both having data is refused: two copies of one office can't be merged blindly.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from app.common.dates import utcnow
from app.common.errors import ValidationError
from app.common.ids import new_id
from app.storage.blobs import BlobStore
from app.storage.db import como_replica
from app.storage.models import Contador, Expediente, Oficina, Outbox, Preferencia, TituloCredito, Usuario
from app.storage.models_bienes import Depositario
from app.storage.models_sync import SyncConflicto
from app.sync import archivos, empuje, tirada
from app.sync.conexion import VersionIncompatible
from app.sync.filas import a_json, tablas

Falla = Callable[[str], None]
Avance = Callable[[str], None]


def _sin_falla(_p: str) -> None:
    return None


@dataclass
class ResultadoSync:
    """What one cycle did; shown in the status bar and printed by ``sincronizar``."""

    enviados: int = 0
    recibidos: int = 0
    repetidos: int = 0
    conflictos_nuevos: list[str] = field(default_factory=list)
    conflictos_pendientes: int = 0
    archivos_subidos: int = 0
    archivos_bajados: int = 0
    archivos_pendientes: int = 0
    pendientes: int = 0
    subida_inicial: int = 0
    instantanea: bool = False


def verificar_versiones(local: Engine, pg: Connection) -> None:
    """Refuse to sync across schema versions (design.md §3).

    Raises:
        VersionIncompatible: the server is newer ("actualice el programa") or older than this program.
    """
    from app.storage.migrate import head_revision  # Alembic only when a sync runs (slow to import)

    mia = head_revision(local)
    with pg.begin():
        suya = pg.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if suya == mia:
        return
    if suya is None:
        raise VersionIncompatible("El servidor central no está inicializado (python -m app central init).")
    if mia is not None and suya > mia:
        raise VersionIncompatible(
            f"El servidor central tiene una versión más nueva del esquema ({suya}) que este programa ({mia}): "
            "actualice el programa. No se envió nada.")
    raise VersionIncompatible(
        f"El servidor central tiene una versión anterior del esquema ({suya}) que este programa ({mia}); este "
        "equipo no escribe en un servidor más antiguo. Pida a informática que lo actualice (central init).")


def _tiene_datos(c: Connection, office_id: uuid.UUID | None = None) -> bool:
    for m in (TituloCredito, Expediente):
        q = select(func.count()).select_from(m)
        if office_id is not None:
            q = q.where(m.office_id == office_id)
        if c.execute(q).scalar_one():
            return True
    return False


def _reasignar_oficina(lc: Connection, vieja: uuid.UUID, nueva: uuid.UUID) -> None:
    """Give every local row the server's office id. The old office row stays, renamed, because the local
    audit (never rewritten) points at it."""
    lc.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
    o = dict(lc.execute(select(Oficina).where(Oficina.id == vieja)).mappings().one())
    lc.execute(update(Oficina).where(Oficina.id == vieja).values(codigo=f"{o['codigo'][:5]}~{str(vieja)[-4:]}"))
    lc.execute(insert(Oficina), [{**o, "id": nueva, "office_id": nueva}])
    for t in tablas().values():
        if t.nombre != "oficina":
            lc.execute(update(t.tabla).where(t.tabla.c.office_id == vieja).values(office_id=nueva))
    for m in (Contador, Preferencia):
        lc.execute(update(m).where(m.office_id == vieja).values(office_id=nueva))


def _subida_inicial(local: Engine, pg: Connection, office_id: uuid.UUID, lote: int = 2000,
                    avance: Avance | None = None) -> tuple[int, set[str], int]:
    """Upload every local row of a standalone office that joins (rows the server has are skipped). Returns
    (rows uploaded, files to send, the upload transaction's xid)."""
    n = 0
    shas: set[str] = set()
    with pg.begin():
        pg.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
        xid = int(pg.execute(text("SELECT pg_current_xact_id()::text")).scalar_one())
        for nombre, t in tablas().items():
            tab = t.tabla
            q = select(tab).where(tab.c.office_id == office_id)
            if nombre == "folio":
                q = q.order_by(tab.c.expediente_id, tab.c.posicion)
            with local.connect() as lc:
                filas = [dict(r) for r in lc.execute(q).mappings()]
            if nombre == "oficina":
                for f in filas:
                    campos = {k: v for k, v in f.items() if k not in ("id", "office_id", "row_version", "created_at",
                                                                        "created_by")}
                    pg.execute(update(tab).where(tab.c.id == f["id"]).values(**campos))
                continue
            for i in range(0, len(filas), lote):
                trozo = filas[i:i + lote]
                ya = set(pg.execute(select(tab.c.id).where(tab.c.id.in_([f["id"] for f in trozo]))).scalars())
                nuevas = [f for f in trozo if f["id"] not in ya]
                if nuevas:
                    pg.execute(tab.insert(), nuevas)
                    n += len(nuevas)
                if nombre == "archivo":
                    shas |= {f["sha256"] for f in trozo}
            if avance is not None:
                avance(f"Subiendo {nombre}… ({n} filas)")
    return n, shas, xid


def _filas_previas(local: Engine, pg: Connection, office_id: uuid.UUID) -> tuple[int, list[_Fundido]]:
    """Copy to this desktop the rows the server already held for the office before it joins (the users IT
    created for it with ``central init``/``usuario``, say): the pull starts after the upload and would never
    bring them. Returns the snapshot's xmin (what committed from it on is read by :func:`_filas_en_la_union`)
    and the users merged with this desktop's (:func:`_fundir_usuarios`). The server holds no títulos nor
    expedientes of the office here (:func:`unirse`), so these are few."""
    cambios: list[tuple[str, str, str, dict[str, object] | None]] = []
    with pg.begin():
        pg.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        xmin = int(pg.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")).scalar_one())
        for nombre, t in tablas().items():
            if nombre == "oficina":  # its row is this desktop's, under the server's id (_reasignar_oficina)
                continue
            for f in pg.execute(select(t.tabla).where(t.tabla.c.office_id == office_id)).mappings():
                cambios.append((nombre, str(f["id"]), "INSERT", dict(f)))
    fundidos: list[_Fundido] = []
    if cambios:
        with local.begin() as lc:
            fundidos = _fundir_usuarios(lc, [v for t, _f, _op, v in cambios if t == "usuario" and v is not None])
            tirada.aplicar_filas(lc, cambios, set())
    return xmin, fundidos


#: Who a user is: kept from his row on this desktop when IT created him on the server too (login and role).
_IDENTIDAD = ("nombres", "cedula", "email", "genero", "secretario_id")


@dataclass(frozen=True, slots=True)
class _Fundido:
    """A user merged at the join (:func:`_fundir_usuarios`): the server's row, who his row on this desktop
    says he is (None: the server's row says the same), and the password he logs in with here (None: the
    server's row has one, or neither has)."""

    id: uuid.UUID
    identidad: dict[str, object] | None
    clave: str | None


def _fundir_usuarios(lc: Connection, del_servidor: list[dict[str, object]]) -> list[_Fundido]:
    """A user IT created on the server with the login he already has on this desktop is one person: his
    local row gives way to the server's (which the upload would otherwise collide with; the server's role
    stands, it is his PostgreSQL role) and his depositario record follows it. Who he is comes from this
    desktop's row, the office's record of him (:func:`_completar_usuarios`); a password he already set on the
    server stands, else he keeps this desktop's (:func:`_conservar_claves`)."""
    fundidos: list[_Fundido] = []
    for f in del_servidor:
        local = lc.execute(select(Usuario).where(
            Usuario.office_id == f["office_id"], Usuario.login == f["login"], Usuario.id != f["id"])).mappings().first()
        if local is None:
            continue
        identidad = {c: local[c] if local[c] not in (None, "") else f[c] for c in _IDENTIDAD}
        clave = local["password_hash"] if f["password_hash"] is None else None
        fundidos.append(_Fundido(f["id"], None if all(identidad[c] == f[c] for c in _IDENTIDAD) else identidad,
                                 clave))
        # In this order, so that neither the login's uniqueness nor a reference to the user is ever broken.
        lc.execute(update(Usuario).where(Usuario.id == local["id"]).values(
            login=f"{f['login']}~{str(local['id'])[-6:]}"))
        lc.execute(insert(Usuario), [f])
        lc.execute(update(Depositario).where(Depositario.usuario_id == local["id"]).values(usuario_id=f["id"]))
        lc.execute(delete(Usuario).where(Usuario.id == local["id"]))
    return fundidos


def _completar_usuarios(local: Engine, pg: Connection, fundidos: list[_Fundido]) -> None:
    """Who the merged users are, written on the server's placeholder rows by ``foja_completar_usuario`` (the
    login roles may not update those columns) after the upload (a secretario record must be there first),
    and the server's rows copied back here."""
    quienes = {u.id: u.identidad for u in fundidos if u.identidad is not None}
    if not quienes:
        return
    with pg.begin():
        for uid, identidad in quienes.items():
            pg.execute(text("SELECT foja_completar_usuario(:id, :nombres, :cedula, :email, :genero, "
                            ":secretario_id)"), {"id": uid, **identidad})
        filas = [("usuario", str(f["id"]), "INSERT", dict(f)) for f in pg.execute(
            select(Usuario.__table__).where(Usuario.id.in_(quienes))).mappings()]
    with local.begin() as lc:
        tirada.aplicar_filas(lc, filas, set())


def _conservar_claves(local: Engine, usuario: str, fundidos: list[_Fundido]) -> None:
    """Give the merged users the password they log in with on this desktop when the server's row has none, as
    an ordinary tracked write: audited, and queued so that this cycle's push takes it to the server and the
    office's other desktops (and a later copy of the server's row does not take it away)."""
    claves = {u.id: u.clave for u in fundidos if u.clave is not None}
    if not claves:
        return
    with Session(local) as s, s.begin():
        s.info.update(actor=usuario, accion="conservar contraseñas al unirse al servidor")
        for u in s.scalars(select(Usuario).where(Usuario.id.in_(claves))):
            u.password_hash = claves[u.id]
            u.debe_cambiar_clave = False


def _filas_en_la_union(local: Engine, pg: Connection, desde: int, hasta: int, propia: int) -> None:
    """Apply the office's changes committed on the server while this desktop joined: transactions from
    ``desde`` (the first read's xmin) to ``hasta`` (the cursor after the upload), except the upload itself
    (``propia``), whose rows this desktop holds."""
    with pg.begin():
        filas = pg.execute(text(
            "SELECT tabla, fila_id::text, operacion, datos::text FROM foja_cambio "
            "WHERE xid >= CAST(:d AS text)::xid8 AND xid < CAST(:h AS text)::xid8 AND xid <> CAST(:p AS text)::xid8 "
            "ORDER BY xid, seq"), {"d": str(desde), "h": str(hasta), "p": str(propia)}).all()
    if not filas:
        return
    with local.begin() as lc:
        tirada.aplicar_filas(lc, [tirada.cambio(*f) for f in filas], set())


def unirse(local: Engine, pg: Connection, avance: Avance | None = None, usuario: str = "sistema",
           ) -> tuple[uuid.UUID, int, set[str]]:
    """Join this desktop to the user's office on the server. Returns (office id, rows uploaded, files to send).

    Raises:
        ValidationError: the user has no office on the server, or both this desktop and the server hold data
            of the office.
    """
    with pg.begin():
        oficinas = list(pg.execute(text("SELECT unnest(foja_mis_oficinas())")).scalars())
        if not oficinas:
            raise ValidationError("Su usuario no pertenece a ninguna oficina en el servidor central.")
        server_id = oficinas[0]
        server_datos = _tiene_datos(pg, server_id)
    with local.connect() as lc:
        local_id = lc.execute(select(Oficina.id).order_by(Oficina.created_at).limit(1)).scalar_one()
        local_datos = _tiene_datos(lc)
    if local_datos and server_datos:
        raise ValidationError(
            "Esta carpeta de datos ya tiene expedientes y la oficina también los tiene en el servidor central: "
            "no se pueden unir dos copias. Abra Foja con una carpeta de datos nueva (--data-dir) para unirse.")
    # The server's office id reaches every local row, legal records included (app.storage.db.como_replica).
    with como_replica(), local.begin() as lc:
        if local_id != server_id:
            _reasignar_oficina(lc, local_id, server_id)
        if not local_datos:
            # A new desktop: what its first start created (the local administrator, default data) gives way to
            # the office's own rows on the server.
            lc.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for t in reversed(list(tablas().values())):
                if t.nombre != "oficina":
                    lc.execute(delete(t.tabla).where(t.tabla.c.office_id == server_id))
        lc.execute(delete(Outbox))
        # A standalone office's upload is still owed until its cursor is stored (_completar_union): a cut
        # before that is finished by the next cycle instead of leaving the office's data on this desktop.
        tirada.guardar_estado(lc, {"cliente_id": str(new_id()), "office_id": str(server_id),
                                   UNION_PENDIENTE: "1" if local_datos else "0"})
    if not local_datos:
        return server_id, 0, set()
    subidas, shas = _completar_union(local, pg, server_id, avance, usuario)
    return server_id, subidas, shas


UNION_PENDIENTE = "union_pendiente"


def _completar_union(local: Engine, pg: Connection, server_id: uuid.UUID, avance: Avance | None,
                     usuario: str) -> tuple[int, set[str]]:
    """The part of a standalone office's join that talks to the server: the server's own rows of the office
    down, every local row up, the cursor after the upload. Each step may run again (rows the server or this
    desktop already holds are skipped), so a join cut anywhere is finished by running this again.
    Returns (rows uploaded, files to send)."""
    previo, fundidos = _filas_previas(local, pg, server_id)
    subidas, shas, propia = _subida_inicial(local, pg, server_id, avance=avance)
    _completar_usuarios(local, pg, fundidos)
    # The server now holds this desktop's rows and those it had before: the pull starts after the upload
    # instead of downloading them back; what others committed meanwhile is applied here.
    with pg.begin():
        xmin = int(pg.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")).scalar_one())
    _filas_en_la_union(local, pg, previo, xmin, propia)
    _conservar_claves(local, usuario, fundidos)
    with local.begin() as lc:
        tirada.guardar_estado(lc, {"cursor_xid": str(xmin - 1), "cursor_seq": str(tirada.CURSOR_MAX_SEQ),
                                   UNION_PENDIENTE: "0"})
    return subidas, shas


def ciclo(local: Engine, pg: Connection, blobs: BlobStore, usuario: str, falla: Falla = _sin_falla,
          avance: Avance | None = None) -> ResultadoSync:
    """One push-then-pull cycle (joining first if this desktop never synced). Nothing is lost at any cut."""
    res = ResultadoSync()
    verificar_versiones(local, pg)
    office = tirada.leer_estado(local, "office_id")
    por_subir: set[str] = set()
    if office is None:
        office_id, res.subida_inicial, por_subir = unirse(local, pg, avance, usuario)
    else:
        office_id = uuid.UUID(office)
        if tirada.leer_estado(local, UNION_PENDIENTE) == "1":  # a join cut before its upload was done
            res.subida_inicial, por_subir = _completar_union(local, pg, office_id, avance, usuario)
    cliente_id = uuid.UUID(tirada.leer_estado(local, "cliente_id") or str(new_id()))
    # Files first, so that a row reaching another desktop finds its file on the server.
    with local.connect() as lc:
        for datos in lc.execute(select(Outbox.datos).where(Outbox.tabla == "archivo", Outbox.operacion == "INSERT")
                                ).scalars():
            por_subir.add(datos["sha256"])
    if avance:
        avance("Subiendo archivos…")
    sub = archivos.subir(pg, blobs, office_id, por_subir, falla)
    res.archivos_subidos = sub.subidos
    if avance:
        avance("Enviando cambios…")
    emp = empuje.empujar(local, pg, office_id, cliente_id, usuario, falla)
    res.enviados, res.repetidos, res.conflictos_nuevos = emp.mutaciones, emp.repetidas, emp.conflictos
    if avance:
        avance("Recibiendo cambios…")
    with pg.begin():
        snap = tirada.necesita_instantanea(pg, tirada.cursor(local))
    tir = tirada.instantanea(local, pg, falla=falla) if snap else tirada.tirar(local, pg, falla=falla)
    res.instantanea = snap
    res.recibidos = tir.filas + tirada.refrescar_resueltos(local, pg, tir.archivos or set())
    if avance:
        avance("Descargando archivos…")
    baj = archivos.bajar(pg, blobs, tir.archivos or set(), falla)
    res.archivos_bajados, res.archivos_pendientes = baj.bajados, baj.pendientes + sub.pendientes
    with local.begin() as lc:
        tirada.guardar_estado(lc, {"ultima_sync": a_json(utcnow()), "ultimo_error": ""})
    res.pendientes = pendientes(local)
    res.conflictos_pendientes = conflictos_pendientes(local)
    return res


def pendientes(local: Engine) -> int:
    """Local transactions not yet on the server."""
    with local.connect() as lc:
        return lc.execute(select(func.count(func.distinct(Outbox.mutation_id)))).scalar_one()


def conflictos_pendientes(local: Engine) -> int:
    with local.connect() as lc:
        return lc.execute(select(func.count()).select_from(SyncConflicto)
                          .where(SyncConflicto.resuelto_at.is_(None))).scalar_one()


def unido(local: Engine) -> bool:
    """Whether this desktop belongs to a central server (then new numbers are provisional)."""
    return tirada.leer_estado(local, "servidor") is not None

