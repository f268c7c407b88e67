"""An expediente's índice: its documents and their folio ranges, in order.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.models import Documento, Folio


@dataclass(frozen=True, slots=True)
class EntradaIndice:
    """One line of an expediente's índice: a document and its folio range."""

    posicion: int
    documento_id: uuid.UUID
    tipo: str
    descripcion: str
    fecha: date
    desde: int
    hasta: int
    cuerpo_desde: int
    cuerpo_hasta: int
    hojas: int
    provisional: bool
    nombre_archivo: str
    sha256: str


def indice_de(session: Session, expediente_id: uuid.UUID) -> list[EntradaIndice]:
    rows = session.execute(
        select(Folio, Documento)
        .join(Documento, Documento.id == Folio.documento_id)
        .where(Folio.expediente_id == expediente_id)
        .order_by(Folio.posicion)
    ).all()
    return [
        EntradaIndice(
            posicion=f.posicion, documento_id=d.id, tipo=d.tipo, descripcion=d.descripcion, fecha=d.fecha,
            desde=f.desde, hasta=f.hasta, cuerpo_desde=f.cuerpo_desde, cuerpo_hasta=f.cuerpo_hasta,
            hojas=d.hojas, provisional=f.provisional, nombre_archivo=d.nombre_archivo, sha256=d.archivo_sha256,
        )
        for f, d in rows
    ]

