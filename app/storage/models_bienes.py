"""Tables of the seized goods (issue 10; domain.md §5): depositarios, goods, their state acts, the chain of
custody, the depositario's reports and custody costs, appraisals, the perito's designation and the remate.

Legal records are append-only (state acts, custody entries, reports, costs, appraisals, designations,
posturas, surpluses): a correction is a new row. ``Bien`` keeps the *current* state and custodian
(``estado``, ``depositario_id``) for search and so that the sync may restrict a depositario to the goods in
his custody; every change of them is also an append-only row that says who, when and why.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.models import Base, Synced


class Depositario(Synced, Base):
    """A depositario judicial of the office (register). ``usuario_id`` links him to his login, if any."""

    __tablename__ = "depositario"
    __sync_policy__ = "fusionar"
    __table_args__ = (UniqueConstraint("office_id", "cedula"),)

    nombres: Mapped[str] = mapped_column(String(200))
    cedula: Mapped[str] = mapped_column(String(13))
    telefono: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    direccion: Mapped[str] = mapped_column(String(300), default="")
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    usuario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("usuario.id"), unique=True)


class Bien(Synced, Base):
    """A seized good of an expediente. Kind-specific fields live in ``detalle``; the searchable ones
    (placa, chasis, clave catastral) are columns. ``estado`` and ``depositario_id`` are the current state
    and custodian, moved only by the services together with an append-only :class:`ActoBien` /
    :class:`Custodia` row."""

    __tablename__ = "bien"
    __table_args__ = (
        Index("ix_bien_oficina_estado", "office_id", "estado"),
        Index("ix_bien_placa", "office_id", "placa"),
        Index("ix_bien_chasis", "office_id", "chasis"),
        Index("ix_bien_clave", "office_id", "clave_catastral"),
    )

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    deudor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deudor.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(12))  # TipoBien
    descripcion: Mapped[str] = mapped_column(String(500))
    estado: Mapped[str] = mapped_column(String(14))  # EstadoBien (current)
    depositario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depositario.id"), index=True)
    acta_documento_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documento.id"))
    acta_tipo: Mapped[str] = mapped_column(String(10))  # EMBARGO | SECUESTRO
    fecha_acta: Mapped[date]
    ubicacion: Mapped[str] = mapped_column(String(300), default="")
    condicion: Mapped[str] = mapped_column(String(300), default="")
    valor_estimado: Mapped[Decimal | None]
    placa: Mapped[str | None] = mapped_column(String(10))
    chasis: Mapped[str | None] = mapped_column(String(25))
    clave_catastral: Mapped[str | None] = mapped_column(String(40))
    detalle: Mapped[dict[str, Any] | None]


class ActoBien(Synced, Base):
    """A state act of a good (never edited): from ``estado_anterior`` to ``estado_nuevo`` on ``fecha``."""

    __tablename__ = "acto_bien"
    __append_only__ = True
    __table_args__ = (Index("ix_acto_bien_bien", "bien_id", "fecha"),)

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"))
    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    estado_anterior: Mapped[str | None] = mapped_column(String(14))
    estado_nuevo: Mapped[str] = mapped_column(String(14))
    descripcion: Mapped[str] = mapped_column(Text, default="")
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    datos: Mapped[dict[str, Any] | None]


class Custodia(Synced, Base):
    """One hand-over of a good (chain of custody, append-only): from ``de_depositario_id`` (None: from the
    debtor, as seized) to ``depositario_id`` (None: out of custody, to the adjudicatario or back to the
    debtor, named in ``recibe``)."""

    __tablename__ = "custodia"
    __append_only__ = True
    __table_args__ = (Index("ix_custodia_bien", "bien_id", "fecha"),)

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"))
    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    motivo: Mapped[str] = mapped_column(String(20))  # DESIGNACION | CAMBIO | ENTREGA_REMATE | DEVOLUCION
    de_depositario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depositario.id"))
    depositario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depositario.id"), index=True)
    entrega: Mapped[str] = mapped_column(String(300))
    recibe: Mapped[str] = mapped_column(String(300))
    lugar: Mapped[str] = mapped_column(String(300), default="")
    condicion: Mapped[str] = mapped_column(String(300), default="")
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    observaciones: Mapped[str] = mapped_column(Text, default="")


class InformeDepositario(Synced, Base):
    """A depositario's periodic report on a good (append-only)."""

    __tablename__ = "informe_depositario"
    __append_only__ = True
    __table_args__ = (Index("ix_informe_bien", "bien_id", "fecha"),)

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"))
    depositario_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("depositario.id"), index=True)
    fecha: Mapped[date]
    condicion: Mapped[str] = mapped_column(String(300))
    ubicacion: Mapped[str] = mapped_column(String(300))
    observaciones: Mapped[str] = mapped_column(Text, default="")
    costo: Mapped[Decimal]


