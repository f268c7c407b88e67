"""How a desktop or office IT reaches the central PostgreSQL: a URL, an engine, and the errors in Spanish.

Passwords are never stored by Foja: libpq reads ``PGPASSWORD`` or ``~/.pgpass`` as PostgreSQL's own tools do,
or the desktop passes the one the user typed for this session. Connections keep no session state between
transactions (no ``SET`` outside ``SET LOCAL``, no prepared statements, no temp tables, no ``LISTEN``), so the
server may sit behind PgBouncer in transaction pooling (design.md §3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app.common.errors import AppError, ConfigurationError

#: What SQLAlchemy raises when the server refuses or cannot be reached, named here so that callers outside
#: the SQL layers (the ``central`` command) catch it without importing SQLAlchemy themselves.
ErrorDeConexion = OperationalError


class SinConexion(AppError):
    """The central database can't be reached now; local data is untouched and work goes on offline."""


class VersionIncompatible(AppError):
    """Client and server run different schema versions; nothing was sent."""


@dataclass(frozen=True, slots=True)
class Servidor:
    """Where the central database is: host, port, database, login role, ``sslmode`` (libpq's: ``prefer``
    uses TLS when the server offers it)."""

    host: str
    puerto: int
    base: str
    usuario: str
    sslmode: str = "prefer"

    @classmethod
    def desde_url(cls, url: str) -> Servidor:
        """Parse ``postgresql://USER@HOST[:PORT]/DB[?sslmode=…]``.

        Raises:
            ConfigurationError: not a PostgreSQL URL, or without host, user or database.
        """
        try:
            u = make_url(url)
        except Exception as exc:
            raise ConfigurationError(f"La dirección del servidor «{url}» no es válida: {exc}") from exc
        if not u.drivername.startswith("postgresql"):
            raise ConfigurationError(f"La dirección «{url}» no es de PostgreSQL (postgresql://USUARIO@HOST/BASE).")
        if not (u.host and u.username and u.database):
            raise ConfigurationError(
                f"La dirección «{url}» debe indicar usuario, servidor y base: postgresql://USUARIO@HOST/BASE."
            )
        return cls(u.host, u.port or 5432, u.database, u.username, str(u.query.get("sslmode", "prefer")))

    def url(self, clave: str | None = None) -> URL:
        return URL.create("postgresql+psycopg", username=self.usuario, password=clave, host=self.host,
                          port=self.puerto, database=self.base)

    def texto(self) -> str:
        """The address without password, as shown and stored: ``postgresql://USER@HOST:PORT/DB``."""
        return f"postgresql://{self.usuario}@{self.host}:{self.puerto}/{self.base}?sslmode={self.sslmode}"


def motor(servidor: Servidor, clave: str | None = None, timeout: int = 5) -> Engine:
    """An engine on the central database that opens a fresh connection each time (no pooled state)."""
    args: dict[str, Any] = {"connect_timeout": timeout, "sslmode": servidor.sslmode, "prepare_threshold": None,
                            "application_name": "foja"}
    return create_engine(servidor.url(clave), poolclass=NullPool, connect_args=args)


def mensaje_conexion(exc: BaseException) -> str:
    """A Spanish sentence for a failed connection (password, unreachable host, missing database)."""
    texto = str(getattr(exc, "orig", exc) or exc)
    bajo = texto.lower()
    if "password authentication failed" in bajo or "no password supplied" in bajo:
        return "El servidor central rechazó el usuario o la contraseña."
    if "does not exist" in bajo and "database" in bajo:
        return "La base de datos indicada no existe en el servidor central."
    if "role" in bajo and "does not exist" in bajo:
        return "Ese usuario no existe en el servidor central; pida a informática que lo cree (central add-user)."
    return f"No se pudo conectar con el servidor central ({texto.strip().splitlines()[0] if texto else 'sin detalle'})."


def conectar(engine: Engine) -> Any:
    """Open a connection, turning network and authentication failures into :class:`SinConexion`."""
    try:
        return engine.connect()
    except (OperationalError, psycopg.OperationalError) as exc:
        raise SinConexion(mensaje_conexion(exc)) from exc
