"""Liquidación arithmetic to the cent: título, mora interest, costs, payments, fees, APP interest."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.domain.convenio import EstadoCuota, tabla_amortizacion
from app.domain.honorarios import ReglaHonorarios
from app.domain.imputacion import imputar
from app.domain.intereses import Tasa
from app.domain.liquidacion import (
    ConvenioDeuda,
    CostaCargo,
    Deuda,
    PagoAplicado,
    calcular_honorarios,
    liquidar,
    vigente_para_providencia,
)
from tests.tasas_mensuales import meses

DOCE = tuple(meses(date(2024, 1, 1), date(2026, 12, 1), "12"))
TASAS = (*meses(date(2024, 1, 1), date(2025, 2, 1), "12"), *meses(date(2025, 3, 1), date(2026, 12, 1), "15"))
COSTA = CostaCargo(date(2025, 2, 1), "Publicación por la prensa", D("25.00"))


def _deuda(*pagos: PagoAplicado, convenios: tuple[ConvenioDeuda, ...] = (), **kw) -> Deuda:
    base = {"capital": D("1000.00"), "interes_titulo": D("100.00"), "recargo": D("42.50"),
            "mora_desde": date(2025, 1, 1), "tasas": TASAS, "costas": (COSTA,)}
    base.update(kw)
    return Deuda(**base, pagos=tuple(pagos), convenios=convenios)


def _pago(fecha: date, monto: D, deuda: Deuda, **kw) -> PagoAplicado:
    r = imputar(monto, liquidar(deuda, fecha).pendientes())
    return PagoAplicado(fecha, monto, r.costas, r.interes, r.recargo, r.capital, **kw)


def test_liquidacion_without_payments() -> None:
    # mora 1 Jan -> 10 Feb = 40 days: 1000 × 12 % × 40 / 360 = 13.333… -> 13.33
    # total = 1000.00 + (100.00 + 13.33) + 42.50 + 25.00 = 1180.83
    liq = liquidar(_deuda(), date(2025, 2, 10))
    assert (liq.interes_mora, liq.interes, liq.costas, liq.total) == (D("13.33"), D("113.33"), D("25.00"),
                                                                       D("1180.83"))
    assert liq.honorarios == D("0.00")
    # the cost charged on 1 Feb is not in a liquidación cut before it
    assert liquidar(_deuda(), date(2025, 1, 31)).costas == D("0.00")


def test_payment_imputed_then_interest_on_lower_capital_with_rate_change() -> None:
    deuda = _deuda()
    # 10 Feb abono 300.00 -> costas 25.00, interés 113.33, recargo 42.50, capital 300 − 180.83 = 119.17
    p = _pago(date(2025, 2, 10), D("300.00"), deuda)
    assert (p.a_costas, p.a_interes, p.a_recargo, p.a_capital) == (D("25.00"), D("113.33"), D("42.50"), D("119.17"))
    # no legal suspension here (the default table's Dec 2024 – Feb 2025 would exclude this payment's fee)
    liq = liquidar(_deuda(p, honorarios=ReglaHonorarios(suspensiones=())), date(2025, 3, 31))
    # mora:  1 Jan -> 10 Feb  40 d × 1000.00 × 12 % / 360 = 13.333333
    #       10 Feb ->  1 Mar  19 d ×  880.83 × 12 % / 360 =  5.578590
    #        1 Mar -> 31 Mar  30 d ×  880.83 × 15 % / 360 = 11.010375
    #        sum 29.922298 -> 29.92
    assert [t.dias for t in liq.tramos] == [40, 19, 30]
    assert liq.interes_mora == D("29.92")
    assert liq.interes == D("129.92")  # 100.00 of the título + 29.92
    # total = 1000.00 + 129.92 + 42.50 + 25.00 − 300.00 = 897.42
    assert liq.total == D("897.42")
    assert (liq.saldo_costas, liq.saldo_interes, liq.saldo_recargo, liq.saldo_capital) == (
        D("0.00"), D("16.59"), D("0.00"), D("880.83"))  # 129.92 − 113.33 = 16.59
    assert liq.saldo_costas + liq.saldo_interes + liq.saldo_recargo + liq.saldo_capital == liq.total
    # fees on what was recovered: 10 % of 300.00 = 30.00, IVA 15 % = 4.50 -> 34.50 (not part of the total)
    assert (liq.detalle_honorarios.base, liq.detalle_honorarios.iva, liq.honorarios) == (
        D("30.00"), D("4.50"), D("34.50"))


def test_full_payment_leaves_nothing() -> None:
    deuda = _deuda()
    total = liquidar(deuda, date(2025, 2, 10)).total
    p = _pago(date(2025, 2, 10), total, deuda)
    liq = liquidar(_deuda(p), date(2025, 12, 31))
    assert liq.total == D("0.00")
    assert liq.interes_mora == D("13.33")  # no capital left: interest stopped on the payment date


def test_fees_rounding_and_cd617_payments_free_of_fees() -> None:
    pagos = [
        PagoAplicado(date(2025, 1, 5), D("123.45"), D("0"), D("0"), D("0"), D("123.45")),
        PagoAplicado(date(2025, 2, 5), D("500.00"), D("0"), D("0"), D("0"), D("500.00"), sin_honorarios=True),
    ]
    h = calcular_honorarios(pagos, regla=ReglaHonorarios(suspensiones=()))
    # 10 % of 123.45 = 12.345 -> 12.35; IVA 15 % of 12.35 = 1.8525 -> 1.85; total 14.20
    assert (h.recuperado, h.recuperado_sin_honorarios, h.base, h.iva, h.total) == (
        D("123.45"), D("500.00"), D("12.35"), D("1.85"), D("14.20"))
    assert calcular_honorarios(pagos, hasta=date(2025, 1, 4), regla=ReglaHonorarios(suspensiones=())).total == 0
    # with the default table the payment of 5 Jan 2025 falls in the legal suspension: no fee
    assert calcular_honorarios(pagos).total == D("0.00")


def _convenio(tabla, id_: str = "c1", incumplido: date | None = None, pagadas: dict[int, date] | None = None):
    pagadas = pagadas or {}
    cuotas = tuple(EstadoCuota(c.numero, c.vence, c.cuota, c.cuota if c.numero in pagadas else D("0.00"),
                               pagadas.get(c.numero), c.interes) for c in tabla)
    return ConvenioDeuda(id_, date(2025, 1, 31), cuotas, incumplido)


def test_app_suspends_mora_and_its_instalments_settle_the_debt() -> None:
    kw = {"interes_titulo": D("0.00"), "recargo": D("0.00"), "costas": (), "tasas": DOCE}
    # 31 Jan: mora 30 d × 1000 × 12 % / 360 = 10.00 -> APP for 1010.00, 2 months at 12 % (i = 1 %):
    # cuota = 1010 × 0.01 × 1.0201 / 0.0201 = 512.587… -> 512.59
    # #1: interés 10.10, capital 502.49 (saldo 507.51); #2: interés 5.0751 -> 5.08, capital 507.51
    assert liquidar(_deuda(**kw), date(2025, 1, 31)).total == D("1010.00")
    tabla = tabla_amortizacion(D("1010.00"), 2, D("12"), date(2025, 1, 31))
    assert [(c.vence, c.interes, c.cuota) for c in tabla] == [
        (date(2025, 2, 28), D("10.10"), D("512.59")), (date(2025, 3, 31), D("5.08"), D("512.59"))]
    conv = _convenio(tabla)
    # while in force: no more mora; total = 1010.00 + 10.10 + 5.08 = 1025.18 = the two instalments
    liq = liquidar(_deuda(convenios=(conv,), **kw), date(2025, 2, 15))
    assert (liq.interes_mora, liq.interes_convenio, liq.total) == (D("10.00"), D("15.18"), D("1025.18"))

    # instalment 1 paid on its due date: only interest already due counts (10.00 mora + 10.10) = 20.10
    pend = liquidar(_deuda(convenios=(conv,), **kw), date(2025, 2, 28), abono_en_curso=D("512.59")).pendientes()
    r1 = imputar(D("512.59"), pend)
    assert (r1.interes, r1.capital) == (D("20.10"), D("492.49"))
    p1 = PagoAplicado(date(2025, 2, 28), D("512.59"), r1.costas, r1.interes, r1.recargo, r1.capital, "c1")
    # instalment 2 on 31 Mar: interés 5.08, capital 1000 − 492.49 = 507.51 -> 512.59, nothing left
    pend = liquidar(_deuda(p1, convenios=(conv,), **kw), date(2025, 3, 31), abono_en_curso=D("512.59")).pendientes()
    r2 = imputar(D("512.59"), pend)
    assert (r2.interes, r2.capital, r2.sobrante) == (D("5.08"), D("507.51"), D("0.00"))
    p2 = PagoAplicado(date(2025, 3, 31), D("512.59"), r2.costas, r2.interes, r2.recargo, r2.capital, "c1")
    assert liquidar(_deuda(p1, p2, convenios=(conv,), **kw), date(2025, 12, 31)).total == D("0.00")


def test_app_default_returns_the_debt_to_mora_from_the_missed_due_date() -> None:
    kw = {"interes_titulo": D("0.00"), "recargo": D("0.00"), "costas": (), "tasas": DOCE}
    tabla = tabla_amortizacion(D("1010.00"), 2, D("12"), date(2025, 1, 31))
    p1 = PagoAplicado(date(2025, 2, 28), D("512.59"), D("0"), D("20.10"), D("0"), D("492.49"), "c1")
    conv = _convenio(tabla, incumplido=date(2025, 3, 31), pagadas={1: date(2025, 2, 28)})
    liq = liquidar(_deuda(p1, convenios=(conv,), **kw), date(2025, 4, 30))
    # APP interest up to the default: 10.10 + 5.08 = 15.18; mora again from 31 Mar on capital 507.51:
    # 30 d × 507.51 × 12 % / 360 = 5.0751 -> 5.08 (+ the 10.00 accrued before the APP = 15.08)
    assert (liq.interes_convenio, liq.interes_mora) == (D("15.18"), D("15.08"))
    # total = 1000.00 + 15.18 + 15.08 − 512.59 = 517.67
    assert liq.total == D("517.67")
    assert liq.saldo_capital == D("507.51")


def test_vigencia_for_a_providencia_is_three_calendar_days() -> None:
    assert vigente_para_providencia(date(2025, 5, 9), date(2025, 5, 9))
    assert vigente_para_providencia(date(2025, 5, 9), date(2025, 5, 12))  # Fri -> Mon: 3 calendar days
    assert not vigente_para_providencia(date(2025, 5, 9), date(2025, 5, 13))
    assert not vigente_para_providencia(date(2025, 5, 14), date(2025, 5, 13))  # cut after the document


def test_interest_is_counted_once_mora_runs_from_the_titulo_cut_date() -> None:
    """A título issued 13/05/2025 with USD 98,40 of interest already liquidated from 16/11/2024: mora runs
    from 13/05/2025 (its cut date), never again over 16/11/2024 → 13/05/2025."""
    tabla = (*meses(date(2024, 11, 1), date(2025, 5, 1), "10"), Tasa(date(2025, 6, 1), D("12"), "BCE junio"),
             Tasa(date(2025, 7, 1), D("9"), "BCE julio"))
    deuda = Deuda(capital=D("1234.56"), interes_titulo=D("98.40"), recargo=D("12.35"),
                  mora_desde=date(2025, 5, 13), tasas=tabla)
    liq = liquidar(deuda, date(2025, 7, 10))
    # 13 May -> 1 Jun: 19 d × 1234.56 × 10 % / 360 = 6.515733…
    #  1 Jun -> 1 Jul: 30 d × 1234.56 × 12 % / 360 = 12.3456
    #  1 Jul -> 10 Jul: 9 d × 1234.56 ×  9 % / 360 = 2.7777600
    #  sum 21.639093… -> 21.64; interés = 98.40 + 21.64 = 120.04
    assert [(t.desde, t.dias, t.tasa_anual) for t in liq.tramos] == [
        (date(2025, 5, 13), 19, D("10")), (date(2025, 6, 1), 30, D("12")), (date(2025, 7, 1), 9, D("9"))]
    assert (liq.interes_mora, liq.interes) == (D("21.64"), D("120.04"))
    # total = 1234.56 + 120.04 + 12.35 = 1366.95
    assert liq.total == D("1366.95")
    # Counting mora again from 16/11/2024 (the old error) would add 178 more days: 1234.56 × 10 % × 178 / 360
    # = 61.04 charged twice. Without the rate of June 2025 the liquidación refuses and names the month.
    sin_junio = tuple(t for t in tabla if t.vigente_desde != date(2025, 6, 1))
    with pytest.raises(ValidationError, match="falta la tasa de interés de junio de 2025"):
        liquidar(Deuda(D("1234.56"), D("98.40"), D("12.35"), date(2025, 5, 13), sin_junio), date(2025, 7, 10))
