"""Tables of the honorarios of the secretarios-abogados (issue 12; domain.md §4).

- ``tarifa_honorarios`` and ``suspension_honorarios``: reference data the administrador edits (sync policy
  "servidor"); an office without rows uses the defaults of :mod:`app.domain.honorarios`.
- ``solicitud_honorarios`` (a lawyer's request, with its amounts as computed), ``honorario_recuperacion``
  (each recovery a request covers: a recovery held by a live request cannot be requested again) and
  ``evento_honorarios`` (review, approval or rejection, payment, reversal) are legal records: append-only.
  The state of a request is its last event (none: pending review).
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.models import Base, Synced


class TarifaHonorarios(Synced, Base):
    """Fee percent and IVA percent in force from ``vigente_desde``, with the text of its legal source."""

    __tablename__ = "tarifa_honorarios"
    __sync_policy__ = "servidor"
    __table_args__ = (UniqueConstraint("office_id", "vigente_desde"),)

    vigente_desde: Mapped[date]
    porcentaje: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    iva_porcentaje: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    fuente: Mapped[str] = mapped_column(Text)


class SuspensionHonorarios(Synced, Base):
    """A legal suspension (both days included) during which recoveries generate no fees."""

    __tablename__ = "suspension_honorarios"
    __sync_policy__ = "servidor"

    desde: Mapped[date]
    hasta: Mapped[date]
    motivo: Mapped[str] = mapped_column(String(300))
    fuente: Mapped[str] = mapped_column(Text, default="")


class SolicitudHonorarios(Synced, Base):
    """A secretario-abogado's request for the fees of an expediente, as computed when he asked (USD)."""

    __tablename__ = "solicitud_honorarios"
    __append_only__ = True
    __table_args__ = (Index("ix_solicitud_honorarios_secretario", "office_id", "secretario_id", "fecha"),)

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    secretario_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("secretario.id"))
    fecha: Mapped[date]
    recuperado: Mapped[Decimal]
    excluido: Mapped[Decimal]
    base: Mapped[Decimal]
    honorario: Mapped[Decimal]
    iva: Mapped[Decimal]
    total: Mapped[Decimal]
    detalle: Mapped[dict[str, Any] | None]  # exclusions with reason and amount, tariffs used
    observaciones: Mapped[str] = mapped_column(Text, default="")


class HonorarioRecuperacion(Synced, Base):
    """One recovery (a ``Pago``) covered by a request, and its fee (USD; negative for a reversal)."""

    __tablename__ = "honorario_recuperacion"
    __append_only__ = True

    solicitud_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("solicitud_honorarios.id"), index=True)
    pago_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("pago.id"), index=True)
    fecha: Mapped[date]
    monto: Mapped[Decimal]
    porcentaje: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    iva_porcentaje: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    honorario: Mapped[Decimal]
    iva: Mapped[Decimal]


class EventoHonorarios(Synced, Base):
    """What happened to a request: APROBADO / RECHAZADO (by the jefe, with his checklist and reason),
    PAGADO (with the comprobante), REVERTIDO (a payment it covered was reversed before the fee was paid)."""

    __tablename__ = "evento_honorarios"
    __append_only__ = True
    __table_args__ = (Index("ix_evento_honorarios_solicitud", "solicitud_id", "created_at"),)

    solicitud_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("solicitud_honorarios.id"))
    tipo: Mapped[str] = mapped_column(String(20))
    fecha: Mapped[date]
    motivo: Mapped[str] = mapped_column(Text, default="")
    checklist: Mapped[dict[str, Any] | None]
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    comprobante: Mapped[str] = mapped_column(String(120), default="")
    monto: Mapped[Decimal | None]


TABLAS_HONORARIOS = (TarifaHonorarios, SuspensionHonorarios, SolicitudHonorarios, HonorarioRecuperacion,
                     EventoHonorarios)
