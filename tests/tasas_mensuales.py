"""Monthly rate tables for tests: one row per month, as an office loads them (issue 8)."""

from datetime import date
from decimal import Decimal

from app.domain.intereses import Tasa, siguiente_mes


def meses(desde: date, hasta: date, tasa: str | Decimal, fuente: str = "Tabla de prueba") -> list[Tasa]:
    """One row per month from ``desde``'s month to ``hasta``'s month (inclusive) at ``tasa`` % anual."""
    out, m = [], desde.replace(day=1)
    while m <= hasta:
        out.append(Tasa(m, Decimal(tasa), fuente))
        m = siguiente_mes(m)
    return out
