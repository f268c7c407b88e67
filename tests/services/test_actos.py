"""Acts of an expediente through the services: stage moves, terms, history, permissions."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.permisos import Rol, UsuarioActual
from app.domain.terminos import TipoTermino
from app.domain.tipos import TipoActo
from app.services.actos import ActosService, registrar_acto_en
from app.services.bootstrap import Servicios, construir
from app.services.foliacion import agregar_documento_en
from app.services.notificaciones import NotificacionesService
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Auditoria, Expediente, Secretario
from app.storage.models_juicio import Acto, Termino
from tests.services.helpers import crear_titulos

TZ = ZoneInfo("America/Guayaquil")


def abrir_juicios(srv: Servicios, n: int = 2, fecha: date = date(2025, 2, 3)) -> list[str]:
    """``n`` expedientes drawn on ``fecha``; returns their juicio numbers."""
    crear_titulos(srv, n)
    r = srv.sorteo.realizar(semilla="actos", fecha=fecha)
    return [a.juicio for a in r.asignaciones]


def acto_con_documento(
    srv: Servicios, numero: str, tipo: TipoActo, fecha: date, datos: dict[str, Any] | None = None
) -> uuid.UUID:
    """What the documents service does: store and foliate a document, then record its act (same tx)."""
    with srv.ctx.tx(f"test: {tipo}") as s:
        e = expediente_por_numero(s, srv.ctx.office_id, numero)
        doc, _ = agregar_documento_en(
            s, srv.ctx, e, tipo=tipo.value, descripcion=f"{tipo.value} {fecha}", fecha=fecha,
            data=f"{tipo}-{numero}-{fecha}".encode(), nombre_archivo=f"{tipo.value}.docx", hojas=1,
        )
        return registrar_acto_en(s, srv.ctx, e, tipo=tipo, fecha=fecha, documento_id=doc.id, datos=datos).id


def notificar_opi(srv: Servicios, numero: str, cuando: datetime, efectiva: bool = True, intento: int = 1) -> None:
    NotificacionesService(srv.ctx).registrar(
        numero, intento=intento, forma="PERSONAL", fecha_hora=cuando, direccion="Av. Daniel León Borja 12-34",
        efectiva=efectiva,
    )


def rpv_notificada(srv: Servicios, numero: str, fecha: date = date(2025, 2, 3),
                   notificada: datetime = datetime(2025, 2, 3, 15, 0, tzinfo=TZ)) -> None:
    """The RPV (act with its document) and its personal notification to the coactivado, which starts its 10
    días hábiles (COA art. 271): from 03/02/2025 they run to 17/02/2025, so an OPI may follow from 18/02."""
    acto_con_documento(srv, numero, TipoActo.RPV, fecha)
    NotificacionesService(srv.ctx).registrar(
        numero, intento=1, forma="PERSONAL", fecha_hora=notificada, direccion="Av. Daniel León Borja 12-34",
        efectiva=True, notifica="RPV",
    )


def etapa(srv: Servicios, numero: str) -> Etapa:
    return srv.expedientes.caratula(numero).etapa


def test_the_juicio_moves_stage_by_stage_and_the_history_says_who_and_when(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    actos = ActosService(srv.ctx)

    acto_con_documento(srv, n, TipoActo.RPV, date(2025, 2, 3))
    assert etapa(srv, n) is Etapa.RPV
    assert actos.terminos(n) == []  # the término runs from the notification, not from the RPV's date
    assert actos.puede(n, TipoActo.OPI, date(2025, 3, 20)) == (
        False, "No se puede emitir la orden de pago inmediato: el requerimiento de pago voluntario no ha sido "
        "notificado al coactivado: el término de 10 días corre desde su notificación (COA art. 271).")
    NotificacionesService(srv.ctx).registrar(n, intento=1, forma="PERSONAL", direccion="Av. Daniel León Borja 12-34",
                                             fecha_hora=datetime(2025, 2, 3, 15, 0, tzinfo=TZ), efectiva=True,
                                             notifica="RPV")
    [rpv] = actos.terminos(n)
    # 10 business days from its notification on Monday 03/02/2025 (day itself not counted): to Monday 17/02/2025.
    assert (rpv.tipo, rpv.dias, rpv.vence, rpv.cerrado) == (TipoTermino.TERMINO, 10, date(2025, 2, 17), False)
    assert actos.puede(n, TipoActo.OPI, date(2025, 2, 17))[1].endswith("vence el 17/02/2025 (COA art. 271).")
    assert actos.puede(n, TipoActo.RAZON_NO_PAGO, date(2025, 2, 17)) == (
        False, "No se puede sentar la razón de no pago: el término de 10 días del requerimiento de pago voluntario "
        "vence el 17/02/2025 (COA art. 271).")
    acto_con_documento(srv, n, TipoActo.RAZON_NO_PAGO, date(2025, 2, 18))
    assert actos.terminos(n)[0].cerrado

    acto_con_documento(srv, n, TipoActo.OPI, date(2025, 2, 20))
    assert etapa(srv, n) is Etapa.OPI
    assert actos.puede(n, TipoActo.EMBARGO, date(2025, 3, 20)) == (
        False, "No se puede embargar: la orden de pago inmediato no ha sido notificada.")

    notificar_opi(srv, n, datetime(2025, 2, 28, 11, 30, tzinfo=TZ))
    assert etapa(srv, n) is Etapa.NOTIFICADO
    car = srv.expedientes.caratula(n)
    assert car.etapa is Etapa.NOTIFICADO
    abierto = [t for t in actos.terminos(n) if not t.cerrado]
    assert [(t.dias, t.vence) for t in abierto] == [(3, date(2025, 3, 7))]  # Carnaval 3-4 March not counted

    with pytest.raises(RuleError, match="vence el 07/03/2025"):
        acto_con_documento(srv, n, TipoActo.EMBARGO, date(2025, 3, 6))
    acto_con_documento(srv, n, TipoActo.EMBARGO, date(2025, 3, 10))
    assert etapa(srv, n) is Etapa.EMBARGO
    assert all(t.cerrado for t in actos.terminos(n))

    hist = actos.historial(n)
    assert [(h.tipo, h.etapa_anterior, h.etapa_nueva) for h in hist] == [
        (TipoActo.RPV, Etapa.SORTEADO, Etapa.RPV),
        (TipoActo.NOTIFICACION, Etapa.RPV, None),
        (TipoActo.RAZON_NO_PAGO, Etapa.RPV, None),
        (TipoActo.OPI, Etapa.RPV, Etapa.OPI),
        (TipoActo.NOTIFICACION, Etapa.OPI, Etapa.NOTIFICADO),
        (TipoActo.EMBARGO, Etapa.NOTIFICADO, Etapa.EMBARGO),
    ]
    assert all(h.autor == "administrador" and h.fecha for h in hist)
    assert all(h.documento_id for h in hist if h.tipo is not TipoActo.NOTIFICACION)
    with srv.ctx.read() as s:
        e = expediente_por_numero(s, srv.ctx.office_id, n)
        # the citación is the first notification to the coactivado: the RPV's
        assert (e.fecha_citacion, e.forma_citacion) == (date(2025, 2, 3), "PERSONAL")


def test_a_refused_act_writes_nothing(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    with srv.ctx.read() as s:
        antes = (s.scalar(select(func.count(Acto.id))), s.scalar(select(func.count(Auditoria.id))))
    with pytest.raises(RuleError, match="No se puede registrar el avalúo: el juicio está en etapa Sorteado"):
        ActosService(srv.ctx).registrar(n, TipoActo.AVALUO, date(2025, 3, 1))
    with srv.ctx.read() as s:
        assert (s.scalar(select(func.count(Acto.id))), s.scalar(select(func.count(Auditoria.id)))) == antes
    assert etapa(srv, n) is Etapa.SORTEADO


def test_acts_of_a_document_need_their_document(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n, otro = abrir_juicios(srv)
    with pytest.raises(ValidationError, match="se registra con su documento"):
        ActosService(srv.ctx).registrar(n, TipoActo.OPI, date(2025, 2, 20))
    with srv.ctx.tx("test") as s:
        e2 = expediente_por_numero(s, srv.ctx.office_id, otro)
        doc, _ = agregar_documento_en(s, srv.ctx, e2, tipo="OPI", descripcion="x", fecha=date(2025, 2, 20),
                                      data=b"x", nombre_archivo="x.docx", hojas=1)
        doc_id = doc.id
    with pytest.raises(ValidationError, match="no pertenece a este expediente"):
        ActosService(srv.ctx).registrar(n, TipoActo.OPI, date(2025, 2, 20), documento_id=doc_id)


def test_history_is_never_edited(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    rpv_notificada(srv, n)
    acto_id = acto_con_documento(srv, n, TipoActo.OPI, date(2025, 2, 20))
    with pytest.raises(RuleError, match="no se modifican"), srv.ctx.tx("alterar") as s:
        a = s.get_one(Acto, acto_id)
        a.fecha = date(2025, 1, 1)
        s.flush()
    with pytest.raises(RuleError, match="no se eliminan"), srv.ctx.tx("borrar") as s:
        s.delete(s.get_one(Acto, acto_id))
        s.flush()
    assert ActosService(srv.ctx).historial(n)[2].fecha == date(2025, 2, 20)

    # A mistake is corrected by a new act that points at it.
    corr = ActosService(srv.ctx).registrar(n, TipoActo.CORRECCION, date(2025, 2, 21), "La OPI se dictó el 19/02.",
                                           {"corrige_id": str(acto_id)})
    assert corr.corrige_id == acto_id
    assert [h.tipo for h in ActosService(srv.ctx).historial(n)][2:] == [TipoActo.OPI, TipoActo.CORRECCION]
    with pytest.raises(RuleError, match="indique un acto de este expediente"):
        ActosService(srv.ctx).registrar(n, TipoActo.CORRECCION, date(2025, 2, 21),
                                        datos={"corrige_id": str(uuid.uuid4())})


def test_suspension_stops_terms_and_resumption_returns_to_the_stage(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    actos = ActosService(srv.ctx)
    rpv_notificada(srv, n)
    acto_con_documento(srv, n, TipoActo.OPI, date(2025, 2, 20))
    notificar_opi(srv, n, datetime(2025, 2, 28, 9, 0, tzinfo=TZ))
    srv_medida = actos.registrar(n, TipoActo.SUSPENSION, date(2025, 3, 3), "Ley Orgánica de Apoyo Financiero")
    assert (srv_medida.etapa_anterior, srv_medida.etapa_nueva) == (Etapa.NOTIFICADO, Etapa.SUSPENDIDO)
    assert all(t.cerrado for t in actos.terminos(n))
    ok, motivo = actos.puede(n, TipoActo.EMBARGO, date(2025, 4, 1))
    assert not ok and "suspendido" in motivo
    r = actos.registrar(n, TipoActo.REANUDACION, date(2025, 4, 1))
    assert r.etapa_nueva is Etapa.NOTIFICADO
    assert etapa(srv, n) is Etapa.NOTIFICADO
    acto_con_documento(srv, n, TipoActo.EMBARGO, date(2025, 4, 2))
    assert etapa(srv, n) is Etapa.EMBARGO


def test_prorroga_extends_the_secretario_plazo_once(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n, otro = abrir_juicios(srv)
    actos = ActosService(srv.ctx)
    with pytest.raises(RuleError, match="de 1 a 90 días"):
        actos.registrar(n, TipoActo.PRORROGA, date(2025, 7, 1), datos={"dias": 120})
    actos.registrar(n, TipoActo.PRORROGA, date(2025, 7, 1), "Solicitud del secretario (oficio 12)")
    with srv.ctx.read() as s:
        assert expediente_por_numero(s, srv.ctx.office_id, n).prorroga_dias == 90
    with pytest.raises(RuleError, match="procede una sola vez"):
        actos.registrar(n, TipoActo.PRORROGA, date(2025, 7, 2))
    # Handover 03/02/2025 + 180 = 02/08/2025; the other juicio cannot be extended after that day.
    with pytest.raises(RuleError, match="venció el 02/08/2025"):
        actos.registrar(otro, TipoActo.PRORROGA, date(2025, 8, 3))
    # What the Actuaciones tab shows: 180 + 90 days from the handover, and the other juicio's 180 overdue.
    p = actos.plazo_secretario(n, date(2025, 10, 1))
    assert (p.termino.dias, p.termino.desde, p.termino.vence, p.prorroga_dias) == (
        270, date(2025, 2, 3), date(2025, 10, 31), 90)
    assert p.restantes == 30 and p.termino.tipo is TipoTermino.PLAZO and not p.termino.cerrado
    q = actos.plazo_secretario(otro, date(2025, 8, 3))
    assert (q.termino.vence, q.prorroga_dias, q.restantes) == (date(2025, 8, 2), 0, -1)


def test_archivo_needs_the_debt_paid_and_closes_everything(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    actos = ActosService(srv.ctx)
    rpv_notificada(srv, n)
    # The archivo is the ejecutor's auto (a document), never an act recorded alone.
    with pytest.raises(ValidationError, match="«Archivo» se registra con su documento"):
        actos.registrar(n, TipoActo.ARCHIVO, date(2025, 3, 1), "Pago total", {"saldo": "0.00"})
    auto = {"documento": "auto-archivo"}
    with pytest.raises(RuleError, match=r"queda un saldo de USD 1\.242,50"):
        acto_con_documento(srv, n, TipoActo.ARCHIVO, date(2025, 3, 1), {**auto, "saldo": "1242.50"})
    acto_con_documento(srv, n, TipoActo.ARCHIVO, date(2025, 3, 1), {**auto, "saldo": "0.00"})
    a = actos.historial(n)[-1]
    assert a.etapa_nueva is Etapa.ARCHIVADO
    assert all(t.cerrado and t.cerrado_en == date(2025, 3, 1) for t in actos.terminos(n))
    botones = actos.acciones(n, date(2025, 3, 2))
    assert not any(ok for t, (ok, _) in botones.items() if t not in {TipoActo.NOTIFICACION, TipoActo.LEVANTAMIENTO})
    assert botones[TipoActo.EMBARGO] == (False, "No se puede embargar: el juicio está archivado.")


def test_an_act_may_open_a_term_of_its_own(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    actos = ActosService(srv.ctx)
    actos.registrar(n, TipoActo.PROVIDENCIA, date(2025, 2, 7), "Se concede término para presentar documentos",
                    {"termino": {"tipo": "TERMINO", "dias": 5, "descripcion": "Presentar documentos"}})
    [t] = actos.terminos(n)
    assert (t.descripcion, t.tipo, t.vence) == ("Presentar documentos", TipoTermino.TERMINO, date(2025, 2, 14))
    with pytest.raises(ValidationError, match="tipo"):
        actos.registrar(n, TipoActo.PROVIDENCIA, date(2025, 2, 7), datos={"termino": {"tipo": "MES", "dias": 1}})


def test_local_holidays_lengthen_terminos(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    srv.oficina.agregar_feriado(date(2025, 4, 21), "Cantonización de Riobamba")
    n = abrir_juicios(srv)[0]
    rpv_notificada(srv, n, date(2025, 4, 14), datetime(2025, 4, 14, 16, 0, tzinfo=TZ))
    # From its notification on 14/04: 15/04..25/04 has Good Friday 18/04 (national) and 21/04 (local): 10
    # business days end on 30/04.
    assert ActosService(srv.ctx).terminos(n)[0].vence == date(2025, 4, 30)


def como(srv: Servicios, usuario: UsuarioActual) -> Servicios:
    return construir(dataclasses.replace(srv.ctx, usuario=usuario))


def test_a_secretario_acts_only_on_his_expedientes_and_a_citador_only_notifies(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numeros = abrir_juicios(srv, 6)
    with srv.ctx.read() as s:
        dueno = dict(s.execute(select(Expediente.numero, Expediente.secretario_id)).all())
        cedulas = dict(s.execute(select(Secretario.id, Secretario.cedula)).all())
    n = numeros[0]
    suyo = UsuarioActual("ana", Rol.SECRETARIO, secretario_id=dueno[n])
    otro_id = next(sid for sid in cedulas if sid != dueno[n])
    ajeno = UsuarioActual("carlos", Rol.SECRETARIO, secretario_id=otro_id)
    ActosService(como(srv, suyo).ctx).registrar(n, TipoActo.SUSPENSION, date(2025, 3, 1))
    with pytest.raises(PermissionDenied, match="expedientes a su cargo"):
        ActosService(como(srv, ajeno).ctx).registrar(n, TipoActo.REANUDACION, date(2025, 3, 2))
    assert ActosService(como(srv, ajeno).ctx).puede(n, TipoActo.REANUDACION, date(2025, 3, 2))[0] is False
    citador = UsuarioActual("pedro", Rol.CITADOR)
    with pytest.raises(PermissionDenied, match="tramitar el expediente"):
        ActosService(como(srv, citador).ctx).registrar(n, TipoActo.REANUDACION, date(2025, 3, 2))
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count(Termino.id))) == 0
