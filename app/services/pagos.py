"""Abonos (partial payments) and judicial costs of a juicio (domain.md §2.11 and §4).

An abono is possible at any stage of an open juicio (suspended included). It is split with the liquidación
at its date (:mod:`app.domain.liquidacion`): costs, then interest accrued to that date, then surcharge, then
capital (office-configurable order, :mod:`app.domain.imputacion`); the split is stored with the payment
(``Pago``, append-only) and an ABONO act is recorded. A payment larger than the saldo is refused.

With an acuerdo de pago parcial in force the abono pays its oldest unpaid instalments; when every instalment
is paid the APP is CUMPLIDO. If on the payment's date an instalment is already past due and unpaid, the APP
is first declared INCUMPLIDO (REANUDACION act, as :meth:`ConveniosService.revisar` does) and the payment is
an ordinary abono. When the saldo reaches zero the result proposes the archivo (``propone_archivo``); the
archivo itself is an act of its own (with ``datos={"saldo": "0.00"}``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from app.common.dates import format_dmy, local_today
from app.common.errors import RuleError, ValidationError
from app.common.money import format_usd, q
from app.domain import procedimiento as proc
from app.domain.convenio import EstadoConvenio, cuota_incumplida, repartir_pago
from app.domain.etapas import Etapa
from app.domain.fechas_pago import RevisionFechaPago, revisar_fecha_pago
from app.domain.honorarios import CargoEnFecha
from app.domain.imputacion import imputar
from app.domain.liquidacion import liquidar
from app.domain.permisos import Permiso
from app.domain.tipos import TipoActo
from app.services.actos import registrar_acto_en
from app.services.context import Contexto
from app.services.convenios import declarar_incumplimiento_en
from app.services.liquidacion import cargar_deuda, configuracion_de
from app.storage.consultas.convenios import convenio_vigente_en, estado_cuota, estados_cuotas
from app.storage.consultas.expedientes import expediente_por_numero, ultima_fecha_movimiento
from app.storage.models_juicio import Acto, Convenio, Costa, CuotaConvenio, Pago

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class ResultadoAbono:
    """A recorded abono (USD) and what it did.

    Attributes:
        a_costas, a_interes, a_recargo, a_capital: the split (they add up to ``monto``).
        saldo: what the debtor still owes after the payment, at its date.
        propone_archivo: the saldo is zero: the juicio may be archived.
        convenio_id: the APP the payment went to, if any; ``cuotas_pagadas``: instalments completed by it.
        convenio_cumplido: every instalment of the APP is now paid (estado CUMPLIDO).
        convenio_incumplido: the APP was found in default on the payment date and the juicio resumed.
    """

    pago_id: uuid.UUID
    juicio: str
    fecha: date
    monto: Decimal
    referencia: str
    a_costas: Decimal
    a_interes: Decimal
    a_recargo: Decimal
    a_capital: Decimal
    saldo: Decimal
    propone_archivo: bool
    acto_id: uuid.UUID
    convenio_id: uuid.UUID | None = None
    cuotas_pagadas: tuple[int, ...] = ()
    convenio_cumplido: bool = False
    convenio_incumplido: bool = False
    a_honorarios: Decimal = CERO

    def mensaje(self) -> str:
        """One Spanish sentence for the user."""
        partes = [
            f"Abono de USD {format_usd(self.monto)} registrado en el juicio {self.juicio} "
            f"(costas {format_usd(self.a_costas)}, intereses {format_usd(self.a_interes)}, "
            f"recargos {format_usd(self.a_recargo)}, capital {format_usd(self.a_capital)}"
            + (f", honorarios {format_usd(self.a_honorarios)}" if self.a_honorarios else "") + ")."
        ]
        if self.convenio_incumplido:
            partes.append("El acuerdo de pago parcial estaba incumplido: se reanudó el juicio.")
        if self.cuotas_pagadas:
            partes.append("Cuotas pagadas: " + ", ".join(str(n) for n in self.cuotas_pagadas) + ".")
        if self.convenio_cumplido:
            partes.append("El acuerdo de pago parcial quedó cumplido.")
        if self.propone_archivo:
            partes.append("La deuda está pagada: corresponde archivar el juicio.")
        else:
            partes.append(f"Saldo: USD {format_usd(self.saldo)}.")
        return " ".join(partes)


@dataclass(frozen=True, slots=True)
class PagoRegistrado:
    """A stored payment and its split (USD)."""

    id: uuid.UUID
    fecha: date
    monto: Decimal
    referencia: str
    a_costas: Decimal
    a_interes: Decimal
    a_recargo: Decimal
    a_capital: Decimal
    convenio_id: uuid.UUID | None
    registrado_por: str
    a_honorarios: Decimal = CERO
    corrige_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class CostaRegistrada:
    """A judicial cost charged to the expediente (USD)."""

    id: uuid.UUID
    fecha: date
    concepto: str
    monto: Decimal
    registrado_por: str


@dataclass(frozen=True, slots=True)
class HistorialPagos:
    """Payments and costs of a juicio, each by date."""

    juicio: str
    pagos: tuple[PagoRegistrado, ...]
    costas: tuple[CostaRegistrada, ...]

    @property
    def total_pagado(self) -> Decimal:
        return sum((p.monto for p in self.pagos), CERO)

    @property
    def total_costas(self) -> Decimal:
        return sum((c.monto for c in self.costas), CERO)


def _monto(valor: Decimal | str | int, que: str) -> Decimal:
    if isinstance(valor, float):
        raise ValidationError(f"El {que} debe darse como decimal exacto, no como número de coma flotante.",
                              campo="monto")
    try:
        m = Decimal(str(valor).strip())
    except InvalidOperation as exc:
        raise ValidationError(f"«{valor}» no es un {que} válido.", campo="monto") from exc
    if not m.is_finite() or m <= 0:
        raise ValidationError(f"El {que} debe ser mayor que cero.", campo="monto")
    if q(m) != m:
        raise ValidationError(f"El {que} {valor} tiene más de dos decimales.", campo="monto")
    return q(m)


def _no_futura(fecha: date, que: str) -> None:
    if fecha > local_today():
        raise ValidationError(f"La fecha del {que} ({format_dmy(fecha)}) es posterior a hoy.", campo="fecha")


class PagosService:
    """Abonos and costs of the office's juicios."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def revisar_fecha_abono(self, numero: str, fecha: date) -> RevisionFechaPago:
        """What an abono dated ``fecha`` in juicio ``numero`` needs before it is recorded
        (:func:`app.domain.fechas_pago.revisar_fecha_pago`: a future date is an error, a date before the OPI is
        confirmed by the user). Read only. Raises NotFoundError (unknown juicio)."""
        with self.ctx.read() as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            opi = s.scalar(select(func.min(Acto.fecha)).where(Acto.expediente_id == exp.id,
                                                               Acto.tipo == TipoActo.OPI.value))
        return revisar_fecha_pago(fecha, local_today(), opi)

    def registrar_abono(
        self, numero: str, fecha: date, monto: Decimal | str, referencia: str
    ) -> ResultadoAbono:
        """Record an abono of ``monto`` USD paid on ``fecha`` (receipt ``referencia``) in juicio ``numero``.

        Raises:
            NotFoundError: unknown juicio number.
            PermissionDenied: not the secretario of the juicio.
            RuleError: the juicio is closed (archivado, baja, insolvencia), or ``fecha`` precedes a payment
                or APP already recorded (abonos are recorded in date order).
            ValidationError: bad amount, empty reference, date in the future or before the juicio began,
                nothing owed, or more than the saldo at ``fecha``.
        """
        monto = _monto(monto, "valor del abono")
        referencia = (referencia or "").strip()
        if not referencia:
            raise ValidationError("Indique la referencia del comprobante de pago (número de recibo o depósito).",
                                  campo="referencia")
        if len(referencia) > 120:
            raise ValidationError("La referencia del comprobante admite hasta 120 caracteres.", campo="referencia")
        _no_futura(fecha, "abono")
        with self.ctx.tx("registrar abono") as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=exp.secretario_id)
            proc.validar(Etapa(exp.etapa), TipoActo.ABONO, proc.Hechos(fecha=fecha))
            if fecha < exp.fecha_inicio:
                raise ValidationError(
                    f"El abono ({format_dmy(fecha)}) es anterior al inicio del juicio "
                    f"({format_dmy(exp.fecha_inicio)}).", campo="fecha")
            ultima = ultima_fecha_movimiento(s, exp.id)
            if ultima is not None and fecha < ultima:
                raise RuleError(
                    f"El juicio tiene pagos o convenios registrados hasta el {format_dmy(ultima)}: registre los "
                    "abonos en orden de fecha."
                )
            config = configuracion_de(s, self.ctx.office_id)

            conv: Convenio | None = convenio_vigente_en(s, exp.id)
            incumplido = False
            if conv is not None:
                falta = cuota_incumplida(estados_cuotas(s, conv.id), fecha, config.regla_convenio.gracia_dias)
                if falta is not None:
                    declarar_incumplimiento_en(s, self.ctx, exp, conv, falta, fecha)
                    conv, incumplido = None, True

            deuda = cargar_deuda(s, exp, config)
            saldo = liquidar(deuda, fecha).total
            if saldo <= 0:
                raise ValidationError(f"El juicio {exp.numero} no tiene saldo pendiente al {format_dmy(fecha)}.",
                                      campo="fecha")
            if monto > saldo:
                raise ValidationError(
                    f"El abono de USD {format_usd(monto)} excede el saldo de la deuda al {format_dmy(fecha)} "
                    f"(USD {format_usd(saldo)}). Registre como máximo el saldo.", campo="monto")
            pendientes = liquidar(deuda, fecha, abono_en_curso=monto if conv is not None else None).pendientes()
            cargo = CargoEnFecha(deuda.honorarios, fecha, conv is not None and conv.sin_honorarios) \
                if deuda.honorarios.cobra_en(fecha) else None
            imp = imputar(monto, pendientes, config.orden, cargo)
            if imp.sobrante > 0:  # pragma: no cover - the saldo check above prevents it
                raise RuleError("No se pudo imputar todo el abono; revise la liquidación del juicio.")

            pago = Pago(
                office_id=exp.office_id, expediente_id=exp.id, fecha=fecha, monto=monto, referencia=referencia,
                a_costas=imp.costas, a_interes=imp.interes, a_recargo=imp.recargo, a_capital=imp.capital,
                convenio_id=conv.id if conv is not None else None, a_honorarios=imp.honorarios,
            )
            s.add(pago)
            s.flush()

            pagadas: list[int] = []
            cumplido = False
            if conv is not None:
                filas = s.scalars(
                    select(CuotaConvenio).where(CuotaConvenio.convenio_id == conv.id).order_by(CuotaConvenio.numero)
                ).all()
                cuotas = {c.numero: c for c in filas}
                partes, _ = repartir_pago([estado_cuota(c) for c in filas], monto)
                for n, parte in partes:
                    c = cuotas[n]
                    c.pagado = c.pagado + parte
                    if c.pagado >= c.cuota:
                        c.pagada_en = fecha
                        pagadas.append(n)
                if all(c.pagado >= c.cuota for c in cuotas.values()):
                    conv.estado = EstadoConvenio.CUMPLIDO
                    cumplido = True
                s.flush()

            despues = liquidar(cargar_deuda(s, exp, config), fecha).total
            acto = registrar_acto_en(
                s, self.ctx, exp, tipo=TipoActo.ABONO, fecha=fecha,
                descripcion=(
                    f"Abono de USD {format_usd(monto)} (comprobante {referencia}): costas {format_usd(imp.costas)}, "
                    f"intereses {format_usd(imp.interes)}, recargos {format_usd(imp.recargo)}, capital "
                    f"{format_usd(imp.capital)}"
                    + (f", honorarios {format_usd(imp.honorarios)}" if imp.honorarios else "")
                    + f". Saldo USD {format_usd(despues)}."
                ),
                datos={"pago_id": str(pago.id), "monto": str(monto), "referencia": referencia,
                       "saldo_despues": str(despues)},
            )
            return ResultadoAbono(
                pago_id=pago.id, juicio=exp.numero, fecha=fecha, monto=monto, referencia=referencia,
                a_costas=imp.costas, a_interes=imp.interes, a_recargo=imp.recargo, a_capital=imp.capital,
                saldo=despues, propone_archivo=despues <= 0, acto_id=acto.id,
                convenio_id=conv.id if conv is not None else None, cuotas_pagadas=tuple(pagadas),
                convenio_cumplido=cumplido, convenio_incumplido=incumplido, a_honorarios=imp.honorarios,
            )

    def registrar_costa(self, numero: str, fecha: date, concepto: str, monto: Decimal | str) -> CostaRegistrada:
        """Charge a judicial cost (publication, custody, appraisal…) of ``monto`` USD to juicio ``numero``.

        Raises:
            NotFoundError: unknown juicio number.
            PermissionDenied: not the secretario of the juicio.
            RuleError: the juicio is closed.
            ValidationError: bad amount, empty concept, date in the future.
        """
        monto = _monto(monto, "valor de la costa")
        concepto = " ".join((concepto or "").split())
        if not concepto:
            raise ValidationError("Indique el concepto de la costa (publicación, custodia, avalúo…).", campo="concepto")
        if len(concepto) > 300:
            raise ValidationError("El concepto de la costa admite hasta 300 caracteres.", campo="concepto")
        _no_futura(fecha, "gasto")
        with self.ctx.tx("registrar costa") as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=exp.secretario_id)
            etapa = Etapa(exp.etapa)
            if etapa in proc.CERRADAS:
                motivo = proc.motivo(etapa, TipoActo.ABONO, proc.Hechos(fecha))
                raise RuleError(f"No se pueden cargar costas: {motivo}.")
            c = Costa(office_id=exp.office_id, expediente_id=exp.id, fecha=fecha, concepto=concepto, monto=monto)
            s.add(c)
            s.flush()
            return CostaRegistrada(c.id, c.fecha, c.concepto, c.monto, c.created_by)

    def historial(self, numero: str) -> HistorialPagos:
        """Payments (with their split) and costs of juicio ``numero``, each by date.

        Raises:
            NotFoundError: unknown juicio number.
        """
        with self.ctx.read() as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            pagos = s.scalars(select(Pago).where(Pago.expediente_id == exp.id)
                              .order_by(Pago.fecha, Pago.created_at)).all()
            costas = s.scalars(select(Costa).where(Costa.expediente_id == exp.id)
                               .order_by(Costa.fecha, Costa.created_at)).all()
            return HistorialPagos(
                juicio=exp.numero,
                pagos=tuple(PagoRegistrado(p.id, p.fecha, p.monto, p.referencia, p.a_costas, p.a_interes,
                                           p.a_recargo, p.a_capital, p.convenio_id, p.created_by, p.a_honorarios,
                                           p.corrige_id) for p in pagos),
                costas=tuple(CostaRegistrada(c.id, c.fecha, c.concepto, c.monto, c.created_by) for c in costas),
            )
