"""In-transaction reads the honorarios services share: the state of each request (its last event), which
recoveries are already held by a live request, and the recoveries of an expediente with their fee.

A request is SOLICITADO until an event says otherwise (APROBADO, RECHAZADO, PAGADO, REVERTIDO); while it is
SOLICITADO, APROBADO or PAGADO its recoveries are held: a second request cannot cover them (a recovery is
never paid twice). A rejected or reverted request releases them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.honorarios import RETIENEN, CalculoHonorarios, EstadoSolicitud, Recuperacion, calcular
from app.services.honorarios_tarifa import regla_de
from app.storage.models import Expediente
from app.storage.models_honorarios import EventoHonorarios, HonorarioRecuperacion, SolicitudHonorarios
from app.storage.models_juicio import Convenio, Pago


@dataclass(frozen=True, slots=True)
class Evento:
    """What an ``EventoHonorarios`` row says (plain data)."""

    tipo: str
    fecha: date
    motivo: str
    comprobante: str
    documento_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class Estado:
    """A request's state and the event that set it (None: pending review)."""

    estado: EstadoSolicitud
    evento: Evento | None
    aprobacion: Evento | None


_COLUMNAS = (EventoHonorarios.solicitud_id, EventoHonorarios.tipo, EventoHonorarios.fecha, EventoHonorarios.motivo,
             EventoHonorarios.comprobante, EventoHonorarios.documento_id)


def estados_de(s: Session, ids: Iterable[uuid.UUID], office_id: uuid.UUID | None = None) -> dict[uuid.UUID, Estado]:
    """State of each request in ``ids`` (one query; with ``office_id``, the events are read by office instead
    of by a list of ids, which is faster for a whole office's list)."""
    ids = list(ids)
    out = {i: Estado(EstadoSolicitud.SOLICITADO, None, None) for i in ids}
    if not ids:
        return out
    q = select(*_COLUMNAS).order_by(EventoHonorarios.created_at, EventoHonorarios.id)
    q = q.where(EventoHonorarios.office_id == office_id) if office_id is not None \
        else q.where(EventoHonorarios.solicitud_id.in_(ids))
    for sid, tipo, fecha, motivo, comprobante, documento_id in s.execute(q):
        previo = out.get(sid)
        if previo is None:
            continue
        ev = Evento(tipo, fecha, motivo, comprobante, documento_id)
        aprob = ev if tipo == EstadoSolicitud.APROBADO.value else previo.aprobacion
        out[sid] = Estado(EstadoSolicitud(tipo), ev, aprob)
    return out


def retenidas(s: Session, expediente_id: uuid.UUID) -> dict[uuid.UUID, tuple[SolicitudHonorarios, Estado]]:
    """pago id -> the live request that holds it (SOLICITADO, APROBADO or PAGADO)."""
    sols = {x.id: x for x in s.scalars(select(SolicitudHonorarios)
                                       .where(SolicitudHonorarios.expediente_id == expediente_id))}
    estados = estados_de(s, sols)
    out: dict[uuid.UUID, tuple[SolicitudHonorarios, Estado]] = {}
    if not sols:
        return out
    for linea in s.scalars(select(HonorarioRecuperacion).where(HonorarioRecuperacion.solicitud_id.in_(list(sols)))):
        est = estados[linea.solicitud_id]
        if est.estado in RETIENEN:
            out[linea.pago_id] = (sols[linea.solicitud_id], est)
    return out


def referencia_de(p: Pago) -> str:
    if p.corrige_id is not None:
        return f"Reverso del comprobante {p.referencia}"
    return f"Abono, comprobante {p.referencia}"


def recuperaciones_de(s: Session, e: Expediente, hasta: date | None = None
                      ) -> tuple[list[Pago], CalculoHonorarios]:
    """The payments of ``e`` (up to ``hasta``) and the fee of each (tariff, exclusions) under the office's rule.

    Raises:
        ValidationError: the tariff table does not cover a payment's date.
    """
    q = select(Pago).where(Pago.expediente_id == e.id)
    if hasta is not None:
        q = q.where(Pago.fecha <= hasta)
    pagos = list(s.scalars(q.order_by(Pago.fecha, Pago.created_at)))
    sin = {c.id for c in s.scalars(select(Convenio).where(Convenio.expediente_id == e.id, Convenio.sin_honorarios))}
    regla = regla_de(s, e)
    calc = calcular((Recuperacion(str(p.id), p.fecha, p.monto - p.a_honorarios, referencia_de(p),
                                  p.convenio_id in sin, str(p.corrige_id) if p.corrige_id else None)
                     for p in pagos), regla)
    return pagos, calc
