"""What office IT runs on the central server: ``central init``, ``central add-user``, ``central status``.

These connect as the owner of the database (not as a Foja user): the schema comes from the same Alembic
history as every desktop, then the server-only parts of :mod:`app.sync.servidor_sql` are applied.
"""

from __future__ import annotations

import secrets
import string
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.pool import NullPool

from app.common.errors import ValidationError
from app.common.ids import new_id
from app.common.text import clean_spaces
from app.domain.permisos import Rol
from app.storage.migrate import current_revision, head_revision, upgrade
from app.storage.models import Oficina, Usuario
from app.sync.servidor_sql import GRUPO, rol_pg, sentencias


def motor_propietario(url: str) -> Engine:
    """Engine for ``postgresql://OWNER@HOST/DB`` (password from PGPASSWORD or ~/.pgpass)."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10, "prepare_threshold": None})


def inicializar(engine: Engine) -> str:
    """Create or upgrade the central schema and (re)apply its server-only parts. Idempotent.

    Returns the schema revision now in force. Raises what PostgreSQL raises (wrapped by the CLI).
    """
    upgrade(engine)
    with engine.begin() as conn:
        version = conn.execute(text("SHOW server_version_num")).scalar_one()
        if int(version) < 140000:
            raise ValidationError("El servidor central necesita PostgreSQL 14 o posterior.")
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for sql in sentencias():
            cur.execute(sql)  # no parameters: '%' in the PL/pgSQL bodies stays as written
    return current_revision(engine) or ""


def _clave_temporal() -> str:
    alfabeto = string.ascii_letters + string.digits
    return "".join(secrets.choice(alfabeto) for _ in range(16))


@dataclass(frozen=True, slots=True)
class UsuarioCreado:
    login: str
    rol: Rol
    oficina: str
    clave_temporal: str


def agregar_usuario(engine: Engine, login: str, rol: Rol, oficina: str, nombres: str = "") -> UsuarioCreado:
    """Create the PostgreSQL login role of a Foja user of office ``oficina`` (code), with a one-time password
    he replaces at his first login, and his Foja user row (synced to the office's desktops).

    The office row is created with default data if the server does not have it yet; a standalone office that
    joins later keeps its data and takes this office's identity.

    Raises:
        ValidationError: a login that is not a plain lowercase name, or one that already exists.
    """
    login = login.strip().lower()
    if not login or not all(c.isalnum() or c in "._" for c in login) or not login[0].isalpha():
        raise ValidationError(f"El usuario «{login}» debe empezar con una letra y tener solo letras, dígitos, . o _.")
    clave = _clave_temporal()
    with engine.begin() as conn:
        existe = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login}).first()
        if existe:
            raise ValidationError(f"El usuario «{login}» ya existe en el servidor central.")
        office_id = conn.scalar(select(Oficina.id).where(Oficina.codigo == oficina))
        if office_id is None:
            office_id = new_id()
            # Placeholder data until the office's own (from its first desktop, or Oficina → Datos) arrives.
            datos = {"codigo": oficina, "nombre": f"Unidad de Gestión de Coactiva {oficina}", "ciudad": "",
                     "provincia": ""}
            conn.execute(insert(Oficina).values(id=office_id, office_id=office_id, created_by="central",
                                                updated_by="central", **datos))
        # The role name is a validated identifier; the password goes as a literal PostgreSQL quotes itself.
        lit = conn.exec_driver_sql("SELECT quote_literal(%s)", (clave,)).scalar_one()
        conn.exec_driver_sql(f'CREATE ROLE "{login}" LOGIN PASSWORD {lit} IN ROLE {GRUPO}, {rol_pg(rol)}')
        conn.execute(text("INSERT INTO foja_usuario_rol (rol_pg, office_id, rol) VALUES (:r, :o, :rol)"),
                     {"r": login, "o": office_id, "rol": rol.value})
        ya = conn.scalar(select(Usuario.id).where(Usuario.office_id == office_id, Usuario.login == login))
        if ya is None:
            conn.execute(insert(Usuario).values(
                id=new_id(), office_id=office_id, login=login, nombres=clean_spaces(nombres or login),
                rol=rol.value, activo=True, password_hash=None, debe_cambiar_clave=True,
                created_by="central", updated_by="central",
            ))
    return UsuarioCreado(login, rol, oficina, clave)


@dataclass(frozen=True, slots=True)
class EstadoCentral:
    version: str
    version_programa: str
    oficinas: list[tuple[str, str, int]]  # codigo, nombre, expedientes
    usuarios: list[tuple[str, str, str]]  # login, rol, oficina
    conflictos_pendientes: int
    cambios_registrados: int


def estado(engine: Engine) -> EstadoCentral:
    """Schema version, offices with their expedientes, users, pending conflicts (``central status``)."""
    version = current_revision(engine) or "(vacía)"
    with engine.connect() as conn:
        oficinas = [tuple(r) for r in conn.execute(text(
            "SELECT o.codigo, o.nombre, (SELECT count(*) FROM expediente e WHERE e.office_id = o.id) "
            "FROM oficina o ORDER BY o.codigo"))]
        usuarios = [tuple(r) for r in conn.execute(text(
            "SELECT u.rol_pg, u.rol, o.codigo FROM foja_usuario_rol u JOIN oficina o ON o.id = u.office_id "
            "ORDER BY o.codigo, u.rol_pg"))]
        conflictos = conn.execute(text("SELECT count(*) FROM foja_conflicto WHERE resuelto_at IS NULL")).scalar_one()
        cambios = conn.execute(text("SELECT count(*) FROM foja_cambio")).scalar_one()
    return EstadoCentral(version, head_revision(engine) or "", oficinas, usuarios, int(conflictos),  # type: ignore[arg-type]
                         int(cambios))


def oficina_de_usuario(engine: Engine, login: str) -> uuid.UUID | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT office_id FROM foja_usuario_rol WHERE rol_pg = :r"), {"r": login}).scalar()


def podar(engine: Engine, dias: int) -> int:
    """Delete change-log entries older than ``dias`` days (the server audit stays). Returns how many.

    ``dias`` must exceed the longest time a desktop stays offline: a desktop whose cursor falls before the
    pruned part starts again from a snapshot of its office on its next sync (design.md §3, tombstones).

    Raises:
        ValidationError: ``dias`` < 0.
    """
    if dias < 0:
        raise ValidationError("Los días deben ser cero o más.")
    with engine.begin() as conn:
        hasta = conn.execute(text(
            "SELECT max(xid::text::bigint) FROM foja_cambio WHERE at < now() - make_interval(days => :d)"),
            {"d": dias}).scalar()
        if hasta is None:
            return 0
        n = conn.execute(text("DELETE FROM foja_cambio WHERE xid <= CAST(CAST(:x AS text) AS xid8)"),
                         {"x": str(hasta)}).rowcount
        conn.execute(text(
            "INSERT INTO foja_poda (id, hasta_xid) VALUES (1, CAST(CAST(:x AS text) AS xid8)) "
            "ON CONFLICT (id) DO UPDATE SET hasta_xid = EXCLUDED.hasta_xid, at = now()"), {"x": str(hasta)})
    return int(n)
