"""Acuerdo de pago parcial (APP): amortization table, validation, instalment payments, default.

Rules (domain.md §2.11 and §4; IESS C.D. 625 and C.D. 617):

- **Plazo**: from :data:`PLAZO_MIN_MESES` (2) to :data:`PLAZO_MAX_MESES` (72) months. The classic scheme
  allowed up to 36 (:data:`PLAZO_MAX_CLASICO`); the maximum is **configurable** (``ReglaConvenio.plazo_max``,
  office preference ``convenio.plazo_max_meses``).
- **Cuota inicial** (down payment): 0 is always allowed (Resolución C.D. 617: APP without down payment and
  without fees); an APP under C.D. 617 (``sin_honorarios``) may not carry one. Otherwise a down payment, when
  given, must be at least ``cuota_inicial_min_pct`` % of the amount (**configurable**, default 0 % — no
  minimum confirmed; PLACEHOLDER) and less than the amount. The down payment is instalment number 0, due on
  the signing date, with no interest.
- **Amortization**: French system (fixed instalment) on ``monto - cuota_inicial`` at the APP's annual rate
  (percent), monthly rate ``tasa_anual / 12`` (30/360 per month, the usual convention of a monthly French
  table); each instalment's interest is rounded to the cent on the balance; with rate 0 the instalments
  are equal. The **last instalment absorbs the rounding**: the capital column always sums to the amount
  financed, to the cent.
- **Due dates**: instalment *k* falls due *k* months after signing, on the same day of the month, clamped to
  the month's last day (signed 31 Jan: 28/29 Feb, 31 Mar, 30 Apr …).
- **Default** (mora again): an instalment not fully paid by the end of its due date plus ``gracia_dias``
  calendar days (**configurable**, default :data:`GRACIA_DIAS` = 0: domain.md says one missed instalment puts
  the debt back in mora and no tolerance is documented). The debt is in mora again *from the due date of the
  missed instalment*.
- **Payments to an APP** pay the oldest unpaid instalments first (:func:`repartir_pago`).

Amounts are USD ``Decimal`` (two places); rates are percent per year; periods are calendar days/months.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.common.errors import ValidationError
from app.common.money import q

CERO = Decimal("0.00")

PLAZO_MIN_MESES = 2
#: Current maximum (configurable); the classic scheme allowed :data:`PLAZO_MAX_CLASICO`.
PLAZO_MAX_MESES = 72
PLAZO_MAX_CLASICO = 36
#: Minimum down payment (percent of the amount) when one is given outside C.D. 617. PLACEHOLDER: 0 %.
CUOTA_INICIAL_MIN_PCT = Decimal("0")
#: Calendar days after a due date before an unpaid instalment is a default (configurable).
GRACIA_DIAS = 0


class EstadoConvenio(StrEnum):
    """State of an APP: in force, defaulted (debt back in mora), or fulfilled (every instalment paid)."""

    VIGENTE = "VIGENTE"
    INCUMPLIDO = "INCUMPLIDO"
    CUMPLIDO = "CUMPLIDO"


@dataclass(frozen=True, slots=True)
class ReglaConvenio:
    """The office's APP rules (configurable); defaults are the module constants."""

    plazo_min: int = PLAZO_MIN_MESES
    plazo_max: int = PLAZO_MAX_MESES
    cuota_inicial_min_pct: Decimal = CUOTA_INICIAL_MIN_PCT
    gracia_dias: int = GRACIA_DIAS


@dataclass(frozen=True, slots=True)
class CuotaPlan:
    """One row of the amortization table (USD). ``numero`` 0 is the down payment; ``saldo`` is what
    remains to amortize after this instalment."""

    numero: int
    vence: date
    capital: Decimal
    interes: Decimal
    cuota: Decimal
    saldo: Decimal


@dataclass(frozen=True, slots=True)
class EstadoCuota:
    """An instalment as stored: what it asks, what was paid, and the day it was fully paid."""

    numero: int
    vence: date
    cuota: Decimal
    pagado: Decimal
    pagada_en: date | None
    interes: Decimal = CERO


def sumar_meses(d: date, meses: int) -> date:
    """``d`` plus ``meses`` months, same day of the month clamped to the month's end."""
    total = d.year * 12 + (d.month - 1) + meses
    anio, mes = divmod(total, 12)
    mes += 1
    return date(anio, mes, min(d.day, calendar.monthrange(anio, mes)[1]))


def validar_convenio(
    monto: Decimal,
    plazo_meses: int,
    cuota_inicial: Decimal,
    *,
    sin_honorarios: bool,
    regla: ReglaConvenio = ReglaConvenio(),
) -> None:
    """Check an APP before it is signed.

    Raises:
        ValidationError: nothing owed, plazo out of range, negative or excessive down payment, a down
            payment under C.D. 617, or one below the office's minimum percentage (Spanish).
    """
    if monto <= 0:
        raise ValidationError("No hay saldo que financiar: la deuda está pagada.")
    if not regla.plazo_min <= plazo_meses <= regla.plazo_max:
        raise ValidationError(
            f"El plazo de un acuerdo de pago parcial va de {regla.plazo_min} a {regla.plazo_max} meses "
            f"(se pidió {plazo_meses})."
        )
    if cuota_inicial < 0:
        raise ValidationError("La cuota inicial no puede ser negativa.")
    if q(cuota_inicial) != cuota_inicial:
        raise ValidationError("La cuota inicial tiene más de dos decimales.")
    if cuota_inicial == 0:
        return
    if sin_honorarios:
        raise ValidationError("Un acuerdo de pago parcial según la Resolución C.D. 617 no lleva cuota inicial.")
    if cuota_inicial >= monto:
        raise ValidationError("La cuota inicial cubre toda la deuda: registre un abono en lugar de un convenio.")
    minimo = q(monto * regla.cuota_inicial_min_pct / 100)
    if cuota_inicial < minimo:
        raise ValidationError(
            f"La cuota inicial debe ser al menos el {regla.cuota_inicial_min_pct} % de la deuda (USD {minimo})."
        )


