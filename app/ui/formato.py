"""How values are shown in the UI: amounts, dates, counts (Ecuadorian style)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.common.dates import fojas, format_dmy
from app.common.money import format_usd

PROVISIONAL = "(provisional)"
PROVISIONAL_CORTO = "(prov.)"
AYUDA_PROVISIONAL = (
    "Número provisional: se asignó sin conexión con la base central y se confirmará al sincronizar."
)


def usd(valor: Decimal) -> str:
    """``Decimal('1234.5')`` -> ``'1.234,50'``."""
    return format_usd(valor)


def fecha(valor: date | None) -> str:
    """``date(2025, 5, 13)`` -> ``'13/05/2025'``; ``None`` -> ``''``."""
    return format_dmy(valor) if valor else ""


def porcentaje(valor: Decimal) -> str:
    """``Decimal('12.0000')`` -> ``'12'``; ``Decimal('8.50')`` -> ``'8,5'``."""
    texto = f"{valor.normalize():f}"
    return texto.replace(".", ",")


def miles(n: int) -> str:
    """``196000`` -> ``'196.000'`` (thousands separated by dots)."""
    return f"{n:,}".replace(",", ".")


def numero_juicio(numero: str, provisional: bool, corto: bool = False) -> str:
    """A juicio number, marked when it is still provisional (``corto``: the list's short mark)."""
    if not provisional:
        return numero
    return f"{numero} {PROVISIONAL_CORTO if corto else PROVISIONAL}"


def rango_folios(desde: int, hasta: int) -> str:
    """``(1, 3)`` -> ``'1–3'``; a single sheet -> ``'1'``."""
    return str(desde) if desde == hasta else f"{desde}–{hasta}"


def fojas_texto(n: int) -> str:
    """``0`` -> ``'ninguna'``; ``42`` -> ``'42 (cuarenta y dos)'``."""
    return fojas(n) if n else "ninguna"
