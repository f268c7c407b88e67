"""Engine, SQLite pragmas and the one way to open a transaction.

SQLite runs in WAL mode with ``synchronous=FULL`` and ``foreign_keys=ON`` (design.md §2): a power cut
loses nothing that was committed.

Two processes on one data folder (two windows, or the command line beside the window): every write
transaction starts with ``BEGIN IMMEDIATE``, so it takes SQLite's write lock before it reads anything. pysqlite
(legacy transaction mode) would otherwise run the reads of a use case outside any transaction and begin only
at the first INSERT: two imports of the same file would both find the títulos new, and the second would
die on the unique constraint, or on a stale snapshot, with a raw "database is locked". With the lock taken
first, the second writer waits (``busy_timeout``, 10 s), then reads what the first committed (the títulos
are reported "ya importados"); if the first is still busy after that, it gets :class:`OcupadoError`, a
Spanish message, and nothing was written.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

import app.storage.ancla  # keeps each expediente's chain head (same transaction)
import app.storage.tracking  # noqa: F401 - registers the audit/outbox hooks
from app.common.errors import BaseDanada, OcupadoError

_REPLICA: contextvars.ContextVar[bool] = contextvars.ContextVar("foja_replica", default=False)


@contextmanager
def como_replica() -> Iterator[None]:
    """Let this thread's statements rewrite legal records that the database otherwise refuses to change
    (folio, acto, notificacion, pago): only the sync does, when it applies what the central server decided
    (the final place of a provisional folio, the server's office id on joining). The SQLite triggers of 0006
    ask ``foja_replica()``, a function only this program's connections have."""
    marca = _REPLICA.set(True)
    try:
        yield
    finally:
        _REPLICA.reset(marca)


def _es_replica() -> int:
    return 1 if _REPLICA.get() else 0


ESPERA_ESCRITURA_MS = 10_000
"""How long a writer waits for another process's write to finish before :class:`OcupadoError` (ms)."""


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def json_compacto(valor: Any) -> str:
    """JSON as SQLite stores it: no spaces after separators, accents as they are (UTF-8), not ``\\u00e1``.
    The audit's and the outbox's records are mostly JSON; this keeps them about a tenth smaller than
    ``json.dumps``'s defaults, and reads back the same."""
    return json.dumps(valor, separators=(",", ":"), ensure_ascii=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite set the pragmas on every new connection and store JSON compactly."""
    if url.startswith("sqlite"):
        kwargs.setdefault("json_serializer", json_compacto)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(ESPERA_ESCRITURA_MS)}")
            cur.close()
            dbapi_conn.create_function("foja_replica", 0, _es_replica)

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
        _tomar_escritura(session)
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        danada = _dano(session, exc)
        if danada is not None:
            raise danada from exc
        raise
    finally:
        session.close()


MARCA_DANO = ".dañada"
"""Suffix of the mark left next to a database SQLite found damaged while working: the next start runs SQLite's
full check on it (:func:`app.storage.salud.diagnosticar`) instead of the quick look it takes every time."""


def _dano(session: Session, exc: BaseException) -> BaseDanada | None:
    texto = str(getattr(exc, "orig", exc))
    if not isinstance(exc, DatabaseError) or not any(
            m in texto for m in ("malformed", "file is not a database", "disk I/O error")):
        return None
    archivo = session.get_bind().url.database
    if archivo and archivo != ":memory:":
        Path(f"{archivo}{MARCA_DANO}").touch()
    return BaseDanada(f"SQLite encontró la base de datos dañada mientras trabajaba ({texto})",
                      que_hacer="Cierre Foja y vuelva a abrirlo: al iniciar se revisará la base y se ofrecerá "
                                "restaurar el último respaldo bueno. No se guardó nada de esta operación.")


def es_bloqueo(exc: BaseException) -> bool:
    """True for SQLite's "database is locked/busy" (another process holds the write lock)."""
    texto = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in texto or "database is busy" in texto or "database table is locked" in texto


def _tomar_escritura(session: Session) -> None:
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except OperationalError as exc:
        if es_bloqueo(exc):
            raise OcupadoError() from exc
        raise


@contextmanager
def read_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A read-only session (never commits). Objects stay readable after it closes."""
    session = factory()
    try:
        yield session
    except DatabaseError as exc:
        danada = _dano(session, exc)
        if danada is not None:
            raise danada from exc
        raise
    finally:
        session.close()
