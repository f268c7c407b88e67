"""What applies on an expediente (documentos_disponibles) and its next action with a traffic light
(proxima_accion): pure rules, dates fixed."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from app.domain.acciones import (
    AVISO_PLAZO_DIAS,
    Semaforo,
    documentos_disponibles,
    proxima_accion,
)
from app.domain.etapas import Etapa
from app.domain.permisos import Rol, UsuarioActual
from app.domain.procedimiento import Hechos, plazo_secretario
from app.domain.terminos import calendario
from app.domain.tipos import TipoActo, TipoDocumento

CAL = calendario()
INICIO = date(2025, 5, 13)  # handover (sorteo): the secretario's plazo ends on 09/11/2025
PLAZO = plazo_secretario(INICIO)
ANA = uuid.uuid4()
SECRETARIA = UsuarioActual("ana", Rol.SECRETARIO, secretario_id=ANA)
CITADOR = UsuarioActual("citador", Rol.CITADOR)
OTRO = UsuarioActual("carlos", Rol.SECRETARIO, secretario_id=uuid.uuid4())


def _hechos(*actos: TipoActo, **kw: object) -> Hechos:
    return Hechos(fecha=date(2025, 6, 1), actos=frozenset(actos), plazo_secretario_vence=PLAZO, **kw)  # type: ignore[arg-type]


# -- next action ------------------------------------------------------------------------------------------


def test_sorteado_emits_the_rpv_by_the_secretarios_plazo() -> None:
    p = proxima_accion(Etapa.SORTEADO, _hechos(), date(2025, 6, 2), CAL)
    assert p.semaforo is Semaforo.AMARILLO
    assert p.que == "Emitir el requerimiento de pago voluntario"
    assert p.hasta == PLAZO == date(2025, 11, 9) and not p.habiles and p.dias == (PLAZO - date(2025, 6, 2)).days
    assert "hasta el 09/11/2025" in p.texto() and "días calendario" in p.texto()


def test_rpv_not_notified_asks_for_its_notification() -> None:
    p = proxima_accion(Etapa.RPV, _hechos(TipoActo.RPV), date(2025, 6, 2), CAL)
    assert p.semaforo is Semaforo.AMARILLO and p.que.startswith("Notificar el requerimiento")


def test_rpv_termino_running_is_green_until_the_first_business_day_after_it() -> None:
    # Notified Friday 30/05/2025: 10 días hábiles end on Friday 13/06/2025; the OPI may come from Monday 16/06.
    h = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 5, 30), rpv_vence=date(2025, 6, 13))
    p = proxima_accion(Etapa.RPV, h, date(2025, 6, 9), CAL)
    assert p.semaforo is Semaforo.VERDE
    assert p.desde and p.hasta == date(2025, 6, 16)
    assert p.habiles and p.dias == 5  # Tue 10 … Mon 16, business days
    assert "desde el 16/06/2025 (5 días hábiles)" in p.texto()


def test_rpv_lapsed_asks_for_the_opi_and_turns_red_when_it_waited_too_long() -> None:
    h = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 5, 30), rpv_vence=date(2025, 6, 13))
    p = proxima_accion(Etapa.RPV, h, date(2025, 6, 17), CAL)
    assert p.semaforo is Semaforo.AMARILLO and p.que == "Emitir la orden de pago inmediato"
    tarde = proxima_accion(Etapa.RPV, h, date(2025, 7, 15), CAL)
    assert tarde.semaforo is Semaforo.ROJO and "Corresponde desde el 13/06/2025" in tarde.motivo


def test_opi_issued_then_notified_then_its_termino() -> None:
    h = _hechos(TipoActo.RPV, TipoActo.OPI)
    assert proxima_accion(Etapa.OPI, h, date(2025, 6, 17), CAL).que.startswith("Notificar la orden de pago inmediato")
    # Notified Tuesday 17/06/2025: 3 días hábiles to Friday 20/06/2025.
    n = _hechos(TipoActo.RPV, TipoActo.OPI, TipoActo.NOTIFICACION, notificado_en=date(2025, 6, 17),
                opi_vence=date(2025, 6, 20))
    espera = proxima_accion(Etapa.NOTIFICADO, n, date(2025, 6, 18), CAL)
    assert espera.semaforo is Semaforo.VERDE and espera.hasta == date(2025, 6, 23) and espera.dias == 3
    luego = proxima_accion(Etapa.NOTIFICADO, n, date(2025, 6, 23), CAL)
    assert luego.semaforo is Semaforo.AMARILLO and luego.que == "Ordenar medidas cautelares o el embargo"


def test_the_secretarios_plazo_turns_the_light_red() -> None:
    cerca = date.fromordinal(PLAZO.toordinal() - AVISO_PLAZO_DIAS)
    assert proxima_accion(Etapa.AVALUO, _hechos(), cerca, CAL).semaforo is Semaforo.ROJO
    antes = date.fromordinal(cerca.toordinal() - 1)
    assert proxima_accion(Etapa.AVALUO, _hechos(), antes, CAL).semaforo is Semaforo.AMARILLO
    vencido = proxima_accion(Etapa.SORTEADO, _hechos(), date(2025, 12, 1), CAL)
    assert vencido.semaforo is Semaforo.ROJO and vencido.dias is not None and vencido.dias < 0
    assert "(hace 22 días calendario)" in vencido.texto()
    # A término that runs past the plazo: the wait itself is red (ask for the prórroga).
    h = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 11, 3), rpv_vence=date(2025, 11, 17))
    assert proxima_accion(Etapa.RPV, h, date(2025, 11, 5), CAL).semaforo is Semaforo.ROJO


@pytest.mark.parametrize("etapa", [Etapa.ARCHIVADO, Etapa.BAJA, Etapa.INSOLVENCIA])
def test_closed_juicios_have_nothing_to_do(etapa: Etapa) -> None:
    p = proxima_accion(etapa, _hechos(), date(2025, 6, 2), CAL)
    assert p.semaforo is Semaforo.VERDE and p.que.startswith("Ninguna") and p.hasta is None


def test_each_later_stage_names_its_step() -> None:
    hoy = date(2025, 6, 2)
    assert "embargar" in proxima_accion(Etapa.MEDIDAS_CAUTELARES, _hechos(), hoy, CAL).que
    assert "avalúo" in proxima_accion(Etapa.EMBARGO, _hechos(), hoy, CAL).que
    assert "aviso de remate" in proxima_accion(Etapa.AVALUO, _hechos(), hoy, CAL).que
    assert "rematar" in proxima_accion(Etapa.REMATE, _hechos(TipoActo.AVISO_REMATE), hoy, CAL).que
    assert "Liquidar" in proxima_accion(Etapa.REMATE, _hechos(TipoActo.AVISO_REMATE, TipoActo.REMATE), hoy, CAL).que
    assert "Archivar" in proxima_accion(Etapa.LIQUIDADO, _hechos(), hoy, CAL).que
    assert proxima_accion(Etapa.SUSPENDIDO, _hechos(), hoy, CAL).semaforo is Semaforo.VERDE


# -- what applies ---------------------------------------------------------------------------------------------


def test_a_citador_may_not_generate_the_opi_but_may_notify() -> None:
    h = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 5, 1), rpv_vence=date(2025, 5, 16))
    d = documentos_disponibles(CITADOR, ANA, Etapa.RPV, h)
    assert not d[TipoDocumento.OPI].habilitada
    assert d[TipoDocumento.OPI].motivo.startswith("Su rol (Citador-Notificador) no puede tramitar")
    assert d[TipoDocumento.RAZON_NOTIFICACION].habilitada


def test_the_opi_applies_once_the_rpv_lapsed_and_only_once() -> None:
    corriendo = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 5, 30), rpv_vence=date(2025, 6, 13))
    no = documentos_disponibles(SECRETARIA, ANA, Etapa.RPV, corriendo)[TipoDocumento.OPI]
    assert not no.habilitada and "vence el 13/06/2025" in no.motivo
    vencido = _hechos(TipoActo.RPV, rpv_notificado_en=date(2025, 5, 1), rpv_vence=date(2025, 5, 16))
    assert documentos_disponibles(SECRETARIA, ANA, Etapa.RPV, vencido)[TipoDocumento.OPI].habilitada
    emitida = documentos_disponibles(SECRETARIA, ANA, Etapa.OPI, _hechos(TipoActo.RPV, TipoActo.OPI))
    assert emitida[TipoDocumento.OPI].motivo == ("Ya consta la orden de pago inmediato en este juicio; se emite una "
                                                 "sola vez.")


def test_another_secretarios_juicio_and_the_stage_rules() -> None:
    d = documentos_disponibles(OTRO, ANA, Etapa.SORTEADO, _hechos())
    assert not d[TipoDocumento.RPV].habilitada and "expedientes a su cargo" in d[TipoDocumento.RPV].motivo
    n = documentos_disponibles(SECRETARIA, ANA, Etapa.NOTIFICADO, _hechos(TipoActo.RPV, TipoActo.OPI))
    assert not n[TipoDocumento.ACTA_REMATE].habilitada and "etapa Notificado" in n[TipoDocumento.ACTA_REMATE].motivo
    assert not n[TipoDocumento.RAZON_ARCHIVO].habilitada
    assert n[TipoDocumento.RAZON_ARCHIVO].motivo == "Antes debe constar el documento «Auto de archivo» en el juicio."
    assert n[TipoDocumento.PROVIDENCIA].habilitada
