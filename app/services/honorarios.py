"""Honorarios of the secretarios-abogados: request, review, approval or rejection, payment order, payment
(domain.md §4; C.D. 497 art. 3.5.3 lit. m: the jefe "revisa, confirma y dispone el pago de honorarios a
abogados externos … previa entrega y revisión del expediente").

- :meth:`HonorariosService.calcular` — what the lawyer may request now: each recovery of the expediente not
  held by a live request, with its fee (tariff in force on its date, IVA rounded to the cent) or the reason it
  generates none (APP exonerated of fees, legal suspension, before the sorteo).
- :meth:`~HonorariosService.solicitar` — the lawyer (``EXPEDIENTE_TRAMITAR`` on his own expediente) records
  the request with those recoveries; a recovery already held by another live request is never requested again.
- :meth:`~HonorariosService.revisar` — the jefe (``HONORARIOS_APROBAR``) reviews the delivered expediente with
  a checklist (foliation verified, documents present, liquidación current, no open términos) and approves —
  every item checked, and the facts the program can check agree — or rejects with a reason (the recoveries are
  released: the lawyer may request again). Approval generates the **orden de pago de honorarios**, foliated
  into the expediente.
- :meth:`~HonorariosService.registrar_pago` — the payment with its comprobante.

Remate proceeds and seized funds transferred reach the juicio as payments (``Pago``), so they are recoveries
like any abono. Views and exports: :mod:`app.services.honorarios_consultas`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import AppError, NotFoundError, RuleError, ValidationError
from app.common.money import format_usd
from app.common.text import plural
from app.domain.foliacion import EntradaFolio, verificar_cadena
from app.domain.honorarios import Checklist, EstadoSolicitud, LineaHonorario, tarifa_vigente
from app.domain.permisos import Permiso
from app.domain.tipos import TipoDocumento
from app.services.context import Contexto
from app.services.documentos import DocumentosService
from app.services.honorarios_estado import recuperaciones_de
from app.services.honorarios_tarifa import configuracion_de
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.honorarios import estados_de, retenidas
from app.storage.models import Expediente, Folio
from app.storage.models_honorarios import EventoHonorarios, HonorarioRecuperacion, SolicitudHonorarios
from app.storage.models_juicio import Liquidacion, Pago, Termino

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class LineaCalculo:
    """A recovery and its fee (USD). ``motivo``: why it carries none; ``solicitud``: the live request that
    already holds it (then it cannot be requested)."""

    pago_id: uuid.UUID
    fecha: date
    referencia: str
    monto: Decimal
    porcentaje: Decimal | None
    iva_porcentaje: Decimal | None
    honorario: Decimal
    iva: Decimal
    motivo: str = ""
    solicitud: str = ""

    @property
    def total(self) -> Decimal:
        return self.honorario + self.iva


@dataclass(frozen=True, slots=True)
class CalculoExpediente:
    """What the lawyer of juicio ``juicio`` may request (``nuevas``) and what is already held (``retenidas``)."""

    juicio: str
    secretario: str
    nuevas: tuple[LineaCalculo, ...]
    retenidas: tuple[LineaCalculo, ...]

    @property
    def recuperado(self) -> Decimal:
        return sum((x.monto for x in self.nuevas), CERO)

    @property
    def excluido(self) -> Decimal:
        return sum((x.monto for x in self.nuevas if x.motivo), CERO)

    @property
    def base(self) -> Decimal:
        return self.recuperado - self.excluido

    @property
    def honorario(self) -> Decimal:
        return sum((x.honorario for x in self.nuevas), CERO)

    @property
    def iva(self) -> Decimal:
        return sum((x.iva for x in self.nuevas), CERO)

    @property
    def total(self) -> Decimal:
        return self.honorario + self.iva


@dataclass(frozen=True, slots=True)
class Revision:
    """What the program can check of a delivered expediente (hints for the jefe's checklist)."""

    foliacion_intacta: bool
    folios: int
    liquidacion_vigente: bool
    terminos_abiertos: int
    detalle: str


def _linea(p: Pago, x: LineaHonorario, solicitud: str = "") -> LineaCalculo:
    t = x.tarifa
    return LineaCalculo(p.id, p.fecha, x.recuperacion.referencia, x.recuperacion.monto,
                        t.porcentaje if t else None, t.iva_porcentaje if t else None, x.honorario, x.iva,
                        (f"{x.motivo.etiqueta}: {x.detalle_motivo}" if x.detalle_motivo else x.motivo.etiqueta)
                        if x.motivo else "", solicitud)


def calculo_en(s: Session, e: Expediente, hasta: date | None = None) -> CalculoExpediente:
    pagos, calc = recuperaciones_de(s, e, hasta)
    ret = retenidas(s, e.id)
    nuevas, viejas = [], []
    for p, x in zip(pagos, calc.lineas, strict=True):
        if p.id in ret:
            sol, est = ret[p.id]
            viejas.append(_linea(p, x, f"solicitud del {format_dmy(sol.fecha)} ({est.estado.etiqueta.lower()})"))
        else:
            nuevas.append(_linea(p, x))
    return CalculoExpediente(e.numero, e.secretario.nombres, tuple(nuevas), tuple(viejas))


def revision_en(ctx: Contexto, s: Session, e: Expediente) -> Revision:
    folios = list(s.scalars(select(Folio).where(Folio.expediente_id == e.id).order_by(Folio.posicion)))
    ruptura = verificar_cadena(str(e.id), [EntradaFolio(str(f.documento_id), f.desde, f.hasta, f.documento_sha256,
                                                        f.hash_anterior, f.hash) for f in folios])
    ultimo_pago = s.scalar(select(func.max(Pago.fecha)).where(Pago.expediente_id == e.id))
    ultima_liq = s.scalar(select(func.max(Liquidacion.fecha_corte)).where(Liquidacion.expediente_id == e.id))
    vigente = ultima_liq is not None and (ultimo_pago is None or ultima_liq >= ultimo_pago)
    abiertos = s.scalar(select(func.count()).select_from(Termino)
                        .where(Termino.expediente_id == e.id, Termino.cerrado.is_(False),
                               Termino.vence >= local_today())) or 0
    partes = [f"foliación {'íntegra' if ruptura is None else 'alterada: ' + str(ruptura)} "
              f"({folios[-1].hasta if folios else 0} fojas)",
              "liquidación registrada después del último pago" if vigente else
              "sin liquidación posterior al último pago",
              f"{plural(abiertos, 'término abierto')}"]
    return Revision(ruptura is None, folios[-1].hasta if folios else 0, vigente, abiertos, "; ".join(partes))


class HonorariosService:
    """The fee workflow of the office's juicios (see the module docstring)."""

    def __init__(self, ctx: Contexto, documentos: DocumentosService | None = None) -> None:
        self.ctx = ctx
        self._documentos = documentos or DocumentosService(ctx)

    def calcular(self, numero: str, hasta: date | None = None) -> CalculoExpediente:
        """What may be requested in juicio ``numero`` now (nothing is written).

        Raises:
            NotFoundError: unknown juicio. ValidationError: the tariff does not cover a payment's date.
        """
        with self.ctx.read() as s:
            return calculo_en(s, expediente_por_numero(s, self.ctx.office_id, numero), hasta)

    def puede_solicitar(self, numero: str) -> tuple[bool, str]:
        """``(True, "")`` when the current user may request fees in juicio ``numero`` now, else ``(False,
        reason)`` (for the UI to disable the action and say why). Writes nothing."""
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            try:
                self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=e.secretario_id)
                c = calculo_en(s, e, local_today())
            except AppError as exc:
                return False, exc.message
        if not c.nuevas:
            return False, ("Las recuperaciones ya están solicitadas." if c.retenidas
                           else "El juicio no tiene recuperaciones.")
        if c.total <= 0:
            return False, "Lo recuperado aún no solicitado no genera honorarios."
        return True, ""

    def revision(self, numero: str) -> Revision:
        """The facts of the expediente the jefe's checklist refers to."""
        with self.ctx.read() as s:
            return revision_en(self.ctx, s, expediente_por_numero(s, self.ctx.office_id, numero))

    def solicitar(self, numero: str, fecha: date | None = None, observaciones: str = "") -> uuid.UUID:
        """The lawyer requests the fees of juicio ``numero``: every recovery not held by a live request, with
        its fee (exclusions listed with reason and amount). Returns the request id.

        Raises:
            NotFoundError: unknown juicio.
            PermissionDenied: not the secretario of the juicio.
            RuleError: nothing new was recovered (the message names the request that holds the recoveries),
                or what is new generates no fee.
        """
        fecha = fecha or local_today()
        with self.ctx.tx("solicitar honorarios") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=e.secretario_id)
            c = calculo_en(s, e, fecha)
            if not c.nuevas:
                if c.retenidas:
                    raise RuleError(
                        f"Las recuperaciones del juicio {e.numero} ya están en la {c.retenidas[-1].solicitud}: "
                        "una recuperación no se paga dos veces."
                    )
                raise RuleError(f"El juicio {e.numero} no tiene recuperaciones: no hay honorarios que solicitar.")
            if c.total <= 0:
                motivos = "; ".join(f"{format_dmy(x.fecha)} USD {format_usd(x.monto)}: {x.motivo}"
                                    for x in c.nuevas if x.motivo) or "reversos de pagos ya pagados"
                raise RuleError(f"Lo recuperado en el juicio {e.numero} no genera honorarios ({motivos}).")
            conf = configuracion_de(s, e.office_id)
            usadas = {tarifa_vigente(conf.tarifas, x.fecha) for x in c.nuevas if not x.motivo}
            tarifas = [{"desde": t.vigente_desde.isoformat(), "porcentaje": str(t.porcentaje),
                        "iva_porcentaje": str(t.iva_porcentaje), "fuente": t.fuente}
                       for t in sorted(usadas, key=lambda t: t.vigente_desde)]
            sol = SolicitudHonorarios(
                office_id=e.office_id, expediente_id=e.id, secretario_id=e.secretario_id, fecha=fecha,
                recuperado=c.recuperado, excluido=c.excluido, base=c.base, honorario=c.honorario, iva=c.iva,
                total=c.total, observaciones=(observaciones or "").strip()[:2000],
                detalle={"exclusiones": [{"pago_id": str(x.pago_id), "fecha": x.fecha.isoformat(),
                                          "referencia": x.referencia, "monto": str(x.monto), "motivo": x.motivo}
                                         for x in c.nuevas if x.motivo],
                         "tarifas": tarifas, "tarifa_confirmada": conf.tarifa_confirmada},
            )
            s.add(sol)
            s.flush()
            for x in c.nuevas:
                s.add(HonorarioRecuperacion(
                    office_id=e.office_id, solicitud_id=sol.id, pago_id=x.pago_id, fecha=x.fecha, monto=x.monto,
                    porcentaje=x.porcentaje or Decimal(0), iva_porcentaje=x.iva_porcentaje or Decimal(0),
                    honorario=x.honorario, iva=x.iva,
                ))
            return sol.id

    def _solicitud(self, s: Session, solicitud_id: uuid.UUID) -> SolicitudHonorarios:
        sol = s.get(SolicitudHonorarios, solicitud_id)
        if sol is None or sol.office_id != self.ctx.office_id:
            raise NotFoundError("La solicitud de honorarios no existe.")
        return sol

    def revisar(self, solicitud_id: uuid.UUID, aprobar: bool, checklist: Checklist, motivo: str = "",
                fecha: date | None = None) -> uuid.UUID | None:
        """The jefe's decision on a pending request. Approving needs every checklist item and the facts the
        program checks (folios present and their chain intact, no término still running, a liquidación after
        the last payment); it
        generates the orden de pago de honorarios (foliated) and returns its document id. Rejecting needs a
        reason and releases the recoveries (the lawyer may request again); returns None.

        Raises:
            PermissionDenied: not the jefe (HONORARIOS_APROBAR).
            NotFoundError: unknown request.
            RuleError: the request is not pending review; a checked item contradicts the expediente.
            ValidationError: an item unchecked on approval, or no reason for a rejection.
        """
        self.ctx.exigir(Permiso.HONORARIOS_APROBAR)
        fecha = fecha or local_today()
        motivo = (motivo or "").strip()
        with self.ctx.tx("aprobar honorarios" if aprobar else "rechazar honorarios") as s:
            sol = self._solicitud(s, solicitud_id)
            est = estados_de(s, [sol.id])[sol.id]
            if est.estado is not EstadoSolicitud.SOLICITADO:
                raise RuleError(f"La solicitud ya está {est.estado.etiqueta.lower()}: no se revisa otra vez.")
            if fecha < sol.fecha or fecha > local_today():
                raise ValidationError("La revisión no puede ser anterior a la solicitud ni posterior a hoy.")
            datos = {k: getattr(checklist, k) for k in Checklist.ETIQUETAS} | {"observaciones": checklist.observaciones}
            if not aprobar:
                if not motivo:
                    raise ValidationError("Indique el motivo del rechazo: el secretario-abogado lo verá.")
                s.add(EventoHonorarios(office_id=sol.office_id, solicitud_id=sol.id, tipo=EstadoSolicitud.RECHAZADO,
                                       fecha=fecha, motivo=motivo, checklist=datos))
                return None
            faltan = checklist.faltantes()
            if faltan:
                raise ValidationError("Para aprobar, verifique en el expediente: " + ", ".join(faltan).lower() + ".")
            e = s.get_one(Expediente, sol.expediente_id)
            r = revision_en(self.ctx, s, e)
            if r.folios == 0:
                raise RuleError(f"El expediente del juicio {e.numero} no tiene documentos foliados: no hay expediente "
                                "entregado que revisar.")
            if not r.foliacion_intacta:
                raise RuleError(f"La foliación del juicio {e.numero} está alterada: no se aprueban honorarios. "
                                f"{r.detalle}.")
            if r.terminos_abiertos:
                raise RuleError(f"El juicio {e.numero} tiene {plural(r.terminos_abiertos, 'término abierto')}: "
                                "ciérrelos o espere su vencimiento antes de aprobar.")
            if not r.liquidacion_vigente:
                raise RuleError(f"El juicio {e.numero} no tiene una liquidación registrada después del último pago: "
                                "registre la liquidación antes de aprobar.")
            doc = self._documentos.generar_en(s, TipoDocumento.ORDEN_PAGO_HONORARIOS, e, fecha,
                                  {"solicitud_id": str(sol.id), "observaciones": checklist.observaciones})
            s.add(EventoHonorarios(office_id=sol.office_id, solicitud_id=sol.id, tipo=EstadoSolicitud.APROBADO,
                                   fecha=fecha, motivo=motivo or checklist.observaciones, checklist=datos,
                                   documento_id=doc.id, monto=sol.total))
            return doc.id

    def registrar_pago(self, solicitud_id: uuid.UUID, fecha: date, comprobante: str) -> None:
        """Record that the approved fees were paid (comprobante: transfer, CUR or voucher number).

        Raises:
            PermissionDenied: not the jefe. NotFoundError: unknown request.
            RuleError: not approved (or already paid). ValidationError: no comprobante, date in the future or
                before the approval.
        """
        self.ctx.exigir(Permiso.HONORARIOS_APROBAR)
        comprobante = " ".join((comprobante or "").split())
        if not comprobante:
            raise ValidationError("Indique el comprobante del pago (transferencia, CUR o comprobante de egreso).")
        if len(comprobante) > 120:
            raise ValidationError("El comprobante admite hasta 120 caracteres.")
        if fecha > local_today():
            raise ValidationError(f"La fecha del pago ({format_dmy(fecha)}) es posterior a hoy.")
        with self.ctx.tx("registrar pago de honorarios") as s:
            sol = self._solicitud(s, solicitud_id)
            est = estados_de(s, [sol.id])[sol.id]
            if est.estado is not EstadoSolicitud.APROBADO:
                raise RuleError(f"Solo se paga una solicitud aprobada; esta está {est.estado.etiqueta.lower()}.")
            if est.evento is not None and fecha < est.evento.fecha:
                raise ValidationError("El pago no puede ser anterior a la aprobación.")
            s.add(EventoHonorarios(office_id=sol.office_id, solicitud_id=sol.id, tipo=EstadoSolicitud.PAGADO,
                                   fecha=fecha, comprobante=comprobante, monto=sol.total))
