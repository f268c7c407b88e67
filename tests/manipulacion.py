"""What someone editing the database behind the program's back does first: drop the append-only triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, text


def quitar_protecciones(conn: Connection) -> None:
    """Drop every trigger (the tamperer's first step, with any SQLite tool)."""
    for (nombre,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all():
        conn.execute(text(f'DROP TRIGGER "{nombre}"'))


def manipular(db: Path, sql: str, **params: object) -> None:
    """Run ``sql`` on the database file with a plain SQLite tool's defaults (no foreign keys), after dropping
    the triggers: what someone editing the file behind the program's back does."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        for (nombre,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f'DROP TRIGGER "{nombre}"')
        con.execute(sql, params)
    finally:
        con.close()
