"""Liquidación of a juicio at a date, the office's interest-rate table and its collection settings.

The arithmetic lives in :mod:`app.domain.liquidacion` (and :mod:`app.domain.intereses`); this module reads
the título, costs, payments and APPs of an expediente into a :class:`~app.domain.liquidacion.Deuda`, records
liquidaciones (append-only rows + a LIQUIDACION act) and keeps the rate table.

In-transaction helpers for other services (payments, APPs, documents):

- :func:`liquidar_expediente` ``(session, expediente, fecha)`` → domain ``LiquidacionCalculada``;
- :func:`cargar_deuda`, :func:`configuracion_de`, :func:`tabla_tasas_de`;
- :func:`registrar_liquidacion_en` records one (row + LIQUIDACION act) inside the caller's transaction;
  ``Liquidacion.detalle`` (the row) holds :func:`detalle_json` (tramos, saldos, honorarios, interés parts).

Office settings (table ``preferencia``, **configurable**; an absent key uses the domain default):

- ``cobro.orden_imputacion``: order a payment is applied in (default
  ``COSTAS,HONORARIOS,INTERES,RECARGO,CAPITAL``; HONORARIOS may be left out: then fees owed are paid last);
- ``cobro.base_dias``: days of the interest year, 360 or 365 (default 360);
- ``convenio.plazo_max_meses``: longest APP in months (default 72);
- ``convenio.cuota_inicial_min_pct``: minimum down payment, percent, when one is given (default 0);
- ``convenio.gracia_dias``: calendar days after a due date before an unpaid instalment is a default (default 0).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.common.errors import RuleError, ValidationError
from app.common.money import format_usd
from app.domain.convenio import EstadoConvenio, ReglaConvenio, cuota_incumplida
from app.domain.imputacion import ORDEN_PREDETERMINADO, Concepto
from app.domain.intereses import (
    BASE_PREDETERMINADA,
    BaseDias,
    Tasa,
    nombre_mes,
    primero_del_mes,
    siguiente_mes,
    validar_tasa,
)
from app.domain.liquidacion import (
    DIAS_VIGENCIA_PROVIDENCIA,
    ConvenioDeuda,
    CostaCargo,
    Deuda,
    LiquidacionCalculada,
    PagoAplicado,
    liquidar,
    vigente_para_providencia,
)
from app.domain.permisos import Permiso
from app.domain.preferencias import (
    BASE_DIAS,
    CUOTA_INICIAL_MIN,
    GRACIA_CONVENIO,
    ORDEN_IMPUTACION,
    PLAZO_MAX_CONVENIO,
)
from app.domain.tipos import TipoActo
from app.services.actos import registrar_acto_en
from app.services.context import Contexto
from app.services.honorarios_tarifa import regla_de
from app.storage.consultas.convenios import estados_cuotas_de
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.preferencias import textos
from app.storage.models import Expediente, TituloCredito
from app.storage.models_juicio import Acto, Convenio, Costa, Liquidacion, Pago, TasaInteres


@dataclass(frozen=True, slots=True)
class ConfiguracionCobro:
    """The office's collection settings (see the module docstring for the preference keys)."""

    orden: tuple[Concepto, ...] = ORDEN_PREDETERMINADO
    base: BaseDias = BASE_PREDETERMINADA
    regla_convenio: ReglaConvenio = field(default_factory=ReglaConvenio)


@dataclass(frozen=True, slots=True)
class TasaRegistrada:
    """A row of the monthly rate table: the month (its first day), the annual rate (percent) and its source."""

    vigente_desde: date
    tasa_anual: Decimal
    fuente: str = ""


@dataclass(frozen=True, slots=True)
class LiquidacionRegistrada:
    """A recorded liquidación (USD amounts). ``documento_id`` is set when its document was generated."""

    id: uuid.UUID
    juicio: str
    fecha_corte: date
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    costas: Decimal
    honorarios: Decimal
    pagos: Decimal
    total: Decimal
    detalle: dict[str, Any]
    documento_id: uuid.UUID | None
    acto_id: uuid.UUID | None = None

    def vigente_para(self, fecha_documento: date) -> bool:
        """May be cited in a providencia dated ``fecha_documento`` (at most 3 calendar days old)."""
        return vigente_para_providencia(self.fecha_corte, fecha_documento)


# --- configuration -----------------------------------------------------------------------------------------


#: The office preferences this module reads (app.domain.preferencias).
_AJUSTES_COBRO = (ORDEN_IMPUTACION, BASE_DIAS, PLAZO_MAX_CONVENIO, GRACIA_CONVENIO, CUOTA_INICIAL_MIN)


