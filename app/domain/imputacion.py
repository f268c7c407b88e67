"""Imputation of a payment (abono) to the parts of a debt (domain.md §4).

A payment is applied to what is owed in a fixed order; each part takes as much as it owes before the next
one gets anything. Default order (**configurable** per office, preference ``cobro.orden_imputacion``):

    COSTAS → INTERES → RECARGO → CAPITAL

domain.md §4 says "costs, then interest, then capital". The recargo (surcharge/multa of the título) is
placed *before* capital: like interest it is an accessory of the debt, and the general rule of the Código
Civil (art. 1611: what is paid goes first to interest, then to capital) applies accessories before the
principal; keeping capital for last also keeps the interest-bearing base honest (only what the payment
could not cover keeps accruing). Offices that follow the Código Tributario's order for fines (art. 47:
interest, then the debt, then fines) configure ``COSTAS,INTERES,CAPITAL,RECARGO``.

**Overpayment** is *reported*, not hidden: :class:`Imputacion` carries ``sobrante`` (the part of the payment
that found nothing to pay). The payments service refuses to record such a payment (money beyond the debt is
not an abono; the office returns it), so a stored payment always has ``sobrante == 0``.

Amounts are USD ``Decimal`` with two places; pending amounts below zero count as zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from app.common.errors import ValidationError
from app.common.money import q

CERO = Decimal("0.00")


class Concepto(StrEnum):
    """A part of the debt a payment can be applied to."""

    COSTAS = "COSTAS"
    INTERES = "INTERES"
    RECARGO = "RECARGO"
    CAPITAL = "CAPITAL"

    @property
    def etiqueta(self) -> str:
        return {"COSTAS": "costas", "INTERES": "intereses", "RECARGO": "recargos", "CAPITAL": "capital"}[self.value]


#: Default order (configurable): costs, interest, surcharge, capital.
ORDEN_PREDETERMINADO: tuple[Concepto, ...] = (Concepto.COSTAS, Concepto.INTERES, Concepto.RECARGO, Concepto.CAPITAL)


@dataclass(frozen=True, slots=True)
class Imputacion:
    """How one payment was split (USD). ``sobrante`` > 0 means the payment exceeds what was owed."""

    costas: Decimal
    interes: Decimal
    recargo: Decimal
    capital: Decimal
    sobrante: Decimal

    @property
    def aplicado(self) -> Decimal:
        """What was applied to the debt (payment minus ``sobrante``)."""
        return self.costas + self.interes + self.recargo + self.capital

    def a(self, concepto: Concepto) -> Decimal:
        return {
            Concepto.COSTAS: self.costas, Concepto.INTERES: self.interes,
            Concepto.RECARGO: self.recargo, Concepto.CAPITAL: self.capital,
        }[concepto]


def validar_orden(orden: Iterable[Concepto | str]) -> tuple[Concepto, ...]:
    """Check that ``orden`` names each of the four concepts exactly once.

    Raises:
        ValidationError: unknown, repeated or missing concept (Spanish).
    """
    out: list[Concepto] = []
    for c in orden:
        try:
            concepto = Concepto(str(c).strip().upper())
        except ValueError as exc:
            raise ValidationError(
                f"«{c}» no es un concepto de imputación (use COSTAS, INTERES, RECARGO, CAPITAL)."
            ) from exc
        if concepto in out:
            raise ValidationError(f"El orden de imputación repite «{concepto.value}».")
        out.append(concepto)
    faltan = [c.value for c in Concepto if c not in out]
    if faltan:
        raise ValidationError(f"Al orden de imputación le falta: {', '.join(faltan)}.")
    return tuple(out)


def orden_desde_texto(texto: str) -> tuple[Concepto, ...]:
    """``"COSTAS,INTERES,RECARGO,CAPITAL"`` -> the order (as stored in the office preferences)."""
    return validar_orden(p for p in texto.split(",") if p.strip())


def imputar(
    monto: Decimal,
    pendientes: Mapping[Concepto, Decimal],
    orden: Iterable[Concepto] = ORDEN_PREDETERMINADO,
) -> Imputacion:
    """Apply ``monto`` to ``pendientes`` in ``orden``.

    Args:
        monto: the payment, USD > 0 with at most two decimals.
        pendientes: what is owed per concept (missing concepts owe nothing; negatives count as zero).
        orden: a permutation of the four concepts.

    Returns:
        The split; ``sobrante`` is what is left when everything owed was covered.

    Raises:
        ValidationError: ``monto`` not positive or with more than two decimals, or a bad ``orden``.
    """
    if not isinstance(monto, Decimal) or not monto.is_finite() or monto <= 0:
        raise ValidationError("El valor del abono debe ser mayor que cero.")
    if q(monto) != monto:
        raise ValidationError(f"El abono {monto} tiene más de dos decimales.")
    resto = q(monto)
    partes = dict.fromkeys(Concepto, CERO)
    for concepto in validar_orden(orden):
        debe = max(q(pendientes.get(concepto, CERO)), CERO)
        aplica = min(debe, resto)
        partes[concepto] = aplica
        resto -= aplica
    return Imputacion(
        costas=partes[Concepto.COSTAS], interes=partes[Concepto.INTERES], recargo=partes[Concepto.RECARGO],
        capital=partes[Concepto.CAPITAL], sobrante=resto,
    )
