"""The office preferences' registry: defaults, typed values, and a bad stored value named, never replaced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.common.errors import ConfigurationError
from app.domain import preferencias as pf
from app.domain.imputacion import Concepto
from app.domain.intereses import BaseDias


def test_every_preference_has_one_key_a_description_and_a_default_that_reads_back() -> None:
    assert len(pf.REGISTRO) == 13
    for clave, a in pf.REGISTRO.items():
        area, _, nombre = clave.partition(".")
        assert area in {"cobro", "convenio", "bienes", "honorarios"} and nombre, clave
        assert a.descripcion.strip() and isinstance(a.defecto, a.tipo), clave
        assert a.valor(a.texto(a.defecto)) == a.defecto, clave
    # What the program records as done, the office does not set.
    assert {c for c, a in pf.REGISTRO.items() if not a.configurable} == {
        "honorarios.tarifa_confirmada", "honorarios.suspensiones_configuradas"}


def test_unset_or_blank_is_the_default_and_text_is_typed() -> None:
    assert pf.BASE_DIAS.valor(None) is BaseDias.ACT_360
    assert pf.BASE_DIAS.valor("365") is BaseDias.ACT_365
    assert pf.GRACIA_CONVENIO.valor("  ") == pf.GRACIA_CONVENIO.defecto
    assert pf.CUOTA_MINIMA_CONVENIO.valor("25.50") == Decimal("25.50")
    assert pf.ORDEN_IMPUTACION.valor("COSTAS,INTERES,CAPITAL,RECARGO")[:2] == (Concepto.COSTAS, Concepto.INTERES)
    assert pf.TARIFA_CONFIRMADA.valor("si") is True and pf.TARIFA_CONFIRMADA.valor("no") is False
    assert pf.HONORARIOS_A_CARGO.valor("si:2025-03-01") == pf.CobroAlCoactivado(True, date(2025, 3, 1))
    assert pf.HONORARIOS_A_CARGO.texto(pf.CobroAlCoactivado(True, date(2025, 3, 1))) == "si:2025-03-01"
    assert pf.HONORARIOS_A_CARGO.valor("no") == pf.CobroAlCoactivado(False)


@pytest.mark.parametrize(("ajuste", "texto", "dice"), [
    (pf.BASE_DIAS, "364", "use 360 o 365"),
    (pf.GRACIA_CONVENIO, "-1", "desde 0"),
    (pf.CUOTA_INICIAL_MIN, "100", "menor que 100"),
    (pf.PLAZO_MAX_CONVENIO, "doce", "meses"),
    (pf.CUOTA_MINIMA_CONVENIO, "diez", "dólares"),
    (pf.ORDEN_IMPUTACION, "CAPITAL,CAPITAL", ""),
    (pf.INFORME_MESES, "1.5", ""),
])
def test_a_bad_stored_value_is_refused_naming_the_key(ajuste: pf.Ajuste[object], texto: str, dice: str) -> None:
    with pytest.raises(ConfigurationError, match=f"Preferencia «{ajuste.clave}» inválida") as exc:
        ajuste.valor(texto)
    assert dice in exc.value.message
