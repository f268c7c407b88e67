"""Reversal (corrección) of a recorded abono: a payment that did not happen (a bounced cheque, a deposit
recorded in the wrong juicio). Payments are append-only: the reversal is a new ``Pago`` with the negated
amounts and split, dated like the one it corrects and pointing at it (``corrige_id``), plus a CORRECCION act.

Minimal by design (issue 12 needs it for fees): only the latest payment of the juicio that is still in
force may be reversed (reverse later ones first), and not a payment made to an acuerdo de pago parcial
(its instalments would have to be reopened).

The fee the payment generated is reversed with it (:mod:`app.domain.honorarios`: the reversal's fee is the
exact negative of the original's): if a live fee request not yet paid holds the payment, that request is
REVERTIDO (its recoveries are released; the lawyer requests again without it); if the fee was already paid,
the reversal is a negative recovery deducted from the lawyer's next request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.money import format_usd
from app.domain.honorarios import EstadoSolicitud
from app.domain.permisos import Permiso
from app.domain.tipos import TipoActo
from app.services.actos import registrar_acto_en
from app.services.context import Contexto
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.honorarios import retenidas
from app.storage.models_honorarios import EventoHonorarios
from app.storage.models_juicio import Acto, Pago


@dataclass(frozen=True, slots=True)
class Reverso:
    """A recorded reversal and what it did to the fees."""

    pago_id: uuid.UUID
    reverso_id: uuid.UUID
    solicitud_revertida: uuid.UUID | None

    def mensaje(self) -> str:
        extra = (" La solicitud de honorarios que lo incluía quedó revertida: vuelva a solicitarlos."
                 if self.solicitud_revertida else "")
        return "Pago revertido." + extra


class ReversosService:
    """Reversal of abonos (see the module docstring)."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def revertir_pago(self, numero: str, pago_id: uuid.UUID, motivo: str) -> Reverso:
        """Reverse payment ``pago_id`` of juicio ``numero`` for ``motivo``.

        Raises:
            NotFoundError: unknown juicio or payment.
            PermissionDenied: not the secretario of the juicio.
            RuleError: already reversed, a reversal itself, not the latest payment, or paid to an APP.
            ValidationError: no reason given.
        """
        motivo = " ".join((motivo or "").split())
        if not motivo:
            raise ValidationError("Indique el motivo del reverso (cheque protestado, depósito en otro juicio…).")
        with self.ctx.tx("revertir pago") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=e.secretario_id)
            pagos = list(s.scalars(select(Pago).where(Pago.expediente_id == e.id)
                                   .order_by(Pago.fecha, Pago.created_at)))
            p = next((x for x in pagos if x.id == pago_id), None)
            if p is None:
                raise NotFoundError(f"El pago no es del juicio {e.numero}.")
            if p.corrige_id is not None or p.monto <= 0:
                raise RuleError("Ese movimiento ya es un reverso.")
            revertidos = {x.corrige_id for x in pagos if x.corrige_id is not None}
            if p.id in revertidos:
                raise RuleError(f"El pago del {format_dmy(p.fecha)} ya fue revertido.")
            vigentes = [x for x in pagos if x.corrige_id is None and x.id not in revertidos]
            if vigentes[-1].id != p.id:
                raise RuleError("Solo se revierte el último pago vigente del juicio: revierta primero los posteriores.")
            if p.convenio_id is not None:
                raise RuleError("Un pago de un acuerdo de pago parcial no se revierte aquí: sus cuotas quedarían "
                                "pagadas.")
            r = Pago(office_id=e.office_id, expediente_id=e.id, fecha=p.fecha, monto=-p.monto, referencia=p.referencia,
                     a_costas=-p.a_costas, a_interes=-p.a_interes, a_recargo=-p.a_recargo, a_capital=-p.a_capital,
                     a_honorarios=-p.a_honorarios, corrige_id=p.id)
            s.add(r)
            s.flush()
            abono = next((a for a in s.scalars(select(Acto).where(Acto.expediente_id == e.id,
                                                                  Acto.tipo == TipoActo.ABONO.value))
                          if (a.datos or {}).get("pago_id") == str(p.id)), None)
            registrar_acto_en(
                s, self.ctx, e, tipo=TipoActo.CORRECCION, fecha=local_today(),
                descripcion=f"Reverso del abono de USD {format_usd(p.monto)} del {format_dmy(p.fecha)} (comprobante "
                            f"{p.referencia}): {motivo}",
                datos={"corrige_id": str(abono.id) if abono else None, "pago_id": str(p.id),
                       "reverso_id": str(r.id), "motivo": motivo},
            )
            revertida = None
            held = retenidas(s, e.id).get(p.id)
            if held is not None and held[1].estado in (EstadoSolicitud.SOLICITADO, EstadoSolicitud.APROBADO):
                sol = held[0]
                s.add(EventoHonorarios(
                    office_id=sol.office_id, solicitud_id=sol.id, tipo=EstadoSolicitud.REVERTIDO, fecha=local_today(),
                    motivo=f"Pago del {format_dmy(p.fecha)} revertido: {motivo}"))
                revertida = sol.id
            return Reverso(p.id, r.id, revertida)
