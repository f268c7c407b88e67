"""Debtors natural or jurídica (with representante legal), co-obligados, carátula fields."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.domain.permisos import Rol, UsuarioActual
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.deudores import CalidadCoobligado, DeudoresService, TipoPersona
from app.storage.models import Expediente, Secretario
from tests.services.test_actos import abrir_juicios, como

SOCIEDAD = "1760004650001"  # RUC of a sociedad (third digit 6): persona jurídica
PERSONA = "1710034065"  # cédula


@pytest.fixture
def juicios(con_secretarios: Servicios) -> tuple[Servicios, list[str]]:
    return con_secretarios, abrir_juicios(con_secretarios, 2)


def test_persona_juridica_needs_a_representante_with_a_valid_cedula(juicios: tuple[Servicios, list[str]]) -> None:
    srv, _ = juicios
    d = DeudoresService(srv.ctx)
    with pytest.raises(ValidationError, match="Indique el representante legal"):
        d.actualizar(SOCIEDAD, tipo_persona="JURIDICA")
    with pytest.raises(ValidationError, match="Cédula del representante legal: «1710034066» no es una cédula"):
        d.actualizar(SOCIEDAD, tipo_persona="JURIDICA", representante_legal="Pedro Vera",
                     representante_cedula="1710034066")
    r = d.actualizar(SOCIEDAD, tipo_persona=TipoPersona.JURIDICA, representante_legal="  Pedro Vera ",
                     representante_cedula="0602910945", direccion="Av. 10 de Agosto N24-12, Quito")
    assert (r.tipo_persona, r.representante_legal, r.representante_cedula, r.direccion) == (
        TipoPersona.JURIDICA, "Pedro Vera", "0602910945", "Av. 10 de Agosto N24-12, Quito")
    assert d.datos(SOCIEDAD) == r
    with pytest.raises(ValidationError, match="es de una sociedad: corresponde a una persona jurídica"):
        d.actualizar(SOCIEDAD, tipo_persona="NATURAL")


def test_persona_natural_has_no_representante(juicios: tuple[Servicios, list[str]]) -> None:
    srv, _ = juicios
    d = DeudoresService(srv.ctx)
    with pytest.raises(ValidationError, match="es una cédula: corresponde a una persona natural"):
        d.actualizar(PERSONA, tipo_persona="JURIDICA", representante_legal="X")
    with pytest.raises(ValidationError, match="Una persona natural no tiene representante legal"):
        d.actualizar(PERSONA, representante_legal="Alguien")
    assert d.actualizar(PERSONA, direccion="Calle Larrea 21-40").direccion == "Calle Larrea 21-40"
    with pytest.raises(NotFoundError, match="No existe un deudor con cédula/RUC 0602910945"):
        d.actualizar("0602910945", direccion="x")


def test_co_obligados_of_an_expediente(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    d = DeudoresService(srv.ctx)
    g = d.agregar_coobligado(n[0], "0602910945", "  Luis   Alberto Cando ", "garante", "Calle Colón 22-10")
    r = d.agregar_coobligado(n[0], "0926687856001", "Rosa Elena Mora", CalidadCoobligado.RESPONSABLE_SOLIDARIO)
    assert [(c.nombre, c.calidad) for c in d.coobligados(n[0])] == [
        ("Luis Alberto Cando", CalidadCoobligado.GARANTE), ("Rosa Elena Mora", CalidadCoobligado.RESPONSABLE_SOLIDARIO)]
    assert g.direccion == "Calle Colón 22-10" and r.identificacion == "0926687856001"
    assert d.coobligados(n[1]) == []
    with pytest.raises(ValidationError, match="ya es co-obligado"):
        d.agregar_coobligado(n[0], "0602910945", "Luis Cando", "GARANTE")
    with pytest.raises(ValidationError, match="es el deudor del juicio"):
        d.agregar_coobligado(n[0], SOCIEDAD, "Comercial Ñandú", "GARANTE")
    with pytest.raises(ValidationError, match="dígito verificador"):
        d.agregar_coobligado(n[0], "0602910946", "X", "GARANTE")
    with pytest.raises(ValidationError, match="Calidad «FIADOR» desconocida"):
        d.agregar_coobligado(n[0], "0603001231", "X", "FIADOR")
    ActosService(srv.ctx).registrar(n[1], TipoActo.BAJA, srv.expedientes.caratula(n[1]).fecha_inicio)
    with pytest.raises(RuleError, match="está cerrado"):
        d.agregar_coobligado(n[1], "0603001231", "Ana Paz", "GARANTE")


def test_caratula_fields_and_who_may_change_them(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    r = DeudoresService(srv.ctx).actualizar_caratula(n[0], casilla_judicial="Casilla 245 Riobamba",
                                                      abogado_deudor="Ab.  Marco Tapia")
    assert (r.casilla_judicial, r.abogado_deudor) == ("Casilla 245 Riobamba", "Ab. Marco Tapia")
    with srv.ctx.read() as s:
        dueno = s.scalar(select(Expediente.secretario_id).where(Expediente.numero == n[0]))
        otro = s.scalar(select(Secretario.id).where(Secretario.id != dueno, Secretario.id.not_in(
            select(Expediente.secretario_id).where(Expediente.numero == n[1]))))
    ajeno = como(srv, UsuarioActual("carlos", Rol.SECRETARIO, secretario_id=otro))
    with pytest.raises(PermissionDenied, match="expedientes a su cargo"):
        DeudoresService(ajeno.ctx).actualizar_caratula(n[0], casilla_judicial="otra")
    deudor = srv.expedientes.caratula(n[0]).identificacion
    with pytest.raises(PermissionDenied, match="expedientes a su cargo"):
        DeudoresService(ajeno.ctx).actualizar(deudor, direccion="otra")
    suyo = como(srv, UsuarioActual("ana", Rol.SECRETARIO, secretario_id=dueno))
    assert DeudoresService(suyo.ctx).actualizar(deudor, direccion="Nueva 1").direccion == "Nueva 1"