def cuota_fija(monto: Decimal, plazo_meses: int, tasa_anual: Decimal) -> Decimal:
    """The French-system instalment (USD, rounded to the cent) for ``monto`` over ``plazo_meses``.

    ``cuota = P·i / (1 − (1 + i)^−n)`` with ``i = tasa_anual / 1200``; with rate 0, ``P / n``.
    """
    if tasa_anual == 0:
        return q(monto / plazo_meses)
    i = tasa_anual / Decimal(1200)
    factor = (1 + i) ** plazo_meses
    return q(monto * i * factor / (factor - 1))


def tabla_amortizacion(
    monto: Decimal,
    plazo_meses: int,
    tasa_anual: Decimal,
    fecha: date,
    cuota_inicial: Decimal = CERO,
    sin_interes: Decimal = CERO,
) -> list[CuotaPlan]:
    """The amortization table of an APP signed on ``fecha`` for ``monto`` (USD).

    Returns instalment 0 (the down payment, due on ``fecha``) when ``cuota_inicial`` > 0, then
    instalments 1..``plazo_meses``. The capital column sums to ``monto`` exactly; the last instalment
    absorbs the rounding.

    **No interest on interest** (C.D. 658 / C.D. 671): ``sin_interes`` is the part of ``monto`` that bears no
    financing interest (the interest, surcharges and costs the APP consolidates). The down payment pays it
    first; what remains of it is spread in equal parts over the instalments, and the French instalment is
    computed on the rest (the capital) only.

    Raises:
        ValidationError: ``plazo_meses`` < 1, a negative rate, or an amount too small for the plazo
            (an instalment would be zero or negative).
    """
    if plazo_meses < 1:
        raise ValidationError("El plazo debe ser de al menos un mes.")
    if tasa_anual < 0:
        raise ValidationError("La tasa del convenio no puede ser negativa.")
    filas: list[CuotaPlan] = []
    saldo = q(monto)
    libre = min(max(q(sin_interes), CERO), saldo)
    if cuota_inicial > 0:
        saldo -= q(cuota_inicial)
        libre = max(libre - q(cuota_inicial), CERO)
        filas.append(CuotaPlan(0, fecha, q(cuota_inicial), CERO, q(cuota_inicial), saldo))
    libre = min(libre, saldo)
    base = saldo - libre  # bears interest
    cuota = cuota_fija(base, plazo_meses, tasa_anual) if base > 0 else CERO
    parte_libre = q(libre / plazo_meses)
    i = tasa_anual / Decimal(1200)
    for k in range(1, plazo_meses + 1):
        interes = q(base * i)
        ultimo = k == plazo_meses
        capital_base = base if ultimo else cuota - interes
        capital_libre = libre if ultimo else min(parte_libre, libre)
        capital = capital_base + capital_libre
        if capital <= 0 or capital > saldo or capital_base < 0:
            raise ValidationError(
                f"El monto (USD {q(monto)}) es demasiado bajo para {plazo_meses} cuotas: acorte el plazo."
            )
        base -= capital_base
        libre -= capital_libre
        saldo -= capital
        filas.append(CuotaPlan(k, sumar_meses(fecha, k), capital, interes, capital + interes, saldo))
    return filas


def repartir_pago(cuotas: Sequence[EstadoCuota], monto: Decimal) -> tuple[list[tuple[int, Decimal]], Decimal]:
    """Spread a payment over the oldest unpaid instalments.

    Returns:
        ``([(numero, aplicado), ...], sobrante)``: what goes to each instalment, in order, and what is left
        once every instalment is paid.
    """
    resto = q(monto)
    aplicado: list[tuple[int, Decimal]] = []
    for c in sorted(cuotas, key=lambda c: c.numero):
        falta = c.cuota - c.pagado
        if falta <= 0 or resto <= 0:
            continue
        parte = min(falta, resto)
        aplicado.append((c.numero, parte))
        resto -= parte
    return aplicado, resto


def limite_pago(c: EstadoCuota, gracia_dias: int = GRACIA_DIAS) -> date:
    """Last day on which instalment ``c`` may be paid without default (due date + grace days)."""
    return c.vence + timedelta(days=gracia_dias)


def cuota_incumplida(
    cuotas: Sequence[EstadoCuota], hoy: date, gracia_dias: int = GRACIA_DIAS
) -> EstadoCuota | None:
    """The first instalment in default on ``hoy``, or None while the APP is current.

    An instalment is in default when ``hoy`` is after its due date plus ``gracia_dias`` and it was not
    fully paid by then (a late payment does not cure the default).
    """
    for c in sorted(cuotas, key=lambda c: c.numero):
        limite = limite_pago(c, gracia_dias)
        if hoy > limite and (c.pagada_en is None or c.pagada_en > limite or c.pagado < c.cuota):
            return c
    return None


def pagado_por_cuota(cuotas: Sequence[EstadoCuota], pagos: Sequence[Decimal]) -> dict[int, Decimal]:
    """What the payments ``pagos`` (in order) cover of each instalment (oldest first), from zero."""
    vacias = [EstadoCuota(c.numero, c.vence, c.cuota, CERO, None, c.interes) for c in cuotas]
    total = sum(pagos, CERO)
    partes, _ = repartir_pago(vacias, total)
    out = dict.fromkeys((c.numero for c in cuotas), CERO)
    out.update(dict(partes))
    return out
