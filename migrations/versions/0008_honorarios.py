"""honorarios: tariff and legal suspensions as data, fee requests with their recoveries and events; the
part of a payment that paid fees charged to the coactivado

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-29 19:45:00

- ``tarifa_honorarios``, ``suspension_honorarios``: reference data (an office without rows uses the
  defaults of ``app.domain.honorarios``, shown as configurable);
- ``solicitud_honorarios``, ``honorario_recuperacion``, ``evento_honorarios``: legal records, append-only:
  triggers refuse UPDATE and DELETE on SQLite and PostgreSQL;
- ``pago.a_honorarios`` (USD, default 0): added with a plain ALTER TABLE ADD COLUMN, not a batch rebuild,
  so that the triggers other revisions put on ``pago`` survive.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.storage.types

revision: str = '0008'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("solicitud_honorarios", "honorario_recuperacion", "evento_honorarios")


def _comunes() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.Column('created_at', app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=120), nullable=False),
        sa.Column('updated_at', app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=120), nullable=False),
        sa.Column('office_id', sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(['office_id'], ['oficina.id'], ),
        sa.PrimaryKeyConstraint('id'),
    ]


def _money(nombre: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(nombre, app.storage.types.Money(precision=14, scale=2), nullable=nullable)


def _indice_oficina(tabla: str) -> None:
    op.create_index(f'ix_{tabla}_office_id', tabla, ['office_id'], unique=False)


def upgrade() -> None:
    op.create_table('tarifa_honorarios',
        sa.Column('vigente_desde', sa.Date(), nullable=False),
        sa.Column('porcentaje', sa.Numeric(precision=7, scale=4), nullable=False),
        sa.Column('iva_porcentaje', sa.Numeric(precision=7, scale=4), nullable=False),
        sa.Column('fuente', sa.Text(), nullable=False),
        *_comunes(),
        sa.UniqueConstraint('office_id', 'vigente_desde'),
    )
    _indice_oficina('tarifa_honorarios')
    op.create_table('suspension_honorarios',
        sa.Column('desde', sa.Date(), nullable=False),
        sa.Column('hasta', sa.Date(), nullable=False),
        sa.Column('motivo', sa.String(length=300), nullable=False),
        sa.Column('fuente', sa.Text(), nullable=False),
        *_comunes(),
    )
    _indice_oficina('suspension_honorarios')
    op.create_table('solicitud_honorarios',
        sa.Column('expediente_id', sa.Uuid(), nullable=False),
        sa.Column('secretario_id', sa.Uuid(), nullable=False),
        sa.Column('fecha', sa.Date(), nullable=False),
        _money('recuperado'), _money('excluido'), _money('base'), _money('honorario'), _money('iva'),
        _money('total'),
        sa.Column('detalle', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('observaciones', sa.Text(), nullable=False),
        *_comunes(),
        sa.ForeignKeyConstraint(['expediente_id'], ['expediente.id'], ),
        sa.ForeignKeyConstraint(['secretario_id'], ['secretario.id'], ),
    )
    _indice_oficina('solicitud_honorarios')
    op.create_index('ix_solicitud_honorarios_expediente_id', 'solicitud_honorarios', ['expediente_id'])
    op.create_index('ix_solicitud_honorarios_secretario', 'solicitud_honorarios',
                    ['office_id', 'secretario_id', 'fecha'])
    op.create_table('honorario_recuperacion',
        sa.Column('solicitud_id', sa.Uuid(), nullable=False),
        sa.Column('pago_id', sa.Uuid(), nullable=False),
        sa.Column('fecha', sa.Date(), nullable=False),
        _money('monto'),
        sa.Column('porcentaje', sa.Numeric(precision=7, scale=4), nullable=False),
        sa.Column('iva_porcentaje', sa.Numeric(precision=7, scale=4), nullable=False),
        _money('honorario'), _money('iva'),
        *_comunes(),
        sa.ForeignKeyConstraint(['solicitud_id'], ['solicitud_honorarios.id'], ),
        sa.ForeignKeyConstraint(['pago_id'], ['pago.id'], ),
    )
    _indice_oficina('honorario_recuperacion')
    op.create_index('ix_honorario_recuperacion_solicitud_id', 'honorario_recuperacion', ['solicitud_id'])
    op.create_index('ix_honorario_recuperacion_pago_id', 'honorario_recuperacion', ['pago_id'])
    op.create_table('evento_honorarios',
        sa.Column('solicitud_id', sa.Uuid(), nullable=False),
        sa.Column('tipo', sa.String(length=20), nullable=False),
        sa.Column('fecha', sa.Date(), nullable=False),
        sa.Column('motivo', sa.Text(), nullable=False),
        sa.Column('checklist', sa.JSON(none_as_null=True), nullable=True),
        sa.Column('documento_id', sa.Uuid(), nullable=True),
        sa.Column('comprobante', sa.String(length=120), nullable=False),
        _money('monto', nullable=True),
        *_comunes(),
        sa.ForeignKeyConstraint(['solicitud_id'], ['solicitud_honorarios.id'], ),
        sa.ForeignKeyConstraint(['documento_id'], ['documento.id'], ),
    )
    _indice_oficina('evento_honorarios')
    op.create_index('ix_evento_honorarios_solicitud', 'evento_honorarios', ['solicitud_id', 'created_at'])
    op.add_column('pago', sa.Column('a_honorarios', app.storage.types.Money(precision=14, scale=2),
                                    server_default='0', nullable=False))

    dialecto = op.get_bind().dialect.name
    for tabla in APPEND_ONLY:
        if dialecto == "sqlite":
            for accion in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {tabla}_sin_{accion.lower()} BEFORE {accion} ON {tabla} BEGIN SELECT "
                    f"RAISE(ABORT, 'Registro legal de honorarios ({tabla}): no se modifica ni se elimina.'); END"
                )
        elif dialecto == "postgresql":
            op.execute(
                f"CREATE OR REPLACE FUNCTION foja_{tabla}_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN RAISE EXCEPTION 'Registro legal de honorarios ({tabla}): no se modifica ni se elimina.'; "
                "END $$"
            )
            op.execute(f"CREATE TRIGGER {tabla}_inmutable BEFORE UPDATE OR DELETE ON {tabla} "
                       f"FOR EACH ROW EXECUTE FUNCTION foja_{tabla}_inmutable()")


def downgrade() -> None:
    dialecto = op.get_bind().dialect.name
    for tabla in APPEND_ONLY:
        if dialecto == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_sin_update")
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_sin_delete")
        elif dialecto == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_inmutable ON {tabla}")
            op.execute(f"DROP FUNCTION IF EXISTS foja_{tabla}_inmutable()")
    op.drop_column('pago', 'a_honorarios')
    for tabla in ("evento_honorarios", "honorario_recuperacion", "solicitud_honorarios", "suspension_honorarios",
                  "tarifa_honorarios"):
        op.drop_table(tabla)
