"""In-transaction reads of the honorarios requests: the state of each (its last event) and which
recoveries a live request already holds.

A request is SOLICITADO until an event says otherwise (APROBADO, RECHAZADO, PAGADO, REVERTIDO); while it is
SOLICITADO, APROBADO or PAGADO its recoveries are held: a second request cannot cover them (a recovery is
never paid twice). A rejected or reverted request releases them.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.honorarios import RETIENEN, EstadoSolicitud
from app.storage.models_honorarios import EventoHonorarios, HonorarioRecuperacion, SolicitudHonorarios


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

