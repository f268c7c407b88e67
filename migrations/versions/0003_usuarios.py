"""usuarios: users with roles; every secretario-abogado becomes a user; the audit table is made immutable

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 06:29:37.101830

- creates ``usuario`` and migrates every ``secretario`` row into one (rol SECRETARIO_ABOGADO, login derived
  from the names, ASCII lower case, deduplicated per office; no password: ``password_hash`` NULL and
  ``debe_cambiar_clave`` true, so the administrador must set one; ``secretario_id`` = that row). The
  ``secretario`` table and its ids stay as they are: the expedientes point at them. The user id is derived
  from the secretario id (UUIDv5), so every desktop that migrates its copy of the same office makes the same
  user row. Each migrated user gets its audit record (usuario "migracion");
- indexes ``auditoria.created_at`` (the audit viewer filters by date, newest first);
- the audit table refuses UPDATE and DELETE by trigger, whatever the program (or a modified one) tries.
  A later migration that rebuilds ``auditoria`` in SQLite batch mode must create these triggers again.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import app.storage.types

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTOR = "migracion"
ACCION = "migrar secretarios a usuarios"
ROL_SECRETARIO = "SECRETARIO_ABOGADO"
RESERVADOS = {"sistema", "migracion", "root"}
# Fixed namespace: usuario.id = uuid5(NAMESPACE, str(secretario.id)).
NAMESPACE = uuid.UUID("0b6f3c1e-4a53-5c1f-9d2e-7f0a1c3b5e00")

_TRIGGERS_SQLITE = (
    "CREATE TRIGGER auditoria_sin_update BEFORE UPDATE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría no se modifica: es un registro legal.'); END",
    "CREATE TRIGGER auditoria_sin_delete BEFORE DELETE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría no se elimina: es un registro legal.'); END",
)
_TRIGGERS_POSTGRES = (
    "CREATE OR REPLACE FUNCTION foja_auditoria_inmutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'La auditoría no se modifica ni se elimina: es un registro legal.'; END $$",
    "CREATE TRIGGER auditoria_inmutable BEFORE UPDATE OR DELETE ON auditoria "
    "FOR EACH ROW EXECUTE FUNCTION foja_auditoria_inmutable()",
)


def _login(nombres: str, usados: set[str]) -> str:
    """``primer.ultimo`` in ASCII lower case, deduplicated with a number (frozen copy of the rule at 0003)."""
    ascii_ = unicodedata.normalize("NFKD", nombres or "").encode("ascii", "ignore").decode("ascii").lower()
    partes = [p for p in re.split(r"[^a-z0-9]+", ascii_) if p]
    base = "usuario" if not partes else partes[0] if len(partes) == 1 else f"{partes[0]}.{partes[-1]}"
    if not base[0].isalpha():
        base = "u" + base
    base = base[:56]
    if len(base) < 3:
        base = (base + "usr")[:3]
    candidato, n = base, 1
    while candidato in usados or candidato in RESERVADOS:
        n += 1
        candidato = f"{base}{n}"
    usados.add(candidato)
    return candidato


def _crear_tabla() -> None:
    op.create_table('usuario',
    sa.Column('login', sa.String(length=60), nullable=False),
    sa.Column('nombres', sa.String(length=200), nullable=False),
    sa.Column('cedula', sa.String(length=13), server_default='', nullable=False),
    sa.Column('rol', sa.String(length=30), nullable=False),
    sa.Column('activo', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=True),
    sa.Column('intentos_fallidos', sa.Integer(), server_default='0', nullable=False),
    sa.Column('bloqueado_hasta', app.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('debe_cambiar_clave', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('secretario_id', sa.Uuid(), nullable=True),
    sa.Column('email', sa.String(length=200), server_default='', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', app.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('office_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['oficina.id'], ),
    sa.ForeignKeyConstraint(['secretario_id'], ['secretario.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('office_id', 'login'),
    sa.UniqueConstraint('secretario_id')
    )
    with op.batch_alter_table('usuario', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_usuario_office_id'), ['office_id'], unique=False)


def _migrar_secretarios() -> None:
    conn = op.get_bind()
    secretario = sa.table(
        "secretario", sa.column("id", sa.Uuid()), sa.column("office_id", sa.Uuid()),
        sa.column("nombres", sa.String()), sa.column("cedula", sa.String()), sa.column("activo", sa.Boolean()),
        sa.column("email", sa.String()), sa.column("created_at", app.storage.types.UTCDateTime(timezone=True)),
    )
    usuario = sa.table(
        "usuario", *(sa.column(c) for c in ("login", "nombres", "cedula", "rol", "password_hash", "email")),
        sa.column("activo", sa.Boolean()), sa.column("intentos_fallidos", sa.Integer()),
        sa.column("bloqueado_hasta", app.storage.types.UTCDateTime(timezone=True)),
        sa.column("debe_cambiar_clave", sa.Boolean()), sa.column("secretario_id", sa.Uuid()),
        sa.column("id", sa.Uuid()), sa.column("office_id", sa.Uuid()), sa.column("row_version", sa.Integer()),
        sa.column("created_at", app.storage.types.UTCDateTime(timezone=True)), sa.column("created_by"),
        sa.column("updated_at", app.storage.types.UTCDateTime(timezone=True)), sa.column("updated_by"),
    )
    auditoria = sa.table(
        "auditoria", sa.column("id", sa.Uuid()), sa.column("office_id", sa.Uuid()),
        sa.column("row_version", sa.Integer()), sa.column("mutation_id", sa.Uuid()), sa.column("usuario"),
        sa.column("accion"), sa.column("tabla"), sa.column("fila_id"), sa.column("operacion"),
        sa.column("antes", sa.JSON(none_as_null=True)), sa.column("despues", sa.JSON(none_as_null=True)),
        sa.column("created_at", app.storage.types.UTCDateTime(timezone=True)), sa.column("created_by"),
        sa.column("updated_at", app.storage.types.UTCDateTime(timezone=True)), sa.column("updated_by"),
    )
    filas = conn.execute(
        sa.select(secretario).order_by(secretario.c.office_id, secretario.c.created_at, secretario.c.id)
    ).all()
    if not filas:
        return
    ahora = datetime.now(UTC)
    mutacion = uuid.uuid4()
    usados: dict[uuid.UUID, set[str]] = {}
    usuarios: list[dict[str, object]] = []
    auditorias: list[dict[str, object]] = []
    for x in filas:
        fila = {
            "login": _login(x.nombres, usados.setdefault(x.office_id, set())), "nombres": x.nombres,
            "cedula": x.cedula or "", "rol": ROL_SECRETARIO, "activo": bool(x.activo), "password_hash": None,
            "intentos_fallidos": 0, "bloqueado_hasta": None, "debe_cambiar_clave": True, "secretario_id": x.id,
            "email": x.email or "", "id": uuid.uuid5(NAMESPACE, str(x.id)), "office_id": x.office_id,
            "row_version": 1, "created_at": ahora, "created_by": ACTOR, "updated_at": ahora, "updated_by": ACTOR,
        }
        usuarios.append(fila)
        despues = {k: (str(v) if isinstance(v, uuid.UUID) else v.isoformat() if isinstance(v, datetime) else v)
                   for k, v in fila.items()}
        auditorias.append({
            "id": uuid.uuid4(), "office_id": x.office_id, "row_version": 1, "mutation_id": mutacion,
            "usuario": ACTOR, "accion": ACCION, "tabla": "usuario", "fila_id": str(fila["id"]),
            "operacion": "INSERT", "antes": None, "despues": despues, "created_at": ahora, "created_by": ACTOR,
            "updated_at": ahora, "updated_by": ACTOR,
        })
    conn.execute(sa.insert(usuario), usuarios)
    conn.execute(sa.insert(auditoria), auditorias)


def upgrade() -> None:
    _crear_tabla()
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.create_index('ix_auditoria_created_at', ['created_at'], unique=False)
    _migrar_secretarios()
    dialecto = op.get_bind().dialect.name
    for sql in _TRIGGERS_SQLITE if dialecto == "sqlite" else _TRIGGERS_POSTGRES if dialecto == "postgresql" else ():
        op.execute(sql)


def downgrade() -> None:
    dialecto = op.get_bind().dialect.name
    if dialecto == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_update")
        op.execute("DROP TRIGGER IF EXISTS auditoria_sin_delete")
    elif dialecto == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS auditoria_inmutable ON auditoria")
        op.execute("DROP FUNCTION IF EXISTS foja_auditoria_inmutable()")
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.drop_index('ix_auditoria_created_at')
    with op.batch_alter_table('usuario', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_usuario_office_id'))
    op.drop_table('usuario')
