"""Foliation use cases: add a document to an expediente as folios, verify the chain, read the índice.

Rules live in :mod:`app.domain.foliacion`; this module stores entries (append-only) and blobs.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import ValidationError
from app.common.progress import NO_PROGRESS, Progress
from app.domain.foliacion import GENESIS, cuerpo_de, hash_entrada, siguiente_rango
from app.domain.permisos import Permiso
from app.services.context import Contexto
from app.services.verificacion import ResultadoVerificacion, ResumenVerificacion, VerificacionService
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.folios import EntradaIndice, indice_de
from app.storage.models import Archivo, Documento, Expediente, Folio, Oficina


def _mime(nombre: str) -> str:
    low = nombre.lower()
    if low.endswith(".docx"):
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if low.endswith(".pdf"):
        return "application/pdf"
    if low.endswith((".jpg", ".jpeg")):
        return "image/jpeg"
    if low.endswith(".png"):
        return "image/png"
    return "application/octet-stream"


def guardar_archivo(session: Session, ctx: Contexto, data: bytes, nombre: str) -> str:
    """Put ``data`` in the blob store and record its metadata once. Returns the SHA-256."""
    digest = ctx.blobs.put(data)
    exists = session.scalar(select(Archivo.id).where(Archivo.sha256 == digest))
    if exists is None:
        session.add(Archivo(office_id=ctx.office_id, sha256=digest, tamano=len(data), tipo_mime=_mime(nombre)))
    return digest


def agregar_documento_en(
    session: Session,
    ctx: Contexto,
    expediente: Expediente,
    *,
    tipo: str,
    descripcion: str,
    fecha: date,
    data: bytes,
    nombre_archivo: str,
    hojas: int,
    hojas_fuente: str = "",
) -> tuple[Documento, Folio]:
    """Store a document and give it the next folio range of ``expediente`` (inside the caller's
    transaction). ``hojas`` is its sheet count (>= 1); ``hojas_fuente`` where that count comes from
    (:mod:`app.documents.paginas`: "libreoffice", "estimador-verificado", "estimador", or "escaneo").

    Raises:
        ValidationError: ``hojas`` < 1.
    """
    if hojas < 1:
        raise ValidationError("Un documento foliado tiene al menos una hoja.")
    digest = guardar_archivo(session, ctx, data, nombre_archivo)
    last = session.execute(
        select(Folio.posicion, Folio.hasta, Folio.hash)
        .where(Folio.expediente_id == expediente.id)
        .order_by(Folio.posicion.desc())
        .limit(1)
    ).first()
    posicion, ultimo, anterior = (last[0], last[1], last[2]) if last else (0, 0, GENESIS)
    rango = siguiente_rango(ultimo, hojas)
    por_cuerpo = session.scalar(select(Oficina.folios_por_cuerpo).where(Oficina.id == expediente.office_id))
    por_cuerpo = por_cuerpo or 200
    doc = Documento(
        office_id=expediente.office_id, expediente_id=expediente.id, tipo=tipo, descripcion=descripcion,
        fecha=fecha, hojas=hojas, archivo_sha256=digest, nombre_archivo=nombre_archivo, hojas_fuente=hojas_fuente,
    )
    session.add(doc)
    session.flush()
    folio = Folio(
        office_id=expediente.office_id,
        expediente_id=expediente.id,
        documento_id=doc.id,
        posicion=posicion + 1,
        desde=rango.desde,
        hasta=rango.hasta,
        cuerpo_desde=cuerpo_de(rango.desde, por_cuerpo),
        cuerpo_hasta=cuerpo_de(rango.hasta, por_cuerpo),
        provisional=ctx.central or expediente.numero_provisional,
        documento_sha256=digest,
        hash_anterior=anterior,
        hash=hash_entrada(anterior, str(expediente.id), digest, rango.desde, rango.hasta, str(doc.id)),
    )
    session.add(folio)
    session.flush()
    return doc, folio


class FoliacionService:
    """Use cases on an expediente's folios."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def agregar(
        self, numero: str, data: bytes, nombre_archivo: str, *, tipo: str, descripcion: str,
        hojas: int, fecha: date,
    ) -> EntradaIndice:
        """Add a received document (escrito, reply, scan) to juicio ``numero`` as the next folios.

        Raises:
            NotFoundError: unknown juicio number.
            PermissionDenied: the user may not tramitar this expediente (EXPEDIENTE_TRAMITAR; a
                secretario-abogado only on his own).
        """
        with self.ctx.tx("agregar documento") as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=exp.secretario_id)
            doc, _ = agregar_documento_en(
                s, self.ctx, exp, tipo=tipo, descripcion=descripcion, fecha=fecha, data=data,
                nombre_archivo=nombre_archivo, hojas=hojas,
            )
            return next(e for e in indice_de(s, exp.id) if e.documento_id == doc.id)

    def indice(self, numero: str) -> list[EntradaIndice]:
        with self.ctx.read() as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            return indice_de(s, exp.id)

    def verificar(self, numero: str) -> ResultadoVerificacion:
        """Check juicio ``numero``: its folio chain, every foliated file (missing or modified), and the head
        kept apart from the rows (last folios or all removed, an act edited or removed). See
        :mod:`app.services.verificacion`.

        Returns the result; a broken record is a result, not an exception.
        Raises:
            NotFoundError: unknown juicio number.
        """
        with self.ctx.read() as s:
            exp = expediente_por_numero(s, self.ctx.office_id, numero)
        return VerificacionService(self.ctx).verificar(exp)

    def verificar_todos(self, progress: Progress = NO_PROGRESS) -> ResumenVerificacion:
        """Check every expediente of the office (see :meth:`verificar`), with progress."""
        return VerificacionService(self.ctx).verificar_todos(progress)
