"""The role/permission matrix (domain.md §1) and the account policy (login names, passwords, lock-out)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from app.domain import claves
from app.domain.permisos import PERMISOS, SISTEMA, Permiso, Rol, UsuarioActual, roles_con

SOLO = {
    Permiso.TITULOS_IMPORTAR: {Rol.JEFE},
    Permiso.SORTEO_REALIZAR: {Rol.JEFE},
    Permiso.FOLIACION_CORREGIR: {Rol.JEFE},
    Permiso.HONORARIOS_APROBAR: {Rol.JEFE},
    Permiso.EXPEDIENTE_TRAMITAR: {Rol.SECRETARIO},
    Permiso.NOTIFICACION_REGISTRAR: {Rol.SECRETARIO, Rol.CITADOR},
    Permiso.BIENES_REGISTRAR: {Rol.DEPOSITARIO},
    Permiso.USUARIOS_ADMINISTRAR: {Rol.ADMINISTRADOR},
    Permiso.SECRETARIOS_ADMINISTRAR: {Rol.ADMINISTRADOR},
    Permiso.PLANTILLAS_EDITAR: {Rol.ADMINISTRADOR},
    Permiso.TARIFAS_EDITAR: {Rol.ADMINISTRADOR},
    Permiso.FERIADOS_EDITAR: {Rol.ADMINISTRADOR},
    Permiso.OFICINA_CONFIGURAR: {Rol.ADMINISTRADOR},
    Permiso.AUDITORIA_VER: {Rol.JEFE, Rol.EJECUTOR, Rol.ADMINISTRADOR},
}


def test_every_permission_is_listed() -> None:
    assert set(SOLO) == set(Permiso)


@pytest.mark.parametrize("permiso", list(Permiso), ids=lambda p: p.name)
@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.name)
def test_matrix(rol: Rol, permiso: Permiso) -> None:
    u = UsuarioActual(login="x", rol=rol)
    assert u.puede(permiso) is (rol in SOLO[permiso])
    assert (permiso in PERMISOS[rol]) is (rol in SOLO[permiso])
    assert (rol in roles_con(permiso)) is (rol in SOLO[permiso])


def test_the_command_line_principal_may_do_everything_and_is_recorded_as_administrador() -> None:
    assert all(SISTEMA.puede(p) for p in Permiso)
    assert SISTEMA.login == "administrador" and SISTEMA.rol is Rol.ADMINISTRADOR
    assert not SISTEMA.limitado_a_sus_expedientes
    assert SISTEMA.puede_en(Permiso.EXPEDIENTE_TRAMITAR, uuid.uuid4())


def test_a_secretario_acts_only_on_his_own_expedientes() -> None:
    suyo, otro = uuid.uuid4(), uuid.uuid4()
    sec = UsuarioActual(login="ana", rol=Rol.SECRETARIO, secretario_id=suyo)
    assert sec.limitado_a_sus_expedientes
    assert sec.puede_en(Permiso.EXPEDIENTE_TRAMITAR, suyo)
    assert not sec.puede_en(Permiso.EXPEDIENTE_TRAMITAR, otro)
    assert sec.puede_en(Permiso.EXPEDIENTE_TRAMITAR, None)  # no expediente named: only the permission counts
    # Not linked to a Secretario row: no expediente is his.
    suelto = UsuarioActual(login="nadie", rol=Rol.SECRETARIO)
    assert not suelto.puede_en(Permiso.EXPEDIENTE_TRAMITAR, suyo)
    # A citador notifies on any expediente.
    cit = UsuarioActual(login="cit", rol=Rol.CITADOR)
    assert cit.puede_en(Permiso.NOTIFICACION_REGISTRAR, otro)


def test_role_labels_are_spanish() -> None:
    assert Rol.SECRETARIO.etiqueta == "Secretario-Abogado"
    assert Rol.JEFE.etiqueta == "Jefe de Unidad"


# -- account policy -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("nombres", "existentes", "esperado"), [
    ("Ana Lucía Guamán", (), "ana.guaman"),
    ("Ana Lucía Guamán", ("ana.guaman",), "ana.guaman2"),
    ("Ana Lucía Guamán", ("ana.guaman", "ana.guaman2"), "ana.guaman3"),
    ("  JOSÉ  Ñáñez ", (), "jose.nanez"),
    ("Sistema", (), "sistema2"),
    ("Li", (), "liu"),
    ("", (), "usuario"),
    ("123 Pérez", (), "u123.perez"),
])
def test_login_sugerido(nombres: str, existentes: tuple[str, ...], esperado: str) -> None:
    assert claves.login_sugerido(nombres, existentes) == esperado
    assert claves.validar_login(esperado) == esperado


@pytest.mark.parametrize("malo", ["ab", "1abc", "ana guaman", "ana@x", "sistema", "migracion", "a" * 61, "ñandú"])
def test_invalid_logins(malo: str) -> None:
    with pytest.raises(ValueError):
        claves.validar_login(malo)


def test_logins_are_case_insensitive() -> None:
    assert claves.validar_login("  Ana.Guaman ") == "ana.guaman"


@pytest.mark.parametrize(("clave", "falta"), [
    ("corta1", "al menos 10"),
    ("sindigitosaqui", "dígito"),
    ("1234567890", "letra"),
    (" espacios123 ", "espacios"),
    ("xana.guaman1", "nombre de usuario"),
])
def test_password_policy(clave: str, falta: str) -> None:
    problemas = claves.problemas_clave(clave, "ana.guaman")
    assert problemas and falta in claves.explicar_problemas(problemas)


def test_generated_passwords_meet_the_policy_and_differ() -> None:
    vistas = {claves.generar_clave() for _ in range(50)}
    assert len(vistas) == 50
    assert all(not claves.problemas_clave(c) for c in vistas)


def test_lock_out_after_max_failures() -> None:
    ahora = datetime(2025, 5, 13, 15, 0, tzinfo=UTC)
    intentos, hasta = 0, None
    for _ in range(claves.MAX_INTENTOS - 1):
        intentos, hasta = claves.tras_fallo(intentos, ahora)
        assert hasta is None
    intentos, hasta = claves.tras_fallo(intentos, ahora)
    assert intentos == 0 and hasta == ahora + claves.DURACION_BLOQUEO
    assert claves.bloqueado(hasta, ahora + timedelta(minutes=1))
    assert not claves.bloqueado(hasta, ahora + claves.DURACION_BLOQUEO)


def test_password_problems_read_as_spanish() -> None:
    assert claves.explicar_problemas(claves.problemas_clave("xana.guaman1", "ana.guaman")) == (
        "La contraseña no debe contener el nombre de usuario.")
    assert claves.explicar_problemas(claves.problemas_clave("ana.guaman", "ana.guaman")) == (
        "La contraseña debe incluir al menos un dígito y no debe contener el nombre de usuario.")
    assert claves.explicar_problemas(claves.problemas_clave("corta")) == (
        "La contraseña debe tener al menos 10 caracteres e incluir al menos un dígito.")
