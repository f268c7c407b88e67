"""Reusable reads of the acuerdos de pago parcial (APP).

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.convenio import EstadoConvenio
from app.storage.models import Convenio


def convenio_vigente_en(session: Session, expediente_id: uuid.UUID) -> Convenio | None:
    return session.scalars(
        select(Convenio).where(Convenio.expediente_id == expediente_id, Convenio.estado == EstadoConvenio.VIGENTE)
        .order_by(Convenio.fecha.desc()).limit(1)
    ).first()

