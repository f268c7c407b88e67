"""Reusable reads of the acuerdos de pago parcial (APP): the live one of an expediente, the state of each instalment.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.convenio import EstadoConvenio, EstadoCuota
from app.storage.models_juicio import Convenio, CuotaConvenio


def convenio_vigente_en(session: Session, expediente_id: uuid.UUID) -> Convenio | None:
    return session.scalars(
        select(Convenio).where(Convenio.expediente_id == expediente_id, Convenio.estado == EstadoConvenio.VIGENTE)
        .order_by(Convenio.fecha.desc()).limit(1)
    ).first()


def estado_cuota(c: CuotaConvenio) -> EstadoCuota:
    """The domain view of an instalment row."""
    return EstadoCuota(c.numero, c.vence, c.cuota, c.pagado, c.pagada_en, c.interes)



def estados_cuotas(session: Session, convenio_id: uuid.UUID) -> list[EstadoCuota]:
    """The instalments of APP ``convenio_id`` by number."""
    return estados_cuotas_de(session, [convenio_id]).get(convenio_id, [])



def estados_cuotas_de(session: Session, convenio_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[EstadoCuota]]:
    """The instalments of each of ``convenio_ids`` by number, in one query (APPs without rows are absent)."""
    out: dict[uuid.UUID, list[EstadoCuota]] = {}
    if not convenio_ids:
        return out
    rows = session.scalars(
        select(CuotaConvenio).where(CuotaConvenio.convenio_id.in_(convenio_ids))
        .order_by(CuotaConvenio.convenio_id, CuotaConvenio.numero)
    ).all()
    for c in rows:
        out.setdefault(c.convenio_id, []).append(estado_cuota(c))
    return out

