"""A real central PostgreSQL per test (127.0.0.1:5432) and desktops that sync with it.

Each test creates its own database and its own login roles (roles are cluster-wide, so their names carry a
per-test suffix) and drops both afterwards. CI sets FOJA_REQUIRE_POSTGRES=1: an unreachable server fails there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine

from app.common.paths import DataPaths
from app.domain.permisos import Rol
from app.services.bootstrap import Servicios, abrir
from app.sync import central
from app.sync.conexion import Servidor

ADMIN_DSN = os.environ.get("FOJA_PG_ADMIN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def admin() -> psycopg.Connection:
    try:
        return psycopg.connect(ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("FOJA_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (FOJA_REQUIRE_POSTGRES=1) but unreachable: {exc}")
        pytest.skip(f"sin PostgreSQL en 127.0.0.1:5432 ({exc}); estas pruebas necesitan la base central")


class Central:
    """One central database for a test, initialised as office IT would (``central init``)."""

    def __init__(self, nombre: str) -> None:
        self.nombre = nombre
        self.sufijo = nombre[-6:]
        self.url = f"postgresql://postgres@127.0.0.1:5432/{nombre}"
        self.engine: Engine = central.motor_propietario(self.url)
        self.roles: list[str] = []

    def usuario(self, login: str, rol: Rol, oficina: str = "0601") -> Servidor:
        nombre = f"{login}_{self.sufijo}"
        central.agregar_usuario(self.engine, nombre, rol, oficina, nombres=login)
        self.roles.append(nombre)
        return Servidor("127.0.0.1", 5432, self.nombre, nombre)


@pytest.fixture
def servidor_central() -> Iterator[Central]:
    nombre = f"foja_sync_{uuid.uuid4().hex[:10]}"
    with admin() as a:
        a.execute(f'CREATE DATABASE "{nombre}"')
    c = Central(nombre)
    try:
        central.inicializar(c.engine)
        yield c
    finally:
        c.engine.dispose()
        with admin() as a:
            a.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
            for r in c.roles:
                a.execute(f'DROP ROLE IF EXISTS "{r}"')


@pytest.fixture
def escritorio(tmp_path: Path) -> Iterator[Callable[[str], Servicios]]:
    """Open desktops by name, each with its own data folder; closed at the end."""
    abiertos: list[Servicios] = []

    def abrir_escritorio(nombre: str) -> Servicios:
        srv = abrir(DataPaths(tmp_path / nombre))
        abiertos.append(srv)
        return srv

    yield abrir_escritorio
    for s in abiertos:
        s.close()
