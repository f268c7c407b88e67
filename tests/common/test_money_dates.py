from datetime import date
from decimal import Decimal

import pytest

from app.common.dates import fojas, parse_date, place_and_date
from app.common.money import amount_in_words, format_usd, parse_amount, q


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        (" USD 12.742.937,65 ", "12742937.65"),
        ("$ 12", "12.00"),
        ("0,5", "0.50"),
        ("1.234", "1234.00"),
    ],
)
def test_parse_amount_as_offices_write_it(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("bad", ["", "abc", "1,2,3", "12,345", "1.234,567", "1.23.4"])
def test_parse_amount_rejects_garbage(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(bad)


def test_format_usd_ecuadorian_style() -> None:
    assert format_usd(Decimal("12742937.65")) == "12.742.937,65"
    assert format_usd(Decimal("0.5")) == "0,50"


def test_amount_in_words_legal_form() -> None:
    assert amount_in_words(Decimal("1242.50")) == (
        "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)"
    )
    assert amount_in_words(Decimal("21")).startswith("VEINTIÚN 00/100")
    assert amount_in_words(Decimal("1")).startswith("UN 00/100")
    assert amount_in_words(Decimal("1000000.01")).startswith("UN MILLÓN 01/100")


def test_dates_in_spanish() -> None:
    assert place_and_date("Riobamba", date(2025, 5, 13)) == "Riobamba, 13 de mayo de 2025"
    assert parse_date(" 13/05/2025 ") == date(2025, 5, 13)
    assert parse_date("2025-05-13") == date(2025, 5, 13)
    assert fojas(42) == "42 (cuarenta y dos)"
    with pytest.raises(ValueError, match="no es una fecha válida"):
        parse_date("31/02/2025")


def test_format_usd_writes_what_babel_writes_for_es_ec() -> None:
    """The amounts are formatted without loading Babel (program start), exactly as Babel's es_EC does."""
    import random

    from babel.numbers import format_decimal

    rng = random.Random(14)
    valores = [Decimal("0"), Decimal("-0.004"), Decimal("0.005"), Decimal("999.995"), Decimal("-1000000.01")]
    valores += [Decimal(rng.randint(-10**12, 10**12)) / Decimal(10**rng.randint(0, 4)) for _ in range(2000)]
    for v in valores:
        assert format_usd(v) == format_decimal(q(v), format="#,##0.00", locale="es_EC"), v
