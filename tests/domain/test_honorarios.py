"""Fee arithmetic: tariff by date, IVA to the cent, exclusions, reversals, and abonos carrying their fee."""

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.domain.honorarios import (
    CargoEnFecha,
    Motivo,
    Recuperacion,
    ReglaHonorarios,
    Suspension,
    Tarifa,
    calcular,
    honorario_de,
    tarifa_vigente,
)
from app.domain.imputacion import Concepto, imputar

T10 = Tarifa(date(2024, 4, 1), D("10"), D("15"), "prueba")
REGLA = ReglaHonorarios((T10,), (Suspension(date(2024, 12, 1), date(2025, 2, 28), "Ley"),), date(2024, 6, 1))


def test_iva_is_rounded_to_the_cent_per_recovery() -> None:
    assert honorario_de(D("333.33"), T10) == (D("33.33"), D("5.00"))  # 4.9995 -> 5.00
    assert honorario_de(D("0.04"), T10) == (D("0.00"), D("0.00"))
    c = calcular([Recuperacion("a", date(2025, 4, 1), D("333.33")), Recuperacion("b", date(2025, 4, 2), D("333.33"))],
                 REGLA)
    assert (c.honorario, c.iva, c.total) == (D("66.66"), D("10.00"), D("76.66"))  # not 10.00 on 66.66 → 9.999


def test_no_tariff_for_the_date_names_it() -> None:
    with pytest.raises(ValidationError, match="01/03/2024"):
        tarifa_vigente((T10,), date(2024, 3, 1))


def test_exclusions_and_their_order() -> None:
    c = calcular([
        Recuperacion("antes", date(2024, 5, 1), D("10.00")),           # before the sorteo (1 Jun 2024)
        Recuperacion("susp", date(2025, 1, 10), D("20.00")),           # legal suspension
        Recuperacion("app", date(2025, 4, 1), D("30.00"), sin_honorarios=True),
        Recuperacion("ok", date(2025, 4, 2), D("40.00")),
    ], REGLA)
    assert [x.motivo for x in c.lineas] == [Motivo.ANTES_SORTEO, Motivo.SUSPENSION_LEGAL, Motivo.APP_SIN_HONORARIOS,
                                            None]
    assert (c.recuperado, c.excluido, c.base, c.total) == (D("100.00"), D("60.00"), D("40.00"), D("4.60"))


def test_a_reversal_takes_the_exact_negative_fee() -> None:
    c = calcular([Recuperacion("p", date(2025, 4, 1), D("333.33")),
                  Recuperacion("r", date(2025, 4, 1), D("-333.33"), corrige_id="p")], REGLA)
    assert [x.total for x in c.lineas] == [D("38.33"), D("-38.33")] and c.total == 0


def test_an_abono_carries_its_fee_and_pays_fees_owed_in_their_place() -> None:
    cargo = CargoEnFecha(REGLA, date(2025, 4, 2))
    pend = {Concepto.COSTAS: D("10.00"), Concepto.INTERES: D("50.00"), Concepto.CAPITAL: D("1000.00"),
            Concepto.HONORARIOS: D("5.00")}
    r = imputar(D("100.00"), pend, (Concepto.COSTAS, Concepto.HONORARIOS, Concepto.INTERES, Concepto.RECARGO,
                                    Concepto.CAPITAL), cargo)
    # 5.00 of fees owed, then 95.00 for debt + its fee: x + fee(x) <= 95 -> x = 85.20 (fee 8.52 + IVA 1.28 = 9.80)
    assert (r.costas, r.interes, r.capital) == (D("10.00"), D("50.00"), D("25.20"))
    assert r.honorarios == D("5.00") + D("9.80") and r.sobrante == 0
    assert r.aplicado == D("100.00")
    # without a cargo nothing goes to fees and the old order is kept
    assert imputar(D("100.00"), pend).honorarios == D("5.00")  # HONORARIOS after COSTAS by default
    # during the legal suspension the abono carries no fee
    r = imputar(D("100.00"), pend, cargo=CargoEnFecha(REGLA, date(2025, 1, 10)))
    assert r.honorarios == D("5.00") and r.costas + r.interes + r.capital == D("95.00")