def configuracion_de(session: Session, office_id: uuid.UUID) -> ConfiguracionCobro:
    """The office's collection settings, from its preferences (defaults where absent).

    Raises:
        ConfigurationError: a stored value is not valid (Spanish, names the key).
    """
    p = textos(session, office_id, _AJUSTES_COBRO)
    orden, base, plazo_max, gracia, minimo = (a.valor(p.get(a.clave)) for a in _AJUSTES_COBRO)
    return ConfiguracionCobro(orden, base, ReglaConvenio(ReglaConvenio().plazo_min, plazo_max, minimo, gracia))


def tabla_tasas_de(session: Session, office_id: uuid.UUID) -> tuple[Tasa, ...]:
    """The office's monthly rate table by month (empty when it loaded none: there is no built-in rate)."""
    rows = session.execute(
        select(TasaInteres.vigente_desde, TasaInteres.tasa_anual, TasaInteres.fuente)
        .where(TasaInteres.office_id == office_id)
        .order_by(TasaInteres.vigente_desde)
    ).all()
    return tuple(Tasa(f, Decimal(t), fuente or "") for f, t, fuente in rows)


# --- reading a debt ----------------------------------------------------------------------------------------


def _incumplimientos(session: Session, expediente_id: uuid.UUID) -> dict[str, date]:
    """convenio id -> date the debt went back to mora, from the REANUDACION acts that declared it."""
    out: dict[str, date] = {}
    rows = session.execute(
        select(Acto.datos).where(Acto.expediente_id == expediente_id, Acto.tipo == TipoActo.REANUDACION.value)
    ).all()
    for (datos,) in rows:
        d = datos or {}
        if d.get("convenio_id") and d.get("incumplido_desde"):
            out[str(d["convenio_id"])] = date.fromisoformat(str(d["incumplido_desde"]))
    return out


def cargar_deuda(session: Session, expediente: Expediente, config: ConfiguracionCobro | None = None) -> Deuda:
    """Read what a liquidación of ``expediente`` needs: its título, costs, payments, APPs, rate table."""
    config = config or configuracion_de(session, expediente.office_id)
    t = session.get_one(TituloCredito, expediente.titulo_id)
    convenios = session.scalars(
        select(Convenio).where(Convenio.expediente_id == expediente.id).order_by(Convenio.fecha, Convenio.created_at)
    ).all()
    incumplidos = _incumplimientos(session, expediente.id)
    sin_honorarios = {c.id for c in convenios if c.sin_honorarios}
    cuotas_de = estados_cuotas_de(session, [c.id for c in convenios])
    deuda_convenios = []
    for c in convenios:
        cuotas = cuotas_de.get(c.id, [])
        desde = None
        if c.estado == EstadoConvenio.INCUMPLIDO:
            desde = incumplidos.get(str(c.id))
            if desde is None:  # declared without the act's data: the first instalment not paid on time
                falta = cuota_incumplida(cuotas, date.max, config.regla_convenio.gracia_dias)
                desde = falta.vence if falta is not None else c.fecha
        deuda_convenios.append(ConvenioDeuda(str(c.id), c.fecha, tuple(cuotas), desde, c.sin_honorarios))
    costas = session.scalars(select(Costa).where(Costa.expediente_id == expediente.id)).all()
    pagos = session.scalars(
        select(Pago).where(Pago.expediente_id == expediente.id).order_by(Pago.fecha, Pago.created_at)
    ).all()
    return Deuda(
        capital=t.capital,
        interes_titulo=t.interes,
        recargo=t.recargo,
        mora_desde=t.fecha_emision,
        tasas=tabla_tasas_de(session, expediente.office_id),
        base=config.base,
        costas=tuple(CostaCargo(c.fecha, c.concepto, c.monto) for c in costas),
        pagos=tuple(
            PagoAplicado(p.fecha, p.monto, p.a_costas, p.a_interes, p.a_recargo, p.a_capital,
                         str(p.convenio_id) if p.convenio_id else None, p.convenio_id in sin_honorarios,
                         p.a_honorarios, str(p.id), str(p.corrige_id) if p.corrige_id else None)
            for p in pagos
        ),
        convenios=tuple(deuda_convenios),
        honorarios=regla_de(session, expediente),
    )


def liquidar_expediente(
    session: Session, expediente: Expediente, fecha: date, *, abono_en_curso: Decimal | None = None,
    config: ConfiguracionCobro | None = None,
) -> LiquidacionCalculada:
    """The liquidación of ``expediente`` at ``fecha`` inside the caller's session (no write).

    Raises:
        ValidationError: the rate table does not cover the interest period.
    """
    return liquidar(cargar_deuda(session, expediente, config), fecha, abono_en_curso=abono_en_curso)


