"""What the document service writes to disk and the documents that are not folios of an expediente: a stored
document exported to .docx or PDF, the carátula and the índice (exports, neither foliated nor stored) and the
acta de sorteo (an office document stored by the sorteo).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, ValidationError
from app.common.money import format_usd
from app.common.text import plural
from app.documents.campos import catalogo, comunes, expediente
from app.documents.campos import modelo as cm
from app.documents.pdf import convertir_pdf
from app.documents.render import render
from app.domain.tipos import TipoDocumento
from app.services.documentos_lectura import juicio_de, oficina_de
from app.services.documentos_plantillas import PlantillasDocumentos, escribir, nombre_seguro
from app.services.firmantes import exigir_firmantes
from app.services.foliacion import guardar_archivo
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.folios import indice_de
from app.storage.models import (
    Deudor,
    Documento,
    Expediente,
    Oficina,
    Secretario,
    Sorteo,
    TituloCredito,
)


@dataclass(frozen=True, slots=True)
class DocumentoGenerado:
    """A generated document written to ``ruta`` (.docx). Foliated documents are stored and occupy folios
    ``desde``..``hasta``; exports (carátula, índice) have ``documento_id`` None and ``desde`` = ``hasta`` = 0.
    ``vencimiento``: last day of the término the document grants if notified on its date (RPV, OPI), else
    None. ``acto_id``: the act recorded with it, if any."""

    documento_id: uuid.UUID | None
    juicio: str
    tipo: str
    nombre_archivo: str
    desde: int
    hasta: int
    vencimiento: date | None
    ruta: Path
    acto_id: uuid.UUID | None = None

    @property
    def foliado(self) -> bool:
        return self.desde > 0



def _calidad(x: Secretario) -> str:
    f = (x.genero or "").upper() == "F"
    return ("Externa" if f else "Externo") if x.externo else ("Interna" if f else "Interno")



class ExportacionDocumentos(PlantillasDocumentos):
    """Exports of :class:`app.services.documentos.DocumentosService` (its base)."""

    def _ruta_export(self, juicio: str, nombre: str) -> Path:
        return self.ctx.paths.exports / nombre_seguro(juicio) / nombre

    def _exportar_no_foliado(
        self, tipo: TipoDocumento, numero: str, fecha: date, datos: dict[str, Any], destino: Path | None,
    ) -> DocumentoGenerado:
        if tipo is TipoDocumento.ACTA_SORTEO:
            with self.ctx.read() as s:
                e = expediente_por_numero(s, self.ctx.office_id, numero)
                acta = s.scalar(select(Sorteo.acta_documento_id).where(Sorteo.id == e.sorteo_id)) \
                    if e.sorteo_id else None
                juicio = e.numero
            if acta is None:
                raise NotFoundError(f"El juicio {juicio} no tiene acta de sorteo registrada.")
            ruta = self.exportar(acta, destino)
            return DocumentoGenerado(acta, juicio, TipoDocumento.ACTA_SORTEO.name, ruta.name, 0, 0, None, ruta)
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            j = juicio_de(s, e)
            if tipo is TipoDocumento.CARATULA:
                cuerpo = j.cuerpos
                if datos.get("cuerpo") not in (None, ""):
                    try:
                        cuerpo = int(datos["cuerpo"])
                    except (TypeError, ValueError) as exc:
                        raise ValidationError("«cuerpo» es el número del cuerpo (1, 2, …).") from exc
                    if not 1 <= cuerpo <= j.cuerpos:
                        raise ValidationError(
                            f"El expediente tiene {plural(j.cuerpos, 'cuerpo')}: no existe el cuerpo {cuerpo}.")
                campos = expediente.caratula(j, fecha, cuerpo)
                nombre = f"Caratula_{nombre_seguro(e.numero)}_cuerpo{cuerpo}.docx"
            else:
                entradas = indice_de(s, e.id)
                campos = expediente.indice(j, fecha, cm.Indice(tuple(
                    cm.EntradaIndice(en.posicion, en.fecha, en.descripcion, en.tipo, en.desde, en.hasta, en.hojas,
                                     en.cuerpo_desde, en.cuerpo_hasta, en.provisional)
                    for en in entradas)))
                nombre = f"Indice_{nombre_seguro(e.numero)}.docx"
            juicio = e.numero
        data = render(self.plantilla(tipo), campos)
        if destino is None:
            destino = self._ruta_export(juicio, nombre)
        elif destino.is_dir():
            destino = destino / nombre
        ruta = escribir(destino, data)
        return DocumentoGenerado(None, juicio, tipo.name, ruta.name, 0, 0, None, ruta)


    # -- acta de sorteo ---------------------------------------------------------------------------------------
    def acta_sorteo_en(self, session: Session, sorteo: Sorteo) -> Documento:
        """Render the acta de sorteo of an already-flushed ``sorteo`` (its expedientes found by
        ``sorteo_id``), store it and add its ``Documento`` (office document, not foliated:
        ``expediente_id`` None, tipo ``ACTA_SORTEO``). Inside the caller's transaction; matches
        :data:`app.services.sorteo.ActaFactory` (IESS Resolución C.D. 497: the sorteo is recorded in an acta).

        Lists the seed, the participants (with the títulos and amount each received) and one row per
        assignment (título → juicio → secretario), in juicio-number order.

        Raises:
            ValidationError: the template uses an unknown field.
            ConfigurationError: template missing.
        """
        o = session.get_one(Oficina, sorteo.office_id)
        exigir_firmantes(session, sorteo.office_id, [TipoDocumento.ACTA_SORTEO])
        rows = session.execute(
            select(Expediente.numero, TituloCredito.numero, Deudor.nombre, Deudor.identificacion,
                   TituloCredito.total, Expediente.secretario_id)
            .join(TituloCredito, TituloCredito.id == Expediente.titulo_id)
            .join(Deudor, Deudor.id == Expediente.deudor_id)
            .where(Expediente.sorteo_id == sorteo.id)
            .order_by(Expediente.numero)
        ).all()
        ids = [uuid.UUID(str(p)) for p in sorteo.participantes]
        secretarios = {x.id: x for x in session.scalars(select(Secretario).where(Secretario.id.in_(ids)))}
        cuenta: dict[uuid.UUID, int] = dict.fromkeys(ids, 0)
        suma: dict[uuid.UUID, Decimal] = dict.fromkeys(ids, Decimal("0"))
        asignaciones = []
        for n, (juicio, titulo, deudor, ident, total, sec_id) in enumerate(rows, start=1):
            cuenta[sec_id] = cuenta.get(sec_id, 0) + 1
            suma[sec_id] = suma.get(sec_id, Decimal("0")) + total
            sec = secretarios.get(sec_id)
            asignaciones.append({
                "n": n, "titulo": titulo, "juicio": juicio, "deudor": deudor, "identificacion": ident,
                "total": format_usd(total), "secretario": sec.nombres if sec else str(sec_id),
            })
        participantes = [
            {"n": i, "nombre": secretarios[sid].nombres if sid in secretarios else str(sid),
             "cedula": secretarios[sid].cedula if sid in secretarios else "",
             "calidad": _calidad(secretarios[sid]) if sid in secretarios else "",
             "asignados": cuenta.get(sid, 0), "cuantia": format_usd(suma.get(sid, Decimal("0")))}
            for i, sid in enumerate(ids, start=1)
        ]
        total_cuantia = sum((r[4] for r in rows), Decimal("0"))
        campos = {
            **comunes.oficina(oficina_de(o), sorteo.fecha),
            "sorteo_id": str(sorteo.id), "semilla": sorteo.semilla, "total_titulos": len(rows),
            "total_participantes": len(ids), "cuantia_total": format_usd(total_cuantia),
            **expediente.firmas_sorteo(oficina_de(o), len(rows), len(ids)),
            "participantes": participantes, "asignaciones": asignaciones,
        }
        plantilla = self.plantilla(catalogo.ACTA_SORTEO)
        data = render(plantilla, campos)
        conteo = self._contador.contar(plantilla, data)
        nombre = f"Acta_sorteo_{sorteo.fecha.isoformat()}_{str(sorteo.id)[-8:]}.docx"
        digest = guardar_archivo(session, self.ctx, data, nombre)
        doc = Documento(
            office_id=sorteo.office_id, expediente_id=None, tipo=TipoDocumento.ACTA_SORTEO.name,
            descripcion=f"Acta de sorteo del {format_dmy(sorteo.fecha)} ({len(rows)} títulos)",
            fecha=sorteo.fecha, hojas=conteo.hojas, hojas_fuente=conteo.fuente, archivo_sha256=digest,
            nombre_archivo=nombre,
        )
        session.add(doc)
        session.flush()
        return doc

    # -- export -----------------------------------------------------------------------------------------------
    def contenido(self, documento_id: uuid.UUID) -> bytes:
        """The stored bytes of a document of this office (a photo to show large, a scan). Read only.

        Raises:
            NotFoundError: unknown document, or its file is missing from the store (not yet synced).
        """
        with self.ctx.read() as s:
            doc = s.get(Documento, documento_id)
            if doc is None or doc.office_id != self.ctx.office_id:
                raise NotFoundError("El documento no existe en esta oficina.")
            digest = doc.archivo_sha256
        return self.ctx.blobs.get(digest)

    def exportar(self, documento_id: uuid.UUID, destino: Path | None = None) -> Path:
        """Write the stored bytes of a document to ``destino`` (a file path, or an existing folder) or,
        by default, to ``<datos>/documentos/<juicio or "oficina">/<nombre_archivo>``; return the path
        (for the UI to open it with the system's application).

        Raises:
            NotFoundError: unknown document, or its file is missing from the store.
        """
        with self.ctx.read() as s:
            doc = s.get(Documento, documento_id)
            if doc is None or doc.office_id != self.ctx.office_id:
                raise NotFoundError("El documento no existe en esta oficina.")
            carpeta = "oficina"
            if doc.expediente_id is not None:
                carpeta = s.scalar(select(Expediente.numero).where(Expediente.id == doc.expediente_id)) or carpeta
            nombre, digest = doc.nombre_archivo, doc.archivo_sha256
        data = self.ctx.blobs.get(digest)
        if destino is None:
            destino = self.ctx.paths.exports / nombre_seguro(carpeta) / nombre_seguro(nombre)
        elif destino.is_dir():
            destino = destino / nombre_seguro(nombre)
        return escribir(destino, data)

    def exportar_indice(self, numero: str, destino: Path) -> Path:
        """Write the índice of juicio ``numero`` (each document with its date, folio range, sheets and
        cuerpo; domain.md §3) as .docx to ``destino`` (a file, or an existing folder: then
        ``Indice_<juicio>.docx`` in it). The índice is not itself foliated. Returns the path written.

        Raises:
            NotFoundError: unknown juicio number.
            ConfigurationError: template missing.
            ValidationError: the template uses an unknown field.
        """
        return self._exportar_no_foliado(TipoDocumento.INDICE, numero, local_today(), {}, destino).ruta

    def exportar_pdf(self, documento_id: uuid.UUID) -> Path:
        """Export a stored .docx document and convert it to PDF next to it (LibreOffice). Returns the PDF.

        Raises:
            NotFoundError: unknown document.
            ValidationError: the stored document is not a .docx.
            ConfigurationError: LibreOffice is not installed (the message says how to install it) or failed.
        """
        docx = self.exportar(documento_id)
        return self.convertir_pdf(docx)

    @staticmethod
    def convertir_pdf(docx: Path) -> Path:
        """Convert a .docx written by this service (e.g. :attr:`DocumentoGenerado.ruta`) to PDF next to it.

        Raises:
            ValidationError: not a .docx.
            ConfigurationError: LibreOffice is not installed (the message says how to install it) or failed.
        """
        if docx.suffix.lower() != ".docx":
            raise ValidationError(f"«{docx.name}» no es un documento de Word; solo se convierten .docx a PDF.")
        return convertir_pdf(docx, docx.parent)

