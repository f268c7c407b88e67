"""auditoria_diario: the audit is a local journal with an integer id, without the sync's bookkeeping

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 01:20:00

Space per expediente (issue 14): the audit was half of a desktop's database, three or four records per
expediente, and each record carried the columns of a synced row (design.md §2) although the audit never
travels (``app.sync.filas.NO_VIAJAN``: the central database keeps its own, by trigger, with each writer's
PostgreSQL role). The journal now keeps only what it says:

- ``id``: an integer in insertion order (SQLite's rowid), instead of a UUID no query reads and the unique
  index that kept it (about 0.27 KiB per expediente between them);
- ``row_version``, ``created_by``, ``updated_at`` and ``updated_by`` are gone: a record is never updated
  (row version 1, ``updated_*`` = ``created_*``) and ``created_by`` repeated ``usuario``;
- no index on ``usuario``: a handful of values, one of them nearly every record (the user who imports and
  draws). Filtering by it, SQLite took every matching record through that index and sorted them all for the
  newest page: 1.3 s in the 200k office. Without it the viewer walks the ``created_at`` index from the newest
  record and stops at the page: 93 ms for the common value, 270 ms for a rare one (its count reads the whole
  journal), and 0.09 KiB less per expediente. The ``accion`` index stays for the viewer's list of actions
  (100 ms without it); its filter also walks ``created_at`` (``app.services.auditoria``);
- the records are copied in their order (instant, then old id), so the new ids follow time; the indexes are
  built after the copy, packed.

The same immutability triggers are put back. Atomic: on SQLite the upgrade runs on a copy that replaces the
database only when complete (app.storage.migrate); on PostgreSQL in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.storage.types

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COMUNES = ("office_id", "created_at", "mutation_id", "usuario", "accion", "tabla", "fila_id", "operacion",
            "antes", "despues")
_INDICES = (
    ("ix_auditoria_tabla_fila", ["tabla", "fila_id"]),
    ("ix_auditoria_created_at", ["created_at"]),
    ("ix_auditoria_accion", ["accion"]),  # the viewer's list of actions (SELECT DISTINCT), not its filter
)
# 0011's, put back by the downgrade.
_INDICES_0011 = (*_INDICES, ("ix_auditoria_usuario", ["usuario"]))
_TRIGGERS_SQLITE = (
    "CREATE TRIGGER auditoria_sin_update BEFORE UPDATE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría no se modifica: es un registro legal.'); END",
    "CREATE TRIGGER auditoria_sin_delete BEFORE DELETE ON auditoria "
    "BEGIN SELECT RAISE(ABORT, 'La auditoría no se elimina: es un registro legal.'); END",
)
# The function foja_auditoria_inmutable() of revision 0003 stays; only the trigger goes with the old table.
_TRIGGERS_POSTGRES = (
    "CREATE TRIGGER auditoria_inmutable BEFORE UPDATE OR DELETE ON auditoria "
    "FOR EACH ROW EXECUTE FUNCTION foja_auditoria_inmutable()",
)


def _columnas_registro() -> list[sa.Column]:
    return [
        sa.Column("office_id", sa.Uuid(), sa.ForeignKey("oficina.id"), nullable=False),
        sa.Column("created_at", app.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("mutation_id", sa.Uuid(), nullable=False),
        sa.Column("usuario", sa.String(length=120), nullable=False),
        sa.Column("accion", sa.String(length=80), nullable=False),
        sa.Column("tabla", sa.String(length=60), nullable=False),
        sa.Column("fila_id", sa.String(length=36), nullable=False),
        sa.Column("operacion", sa.String(length=6), nullable=False),
        sa.Column("antes", sa.JSON(), nullable=True),
        sa.Column("despues", sa.JSON(), nullable=True),
    ]


def _reemplazar(nueva_columnas: list[sa.Column], copia: str, indices: tuple[tuple[str, list[str]], ...]) -> None:
    """Create ``auditoria_nueva``, copy the records with ``copia`` (INSERT … SELECT), replace the old table,
    then its ``indices`` and triggers."""
    op.create_table("auditoria_nueva", *nueva_columnas)
    op.execute(copia)
    op.drop_table("auditoria")  # its indexes and triggers go with it
    op.rename_table("auditoria_nueva", "auditoria")
    for nombre, columnas in indices:
        op.create_index(nombre, "auditoria", columnas)
    dialecto = op.get_bind().dialect.name
    for sql in _TRIGGERS_SQLITE if dialecto == "sqlite" else _TRIGGERS_POSTGRES if dialecto == "postgresql" else ():
        op.execute(sql)


def upgrade() -> None:
    cols = ", ".join(_COMUNES)
    _reemplazar(
        [sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True), *_columnas_registro()],
        f"INSERT INTO auditoria_nueva ({cols}) SELECT {cols} FROM auditoria ORDER BY created_at, id",
        _INDICES,
    )


def downgrade() -> None:
    cols = ", ".join(_COMUNES)
    # The integer as a 32-digit hexadecimal UUID: unique, and in the records' order (0012 copies by id).
    nuevo_id = ("printf('%032x', id)" if op.get_bind().dialect.name == "sqlite"
                else "CAST(lpad(to_hex(id), 32, '0') AS uuid)")
    _reemplazar(
        [sa.Column("id", sa.Uuid(), primary_key=True), *_columnas_registro(),
         sa.Column("row_version", sa.Integer(), nullable=False),
         sa.Column("created_by", sa.String(length=120), nullable=False),
         sa.Column("updated_at", app.storage.types.UTCDateTime(timezone=True), nullable=False),
         sa.Column("updated_by", sa.String(length=120), nullable=False)],
        f"INSERT INTO auditoria_nueva (id, {cols}, row_version, created_by, updated_at, updated_by) "
        f"SELECT {nuevo_id}, {cols}, 1, usuario, created_at, usuario FROM auditoria ORDER BY id",
        _INDICES_0011,
    )