def detalle_json(liq: LiquidacionCalculada) -> dict[str, Any]:
    """The breakdown stored with a recorded liquidación (decimals and dates as text)."""
    h = liq.detalle_honorarios
    return {
        "base_dias": liq.base_dias,
        "interes_titulo": str(liq.interes_titulo),
        "interes_mora": str(liq.interes_mora),
        "interes_convenio": str(liq.interes_convenio),
        "saldos": {"costas": str(liq.saldo_costas), "interes": str(liq.saldo_interes),
                   "recargo": str(liq.saldo_recargo), "capital": str(liq.saldo_capital)},
        "honorarios": {"recuperado": str(h.recuperado), "recuperado_sin_honorarios": str(h.recuperado_sin_honorarios),
                       "porcentaje": str(h.porcentaje), "base": str(h.base), "iva_porcentaje": str(h.iva_porcentaje),
                       "iva": str(h.iva), "total": str(h.total), "a_cargo": h.a_cargo_del_coactivado,
                       "pagado": str(h.pagado), "proyectado": str(h.proyectado), "saldo": str(h.saldo)},
        "tramos": [{"desde": t.desde.isoformat(), "hasta": t.hasta.isoformat(), "dias": t.dias,
                    "capital": str(t.capital), "tasa_anual": str(t.tasa_anual),
                    "interes": str(t.interes_redondeado)} for t in liq.tramos],
    }


def _registrada(row: Liquidacion, juicio: str, acto_id: uuid.UUID | None = None) -> LiquidacionRegistrada:
    return LiquidacionRegistrada(
        id=row.id, juicio=juicio, fecha_corte=row.fecha_corte, capital=row.capital, interes=row.interes,
        recargo=row.recargo, costas=row.costas, honorarios=row.honorarios, pagos=row.pagos, total=row.total,
        detalle=dict(row.detalle or {}), documento_id=row.documento_id, acto_id=acto_id,
    )


def registrar_liquidacion_en(
    session: Session, ctx: Contexto, expediente: Expediente, fecha: date
) -> LiquidacionRegistrada:
    """Compute and record the liquidación of ``expediente`` at ``fecha`` with its LIQUIDACION act, inside the
    caller's transaction (the documents service uses it to attach the document afterwards).

    Raises:
        PermissionDenied, RuleError (closed juicio), ValidationError (rate table).
    """
    ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=expediente.secretario_id)
    liq = liquidar_expediente(session, expediente, fecha)
    row = Liquidacion(
        office_id=expediente.office_id, expediente_id=expediente.id, fecha_corte=fecha, capital=liq.capital,
        interes=liq.interes, recargo=liq.recargo, costas=liq.costas, honorarios=liq.honorarios, pagos=liq.pagos,
        total=liq.total, detalle=detalle_json(liq),
    )
    session.add(row)
    session.flush()
    acto = registrar_acto_en(
        session, ctx, expediente, tipo=TipoActo.LIQUIDACION, fecha=fecha,
        descripcion=f"Liquidación al {format_dmy(fecha)}: saldo USD {format_usd(liq.total)}",
        datos={"liquidacion_id": str(row.id), "total": str(liq.total)},
    )
    return _registrada(row, expediente.numero, acto.id)


