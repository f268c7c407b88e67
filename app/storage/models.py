"""ORM tables (SQLAlchemy 2 typed mappings).

Every synced table carries the columns of design.md §2: ``id`` (UUIDv7 made where the row is
born), ``office_id``, ``row_version``, ``created_at/by``, ``updated_at/by``. ``row_version`` and the
``updated_*`` columns are maintained by :mod:`app.storage.tracking`, never by hand.
Legal records (``Folio``, ``Auditoria``) are append-only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.sql import text

from app.common.dates import utcnow
from app.common.ids import new_id
from app.storage.types import Money, UTCDateTime


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy's documented class attribute
        uuid.UUID: Uuid(),
        datetime: UTCDateTime(),
        Decimal: Money(),
        date: Date(),
        dict[str, Any]: JSON(none_as_null=True),
        list[Any]: JSON(none_as_null=True),
    }


def _office_sin_indice() -> Mapped[uuid.UUID]:
    # For tables whose queries all start from a composite index led by office_id (or by a column of their
    # own): a separate office_id index would only cost space (migration 0010).
    return mapped_column(ForeignKey("oficina.id"))


class Synced:
    """Columns every synced row carries (design.md §2).

    Class attributes the sync reads (design.md §3):

    - ``__append_only__``: legal records (folios, acts, payments, custody entries, audit) are inserted, never
      updated or deleted; they cannot conflict.
    - ``__sync_policy__``: what a push does when the server row moved on since the client read it:
      ``"rechazar"`` (default, legal data: a conflict record a person resolves), ``"fusionar"`` (field merge
      when the changed fields don't overlap, otherwise a conflict record), ``"servidor"`` (reference data:
      the server wins).
    """

    __append_only__: bool = False
    __sync_policy__: str = "rechazar"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="sistema")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(120), default="sistema")

    @declared_attr
    def office_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(ForeignKey("oficina.id"), index=True)


class Oficina(Synced, Base):
    """A Unidad Provincial de Gestión de Coactiva (one juzgado)."""

    __tablename__ = "oficina"
    __sync_policy__ = "fusionar"

    @declared_attr
    def office_id(cls) -> Mapped[uuid.UUID]:
        return mapped_column(Uuid(), index=True)

    codigo: Mapped[str] = mapped_column(String(10), unique=True)
    nombre: Mapped[str] = mapped_column(String(200))
    ciudad: Mapped[str] = mapped_column(String(100))
    provincia: Mapped[str] = mapped_column(String(100))
    patron_numero: Mapped[str] = mapped_column(String(60), default="{office}-{year}-{seq:05d}")
    folios_por_cuerpo: Mapped[int] = mapped_column(Integer, default=200)
    ejecutor_nombre: Mapped[str] = mapped_column(String(200), default="")
    ejecutor_cargo: Mapped[str] = mapped_column(String(200), default="Funcionario Ejecutor")
    # Signatories' gender ("F"/"M", "" unknown) so documents agree ("el Director"/"la Directora"), and the
    # jefe de unidad who signs the office's actas (issue 8).
    ejecutor_genero: Mapped[str] = mapped_column(String(1), default="", server_default="")
    jefe_nombre: Mapped[str] = mapped_column(String(200), default="", server_default="")
    jefe_cargo: Mapped[str] = mapped_column(String(200), default="", server_default="")
    jefe_genero: Mapped[str] = mapped_column(String(1), default="", server_default="")


class Secretario(Synced, Base):
    """A secretario-abogado of the office (internal or external lawyer)."""

    __tablename__ = "secretario"
    __sync_policy__ = "fusionar"
    # nombres: the expedientes list sorted by secretario walks this index (migration 0010).
    __table_args__ = (
        UniqueConstraint("office_id", "cedula"),
        Index("ix_secretario_nombres", "nombres", "id", unique=True),
    )

    nombres: Mapped[str] = mapped_column(String(200))
    cedula: Mapped[str] = mapped_column(String(13))
    externo: Mapped[bool] = mapped_column(Boolean, default=True)
    activo: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    genero: Mapped[str] = mapped_column(String(1), default="", server_default="")  # "F"/"M": agreement


class Deudor(Synced, Base):
    """A coactivado: persona natural (cédula) or jurídica (RUC)."""

    __tablename__ = "deudor"
    __sync_policy__ = "fusionar"
    __table_args__ = (UniqueConstraint("office_id", "identificacion"),)

    @declared_attr
    def office_id(cls) -> Mapped[uuid.UUID]:
        return _office_sin_indice()

    # Searched by prefix through the (office_id, identificacion) unique index; by name through the FTS5
    # table ``deudor_fts`` on SQLite (migration 0010), kept in step by triggers.
    identificacion: Mapped[str] = mapped_column(String(13))
    tipo_identificacion: Mapped[str] = mapped_column(String(6))
    nombre: Mapped[str] = mapped_column(String(300))
    nombre_busqueda: Mapped[str] = mapped_column(String(300), index=True)
    # NATURAL (cédula, or RUC of a persona natural) | JURIDICA (sociedad: has a representante legal)
    tipo_persona: Mapped[str] = mapped_column(String(10), default="NATURAL", server_default="NATURAL")
    representante_legal: Mapped[str] = mapped_column(String(300), default="", server_default="")
    representante_cedula: Mapped[str] = mapped_column(String(13), default="", server_default="")
    direccion: Mapped[str] = mapped_column(String(300), default="", server_default="")


class Importacion(Synced, Base):
    """One imported file of títulos (all or nothing)."""

    __tablename__ = "importacion"

    archivo: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    filas: Mapped[int] = mapped_column(Integer)


class TituloCredito(Synced, Base):
    """A título de crédito (COA art. 268) as received from the Unidad de Cartera."""

    __tablename__ = "titulo_credito"
    __table_args__ = (
        UniqueConstraint("office_id", "numero"),
        # Only the pending títulos (their queries name the state as a literal, app.services.sorteo.pendiente,
        # so that SQLite can use it): migration 0011, which makes it partial on PostgreSQL too. Only
        # migrations create schemas; a ``postgresql_where`` here would load SQLAlchemy's PostgreSQL dialect
        # at every start of a desktop (16 ms) for nothing.
        Index("ix_titulo_pendiente", "office_id", "numero", sqlite_where=text("estado = 'PENDIENTE'")),
    )

    @declared_attr
    def office_id(cls) -> Mapped[uuid.UUID]:
        return _office_sin_indice()

    numero: Mapped[str] = mapped_column(String(40))
    fecha_emision: Mapped[date]
    deudor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deudor.id"))
    concepto: Mapped[str] = mapped_column(String(300))
    periodo: Mapped[str] = mapped_column(String(40))
    capital: Mapped[Decimal]
    interes: Mapped[Decimal]
    recargo: Mapped[Decimal]
    total: Mapped[Decimal]
    fecha_interes_desde: Mapped[date]
    provincia: Mapped[str] = mapped_column(String(100))
    estado: Mapped[str] = mapped_column(String(20), default="PENDIENTE")
    importacion_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("importacion.id"))

    deudor: Mapped[Deudor] = relationship(lazy="joined")


class Sorteo(Synced, Base):
    """A draw: seed and ordered participants are stored so that it can be re-run and checked."""

    __tablename__ = "sorteo"

    fecha: Mapped[date]
    semilla: Mapped[str] = mapped_column(String(64))
    participantes: Mapped[list[Any]]  # secretario ids (str), canonical order
    titulos: Mapped[list[Any]]  # título ids (str), canonical order
    acta_documento_id: Mapped[uuid.UUID | None] = mapped_column(Uuid())


class Expediente(Synced, Base):
    """The expediente of one juicio coactivo; ``numero`` is the juicio number."""

    __tablename__ = "expediente"
    __sync_policy__ = "fusionar"
    # Each sortable column of the list has an index ending in ``numero`` (the tie-break), so a first page
    # or the next page after a keyset position is read in index order, never sorted (migration 0010).
    __table_args__ = (
        UniqueConstraint("office_id", "numero"),
        Index("ix_expediente_orden_deudor", "deudor_id", "numero"),
        Index("ix_expediente_orden_secretario", "secretario_id", "numero"),
        Index("ix_expediente_orden_etapa", "etapa", "numero"),
        Index("ix_expediente_orden_cuantia", "cuantia", "numero"),
        Index("ix_expediente_orden_fecha_inicio", "fecha_inicio", "numero"),
    )

    @declared_attr
    def office_id(cls) -> Mapped[uuid.UUID]:
        return _office_sin_indice()

    numero: Mapped[str] = mapped_column(String(40))
    anio: Mapped[int] = mapped_column(Integer)
    secuencia: Mapped[int] = mapped_column(Integer)
    numero_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    titulo_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("titulo_credito.id"), unique=True)
    deudor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deudor.id"))
    secretario_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("secretario.id"))
    sorteo_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("sorteo.id"), index=True)
    etapa: Mapped[str] = mapped_column(String(30), default="SORTEADO")
    cuantia: Mapped[Decimal] = mapped_column()
    fecha_inicio: Mapped[date] = mapped_column()
    # C.D. 321: 180 days from handover, extendable once by up to 90 on a recorded request.
    prorroga_dias: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    casilla_judicial: Mapped[str] = mapped_column(String(120), default="", server_default="")
    abogado_deudor: Mapped[str] = mapped_column(String(300), default="", server_default="")
    fecha_citacion: Mapped[date | None]
    forma_citacion: Mapped[str] = mapped_column(String(20), default="", server_default="")

    titulo: Mapped[TituloCredito] = relationship()
    deudor: Mapped[Deudor] = relationship()
    secretario: Mapped[Secretario] = relationship()


class Archivo(Synced, Base):
    """Metadata of a stored file; the bytes live in the blob store under their SHA-256."""

    __tablename__ = "archivo"

    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    tamano: Mapped[int] = mapped_column(Integer)
    tipo_mime: Mapped[str] = mapped_column(String(120))


class Documento(Synced, Base):
    """A document of an expediente (or of the office, such as an acta de sorteo)."""

    __tablename__ = "documento"

    expediente_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("expediente.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(40))
    descripcion: Mapped[str] = mapped_column(String(300))
    fecha: Mapped[date]
    hojas: Mapped[int] = mapped_column(Integer)
    #: Where ``hojas`` comes from: "libreoffice" (real PDF), "estimador-verificado" (template checked against
    #: LibreOffice), "estimador" (no LibreOffice, template not verified), "escaneo".
    hojas_fuente: Mapped[str] = mapped_column(String(30), default="", server_default="")
    archivo_sha256: Mapped[str] = mapped_column(String(64))
    nombre_archivo: Mapped[str] = mapped_column(String(300))


class Folio(Synced, Base):
    """One foliation entry: a document's folio range in its expediente. Append-only; hash-chained."""

    __tablename__ = "folio"
    __append_only__ = True
    __table_args__ = (
        UniqueConstraint("expediente_id", "posicion"),
        UniqueConstraint("expediente_id", "desde"),
    )

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"))
    documento_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documento.id"))
    posicion: Mapped[int] = mapped_column(Integer)
    desde: Mapped[int] = mapped_column(Integer)
    hasta: Mapped[int] = mapped_column(Integer)
    cuerpo_desde: Mapped[int] = mapped_column(Integer)
    cuerpo_hasta: Mapped[int] = mapped_column(Integer)
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    documento_sha256: Mapped[str] = mapped_column(String(64))
    hash_anterior: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    documento: Mapped[Documento] = relationship()


