"""Reusable reads of an expediente: by its juicio number, the day it was drawn, its latest movement.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.errors import NotFoundError
from app.storage.models import Expediente, Sorteo
from app.storage.models_juicio import Convenio, Pago


def expediente_por_numero(session: Session, office_id: uuid.UUID, numero: str) -> Expediente:
    """Raises NotFoundError (Spanish) when the office has no juicio with that number."""
    exp = session.scalar(
        select(Expediente).where(Expediente.office_id == office_id, Expediente.numero == numero.strip())
    )
    if exp is None:
        raise NotFoundError(f"No existe el juicio coactivo No. {numero.strip()} en esta oficina.")
    return exp


def fecha_sorteo_de(s: Session, e: Expediente) -> date:
    """The day the juicio was drawn (the sorteo's date; the expediente's start when it has none)."""
    if e.sorteo_id is not None:
        f = s.scalar(select(Sorteo.fecha).where(Sorteo.id == e.sorteo_id))
        if f is not None:
            return f
    return e.fecha_inicio


def ultima_fecha_movimiento(session: Session, expediente_id: uuid.UUID) -> date | None:
    """Latest date of a payment or an APP of the expediente (new ones may not be dated before it)."""
    pagos = session.scalar(select(func.max(Pago.fecha)).where(Pago.expediente_id == expediente_id))
    convs = session.scalar(select(func.max(Convenio.fecha)).where(Convenio.expediente_id == expediente_id))
    fechas = [f for f in (pagos, convs) if f is not None]
    return max(fechas) if fechas else None