class LiquidacionService:
    """Liquidaciones of a juicio and the office's interest-rate table."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def calcular(self, numero: str, fecha: date) -> LiquidacionCalculada:
        """The liquidación of juicio ``numero`` at ``fecha`` (nothing is written).

        Raises:
            NotFoundError: unknown juicio number.
            ValidationError: the rate table does not cover the interest period.
        """
        with self.ctx.read() as s:
            return liquidar_expediente(s, expediente_por_numero(s, self.ctx.office_id, numero), fecha)

    def registrar(self, numero: str, fecha: date) -> LiquidacionRegistrada:
        """Record the liquidación of juicio ``numero`` at ``fecha`` (append-only) and its LIQUIDACION act.

        Raises:
            NotFoundError: unknown juicio number.
            PermissionDenied: not the secretario of the juicio (or no permission to tramitar).
            RuleError: the juicio is closed (archivado, baja, insolvencia).
            ValidationError: the rate table does not cover the interest period.
        """
        with self.ctx.tx("registrar liquidación") as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            return registrar_liquidacion_en(s, self.ctx, exp, fecha)

    def ultima(self, numero: str) -> LiquidacionRegistrada | None:
        """The most recent recorded liquidación (latest cut-off date) of juicio ``numero``, or None."""
        with self.ctx.read() as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            row = s.scalars(
                select(Liquidacion).where(Liquidacion.expediente_id == exp.id)
                .order_by(Liquidacion.fecha_corte.desc(), Liquidacion.created_at.desc()).limit(1)
            ).first()
            return _registrada(row, exp.numero) if row is not None else None

    def vigente(self, numero: str, fecha_documento: date) -> LiquidacionRegistrada:
        """The latest liquidación of juicio ``numero`` that a providencia dated ``fecha_documento`` may cite.

        Raises:
            NotFoundError: unknown juicio number.
            RuleError: none recorded, or the latest is more than 3 calendar days old (domain.md §2.10).
        """
        ultima = self.ultima(numero)
        if ultima is None:
            raise RuleError(f"El juicio {numero} no tiene liquidación registrada: registre una antes de citarla.")
        if not ultima.vigente_para(fecha_documento):
            raise RuleError(
                f"La última liquidación del juicio {numero} es del {format_dmy(ultima.fecha_corte)}: una "
                f"providencia del {format_dmy(fecha_documento)} solo puede citar una liquidación de hasta "
                f"{DIAS_VIGENCIA_PROVIDENCIA} días. Registre una nueva liquidación."
            )
        return ultima

    def configuracion(self) -> ConfiguracionCobro:
        """The office's collection settings (order of imputation, day-count base, APP rules)."""
        with self.ctx.read() as s:
            return configuracion_de(s, self.ctx.office_id)

    def tasas(self) -> list[TasaRegistrada]:
        """The office's monthly rate table by month (empty until the office loads one)."""
        with self.ctx.read() as s:
            tabla = tabla_tasas_de(s, self.ctx.office_id)
        return [TasaRegistrada(t.vigente_desde, t.tasa_anual, t.fuente) for t in tabla]

    def agregar_tasa(
        self, mes: date, tasa_anual: Decimal, fuente: str, *, hasta: date | None = None,
    ) -> list[TasaRegistrada]:
        """Add the annual rate (percent) of ``mes`` (any day of it), or of every month from ``mes`` to
        ``hasta`` (inclusive) when given, with its ``fuente`` (where the figure comes from); returns the table.

        Raises:
            PermissionDenied: the user may not edit tariffs and rates.
            ValidationError: bad rate (0..100 %, four decimals), no source, ``hasta`` before ``mes``, or a
                month that already has a rate (named; a correction is a new table import by the office).
        """
        return self.cargar_tasas([(mes, tasa_anual, fuente)], hasta=hasta)

    def cargar_tasas(
        self, filas: Sequence[tuple[date, Decimal | str, str]], *, hasta: date | None = None,
    ) -> list[TasaRegistrada]:
        """Add several months at once (all or nothing): ``(mes, tasa_anual, fuente)`` rows; with ``hasta``
        each row's rate is repeated for every month up to ``hasta`` (a one-row table). Errors as
        :meth:`agregar_tasa`."""
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        nuevas: dict[date, tuple[Decimal, str]] = {}
        for mes, tasa_anual, fuente in filas:
            try:
                tasa = Decimal(str(tasa_anual))
            except InvalidOperation as exc:
                raise ValidationError(f"«{tasa_anual}» no es una tasa válida.") from exc
            validar_tasa(tasa)
            if tasa != tasa.quantize(Decimal("0.0001")):
                raise ValidationError("La tasa admite hasta cuatro decimales.")
            fuente = (fuente or "").strip()
            if not fuente:
                raise ValidationError(
                    f"Indique la fuente de la tasa de {nombre_mes(mes)} (p. ej. «BCE, boletín de tasas de "
                    f"{nombre_mes(mes)}»).")
            m = primero_del_mes(mes)
            fin = primero_del_mes(hasta) if hasta is not None else m
            if fin < m:
                raise ValidationError("El último mes de la tabla es anterior al primero.")
            while m <= fin:
                if m in nuevas:
                    raise ValidationError(f"{nombre_mes(m).capitalize()} aparece dos veces.")
                nuevas[m] = (tasa.quantize(Decimal("0.0001")), fuente[:300])
                m = siguiente_mes(m)
        with self.ctx.tx("cargar tasas de interés") as s:
            existentes = set(s.scalars(select(TasaInteres.vigente_desde).where(
                TasaInteres.office_id == self.ctx.office_id, TasaInteres.vigente_desde.in_(list(nuevas)))))
            if existentes:
                meses = ", ".join(nombre_mes(m) for m in sorted(existentes))
                raise ValidationError(f"Ya hay tasa para {meses}; no se cargó ninguna fila.")
            for m, (tasa, fuente) in sorted(nuevas.items()):
                s.add(TasaInteres(office_id=self.ctx.office_id, vigente_desde=m, tasa_anual=tasa, fuente=fuente))
        return self.tasas()

