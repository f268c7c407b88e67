"""Reusable reads of seized goods: their photos, the date each custodian's next report counts from.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.bienes import referencia_informe
from app.storage.models import Documento
from app.storage.models_bienes import Bien, Custodia, FotoBien, InformeDepositario


@dataclass(frozen=True, slots=True)
class Foto:
    documento_id: uuid.UUID
    nombre: str
    sha256: str
    fecha: date


def fotos_de(s: Session, tabla: str, filas: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[Foto]]:
    out: dict[uuid.UUID, list[Foto]] = {}
    if not filas:
        return out
    for fila, did, nombre, sha, fecha in s.execute(
        select(FotoBien.fila_id, Documento.id, Documento.nombre_archivo, Documento.archivo_sha256, Documento.fecha)
        .join(Documento, Documento.id == FotoBien.documento_id)
        .where(FotoBien.tabla == tabla, FotoBien.fila_id.in_(list(filas))).order_by(Documento.created_at)
    ):
        out.setdefault(fila, []).append(Foto(did, nombre, sha, fecha))
    return out


def ultima_referencia_informe(s: Session, bienes: Sequence[Bien]) -> dict[uuid.UUID, date]:
    """For each good with a custodian: the date its next report counts from — the custodian's last report
    on it, or the day he took custody (a new depositario starts a new period)."""
    con = [b for b in bienes if b.depositario_id is not None]
    if not con:
        return {}
    ids = [b.id for b in con]
    recibido: dict[uuid.UUID, date] = {}
    for bid, _dep, f in s.execute(select(Custodia.bien_id, Custodia.depositario_id, Custodia.fecha)
                                 .where(Custodia.bien_id.in_(ids)).order_by(Custodia.fecha, Custodia.created_at)):
        recibido[bid] = f
    informes: dict[tuple[uuid.UUID, uuid.UUID], date] = {}
    for bid, dep, f in s.execute(select(InformeDepositario.bien_id, InformeDepositario.depositario_id,
                                        func.max(InformeDepositario.fecha))
                                 .where(InformeDepositario.bien_id.in_(ids))
                                 .group_by(InformeDepositario.bien_id, InformeDepositario.depositario_id)):
        informes[(bid, dep)] = f
    out = {}
    for b in con:
        out[b.id] = referencia_informe(b.fecha_acta, recibido.get(b.id), informes.get((b.id, b.depositario_id)))
    return out


def fechas_de_informe() -> tuple[Any, Any]:
    """Two scalar subqueries correlated to ``Bien``: the date of its last hand-over (``Custodia``) and of its
    custodian's last report on it (``InformeDepositario``), both None when there is none. A depositario's next
    report counts from the later of the two (or from the acta when neither exists): domain.bienes.proximo_informe.
    For a select over ``Bien`` (e.g. ``select(Bien.id, Bien.fecha_acta, *fechas_de_informe())``)."""
    recibido = (select(func.max(Custodia.fecha)).where(Custodia.bien_id == Bien.id)
                .correlate(Bien).scalar_subquery())
    informe = (select(func.max(InformeDepositario.fecha))
               .where(InformeDepositario.bien_id == Bien.id,
                      InformeDepositario.depositario_id == Bien.depositario_id)
               .correlate(Bien).scalar_subquery())
    return recibido, informe
