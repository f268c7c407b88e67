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
- **honorarios**: lawyer fees are computed on what was actually recovered, never on what is owed (domain.md
  §4; tariff with effective dates, IVA and exclusions in :mod:`app.domain.honorarios`). Whether the
  coactivado pays them is **configurable** (``ReglaHonorarios.a_cargo_del_coactivado``):

  - not charged: ``honorarios`` is the fee on what was recovered, shown but not part of the total;
  - charged (from ``ReglaHonorarios.a_cargo_desde``): ``honorarios`` is a line of the debt = fees on the
    recoveries since the office charges them + the fee on the debt still
    owed at ``fecha`` (what he would pay if he paid it all that day: ``honorarios_proyectados``); payments
    carry their fee (``a_honorarios``, :mod:`app.domain.imputacion`), so ``total`` includes what he still owes
    for fees (``saldo_honorarios``).

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
from app.domain.honorarios import CalculoHonorarios, Recuperacion, ReglaHonorarios, calcular
from app.domain.imputacion import Concepto
from app.domain.intereses import BASE_PREDETERMINADA, BaseDias, Tasa, Tramo, tramos_interes

CERO = Decimal("0.00")

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
    a_honorarios: Decimal = CERO
    pago_id: str = ""
    corrige_id: str | None = None

    @property
    def recuperado(self) -> Decimal:
        """What went to the debt (the payment minus the fee it carried)."""
        return self.monto - self.a_honorarios


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
    honorarios: ReglaHonorarios = field(default_factory=ReglaHonorarios)


@dataclass(frozen=True, slots=True)
class Honorarios:
    """Fees on what was recovered (USD): ``base`` = the fee before IVA on ``recuperado`` (``porcentaje`` is the
    tariff in force at the cut date), ``iva`` on it, ``total`` both; ``recuperado_sin_honorarios`` is what was
    recovered without fees (exclusions). When charged to the coactivado: ``pagado`` is what his payments paid
    for fees, ``proyectado`` the fee on the debt he still owes, ``saldo`` what he still owes for fees."""

    recuperado: Decimal
    recuperado_sin_honorarios: Decimal
    porcentaje: Decimal
    base: Decimal
    iva_porcentaje: Decimal
    iva: Decimal
    total: Decimal
    a_cargo_del_coactivado: bool = False
    pagado: Decimal = CERO
    proyectado: Decimal = CERO
    saldo: Decimal = CERO


@dataclass(frozen=True, slots=True)
class LiquidacionCalculada:
    """A liquidación at ``fecha_corte`` (USD). ``total`` is the saldo the debtor owes at that date.

    ``interes`` = ``interes_titulo`` + ``interes_mora`` + ``interes_convenio``. ``honorarios``: when
    ``honorarios_a_cargo``, the fee line of the debt (on the recoveries so far plus on the saldo), part of
    ``total``; otherwise the fee on what was recovered, not part of ``total``. ``saldo_*`` is what each part
    still owes; they add up to ``total``.
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
    honorarios_a_cargo: bool = False
    saldo_honorarios: Decimal = CERO
    calculo_honorarios: CalculoHonorarios | None = None

    @property
    def deuda(self) -> Decimal:
        """Capital + interés + recargo + costas (+ honorarios when charged), before payments."""
        extra = self.honorarios if self.honorarios_a_cargo else CERO
        return self.capital + self.interes + self.recargo + self.costas + extra

    def pendientes(self) -> dict[Concepto, Decimal]:
        """What each part still owes, for :func:`app.domain.imputacion.imputar`. HONORARIOS is the fee already
        generated and not yet paid (the fee on the saldo is paid with the payment that pays the saldo)."""
        h = self.detalle_honorarios
        return {
            Concepto.COSTAS: self.saldo_costas, Concepto.INTERES: self.saldo_interes,
            Concepto.RECARGO: self.saldo_recargo, Concepto.CAPITAL: self.saldo_capital,
            Concepto.HONORARIOS: max(h.saldo - h.proyectado, CERO) if self.honorarios_a_cargo else CERO,
        }


def calcular_honorarios(pagos: Sequence[PagoAplicado], hasta: date | None = None,
                        regla: ReglaHonorarios | None = None) -> Honorarios:
    """Fees on the payments up to ``hasta`` (all when None) under ``regla`` (default tariff and suspensions):
    see :func:`app.domain.honorarios.calcular` (tariff of each recovery's date, exclusions, per-recovery
    rounding to the cent). ``porcentaje``/``iva_porcentaje`` are those of the tariff in force at ``hasta``
    (or at the last payment).

    Raises:
        ValidationError: the tariff table does not cover a payment's date.
    """
    regla = regla or ReglaHonorarios()
    c = _calculo(pagos, hasta, regla)
    fechas = [p.fecha for p in pagos if hasta is None or p.fecha <= hasta]
    cuando = hasta or (max(fechas) if fechas else None)
    t = regla.tarifa_en(cuando) if cuando is not None else regla.tarifas[-1]
    return Honorarios(q(c.base), q(c.excluido), t.porcentaje, c.honorario, t.iva_porcentaje, c.iva, c.total,
                      regla.a_cargo_del_coactivado)


def _calculo(pagos: Sequence[PagoAplicado], hasta: date | None, regla: ReglaHonorarios) -> CalculoHonorarios:
    return calcular((Recuperacion(p.pago_id or f"#{i}", p.fecha, p.recuperado, sin_honorarios=p.sin_honorarios,
                                  corrige_id=p.corrige_id)
                     for i, p in enumerate(pagos) if hasta is None or p.fecha <= hasta), regla)


def _app_sin_honorarios_en(convenios: Sequence[ConvenioDeuda], fecha: date) -> bool:
    return any(c.sin_honorarios and c.fecha <= fecha and (c.incumplido_desde is None or c.incumplido_desde > fecha)
               for c in convenios)


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


def liquidar(deuda: Deuda, fecha: date, *, abono_en_curso: Decimal | None = None) -> LiquidacionCalculada:
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
    regla = deuda.honorarios
    calculo = _calculo(pagos, None, regla)
    honorarios = calcular_honorarios(pagos, fecha, regla)
    linea = honorarios.total
    a_cargo = regla.cobra_en(fecha)
    if a_cargo:
        saldo_deuda = capital + interes + recargo + costas - q(sum((p.recuperado for p in pagos), CERO))
        proyectado = regla.honorario(saldo_deuda, fecha, _app_sin_honorarios_en(convenios, fecha))
        pagado_h = q(sum((p.a_honorarios for p in pagos), CERO))
        cobrables = [p for p in pagos if regla.cobra_en(p.fecha)]  # not before the office started charging
        linea = _calculo(cobrables, None, regla).total + proyectado
        honorarios = Honorarios(
            honorarios.recuperado, honorarios.recuperado_sin_honorarios, honorarios.porcentaje, honorarios.base,
            honorarios.iva_porcentaje, honorarios.iva, honorarios.total, True, pagado_h, proyectado,
            linea - pagado_h,
        )
    cargo = linea if a_cargo else CERO
    return LiquidacionCalculada(
        fecha_corte=fecha,
        capital=capital,
        interes=interes,
        recargo=recargo,
        costas=costas,
        honorarios=linea,
        pagos=pagado,
        total=capital + interes + recargo + costas + cargo - pagado,
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
        honorarios_a_cargo=a_cargo,
        saldo_honorarios=honorarios.saldo,
        calculo_honorarios=calculo,
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
