"""Users: first administrador, login with lock-out, accounts kept by the administrador, one's own password."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.common.dates import utcnow
from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.domain import claves
from app.domain.permisos import SISTEMA, Rol, UsuarioActual
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario, contexto_de
from app.services.usuarios import MENSAJE_CREDENCIALES, UsuariosService
from app.storage.models import Auditoria, Outbox, Secretario, Usuario
from app.storage.models_fiabilidad import IntentoAcceso
from tests.conftest import CEDULAS
from tests.cuentas import CLAVE, crear_usuarios, hasher_rapido


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


@pytest.fixture
def us(servicios: Servicios) -> UsuariosService:
    return UsuariosService(servicios.ctx)


@pytest.fixture
def con_admin(us: UsuariosService) -> UsuarioActual:
    return us.crear_administrador_inicial("admin", "Administradora General", "Primera-clave-1")


def _como(us: UsuariosService, u: UsuarioActual) -> UsuariosService:
    return UsuariosService(contexto_de(us.ctx, u))


# -- first start --------------------------------------------------------------------------------------------


def test_first_start_has_no_administrador_and_no_default_password(us: UsuariosService) -> None:
    assert not us.hay_administrador()
    with us.ctx.read() as s:
        assert s.scalars(select(Usuario)).all() == []
    with pytest.raises(ValidationError, match="incorrectos"):
        us.autenticar("admin", "admin")


def test_first_administrador_once(us: UsuariosService) -> None:
    with pytest.raises(ValidationError, match="al menos 10"):
        us.crear_administrador_inicial("admin", "Administradora", "corta1")
    u = us.crear_administrador_inicial("Admin", "Administradora General", "Primera-clave-1")
    assert u.login == "admin" and u.rol is Rol.ADMINISTRADOR and not u.sistema and u.id is not None
    assert us.hay_administrador()
    with pytest.raises(RuleError, match="Ya existe un administrador"):
        us.crear_administrador_inicial("otro", "Otro", "Primera-clave-2")
    assert us.autenticar("admin", "Primera-clave-1").login == "admin"
    with us.ctx.read() as s:
        a = s.scalars(select(Auditoria).where(Auditoria.tabla == "usuario")).one()
    assert a.usuario == "admin" and a.accion == "crear administrador inicial"


def test_first_administrador_after_migrated_secretarios(con_secretarios: Servicios) -> None:
    # Secretario users exist (no passwords) but no administrador: the first start still asks for one.
    us = UsuariosService(con_secretarios.ctx)
    assert not us.hay_administrador()
    us.crear_administrador_inicial("admin", "Administradora", "Primera-clave-1")
    assert us.hay_administrador()


# -- login --------------------------------------------------------------------------------------------------


def test_login_is_case_insensitive_and_returns_the_acting_user(us: UsuariosService, con_admin: UsuarioActual) -> None:
    u = us.autenticar("  ADMIN ", "Primera-clave-1")
    assert u == con_admin


def test_failures_do_not_say_whether_the_login_exists(con_secretarios: Servicios) -> None:
    us = UsuariosService(con_secretarios.ctx)
    us.crear_administrador_inicial("admin", "Administradora", "Primera-clave-1")
    mensajes = []
    for login, clave in [("admin", "equivocada-1"), ("no.existe", "equivocada-1"), ("ana.guaman", "cualquiera-1"),
                         ("", "x")]:
        with pytest.raises(ValidationError) as exc:
            us.autenticar(login, clave)
        mensajes.append(exc.value.message)
    assert set(mensajes) == {MENSAJE_CREDENCIALES}


def test_lock_out_after_repeated_failures(us: UsuariosService, con_admin: UsuarioActual) -> None:
    ahora = utcnow()
    for _ in range(claves.MAX_INTENTOS - 1):
        with pytest.raises(ValidationError):
            us.autenticar("admin", "equivocada-1", ahora=ahora)
    with pytest.raises(PermissionDenied, match="Cuenta bloqueada por 5 intentos fallidos"):
        us.autenticar("admin", "equivocada-1", ahora=ahora)
    # Locked: even the right password is refused, with the time it unlocks.
    with pytest.raises(PermissionDenied, match=r"Intente de nuevo a las \d\d:\d\d \(en 15 min\)"):
        us.autenticar("admin", "Primera-clave-1", ahora=ahora)
    # After the lock time it works again, and the counters are reset.
    assert us.autenticar("admin", "Primera-clave-1", ahora=ahora + claves.DURACION_BLOQUEO).login == "admin"
    with us.ctx.read() as s:
        u = s.scalars(select(Usuario).where(Usuario.login == "admin")).one()
        fallos = s.scalars(select(Auditoria).where(Auditoria.accion == "intento de acceso fallido")).all()
    assert u.intentos_fallidos == 0 and u.bloqueado_hasta is None
    assert len(fallos) == claves.MAX_INTENTOS and {a.usuario for a in fallos} == {"admin"}


def test_unknown_logins_are_locked_out_like_real_ones(us: UsuariosService, con_admin: UsuarioActual) -> None:
    ahora = utcnow()
    for _ in range(claves.MAX_INTENTOS - 1):
        with pytest.raises(ValidationError):
            us.autenticar("fantasma", "equivocada-1", ahora=ahora)
    with pytest.raises(PermissionDenied, match="Cuenta bloqueada"):
        us.autenticar("fantasma", "equivocada-1", ahora=ahora)
    with pytest.raises(PermissionDenied, match="Cuenta bloqueada"):
        us.autenticar("fantasma", "equivocada-1", ahora=ahora + timedelta(minutes=1))


def test_a_migrated_secretario_cannot_log_in_until_a_password_is_set(con_secretarios: Servicios) -> None:
    us = UsuariosService(con_secretarios.ctx)
    datos = {u.login: u for u in us.listar()}
    ana = datos["ana.guaman"]
    assert ana.rol is Rol.SECRETARIO and not ana.tiene_clave and ana.debe_cambiar_clave
    assert ana.estado == "Sin contraseña"
    with pytest.raises(ValidationError, match="pida al administrador"):
        us.autenticar("ana.guaman", "")
    us.restablecer_clave("ana.guaman", "Asignada-por-admin-1")
    u = us.autenticar("ana.guaman", "Asignada-por-admin-1")
    assert u.debe_cambiar_clave and u.secretario_id == ana.secretario_id


def test_deactivated_account(us: UsuariosService, con_admin: UsuarioActual) -> None:
    admin = _como(us, con_admin)
    admin.crear("jefe", "Jefe de Unidad", Rol.JEFE, clave=CLAVE)
    admin.desactivar("jefe")
    with pytest.raises(PermissionDenied, match="desactivada"):
        us.autenticar("jefe", CLAVE)
    with pytest.raises(ValidationError, match="incorrectos"):  # says nothing more without the password
        us.autenticar("jefe", "equivocada-1")
    admin.activar("jefe")
    assert us.autenticar("jefe", CLAVE).rol is Rol.JEFE


# -- accounts -----------------------------------------------------------------------------------------------


def test_only_the_administrador_creates_users(con_secretarios: Servicios) -> None:
    usuarios = crear_usuarios(con_secretarios)
    for rol, u in usuarios.items():
        svc = UsuariosService(contexto_de(con_secretarios.ctx, u))
        if rol is Rol.ADMINISTRADOR:
            svc.crear(f"nuevo.{rol.name.lower()}", "Nuevo", Rol.CITADOR)
            assert len(svc.listar()) == 9
        else:
            with pytest.raises(PermissionDenied, match="no puede administrar usuarios"):
                svc.crear(f"nuevo.{rol.name.lower()}", "Nuevo", Rol.CITADOR)
            with pytest.raises(PermissionDenied, match="administrar usuarios"):
                svc.listar()


def test_a_secretario_user_links_or_creates_his_secretario_row(con_secretarios: Servicios) -> None:
    us = UsuariosService(con_secretarios.ctx)
    # A new lawyer: his Secretario row is created (he takes part in the next sorteo).
    nuevo = us.crear("pedro.paz", "Pedro Paz", Rol.SECRETARIO, cedula=CEDULAS[3], clave=CLAVE, externo=False)
    with us.ctx.read() as s:
        x = s.get_one(Secretario, nuevo.secretario_id)
    assert x.cedula == CEDULAS[3] and not x.externo and x.activo
    assert nuevo.debe_cambiar_clave  # an assigned password must be changed
    # A secretario that already has a user (made with him): refused, with the login to use.
    with pytest.raises(ValidationError, match=r"ya tiene el usuario «ana\.guaman»"):
        us.crear("ana2", "Ana Lucía Guamán", Rol.SECRETARIO, cedula=CEDULAS[0])
    with pytest.raises(ValidationError, match="Cédula inválida"):
        us.crear("sin.cedula", "Sin Cédula", Rol.SECRETARIO)
    with pytest.raises(ValidationError, match="ya existe"):
        us.crear("pedro.paz", "Otro", Rol.JEFE)
    with pytest.raises(ValidationError, match="Nombre de usuario inválido"):
        us.crear("Pedro Paz", "Otro", Rol.JEFE)


def test_a_secretario_registered_the_old_way_gets_a_user(servicios: Servicios) -> None:
    x = servicios.secretarios.crear("María José Paredes", CEDULAS[2])
    servicios.secretarios.crear("María Paredes", CEDULAS[3])
    us = UsuariosService(servicios.ctx)
    por_login = {u.login: u for u in us.listar()}
    assert por_login["maria.paredes"].secretario_id == x.id
    assert "maria.paredes2" in por_login
    assert not por_login["maria.paredes"].tiene_clave


def test_reset_password_unlocks_and_forces_a_change(us: UsuariosService, con_admin: UsuarioActual) -> None:
    admin = _como(us, con_admin)
    admin.crear("jefe", "Jefe", Rol.JEFE, clave=CLAVE, debe_cambiar_clave=False)
    for _ in range(claves.MAX_INTENTOS - 1):
        with pytest.raises(ValidationError):
            us.autenticar("jefe", "equivocada-1")
    with pytest.raises(PermissionDenied):
        us.autenticar("jefe", "equivocada-1")
    assert admin.obtener("jefe").estado == "Bloqueado"
    d = admin.restablecer_clave("jefe", "Nueva-clave-123")
    assert d.estado == "Debe cambiar la contraseña"
    assert us.autenticar("jefe", "Nueva-clave-123").debe_cambiar_clave
    with pytest.raises(NotFoundError):
        admin.restablecer_clave("nadie", "Nueva-clave-123")
    with pytest.raises(ValidationError, match="dígito"):
        admin.restablecer_clave("jefe", "sin-digitos-aqui")


def test_unlock(us: UsuariosService, con_admin: UsuarioActual) -> None:
    admin = _como(us, con_admin)
    admin.crear("jefe", "Jefe", Rol.JEFE, clave=CLAVE, debe_cambiar_clave=False)
    for _ in range(claves.MAX_INTENTOS):
        with pytest.raises((ValidationError, PermissionDenied)):
            us.autenticar("jefe", "equivocada-1")
    admin.desbloquear("jefe")
    assert us.autenticar("jefe", CLAVE).login == "jefe"


def test_change_own_password(us: UsuariosService, con_admin: UsuarioActual) -> None:
    admin = _como(us, con_admin)
    admin.crear("jefe", "Jefe", Rol.JEFE, clave=CLAVE)
    jefe = us.autenticar("jefe", CLAVE)
    assert jefe.debe_cambiar_clave
    propio = _como(us, jefe)
    with pytest.raises(ValidationError, match="actual no es correcta"):
        propio.cambiar_mi_clave("equivocada-1", "Otra-clave-456")
    with pytest.raises(ValidationError, match="distinta"):
        propio.cambiar_mi_clave(CLAVE, CLAVE)
    with pytest.raises(ValidationError, match="al menos 10"):
        propio.cambiar_mi_clave(CLAVE, "corta1")
    propio.cambiar_mi_clave(CLAVE, "Otra-clave-456")
    u = us.autenticar("jefe", "Otra-clave-456")
    assert not u.debe_cambiar_clave
    with pytest.raises(ValidationError):
        us.autenticar("jefe", CLAVE)
    with us.ctx.read() as s:
        a = s.scalars(select(Auditoria).where(Auditoria.accion == "cambiar contraseña propia")).one()
    assert a.usuario == "jefe"


def test_the_command_line_has_no_password_to_change(us: UsuariosService) -> None:
    assert us.ctx.usuario is SISTEMA
    with pytest.raises(RuleError, match="línea de comandos"):
        us.cambiar_mi_clave("x", "Otra-clave-456")


def test_deactivation_rules(con_secretarios: Servicios) -> None:
    us = UsuariosService(con_secretarios.ctx)
    admin_u = us.crear_administrador_inicial("admin", "Administradora", "Primera-clave-1")
    admin = _como(us, admin_u)
    with pytest.raises(RuleError, match="propia cuenta"):
        admin.desactivar("admin")
    with pytest.raises(RuleError, match="único administrador"):
        us.desactivar("admin")  # the command line, on the last active administrador
    # A secretario-abogado deactivated takes no part in new sorteos.
    d = admin.desactivar("ana.guaman")
    assert not d.activo
    assert "Ana Lucía Guamán" not in {x.nombres for x in con_secretarios.secretarios.listar(solo_activos=True)}
    admin.activar("ana.guaman")
    assert "Ana Lucía Guamán" in {x.nombres for x in con_secretarios.secretarios.listar(solo_activos=True)}


def test_password_hashes_are_argon2_and_never_in_the_audit(us: UsuariosService, con_admin: UsuarioActual) -> None:
    us.ctx.central = True  # joined to a central server: changes are queued in the outbox
    admin = _como(us, con_admin)
    admin.crear("jefe", "Jefe", Rol.JEFE, clave=CLAVE)
    admin.restablecer_clave("jefe", "Nueva-clave-123")
    with us.ctx.read() as s:
        hashes = s.scalars(select(Usuario.password_hash)).all()
        auditoria = s.scalars(select(Auditoria).where(Auditoria.tabla == "usuario")).all()
        outbox = s.scalars(select(Outbox).where(Outbox.tabla == "usuario")).all()
    assert all(h is not None and h.startswith("$argon2id$") for h in hashes)
    texto = json.dumps([[a.antes, a.despues] for a in auditoria])
    assert "$argon2" not in texto and CLAVE not in texto
    reset = next(a for a in auditoria if a.accion == "restablecer contraseña")
    assert reset.antes is not None and reset.despues is not None
    assert reset.antes["password_hash"] == "«oculto»" and reset.despues["password_hash"] == "«oculto, cambiado»"
    # The outbox carries the hash (offline login at the office's other desktops, design.md §3).
    assert any(str(o.datos.get("password_hash", "")).startswith("$argon2id$") for o in outbox)


def test_rehash_when_the_parameters_change(us: UsuariosService, con_admin: UsuarioActual,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from app.services import usuarios as mod

    with us.ctx.read() as s:
        antes = s.scalar(select(Usuario.password_hash).where(Usuario.login == "admin"))
    monkeypatch.setattr(mod, "HASHER", PasswordHasher(time_cost=2, memory_cost=16, parallelism=1))
    us.autenticar("admin", "Primera-clave-1")
    with us.ctx.read() as s:
        despues = s.scalar(select(Usuario.password_hash).where(Usuario.login == "admin"))
    assert antes != despues and "t=2" in (despues or "")
    assert us.autenticar("admin", "Primera-clave-1").login == "admin"


def test_con_usuario_rebinds_every_service(con_secretarios: Servicios) -> None:
    usuarios = crear_usuarios(con_secretarios)
    jefe = con_usuario(con_secretarios, usuarios[Rol.JEFE])
    assert jefe.ctx.usuario == usuarios[Rol.JEFE] and jefe.ctx.engine is con_secretarios.ctx.engine
    for nombre in vars(jefe):
        svc = getattr(jefe, nombre)
        if hasattr(svc, "ctx"):
            assert svc.ctx.usuario is usuarios[Rol.JEFE], nombre
    with pytest.raises(PermissionDenied, match="administrar secretarios"):
        jefe.secretarios.crear("Nuevo Abogado", CEDULAS[3])


def _fallos(us: UsuariosService, login: str, ahora: object, n: int) -> list[tuple[type, str]]:
    out: list[tuple[type, str]] = []
    for _ in range(n):
        try:
            us.autenticar(login, "equivocada-1", ahora=ahora)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as exc:
            out.append((type(exc), exc.message.replace(f"«{login}»", "«…»")))
    return out


def test_an_unknown_login_is_indistinguishable_and_its_count_survives_a_restart(
    servicios: Servicios, us: UsuariosService, con_admin: UsuarioActual,
) -> None:
    from app.services.bootstrap import abrir

    ahora = utcnow()
    # The same sequence of answers for a real login and an unknown one: same messages, same lock-out.
    real = _fallos(us, "admin", ahora, claves.MAX_INTENTOS + 1)
    # The unknown login's failures are spread over three processes (each opens the folder anew).
    desconocido = []
    for n in (2, 2, 2):
        otra = abrir(servicios.ctx.paths)
        try:
            desconocido += _fallos(UsuariosService(otra.ctx), "fantasma", ahora, n)
        finally:
            otra.close()
    assert desconocido == real
    assert real[-1][0] is PermissionDenied and real[0] == (ValidationError, MENSAJE_CREDENCIALES)
    with us.ctx.read() as s:
        fallos = s.scalars(select(Auditoria).where(Auditoria.accion == "intento de acceso fallido")).all()
    # Each failure wrote one row, for the real login as for the unknown one (the lock refusals write none).
    assert sorted(a.usuario for a in fallos) == ["admin"] * claves.MAX_INTENTOS + ["fantasma"] * claves.MAX_INTENTOS
    with us.ctx.read() as s:  # kept in the database, not in a process's memory
        intento = s.scalars(select(IntentoAcceso).where(IntentoAcceso.login == "fantasma")).one()
    assert intento.bloqueado_hasta is not None and intento.bloqueado_hasta > ahora
