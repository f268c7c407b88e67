"""rendimiento: name search by FTS5, list indexes that end in the juicio number, fewer unused indexes

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-29 19:40:00

- SQLite: ``deudor_fts``, an FTS5 index of ``deudor.nombre_busqueda`` (tokenizer ``unicode61
  remove_diacritics 2``: any word of the name, accents and case ignored), with ``deudor`` as its external
  content (no second copy of the names; punctuation is part of a word, so words are what the space
  separates, as the former LIKE search matched them) and three triggers that keep it in step with every insert, update
  and delete of a debtor, in the writer's own transaction. Filled from the existing debtors. PostgreSQL
  keeps its portable search (``nombre_busqueda`` LIKE), so nothing is created there;
- the expedientes list reads each sorted column through an index that ends in ``numero`` (the tie-break of
  every order and of the keyset pagination): ``(deudor_id, numero)``, ``(secretario_id, numero)``,
  ``(etapa, numero)``, ``(cuantia, numero)``, ``(fecha_inicio, numero)`` replace the single-column ones,
  and ``secretario (nombres, id)`` is indexed (the list sorted by secretario walks it);
- drops the indexes no query uses, which only cost space and write time: ``office_id`` alone on
  ``expediente``, ``titulo_credito``, ``deudor`` and ``auditoria`` (every query of those tables starts
  from a composite index led by ``office_id`` or from a column of its own), ``expediente.numero`` alone
  (the ``(office_id, numero)`` unique index serves it), ``deudor.identificacion`` alone (same, with
  ``(office_id, identificacion)``) and ``auditoria.mutation_id`` (never queried: the sync reads the
  outbox);
- ``ANALYZE`` of the tables the list and the search read, so the planner knows their sizes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Punctuation stays inside a word, as the space-separated words the search always matched: «S.A.» is one
# word, so «a» finds the names with a word starting with A, not every «S.A.». Kept in step with
# app.storage.busqueda.TOKENCHARS (a frozen copy: this migration must not change if that module does).
TOKENCHARS = ".,;&-_/()!?+*#@$=<>~^|"
_FTS_SQLITE = (
    "CREATE VIRTUAL TABLE deudor_fts USING fts5(nombre_busqueda, content='deudor', content_rowid='rowid', "
    f"tokenize=\"unicode61 remove_diacritics 2 tokenchars '{TOKENCHARS}'\")",
    "CREATE TRIGGER deudor_fts_ai AFTER INSERT ON deudor BEGIN "
    "INSERT INTO deudor_fts(rowid, nombre_busqueda) VALUES (new.rowid, new.nombre_busqueda); END",
    "CREATE TRIGGER deudor_fts_ad AFTER DELETE ON deudor BEGIN "
    "INSERT INTO deudor_fts(deudor_fts, rowid, nombre_busqueda) VALUES ('delete', old.rowid, old.nombre_busqueda); "
    "END",
    "CREATE TRIGGER deudor_fts_au AFTER UPDATE OF nombre_busqueda ON deudor BEGIN "
    "INSERT INTO deudor_fts(deudor_fts, rowid, nombre_busqueda) VALUES ('delete', old.rowid, old.nombre_busqueda); "
    "INSERT INTO deudor_fts(rowid, nombre_busqueda) VALUES (new.rowid, new.nombre_busqueda); END",
    "INSERT INTO deudor_fts(deudor_fts) VALUES ('rebuild')",
)
_FTS_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS deudor_fts_au",
    "DROP TRIGGER IF EXISTS deudor_fts_ad",
    "DROP TRIGGER IF EXISTS deudor_fts_ai",
    "DROP TABLE IF EXISTS deudor_fts",
)

# (old single-column index, table, column) -> replaced by (new index, columns)
_ORDEN = (
    ("ix_expediente_deudor_id", "deudor_id", "ix_expediente_orden_deudor"),
    ("ix_expediente_secretario_id", "secretario_id", "ix_expediente_orden_secretario"),
    ("ix_expediente_etapa", "etapa", "ix_expediente_orden_etapa"),
    ("ix_expediente_cuantia", "cuantia", "ix_expediente_orden_cuantia"),
    ("ix_expediente_fecha_inicio", "fecha_inicio", "ix_expediente_orden_fecha_inicio"),
)
_SIN_USO = (
    ("ix_expediente_office_id", "expediente", ["office_id"]),
    ("ix_expediente_numero", "expediente", ["numero"]),
    ("ix_titulo_credito_office_id", "titulo_credito", ["office_id"]),
    ("ix_deudor_office_id", "deudor", ["office_id"]),
    ("ix_deudor_identificacion", "deudor", ["identificacion"]),
    ("ix_auditoria_office_id", "auditoria", ["office_id"]),
    ("ix_auditoria_mutation_id", "auditoria", ["mutation_id"]),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for viejo, columna, nuevo in _ORDEN:
        op.create_index(nuevo, "expediente", [columna, "numero"])
        op.drop_index(viejo, table_name="expediente")
    for nombre, tabla, _cols in _SIN_USO:
        op.drop_index(nombre, table_name=tabla)
    op.create_index("ix_secretario_nombres", "secretario", ["nombres", "id"], unique=True)
    if sqlite:
        for sql in _FTS_SQLITE:
            op.execute(sql)
        op.execute("ANALYZE expediente")
        op.execute("ANALYZE deudor")
        op.execute("ANALYZE secretario")
    else:
        op.execute("ANALYZE expediente")
        op.execute("ANALYZE deudor")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for sql in _FTS_SQLITE_DOWN:
            op.execute(sql)
    op.drop_index("ix_secretario_nombres", table_name="secretario")
    for nombre, tabla, cols in _SIN_USO:
        op.create_index(nombre, tabla, cols)
    for viejo, columna, nuevo in _ORDEN:
        op.create_index(viejo, "expediente", [columna])
        op.drop_index(nuevo, table_name="expediente")
