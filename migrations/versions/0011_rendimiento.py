"""rendimiento: the pending títulos' index holds only the pending ones; no index on título → deudor

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 23:15:00

Space per expediente (issue 14: only the indexes a query uses):

- ``ix_titulo_estado`` ``(office_id, estado, numero)`` held an entry for every título of the office, though
  its queries (the sorteo's pending títulos in number order, their count on the dashboard) ask only for
  the pending ones, a handful once drawn. ``ix_titulo_pendiente`` ``(office_id, numero) WHERE estado =
  'PENDIENTE'`` answers them and stays small (the queries name the state as a literal, so that SQLite
  can use a partial index);
- ``ix_titulo_credito_deudor_id``: no query looks títulos up by debtor (the list and the search go through
  the expediente's ``(deudor_id, numero)``; a título reaches its debtor through the debtor's key).

Indexes are local: the sync replicates rows, not indexes (app/sync/filas.py). Atomic: SQLite's DDL runs in
the migration's transaction, on the copy that replaces the database only when complete.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDIENTE = sa.text("estado = 'PENDIENTE'")


def upgrade() -> None:
    op.create_index("ix_titulo_pendiente", "titulo_credito", ["office_id", "numero"],
                    sqlite_where=_PENDIENTE, postgresql_where=_PENDIENTE)
    op.drop_index("ix_titulo_estado", table_name="titulo_credito")
    op.drop_index("ix_titulo_credito_deudor_id", table_name="titulo_credito")


def downgrade() -> None:
    op.create_index("ix_titulo_credito_deudor_id", "titulo_credito", ["deudor_id"])
    op.create_index("ix_titulo_estado", "titulo_credito", ["office_id", "estado", "numero"])
    op.drop_index("ix_titulo_pendiente", table_name="titulo_credito")
