"""Local bookkeeping of the sync with the central PostgreSQL (design.md §3). Never synced itself.

- :class:`SyncEstado`: key/value state of this desktop's sync (server address, pull cursor, client id,
  last result), written in the same SQLite transaction as each pulled page.
- :class:`SyncConflicto`: a local change the server refused because the row moved on since the client read
  it and the table's policy could not merge it; a person resolves it in the Conflictos view.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.common.dates import utcnow
from app.common.ids import new_id
from app.storage.models import Base


class SyncEstado(Base):
    """One value of this desktop's sync state (``clave`` → ``valor`` as text)."""

    __tablename__ = "sync_estado"

    clave: Mapped[str] = mapped_column(String(60), primary_key=True)
    valor: Mapped[str] = mapped_column(Text)


class SyncConflicto(Base):
    """A refused local change: both versions kept until a person chooses (mine, the server's, or a merge).

    ``local`` is the row as this desktop wrote it, ``servidor`` the server's current row (JSON-compatible
    values, as in the outbox); ``campos`` the fields this desktop changed; ``resolucion`` one of
    ``"mia"``, ``"servidor"``, ``"combinada"`` once resolved.
    """

    __tablename__ = "sync_conflicto"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    tabla: Mapped[str] = mapped_column(String(60))
    fila_id: Mapped[str] = mapped_column(String(36), index=True)
    mutation_id: Mapped[uuid.UUID]
    operacion: Mapped[str] = mapped_column(String(6))
    base_version: Mapped[int | None] = mapped_column(Integer)
    local: Mapped[dict[str, Any] | None]
    servidor: Mapped[dict[str, Any] | None]
    campos: Mapped[list[Any] | None]
    usuario: Mapped[str] = mapped_column(String(120), default="")
    creado_at: Mapped[datetime] = mapped_column(default=utcnow)
    resuelto_at: Mapped[datetime | None]
    resolucion: Mapped[str | None] = mapped_column(String(12))
    # Once resolved, the next cycle re-reads the server's row (the pull skipped it while it was in conflict).
    refrescado: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
