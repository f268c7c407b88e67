"""The office's business-day calendar, read from its local holidays.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.terminos import Calendario, calendario
from app.storage.models import FeriadoLocal


def calendario_de(session: Session, office_id: uuid.UUID) -> Calendario:
    """Business-day calendar of an office: national holidays (moved days only), plus its local holidays and
    decreed rest days, minus the listed days it removed."""
    filas = session.execute(select(FeriadoLocal.fecha, FeriadoLocal.descripcion, FeriadoLocal.quitar)
                            .where(FeriadoLocal.office_id == office_id)).all()
    return calendario({f: d for f, d, q in filas if not q}, [f for f, _d, q in filas if q])

