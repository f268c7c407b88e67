"""reglas legales: monthly rate table with sources, removable holidays, signatories, page-count source

Revision ID: 0005
Revises: 0008
Create Date: 2026-11-29 19:40:00

- ``tasa_interes.fuente``: where each month's rate comes from (issue 8: a dated monthly table, each row with
  its source). Rows loaded before keep an empty source; the domain reads each row as the rate of its month.
- ``feriado_local.quitar``: the office removes a listed national day (it works that day).
- ``oficina.ejecutor_genero``, ``oficina.jefe_nombre/jefe_cargo/jefe_genero``, ``secretario.genero``,
  ``usuario.genero``: signatories with name, cargo and gender (documents agree "el Abogado"/"la Abogada").
- ``documento.hojas_fuente``: where a document's sheet count comes from (LibreOffice PDF, estimator verified
  against LibreOffice, estimator alone, scan).

Plain ``ADD COLUMN`` with server defaults: no table is rebuilt, so the append-only triggers of other tables
are untouched, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNAS: tuple[tuple[str, sa.Column], ...] = (
    ("tasa_interes", sa.Column("fuente", sa.String(300), nullable=False, server_default="")),
    ("feriado_local", sa.Column("quitar", sa.Boolean(), nullable=False, server_default="0")),
    ("oficina", sa.Column("ejecutor_genero", sa.String(1), nullable=False, server_default="")),
    ("oficina", sa.Column("jefe_nombre", sa.String(200), nullable=False, server_default="")),
    ("oficina", sa.Column("jefe_cargo", sa.String(200), nullable=False, server_default="")),
    ("oficina", sa.Column("jefe_genero", sa.String(1), nullable=False, server_default="")),
    ("secretario", sa.Column("genero", sa.String(1), nullable=False, server_default="")),
    ("usuario", sa.Column("genero", sa.String(1), nullable=False, server_default="")),
    ("documento", sa.Column("hojas_fuente", sa.String(30), nullable=False, server_default="")),
)


def upgrade() -> None:
    for tabla, columna in _COLUMNAS:
        op.add_column(tabla, columna)


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite >= 3.35, PostgreSQL): no table rebuild, so foreign keys pointing at
    # these tables and the append-only triggers stay as they are.
    for tabla, columna in reversed(_COLUMNAS):
        op.drop_column(tabla, columna.name)
