"""Mora interest: simple, piecewise per month of the dated monthly rate table and between payments, rounded
once (domain.md §4)."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.domain.intereses import (
    BaseDias,
    Tasa,
    interes,
    meses_sin_tasa,
    normalizar_tasas,
    tasa_vigente,
    tramos_interes,
)
from tests.tasas_mensuales import meses

DOCE = meses(date(2025, 1, 1), date(2025, 12, 1), "12")


def test_one_rate_actual_360_and_365() -> None:
    # 1 Jan -> 31 Jan = 30 days. 10 000 × 12 % × 30 / 360 = 100.00
    assert interes(D("10000.00"), date(2025, 1, 1), date(2025, 1, 31), DOCE) == D("100.00")
    # 10 000 × 12 % × 30 / 365 = 98.630136… -> 98.63
    assert interes(D("10000.00"), date(2025, 1, 1), date(2025, 1, 31), DOCE, base=BaseDias.ACT_365) == D("98.63")


def test_rate_change_in_the_middle_of_the_period() -> None:
    tasas = [*meses(date(2025, 1, 1), date(2025, 2, 1), "12"), *meses(date(2025, 3, 1), date(2025, 3, 1), "9")]
    # 15 Feb -> 1 Mar: 14 days at 12 %: 5 000 × 0.12 × 14 / 360 = 23.333333…
    #  1 Mar -> 16 Mar: 15 days at  9 %: 5 000 × 0.09 × 15 / 360 = 18.75
    # total 42.083333… -> 42.08
    tramos = tramos_interes(D("5000.00"), date(2025, 2, 15), date(2025, 3, 16), tasas)
    assert [(t.desde, t.hasta, t.dias, t.tasa_anual) for t in tramos] == [
        (date(2025, 2, 15), date(2025, 3, 1), 14, D("12")),
        (date(2025, 3, 1), date(2025, 3, 16), 15, D("9")),
    ]
    assert interes(D("5000.00"), date(2025, 2, 15), date(2025, 3, 16), tasas) == D("42.08")


def test_rounded_only_at_the_end() -> None:
    # Three one-day pieces (split by two payments of 0.00 to capital) at 1 000 × 12 % / 360 = 0.333333…
    # each would round to 0.33 × 3 = 0.99; the exact sum is 1.00.
    abonos = [(date(2025, 1, 2), D("0")), (date(2025, 1, 3), D("0"))]
    tramos = tramos_interes(D("1000.00"), date(2025, 1, 1), date(2025, 1, 4), DOCE, abonos_capital=abonos)
    assert [t.dias for t in tramos] == [1, 1, 1]
    assert sum(t.interes_redondeado for t in tramos) == D("0.99")
    assert interes(D("1000.00"), date(2025, 1, 1), date(2025, 1, 4), DOCE) == D("1.00")


def test_payment_to_capital_lowers_the_base_from_its_date() -> None:
    # 1 Jan -> 1 Feb: 31 days on 10 000: 10 000 × 0.12 × 31 / 360 = 103.333333…
    # 1 Feb -> 2 Mar: 29 days on  6 000:  6 000 × 0.12 × 29 / 360 =  58.00
    # total 161.333333… -> 161.33
    abonos = [(date(2025, 2, 1), D("4000.00"))]
    tramos = tramos_interes(D("10000.00"), date(2025, 1, 1), date(2025, 3, 2), DOCE, abonos_capital=abonos)
    assert [t.capital for t in tramos] == [D("10000.00"), D("6000.00")]
    assert interes(D("10000.00"), date(2025, 1, 1), date(2025, 3, 2), DOCE, abonos_capital=abonos) == D("161.33")


def test_capital_paid_in_full_stops_interest() -> None:
    abonos = [(date(2025, 1, 11), D("1000.00"))]
    # only 1 Jan -> 11 Jan: 1 000 × 0.12 × 10 / 360 = 3.333… -> 3.33
    assert interes(D("1000.00"), date(2025, 1, 1), date(2025, 12, 31), DOCE, abonos_capital=abonos) == D("3.33")


def test_suspension_period_does_not_accrue() -> None:
    # 1 Jan -> 11 Jan (10 days) = 33.333…; 10 Feb -> 2 Mar (20 days) = 66.666…; total 100.00
    susp = [(date(2025, 1, 11), date(2025, 2, 10))]
    assert interes(D("10000.00"), date(2025, 1, 1), date(2025, 3, 2), DOCE, suspensiones=susp) == D("100.00")
    # an open suspension (APP in force) stops interest from its start
    abierta = [(date(2025, 1, 11), None)]
    assert interes(D("10000.00"), date(2025, 1, 1), date(2025, 3, 2), DOCE, suspensiones=abierta) == D("33.33")


def test_no_interest_for_an_empty_period() -> None:
    assert interes(D("1000.00"), date(2025, 5, 1), date(2025, 5, 1), DOCE) == D("0.00")
    assert interes(D("1000.00"), date(2025, 5, 1), date(2025, 4, 1), DOCE) == D("0.00")


def test_a_month_without_rate_refuses_naming_every_missing_month() -> None:
    # The table has January and April 2025: February and March are missing, and so is December 2024.
    tabla = [Tasa(date(2025, 1, 1), D("12"), "BCE"), Tasa(date(2025, 4, 1), D("12"), "BCE")]
    with pytest.raises(ValidationError) as err:
        interes(D("1000.00"), date(2024, 12, 31), date(2025, 4, 10), tabla)
    assert "diciembre de 2024, febrero de 2025 y marzo de 2025" in err.value.message
    assert "tasa supuesta" in err.value.message
    assert meses_sin_tasa(tabla, date(2025, 1, 15), date(2025, 4, 2)) == [date(2025, 2, 1), date(2025, 3, 1)]
    # A month wholly inside a suspension accrues nothing, so it needs no rate.
    assert interes(D("1000.00"), date(2025, 1, 1), date(2025, 4, 2), tabla,
                   suspensiones=[(date(2025, 2, 1), date(2025, 4, 1))]) == D("10.67")  # 32 d × 1000 × 12 % / 360


def test_each_row_is_the_rate_of_its_month_only() -> None:
    tabla = normalizar_tasas([(date(2025, 3, 15), D("9")), Tasa(date(2025, 1, 1), D("12"), "BCE enero")])
    assert [t.vigente_desde for t in tabla] == [date(2025, 1, 1), date(2025, 3, 1)]
    assert tabla[0].fuente == "BCE enero"
    assert tasa_vigente(tabla, date(2025, 1, 31)) == D("12")
    assert tasa_vigente(tabla, date(2025, 3, 1)) == D("9")
    with pytest.raises(ValidationError, match="No hay tasa de interés para febrero de 2025"):
        tasa_vigente(tabla, date(2025, 2, 28))
    with pytest.raises(ValidationError, match="dos tasas de interés para enero de 2025"):
        normalizar_tasas([(date(2025, 1, 1), D("9")), (date(2025, 1, 20), D("12"))])
    with pytest.raises(ValidationError, match="no es válida"):
        normalizar_tasas([(date(2025, 1, 1), D("-1"))])
    assert normalizar_tasas([]) == ()
