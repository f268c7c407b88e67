"""recaudacion: the national monthly recovery table imported for the jefe's dashboard (issue 13)

Revision ID: 0009
Revises: 0006

- creates ``recaudacion_importacion`` (one imported file) and ``recaudacion_fila`` (its months, adjustment rows
  and TOTAL row, USD);
- both are append-only (a corrected table is a new import): triggers refuse UPDATE and DELETE on SQLite and
  PostgreSQL, as ``0003`` does for ``auditoria``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.storage.types

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLAS = ("recaudacion_importacion", "recaudacion_fila")


def _comunes() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("created_at", app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("office_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["oficina.id"]),
        sa.PrimaryKeyConstraint("id"),
    ]


def _money(nombre: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(nombre, app.storage.types.Money(precision=14, scale=2), nullable=False)


def _triggers_sqlite(tabla: str) -> tuple[str, ...]:
    return (
        f"CREATE TRIGGER {tabla}_sin_update BEFORE UPDATE ON {tabla} "
        "BEGIN SELECT RAISE(ABORT, 'La tabla de recaudación importada no se modifica: importe una corregida.'); END",
        f"CREATE TRIGGER {tabla}_sin_delete BEFORE DELETE ON {tabla} "
        "BEGIN SELECT RAISE(ABORT, 'La tabla de recaudación importada no se elimina.'); END",
    )


_FUNCION_POSTGRES = (
    "CREATE OR REPLACE FUNCTION foja_recaudacion_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'La tabla de recaudación importada no se modifica ni se elimina.'; END $$"
)


def upgrade() -> None:
    op.create_table(
        "recaudacion_importacion",
        sa.Column("archivo", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("desde", sa.Date(), nullable=False),
        sa.Column("hasta", sa.Date(), nullable=False),
        sa.Column("meses", sa.Integer(), nullable=False),
        sa.Column("codigos", sa.JSON(none_as_null=True), nullable=True),
        *_comunes(),
    )
    with op.batch_alter_table("recaudacion_importacion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recaudacion_importacion_office_id"), ["office_id"], unique=False)
    op.create_table(
        "recaudacion_fila",
        sa.Column("importacion_id", sa.Uuid(), nullable=False),
        sa.Column("tipo", sa.String(length=10), nullable=False),
        sa.Column("mes", sa.Date(), nullable=True),
        sa.Column("etiqueta", sa.String(length=120), nullable=False),
        sa.Column("linea", sa.Integer(), nullable=False),
        *(_money(c) for c in ("total", "oportuna", "mora", "planilla_mora", "glosas", "titulos_credito",
                              "convenios")),
        *_comunes(),
        sa.ForeignKeyConstraint(["importacion_id"], ["recaudacion_importacion.id"]),
    )
    with op.batch_alter_table("recaudacion_fila", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recaudacion_fila_office_id"), ["office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recaudacion_fila_importacion_id"), ["importacion_id"], unique=False)
        batch_op.create_index("ix_recaudacion_fila_mes", ["office_id", "tipo", "mes"], unique=False)

    dialecto = op.get_bind().dialect.name
    if dialecto == "sqlite":
        for tabla in TABLAS:
            for sql in _triggers_sqlite(tabla):
                op.execute(sql)
    elif dialecto == "postgresql":
        op.execute(_FUNCION_POSTGRES)
        for tabla in TABLAS:
            op.execute(f"CREATE TRIGGER {tabla}_inmutable BEFORE UPDATE OR DELETE ON {tabla} "
                       "FOR EACH ROW EXECUTE FUNCTION foja_recaudacion_inmutable()")


def downgrade() -> None:
    op.drop_table("recaudacion_fila")
    op.drop_table("recaudacion_importacion")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS foja_recaudacion_inmutable()")
