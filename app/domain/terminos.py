"""Términos (business days) and plazos (calendar days), domain.md §2.

A *término* counts only business days: no Saturdays, Sundays, Ecuadorian national holidays or the office's
own non-working days. A *plazo* counts calendar days, and one that ends on a non-working day ends on the
next business day. The first counted day is the day after the start date (the day of notification is not
counted). Sources: COA art. 158 (términos in días hábiles; plazos in días calendario; a plazo ending on a
non-working day is extended to the next business day), Ley Orgánica de Servicio Público art. 20 / Código
del Trabajo art. 65 reformed in 2016 (national holidays move to the nearest Friday or Monday).

**National holidays** come from the ``holidays`` package (country ``EC``, names in Spanish). For a holiday
that the law moves, the package lists both the original day and the moved one (named "… (observado)"): 1 and
2 May 2025, 9 and 10 Oct 2025. Only the moved day is a rest day, so :class:`Calendario` drops the original
day of every holiday that has an "observado" day within a week of it.

**The office's days** (configurable): it adds local holidays (cantonización) and decreed rest days (e.g. the
energy-crisis days off of 2024, Decretos Ejecutivos 229 and 250) and may remove a listed day (``quitados``)
when a decree makes it a working day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

OBSERVADO = "(observado)"
#: How far from its "observado" day the original day of a moved holiday may lie.
_VENTANA_TRASLADO = timedelta(days=7)


class TipoTermino(StrEnum):
    TERMINO = "TERMINO"  # días hábiles
    PLAZO = "PLAZO"  # días calendario


@lru_cache(maxsize=64)
def feriados_nacionales(anio: int) -> Mapping[date, str]:
    """Ecuador's national holidays of ``anio`` (Spanish names), keeping only the moved ("observado") day of
    a holiday the law moves. Cached per year: the ``holidays`` package is slow to build."""
    import holidays  # here: the package is slow to import, and the program starts without a término

    crudos = dict(holidays.country_holidays("EC", years=anio, language="es"))
    quitar: set[date] = set()
    for d, nombre in crudos.items():
        if OBSERVADO not in nombre:
            continue
        base = nombre.replace(OBSERVADO, "").strip()
        for otro, n2 in crudos.items():
            if otro != d and n2 == base and abs(otro - d) <= _VENTANA_TRASLADO:
                quitar.add(otro)
    return {d: n.replace(f" {OBSERVADO}", "") for d, n in crudos.items() if d not in quitar}


@dataclass
class Calendario:
    """Business-day calendar of an office.

    Attributes:
        locales: the office's own non-working days (local holidays, decreed rest days), with an optional
            description (``{fecha: "Cantonización de Riobamba"}``; a bare set of dates is accepted).
        quitados: listed national days the office works (removed from the national list).
    """

    locales: Mapping[date, str] | frozenset[date] = field(default_factory=frozenset)
    quitados: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not isinstance(self.locales, Mapping):
            self.locales = dict.fromkeys(self.locales, "")

    def _nacional(self, d: date) -> str | None:
        if d in self.quitados:
            return None
        return feriados_nacionales(d.year).get(d)

    def es_feriado(self, d: date) -> bool:
        return d in self.locales or self._nacional(d) is not None

    def nombre_feriado(self, d: date) -> str | None:
        """Spanish name of the holiday on ``d`` ("Día del Trabajo", the office's description or "Feriado
        local"), None on a working day or a weekend."""
        if d in self.locales:
            return self.locales[d] or "Feriado local"  # type: ignore[index]
        return self._nacional(d)

    def es_habil(self, d: date) -> bool:
        return d.weekday() < 5 and not self.es_feriado(d)

    def motivo_inhabil(self, d: date) -> str | None:
        """Why ``d`` is not a business day ("sábado", "domingo", "feriado: Día del Trabajo"), or None."""
        if d.weekday() == 5:
            return "sábado"
        if d.weekday() == 6:
            return "domingo"
        nombre = self.nombre_feriado(d)
        return f"feriado: {nombre}" if nombre else None

    def siguiente_habil(self, d: date) -> date:
        """``d`` itself when it is a business day, else the next one."""
        while not self.es_habil(d):
            d += timedelta(days=1)
        return d

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
        """Due date of a term: ``dias`` business days for TERMINO; ``dias`` calendar days for PLAZO, moved
        to the next business day when that day is not one (COA art. 158)."""
        if tipo is TipoTermino.TERMINO:
            return self.sumar_dias_habiles(inicio, dias)
        return self.siguiente_habil(inicio + timedelta(days=dias))

    def dias_habiles_entre(self, desde: date, hasta: date) -> int:
        """Business days in (desde, hasta]."""
        n, d = 0, desde
        while d < hasta:
            d += timedelta(days=1)
            n += self.es_habil(d)
        return n


def calendario(locales: Iterable[date] | Mapping[date, str] = (), quitados: Iterable[date] = ()) -> Calendario:
    loc = dict(locales) if isinstance(locales, Mapping) else dict.fromkeys(locales, "")
    return Calendario(loc, frozenset(quitados))


# Terms fixed by law (domain.md §2).
TERMINO_OPI_DIAS = 3  # COA art. 279: pay or dimitir bienes within 3 días (término)
TERMINO_RPV_DIAS = 10  # COA art. 271
PLAZO_SECRETARIO_DIAS = 180  # C.D. 321: days from handover to collect
PRORROGA_SECRETARIO_DIAS = 90  # C.D. 321: one extension
