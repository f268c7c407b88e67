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
