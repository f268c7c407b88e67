"""Which tables travel, in which order, and how a row's values cross between SQLite, JSON and PostgreSQL.

Everything is derived from ``SYNCED_TABLES`` and the class attributes of :class:`app.storage.models.Synced`
(``__append_only__``, ``__sync_policy__``): a new synced table needs no code here.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Integer, Numeric, Table, Uuid

from app.storage import models
from app.storage.types import Money, UTCDateTime

# The audit is never pushed: the central database keeps its own, by trigger, with each writer's role.
NO_VIAJAN = frozenset({"auditoria"})


@dataclass(frozen=True, slots=True)
class TablaSync:
    """One synced table: its name, SQLAlchemy ``Table``, policy and whether it is append-only."""

    nombre: str
    tabla: Table
    politica: str
    solo_agregar: bool


@cache
def tablas() -> dict[str, TablaSync]:
    """Synced tables by name, in foreign-key order (parents first)."""
    por_nombre = {cls.__tablename__: cls for cls in models.SYNCED_TABLES}
    orden = [t.name for t in models.Base.metadata.sorted_tables if t.name in por_nombre]
    out: dict[str, TablaSync] = {}
    for nombre in orden:
        if nombre in NO_VIAJAN:
            continue
        cls = por_nombre[nombre]
        out[nombre] = TablaSync(nombre, models.Base.metadata.tables[nombre],
                                getattr(cls, "__sync_policy__", "rechazar"), bool(cls.__append_only__))
    return out


def _convertir(col: Column[Any], v: Any) -> Any:
    if v is None:
        return None
    t = col.type
    if isinstance(t, Money | Numeric):
        return Decimal(str(v))
    if isinstance(t, UTCDateTime):
        return v if isinstance(v, datetime) else datetime.fromisoformat(v)
    if isinstance(t, Date):
        return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])
    if isinstance(t, Uuid):
        return v if isinstance(v, uuid.UUID) else uuid.UUID(str(v))
    if isinstance(t, Boolean):
        return bool(v)
    if isinstance(t, Integer):
        return int(v)
    if isinstance(t, JSON):
        return v
    return v if isinstance(v, str) else str(v)


def a_python(tabla: Table, datos: dict[str, Any]) -> dict[str, Any]:
    """JSON-compatible values of a row (outbox or change log) → Python values bound by SQLAlchemy.

    Columns the table does not have are dropped (both sides run the same schema version, checked before
    anything travels).
    """
    return {k: _convertir(tabla.c[k], v) for k, v in datos.items() if k in tabla.c}


def a_json(valor: Any) -> Any:
    """A Python value as JSON-compatible data (UUID/Decimal as str, dates ISO), as the outbox stores it."""
    if isinstance(valor, uuid.UUID | Decimal):
        return str(valor)
    if isinstance(valor, datetime | date):
        return valor.isoformat()
    return valor


def fila_json(fila: dict[str, Any]) -> dict[str, Any]:
    return {k: a_json(v) for k, v in fila.items()}


def leer_json(texto: str) -> Any:
    """Parse JSON from PostgreSQL keeping numbers exact (``jsonb`` numbers → ``Decimal``/``int``)."""
    return json.loads(texto, parse_float=Decimal)
