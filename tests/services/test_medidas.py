"""Medidas cautelares: oficios with addressee, date sent, reply and amount retained; pending replies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.permisos import Rol, UsuarioActual
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.foliacion import agregar_documento_en
from app.services.medidas import EstadoMedida, MedidasService, TipoMedida, vincular_documento_en
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Expediente, Secretario
from tests.services.test_actos import abrir_juicios, acto_con_documento, como, etapa, rpv_notificada

SB_SEPS = "Superintendencia de Bancos y Superintendencia de Economía Popular y Solidaria (SEPS)"


@pytest.fixture
def juicios(con_secretarios: Servicios) -> tuple[Servicios, list[str]]:
    srv = con_secretarios
    numeros = abrir_juicios(srv, 3)
    for n in numeros[:2]:
        rpv_notificada(srv, n)
        acto_con_documento(srv, n, TipoActo.OPI, date(2025, 2, 20))
    return srv, numeros


def test_ordering_a_medida_with_the_opi_moves_to_medidas_cautelares(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    m = MedidasService(srv.ctx)
    r = m.ordenar(n[0], "RETENCION", fecha_envio=date(2025, 2, 21), oficio_numero="IESS-UPGC-2025-0042")
    assert (r.tipo, r.destinatario, r.estado, r.fecha_envio) == (
        TipoMedida.RETENCION, SB_SEPS, EstadoMedida.PENDIENTE, date(2025, 2, 21))
    v = m.ordenar(n[0], TipoMedida.PROHIBICION_INMUEBLE, fecha_envio=date(2025, 2, 21))
    assert v.destinatario == "Registro de la Propiedad del cantón Riobamba"
    assert etapa(srv, n[0]) is Etapa.MEDIDAS_CAUTELARES
    hist = ActosService(srv.ctx).historial(n[0])[2:]  # after the RPV and its notification
    assert [(h.tipo, h.etapa_nueva) for h in hist] == [
        (TipoActo.OPI, Etapa.OPI), (TipoActo.MEDIDA_CAUTELAR, Etapa.MEDIDAS_CAUTELARES),
        (TipoActo.MEDIDA_CAUTELAR, None)]
    assert hist[1].datos["medida_id"] == str(r.id)
    assert [x.tipo for x in m.listar(n[0])] == [TipoMedida.RETENCION, TipoMedida.PROHIBICION_INMUEBLE]


def test_no_medidas_before_the_opi(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    with pytest.raises(RuleError, match="No se puede ordenar medidas cautelares: el juicio está en etapa Sorteado"):
        MedidasService(srv.ctx).ordenar(n[2], "RETENCION", fecha_envio=date(2025, 2, 21))
    assert MedidasService(srv.ctx).listar(n[2]) == []
    with pytest.raises(ValidationError, match="Tipo de medida «EMBARGO» desconocido"):
        MedidasService(srv.ctx).ordenar(n[0], "EMBARGO")


def test_reply_with_amount_retained_and_scan(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    m = MedidasService(srv.ctx)
    r = m.ordenar(n[0], "RETENCION", fecha_envio=date(2025, 2, 21))
    with pytest.raises(ValidationError, match="no puede ser anterior al envío"):
        m.registrar_respuesta(r.id, date(2025, 2, 20), "Retenido")
    with pytest.raises(ValidationError, match="dos decimales"):
        m.registrar_respuesta(r.id, date(2025, 3, 3), "Retenido", Decimal("10.005"))
    resp = m.registrar_respuesta(r.id, date(2025, 3, 3), "Banco Pichincha: retenidos USD 1.242,50",
                                 Decimal("1242.50"), adjunto=("respuesta_sb.jpg", b"scan"))
    assert (resp.estado, resp.monto_retenido, resp.fecha_respuesta, resp.dias_sin_respuesta) == (
        EstadoMedida.RESPONDIDA, Decimal("1242.50"), date(2025, 3, 3), None)
    assert srv.foliacion.indice(n[0])[-1].tipo == "RESPUESTA_MEDIDA"
    with pytest.raises(RuleError, match="ya está respondida"):
        m.registrar_respuesta(r.id, date(2025, 3, 4), "Otra")
    ant = m.ordenar(n[0], "PROHIBICION_VEHICULO", fecha_envio=date(2025, 2, 21))
    with pytest.raises(ValidationError, match="Solo una retención de fondos tiene monto"):
        m.registrar_respuesta(ant.id, date(2025, 3, 3), "Registra un vehículo", Decimal("10"))


def test_pending_replies_oldest_first_per_secretario(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    m = MedidasService(srv.ctx)
    b = m.ordenar(n[1], "PROHIBICION_VEHICULO", fecha_envio=date(2025, 2, 25))
    a = m.ordenar(n[0], "RETENCION", fecha_envio=date(2025, 2, 21))
    c = m.ordenar(n[0], "PROHIBICION_INMUEBLE", fecha_envio=date(2025, 2, 22))
    m.registrar_respuesta(c.id, date(2025, 3, 1), "No registra bienes")
    pend = m.pendientes(hoy=date(2025, 3, 3))
    assert [(p.id, p.dias_sin_respuesta) for p in pend] == [(a.id, 10), (b.id, 6)]
    with srv.ctx.read() as s:
        cedula = s.scalar(select(Secretario.cedula).join(Expediente, Expediente.secretario_id == Secretario.id)
                          .where(Expediente.numero == n[1]))
    assert b.id in [p.id for p in m.pendientes(cedula)]
    assert all(p.juicio in {x for x in n} for p in m.pendientes(cedula))
    with pytest.raises(NotFoundError):
        m.pendientes("0999999999")


def test_lifting_a_medida_is_an_act(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    m = MedidasService(srv.ctx)
    r = m.ordenar(n[0], "RETENCION", fecha_envio=date(2025, 2, 21))
    with srv.ctx.tx("oficio") as s:
        e = expediente_por_numero(s, srv.ctx.office_id, n[0])
        doc, _ = agregar_documento_en(s, srv.ctx, e, tipo="OFICIO_LEVANTAMIENTO", descripcion="Oficio",
                                      fecha=date(2025, 4, 1), data=b"oficio", nombre_archivo="o.docx", hojas=1)
        vincular_documento_en(s, r.id, doc.id, levantamiento=True)
        doc_id = doc.id
    lev = m.levantar(r.id, date(2025, 4, 1))
    assert (lev.estado, lev.levantada_en, lev.levantamiento_documento_id) == (
        EstadoMedida.LEVANTADA, date(2025, 4, 1), doc_id)
    assert ActosService(srv.ctx).historial(n[0])[-1].tipo is TipoActo.LEVANTAMIENTO
    with pytest.raises(RuleError, match="ya fue levantada"):
        m.levantar(r.id, date(2025, 4, 2))
    assert m.pendientes() == []


def test_only_the_secretario_of_the_juicio_handles_its_medidas(juicios: tuple[Servicios, list[str]]) -> None:
    srv, n = juicios
    r = MedidasService(srv.ctx).ordenar(n[0], "RETENCION", fecha_envio=date(2025, 2, 21))
    with srv.ctx.read() as s:
        dueno = s.scalar(select(Expediente.secretario_id).where(Expediente.numero == n[0]))
        otro = s.scalar(select(Secretario.id).where(Secretario.id != dueno))
    ajeno = como(srv, UsuarioActual("carlos", Rol.SECRETARIO, secretario_id=otro))
    with pytest.raises(PermissionDenied, match="expedientes a su cargo"):
        MedidasService(ajeno.ctx).registrar_respuesta(r.id, date(2025, 3, 1), "Sin fondos", Decimal(0))
    suyo = como(srv, UsuarioActual("ana", Rol.SECRETARIO, secretario_id=dueno))
    assert MedidasService(suyo.ctx).registrar_respuesta(r.id, date(2025, 3, 1), "Sin fondos", Decimal(0)).estado \
        is EstadoMedida.RESPONDIDA
