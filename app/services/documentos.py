"""Legal documents generated from editable .docx templates: orden de pago inmediato, acta de sorteo,
índice del expediente; export of stored documents (.docx, PDF).

A generated providencia enters its expediente as folios in the same transaction that stores it
(:func:`app.services.foliacion.agregar_documento_en`); its sheet count comes from
:func:`app.documents.render.contar_hojas`. Templates are looked up first in the office's override folder
(``<datos>/plantillas``) and then in the ones shipped with the program (``resources/templates``).
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import fojas, format_dmy, local_today, long_date, number_in_words, place_and_date
from app.common.errors import ConfigurationError, NotFoundError, RuleError, ValidationError
from app.common.money import amount_in_words, format_usd
from app.common.paths import templates_dir
from app.common.progress import NO_PROGRESS, Progress
from app.documents import plantillas_base as base
from app.documents.pdf import convertir_pdf
from app.documents.render import contar_hojas, render
from app.domain.etapas import Etapa
from app.domain.terminos import TERMINO_OPI_DIAS
from app.services.context import Contexto
from app.services.foliacion import agregar_documento_en, expediente_por_numero, guardar_archivo, indice_de
from app.services.oficina import calendario_de
from app.storage.models import Deudor, Documento, Expediente, Oficina, Secretario, Sorteo, TituloCredito

ACREEDOR = "Instituto Ecuatoriano de Seguridad Social (IESS)"
TIPO_OPI = "OPI"
TIPO_ACTA_SORTEO = "ACTA_SORTEO"
# Stages from which generating the OPI moves the expediente to OPI (domain.md §2).
_PASAN_A_OPI = {Etapa.SORTEADO, Etapa.RPV}
# Stages in which no OPI may be issued: the juicio is closed or suspended.
_SIN_OPI = {Etapa.ARCHIVADO, Etapa.BAJA, Etapa.SUSPENDIDO, Etapa.INSOLVENCIA}


@dataclass(frozen=True, slots=True)
class DocumentoGenerado:
    """A generated document: stored, foliated (``desde``..``hasta``) and written to ``ruta`` (.docx)."""

    documento_id: uuid.UUID
    juicio: str
    tipo: str
    nombre_archivo: str
    desde: int
    hasta: int
    vencimiento: date | None
    ruta: Path


def medidas_por_defecto(ciudad: str) -> list[str]:
    """The medidas cautelares an OPI orders unless told otherwise (COA arts. 280-281; domain.md §2.6)."""
    return [
        "La retención de los fondos que el coactivado mantenga en cuentas corrientes, de ahorros, inversiones "
        "y cualquier otro depósito o valor en las instituciones del sistema financiero nacional, hasta por el "
        "monto adeudado, para lo cual se oficiará a la Superintendencia de Bancos y a la Superintendencia de "
        "Economía Popular y Solidaria (SEPS).",
        "La prohibición de enajenar los vehículos de propiedad del coactivado, para lo cual se oficiará a la "
        "Agencia Nacional de Tránsito (ANT) y a la agencia de tránsito local competente.",
        "La prohibición de enajenar los bienes inmuebles de propiedad del coactivado, para lo cual se oficiará "
        f"al Registro de la Propiedad del cantón {ciudad} y a los demás registros de la propiedad del país.",
    ]


def _tipo_identificacion(tipo: str) -> str:
    return "RUC" if tipo.upper() == "RUC" else "cédula de ciudadanía"


def cargo_secretario(externo: bool) -> str:
    return "Secretario Abogado Externo" if externo else "Secretario Abogado"


def _oficina_ctx(o: Oficina, fecha: date) -> dict[str, Any]:
    return {
        "oficina_nombre": o.nombre, "ciudad": o.ciudad, "provincia": o.provincia,
        "lugar_fecha": place_and_date(o.ciudad, fecha), "fecha": long_date(fecha), "fecha_corta": format_dmy(fecha),
    }


def contexto_opi(
    o: Oficina, e: Expediente, t: TituloCredito, d: Deudor, x: Secretario, fecha: date, vencimiento: date,
    medidas: Sequence[str],
) -> dict[str, Any]:
    """Fields of the OPI template (see :data:`app.documents.plantillas_base.CAMPOS`)."""
    return {
        **_oficina_ctx(o, fecha),
        "juicio_numero": e.numero, "acreedor": ACREEDOR,
        "deudor_nombre": d.nombre, "deudor_identificacion": d.identificacion,
        "deudor_tipo_identificacion": _tipo_identificacion(d.tipo_identificacion),
        "titulo_numero": t.numero, "titulo_fecha": long_date(t.fecha_emision), "concepto": t.concepto,
        "periodo": t.periodo, "fecha_interes_desde": long_date(t.fecha_interes_desde),
        "capital": format_usd(t.capital), "interes": format_usd(t.interes), "recargo": format_usd(t.recargo),
        "total": format_usd(t.total), "total_letras": amount_in_words(t.total),
        "termino_dias": TERMINO_OPI_DIAS, "termino_letras": number_in_words(TERMINO_OPI_DIAS),
        "vencimiento": long_date(vencimiento),
        "vencimiento_dia_semana": format_date(vencimiento, "EEEE", locale="es"),
        "medidas": list(medidas),
        "secretario_nombre": x.nombres, "secretario_cedula": x.cedula, "secretario_cargo": cargo_secretario(x.externo),
        "ejecutor_nombre": o.ejecutor_nombre, "ejecutor_cargo": o.ejecutor_cargo,
    }


_NO_PERMITIDO = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _nombre_seguro(nombre: str) -> str:
    return _NO_PERMITIDO.sub("_", nombre).strip(" .") or "documento"


def _escribir(destino: Path, data: bytes) -> Path:
    """Write ``data`` to ``destino`` atomically; when that file is locked (open in Word on Windows)
    write ``name (2).docx`` and so on. Returns the path written."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    candidatos = [destino] + [destino.with_name(f"{destino.stem} ({i}){destino.suffix}") for i in range(2, 50)]
    ultimo: OSError | None = None
    for ruta in candidatos:
        fd, tmp = tempfile.mkstemp(dir=ruta.parent, prefix=".tmp-", suffix=ruta.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, ruta)
            return ruta
        except PermissionError as exc:
            ultimo = exc
            Path(tmp).unlink(missing_ok=True)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    raise ValidationError(f"No se pudo escribir «{destino}»: {ultimo}. Cierre el documento si está abierto.")


