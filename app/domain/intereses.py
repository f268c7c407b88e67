"""Interest on a debt in mora (domain.md §4): simple interest, piecewise per rate period, rounded once.

Rules kept here (pure, no I/O):

- **Simple interest** on the capital outstanding, never on interest, surcharges or costs (no anatocism).
- **Dated monthly rate table** (data the office maintains, imported from CSV/XLSX): one
  ``Tasa(vigente_desde, tasa_anual, fuente)`` per calendar month, ``vigente_desde`` being the month's first
  day; ``tasa_anual`` is a nominal annual rate in percent (``Decimal("12.5")`` = 12,5 % anual) and
  ``fuente`` says where the figure comes from (e.g. "BCE, tasa activa efectiva máxima, boletín de
  noviembre de 2025"). A rate covers its own month only: a month without a row has **no** rate, and the
  computation refuses, naming every missing month (domain.md §4: "no default rate is ever printed as law").
  Public sources point to the BCE's monthly tasa activa efectiva máxima plus an IESS surcharge; that formula
  is unconfirmed, so the program carries no rate of its own.
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


MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")


def primero_del_mes(d: date) -> date:
    return d.replace(day=1)


def siguiente_mes(d: date) -> date:
    """First day of the month after ``d``'s."""
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def nombre_mes(d: date) -> str:
    """``date(2025, 10, 1)`` → ``"octubre de 2025"``."""
    return f"{MESES[d.month - 1]} de {d.year}"


@dataclass(frozen=True, slots=True)
class Tasa:
    """One row of the monthly rate table: ``tasa_anual`` percent per year for the month that starts on
    ``vigente_desde`` (any day of the month is accepted and means that month), with its ``fuente``."""

    vigente_desde: date
    tasa_anual: Decimal
    fuente: str = ""

    @property
    def mes(self) -> date:
        return primero_del_mes(self.vigente_desde)


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
    """Sort a monthly rate table by month and check it (each row's date becomes its month's first day).

    Accepts ``Tasa`` or ``(mes, tasa_anual)`` tuples. An empty table is valid: it has no month.

    Raises:
        ValidationError: two rates for the same month, or a rate outside 0..100 %.
    """
    out = sorted(
        (Tasa(primero_del_mes(t.vigente_desde), t.tasa_anual, t.fuente) if isinstance(t, Tasa)
         else Tasa(primero_del_mes(t[0]), Decimal(t[1])) for t in tasas),
        key=lambda t: t.vigente_desde,
    )
    for a, b in pairwise(out):
        if a.vigente_desde == b.vigente_desde:
            raise ValidationError(f"Hay dos tasas de interés para {nombre_mes(a.vigente_desde)}.")
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
    """The annual rate (percent) of ``fecha``'s month.

    Raises:
        ValidationError: the table has no rate for that month (named).
    """
    mes = primero_del_mes(fecha)
    for t in tasas:
        if primero_del_mes(t.vigente_desde) == mes:
            return t.tasa_anual
    cargue = _CARGUE.replace("cárguelas", "cárguela", 1)
    raise ValidationError(f"No hay tasa de interés para {nombre_mes(mes)}: {cargue}")


_CARGUE = ("cárguelas en Oficina → Tasas de interés (importe el CSV/XLSX con el mes, la tasa y su fuente); la "
           "liquidación no se calcula con una tasa supuesta.")


def meses_sin_tasa(tasas: Iterable[Tasa], desde: date, hasta: date) -> list[date]:
    """First days of the months of ``[desde, hasta)`` that have no rate in ``tasas``."""
    tiene = {primero_del_mes(t.vigente_desde) for t in tasas}
    out, mes = [], primero_del_mes(desde)
    while mes < hasta:
        if mes not in tiene:
            out.append(mes)
        mes = siguiente_mes(mes)
    return out


def error_meses_sin_tasa(meses: Sequence[date]) -> ValidationError:
    """The refusal naming each month without a rate (Spanish)."""
    nombres = [nombre_mes(m) for m in meses]
    lista = nombres[0] if len(nombres) == 1 else ", ".join(nombres[:-1]) + " y " + nombres[-1]
    falta = "falta la tasa de interés de" if len(nombres) == 1 else "faltan las tasas de interés de"
    return ValidationError(f"No se puede liquidar el interés de mora: {falta} {lista}; {_CARGUE}")


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
        tasas: the monthly rate table (any order); it must have a rate for every month with accruing days.
        base: day-count base (360 or 365).
        abonos_capital: ``(fecha, monto)`` amounts applied to capital; each lowers the capital from its
            ``fecha`` on (a negative amount, a reversal, raises it again). Payments before ``desde``
            lower the starting capital.
        suspensiones: ``(inicio, fin)`` periods without interest (``fin`` exclusive, ``None`` = open).

    Returns:
        The non-empty pieces in date order; pieces with no capital or a suspension are left out.

    Raises:
        ValidationError: bad rate table, or months without a rate (every one named, e.g. "faltan las tasas de
            interés de octubre de 2025 y noviembre de 2025").
    """
    if hasta <= desde:
        return []
    tabla = normalizar_tasas(tasas)
    por_mes = {t.vigente_desde: t.tasa_anual for t in tabla}
    abonos = sorted(((f, Decimal(m)) for f, m in abonos_capital), key=lambda a: a[0])
    susp = [(i, f) for i, f in suspensiones if f is None or f > i]
    cortes = {desde, hasta}
    otros = set(cortes)
    meses: set[date] = set()
    mes = siguiente_mes(desde)
    while mes < hasta:
        meses.add(mes)
        mes = siguiente_mes(mes)
    cortes |= meses
    solo_mes = meses - otros
    cortes.update(f for f, _ in abonos if desde < f < hasta)
    for ini, fin in susp:
        if desde < ini < hasta:
            cortes.add(ini)
        if fin is not None and desde < fin < hasta:
            cortes.add(fin)
    puntos = sorted(cortes)
    out: list[Tramo] = []
    faltan: list[date] = []
    for a, b in pairwise(puntos):
        if _suspendido(a, susp):
            continue
        vivo = Decimal(capital) - sum((m for f, m in abonos if f <= a), Decimal(0))
        if vivo <= 0:
            continue
        tasa = por_mes.get(primero_del_mes(a))
        if tasa is None:
            if primero_del_mes(a) not in faltan:
                faltan.append(primero_del_mes(a))
            continue
        dias = (b - a).days
        previo = out[-1] if out else None
        if (previo is not None and a in solo_mes and previo.hasta == a and previo.tasa_anual == tasa
                and previo.capital == vivo):
            # Same rate and capital across a month boundary: one piece, so the detail stays short.
            dias += previo.dias
            a = previo.desde
            out.pop()
        interes = vivo * tasa * dias / (CIEN * int(base))
        out.append(Tramo(a, b, dias, vivo, tasa, int(base), interes))
    if faltan:
        raise error_meses_sin_tasa(faltan)
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
