"""Engine, SQLite pragmas and the one way to open a transaction.

SQLite runs in WAL mode with ``synchronous=FULL`` and ``foreign_keys=ON`` (design.md §2): a power cut
loses nothing that was committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

import app.storage.tracking  # noqa: F401 - registers the audit/outbox hooks


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite set the pragmas on every new connection."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session], actor: str, accion: str) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any exception (nothing half-written).

    ``actor`` and ``accion`` are recorded in the audit trail of every row written.
    """
    session = factory()
    session.info["actor"] = actor
    session.info["accion"] = accion
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def read_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A read-only session (never commits). Objects stay readable after it closes."""
    session = factory()
    try:
        yield session
    finally:
        session.close()
