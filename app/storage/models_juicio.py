"""Tables of the whole juicio (issue 3; domain.md §2): co-obligados, acts, terms, notifications and their
attachments, medidas cautelares, costs, payments, the interest rate table, liquidaciones and the acuerdo de
pago parcial (APP) with its installments. Acts, notifications, payments and liquidaciones are append-only: a
correction is a new row.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.models import Base, Synced


class Coobligado(Synced, Base):
    """A co-obligado of an expediente (garante, responsable solidario): named in the OPI, notified apart."""

    __tablename__ = "coobligado"
    __sync_policy__ = "fusionar"
    __table_args__ = (UniqueConstraint("expediente_id", "identificacion"),)

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    identificacion: Mapped[str] = mapped_column(String(13))
    nombre: Mapped[str] = mapped_column(String(300))
    calidad: Mapped[str] = mapped_column(String(30))  # GARANTE | RESPONSABLE_SOLIDARIO
    direccion: Mapped[str] = mapped_column(String(300), default="")


class Acto(Synced, Base):
    """A procedural act of an expediente (a stage move or a recorded act). Append-only: a correction is a
    new act pointing at the one it corrects (``corrige_id``)."""

    __tablename__ = "acto"
    __append_only__ = True
    __table_args__ = (Index("ix_acto_expediente", "expediente_id", "fecha"),)

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"))
    tipo: Mapped[str] = mapped_column(String(40))
    fecha: Mapped[date]
    etapa_anterior: Mapped[str | None] = mapped_column(String(30))
    etapa_nueva: Mapped[str | None] = mapped_column(String(30))
    descripcion: Mapped[str] = mapped_column(Text, default="")
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    corrige_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    datos: Mapped[dict[str, Any] | None]


class Termino(Synced, Base):
    """A term opened by an act: término (business days) or plazo (calendar days), with its due date."""

    __tablename__ = "termino"
    __table_args__ = (Index("ix_termino_vence", "office_id", "cerrado", "vence"),)

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    acto_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("acto.id"))
    descripcion: Mapped[str] = mapped_column(String(300))
    tipo: Mapped[str] = mapped_column(String(10))  # TERMINO | PLAZO
    dias: Mapped[int] = mapped_column(Integer)
    desde: Mapped[date]
    vence: Mapped[date]
    cerrado: Mapped[bool] = mapped_column(Boolean, default=False)
    cerrado_en: Mapped[date | None]
    cerrado_por_acto_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())


class Notificacion(Synced, Base):
    """One attempt to notify a person of a document (COA arts. 164, 171). Append-only."""

    __tablename__ = "notificacion"
    __append_only__ = True

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    documento_notificado_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    destinatario: Mapped[str] = mapped_column(String(300))
    destinatario_identificacion: Mapped[str] = mapped_column(String(13))
    coobligado_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("coobligado.id"))
    intento: Mapped[int] = mapped_column(Integer)
    forma: Mapped[str] = mapped_column(String(10))  # PERSONAL | BOLETA | PRENSA
    fecha_hora: Mapped[datetime]
    direccion: Mapped[str] = mapped_column(String(300), default="")
    recibido_por: Mapped[str] = mapped_column(String(300), default="")
    efectiva: Mapped[bool] = mapped_column(Boolean, default=False)
    observaciones: Mapped[str] = mapped_column(Text, default="")
    acto_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("acto.id"))
    razon_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class Adjunto(Synced, Base):
    """A file (photo, scan) attached to a record and foliated into the expediente as a document."""

    __tablename__ = "adjunto"
    __append_only__ = True
    __table_args__ = (Index("ix_adjunto_origen", "tabla", "fila_id"),)

    tabla: Mapped[str] = mapped_column(String(60))
    fila_id: Mapped[uuid.UUID] = mapped_column(Uuid())
    documento_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documento.id"))


class MedidaCautelar(Synced, Base):
    """An oficio ordering a medida cautelar (bank retention, vehicle or property prohibition) and its reply."""

    __tablename__ = "medida_cautelar"

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(30))  # RETENCION | PROHIBICION_VEHICULO | PROHIBICION_INMUEBLE
    destinatario: Mapped[str] = mapped_column(String(300))
    oficio_numero: Mapped[str] = mapped_column(String(60), default="")
    fecha_envio: Mapped[date]
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    fecha_respuesta: Mapped[date | None]
    respuesta: Mapped[str] = mapped_column(Text, default="")
    monto_retenido: Mapped[Decimal | None]
    estado: Mapped[str] = mapped_column(String(20), default="PENDIENTE")  # PENDIENTE | RESPONDIDA | LEVANTADA
    levantamiento_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class Costa(Synced, Base):
    """A judicial cost charged to the expediente (publications, custody, appraisal). Append-only."""

    __tablename__ = "costa"
    __append_only__ = True

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    concepto: Mapped[str] = mapped_column(String(300))
    monto: Mapped[Decimal]


class Pago(Synced, Base):
    """An abono and how it was imputed (costas, interés, recargo, capital). Append-only; a reversal is a
    new Pago with negative amounts pointing at the one it corrects."""

    __tablename__ = "pago"
    __append_only__ = True

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    monto: Mapped[Decimal]
    referencia: Mapped[str] = mapped_column(String(120))
    a_costas: Mapped[Decimal]
    a_interes: Mapped[Decimal]
    a_recargo: Mapped[Decimal]
    a_capital: Mapped[Decimal]
    convenio_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("convenio.id"))
    corrige_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())
    # The part that paid the lawyer's fee when the office charges it to the coactivado (issue 12).
    a_honorarios: Mapped[Decimal] = mapped_column(default=Decimal("0.00"), server_default="0")


class TasaInteres(Synced, Base):
    """Annual interest rate (percent) of the month starting ``vigente_desde``, with its ``fuente``."""

    __tablename__ = "tasa_interes"
    __sync_policy__ = "servidor"
    __table_args__ = (UniqueConstraint("office_id", "vigente_desde"),)

    vigente_desde: Mapped[date]
    tasa_anual: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    fuente: Mapped[str] = mapped_column(String(300), default="", server_default="")


class Liquidacion(Synced, Base):
    """A liquidación at a cut-off date (domain.md §2.10). Append-only."""

    __tablename__ = "liquidacion"
    __append_only__ = True

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha_corte: Mapped[date]
    capital: Mapped[Decimal]
    interes: Mapped[Decimal]
    recargo: Mapped[Decimal]
    costas: Mapped[Decimal]
    honorarios: Mapped[Decimal]
    pagos: Mapped[Decimal]
    total: Mapped[Decimal]
    detalle: Mapped[dict[str, Any] | None]
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class Convenio(Synced, Base):
    """Acuerdo de pago parcial (APP): suspends the juicio while current; a missed instalment resumes it."""

    __tablename__ = "convenio"

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    plazo_meses: Mapped[int] = mapped_column(Integer)
    monto: Mapped[Decimal]
    cuota_inicial: Mapped[Decimal]
    tasa_anual: Mapped[Decimal] = mapped_column(Numeric(7, 4))
    sin_honorarios: Mapped[bool] = mapped_column(Boolean, default=False)  # C.D. 617
    estado: Mapped[str] = mapped_column(String(20), default="VIGENTE")  # VIGENTE | INCUMPLIDO | CUMPLIDO
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class CuotaConvenio(Synced, Base):
    """One instalment of an APP's amortization table."""

    __tablename__ = "cuota_convenio"
    __table_args__ = (UniqueConstraint("convenio_id", "numero"),)

    convenio_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("convenio.id"), index=True)
    numero: Mapped[int] = mapped_column(Integer)
    vence: Mapped[date]
    capital: Mapped[Decimal]
    interes: Mapped[Decimal]
    cuota: Mapped[Decimal]
    pagado: Mapped[Decimal]
    pagada_en: Mapped[date | None]


TABLAS_JUICIO: tuple[type[Synced], ...] = (
    Coobligado, Acto, Termino, Notificacion, Adjunto, MedidaCautelar, Costa, Pago, TasaInteres, Liquidacion, Convenio,
    CuotaConvenio,
)