class DocumentosService:
    """Generate, store, foliate and export legal documents."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    # -- templates --
    def plantilla(self, nombre: str) -> Path:
        """Path of template ``nombre`` (``"orden_pago_inmediato"`` or with ``.docx``): the office's copy
        in ``<datos>/plantillas/`` when it exists, else the one shipped in ``resources/templates/``.

        Raises:
            ConfigurationError: neither exists (the message names both folders).
        """
        archivo = nombre if nombre.lower().endswith(".docx") else f"{nombre}.docx"
        propia = self.ctx.paths.root / "plantillas" / archivo
        if propia.is_file():
            return propia
        instalada = templates_dir() / archivo
        if instalada.is_file():
            return instalada
        raise ConfigurationError(
            f"No existe la plantilla «{archivo}» ni en {propia.parent} ni en {instalada.parent}. Restaure la "
            "plantilla o reinstale el programa."
        )

    # -- orden de pago inmediato --
    def generar_opi(
        self, numero: str, fecha: date | None = None, medidas: list[str] | None = None,
    ) -> DocumentoGenerado:
        """Generate the orden de pago inmediato of juicio ``numero`` (COA art. 279), foliate it and
        write it to ``<datos>/documentos/<juicio>/OPI_<juicio>_<aaaa-mm-dd>.docx``.

        ``fecha`` (default today, America/Guayaquil) is the date of the order; the 3-día término
        (TERMINO_OPI_DIAS, business days: no weekends, national holidays of Ecuador or the office's
        local holidays) is counted from it (``vencimiento``: the due date if notified that day).
        ``medidas``: the medidas cautelares ordered (COA arts. 280-281); None gives
        :func:`medidas_por_defecto`, an empty list orders none. The expediente moves to stage OPI when it
        was SORTEADO or RPV. All in one transaction: if rendering fails nothing is stored or foliated.
        The .docx file is written after the commit (a file on disk always belongs to a stored document);
        should that write fail, the document stays stored and :meth:`exportar` writes it again.

        Raises:
            NotFoundError: unknown juicio number.
            ConfigurationError: template missing.
            RuleError: the juicio is archived, suspended, in insolvency or dado de baja.
            ValidationError: the template uses an unknown field (named in the message).
        """
        fecha = fecha or local_today()
        plantilla = self.plantilla(base.OPI)
        with self.ctx.tx("generar orden de pago inmediato") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            self._puede_opi(e)
            o = s.get_one(Oficina, e.office_id)
            t = s.get_one(TituloCredito, e.titulo_id)
            d = s.get_one(Deudor, e.deudor_id)
            x = s.get_one(Secretario, e.secretario_id)
            vencimiento = calendario_de(s, self.ctx.office_id).sumar_dias_habiles(fecha, TERMINO_OPI_DIAS)
            lista = medidas_por_defecto(o.ciudad) if medidas is None else [m.strip() for m in medidas if m.strip()]
            data = render(plantilla, contexto_opi(o, e, t, d, x, fecha, vencimiento, lista))
            nombre = f"OPI_{_nombre_seguro(e.numero)}_{fecha.isoformat()}.docx"
            doc, folio = agregar_documento_en(
                s, self.ctx, e, tipo=TIPO_OPI, descripcion=f"Orden de pago inmediato ({format_dmy(fecha)})",
                fecha=fecha, data=data, nombre_archivo=nombre, hojas=contar_hojas(data),
            )
            if e.etapa in _PASAN_A_OPI:
                e.etapa = Etapa.OPI
            resultado = (doc.id, e.numero, folio.desde, folio.hasta)
        # Written after the commit: a file on disk always corresponds to a stored document.
        ruta = _escribir(self.ctx.paths.exports / _nombre_seguro(resultado[1]) / nombre, data)
        return DocumentoGenerado(
            documento_id=resultado[0], juicio=resultado[1], tipo=TIPO_OPI, nombre_archivo=nombre,
            desde=resultado[2], hasta=resultado[3], vencimiento=vencimiento, ruta=ruta,
        )

    @staticmethod
    def _puede_opi(e: Expediente) -> None:
        if e.etapa in _SIN_OPI:
            raise RuleError(
                f"El juicio {e.numero} está en etapa {Etapa(e.etapa).etiqueta}: no se puede emitir una orden de "
                "pago inmediato."
            )

    def generar_opi_lote(
        self, numeros: list[str], progress: Progress = NO_PROGRESS, fecha: date | None = None,
        medidas: list[str] | None = None,
    ) -> list[DocumentoGenerado]:
        """Generate the OPI of each juicio in ``numeros`` (one .docx and one transaction each).

        Every number is checked first (exists, stage allows an OPI): if any fails nothing is generated.
        Progress is reported per expediente; cancelling (``progress``) stops before the next one and
        raises CancelledError; the OPIs already generated stay (each is a complete, foliated providencia).

        Raises:
            ValidationError: empty list, or some numbers unknown / in a stage without OPI (all listed).
            CancelledError: cancelled by the user.
        """
        unicos = list(dict.fromkeys(n.strip() for n in numeros if n.strip()))
        if not unicos:
            raise ValidationError("No se eligió ningún juicio para generar órdenes de pago inmediato.")
        with self.ctx.read() as s:
            filas = dict(s.execute(
                select(Expediente.numero, Expediente.etapa)
                .where(Expediente.office_id == self.ctx.office_id, Expediente.numero.in_(unicos))
            ).all())
        problemas = [f"{n}: no existe" for n in unicos if n not in filas]
        problemas += [f"{n}: etapa {Etapa(filas[n]).etiqueta}" for n in unicos if n in filas and filas[n] in _SIN_OPI]
        if problemas:
            raise ValidationError(
                "No se generó ninguna orden de pago inmediato; revise estos juicios:\n  - "
                + "\n  - ".join(problemas[:50])
            )
        fecha = fecha or local_today()
        out: list[DocumentoGenerado] = []
        total = len(unicos)
        for i, numero in enumerate(unicos):
            progress.step(i, total, f"Orden de pago inmediato {i + 1} de {total}: juicio {numero}")
            out.append(self.generar_opi(numero, fecha, medidas))
        progress.step(total, total, f"{total} órdenes de pago inmediato generadas.")
        return out

    # -- acta de sorteo --
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
             "calidad": ("Externo" if secretarios[sid].externo else "Interno") if sid in secretarios else "",
             "asignados": cuenta.get(sid, 0), "cuantia": format_usd(suma.get(sid, Decimal("0")))}
            for i, sid in enumerate(ids, start=1)
        ]
        total_cuantia = sum((r[4] for r in rows), Decimal("0"))
        contexto = {
            **_oficina_ctx(o, sorteo.fecha),
            "sorteo_id": str(sorteo.id), "semilla": sorteo.semilla, "total_titulos": len(rows),
            "total_participantes": len(ids), "cuantia_total": format_usd(total_cuantia),
            "participantes": participantes, "asignaciones": asignaciones,
        }
        data = render(self.plantilla(base.ACTA_SORTEO), contexto)
        nombre = f"Acta_sorteo_{sorteo.fecha.isoformat()}_{str(sorteo.id)[-8:]}.docx"
        digest = guardar_archivo(session, self.ctx, data, nombre)
        doc = Documento(
            office_id=sorteo.office_id, expediente_id=None, tipo=TIPO_ACTA_SORTEO,
            descripcion=f"Acta de sorteo del {format_dmy(sorteo.fecha)} ({len(rows)} títulos)",
            fecha=sorteo.fecha, hojas=contar_hojas(data), archivo_sha256=digest, nombre_archivo=nombre,
        )
        session.add(doc)
        session.flush()
        return doc

    # -- export --
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
            destino = self.ctx.paths.exports / _nombre_seguro(carpeta) / _nombre_seguro(nombre)
        elif destino.is_dir():
            destino = destino / _nombre_seguro(nombre)
        return _escribir(destino, data)

    def exportar_indice(self, numero: str, destino: Path) -> Path:
        """Write the índice of juicio ``numero`` (each document with its date, folio range, sheets and
        cuerpo; domain.md §3) as .docx to ``destino`` (a file, or an existing folder: then
        ``Indice_<juicio>.docx`` in it). The índice is not itself foliated. Returns the path written.

        Raises:
            NotFoundError: unknown juicio number.
            ConfigurationError: template missing.
            ValidationError: the template uses an unknown field.
        """
        hoy = local_today()
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            o = s.get_one(Oficina, e.office_id)
            d = s.get_one(Deudor, e.deudor_id)
            x = s.get_one(Secretario, e.secretario_id)
            entradas = indice_de(s, e.id)
            juicio = e.numero
        documentos = [
            {"n": en.posicion, "fecha": format_dmy(en.fecha), "descripcion": en.descripcion, "tipo": en.tipo,
             "fojas": (f"{en.desde}" if en.desde == en.hasta else f"{en.desde} a {en.hasta}")
             + (" (provisional)" if en.provisional else ""),
             "hojas": en.hojas,
             "cuerpo": str(en.cuerpo_desde) if en.cuerpo_desde == en.cuerpo_hasta
             else f"{en.cuerpo_desde}-{en.cuerpo_hasta}"}
            for en in entradas
        ]
        ultimo = entradas[-1].hasta if entradas else 0
        contexto = {
            **_oficina_ctx(o, hoy),
            "juicio_numero": juicio, "deudor_nombre": d.nombre, "deudor_identificacion": d.identificacion,
            "secretario_nombre": x.nombres, "secretario_cargo": cargo_secretario(x.externo),
            "documentos": documentos, "total_fojas": fojas(ultimo),
            "cuerpos": entradas[-1].cuerpo_hasta if entradas else 1,
        }
        data = render(self.plantilla(base.INDICE), contexto)
        if destino.is_dir():
            destino = destino / f"Indice_{_nombre_seguro(juicio)}.docx"
        return _escribir(destino, data)

    def exportar_pdf(self, documento_id: uuid.UUID) -> Path:
        """Export a stored .docx document and convert it to PDF next to it (LibreOffice). Returns the PDF.

        Raises:
            NotFoundError: unknown document.
            ValidationError: the stored document is not a .docx.
            ConfigurationError: LibreOffice is not installed (the message says how to install it) or failed.
        """
        docx = self.exportar(documento_id)
        if docx.suffix.lower() != ".docx":
            raise ValidationError(f"«{docx.name}» no es un documento de Word; solo se convierten .docx a PDF.")
        return convertir_pdf(docx, docx.parent)
