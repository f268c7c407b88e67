"""Imputation of an abono: costs, interest, surcharge, capital (configurable order), overpayment reported."""

from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.domain.imputacion import ORDEN_PREDETERMINADO, Concepto, imputar, orden_desde_texto, validar_orden

PENDIENTES = {
    Concepto.COSTAS: D("50.00"),
    Concepto.INTERES: D("120.40"),
    Concepto.RECARGO: D("42.50"),
    Concepto.CAPITAL: D("1100.00"),
}


def test_default_order_costs_interest_surcharge_capital() -> None:
    assert ORDEN_PREDETERMINADO == (Concepto.COSTAS, Concepto.HONORARIOS, Concepto.INTERES, Concepto.RECARGO,
                                    Concepto.CAPITAL)
    # 200.00 - 50.00 costas = 150.00; - 120.40 interés = 29.60 -> recargo takes 29.60 of 42.50
    r = imputar(D("200.00"), PENDIENTES)
    assert (r.costas, r.interes, r.recargo, r.capital, r.sobrante) == (
        D("50.00"), D("120.40"), D("29.60"), D("0.00"), D("0.00"))
    assert r.aplicado == D("200.00")


def test_reaches_capital_after_the_accessories() -> None:
    # 500.00 - 50.00 - 120.40 - 42.50 = 287.10 to capital
    r = imputar(D("500.00"), PENDIENTES)
    assert r.capital == D("287.10")
    assert r.a(Concepto.RECARGO) == D("42.50")


def test_configurable_order_recargo_last() -> None:
    orden = orden_desde_texto("COSTAS, INTERES, CAPITAL, RECARGO")
    # 200.00 - 50.00 - 120.40 = 29.60 to capital, nothing to recargo
    r = imputar(D("200.00"), PENDIENTES, orden)
    assert (r.capital, r.recargo) == (D("29.60"), D("0.00"))


def test_overpayment_is_reported_not_hidden() -> None:
    # owed 50.00 + 120.40 + 42.50 + 1 100.00 = 1 312.90; paid 2 000.00 -> 687.10 left over
    r = imputar(D("2000.00"), PENDIENTES)
    assert r.aplicado == D("1312.90")
    assert r.sobrante == D("687.10")


def test_negative_or_missing_pending_counts_as_zero() -> None:
    r = imputar(D("10.00"), {Concepto.COSTAS: D("-5.00"), Concepto.CAPITAL: D("100.00")})
    assert (r.costas, r.interes, r.capital) == (D("0.00"), D("0.00"), D("10.00"))


@pytest.mark.parametrize("monto", [D("0"), D("-1.00"), D("10.005")])
def test_bad_amount_refused(monto: D) -> None:
    with pytest.raises(ValidationError):
        imputar(monto, PENDIENTES)


def test_bad_orders_refused() -> None:
    with pytest.raises(ValidationError, match="repite"):
        validar_orden(["COSTAS", "COSTAS", "INTERES", "CAPITAL"])
    with pytest.raises(ValidationError, match="falta: RECARGO"):
        validar_orden(["COSTAS", "INTERES", "CAPITAL"])
    with pytest.raises(ValidationError, match="no es un concepto"):
        orden_desde_texto("COSTAS,HONORAROS,INTERES,RECARGO,CAPITAL")
    with pytest.raises(ValidationError, match="repite"):
        orden_desde_texto("COSTAS,HONORARIOS,INTERES,HONORARIOS,RECARGO,CAPITAL")
    # fees are optional in an order (offices' stored orders predate them)
    assert Concepto.HONORARIOS in orden_desde_texto("COSTAS,HONORARIOS,INTERES,RECARGO,CAPITAL")
