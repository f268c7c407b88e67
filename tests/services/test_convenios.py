"""Acuerdos de pago parcial: signing suspends the juicio, instalments paid on time keep it suspended and
frozen, a missed instalment resumes it (INCUMPLIDO + REANUDACION act) with the debt back in mora."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.preferencias import GRACIA_CONVENIO
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.convenios import ConveniosService
from app.services.liquidacion import LiquidacionService
from app.services.pagos import PagosService
from app.storage.models import Preferencia
from tests.services.helpers import crear_titulos

FIRMA = date(2025, 2, 13)


def _juicio(srv: Servicios) -> str:
    """Título capital 1100.00, interés 100.00, recargo 42.50, mora from its issue on 15 Dec 2024; opened 20 Jan 2025
    (stage SORTEADO); rate table 12 % from 2024. Liquidación on 13 Feb 2025: 60 d × 1100 × 12 % / 360 = 22.00
    of mora -> total 1100.00 + 122.00 + 42.50 = 1264.50."""
    crear_titulos(srv, 1)
    numero = srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 20)).asignaciones[0].juicio
    LiquidacionService(srv.ctx).agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    return numero


def _etapa(srv: Servicios, numero: str) -> Etapa:
    return srv.expedientes.caratula(numero).etapa


def test_app_suspends_the_juicio_with_its_table(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    conv = ConveniosService(srv.ctx).crear(numero, FIRMA, 3, tasa_anual=D("0"))
    # 1264.50 / 3 = 421.50 each, due 13 Mar, 13 Apr, 13 May
    assert conv.monto == D("1264.50") and conv.estado == "VIGENTE"
    assert [(c.numero, c.vence, c.cuota) for c in conv.cuotas] == [
        (1, date(2025, 3, 13), D("421.50")), (2, date(2025, 4, 13), D("421.50")), (3, date(2025, 5, 13), D("421.50"))]
    assert _etapa(srv, numero) is Etapa.SUSPENDIDO
    susp = [a for a in ActosService(srv.ctx).historial(numero) if a.tipo is TipoActo.SUSPENSION]
    assert len(susp) == 1 and susp[0].datos["convenio_id"] == str(conv.id)
    assert susp[0].etapa_anterior is Etapa.SORTEADO
    assert conv.acto_id == susp[0].id
    assert ConveniosService(srv.ctx).tabla(numero).id == conv.id
    assert (conv.cuota_mensual, conv.total_cuotas, conv.total_interes) == (D("421.50"), D("1264.50"), D("0.00"))
    # one APP at a time
    with pytest.raises(RuleError, match="ya tiene un acuerdo de pago parcial vigente"):
        ConveniosService(srv.ctx).crear(numero, FIRMA, 3)


def test_default_rate_is_the_office_table_and_interest_instalments_settle_the_debt(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    conv = ConveniosService(srv.ctx).crear(numero, FIRMA, 3)
    assert conv.tasa_anual == D("12")
    # No interest on interest (C.D. 658 / 671): only the capital of 1100.00 bears the 1 % a month; the 164.50
    # of interest and surcharges is spread without interest: 164.50 / 3 = 54.83.
    # French on 1100.00: 1100 × 0.01 × 1.030301 / 0.030301 = 374.02; 374.02 + 54.83 = 428.85
    assert conv.cuota_mensual == D("428.85")
    assert sum(c.capital for c in conv.cuotas) == D("1264.50")
    pagos = PagosService(srv.ctx)
    r = None
    for c in conv.cuotas:
        r = pagos.registrar_abono(numero, c.vence, c.cuota, f"Cuota {c.numero}")
        assert r.cuotas_pagadas == (c.numero,)
    assert r is not None and r.convenio_cumplido and r.saldo == D("0.00") and r.propone_archivo
    assert ConveniosService(srv.ctx).tabla(numero).estado == "CUMPLIDO"


def test_instalments_on_time_keep_it_suspended_and_interest_frozen(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    convs = ConveniosService(srv.ctx)
    convs.crear(numero, FIRMA, 3, tasa_anual=D("0"))
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 3, 13), D("421.50"), "Cuota 1")
    assert r.cuotas_pagadas == (1,) and not r.convenio_cumplido
    # interest first: 122.00, recargo 42.50, capital 421.50 − 164.50 = 257.00
    assert (r.a_interes, r.a_recargo, r.a_capital) == (D("122.00"), D("42.50"), D("257.00"))
    assert convs.revisar(date(2025, 4, 13)) == []  # instalment 2 still payable on its due date
    assert _etapa(srv, numero) is Etapa.SUSPENDIDO
    # no mora while the APP is kept: 1264.50 − 421.50 = 843.00
    assert LiquidacionService(srv.ctx).calcular(numero, date(2025, 4, 13)).total == D("843.00")
    tabla = convs.tabla(numero)
    assert [(c.pagado, c.pagada_en) for c in tabla.cuotas] == [
        (D("421.50"), date(2025, 3, 13)), (D("0.00"), None), (D("0.00"), None)]


def test_missed_instalment_resumes_the_juicio_and_mora(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    convs = ConveniosService(srv.ctx)
    conv = convs.crear(numero, FIRMA, 3, tasa_anual=D("0"))
    PagosService(srv.ctx).registrar_abono(numero, date(2025, 3, 13), D("421.50"), "Cuota 1")
    reanudados = convs.revisar(date(2025, 4, 14))
    assert [(x.juicio, x.cuota, x.vence, x.etapa) for x in reanudados] == [
        (numero, 2, date(2025, 4, 13), Etapa.SORTEADO)]
    assert convs.tabla(numero).estado == "INCUMPLIDO"
    assert _etapa(srv, numero) is Etapa.SORTEADO  # back to the stage it had when suspended
    reanud = [a for a in ActosService(srv.ctx).historial(numero) if a.tipo is TipoActo.REANUDACION]
    assert len(reanud) == 1 and reanud[0].datos["convenio_id"] == str(conv.id)
    assert "cuota 2, vencida el 13/04/2025" in reanud[0].descripcion
    assert convs.revisar(date(2025, 4, 20)) == []  # declared once
    # mora again from 13 Apr on the capital left (843.00): 31 d × 843.00 × 12 % / 360 = 8.711 -> 8.71
    assert LiquidacionService(srv.ctx).calcular(numero, date(2025, 5, 14)).total == D("851.71")
    # later payments are ordinary abonos; a new APP may be signed
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 5, 14), D("100.00"), "R")
    assert r.convenio_id is None
    assert convs.crear(numero, date(2025, 5, 14), 2, tasa_anual=D("0")).monto == D("751.71")


def test_late_payment_declares_the_default_itself(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    ConveniosService(srv.ctx).crear(numero, FIRMA, 3, tasa_anual=D("0"))
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 3, 14), D("421.50"), "Cuota 1 tarde")
    assert r.convenio_incumplido and r.convenio_id is None
    assert "se reanudó el juicio" in r.mensaje()
    assert _etapa(srv, numero) is Etapa.SORTEADO


def test_grace_days_are_an_office_setting(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    with srv.ctx.tx("test: preferencia") as s:
        s.add(Preferencia(office_id=srv.ctx.office_id, clave=GRACIA_CONVENIO.clave, valor="5"))
    convs = ConveniosService(srv.ctx)
    convs.crear(numero, FIRMA, 3, tasa_anual=D("0"))
    assert convs.revisar(date(2025, 3, 18)) == []
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 3, 18), D("421.50"), "Cuota 1")
    assert r.cuotas_pagadas == (1,) and not r.convenio_incumplido


def test_down_payment_is_due_on_signing(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    convs = ConveniosService(srv.ctx)
    conv = convs.crear(numero, FIRMA, 2, cuota_inicial=D("264.50"), tasa_anual=D("0"))
    assert [(c.numero, c.vence, c.cuota) for c in conv.cuotas] == [
        (0, FIRMA, D("264.50")), (1, date(2025, 3, 13), D("500.00")), (2, date(2025, 4, 13), D("500.00"))]
    assert [x.cuota for x in convs.revisar(date(2025, 2, 14))] == [0]


def test_cd617_app_has_no_fees_and_no_down_payment(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    convs = ConveniosService(srv.ctx)
    with pytest.raises(ValidationError, match="no lleva cuota inicial"):
        convs.crear(numero, FIRMA, 3, cuota_inicial=D("100.00"), sin_honorarios=True)
    convs.crear(numero, FIRMA, 3, sin_honorarios=True, tasa_anual=D("0"))
    PagosService(srv.ctx).registrar_abono(numero, date(2025, 3, 13), D("421.50"), "Cuota 1")
    liq = LiquidacionService(srv.ctx).calcular(numero, date(2025, 3, 13))
    assert liq.honorarios == D("0.00")
    assert liq.detalle_honorarios.recuperado_sin_honorarios == D("421.50")


def test_plazo_limits(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    convs = ConveniosService(srv.ctx)
    for plazo in (1, 73):
        with pytest.raises(ValidationError, match="de 2 a 72 meses"):
            convs.crear(numero, FIRMA, plazo)
    # C.D. 671 (in force on 13/02/2025): a debt of USD 1.264,50 (up to 2.800,00) gets at most 24 months.
    with pytest.raises(ValidationError, match=r"Resolución C\.D\. 671.*hasta 24 meses; se pidieron 25"):
        convs.crear(numero, FIRMA, 25)
    assert _etapa(srv, numero) is Etapa.SORTEADO  # nothing was written
    assert convs.crear(numero, FIRMA, 24).cuotas[-1].vence == date(2027, 2, 13)


def test_instalments_paid_early_or_in_one_go_settle_exactly(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    # 12 % on the capital only: 428.85, 428.85, the last absorbs the rounding
    conv = ConveniosService(srv.ctx).crear(numero, FIRMA, 3)
    pagos = PagosService(srv.ctx)
    c1, c2, c3 = conv.cuotas
    r1 = pagos.registrar_abono(numero, date(2025, 3, 8), c1.cuota, "Cuota 1 adelantada")
    assert r1.cuotas_pagadas == (1,)
    # the rest (instalments 2 and 3, interest included) in one payment well before their due dates
    resto = LiquidacionService(srv.ctx).calcular(numero, date(2025, 3, 20)).total
    assert resto == c2.cuota + c3.cuota
    r2 = pagos.registrar_abono(numero, date(2025, 3, 20), resto, "Cancelación")
    assert r2.cuotas_pagadas == (2, 3) and r2.convenio_cumplido and r2.propone_archivo
    assert LiquidacionService(srv.ctx).calcular(numero, date(2025, 12, 31)).total == D("0.00")
