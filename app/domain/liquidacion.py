"""Liquidación of a juicio's debt at a cut-off date (domain.md §2.10 and §4). Pure: no I/O.

What is owed at a date ``fecha``::

    total = capital + interés + recargo + costas − pagos

- **capital, recargo**: as itemised in the título de crédito (COA art. 268).
- **interés** = the título's own interest (liquidated by the Unidad de Cartera for ``interés desde`` →
  emisión: the título's cut date) + **mora interest** on the capital outstanding from the título's cut date
  (its issue date, :attr:`Deuda.mora_desde`) to ``fecha`` (:mod:`app.domain.intereses`: dated monthly rate
  table, simple interest, piecewise between payments applied to capital, rounded once) + **financing
  interest** of an acuerdo de pago parcial (see below). Interest is counted **once** over each day: mora
  never runs again over ``interés desde`` → emisión, which the título already charged (domain.md §4: "never
  twice over the same days"; COA art. 268 lists the interest among the título's own amounts).
- **costas**: judicial costs charged up to ``fecha``.
- **pagos**: every abono up to ``fecha`` (the day's own payments included); each was split when it was
  recorded (:mod:`app.domain.imputacion`), and that split is history: the ``saldo_*`` fields are what each
  part still owes (part − what was applied to it).
- **honorarios** (shown, not added to the total): lawyer fees are computed on what was actually recovered,
  never on what is owed (domain.md §4): :data:`HONORARIOS_PCT` % of the payments recovered, plus IVA
  :data:`IVA_PCT` %; payments made under a C.D. 617 APP (``sin_honorarios``) carry none. The fee is what the
  office owes its secretario-abogado for the recovery, not part of the debtor's saldo.

**Acuerdo de pago parcial (APP).** Signing consolidates the saldo into the APP's amount; while the APP is in
force (from its date until the due date of a missed instalment, :mod:`app.domain.convenio`) mora interest does
not run; the financing interest of its amortization table is owed instead:

- while it is in force (or fulfilled) the liquidación counts the interest of *every* instalment, so that the
  total equals the instalments still unpaid (what settles the APP; there is no discount for paying early);
- once it is in default, only the interest of the instalments due by the default date (or the last payment
  made to the APP, if later) and the interest part already covered of later ones; mora interest runs again
  on the capital outstanding from the default date;
- to split a payment made to an APP in force (``abono_en_curso``), only the interest of instalments already
  due or covered by the payments so far (this one included) counts as owed; the rest of the payment goes to
  the next parts (recargo, capital), so that a default later never finds interest paid in advance.

Amounts are USD ``Decimal`` (two places); dates are dates; errors are ValidationError (Spanish).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.common.money import q
from app.domain.convenio import EstadoCuota, pagado_por_cuota
from app.domain.imputacion import Concepto
from app.domain.intereses import BASE_PREDETERMINADA, BaseDias, Tasa, Tramo, tramos_interes

CERO = Decimal("0.00")

#: Lawyer fees: percent of the amount actually recovered (domain.md §4). Default of a tariff that a later
#: issue makes configurable by effective date; C.D. 497 has the jefe review and approve them.
HONORARIOS_PCT = Decimal("10")
#: IVA on lawyer fees, percent (Ecuador's general rate since 1 Apr 2024).
IVA_PCT = Decimal("15")
#: A liquidación cited in a providencia may be at most this many *calendar* days old (domain.md §2.10).
DIAS_VIGENCIA_PROVIDENCIA = 3


@dataclass(frozen=True, slots=True)
class PagoAplicado:
    """A recorded abono and its split (USD). ``convenio_id`` names the APP it paid, if any."""

    fecha: date
    monto: Decimal
    a_costas: Decimal
    a_interes: Decimal
    a_recargo: Decimal
    a_capital: Decimal
    convenio_id: str | None = None
    sin_honorarios: bool = False


@dataclass(frozen=True, slots=True)
class CostaCargo:
    """A judicial cost charged on ``fecha`` (USD)."""

    fecha: date
    concepto: str
    monto: Decimal


@dataclass(frozen=True, slots=True)
class ConvenioDeuda:
    """An APP of the debt: signing date, instalments (with their interest) and, once in default, the date
    the debt went back to mora (due date of the missed instalment)."""

    id: str
    fecha: date
    cuotas: tuple[EstadoCuota, ...]
    incumplido_desde: date | None = None
    sin_honorarios: bool = False


@dataclass(frozen=True, slots=True)
class Deuda:
    """Everything a liquidación needs, read from the título and the expediente's history.

    ``mora_desde`` is the título's cut date (its ``fecha_emision``): the first day of mora interest, because
    ``interes_titulo`` already covers the days before it."""

    capital: Decimal
    interes_titulo: Decimal
    recargo: Decimal
    mora_desde: date
    tasas: tuple[Tasa, ...]
    base: BaseDias = BASE_PREDETERMINADA
    costas: tuple[CostaCargo, ...] = ()
    pagos: tuple[PagoAplicado, ...] = ()
    convenios: tuple[ConvenioDeuda, ...] = ()


@dataclass(frozen=True, slots=True)
class Honorarios:
    """Fees on what was recovered (USD): ``base`` = ``porcentaje`` % of ``recuperado``; ``iva`` on it."""

    recuperado: Decimal
    recuperado_sin_honorarios: Decimal
    porcentaje: Decimal
    base: Decimal
    iva_porcentaje: Decimal
    iva: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Liquidacion:
    """A liquidación at ``fecha_corte`` (USD). ``total`` is the saldo the debtor owes at that date.

    ``interes`` = ``interes_titulo`` + ``interes_mora`` + ``interes_convenio``. ``honorarios`` is
    ``detalle_honorarios.total`` and is not part of ``total``. ``saldo_*`` is what each part still owes;
    they add up to ``total``.
    """

    fecha_corte: date
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    costas: Decimal
    honorarios: Decimal
    pagos: Decimal
    total: Decimal
    interes_titulo: Decimal
    interes_mora: Decimal
    interes_convenio: Decimal
    saldo_costas: Decimal
    saldo_interes: Decimal
    saldo_recargo: Decimal
    saldo_capital: Decimal
    detalle_honorarios: Honorarios
    base_dias: int
    tramos: tuple[Tramo, ...] = field(default=())

    @property
    def deuda(self) -> Decimal:
        """Capital + interés + recargo + costas, before payments."""
        return self.capital + self.interes + self.recargo + self.costas

    def pendientes(self) -> dict[Concepto, Decimal]:
        """What each part still owes, for :func:`app.domain.imputacion.imputar`."""
        return {
            Concepto.COSTAS: self.saldo_costas, Concepto.INTERES: self.saldo_interes,
            Concepto.RECARGO: self.saldo_recargo, Concepto.CAPITAL: self.saldo_capital,
        }


def calcular_honorarios(pagos: Sequence[PagoAplicado], hasta: date | None = None) -> Honorarios:
    """Fees on the payments up to ``hasta`` (all when None): 10 % of what was recovered, plus IVA 15 %.

    Payments under a C.D. 617 APP (``sin_honorarios``) are recovered without fees. Each figure is rounded
    to the cent: ``base = q(recuperado × 10 %)``, ``iva = q(base × 15 %)``, ``total = base + iva``.
    """
    recuperado = sin = CERO
    for p in pagos:
        if hasta is not None and p.fecha > hasta:
            continue
        if p.sin_honorarios:
            sin += p.monto
        else:
            recuperado += p.monto
    base = q(recuperado * HONORARIOS_PCT / 100)
    iva = q(base * IVA_PCT / 100)
    return Honorarios(q(recuperado), q(sin), HONORARIOS_PCT, base, IVA_PCT, iva, base + iva)


def _interes_convenio(
    c: ConvenioDeuda, pagos: Sequence[PagoAplicado], fecha: date, abono_en_curso: Decimal | None
) -> Decimal:
    if c.fecha > fecha:
        return CERO
    propios = [p for p in pagos if p.convenio_id == c.id]
    montos = [p.monto for p in propios]
    if c.incumplido_desde is not None and c.incumplido_desde <= fecha:
        limite = max([c.incumplido_desde, *(p.fecha for p in propios)])
        cubierto = pagado_por_cuota(c.cuotas, montos)
        return sum(
            (x.interes if x.vence <= limite else min(x.interes, cubierto[x.numero]) for x in c.cuotas), CERO
        )
    if abono_en_curso is not None:
        cubierto = pagado_por_cuota(c.cuotas, [*montos, abono_en_curso])
        return sum((x.interes if x.vence <= fecha else min(x.interes, cubierto[x.numero]) for x in c.cuotas), CERO)
    return sum((x.interes for x in c.cuotas), CERO)


def liquidar(deuda: Deuda, fecha: date, *, abono_en_curso: Decimal | None = None) -> Liquidacion:
    """The liquidación of ``deuda`` at ``fecha`` (see the module docstring for the rules).

    Args:
        deuda: título amounts, interest start, rate table and the history (costs, payments, APPs).
        fecha: cut-off date; history after it is ignored.
        abono_en_curso: set when splitting a new payment of this amount made on ``fecha``: an APP in force
            then owes only the financing interest already due or covered (see module docstring).

    Raises:
        ValidationError: the monthly rate table lacks months of the mora period (each one named).
    """
    pagos = sorted((p for p in deuda.pagos if p.fecha <= fecha), key=lambda p: p.fecha)
    costas = q(sum((c.monto for c in deuda.costas if c.fecha <= fecha), CERO))
    convenios = [c for c in deuda.convenios if c.fecha <= fecha]
    suspensiones = [(c.fecha, c.incumplido_desde) for c in convenios]
    tramos = tramos_interes(
        deuda.capital, deuda.mora_desde, fecha, deuda.tasas, base=deuda.base,
        abonos_capital=[(p.fecha, p.a_capital) for p in pagos], suspensiones=suspensiones,
    )
    mora = q(sum((t.interes for t in tramos), CERO))
    financiamiento = q(sum((_interes_convenio(c, pagos, fecha, abono_en_curso) for c in convenios), CERO))
    interes = q(deuda.interes_titulo) + mora + financiamiento
    pagado = q(sum((p.monto for p in pagos), CERO))
    capital, recargo = q(deuda.capital), q(deuda.recargo)
    honorarios = calcular_honorarios(pagos)
    return Liquidacion(
        fecha_corte=fecha,
        capital=capital,
        interes=interes,
        recargo=recargo,
        costas=costas,
        honorarios=honorarios.total,
        pagos=pagado,
        total=capital + interes + recargo + costas - pagado,
        interes_titulo=q(deuda.interes_titulo),
        interes_mora=mora,
        interes_convenio=financiamiento,
        saldo_costas=costas - sum((p.a_costas for p in pagos), CERO),
        saldo_interes=interes - sum((p.a_interes for p in pagos), CERO),
        saldo_recargo=recargo - sum((p.a_recargo for p in pagos), CERO),
        saldo_capital=capital - sum((p.a_capital for p in pagos), CERO),
        detalle_honorarios=honorarios,
        base_dias=int(deuda.base),
        tramos=tuple(tramos),
    )


def vigente_para_providencia(
    fecha_liquidacion: date, fecha_documento: date, dias: int = DIAS_VIGENCIA_PROVIDENCIA
) -> bool:
    """True when a liquidación cut at ``fecha_liquidacion`` may be cited in a providencia dated
    ``fecha_documento``: it is at most ``dias`` (3) **calendar** days old (domain.md §2.10: "at most 3 days
    old"; a plazo, not a término) and not dated after the document.

    >>> vigente_para_providencia(date(2025, 5, 9), date(2025, 5, 12))
    True
    >>> vigente_para_providencia(date(2025, 5, 9), date(2025, 5, 13))
    False
    """
    edad = (fecha_documento - fecha_liquidacion).days
    return 0 <= edad <= dias
