"""Whether a database is already at the newest schema, read without loading Alembic.

Alembic (with Mako and its templates) costs a noticeable part of a cold start; a database that is already
at the head revision, the usual case, does not need it. The head is read from the migration files' own
``revision`` / ``down_revision`` lines; anything unusual (several heads, an unreadable file, a database
without ``alembic_version``) answers False and the caller runs the full Alembic upgrade.
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

MIGRACIONES = Path(__file__).resolve().parents[2] / "migrations" / "versions"
_REV = re.compile(r"^revision(?:\s*:\s*[\w\[\]|, ]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_BAJA = re.compile(r"^down_revision(?:\s*:\s*[\w\[\]|, ]+)?\s*=\s*(?:['\"]([^'\"]*)['\"]|None)", re.MULTILINE)


def cabeza() -> str | None:
    """The single head revision of ``migrations/versions`` (None when it cannot be told for sure)."""
    revisiones: set[str] = set()
    bajas: set[str] = set()
    try:
        for f in MIGRACIONES.glob("*.py"):
            codigo = f.read_text(encoding="utf-8")
            r, b = _REV.search(codigo), _BAJA.search(codigo)
            if r is None or b is None:
                return None
            revisiones.add(r.group(1))
            if b.group(1):
                bajas.add(b.group(1))
    except OSError:
        return None
    cabezas = revisiones - bajas
    return next(iter(cabezas)) if len(cabezas) == 1 else None


def al_dia(engine: Engine) -> bool:
    """True when the database's revision is the migrations' head (nothing to migrate)."""
    head = cabeza()
    if head is None:
        return False
    try:
        with engine.connect() as c:
            actual = c.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:
        return False
    return actual == [head]


_TABLAS_PLAN = ("expediente", "deudor", "secretario", "titulo_credito")


def estadisticas_al_dia(engine: Engine) -> bool:
    """Refresh SQLite's planner statistics (``ANALYZE``) of the tables the list and the search read when
    they are missing or the table has at least doubled (or halved) since: without them SQLite picks plans
    that read the whole office (a name search of seconds instead of milliseconds). Cheap when current (the
    largest rowid of each table). Returns True when it analyzed. No-op on other engines."""
    if engine.dialect.name != "sqlite":
        return False
    viejas: list[str] = []
    with engine.connect() as c:
        try:
            stats = dict(c.exec_driver_sql("SELECT tbl, stat FROM sqlite_stat1").all())
        except DBAPIError:
            stats = {}
        for t in _TABLAS_PLAN:
            # The largest rowid: about the row count (rows are seldom deleted), read from the end of the
            # table's b-tree instead of counting every row at each start.
            n = c.exec_driver_sql(f"SELECT max(rowid) FROM {t}").scalar() or 0
            # A table of a few rows too: without its row count SQLite assumes a million rows, and joined to the
            # expedientes (the secretarios, nine of them) it first builds a Bloom filter over every expediente
            # (27 ms of the 200k office's first page by secretario, against 0.2 ms with the count known).
            if n == 0:
                continue
            previo = stats.get(t)
            try:
                m = int(str(previo).split()[0]) if previo else 0
            except ValueError:
                m = 0
            if m == 0 or n >= 2 * m or 2 * n <= m:
                viejas.append(t)
    if not viejas:
        return False
    with engine.begin() as c:
        for t in viejas:
            c.exec_driver_sql(f"ANALYZE {t}")
    return True
