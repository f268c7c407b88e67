"""What someone editing the database behind the program's back does first: drop the append-only triggers."""

from __future__ import annotations

from sqlalchemy import Connection, text


def quitar_protecciones(conn: Connection) -> None:
    """Drop every trigger (the tamperer's first step, with any SQLite tool)."""
    for (nombre,) in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all():
        conn.execute(text(f'DROP TRIGGER "{nombre}"'))
