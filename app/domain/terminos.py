"""Términos (business days) and plazos (calendar days), domain.md §2.

A *término* counts only business days: no Saturdays, Sundays, Ecuadorian national holidays
(``holidays`` package, country ``EC``) or the office's local holidays. A *plazo* counts
calendar days. The first counted day is the day after the start date (the day of
notification is not counted).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import holidays


class TipoTermino(StrEnum):
    TERMINO = "TERMINO"  # días hábiles
    PLAZO = "PLAZO"  # días calendario


@dataclass
class Calendario:
    """Business-day calendar: national holidays of Ecuador plus ``locales`` (office's own dates)."""

    locales: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        self._nacionales = holidays.country_holidays("EC")

    def es_feriado(self, d: date) -> bool:
        return d in self._nacionales or d in self.locales

    def nombre_feriado(self, d: date) -> str | None:
        if d in self.locales:
            return "Feriado local"
        return self._nacionales.get(d)

    def es_habil(self, d: date) -> bool:
        return d.weekday() < 5 and not self.es_feriado(d)

    def sumar_dias_habiles(self, inicio: date, dias: int) -> date:
        """The date on which a término of ``dias`` business days counted from ``inicio`` ends.

        ``inicio`` itself is not counted. ``dias`` must be >= 0 (0 returns ``inicio``).
        """
        if dias < 0:
            raise ValueError("un término no puede ser negativo")
        d = inicio
        restantes = dias
        while restantes:
            d += timedelta(days=1)
            if self.es_habil(d):
                restantes -= 1
        return d

    def vencimiento(self, inicio: date, dias: int, tipo: TipoTermino) -> date:
        """Due date of a term: business days for TERMINO, calendar days for PLAZO."""
        if tipo is TipoTermino.TERMINO:
            return self.sumar_dias_habiles(inicio, dias)
        return inicio + timedelta(days=dias)

    def dias_habiles_entre(self, desde: date, hasta: date) -> int:
        """Business days in (desde, hasta]."""
        n, d = 0, desde
        while d < hasta:
            d += timedelta(days=1)
            n += self.es_habil(d)
        return n


def calendario(locales: Iterable[date] = ()) -> Calendario:
    return Calendario(frozenset(locales))


# Terms fixed by law (domain.md §2).
TERMINO_OPI_DIAS = 3  # COA art. 279: pay or dimitir bienes within 3 días (término)
TERMINO_RPV_DIAS = 10  # COA art. 271
PLAZO_SECRETARIO_DIAS = 180  # C.D. 321: days from handover to collect
PRORROGA_SECRETARIO_DIAS = 90  # C.D. 321: one extension
