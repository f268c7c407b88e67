"""A standalone office joining the central server gets the users IT had already created for it there.

The join uploads the desktop's rows and starts the pull after the upload, so rows the server held before (the
user rows ``central usuario`` writes) never came: the jefe who joined could not log in on that desktop with his
server password, and a user IT created with the login he already had on the desktop made the join fail.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.services.usuarios import UsuariosService
from app.storage.models import Expediente, Usuario
from app.storage.models_bienes import Depositario
from tests.conftest import CEDULAS
from tests.cuentas import CLAVE, hasher_rapido
from tests.sync.conftest import Central
from tests.sync.test_sync_basico import _oficina_con_juicios

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CLAVE_SERVIDOR = "clave-del-servidor-2026"


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _logins(srv: Servicios) -> dict[str, object]:
    with srv.ctx.read() as s:
        return dict(s.execute(select(Usuario.login, Usuario.id)).all())


def test_the_jefe_who_joins_his_office_logs_in_there_with_the_server_password(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a)
    servidor = servidor_central.usuario("jefe", Rol.JEFE)  # IT creates his account before the office joins
    a.sincronizacion.configurar(servidor)
    r = a.sincronizacion.sincronizar(CLAVE_SERVIDOR)
    assert r.subida_inicial > 0 and r.pendientes == 0
    assert servidor.usuario in _logins(a)
    u = UsuariosService(a.ctx).autenticar(servidor.usuario, CLAVE_SERVIDOR)
    assert u.rol is Rol.JEFE


def test_a_user_with_the_same_login_on_the_desktop_and_the_server_is_one_person(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a)
    login = f"depo_{servidor_central.sufijo}"
    UsuariosService(a.ctx).crear(login, "Diego Ortiz", Rol.DEPOSITARIO, cedula=CEDULAS[3], clave=CLAVE,
                                 debe_cambiar_clave=False)
    a.depositarios.crear("Diego Ortiz", CEDULAS[3], login=login)
    servidor_central.usuario("depo", Rol.DEPOSITARIO)  # IT gives him the same login on the server
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()

    with servidor_central.engine.connect() as pg:
        del_servidor = pg.execute(select(Usuario.id).where(Usuario.login == login)).scalars().all()
        con_clave = pg.execute(select(Usuario.password_hash).where(Usuario.login == login)).scalar()
    assert len(del_servidor) == 1
    assert _logins(a)[login] == del_servidor[0]
    assert con_clave is not None  # his password travelled: the office's other desktops let him in too
    with a.ctx.read() as s:
        assert s.scalar(select(Depositario.usuario_id).where(Depositario.cedula == CEDULAS[3])) == del_servidor[0]
    # He keeps logging in on this desktop with his password, as the depositario he is.
    assert UsuariosService(a.ctx).autenticar(login, CLAVE).rol is Rol.DEPOSITARIO
    assert a.sincronizacion.sincronizar().pendientes == 0


def test_a_join_cut_before_its_upload_finished_uploads_at_the_next_sync(
    servidor_central: Central, escritorio: Callable[[str], Servicios], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A power cut while a standalone office joins (its upload of a large office takes a minute): the next sync
    finishes the upload instead of treating the desktop as joined with its data left behind."""
    from app.sync import ciclo

    a = escritorio("a")
    _oficina_con_juicios(a)
    with a.ctx.read() as s:
        numeros = sorted(s.scalars(select(Expediente.numero)))
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    subir = ciclo._subida_inicial

    def cortada(*args: object, **kwargs: object) -> object:
        raise ConnectionAbortedError("corte de luz durante la subida")

    monkeypatch.setattr(ciclo, "_subida_inicial", cortada)
    with pytest.raises(ConnectionAbortedError):
        a.sincronizacion.sincronizar()
    monkeypatch.setattr(ciclo, "_subida_inicial", subir)
    r = a.sincronizacion.sincronizar()
    assert r.subida_inicial > 0 and r.pendientes == 0
    with servidor_central.engine.connect() as pg:
        assert sorted(pg.execute(select(Expediente.numero)).scalars()) == numeros

    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    for numero in numeros:
        assert b.foliacion.verificar(numero).intacta


def test_a_secretario_created_on_both_keeps_his_expedientes_and_his_name(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a)
    login = f"sec_{servidor_central.sufijo}"
    UsuariosService(a.ctx).crear(login, "María José Paredes", Rol.SECRETARIO, cedula=CEDULAS[2], clave=CLAVE,
                                 debe_cambiar_clave=False)
    with a.ctx.read() as s:
        secretario = s.scalar(select(Usuario.secretario_id).where(Usuario.login == login))
    assert secretario is not None
    servidor_central.usuario("sec", Rol.SECRETARIO)  # IT's row: his login and role, no name, no secretario
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()

    with a.ctx.read() as s:
        u = s.scalars(select(Usuario).where(Usuario.login == login)).one()
        assert (u.nombres, u.secretario_id, u.cedula) == ("María José Paredes", secretario, CEDULAS[2])
    with servidor_central.engine.connect() as pg:  # and the server knows him the same way
        assert pg.execute(select(Usuario.nombres, Usuario.secretario_id).where(Usuario.login == login)).one() == (
            "María José Paredes", secretario)
    assert UsuariosService(a.ctx).autenticar(login, CLAVE).secretario_id == secretario


def test_a_login_role_completes_only_an_untouched_placeholder_of_its_own_office(servidor_central: Central) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from app.sync.conexion import motor

    jefe = servidor_central.usuario("jefe", Rol.JEFE)
    servidor_central.usuario("nuevo", Rol.SECRETARIO)
    servidor_central.usuario("otro", Rol.SECRETARIO, oficina="0901")  # another office
    with servidor_central.engine.begin() as c:
        ids = dict(c.execute(select(Usuario.login, Usuario.id)).all())
        c.execute(text("UPDATE usuario SET nombres = 'Ya completado', row_version = 2 WHERE login = :l"),
                  {"l": jefe.usuario})
    sufijo = servidor_central.sufijo
    e = motor(jefe)
    try:
        with e.begin() as pg:
            def completar(login: str) -> bool:
                return bool(pg.execute(text("SELECT foja_completar_usuario(:i, 'X', '', '', '', NULL)"),
                                       {"i": ids[login]}).scalar())

            assert completar(f"nuevo_{sufijo}")  # IT's untouched row of his office
            assert not completar(jefe.usuario)  # already changed since IT wrote it
            assert not completar(f"otro_{sufijo}")  # another office's
            with pytest.raises(DBAPIError, match="permission denied"):
                pg.execute(text("UPDATE usuario SET nombres = 'Y' WHERE login = :l"), {"l": f"nuevo_{sufijo}"})
    finally:
        e.dispose()
