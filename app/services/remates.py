"""Avalúo and remate of seized goods (domain.md §2.8-2.9, §5).

- **Perito**: a providencia designates him for goods of one expediente (:meth:`RematesService.designar_perito`).
- **Avalúo**: each appraisal is kept (perito, value, date, report file foliated into the expediente); the last one
  is in force; the first moves the good to AVALUADO and the juicio to stage AVALUO (AVALUO act).
- **Remate**: the aviso sets the base (a configurable share of the avalúo, default all of it) and a date at least
  the publication term after the aviso (configurable, default 20 calendar days); the goods go EN_REMATE.
  Posturas below the base, or with less than a 10 % deposit, are refused with the figures. The adjudication
  qualifies the bids, generates the auto de calificación and the acta de remate, applies the price to the debt
  as a payment (imputed like an abono: costs, interest, surcharge, capital in the office's order) and records
  any surplus as owed back to the debtor; the goods are REMATADO and leave custody to the adjudicatario.
  A remate without a qualified bid is declared desierto (the goods return to AVALUADO).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.money import format_usd
from app.documents.paginas import contar_archivo
from app.domain.bienes import (
    EstadoBien,
    ProductoRemate,
    TipoBien,
    aplicar_producto,
    base_remate,
    fecha_minima_remate,
    motivo_descalificacion,
    validar_postura,
)
from app.domain.bienes_campos import monto_opcional
from app.domain.identificacion import validar_identificacion
from app.domain.imputacion import imputar
from app.domain.liquidacion import liquidar
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.actos import registrar_acto_en
from app.services.bienes_comun import GenerarEn, bien_de, exigir_tramite, mover_estado_en, reglas_de
from app.services.context import Contexto
from app.services.foliacion import agregar_documento_en
from app.services.liquidacion import cargar_deuda, configuracion_de
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Expediente
from app.storage.models_bienes import (
    Avaluo,
    Bien,
    Custodia,
    Depositario,
    DesignacionPerito,
    Postura,
    Remate,
    SobranteRemate,
)
from app.storage.models_juicio import Pago


@dataclass(frozen=True, slots=True)
class DatosRemate:
    """A remate (USD). ``posturas``: (postor, identificación, valor, depósito) in arrival order."""

    id: uuid.UUID
    juicio: str
    estado: str
    fecha_aviso: date
    fecha_remate: date
    avaluo: Decimal
    fraccion_base: Decimal
    base: Decimal
    bienes: tuple[uuid.UUID, ...]
    posturas: tuple[tuple[str, str, Decimal, Decimal], ...]
    adjudicatario: str
    precio: Decimal | None
    a_deuda: Decimal | None
    sobrante: Decimal | None
    pago_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class Adjudicacion:
    remate: DatosRemate
    producto: ProductoRemate
    saldo_despues: Decimal
    calificacion_documento_id: uuid.UUID
    acta_documento_id: uuid.UUID

    def mensaje(self) -> str:
        p = self.producto
        out = (f"Remate adjudicado a {self.remate.adjudicatario} por USD {format_usd(p.precio)}: USD "
               f"{format_usd(p.a_deuda)} se imputan a la deuda (saldo USD {format_usd(self.saldo_despues)}).")
        if p.sobrante > 0:
            out += f" Sobrante a favor del coactivado: USD {format_usd(p.sobrante)}."
        if self.saldo_despues <= 0:
            out += " La deuda está pagada: corresponde archivar el juicio."
        return out


def _perito(nombre: str, cedula: str) -> tuple[str, str]:
    n = " ".join((nombre or "").split())
    if not n:
        raise ValidationError("Indique el nombre del perito.")
    c = (cedula or "").strip()
    if c:
        c, _t = validar_identificacion(c)
    return n[:200], c


class RematesService:
    """Peritos, avalúos and remates of the goods of a juicio."""

    def __init__(self, ctx: Contexto, generar_en: GenerarEn | None = None) -> None:
        self.ctx = ctx
        self._generar_en = generar_en

    def _gen(self) -> GenerarEn:
        if self._generar_en is None:  # pragma: no cover - wired by bootstrap
            raise RuleError("El servicio de documentos no está disponible.")
        return self._generar_en

    def _bienes(self, s: Session, ids: Sequence[uuid.UUID]) -> tuple[list[Bien], Expediente]:
        if not ids:
            raise ValidationError("Elija al menos un bien.")
        bienes = [bien_de(s, self.ctx, i)[0] for i in ids]
        if len({b.expediente_id for b in bienes}) != 1:
            raise ValidationError("Elija bienes de un mismo juicio.")
        e = s.get_one(Expediente, bienes[0].expediente_id)
        exigir_tramite(self.ctx, e)
        return bienes, e

    # -- perito and avalúo -------------------------------------------------------------------------------
    def designar_perito(self, bien_ids: Sequence[uuid.UUID], fecha: date, perito: str, cedula: str = "",
                        plazo_dias: int = 8) -> uuid.UUID:
        """Designate a perito for the goods (one juicio) by a providencia (generated and foliated). Returns the
        designation id. ``plazo_dias``: calendar days for his report (default 8, the office may write another).

        Raises:
            ValidationError: no name, bad cédula, a plazo outside 1..90, goods of several juicios, funds.
            RuleError: the providencia is not allowed in the juicio's stage.
        """
        nombre, cedula = _perito(perito, cedula)
        if not 1 <= plazo_dias <= 90:
            raise ValidationError("El plazo del perito es de 1 a 90 días.")
        with self.ctx.tx("designar perito") as s:
            bienes, e = self._bienes(s, bien_ids)
            if any(b.tipo == TipoBien.FONDOS for b in bienes):
                raise ValidationError("Los fondos retenidos no se avalúan.")
            d = DesignacionPerito(office_id=e.office_id, expediente_id=e.id, fecha=fecha, perito_nombre=nombre,
                                  perito_cedula=cedula, plazo_dias=plazo_dias, bienes=[str(b.id) for b in bienes])
            s.add(d)
            s.flush()
            # The designation is append-only: its providencia is found through the act's datos.
            self._gen()(s, TipoDocumento.DESIGNACION_PERITO, e, fecha, {"designacion_id": str(d.id)})
            return d.id

    def registrar_avaluo(self, bien_id: uuid.UUID, fecha: date, perito: str, valor: Decimal | str, cedula: str = "",
                         *, informe: tuple[str, bytes] | None = None, observaciones: str = "") -> uuid.UUID:
        """Record a perito's appraisal of a good (USD); ``informe`` (file name, bytes) is his report, foliated.
        The first appraisal moves the good to AVALUADO and records the AVALUO act of the juicio.

        Raises:
            ValidationError: no perito, a bad or zero value, a future date, an empty report file.
            RuleError: a good not in custody (appoint the depositario first), funds, or a stage that does not
                allow the avalúo.
        """
        nombre, cedula = _perito(perito, cedula)
        m = monto_opcional(valor, "Valor del avalúo")
        if not m:
            raise ValidationError("El valor del avalúo debe ser mayor que cero.")
        if fecha > local_today():
            raise ValidationError(f"La fecha del avalúo ({format_dmy(fecha)}) es posterior a hoy.")
        with self.ctx.tx("registrar avalúo") as s:
            b, e = bien_de(s, self.ctx, bien_id)
            exigir_tramite(self.ctx, e)
            estado = EstadoBien(b.estado)
            if estado in (EstadoBien.EMBARGADO, EstadoBien.SECUESTRADO):
                raise RuleError("Designe primero al depositario judicial: el bien se avalúa en custodia.")
            designacion = s.scalar(select(DesignacionPerito.id).where(
                DesignacionPerito.expediente_id == e.id, DesignacionPerito.perito_nombre == nombre)
                .order_by(DesignacionPerito.fecha.desc()).limit(1))
            doc_id = None
            if informe is not None:
                n, data = informe
                if not n.strip() or not data:
                    raise ValidationError("El informe pericial está vacío.")
                conteo = contar_archivo(n, data)
                doc, _f = agregar_documento_en(s, self.ctx, e, tipo="INFORME_PERICIAL",
                                               descripcion=f"Informe pericial de {nombre}: {b.descripcion}"[:300],
                                               fecha=fecha, data=data, nombre_archivo=n.strip(),
                                               hojas=conteo.hojas, hojas_fuente=conteo.fuente)
                doc_id = doc.id
            a = Avaluo(office_id=e.office_id, bien_id=b.id, expediente_id=e.id, fecha=fecha, perito_nombre=nombre,
                       perito_cedula=cedula, valor=m, designacion_id=designacion, informe_documento_id=doc_id,
                       observaciones=observaciones.strip())
            s.add(a)
            mover_estado_en(s, b, EstadoBien.AVALUADO, fecha, f"Avalúo de {nombre}: USD {format_usd(m)}", doc_id,
                            {"valor": str(m)})
            registrar_acto_en(s, self.ctx, e, tipo=TipoActo.AVALUO, fecha=fecha, documento_id=doc_id,
                              descripcion=f"Avalúo de {b.descripcion} por {nombre}: USD {format_usd(m)}",
                              datos={"bien_id": str(b.id), "valor": str(m)})
            s.flush()
            return a.id

    # -- remate ------------------------------------------------------------------------------------------
    def convocar(self, bien_ids: Sequence[uuid.UUID], fecha_aviso: date, fecha_remate: date, hora: str = "10h00",
                 lugar: str = "") -> DatosRemate:
        """Publish the aviso de remate of appraised goods: base = the office's share of their last avalúo; the
        remate no sooner than the publication term after the aviso. Generates and foliates the aviso (AVISO_REMATE
        act) and moves the goods EN_REMATE.

        Raises:
            ValidationError: goods of several juicios, a date before the publication term (with both dates).
            RuleError: a good not appraised (or already in another remate), or a stage that does not allow it.
        """
        with self.ctx.tx("convocar remate") as s:
            bienes, e = self._bienes(s, bien_ids)
            reglas = reglas_de(s, e.office_id)
            minima = fecha_minima_remate(fecha_aviso, reglas.publicacion_dias)
            if fecha_remate < minima:
                raise ValidationError(
                    f"El remate ({format_dmy(fecha_remate)}) debe ser al menos {reglas.publicacion_dias} días después "
                    f"del aviso ({format_dmy(fecha_aviso)}): desde el {format_dmy(minima)} (plazo configurable).")
            avaluo = Decimal("0.00")
            for b in bienes:
                if EstadoBien(b.estado) is not EstadoBien.AVALUADO:
                    raise RuleError(f"«{b.descripcion}» está {EstadoBien(b.estado).etiqueta.lower()}: solo se rematan "
                                    "bienes avaluados.")
                v = s.scalar(select(Avaluo.valor).where(Avaluo.bien_id == b.id)
                             .order_by(Avaluo.fecha.desc(), Avaluo.created_at.desc()).limit(1))
                avaluo += v
            base = base_remate(avaluo, reglas.base_remate)
            r = Remate(office_id=e.office_id, expediente_id=e.id, bienes=[str(b.id) for b in bienes],
                       fecha_aviso=fecha_aviso, fecha_remate=fecha_remate, hora=(hora or "10h00").strip()[:10],
                       lugar=(lugar.strip() or "las oficinas del Juzgado de Coactiva")[:300], avaluo=avaluo,
                       fraccion_base=reglas.base_remate, base=base, estado="CONVOCADO")
            s.add(r)
            s.flush()
            doc = self._gen()(s, TipoDocumento.AVISO_REMATE, e, fecha_aviso, {"remate_id": str(r.id)})
            r.aviso_documento_id = doc.id
            for b in bienes:
                mover_estado_en(s, b, EstadoBien.EN_REMATE, fecha_aviso,
                                f"Aviso de remate para el {format_dmy(fecha_remate)}, base USD {format_usd(base)}",
                                doc.id, {"remate_id": str(r.id)})
            s.flush()
            return self._datos(s, r)

    def registrar_postura(self, remate_id: uuid.UUID, postor: str, identificacion: str, valor: Decimal | str,
                          deposito: Decimal | str, fecha: date | None = None) -> DatosRemate:
        """Record a bid. Refused with the figures when it is below the base; one with a deposit under 10 % is
        recorded and disqualified in the calificación.

        Raises:
            ValidationError: no name, bad cédula/RUC, bad amounts.
            RuleError: below the base, a remate not convoked, a bid after the remate date.
        """
        postor = " ".join((postor or "").split())
        if not postor:
            raise ValidationError("Indique el nombre del postor.")
        ident, _t = validar_identificacion(identificacion)
        v = monto_opcional(valor, "Postura")
        dep = monto_opcional(deposito, "Depósito")
        if not v:
            raise ValidationError("La postura debe ser mayor que cero.")
        with self.ctx.tx("registrar postura") as s:
            r, _e = self._remate(s, remate_id)
            if r.estado != "CONVOCADO":
                raise RuleError(f"El remate está {r.estado.lower()}: no admite posturas.")
            f = fecha or r.fecha_remate
            if f > r.fecha_remate:
                raise RuleError(f"Las posturas se reciben hasta el día del remate ({format_dmy(r.fecha_remate)}).")
            validar_postura(v, r.base)
            s.add(Postura(office_id=r.office_id, remate_id=r.id, postor=postor[:300], identificacion=ident, fecha=f,
                          valor=v, deposito=dep or Decimal("0.00")))
            s.flush()
            return self._datos(s, r)

    def adjudicar(self, remate_id: uuid.UUID, fecha: date | None = None) -> Adjudicacion:
        """Qualify the bids and adjudicate to the highest qualified one, on the remate date (or ``fecha``): the
        auto de calificación and the acta de remate are generated and foliated (REMATE act); the price pays the
        debt like an abono (same imputation), the surplus is owed back to the debtor; the goods are REMATADO
        and handed to the adjudicatario (last entry of their chain of custody).

        Raises:
            RuleError: no qualified bid, a remate not convoked, a date before the remate, a rate table that does
                not cover the interest period (the liquidación says which month).
        """
        with self.ctx.tx("adjudicar remate") as s:
            r, e = self._remate(s, remate_id)
            fecha = fecha or r.fecha_remate
            if r.estado != "CONVOCADO":
                raise RuleError(f"El remate ya está {r.estado.lower()}.")
            if fecha < r.fecha_remate:
                raise RuleError(f"El remate se adjudica el día señalado ({format_dmy(r.fecha_remate)}) o después.")
            if fecha > local_today():
                raise ValidationError(f"La adjudicación ({format_dmy(fecha)}) no puede ser posterior a hoy.")
            ps = list(s.scalars(select(Postura).where(Postura.remate_id == r.id)))
            validas = [p for p in ps if motivo_descalificacion(p.valor, p.deposito, r.base) is None]
            if not validas:
                raise RuleError("No hay posturas calificadas: declare el remate desierto.")
            g = max(validas, key=lambda p: (p.valor, -p.fecha.toordinal()))
            config = configuracion_de(s, e.office_id)
            deuda = cargar_deuda(s, e, config)
            liq = liquidar(deuda, fecha)
            producto = aplicar_producto(g.valor, liq.total)
            r.postura_id, r.precio, r.a_deuda, r.sobrante = g.id, producto.precio, producto.a_deuda, producto.sobrante
            r.estado = "ADJUDICADO"
            s.flush()
            # Both documents are generated before the payment: they state the saldo the price is applied to.
            calif = self._gen()(s, TipoDocumento.CALIFICACION_POSTURAS, e, fecha, {"remate_id": str(r.id)})
            r.calificacion_documento_id = calif.id
            acta = self._gen()(s, TipoDocumento.ACTA_REMATE, e, fecha, {"remate_id": str(r.id)})
            r.acta_documento_id = acta.id
            if producto.a_deuda > 0:
                r.pago_id = self._pago_en(s, e, fecha, producto.a_deuda, g, config, deuda)
            if producto.sobrante > 0:
                s.add(SobranteRemate(office_id=e.office_id, remate_id=r.id, expediente_id=e.id, deudor_id=e.deudor_id,
                                     fecha=fecha, monto=producto.sobrante))
            for b in s.scalars(select(Bien).where(Bien.id.in_([uuid.UUID(x) for x in r.bienes]))):
                mover_estado_en(s, b, EstadoBien.REMATADO, fecha, f"Rematado a {g.postor}", acta.id,
                                {"remate_id": str(r.id)})
                if b.depositario_id is not None:
                    dep = s.get_one(Depositario, b.depositario_id)
                    s.add(Custodia(office_id=b.office_id, bien_id=b.id, expediente_id=e.id, fecha=fecha,
                                   motivo="ENTREGA_REMATE", de_depositario_id=dep.id, depositario_id=None,
                                   entrega=f"{dep.nombres} (depositario judicial)",
                                   recibe=f"{g.postor} ({g.identificacion}), adjudicatario", documento_id=acta.id))
                    b.depositario_id = None
            s.flush()
            saldo = liquidar(cargar_deuda(s, e, config), fecha).total
            return Adjudicacion(self._datos(s, r), producto, saldo, calif.id, acta.id)

    def _pago_en(self, s: Session, e: Expediente, fecha: date, monto: Decimal, g: Postura, config: object,
                 deuda: object) -> uuid.UUID:
        """The proceeds as a payment, split exactly as an abono is (:func:`app.domain.imputacion.imputar` over
        the liquidación's pending parts, in the office's order) with its ABONO act."""
        imp = imputar(monto, liquidar(deuda, fecha).pendientes(), config.orden)  # type: ignore[attr-defined]
        pago = Pago(office_id=e.office_id, expediente_id=e.id, fecha=fecha, monto=monto,
                    referencia=f"Remate: adjudicado a {g.postor}"[:120], a_costas=imp.costas, a_interes=imp.interes,
                    a_recargo=imp.recargo, a_capital=imp.capital)
        s.add(pago)
        s.flush()
        despues = liquidar(cargar_deuda(s, e, config), fecha).total  # type: ignore[arg-type]
        registrar_acto_en(
            s, self.ctx, e, tipo=TipoActo.ABONO, fecha=fecha,
            descripcion=(f"Producto del remate, USD {format_usd(monto)}: costas {format_usd(imp.costas)}, intereses "
                         f"{format_usd(imp.interes)}, recargos {format_usd(imp.recargo)}, capital "
                         f"{format_usd(imp.capital)}. Saldo USD {format_usd(despues)}."),
            datos={"pago_id": str(pago.id), "monto": str(monto), "referencia": pago.referencia,
                   "saldo_despues": str(despues), "remate": True},
        )
        return pago.id

    def declarar_desierto(self, remate_id: uuid.UUID, fecha: date, motivo: str = "") -> DatosRemate:
        """A remate without qualified bids: it ends DESIERTO and its goods return to AVALUADO (a new aviso may
        follow)."""
        with self.ctx.tx("declarar desierto el remate") as s:
            r, _e = self._remate(s, remate_id)
            if r.estado != "CONVOCADO":
                raise RuleError(f"El remate ya está {r.estado.lower()}.")
            if fecha < r.fecha_remate:
                raise RuleError(f"El remate se declara desierto el día señalado ({format_dmy(r.fecha_remate)}) o "
                                "después.")
            r.estado = "DESIERTO"
            for b in s.scalars(select(Bien).where(Bien.id.in_([uuid.UUID(x) for x in r.bienes]))):
                mover_estado_en(s, b, EstadoBien.AVALUADO, fecha,
                                f"Remate desierto{': ' + motivo.strip() if motivo.strip() else ''}",
                                datos={"remate_id": str(r.id)})
            s.flush()
            return self._datos(s, r)

    def listar(self, numero: str) -> list[DatosRemate]:
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            return [self._datos(s, r) for r in s.scalars(select(Remate).where(Remate.expediente_id == e.id)
                                                           .order_by(Remate.fecha_aviso, Remate.created_at))]

    def sobrantes(self) -> Decimal:
        """Total owed back to debtors from remates (USD)."""
        with self.ctx.read() as s:
            return Decimal(str(s.scalar(select(func.coalesce(func.sum(SobranteRemate.monto), 0)).where(
                SobranteRemate.office_id == self.ctx.office_id)) or 0))

    def _remate(self, s: Session, remate_id: uuid.UUID) -> tuple[Remate, Expediente]:
        r = s.get(Remate, remate_id)
        if r is None or r.office_id != self.ctx.office_id:
            raise NotFoundError("El remate no existe en esta oficina.")
        e = s.get_one(Expediente, r.expediente_id)
        exigir_tramite(self.ctx, e)
        return r, e

    def _datos(self, s: Session, r: Remate) -> DatosRemate:
        e = s.get_one(Expediente, r.expediente_id)
        ps = list(s.scalars(select(Postura).where(Postura.remate_id == r.id).order_by(Postura.fecha,
                                                                                          Postura.created_at)))
        g = next((p for p in ps if p.id == r.postura_id), None)
        return DatosRemate(r.id, e.numero, r.estado, r.fecha_aviso, r.fecha_remate, r.avaluo, r.fraccion_base, r.base,
                           tuple(uuid.UUID(x) for x in r.bienes),
                           tuple((p.postor, p.identificacion, p.valor, p.deposito) for p in ps),
                           g.postor if g else "", r.precio, r.a_deuda, r.sobrante, r.pago_id)
