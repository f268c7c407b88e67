"""Audit, outbox and row versions for every write, in the writer's own transaction.

A ``before_flush`` hook looks at what the session is about to write:
- a new synced row gets ``created_by/updated_by`` from the session's actor;
- a changed synced row gets ``row_version + 1`` and ``updated_at/by``;
- every insert/update/delete of a synced row gets an :class:`Auditoria` record and
  an :class:`Outbox` entry carrying the row and its base version (design.md §2-3). Both are
  written with Core right after the flush (after the rows they point at). Audit rows themselves are
  not queued: the central database keeps its own audit by trigger, with the PostgreSQL role of
  each writer (design.md §3), and queuing them would double the outbox;
- the audit of an insert holds the whole new row (less the bookkeeping columns and the id, which the audit
  record holds itself, and the columns left NULL: absent means NULL), of a delete the whole old row, and of
  an update only
  the fields that changed (before and after) plus ``row_version``: folding a row's audit records in order
  gives back every version of the row, at a fraction of the size of two whole rows per update;
- an update or delete of an append-only row (folios, audit) is refused;
- a new row gets, before it is recorded, the scalar defaults of the attributes the caller never set (and
  NULL for nullable ones without default), so the audit's "after" is what is stored;
- :func:`insertar` writes many new rows at once (an import) with one executemany, and their audit and
  outbox records exactly as the hook writes them for an ORM insert;
- columns a model lists in ``__audit_redact__`` (the password hash) are shown in the audit only as
  «oculto» / «oculto, cambiado»; the outbox carries their value.

The session's ``info`` carries ``actor`` (who), ``accion`` (what use case), ``mutation_id`` (one
per transaction, used by the sync to deduplicate a retried push) and ``sin_outbox`` (a standalone office,
not joined to a central server, writes no outbox).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from app.common.dates import utcnow
from app.common.errors import RuleError
from app.common.ids import new_id
from app.storage.models import Auditoria, Outbox, Synced

_SKIP_IN_DIFF = {"row_version", "updated_at", "updated_by"}
# Columns of a new row that its audit record already holds in its own columns (office_id, created_at = the
# record's instant, created_by = usuario) or that are fixed at creation (row_version 1, updated_* = created_*).
_REGISTRO = frozenset({"office_id", "row_version", "created_at", "created_by", "updated_at", "updated_by"})
_NO_AUDITADAS = _REGISTRO | {"id"}


def _jsonable(value: Any) -> Any:
    t = type(value)
    if t is str or t is int or value is None or t is bool:  # most values, without the isinstance checks
        return value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_dict(obj: Synced) -> dict[str, Any]:
    """Column values of ``obj`` as JSON-compatible data (UUID/Decimal as str, dates ISO)."""
    mapper = inspect(obj).mapper
    return {c.key: _jsonable(getattr(obj, c.key)) for c in mapper.column_attrs}


def _before_values(obj: Synced) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.deleted:
            out[attr.key] = _jsonable(hist.deleted[0])
        else:
            out[attr.key] = _jsonable(getattr(obj, attr.key))
    return out


def _apply_scalar_defaults(obj: Synced) -> None:
    """Give a new row the values it would get at INSERT for attributes the caller never set: the column's
    scalar default, or NULL for a nullable column without defaults. The audit's "after" and the outbox then
    carry what is actually stored, and a later change of such an attribute in the same session has a known
    "before" (otherwise it would look unchanged and go unaudited)."""
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in state.dict:
            continue
        col = attr.columns[0]
        default = getattr(col, "default", None)
        if default is not None and default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default is None and getattr(col, "server_default", None) is None and getattr(col, "nullable", False) \
                and not getattr(col, "primary_key", False):
            setattr(obj, attr.key, None)


def _sin_registro(fila: dict[str, Any]) -> dict[str, Any]:
    """A new row as its audit record keeps it: without the bookkeeping the record holds in its own columns,
    the id (its ``fila_id``) and the columns left NULL (absent means NULL). Defaults stay: the record shows
    every value the row was created with."""
    return {k: v for k, v in fila.items() if k not in _NO_AUDITADAS and v is not None}


def mutation_id(session: Session) -> uuid.UUID:
    mid = session.info.get("mutation_id")
    if mid is None:
        mid = session.info["mutation_id"] = new_id()
    return mid


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _new_transaction(session: Session) -> None:
    session.info.pop("mutation_id", None)


@event.listens_for(Session, "before_flush")
def _track(session: Session, _ctx: Any, _instances: Any) -> None:
    if session.info.get("tracking_off"):
        return
    actor = session.info.get("actor", "sistema")
    accion = session.info.get("accion", "")
    now = utcnow()
    mid = mutation_id(session)
    pending: list[Any] = []

    for obj in list(session.new):
        if not isinstance(obj, Synced):
            continue
        if obj.id is None:
            obj.id = new_id()
        obj.created_by = obj.updated_by = actor
        obj.created_at = obj.updated_at = now
        obj.row_version = 1
        _apply_scalar_defaults(obj)
        after = row_dict(obj)
        pending.append(_audit(obj, mid, actor, accion, "INSERT", None, _sin_registro(after), now))
        pending.append(_outbox(obj, mid, "INSERT", None, after, now))

    for obj in list(session.dirty):
        # Append-only tables, synced or not (the audit journal), are refused here with a clear message
        # before their triggers refuse them in the database.
        if not session.is_modified(obj, include_collections=False):
            continue
        if getattr(obj, "__append_only__", False):
            raise RuleError(f"Los registros de «{obj.__tablename__}» no se modifican: se corrigen con uno nuevo.")
        if not isinstance(obj, Synced):
            continue
        before = _before_values(obj)
        base = obj.row_version
        obj.row_version = base + 1
        obj.updated_by = actor
        obj.updated_at = now
        after = row_dict(obj)
        changed = {k for k in after if after[k] != before.get(k)} - _SKIP_IN_DIFF
        if not changed:
            continue
        # Only the changed fields (and the version they move between): the audit viewer shows exactly these,
        # plus the row's expediente, so that the viewer still names the juicio of an update.
        cambiados = [*sorted(changed), "row_version", *(["expediente_id"] if "expediente_id" in after else [])]
        pending.append(_audit(obj, mid, actor, accion, "UPDATE", {k: before[k] for k in cambiados},
                              {k: after[k] for k in cambiados}, now))
        pending.append(_outbox(obj, mid, "UPDATE", base, after, now, sorted(changed)))

    for obj in list(session.deleted):
        if getattr(obj, "__append_only__", False):
            raise RuleError(f"Los registros de «{obj.__tablename__}» no se eliminan.")
        if not isinstance(obj, Synced):
            continue
        before = row_dict(obj)
        pending.append(_audit(obj, mid, actor, accion, "DELETE", before, None, now))
        pending.append(_outbox(obj, mid, "DELETE", obj.row_version, {"id": before["id"]}, now))

    session.info.setdefault("_pending_log", []).extend(pending)
    # Which tables the transaction wrote: the context turns them into a Cambios for the open screens.
    session.info.setdefault("tablas", set()).update(r["tabla"] for r in pending if r["_kind"] == "audit")


@event.listens_for(Session, "after_flush")
def _write_log(session: Session, _ctx: Any) -> None:
    # Written after the flush so that the rows they point at exist (FK order), still inside the
    # same transaction; a rollback discards them with the rows.
    pending = session.info.pop("_pending_log", None)
    if not pending:
        return
    audits = [r for r in pending if r["_kind"] == "audit"]
    # A standalone office keeps no outbox: it has nowhere to push, and joining a server uploads its rows whole.
    outbox = [] if session.info.get("sin_outbox") else [r for r in pending if r["_kind"] == "outbox"]
    conn = session.connection()
    if audits:
        conn.execute(insert(Auditoria.__table__), [_strip(r) for r in audits])
    if outbox:
        conn.execute(insert(Outbox.__table__), [_strip(r) for r in outbox])


def _strip(r: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in r.items() if k != "_kind"}


def _redact(
    obj: Synced, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    # Secrets (a password hash) travel in the outbox but never into the audit, which shows only that they
    # were set or changed.
    hidden = getattr(obj, "__audit_redact__", ())
    if not hidden:
        return before, after
    b = dict(before) if before is not None else None
    a = dict(after) if after is not None else None
    for k in hidden:
        old = before.get(k) if before is not None else None
        if b is not None and b.get(k) is not None:
            b[k] = REDACTED
        if a is not None and a.get(k) is not None:
            a[k] = REDACTED_CHANGED if before is not None and a[k] != old else REDACTED
    return b, a


REDACTED = "«oculto»"
REDACTED_CHANGED = "«oculto, cambiado»"


def _audit(
    obj: Synced, mid: uuid.UUID, actor: str, accion: str, op: str,
    before: dict[str, Any] | None, after: dict[str, Any] | None, now: datetime,
) -> dict[str, Any]:
    before, after = _redact(obj, before, after)
    return {
        "_kind": "audit", "office_id": obj.office_id, "mutation_id": mid, "usuario": actor, "accion": accion,
        "tabla": obj.__tablename__, "fila_id": str(obj.id), "operacion": op, "antes": before, "despues": after,
        "created_at": now,
    }


def _outbox(
    obj: Synced, mid: uuid.UUID, op: str, base: int | None, datos: dict[str, Any], now: datetime,
    campos: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "_kind": "outbox", "mutation_id": mid, "tabla": obj.__tablename__, "fila_id": str(obj.id),
        "operacion": op, "base_version": base, "datos": datos, "campos": campos, "created_at": now,
        "enviado_at": None,
    }


# --- many new rows at once (an import) ---------------------------------------------------------------------
# ``insertar`` writes new rows with one executemany per table instead of an ORM unit of work, with the audit
# and outbox records the hook above writes for an ORM insert (same actor, action, mutation id, instant, whole
# row with its defaults), in the caller's transaction. Only inserts: updates and deletes go through the ORM,
# whose hook computes what changed.


def _columnas(modelo: type[Synced]) -> list[tuple[str, Any, bool]]:
    """(key, scalar default or None, has a default) of each column, in mapper order (that of ``row_dict``)."""
    out = []
    for attr in inspect(modelo).column_attrs:
        col = attr.columns[0]
        default = getattr(col, "default", None)
        if default is not None and default.is_scalar:
            out.append((attr.key, default.arg, True))
        else:
            out.append((attr.key, None, False))
    return out


def insertar(session: Session, modelo: type[Synced], filas: Iterable[Mapping[str, Any]]) -> int:
    """Insert ``filas`` (column values; ``id`` made when missing) as new rows of ``modelo``, audited and queued.

    Bookkeeping columns are set as the tracking hook sets them (``row_version`` 1, ``created/updated_at`` now,
    ``created/updated_by`` the session's actor); a column not given takes its scalar default or NULL.
    ``modelo`` must not be append-only-sensitive to redaction (no ``__audit_redact__``).

    Returns:
        The number of rows written.
    """
    if getattr(modelo, "__audit_redact__", ()):
        raise ValueError(f"{modelo.__tablename__}: use the ORM for tables with redacted columns")
    actor = session.info.get("actor", "sistema")
    accion = session.info.get("accion", "")
    mid = mutation_id(session)
    now = utcnow()
    tabla = modelo.__tablename__
    # What every row, audit record and outbox entry of the batch shares is given once (and converted once
    # for the database, _executemany), not per row.
    fijas = {"row_version": 1, "created_at": now, "updated_at": now, "created_by": actor, "updated_by": actor}
    propias = [(key, default) for key, default, _ in _columnas(modelo) if key not in fijas]
    ahora_iso = now.isoformat()
    fijas_json = {k: (ahora_iso if k in ("created_at", "updated_at") else v) for k, v in fijas.items()}
    sin_outbox = bool(session.info.get("sin_outbox"))  # a standalone office keeps no outbox (as the hook)
    filas_db: list[dict[str, Any]] = []
    auditoria: list[dict[str, Any]] = []
    outbox: list[dict[str, Any]] = []
    for f in filas:
        fila = {key: f.get(key, default) for key, default in propias}
        if fila["id"] is None:
            fila["id"] = new_id()
        filas_db.append(fila)
        fila_id = str(fila["id"])
        # The audit's "after" as the hook writes it (_sin_registro): no bookkeeping, no id, no NULLs.
        despues = {k: _jsonable(v) for k, v in fila.items() if v is not None and k not in _NO_AUDITADAS}
        auditoria.append({"office_id": fila["office_id"], "fila_id": fila_id, "despues": despues})
        if not sin_outbox:
            datos = {**{k: _jsonable(v) for k, v in fila.items()}, **fijas_json}
            outbox.append({"fila_id": fila_id, "datos": datos})
    if not filas_db:
        return 0
    session.flush()  # rows the ORM holds go first (a título's debtor, the importacion)
    session.info.setdefault("tablas", set()).add(tabla)
    conn = session.connection()
    _executemany(conn, modelo.__table__, filas_db, fijas)
    _executemany(conn, Auditoria.__table__, auditoria, {
        "mutation_id": mid, "usuario": actor, "accion": accion, "tabla": tabla, "operacion": "INSERT",
        "antes": None, "created_at": now})
    if outbox:
        _executemany(conn, Outbox.__table__, outbox, {
            "mutation_id": mid, "tabla": tabla, "operacion": "INSERT", "base_version": None, "campos": None,
            "created_at": now, "enviado_at": None})
    return len(filas_db)


def _executemany(conn: Any, tabla: Any, filas: list[dict[str, Any]], comunes: Mapping[str, Any]) -> None:
    """One INSERT for every row, through the driver's executemany: the statement compiled once and each
    value converted by its column type's own bind processor (what SQLAlchemy does per row, without its
    per-row parameter assembly, which cost more than the database). ``comunes``: the values every row
    shares, converted once."""
    claves = [*filas[0], *comunes]
    compilada = insert(tabla).compile(dialect=conn.dialect, column_keys=claves)
    procesos = compilada._bind_processors
    orden = list(compilada.positiontup) if compilada.positional else claves
    if any(k not in claves for k in orden):  # a statement shape this shortcut does not know
        conn.execute(insert(tabla), [{**f, **comunes} for f in filas])
        return
    hechos = {k: (procesos[k](v) if procesos.get(k) else v) for k, v in comunes.items()}
    if not compilada.positional:
        propias = [(k, procesos.get(k)) for k in filas[0]]
        conn.exec_driver_sql(compilada.string, [
            {**{k: p(f[k]) if p else f[k] for k, p in propias}, **hechos} for f in filas])
        return
    # Each row's tuple: its own values converted, the shared ones as they are (already converted).
    pasos = [(k, procesos.get(k), k in hechos) for k in orden]
    datos = [tuple(hechos[k] if comun else (p(f[k]) if p else f[k]) for k, p, comun in pasos) for f in filas]
    conn.exec_driver_sql(compilada.string, datos)