class FeriadoLocal(Synced, Base):
    """An office's local holiday (e.g. cantonización), added to the national ones."""

    __tablename__ = "feriado_local"
    __sync_policy__ = "servidor"
    __table_args__ = (UniqueConstraint("office_id", "fecha"),)

    fecha: Mapped[date]
    descripcion: Mapped[str] = mapped_column(String(200))
    #: True: the office removes this day from the national list (it is a working day there).
    quitar: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class Auditoria(Base):
    """Who did what, when, with before/after values. Written by tracking; append-only (triggers refuse an
    UPDATE or DELETE).

    A local journal, not a synced table: it never travels (``app.sync.filas.NO_VIAJAN``; the central database
    keeps its own by trigger), so it carries none of the sync's bookkeeping. ``id`` is an integer in insertion
    order; ``usuario`` is who wrote and ``created_at`` when (migration 0012).
    """

    __tablename__ = "auditoria"
    __append_only__ = True
    __table_args__ = (Index("ix_auditoria_tabla_fila", "tabla", "fila_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The viewer reads by date, user, action or row, never by office first: no index of its own.
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oficina.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    mutation_id: Mapped[uuid.UUID] = mapped_column(Uuid())
    # No index on usuario: few values, one of them nearly every record; the viewer walks the created_at index
    # from the newest record instead (migration 0012). accion's serves the list of actions, not the filter.
    usuario: Mapped[str] = mapped_column(String(120))
    accion: Mapped[str] = mapped_column(String(80), index=True)
    tabla: Mapped[str] = mapped_column(String(60))
    fila_id: Mapped[str] = mapped_column(String(36))
    operacion: Mapped[str] = mapped_column(String(6))
    antes: Mapped[dict[str, Any] | None]
    despues: Mapped[dict[str, Any] | None]


class Outbox(Base):
    """Local changes waiting to be pushed to the central database, in commit order (design.md §3)."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mutation_id: Mapped[uuid.UUID] = mapped_column(Uuid(), index=True)
    tabla: Mapped[str] = mapped_column(String(60))
    fila_id: Mapped[str] = mapped_column(String(36))
    operacion: Mapped[str] = mapped_column(String(6))
    base_version: Mapped[int | None] = mapped_column(Integer)
    datos: Mapped[dict[str, Any]]
    # The fields an UPDATE changed: the sync merges two edits of one row when their fields don't overlap.
    campos: Mapped[list[Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    enviado_at: Mapped[datetime | None]


class Contador(Base):
    """Gap-free counters (juicio numbers) when this database allocates numbers itself."""

    __tablename__ = "contador"

    office_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    clave: Mapped[str] = mapped_column(String(80), primary_key=True)
    valor: Mapped[int] = mapped_column(Integer, default=0)


class Preferencia(Base):
    """Per-office preferences kept in the database (design.md §4)."""

    __tablename__ = "preferencia"

    office_id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True)
    clave: Mapped[str] = mapped_column(String(80), primary_key=True)
    valor: Mapped[str] = mapped_column(Text)


SYNCED_TABLES: tuple[type[Synced], ...] = (
    Oficina, Secretario, Deudor, Importacion, TituloCredito, Sorteo, Expediente, Archivo, Documento, Folio,
    FeriadoLocal,

)


# --- Users, roles and the audit viewer (issue 4) ------------------------------------------------------------


class Usuario(Synced, Base):
    """A person who logs in, with one role (``app.domain.permisos.Rol``) in one office.

    ``password_hash`` is an argon2 hash; NULL means the account cannot log in until the administrador sets
    a password. A secretario-abogado user points at his ``Secretario`` row (the expedientes point at that
    row). The hash goes to the outbox (offline login at other desktops) but never into the audit.
    """

    __tablename__ = "usuario"
    __sync_policy__ = "fusionar"
    __table_args__ = (UniqueConstraint("office_id", "login"),)
    __audit_redact__ = frozenset({"password_hash"})

    login: Mapped[str] = mapped_column(String(60))
    nombres: Mapped[str] = mapped_column(String(200))
    cedula: Mapped[str] = mapped_column(String(13), default="", server_default="")
    rol: Mapped[str] = mapped_column(String(30))
    activo: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    intentos_fallidos: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    bloqueado_hasta: Mapped[datetime | None]
    debe_cambiar_clave: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    secretario_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("secretario.id"), unique=True)
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    genero: Mapped[str] = mapped_column(String(1), default="", server_default="")  # "F"/"M": agreement


# The audit viewer filters by date and shows the newest first: without this index every page of the viewer
# would sort the whole audit table.
Index("ix_auditoria_created_at", Auditoria.created_at)

SYNCED_TABLES = (*SYNCED_TABLES, Usuario)

# --- The whole juicio (issue 3): acts, terms, notifications, medidas, payments, liquidación, APP -----------
from app.storage.models_juicio import TABLAS_JUICIO  # noqa: E402

SYNCED_TABLES = (*SYNCED_TABLES, *TABLAS_JUICIO)

# --- Honorarios of the secretarios-abogados (issue 12) -------------------------------------------------------
from app.storage.models_honorarios import TABLAS_HONORARIOS  # noqa: E402

SYNCED_TABLES = (*SYNCED_TABLES, *TABLAS_HONORARIOS)

# --- The national recovery table of the jefe's dashboard (issue 13) ------------------------------------------

from app.storage.models_recaudacion import RecaudacionFila, RecaudacionImportacion  # noqa: E402

SYNCED_TABLES = (*SYNCED_TABLES, RecaudacionImportacion, RecaudacionFila)


# --- Seized goods and depositarios (issue 10): their own module, seen by the metadata from here -------------

from app.storage.models_bienes import TABLAS_BIENES  # noqa: E402

SYNCED_TABLES = (*SYNCED_TABLES, *TABLAS_BIENES)
# Local sync bookkeeping (not synced itself); imported here so that the metadata holds every table.
# Reliability (issue 9): failed logins of unknown names (synced); the chain heads (local, not synced).
from app.storage.models_fiabilidad import AnclaExpediente, IntentoAcceso  # noqa: E402, F401
from app.storage.models_sync import SyncConflicto, SyncEstado  # noqa: E402, F401

SYNCED_TABLES = (*SYNCED_TABLES, IntentoAcceso)
