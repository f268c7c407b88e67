"""Whether anything was committed to the database since a reader last looked, for views that keep what they
read (the jefe's dashboard) and must redraw only when the data changed.

SQLite's ``PRAGMA data_version`` on a connection of its own changes whenever *another* connection commits: the
program's own writes (they go through the engine's pool, never through this connection), the sync, a command
line in another process. One pragma on an open connection costs microseconds. A database it cannot watch (in
memory, PostgreSQL) has no version: :meth:`VersionDatos.actual` returns None and the caller reads every time.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from sqlalchemy import Engine


class VersionDatos:
    """Watches the database of ``engine``. :meth:`actual` is an opaque number that differs after any commit."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        db = engine.url.database if engine.dialect.name == "sqlite" else None
        self._archivo = db if db and db != ":memory:" and not db.startswith("file:") else None

    def actual(self) -> int | None:
        """The data version now, or None when this database cannot be watched (the caller must read)."""
        if self._archivo is None:
            return None
        with self._lock:
            try:
                if self._con is None:
                    # Read-only and apart from the pool: it must never be the connection that writes.
                    uri = Path(self._archivo).resolve().as_uri() + "?mode=ro"  # percent-encoded, any platform
                    self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
                return int(self._con.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                self._cerrar()
                return None

    def cerrar(self) -> None:
        with self._lock:
            self._cerrar()

    def _cerrar(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
