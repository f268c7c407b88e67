"""Users, the migration of secretarios and the immutable audit on the central engine, PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from app.domain.permisos import Rol
from app.services.auditoria import AuditoriaService, FiltroAuditoria
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario
from app.services.usuarios import UsuariosService
from app.storage.migrate import alembic_config, upgrade
from tests.conftest import CEDULAS
from tests.cuentas import CLAVE, crear_usuarios, hasher_rapido
from tests.storage.test_postgres import pg_engine, pg_servicios  # noqa: F401 - fixtures

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def test_migration_0003_with_data_on_postgresql(pg_engine: Engine) -> None:  # noqa: F811
    command.upgrade(alembic_config(pg_engine), "0002")
    oid, sid = uuid.uuid4(), uuid.uuid4()
    ahora = datetime(2025, 5, 13, 15, 0, tzinfo=UTC)
    sinc = "row_version, created_at, created_by, updated_at, updated_by"
    with pg_engine.begin() as c:
        c.execute(text(f"INSERT INTO oficina (id, office_id, {sinc}, codigo, nombre, ciudad, provincia, patron_numero, "
                       "folios_por_cuerpo, ejecutor_nombre, ejecutor_cargo) VALUES (:o, :o, 1, :t, 'a', :t, 'a', "
                       "'0601', 'Unidad', 'Riobamba', 'Chimborazo', '{office}-{year}-{seq:05d}', 200, '', '')"),
                  {"o": oid, "t": ahora})
        c.execute(text(f"INSERT INTO secretario (id, office_id, {sinc}, nombres, cedula, externo, activo, email) "
                       "VALUES (:s, :o, 1, :t, 'a', :t, 'a', 'José Ñáñez', :c, true, true, '')"),
                  {"s": sid, "o": oid, "t": ahora, "c": CEDULAS[0]})
    upgrade(pg_engine)
    with pg_engine.connect() as c:
        u = c.execute(text("SELECT login, rol, password_hash, debe_cambiar_clave, secretario_id FROM usuario")).one()
    assert tuple(u) == ("jose.nanez", Rol.SECRETARIO.value, None, True, sid)


def test_login_and_immutable_audit_on_postgresql(pg_servicios: Servicios, tmp_path: Path) -> None:  # noqa: F811
    srv = pg_servicios
    for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, strict=False):
        srv.secretarios.crear(n, c)
    crear_usuarios(srv)
    jefe = UsuariosService(srv.ctx).autenticar("jefe", CLAVE)
    aud = AuditoriaService(con_usuario(srv, jefe).ctx)
    assert aud.contar() > 0 and {f.usuario for f in aud.buscar(usuario="administrador")} == {"administrador"}
    assert aud.exportar_xlsx(FiltroAuditoria(), tmp_path / "a.xlsx") == aud.contar()
    for sql in ("UPDATE auditoria SET usuario = 'otro'", "DELETE FROM auditoria"):
        with pytest.raises(DatabaseError, match="no se modifica ni se elimina"), srv.ctx.tx("x") as s:
            s.execute(text(sql))
