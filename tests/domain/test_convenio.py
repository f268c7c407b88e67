"""APP: amortization table (French, to the cent), plazo and cuota inicial rules, due dates, default."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.domain.convenio import (
    EstadoCuota,
    ReglaConvenio,
    cuota_fija,
    cuota_incumplida,
    repartir_pago,
    sumar_meses,
    tabla_amortizacion,
    validar_convenio,
)


def test_due_dates_same_day_clamped_to_month_end() -> None:
    assert sumar_meses(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert sumar_meses(date(2025, 1, 31), 2) == date(2025, 3, 31)  # not carried from 28 Feb
    assert sumar_meses(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert sumar_meses(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_french_table_to_the_cent() -> None:
    # i = 12 % / 12 = 1 %; cuota = 1000 × 0.01 × 1.01^12 / (1.01^12 − 1) = 88.848789 -> 88.85
    assert cuota_fija(D("1000.00"), 12, D("12")) == D("88.85")
    t = tabla_amortizacion(D("1000.00"), 12, D("12"), date(2025, 1, 31))
    # row 1: interés 1000 × 1 % = 10.00, capital 88.85 − 10.00 = 78.85, saldo 921.15
    assert (t[0].vence, t[0].interes, t[0].capital, t[0].saldo) == (date(2025, 2, 28), D("10.00"), D("78.85"),
                                                                     D("921.15"))
    # row 2: interés 921.15 × 1 % = 9.2115 -> 9.21, capital 79.64, saldo 841.51
    assert (t[1].interes, t[1].capital, t[1].saldo) == (D("9.21"), D("79.64"), D("841.51"))
    # row 12 absorbs rounding: saldo 87.96, interés 0.8796 -> 0.88, cuota 87.96 + 0.88 = 88.84
    assert (t[-1].numero, t[-1].vence, t[-1].capital, t[-1].interes, t[-1].cuota) == (
        12, date(2026, 1, 31), D("87.96"), D("0.88"), D("88.84"))
    assert sum(c.capital for c in t) == D("1000.00")
    assert sum(c.cuota for c in t) == D("88.85") * 11 + D("88.84")
    assert t[-1].saldo == D("0.00")


def test_zero_rate_equal_instalments_last_absorbs() -> None:
    # 1000 / 3 = 333.333… -> 333.33, 333.33 and 1000 − 666.66 = 333.34
    t = tabla_amortizacion(D("1000.00"), 3, D("0"), date(2025, 5, 13))
    assert [c.cuota for c in t] == [D("333.33"), D("333.33"), D("333.34")]
    assert all(c.interes == 0 for c in t)
    assert sum(c.capital for c in t) == D("1000.00")
    # 200 / 3 = 66.666… -> 66.67, 66.67, 200 − 133.34 = 66.66
    assert [c.cuota for c in tabla_amortizacion(D("200.00"), 3, D("0"), date(2025, 5, 13))] == [
        D("66.67"), D("66.67"), D("66.66")]


@pytest.mark.parametrize(("monto", "plazo", "tasa"), [
    (D("6455.00"), 72, D("11.83")), (D("421.37"), 36, D("9.5")), (D("100000.01"), 2, D("17.3"))])
def test_capital_always_sums_to_the_amount(monto: D, plazo: int, tasa: D) -> None:
    t = tabla_amortizacion(monto, plazo, tasa, date(2025, 1, 30))
    assert sum(c.capital for c in t) == monto
    assert all(c.capital > 0 and c.cuota == c.capital + c.interes for c in t)
    assert len({c.cuota for c in t[:-1]}) == 1


def test_down_payment_is_instalment_zero_due_on_signing() -> None:
    # 1200 − 200 = 1000 financed in 2 at 0 %: 500.00 each
    t = tabla_amortizacion(D("1200.00"), 2, D("0"), date(2025, 3, 10), cuota_inicial=D("200.00"))
    assert [(c.numero, c.vence, c.cuota) for c in t] == [
        (0, date(2025, 3, 10), D("200.00")), (1, date(2025, 4, 10), D("500.00")), (2, date(2025, 5, 10), D("500.00"))]


def test_amount_too_small_for_the_plazo() -> None:
    with pytest.raises(ValidationError, match="demasiado bajo"):
        tabla_amortizacion(D("0.05"), 12, D("0"), date(2025, 1, 1))


def test_plazo_range_and_configurable_maximum() -> None:
    validar_convenio(D("1000.00"), 2, D("0"), sin_honorarios=True)
    validar_convenio(D("1000.00"), 72, D("0"), sin_honorarios=False)
    for plazo in (1, 73):
        with pytest.raises(ValidationError, match="de 2 a 72 meses"):
            validar_convenio(D("1000.00"), plazo, D("0"), sin_honorarios=False)
    with pytest.raises(ValidationError, match="de 2 a 36 meses"):
        validar_convenio(D("1000.00"), 48, D("0"), sin_honorarios=False, regla=ReglaConvenio(plazo_max=36))


def test_down_payment_rules() -> None:
    with pytest.raises(ValidationError, match=r"C\.D\. 617 no lleva cuota inicial"):
        validar_convenio(D("1000.00"), 12, D("100.00"), sin_honorarios=True)
    regla = ReglaConvenio(cuota_inicial_min_pct=D("20"))
    validar_convenio(D("1000.00"), 12, D("0"), sin_honorarios=False, regla=regla)  # 0 always allowed
    validar_convenio(D("1000.00"), 12, D("200.00"), sin_honorarios=False, regla=regla)
    with pytest.raises(ValidationError, match="al menos el 20 %"):
        validar_convenio(D("1000.00"), 12, D("199.99"), sin_honorarios=False, regla=regla)
    with pytest.raises(ValidationError, match="cubre toda la deuda"):
        validar_convenio(D("1000.00"), 12, D("1000.00"), sin_honorarios=False)
    with pytest.raises(ValidationError, match="deuda está pagada"):
        validar_convenio(D("0.00"), 12, D("0"), sin_honorarios=False)


def _cuota(pagada_en: date | None, pagado: D = D("0.00")) -> EstadoCuota:
    return EstadoCuota(1, date(2025, 2, 15), D("100.00"), pagado, pagada_en)


def test_default_is_the_day_after_the_due_date_without_grace() -> None:
    assert cuota_incumplida([_cuota(None)], date(2025, 2, 15)) is None  # still payable on its due date
    assert cuota_incumplida([_cuota(None)], date(2025, 2, 16)).numero == 1
    assert cuota_incumplida([_cuota(date(2025, 2, 15), D("100.00"))], date(2025, 3, 1)) is None
    # paid late: the default stands
    assert cuota_incumplida([_cuota(date(2025, 2, 16), D("100.00"))], date(2025, 3, 1)).numero == 1


def test_grace_days_are_configurable() -> None:
    assert cuota_incumplida([_cuota(None)], date(2025, 2, 20), gracia_dias=5) is None
    assert cuota_incumplida([_cuota(None)], date(2025, 2, 21), gracia_dias=5).numero == 1


def test_payment_goes_to_the_oldest_unpaid_instalments() -> None:
    cuotas = [
        EstadoCuota(1, date(2025, 2, 15), D("100.00"), D("100.00"), date(2025, 2, 10)),
        EstadoCuota(2, date(2025, 3, 15), D("100.00"), D("30.00"), None),
        EstadoCuota(3, date(2025, 4, 15), D("100.00"), D("0.00"), None),
    ]
    # 150: 70 completes #2, 80 goes to #3
    assert repartir_pago(cuotas, D("150.00")) == ([(2, D("70.00")), (3, D("80.00"))], D("0.00"))
    assert repartir_pago(cuotas, D("200.00")) == ([(2, D("70.00")), (3, D("100.00"))], D("30.00"))
