"""The debtor name index for the search (SQLite FTS5), outside the ORM models.

Migration 0010 creates ``deudor_fts`` (FTS5, ``unicode61 remove_diacritics 2`` with :data:`TOKENCHARS`) over
``deudor.nombre_busqueda`` with ``deudor`` as external content; triggers keep it in step with every write
of a debtor, in the writer's transaction. PostgreSQL has no such table: the services use a portable LIKE
there (:func:`hay_fts` tells which).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, literal_column

from app.common.text import search_key

TABLA_FTS = "deudor_fts"
TOKENCHARS = ".,;&-_/()!?+*#@$=<>~^|"
"""Punctuation the name index keeps inside words (migration 0010)."""


def fuera_del_modelo(name: str | None, type_: str, _parent: object = None) -> bool:
    """False for the FTS5 table and its shadow tables (``include_name`` of an Alembic comparison): they are
    made by migration 0010, not by a model."""
    return not (type_ == "table" and name is not None and name.startswith(TABLA_FTS))


def sin_indice(columna: Any, dialecto: str) -> Any:
    """``columna`` (a mapped attribute) written so that SQLite's planner does not choose an index on it (the
    unary «+»): for a condition that selects nearly every row, where that index would make the planner read
    and sort all of them instead of walking the order's own index. On other engines ``columna`` itself."""
    if dialecto != "sqlite":
        return columna
    return literal_column(f"+{columna.table.name}.{columna.name}", type_=columna.type)


def hay_fts(engine: Engine) -> bool:
    """Whether this database has the FTS5 name index (SQLite at revision 0010 or later)."""
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as c:
        return c.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLA_FTS,)).first() is not None


def consulta_fts(texto: str) -> str | None:
    """The FTS5 MATCH expression for a name typed in the search box: its words, in order, as a phrase
    whose last word may be the start of a word (``"ANA LU"*`` finds «ANA LUCÍA GUAMÁN» and «MARÍA ANA
    LUCERO»). Accents and case are ignored and words are what spaces separate («S.A.» is one word), as in
    the LIKE search on :func:`app.common.text.search_key` it replaces. None when nothing was typed."""
    palabras = search_key(texto).split()
    if not palabras:
        return None
    return '"' + " ".join(palabras).replace('"', '""') + '"*'