class CostoBien(Synced, Base):
    """A custody or maintenance cost of a good (append-only); it reaches the liquidación as the
    :class:`~app.storage.models_juicio.Costa` ``costa_id``."""

    __tablename__ = "costo_bien"
    __append_only__ = True

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"), index=True)
    costa_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("costa.id"))
    informe_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("informe_depositario.id"))
    depositario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("depositario.id"), index=True)
    fecha: Mapped[date]
    concepto: Mapped[str] = mapped_column(String(300))
    monto: Mapped[Decimal]


class DesignacionPerito(Synced, Base):
    """The providencia designating a perito to appraise goods of an expediente (append-only)."""

    __tablename__ = "designacion_perito"
    __append_only__ = True

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    perito_nombre: Mapped[str] = mapped_column(String(200))
    perito_cedula: Mapped[str] = mapped_column(String(13), default="")
    plazo_dias: Mapped[int] = mapped_column(Integer)
    bienes: Mapped[list[Any]]  # bien ids (str)
    documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class Avaluo(Synced, Base):
    """An appraisal of a good by a perito (append-only; the last one is in force)."""

    __tablename__ = "avaluo"
    __append_only__ = True
    __table_args__ = (Index("ix_avaluo_bien", "bien_id", "fecha"),)

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"))
    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    fecha: Mapped[date]
    perito_nombre: Mapped[str] = mapped_column(String(200))
    perito_cedula: Mapped[str] = mapped_column(String(13), default="")
    valor: Mapped[Decimal]
    designacion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("designacion_perito.id"))
    informe_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    observaciones: Mapped[str] = mapped_column(Text, default="")


class Remate(Synced, Base):
    """A remate of goods of an expediente: the aviso (base, date), then adjudicated or declared desierto."""

    __tablename__ = "remate"

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    bienes: Mapped[list[Any]]  # bien ids (str)
    fecha_aviso: Mapped[date]
    fecha_remate: Mapped[date]
    hora: Mapped[str] = mapped_column(String(10), default="10h00")
    lugar: Mapped[str] = mapped_column(String(300), default="")
    avaluo: Mapped[Decimal]
    fraccion_base: Mapped[Decimal]
    base: Mapped[Decimal]
    aviso_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    estado: Mapped[str] = mapped_column(String(12), default="CONVOCADO")  # CONVOCADO | ADJUDICADO | DESIERTO
    postura_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())  # the adjudicated Postura (no FK: a cycle)
    precio: Mapped[Decimal | None]
    a_deuda: Mapped[Decimal | None]
    sobrante: Mapped[Decimal | None]
    pago_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("pago.id"))
    calificacion_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))
    acta_documento_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("documento.id"))


class Postura(Synced, Base):
    """A bid in a remate (append-only). Bids below the base are refused before they are recorded."""

    __tablename__ = "postura"
    __append_only__ = True

    remate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("remate.id"), index=True)
    postor: Mapped[str] = mapped_column(String(300))
    identificacion: Mapped[str] = mapped_column(String(13))
    fecha: Mapped[date]
    valor: Mapped[Decimal]
    deposito: Mapped[Decimal]


class SobranteRemate(Synced, Base):
    """What a remate produced over the debt, owed back to the debtor (append-only)."""

    __tablename__ = "sobrante_remate"
    __append_only__ = True

    remate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("remate.id"), unique=True)
    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), index=True)
    deudor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deudor.id"), index=True)
    fecha: Mapped[date]
    monto: Mapped[Decimal]


class FotoBien(Synced, Base):
    """A photo or scan of a good (append-only): of the good itself (``tabla`` "bien"), of a hand-over
    ("custodia") or of a report ("informe_depositario"), row ``fila_id``. It carries ``bien_id`` so that a
    depositario's copy holds the photos of the goods in his custody."""

    __tablename__ = "foto_bien"
    __append_only__ = True
    __table_args__ = (Index("ix_foto_bien_origen", "tabla", "fila_id"),)

    bien_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bien.id"), index=True)
    tabla: Mapped[str] = mapped_column(String(30))
    fila_id: Mapped[uuid.UUID] = mapped_column(Uuid())
    documento_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documento.id"))


TABLAS_BIENES: tuple[type[Synced], ...] = (
    Depositario, Bien, ActoBien, Custodia, InformeDepositario, CostoBien, DesignacionPerito, Avaluo, Remate,
    Postura, SobranteRemate, FotoBien,
)
#: Append-only tables whose UPDATE and DELETE the database itself refuses (migration 0007).
INMUTABLES_BIENES = tuple(t.__tablename__ for t in TABLAS_BIENES if t.__append_only__)
