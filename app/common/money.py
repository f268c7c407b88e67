"""USD amounts: parsing as offices write them, Ecuadorian display, words for legal documents.

Amounts are always :class:`decimal.Decimal` with two places, never floats (domain.md §4).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
LOCALE = "es_EC"

_SPANISH = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def q(value: Decimal | int | str) -> Decimal:
    """Round to cents, half up (USD, two places)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: str) -> Decimal:
    """Parse an amount as written in the office: ``1.234,56``, ``1234,56``, ``1234.56``,
    ``USD 1.234,56``, ``$ 12``.

    A single dot followed by exactly three digits (``1.234``) is read as a thousands separator,
    as Ecuadorian spreadsheets write it. Returns a Decimal rounded to cents.

    Raises:
        ValueError: the text is not an amount (message in Spanish).
    """
    s = (text or "").strip().replace("\u00a0", " ")
    s = re.sub(r"^(USD|US\$|\$)\s*", "", s, flags=re.IGNORECASE).replace(" ", "")
    if not s:
        raise ValueError("el valor está vacío")
    try:
        if _SPANISH.match(s):
            value = Decimal(s.replace(".", "").replace(",", "."))
        elif _PLAIN.match(s):
            value = Decimal(s)
        else:
            raise ValueError(f"«{text.strip()}» no es un valor en dólares (use 1.234,56)")
    except InvalidOperation as exc:  # pragma: no cover - regexes guard this
        raise ValueError(f"«{text.strip()}» no es un valor en dólares") from exc
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValueError(f"«{text.strip()}» tiene más de dos decimales")
    return q(value)


_ES_EC = str.maketrans(",.", ".,")


def format_usd(amount: Decimal) -> str:
    """``Decimal('12742937.65')`` -> ``'12.742.937,65'`` (Ecuadorian style, two places: CLDR's ``es_EC``
    pattern ``#,##0.00`` with «.» for thousands and «,» for decimals, as Babel formats it, without loading
    Babel: the list formats a cuantía per row)."""
    return f"{q(amount):,.2f}".translate(_ES_EC)


def amount_in_words(amount: Decimal) -> str:
    """Amount in words and figures for legal documents (domain.md §4).

    ``Decimal('1242.50')`` -> ``'MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS
    UNIDOS DE AMÉRICA (USD 1.242,50)'``. Uses num2words (lang ``es``).
    """
    value = q(amount)
    whole = int(value)
    cents = int((value - whole) * 100)
    from num2words import num2words  # loads every language: only when a document spells an amount

    words = num2words(whole, lang="es").upper()
    # num2words writes "uno" for 1 and "veintiuno"; legal usage says "UN DÓLAR"/"VEINTIÚN".
    words = re.sub(r"VEINTIUNO$", "VEINTIÚN", words)
    words = re.sub(r"UNO$", "UN", words)
    return f"{words} {cents:02d}/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD {format_usd(value)})"
