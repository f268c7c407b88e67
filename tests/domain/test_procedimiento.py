"""The procedure's rules: every act, where it is allowed, where it moves, and why it is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.common.errors import RuleError
from app.domain import procedimiento as proc
from app.domain.etapas import Etapa
from app.domain.procedimiento import Hechos, validar
from app.domain.terminos import Calendario, TipoTermino
from app.domain.tipos import TipoActo

A = TipoActo
E = Etapa
HOY = date(2025, 6, 2)
OPI = frozenset({A.OPI})
#: An RPV notified on 12/05/2025: its 10 días hábiles end on 26/05/2025.
RPV_VENCIDO = Hechos(HOY, actos=frozenset({A.RPV, A.NOTIFICACION}), rpv_notificado_en=date(2025, 5, 12),
                     rpv_vence=date(2025, 5, 26))
AUTO = "auto-archivo"
NOTIFICADO = Hechos(fecha=HOY, actos=OPI | {A.NOTIFICACION}, notificado_en=date(2025, 5, 2),
                    opi_vence=date(2025, 5, 8))


# (stage, act, facts, expected new stage or None = no change)
PERMITIDOS = [
    (E.SORTEADO, A.RPV, Hechos(HOY), E.RPV),
    (E.RPV, A.RAZON_NO_PAGO, Hechos(HOY, actos=frozenset({A.RPV}), rpv_vence=date(2025, 5, 30)), None),
    (E.RPV, A.OPI, RPV_VENCIDO, E.OPI),
    (E.RPV, A.OPI, Hechos(HOY, actos=frozenset({A.RPV, A.RAZON_NO_PAGO})), E.OPI),
    (E.OPI, A.NOTIFICACION, Hechos(HOY, actos=OPI, notifica=A.OPI, efectiva=True), E.NOTIFICADO),
    (E.OPI, A.NOTIFICACION, Hechos(HOY, actos=OPI, notifica=A.OPI, efectiva=False), None),
    (E.OPI, A.NOTIFICACION, Hechos(HOY, actos=OPI, notifica=A.OPI, efectiva=True, al_deudor=False), None),
    (E.MEDIDAS_CAUTELARES, A.NOTIFICACION,
     Hechos(HOY, actos=OPI | {A.MEDIDA_CAUTELAR}, notifica=A.OPI, efectiva=True), None),
    (E.OPI, A.MEDIDA_CAUTELAR, Hechos(HOY, actos=OPI), E.MEDIDAS_CAUTELARES),
    (E.NOTIFICADO, A.MEDIDA_CAUTELAR, NOTIFICADO, E.MEDIDAS_CAUTELARES),
    (E.EMBARGO, A.MEDIDA_CAUTELAR, NOTIFICADO, None),
    (E.NOTIFICADO, A.EMBARGO, NOTIFICADO, E.EMBARGO),
    (E.MEDIDAS_CAUTELARES, A.EMBARGO, NOTIFICADO, E.EMBARGO),
    (E.MEDIDAS_CAUTELARES, A.SECUESTRO, NOTIFICADO, E.EMBARGO),
    (E.AVALUO, A.EMBARGO, NOTIFICADO, None),
    (E.EMBARGO, A.AVALUO, Hechos(HOY), E.AVALUO),
    (E.AVALUO, A.AVISO_REMATE, Hechos(HOY), E.REMATE),
    (E.REMATE, A.REMATE, Hechos(HOY, actos=frozenset({A.AVISO_REMATE})), None),
    (E.AVALUO, A.REMATE, Hechos(HOY, actos=frozenset({A.AVISO_REMATE})), E.REMATE),
    (E.REMATE, A.LIQUIDACION, Hechos(HOY), E.LIQUIDADO),
    (E.NOTIFICADO, A.LIQUIDACION, Hechos(HOY), None),
    (E.SUSPENDIDO, A.LIQUIDACION, Hechos(HOY), None),
    (E.EMBARGO, A.ARCHIVO, Hechos(HOY, saldo=Decimal("0.00"), documento=AUTO), E.ARCHIVADO),
    (E.SUSPENDIDO, A.ARCHIVO, Hechos(HOY, saldo=Decimal("0"), documento=AUTO), E.ARCHIVADO),
    (E.NOTIFICADO, A.SUSPENSION, Hechos(HOY), E.SUSPENDIDO),
    (E.SUSPENDIDO, A.REANUDACION, Hechos(HOY, etapa_antes_suspension=E.EMBARGO), E.EMBARGO),
    (E.REMATE, A.INSOLVENCIA, Hechos(HOY), E.INSOLVENCIA),
    (E.SORTEADO, A.BAJA, Hechos(HOY), E.BAJA),
    (E.SUSPENDIDO, A.BAJA, Hechos(HOY), E.BAJA),
    (E.RPV, A.PRORROGA, Hechos(HOY, plazo_secretario_vence=date(2025, 6, 30)), None),
    (E.ARCHIVADO, A.CORRECCION, Hechos(HOY, corrige_existe=True), None),
    (E.ARCHIVADO, A.LEVANTAMIENTO, Hechos(HOY, actos=frozenset({A.MEDIDA_CAUTELAR})), None),
    (E.NOTIFICADO, A.PROVIDENCIA, Hechos(HOY), None),
    (E.LIQUIDADO, A.ABONO, Hechos(HOY), None),
]


@pytest.mark.parametrize(("etapa", "acto", "hechos", "destino"), PERMITIDOS,
                         ids=[f"{e.value}-{a.value}-{i}" for i, (e, a, _, _) in enumerate(PERMITIDOS)])
def test_allowed_moves(etapa: Etapa, acto: TipoActo, hechos: Hechos, destino: Etapa | None) -> None:
    assert validar(etapa, acto, hechos) == destino
    assert proc.puede(etapa, acto, hechos) == (True, "")


# (stage, act, facts, the reason the user reads)
RECHAZADOS = [
    (E.RPV, A.RPV, Hechos(HOY), "No se puede emitir el requerimiento de pago voluntario: el juicio está en etapa "
     "Requerimiento de pago; corresponde a la etapa Sorteado."),
    (E.RPV, A.RAZON_NO_PAGO, Hechos(date(2025, 5, 30), actos=frozenset({A.RPV}), rpv_vence=date(2025, 5, 30)),
     "No se puede sentar la razón de no pago: el término de 10 días del requerimiento de pago voluntario vence el "
     "30/05/2025 (COA art. 271)."),
    (E.SORTEADO, A.RAZON_NO_PAGO, Hechos(HOY), "corresponde a la etapa Requerimiento de pago"),
    (E.RPV, A.RAZON_NO_PAGO, Hechos(HOY, actos=frozenset({A.RPV, A.RAZON_NO_PAGO}), rpv_vence=date(2025, 5, 1)),
     "ya consta la razón de no pago"),
    (E.NOTIFICADO, A.OPI, NOTIFICADO, "corresponde a la etapa Requerimiento de pago"),
    # The OPI comes only after the RPV, notified, let its término lapse (COA arts. 271, 279).
    (E.SORTEADO, A.OPI, Hechos(HOY), "el juicio está en etapa Sorteado; corresponde a la etapa Requerimiento de "
     "pago"),
    (E.RPV, A.OPI, Hechos(HOY, actos=frozenset({A.RPV})), "el requerimiento de pago voluntario no ha sido "
     "notificado al coactivado: el término de 10 días corre desde su notificación (COA art. 271)"),
    (E.RPV, A.OPI, Hechos(date(2025, 5, 26), actos=frozenset({A.RPV, A.NOTIFICACION}),
                          rpv_notificado_en=date(2025, 5, 12), rpv_vence=date(2025, 5, 26)),
     "No se puede emitir la orden de pago inmediato: el término de 10 días del requerimiento de pago voluntario "
     "vence el 26/05/2025 (COA art. 271)."),
    (E.SORTEADO, A.NOTIFICACION, Hechos(HOY, notifica=A.OPI, efectiva=True),
     "No se puede registrar la notificación: no consta el acto que se notifica (orden de pago inmediato)."),
    (E.SORTEADO, A.MEDIDA_CAUTELAR, Hechos(HOY), "No se puede ordenar medidas cautelares: el juicio está en etapa "
     "Sorteado"),
    (E.SORTEADO, A.EMBARGO, Hechos(HOY), "No se puede embargar: no se ha emitido la orden de pago inmediato."),
    (E.OPI, A.EMBARGO, Hechos(HOY, actos=OPI), "No se puede embargar: la orden de pago inmediato no ha sido "
     "notificada."),
    (E.MEDIDAS_CAUTELARES, A.EMBARGO, Hechos(HOY, actos=OPI | {A.MEDIDA_CAUTELAR}),
     "No se puede embargar: la orden de pago inmediato no ha sido notificada."),
    (E.NOTIFICADO, A.SECUESTRO, Hechos(date(2025, 5, 8), actos=OPI, notificado_en=date(2025, 5, 2),
                                       opi_vence=date(2025, 5, 8)),
     "No se puede ordenar el secuestro: el término de 3 días para pagar o dimitir bienes vence el 08/05/2025"),
    (E.NOTIFICADO, A.AVALUO, NOTIFICADO, "No se puede registrar el avalúo: el juicio está en etapa Notificado; "
     "corresponde a la etapa Embargo o Avalúo."),
    (E.EMBARGO, A.AVISO_REMATE, Hechos(HOY), "corresponde a la etapa Avalúo o Remate"),
    (E.AVALUO, A.REMATE, Hechos(HOY), "No se puede rematar: no se ha publicado el aviso de remate."),
    (E.EMBARGO, A.ARCHIVO, Hechos(HOY, saldo=Decimal("0")), "No se puede archivar el juicio: el archivo se "
     "ordena con el auto de archivo del funcionario ejecutor"),
    (E.EMBARGO, A.ARCHIVO, Hechos(HOY, documento=AUTO), "No se puede archivar el juicio: no consta el pago total "
     "de la deuda"),
    (E.EMBARGO, A.ARCHIVO, Hechos(HOY, saldo=Decimal("12.50"), documento=AUTO), "queda un saldo de USD 12,50"),
    (E.SUSPENDIDO, A.SUSPENSION, Hechos(HOY), "No se puede suspender el juicio: el juicio está suspendido"),
    (E.NOTIFICADO, A.REANUDACION, Hechos(HOY), "No se puede reanudar el juicio: el juicio no está suspendido."),
    (E.SUSPENDIDO, A.EMBARGO, NOTIFICADO, "No se puede embargar: el juicio está suspendido; registre primero su "
     "reanudación."),
    (E.ARCHIVADO, A.EMBARGO, NOTIFICADO, "No se puede embargar: el juicio está archivado."),
    (E.BAJA, A.SUSPENSION, Hechos(HOY), "el juicio fue dado de baja"),
    (E.INSOLVENCIA, A.ARCHIVO, Hechos(HOY, saldo=Decimal(0)), "el juicio fue remitido a insolvencia"),
    (E.ARCHIVADO, A.BAJA, Hechos(HOY), "el juicio está archivado"),
    (E.OPI, A.PRORROGA, Hechos(HOY, prorroga_en=date(2025, 3, 1)),
     "No se puede conceder la prórroga: la prórroga ya fue concedida el 01/03/2025; procede una sola vez (C.D. 321)."),
    (E.OPI, A.PRORROGA, Hechos(HOY, plazo_secretario_vence=date(2025, 6, 1)), "el plazo de 180 días venció el "
     "01/06/2025"),
    (E.OPI, A.CORRECCION, Hechos(HOY), "indique un acto de este expediente que se corrige"),
    (E.OPI, A.LEVANTAMIENTO, Hechos(HOY, actos=OPI), "no hay medidas cautelares ni embargos que levantar"),
    (E.ARCHIVADO, A.PROVIDENCIA, Hechos(HOY), "el juicio está archivado"),
]


@pytest.mark.parametrize(("etapa", "acto", "hechos", "motivo"), RECHAZADOS,
                         ids=[f"{e.value}-{a.value}-{i}" for i, (e, a, _, _) in enumerate(RECHAZADOS)])
def test_refused_moves_say_why(etapa: Etapa, acto: TipoActo, hechos: Hechos, motivo: str) -> None:
    with pytest.raises(RuleError) as exc:
        validar(etapa, acto, hechos)
    assert motivo in exc.value.message
    assert exc.value.message.startswith("No se puede ")
    ok, texto = proc.puede(etapa, acto, hechos)
    assert not ok and texto == exc.value.message


def test_every_act_has_a_rule_a_verb_and_a_name() -> None:
    assert set(proc.REGLAS) == set(TipoActo) == set(proc.VERBOS) == set(proc.NOMBRES)


def test_closed_stages_refuse_every_stage_move() -> None:
    h = Hechos(HOY, actos=frozenset(TipoActo), saldo=Decimal(0), notificado_en=date(2025, 1, 2),
               opi_vence=date(2025, 1, 7), etapa_antes_suspension=E.OPI, corrige_existe=True)
    for etapa in proc.CERRADAS:
        for acto in TipoActo:
            if acto in {A.CORRECCION, A.NOTIFICACION, A.LEVANTAMIENTO}:
                assert validar(etapa, acto, h) is None
            else:
                with pytest.raises(RuleError):
                    validar(etapa, acto, h)


def test_embargo_waits_for_the_opi_termino_across_carnaval() -> None:
    # OPI notified on Friday 28/02/2025; Carnaval is Monday 3 and Tuesday 4 March 2025, so the 3 business
    # days are Wed 5, Thu 6 and Fri 7: the término runs to 07/03/2025.
    cal = Calendario()
    notificado = date(2025, 2, 28)
    vence = cal.sumar_dias_habiles(notificado, proc.TERMINO_OPI.dias)
    assert vence == date(2025, 3, 7)

    def hechos(fecha: date) -> Hechos:
        return Hechos(fecha, actos=OPI | {A.NOTIFICACION}, notificado_en=notificado, opi_vence=vence)

    with pytest.raises(RuleError, match=r"el término de 3 días para pagar o dimitir bienes vence el 07/03/2025"):
        validar(E.NOTIFICADO, A.EMBARGO, hechos(date(2025, 3, 6)))
    with pytest.raises(RuleError, match="vence el 07/03/2025"):
        validar(E.NOTIFICADO, A.EMBARGO, hechos(date(2025, 3, 7)))
    assert validar(E.NOTIFICADO, A.EMBARGO, hechos(date(2025, 3, 10))) is E.EMBARGO


def test_embargo_refused_before_notification_even_with_medidas() -> None:
    with pytest.raises(RuleError, match=r"^No se puede embargar: la orden de pago inmediato no ha sido notificada\.$"):
        validar(E.MEDIDAS_CAUTELARES, A.EMBARGO, Hechos(HOY, actos=OPI | {A.MEDIDA_CAUTELAR}))


def test_suspension_then_resumption_returns_to_the_previous_stage() -> None:
    for antes in [E.RPV, E.OPI, E.NOTIFICADO, E.MEDIDAS_CAUTELARES, E.EMBARGO, E.AVALUO, E.REMATE]:
        assert validar(antes, A.SUSPENSION, Hechos(HOY)) is E.SUSPENDIDO
        assert validar(E.SUSPENDIDO, A.REANUDACION, Hechos(HOY, etapa_antes_suspension=antes)) is antes
    with pytest.raises(RuleError, match="no consta la etapa en que se suspendió"):
        validar(E.SUSPENDIDO, A.REANUDACION, Hechos(HOY))


def test_prorroga_only_once_and_at_most_90_days() -> None:
    assert validar(E.OPI, A.PRORROGA, Hechos(HOY)) is None
    with pytest.raises(RuleError, match="procede una sola vez"):
        validar(E.OPI, A.PRORROGA, Hechos(HOY, prorroga_en=date(2025, 5, 1)))
    assert proc.validar_dias_prorroga(90) == 90
    for malo in (0, 91):
        with pytest.raises(RuleError, match="de 1 a 90 días"):
            proc.validar_dias_prorroga(malo)
    assert proc.plazo_secretario(date(2025, 1, 1)) == date(2025, 6, 30)
    assert proc.plazo_secretario(date(2025, 1, 1), 90) == date(2025, 9, 28)


def test_terms_opened_and_closed() -> None:
    # The RPV's 10 días run from its notification to the coactivado, not from its date (COA art. 271).
    assert proc.terminos_que_abre(A.RPV, Hechos(HOY)) == []
    assert proc.terminos_que_abre(A.NOTIFICACION, Hechos(HOY, notifica=A.RPV, efectiva=True)) == [
        proc.TerminoNuevo(TipoTermino.TERMINO, 10, "Término para el pago voluntario (COA art. 271)")]
    assert proc.terminos_que_abre(A.NOTIFICACION, Hechos(HOY, notifica=A.RPV, efectiva=True, al_deudor=False)) == []
    efectiva = Hechos(HOY, notifica=A.OPI, efectiva=True)
    assert proc.terminos_que_abre(A.NOTIFICACION, efectiva)[0].dias == 3
    assert proc.terminos_que_abre(A.NOTIFICACION, Hechos(HOY, notifica=A.OPI, efectiva=False)) == []
    assert proc.terminos_que_abre(A.NOTIFICACION, Hechos(HOY, notifica=A.OPI, efectiva=True,
                                                         destinatario_ya_notificado=True)) == []
    assert proc.terminos_que_abre(A.OPI, Hechos(HOY)) == []  # the 3 días run from the notification
    assert proc.terminos_que_cierra(A.EMBARGO) == {A.NOTIFICACION}
    assert proc.terminos_que_cierra(A.OPI) == {A.RPV, A.NOTIFICACION}
    assert proc.terminos_que_cierra(A.ARCHIVO) is None
    assert proc.terminos_que_cierra(A.PROVIDENCIA) == frozenset()
