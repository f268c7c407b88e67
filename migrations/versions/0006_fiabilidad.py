"""fiabilidad: chain heads apart from the folio rows, failed logins of unknown names, append-only triggers

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 19:50:00

- creates ``ancla_expediente`` (one head per expediente: folio count, last folio, last entry's hash, act
  count and act digest; see :mod:`app.domain.cadena`), local to each desktop (not synced: the central server
  keeps its own heads), and fills it from the rows as they are now, so the verification guards from this
  version on;
- creates ``intento_acceso`` (failed logins of names that are not users, persisted like a user's count);
- ``folio``, ``acto``, ``notificacion`` and ``pago`` refuse UPDATE and DELETE by trigger, on SQLite (except
  while the sync applies the server's decisions: ``foja_replica()``, see :func:`app.storage.db.como_replica`)
  and on PostgreSQL, as ``auditoria`` does since 0003. The custody entries of the bienes branch get their own
  triggers in that branch's migration. A later migration that rebuilds one of these tables in SQLite batch
  mode must create its triggers again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.storage.types
from app.domain.cadena import DIGEST_VACIO, hash_acto, sumar_digest
from app.domain.foliacion import GENESIS

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLAS_INMUTABLES = ("folio", "acto", "notificacion", "pago")
ACTOR = "migracion"


def _triggers_sqlite(tabla: str) -> tuple[str, str]:
    # foja_replica() is registered on the program's own connections (app.storage.db): 1 only while the sync
    # applies the central server's decisions. Any other tool has no such function, and its UPDATE or DELETE
    # fails as well.
    return (
        f"CREATE TRIGGER {tabla}_sin_update BEFORE UPDATE ON {tabla} WHEN NOT foja_replica() "
        f"BEGIN SELECT RAISE(ABORT, 'Los registros de «{tabla}» no se modifican: es un registro legal; "
        "se corrige con uno nuevo.'); END",
        f"CREATE TRIGGER {tabla}_sin_delete BEFORE DELETE ON {tabla} WHEN NOT foja_replica() "
        f"BEGIN SELECT RAISE(ABORT, 'Los registros de «{tabla}» no se eliminan: es un registro legal.'); END",
    )


_FUNCION_PG = (
    "CREATE OR REPLACE FUNCTION foja_registro_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'Los registros de «%» no se modifican ni se eliminan: es un registro legal.', "
    "TG_TABLE_NAME; END $$"
)


def _columnas_sync() -> list[sa.Column]:
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


def _crear_tablas() -> None:
    op.create_table('ancla_expediente',
    sa.Column('expediente_id', sa.Uuid(), nullable=False),
    sa.Column('folios', sa.Integer(), nullable=False),
    sa.Column('ultimo_folio', sa.Integer(), nullable=False),
    sa.Column('hash_folio', sa.String(length=64), nullable=False),
    sa.Column('actos', sa.Integer(), nullable=False),
    sa.Column('hash_actos', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['expediente_id'], ['expediente.id'], ),
    sa.PrimaryKeyConstraint('expediente_id'),
    )
    op.create_table('intento_acceso',
    sa.Column('login', sa.String(length=60), nullable=False),
    sa.Column('intentos_fallidos', sa.Integer(), nullable=False),
    sa.Column('bloqueado_hasta', app.storage.types.UTCDateTime(timezone=True), nullable=True),
    *_columnas_sync(),
    sa.UniqueConstraint('office_id', 'login'),
    )
    with op.batch_alter_table('intento_acceso', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intento_acceso_office_id'), ['office_id'], unique=False)


def _llenar_cabezas() -> None:
    conn = op.get_bind()
    expediente = sa.table("expediente", sa.column("id", sa.Uuid()))
    folio = sa.table("folio", sa.column("expediente_id", sa.Uuid()), sa.column("posicion", sa.Integer()),
                     sa.column("hasta", sa.Integer()), sa.column("hash", sa.String()))
    acto = sa.table("acto", sa.column("id", sa.Uuid()), sa.column("expediente_id", sa.Uuid()),
                    sa.column("tipo", sa.String()), sa.column("fecha", sa.Date()),
                    sa.column("etapa_anterior", sa.String()), sa.column("etapa_nueva", sa.String()),
                    sa.column("descripcion", sa.Text()), sa.column("documento_id", sa.Uuid()),
                    sa.column("corrige_id", sa.Uuid()), sa.column("datos", sa.JSON(none_as_null=True)))
    ancla = sa.table(
        "ancla_expediente", *(sa.column(c, sa.Integer()) for c in ("folios", "ultimo_folio", "actos")),
        sa.column("hash_folio"), sa.column("hash_actos"), sa.column("expediente_id", sa.Uuid()),
    )
    cabezas: dict[uuid.UUID, dict[str, object]] = {}
    for (exp_id,) in conn.execute(sa.select(expediente.c.id)):
        cabezas[exp_id] = {"expediente_id": exp_id, "folios": 0, "ultimo_folio": 0, "hash_folio": GENESIS,
                           "actos": 0, "hash_actos": DIGEST_VACIO}
    if not cabezas:
        return
    for f in conn.execute(sa.select(folio).order_by(folio.c.expediente_id, folio.c.posicion)):
        c = cabezas[f.expediente_id]
        c["folios"] = int(c["folios"]) + 1  # type: ignore[call-overload]
        c["ultimo_folio"], c["hash_folio"] = f.hasta, f.hash
    for a in conn.execute(sa.select(acto)):
        c = cabezas[a.expediente_id]
        c["actos"] = int(c["actos"]) + 1  # type: ignore[call-overload]
        c["hash_actos"] = sumar_digest(str(c["hash_actos"]), [hash_acto(a._mapping)])
    filas = list(cabezas.values())
    for i in range(0, len(filas), 5000):
        conn.execute(sa.insert(ancla), filas[i:i + 5000])


def upgrade() -> None:
    _crear_tablas()
    _llenar_cabezas()
    dialecto = op.get_bind().dialect.name
    if dialecto == "sqlite":
        for tabla in TABLAS_INMUTABLES:
            for sql in _triggers_sqlite(tabla):
                op.execute(sql)
    elif dialecto == "postgresql":
        op.execute(_FUNCION_PG)
        for tabla in TABLAS_INMUTABLES:
            op.execute(f"CREATE TRIGGER {tabla}_inmutable BEFORE UPDATE OR DELETE ON {tabla} "
                       "FOR EACH ROW EXECUTE FUNCTION foja_registro_inmutable()")


def downgrade() -> None:
    dialecto = op.get_bind().dialect.name
    for tabla in TABLAS_INMUTABLES:
        if dialecto == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_sin_update")
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_sin_delete")
        elif dialecto == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {tabla}_inmutable ON {tabla}")
    if dialecto == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS foja_registro_inmutable()")
    with op.batch_alter_table('intento_acceso', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intento_acceso_office_id'))
    op.drop_table('intento_acceso')
    op.drop_table('ancla_expediente')
