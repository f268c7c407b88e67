"""sincronización con la base central: estado, conflictos, campos cambiados en el outbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Local-only tables of the sync (design.md §3): ``sync_estado`` (cursor and settings of this desktop) and
``sync_conflicto`` (refused changes awaiting a person). ``outbox.campos`` lists the fields an UPDATE changed,
so that the server can merge two edits of one row whose fields don't overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.storage.types

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_estado",
        sa.Column("clave", sa.String(length=60), nullable=False),
        sa.Column("valor", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("clave"),
    )
    op.create_table(
        "sync_conflicto",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tabla", sa.String(length=60), nullable=False),
        sa.Column("fila_id", sa.String(length=36), nullable=False),
        sa.Column("mutation_id", sa.Uuid(), nullable=False),
        sa.Column("operacion", sa.String(length=6), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("local", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("servidor", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("campos", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("usuario", sa.String(length=120), nullable=False),
        sa.Column("creado_at", app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("resuelto_at", app.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolucion", sa.String(length=12), nullable=True),
        sa.Column("refrescado", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_conflicto_fila_id", "sync_conflicto", ["fila_id"])
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("campos", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("campos")
    op.drop_index("ix_sync_conflicto_fila_id", table_name="sync_conflicto")
    op.drop_table("sync_conflicto")
    op.drop_table("sync_estado")
