"""Interest on a debt in mora (domain.md §4): simple interest, piecewise per rate period, rounded once.

Rules kept here (pure, no I/O):

- **Simple interest** on the capital outstanding, never on interest, surcharges or costs (no anatocism).
- **Rate table with effective dates** (configurable per office): a list of ``Tasa(vigente_desde, tasa_anual)``;
  ``tasa_anual`` is a nominal annual rate in percent (``Decimal("12.5")`` = 12,5 % anual). A rate applies
  from its ``vigente_desde`` (inclusive) until the next entry's date.
- **Day count**: actual days over a year of :class:`BaseDias` days; default :data:`BASE_PREDETERMINADA`
  (``ACT_360``: the "año comercial" the Banco Central del Ecuador uses for the nominal annual rates it
  publishes; an office that counts 365 passes ``BaseDias.ACT_365``). Interest for the period
  ``[desde, hasta)`` runs ``(hasta - desde).days`` days: the start day counts, the cut-off day does not
  (one day of interest per night; from 1 Jan to 31 Jan is 30 days).
- **Piecewise**: the period is cut at every rate change, at every payment applied to capital (the capital
  outstanding drops on the payment's date, so that day no longer accrues on what was paid) and at the
  bounds of every suspension (an APP in force, during which mora interest does not run).
- **Rounding**: each piece is kept exact (``Decimal``, 28 digits); only the sum is rounded to the cent, half
  up (:func:`app.common.money.q`).

Errors are :class:`app.common.errors.ValidationError` with Spanish text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import IntEnum
from itertools import pairwise

from app.common.errors import ValidationError
from app.common.money import q

CIEN = Decimal(100)


class BaseDias(IntEnum):
    """Days in the year used to turn an annual rate into a daily one."""

    ACT_360 = 360  # días reales / 360 (año comercial)
    ACT_365 = 365  # días reales / 365


#: Default day count (configurable per office: preference ``cobro.base_dias``).
BASE_PREDETERMINADA = BaseDias.ACT_360


@dataclass(frozen=True, slots=True)
class Tasa:
    """One row of the rate table: ``tasa_anual`` percent per year in force from ``vigente_desde``."""

    vigente_desde: date
    tasa_anual: Decimal


#: Default rate table, used only when the office has not loaded its own (**configurable**, PLACEHOLDER).
#:
#: 12 % anual from 1 Jan 2000 is NOT an official figure: it stands in for the legal rate of mora
#: that the office must load as a dated table (Administración > tasas, ``LiquidacionService.agregar_tasa``).
#: The usual legal formula for public credits in Ecuador is 1.5 times the BCE's tasa activa referencial
#: (Código Tributario art. 21; the "tasa máxima convencional" has the same form), published monthly by
#: the Banco Central del Ecuador; the IESS's own resolution in force must be confirmed by the office.
TASAS_PREDETERMINADAS: tuple[Tasa, ...] = (Tasa(date(2000, 1, 1), Decimal("12.0000")),)


@dataclass(frozen=True, slots=True)
class Tramo:
    """One piece of the interest computation: ``capital`` USD at ``tasa_anual`` % for ``dias`` days.

    ``interes`` is exact (not rounded); :attr:`interes_redondeado` is only for display: the total is
    the rounded sum of the exact pieces, which may differ by a cent from the sum of rounded pieces.
    """

    desde: date
    hasta: date
    dias: int
    capital: Decimal
    tasa_anual: Decimal
    base: int
    interes: Decimal

    @property
    def interes_redondeado(self) -> Decimal:
        return q(self.interes)


def normalizar_tasas(tasas: Iterable[Tasa | tuple[date, Decimal]]) -> tuple[Tasa, ...]:
    """Sort a rate table by date and check it.

    Accepts ``Tasa`` or ``(vigente_desde, tasa_anual)`` tuples.

    Raises:
        ValidationError: empty table, two rates on the same date, or a rate outside 0..100 %.
    """
    out = sorted(
        (t if isinstance(t, Tasa) else Tasa(t[0], Decimal(t[1])) for t in tasas), key=lambda t: t.vigente_desde
    )
    if not out:
        raise ValidationError("La tabla de tasas de interés está vacía.")
    for a, b in pairwise(out):
        if a.vigente_desde == b.vigente_desde:
            raise ValidationError(f"Hay dos tasas de interés vigentes desde el {a.vigente_desde:%d/%m/%Y}.")
    for t in out:
        validar_tasa(t.tasa_anual)
    return tuple(out)


def validar_tasa(tasa_anual: Decimal) -> None:
    """Raises ValidationError unless ``0 <= tasa_anual < 100`` (percent per year)."""
    if not isinstance(tasa_anual, Decimal) or not tasa_anual.is_finite():
        raise ValidationError("La tasa de interés debe ser un número decimal.")
    if tasa_anual < 0 or tasa_anual >= CIEN:
        raise ValidationError(f"La tasa anual {tasa_anual} % no es válida: debe estar entre 0 y 100 %.")


def tasa_vigente(tasas: Sequence[Tasa], fecha: date) -> Decimal:
    """The annual rate (percent) in force on ``fecha`` in a sorted table.

    Raises:
        ValidationError: ``fecha`` precedes the first rate of the table.
    """
    vigente: Tasa | None = None
    for t in tasas:
        if t.vigente_desde <= fecha:
            vigente = t
        else:
            break
    if vigente is None:
        raise ValidationError(
            f"No hay tasa de interés vigente al {fecha:%d/%m/%Y}: agregue a la tabla una tasa vigente desde "
            "esa fecha o antes."
        )
    return vigente.tasa_anual


def _suspendido(dia: date, suspensiones: Sequence[tuple[date, date | None]]) -> bool:
    return any(ini <= dia and (fin is None or dia < fin) for ini, fin in suspensiones)


def tramos_interes(
    capital: Decimal,
    desde: date,
    hasta: date,
    tasas: Iterable[Tasa | tuple[date, Decimal]],
    *,
    base: BaseDias = BASE_PREDETERMINADA,
    abonos_capital: Iterable[tuple[date, Decimal]] = (),
    suspensiones: Iterable[tuple[date, date | None]] = (),
) -> list[Tramo]:
    """Pieces of simple interest on ``capital`` (USD) over ``[desde, hasta)``.

    Args:
        capital: capital owed at ``desde`` before any of ``abonos_capital`` (USD, >= 0).
        desde: first day that accrues (the título's "interés desde").
        hasta: cut-off date (not accrued); ``hasta <= desde`` gives no pieces.
        tasas: the rate table (any order); it must cover ``desde``.
        base: day-count base (360 or 365).
        abonos_capital: ``(fecha, monto)`` amounts applied to capital; each lowers the capital from its
            ``fecha`` on (a negative amount, a reversal, raises it again). Payments before ``desde``
            lower the starting capital.
        suspensiones: ``(inicio, fin)`` periods without interest (``fin`` exclusive, ``None`` = open).

    Returns:
        The non-empty pieces in date order; pieces with no capital or a suspension are left out.

    Raises:
        ValidationError: bad rate table, or no rate in force at the start of an accruing piece.
    """
    if hasta <= desde:
        return []
    tabla = normalizar_tasas(tasas)
    abonos = sorted(((f, Decimal(m)) for f, m in abonos_capital), key=lambda a: a[0])
    susp = [(i, f) for i, f in suspensiones if f is None or f > i]
    cortes = {desde, hasta}
    cortes.update(t.vigente_desde for t in tabla if desde < t.vigente_desde < hasta)
    cortes.update(f for f, _ in abonos if desde < f < hasta)
    for ini, fin in susp:
        if desde < ini < hasta:
            cortes.add(ini)
        if fin is not None and desde < fin < hasta:
            cortes.add(fin)
    puntos = sorted(cortes)
    out: list[Tramo] = []
    for a, b in pairwise(puntos):
        if _suspendido(a, susp):
            continue
        vivo = Decimal(capital) - sum((m for f, m in abonos if f <= a), Decimal(0))
        if vivo <= 0:
            continue
        tasa = tasa_vigente(tabla, a)
        dias = (b - a).days
        interes = vivo * tasa * dias / (CIEN * int(base))
        out.append(Tramo(a, b, dias, vivo, tasa, int(base), interes))
    return out


def interes(
    capital: Decimal,
    desde: date,
    hasta: date,
    tasas: Iterable[Tasa | tuple[date, Decimal]],
    *,
    base: BaseDias = BASE_PREDETERMINADA,
    abonos_capital: Iterable[tuple[date, Decimal]] = (),
    suspensiones: Iterable[tuple[date, date | None]] = (),
) -> Decimal:
    """Interest (USD, rounded to the cent once, at the end) on ``capital`` over ``[desde, hasta)``.

    Same arguments and errors as :func:`tramos_interes`.
    """
    tramos = tramos_interes(
        capital, desde, hasta, tasas, base=base, abonos_capital=abonos_capital, suspensiones=suspensiones
    )
    return q(sum((t.interes for t in tramos), Decimal(0)))
