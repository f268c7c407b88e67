"""Legal documents generated from editable .docx templates: every document of a juicio coactivo (domain.md
§2-3), the acta de sorteo, the carátula and the índice; batch generation; template administration; export
(.docx, PDF).

**One path for every document of an expediente** (:meth:`DocumentosService.generar`, or
:meth:`DocumentosService.generar_en` inside another service's transaction), in one transaction:

1. permission (``EXPEDIENTE_TRAMITAR``, or ``NOTIFICACION_REGISTRAR`` for a razón de notificación) on the
   expediente's secretario;
2. when the document *is* an act (:data:`ACTOS`: RPV, razón de no pago, OPI, embargo, secuestro, aviso de
   remate, remate, archivo, providencia), the procedure rules (:func:`app.domain.procedimiento.validar`) are
   checked **before rendering**: a refused act writes nothing and leaves no file;
3. the fields are gathered from the rows (:mod:`app.documents.contexto` builds them), the template is filled
   (:func:`app.documents.render.render`: an unknown field is rejected by name) and its sheets counted
   (:func:`app.documents.hojas.contar_hojas`);
4. the document is stored and foliated (:func:`app.services.foliacion.agregar_documento_en`);
5. the act is recorded with the new ``documento_id`` (:func:`app.services.actos.registrar_acto_en`: stage,
   terms); an oficio is linked to its medida cautelar, an auto de suspensión to its convenio.

The .docx file is written after the commit (a file on disk always belongs to a stored document), to
``<datos>/documentos/<juicio>/<TIPO>_<juicio>_<aaaa-mm-dd>_foja<N>.docx`` or to the ``destino`` given.
The carátula and the índice are exports (not foliated, not stored); the acta de sorteo is an office document
stored by the sorteo.

Templates are looked up first in the office's folder (``<datos>/plantillas``), then in the ones shipped
with the program (``resources/templates``); an administrator replaces, previews and restores them
(:meth:`DocumentosService.reemplazar_plantilla`, :meth:`~DocumentosService.vista_previa`,
:meth:`~DocumentosService.restaurar_plantilla`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today, to_local
from app.common.errors import (
    AppError,
    CancelledError,
    ConfigurationError,
    DiaInhabil,
    NotFoundError,
    PermissionDenied,
    RuleError,
    ValidationError,
)
from app.common.money import format_usd
from app.common.paths import templates_dir
from app.common.progress import NO_PROGRESS, Progress
from app.documents import contexto as cx
from app.documents import plantillas_base as base
from app.documents.hojas import contar_hojas
from app.documents.paginas import ContadorHojas, RegistroVerificaciones, verificar_plantilla
from app.documents.pdf import convertir_pdf
from app.documents.render import render
from app.domain import procedimiento as proc
from app.domain.documentos import REGISTRO, no_foliados, tipo_doc, validar_claves
from app.domain.documentos import actos as registro_actos
from app.domain.etapas import Etapa
from app.domain.permisos import Permiso
from app.domain.terminos import Calendario
from app.domain.tipos import TipoActo, TipoDocumento
from app.services import documentos_legales  # noqa: F401  (registers the preparers of issue 8's types)
from app.services.actos import hechos_de, registrar_acto_en
from app.services.context import Contexto
from app.services.documentos_datos import Preparador, juicio_de, medidas_por_defecto, oficina_de
from app.services.firmantes import exigir_firmantes, faltantes_oficina
from app.services.foliacion import agregar_documento_en, guardar_archivo
from app.services.liquidacion import liquidar_expediente
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.folios import indice_de
from app.storage.consultas.oficina import calendario_de
from app.storage.models import (
    Acto,
    Deudor,
    Documento,
    Expediente,
    Folio,
    Notificacion,
    Oficina,
    Secretario,
    Sorteo,
    TituloCredito,
)

log = logging.getLogger(__name__)

__all__ = ["ACTOS", "NO_FOLIADOS", "DocumentoGenerado", "DocumentosService", "LoteGenerado", "PlantillaInfo",
           "medidas_por_defecto", "tipo_documento", "tipos"]

TIPO_OPI = "OPI"
TIPO_ACTA_SORTEO = "ACTA_SORTEO"

#: The act each document records (the document *is* the act; domain.md §2), from the registry.
ACTOS: dict[TipoDocumento, TipoActo] = registro_actos()
#: Documents that are not folios of the expediente (the registry's ``foliado`` False): the cover, the índice
#: (exports) and the acta de sorteo (an office document stored by the sorteo).
NO_FOLIADOS = no_foliados()


def tipos() -> list[tuple[str, str]]:
    """Every document type as ``(cli name, Spanish title)``, e.g. ``("opi", "Orden de pago inmediato")``;
    what ``python -m app documento --lista`` prints."""
    return [(t.value, d.titulo) for t, d in REGISTRO.items()]


def tipo_documento(valor: TipoDocumento | str) -> TipoDocumento:
    """``"opi"``, ``"OPI"`` or ``TipoDocumento.OPI`` → ``TipoDocumento.OPI``.

    Raises:
        ValidationError: unknown type (the message lists the valid ones).
    """
    return tipo_doc(valor).tipo


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


class LoteGenerado(list[DocumentoGenerado]):
    """The documents a batch generated, in the order asked, and the juicios that failed while generating
    (``fallidos``: ``(juicio, reason)``; each failure wrote nothing for that juicio)."""

    def __init__(self, generados: Sequence[DocumentoGenerado] = (), fallidos: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(generados)
        self.fallidos: list[tuple[str, str]] = list(fallidos)

    def mensaje(self) -> str:
        texto = f"{len(self)} documento(s) generado(s)."
        if self.fallidos:
            lineas = "\n  - ".join(f"{n}: {m}" for n, m in self.fallidos[:50])
            texto += f" {len(self.fallidos)} juicio(s) no se generaron:\n  - {lineas}"
        return texto


@dataclass(frozen=True, slots=True)
class PlantillaInfo:
    """A document type's template: the office's own copy (``propia``) or the one shipped."""

    tipo: TipoDocumento
    titulo: str
    archivo: str
    ruta: Path
    propia: bool


@dataclass(frozen=True, slots=True)
class _Hecho:
    documento: Documento
    folio: Folio
    acto: Acto | None
    data: bytes
    vencimiento: date | None


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


def _calidad(x: Secretario) -> str:
    f = (x.genero or "").upper() == "F"
    return ("Externa" if f else "Externo") if x.externo else ("Interna" if f else "Interno")


def _exigir_habil(cal: Calendario, fecha: date) -> None:
    motivo = cal.motivo_inhabil(fecha)
    if motivo is not None:
        raise DiaInhabil(f"El {format_dmy(fecha)} no es día hábil ({motivo}). Confirme que el documento se fecha "
                         "ese día o cambie la fecha.")


def _permiso(tipo: TipoDocumento) -> Permiso:
    return REGISTRO[tipo].permiso


class DocumentosService:
    """Generate, store, foliate and export legal documents; administer their templates."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx
        self._preparador = Preparador(ctx)
        self.verificaciones = RegistroVerificaciones(self._carpeta_propia(), templates_dir())
        self._contador = ContadorHojas(self.verificaciones)

    tipos = staticmethod(tipos)

    # -- signatories and dates ----------------------------------------------------------------------------
    def firmantes_faltantes(self) -> list[str]:
        """What the office must fill in before its documents can be signed (empty: nothing); the UI shows
        it before the first document (issue 8: told before, not after)."""
        with self.ctx.read() as s:
            return faltantes_oficina(s, self.ctx.office_id)

    def dia_inhabil(self, fecha: date) -> str | None:
        """Why ``fecha`` is not a business day of this office («sábado», «feriado: Día del Trabajo»), or None;
        the UI asks for confirmation before dating a document that day."""
        with self.ctx.read() as s:
            return calendario_de(s, self.ctx.office_id).motivo_inhabil(fecha)

    # -- templates ------------------------------------------------------------------------------------------
    def plantilla(self, nombre: str | TipoDocumento) -> Path:
        """Path of a template (a :class:`TipoDocumento`, or a file name such as ``"orden_pago_inmediato"``
        with or without ``.docx``): the office's copy in ``<datos>/plantillas/`` when it exists, else the one
        shipped in ``resources/templates/``.

        Raises:
            ConfigurationError: neither exists (the message names both folders).
        """
        if isinstance(nombre, TipoDocumento):
            nombre = REGISTRO[nombre].plantilla
        archivo = nombre if nombre.lower().endswith(".docx") else f"{nombre}.docx"
        propia = self._carpeta_propia() / archivo
        if propia.is_file():
            return propia
        instalada = templates_dir() / archivo
        if instalada.is_file():
            return instalada
        raise ConfigurationError(
            f"No existe la plantilla «{archivo}» ni en {propia.parent} ni en {instalada.parent}. Restaure la "
            "plantilla o reinstale el programa."
        )

    def _carpeta_propia(self) -> Path:
        return self.ctx.paths.root / "plantillas"

    def plantillas(self) -> list[PlantillaInfo]:
        """Every document type with the template in use (the office's own copy or the shipped one)."""
        out = []
        for t in TipoDocumento:
            titulo, archivo = REGISTRO[t].titulo, REGISTRO[t].plantilla
            propia = (self._carpeta_propia() / archivo).is_file()
            out.append(PlantillaInfo(t, titulo, archivo, self._carpeta_propia() / archivo if propia
                                     else templates_dir() / archivo, propia))
        return out

    def campos(self, tipo: TipoDocumento | str) -> dict[str, str]:
        """The fields a template of ``tipo`` may use, with their meaning (for the template editor's help)."""
        return dict(base.CAMPOS[REGISTRO[tipo_documento(tipo)].plantilla])

    def vista_previa(self, tipo: TipoDocumento | str, ruta: Path | None = None) -> Path:
        """Fill the template of ``tipo`` (``ruta``, or the one in use) with built-in sample data (a persona
        jurídica with its representante legal, two co-obligados, every list with items:
        :func:`app.documents.contexto.muestra`) into a temporary .docx, and return its path (to open it).

        Raises:
            ValidationError: the template uses an unknown field (named), has a malformed tag or is not a .docx.
            ConfigurationError: the template file does not exist.
        """
        tipo = tipo_documento(tipo)
        plantilla = ruta if ruta is not None else self.plantilla(tipo)
        data = render(plantilla, cx.muestra(tipo))
        contar_hojas(data)
        carpeta = Path(tempfile.gettempdir()) / "foja-vista-previa"
        return _escribir(carpeta / f"Vista_previa_{tipo.value}.docx", data)

    def reemplazar_plantilla(self, tipo: TipoDocumento | str, ruta: Path) -> Path:
        """Make ``ruta`` (a .docx edited in Word or LibreOffice) the office's template of ``tipo``.

        It is first filled with the sample data: a template with a field the program does not provide is
        rejected naming the field, and nothing changes. The office's previous copy, if any, is kept in
        ``<datos>/plantillas/anteriores/``. Returns the path of the office's copy
        (``<datos>/plantillas/<archivo>.docx``), used from then on.

        Raises:
            PermissionDenied: the user may not edit templates (``PLANTILLAS_EDITAR``: administrador).
            ValidationError: not a .docx, an unknown field (named), a malformed tag, or (LibreOffice present)
                the sample prints on a different number of sheets than the foliation count gives
                (:func:`app.documents.paginas.verificar_plantilla`).
            ConfigurationError: ``ruta`` does not exist.
        """
        self.ctx.exigir(Permiso.PLANTILLAS_EDITAR)
        tipo = tipo_documento(tipo)
        if ruta.suffix.lower() != ".docx":
            raise ValidationError(f"«{ruta.name}» no es un documento de Word (.docx).")
        data = render(ruta, cx.muestra(tipo))
        contar_hojas(data)
        verificar_plantilla(self.verificaciones, ruta, data)
        destino = self._carpeta_propia() / REGISTRO[tipo].plantilla
        self._respaldar(destino)
        _escribir(destino, ruta.read_bytes())
        log.info("Plantilla «%s» reemplazada por %s (%s)", destino.name, ruta, self.ctx.actor)
        return destino

    def restaurar_plantilla(self, tipo: TipoDocumento | str) -> Path:
        """Go back to the template shipped with the program for ``tipo`` (the office's copy is kept in
        ``<datos>/plantillas/anteriores/``). Returns the shipped template's path.

        Raises:
            PermissionDenied: the user may not edit templates.
            ConfigurationError: the shipped template is missing (reinstall).
        """
        self.ctx.exigir(Permiso.PLANTILLAS_EDITAR)
        tipo = tipo_documento(tipo)
        archivo = REGISTRO[tipo].plantilla
        self._respaldar(self._carpeta_propia() / archivo, mover=True)
        log.info("Plantilla «%s» restaurada (%s)", archivo, self.ctx.actor)
        return self.plantilla(archivo)

    def _respaldar(self, ruta: Path, *, mover: bool = False) -> None:
        if not ruta.is_file():
            return
        sello = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        copia = ruta.parent / "anteriores" / f"{ruta.stem}_{sello}{ruta.suffix}"
        copia.parent.mkdir(parents=True, exist_ok=True)
        (shutil.move if mover else shutil.copy2)(str(ruta), str(copia))

    # -- every document of an expediente ----------------------------------------------------------------
    def generar(
        self, tipo: TipoDocumento | str, numero: str, fecha: date | None = None, datos: dict[str, Any] | None = None,
        *, destino: Path | None = None, confirmar_inhabil: bool = False,
    ) -> DocumentoGenerado:
        """Generate document ``tipo`` of juicio ``numero`` dated ``fecha`` (default today, America/Guayaquil):
        check, render, foliate and, for a document that is an act, record the act — one transaction (see the
        module docstring). ``datos`` carries what the expediente alone does not say (keys per type:
        :data:`app.documents.contexto.DATOS`; e.g. ``{"texto": …}`` for a providencia, ``{"medida_id": …}``
        for an oficio, ``{"notificacion_id": …}`` for a razón de notificación, ``{"bienes": […],
        "depositario": …}`` for an acta de embargo). The file is written after the commit to ``destino`` (a
        file path) or to ``<datos>/documentos/<juicio>/``.

        Returns the generated document (carátula and índice: exports with ``documento_id`` None).

        Raises:
            NotFoundError: unknown juicio, medida, notificación, liquidación or convenio.
            PermissionDenied: the user may not act on this expediente.
            RuleError: the procedure does not allow the act now (the reason says what is missing), a
                liquidación too old to cite, nothing to lift, no convenio…
            ValidationError: unknown type or ``datos`` key, missing or bad ``datos``, a template with an
                unknown field (named).
            ConfigurationError: template missing, or a signatory lacks name, cargo or gender (named).
            DiaInhabil: ``fecha`` is not a business day and ``confirmar_inhabil`` is False (ask the user).
        """
        tipo = tipo_documento(tipo)
        fecha = fecha or local_today()
        datos = dict(datos or {})
        validar_claves(tipo, datos)
        if tipo is TipoDocumento.ORDEN_PAGO_HONORARIOS:  # only with the jefe's approval, which records it
            raise RuleError("La orden de pago de honorarios se genera al aprobar la solicitud de honorarios "
                            "(Oficina → Honorarios → Revisar).")
        if tipo in NO_FOLIADOS:
            return self._exportar_no_foliado(tipo, numero, fecha, datos, destino)
        plantilla = self.plantilla(tipo)
        with self.ctx.tx(f"generar {REGISTRO[tipo].titulo.lower()}") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            h = self._generar_en(s, tipo, e, fecha, datos, plantilla, inhabil_confirmado=confirmar_inhabil)
            doc = h.documento
            resultado = DocumentoGenerado(
                documento_id=doc.id, juicio=e.numero, tipo=doc.tipo, nombre_archivo=doc.nombre_archivo,
                desde=h.folio.desde, hasta=h.folio.hasta, vencimiento=h.vencimiento, ruta=Path(),
                acto_id=h.acto.id if h.acto is not None else None,
            )
        ruta = _escribir(destino or self._ruta_export(resultado.juicio, resultado.nombre_archivo), h.data)
        return replace(resultado, ruta=ruta)

    def generar_en(
        self, session: Session, tipo: TipoDocumento | str, expediente: Expediente, fecha: date,
        datos: dict[str, Any] | None = None,
    ) -> Documento:
        """:meth:`generar` inside the caller's transaction (``session``), for services that generate a
        document as part of their own use case. Returns the flushed, foliated :class:`Documento` (its act
        recorded when the type is one of :data:`ACTOS`). No file is written (:meth:`exportar` writes it).

        Raises:
            as :meth:`generar`; the caller's transaction should then be rolled back.
        """
        tipo = tipo_documento(tipo)
        datos = dict(datos or {})
        validar_claves(tipo, datos)
        if tipo in NO_FOLIADOS:
            raise ValidationError(f"{REGISTRO[tipo].titulo}: no es un documento foliado del expediente.")
        return self._generar_en(session, tipo, expediente, fecha, datos, self.plantilla(tipo)).documento

    def _ruta_export(self, juicio: str, nombre: str) -> Path:
        return self.ctx.paths.exports / _nombre_seguro(juicio) / nombre

    def _validar_acto(
        self, session: Session, tipo: TipoDocumento, e: Expediente, fecha: date, datos: dict[str, Any],
        cal: Calendario,
    ) -> dict[str, Any]:
        """Check the act of ``tipo`` is allowed now (procedimiento rules); return the act's ``datos``.

        Raises:
            RuleError: the reason (what is missing, which stage it belongs to…).
        """
        acto = ACTOS.get(tipo)
        if acto is None:
            return {}
        datos_acto: dict[str, Any] = {"documento": tipo.value}
        if acto is TipoActo.ARCHIVO:
            datos_acto["saldo"] = str(self._saldo(session, e, fecha, datos))
        proc.validar(Etapa(e.etapa), acto, hechos_de(session, e, fecha, datos_acto, cal))
        return datos_acto

    def _exigir_previo(self, session: Session, tipo: TipoDocumento, e: Expediente) -> None:
        previo = REGISTRO[tipo].requiere
        if previo is None:
            return
        hay = select(Acto.id).where(Acto.expediente_id == e.id, Acto.tipo == previo.value).limit(1)
        if session.scalar(hay) is None:
            antes = next((d.titulo for d in REGISTRO.values() if d.acto is previo), proc.NOMBRES[previo])
            raise RuleError(f"No se puede generar {REGISTRO[tipo].titulo.lower()}: antes debe constar el documento "
                            f"«{antes}» en el juicio {e.numero}.")

    def _titulo_como_foja_1(self, session: Session, e: Expediente, fecha: date) -> None:
        """The título de crédito enters the expediente as foja 1, before the RPV (domain.md §3): the first
        document of an expediente brings its certified copy first (dated the day the expediente opened)."""
        if session.scalar(select(Folio.id).where(Folio.expediente_id == e.id).limit(1)) is not None:
            return
        inicio = e.fecha_inicio if e.fecha_inicio and e.fecha_inicio <= fecha else fecha
        self._generar_en(session, TipoDocumento.TITULO_CREDITO, e, inicio, {},
                         self.plantilla(TipoDocumento.TITULO_CREDITO))

    def _saldo(self, session: Session, e: Expediente, fecha: date, datos: dict[str, Any]) -> Decimal:
        if datos.get("saldo") not in (None, ""):
            return cx.monto(datos["saldo"], "saldo")
        return liquidar_expediente(session, e, fecha).total

    def _generar_en(
        self, session: Session, tipo: TipoDocumento, e: Expediente, fecha: date, datos: dict[str, Any],
        plantilla: Path, *, inhabil_confirmado: bool = True,
    ) -> _Hecho:
        self.ctx.exigir(_permiso(tipo), secretario_id=e.secretario_id)
        exigir_firmantes(session, e.office_id, [tipo, TipoDocumento.TITULO_CREDITO], e.secretario_id)
        cal = calendario_de(session, e.office_id)
        datos_acto = self._validar_acto(session, tipo, e, fecha, datos, cal)
        self._exigir_previo(session, tipo, e)
        if not inhabil_confirmado:
            _exigir_habil(cal, fecha)
        if tipo is not TipoDocumento.TITULO_CREDITO:
            self._titulo_como_foja_1(session, e, fecha)
        j = juicio_de(session, e)
        p = self._preparador.preparar(session, tipo, e, j, fecha, datos, cal)
        data = render(plantilla, p.contexto)
        nombre = f"{tipo.name}_{_nombre_seguro(e.numero)}_{fecha.isoformat()}_foja{j.ultimo_folio + 1}.docx"
        conteo = self._contador.contar(plantilla, data)
        doc, folio = agregar_documento_en(
            session, self.ctx, e, tipo=tipo.name, descripcion=p.descripcion[:300], fecha=fecha, data=data,
            nombre_archivo=nombre, hojas=conteo.hojas, hojas_fuente=conteo.fuente,
        )
        if p.vincular is not None:
            p.vincular(doc)
        acto = None
        if tipo in ACTOS:
            acto = registrar_acto_en(
                session, self.ctx, e, tipo=ACTOS[tipo], fecha=fecha, descripcion=p.descripcion,
                documento_id=doc.id, datos={**datos_acto, **p.datos_acto},
            )
        return _Hecho(doc, folio, acto, data, p.vencimiento)

    def razon_notificacion_en(self, session: Session, n: Notificacion) -> uuid.UUID:
        """The razón de notificación of ``n`` (not yet flushed: the notifications service calls this before
        inserting the append-only row, so that ``razon_documento_id`` is set at insert time), rendered and
        foliated inside the caller's transaction. Matches
        :data:`app.services.notificaciones.RazonFactory`. Returns the new document's id. No act (the
        notification's act is recorded by that service); no file written (:meth:`exportar` writes it).

        Raises:
            ValidationError: the template uses an unknown field.
            ConfigurationError: template missing.
        """
        e = session.get_one(Expediente, n.expediente_id)
        fecha = to_local(n.fecha_hora).date()
        tipo = TipoDocumento.RAZON_NOTIFICACION
        exigir_firmantes(session, e.office_id, [tipo], e.secretario_id)
        j = juicio_de(session, e)
        p = self._preparador.razon(session, e, j, fecha, n)
        plantilla = self.plantilla(tipo)
        data = render(plantilla, p.contexto)
        conteo = self._contador.contar(plantilla, data)
        doc, _ = agregar_documento_en(
            session, self.ctx, e, tipo=tipo.name, descripcion=p.descripcion[:300], fecha=fecha, data=data,
            nombre_archivo=f"{tipo.name}_{_nombre_seguro(e.numero)}_{fecha.isoformat()}_foja{j.ultimo_folio + 1}.docx",
            hojas=conteo.hojas, hojas_fuente=conteo.fuente,
        )
        return doc.id

    # -- exports that are not folios: carátula, índice, acta de sorteo ------------------------------------
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
            return DocumentoGenerado(acta, juicio, TIPO_ACTA_SORTEO, ruta.name, 0, 0, None, ruta)
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
                            f"El expediente tiene {j.cuerpos} cuerpo(s): no existe el cuerpo {cuerpo}.")
                contexto = cx.caratula(j, fecha, cuerpo)
                nombre = f"Caratula_{_nombre_seguro(e.numero)}_cuerpo{cuerpo}.docx"
            else:
                entradas = indice_de(s, e.id)
                contexto = cx.indice(j, fecha, cx.Indice(tuple(
                    cx.EntradaIndice(en.posicion, en.fecha, en.descripcion, en.tipo, en.desde, en.hasta, en.hojas,
                                     en.cuerpo_desde, en.cuerpo_hasta, en.provisional)
                    for en in entradas)))
                nombre = f"Indice_{_nombre_seguro(e.numero)}.docx"
            juicio = e.numero
        data = render(self.plantilla(tipo), contexto)
        if destino is None:
            destino = self._ruta_export(juicio, nombre)
        elif destino.is_dir():
            destino = destino / nombre
        ruta = _escribir(destino, data)
        return DocumentoGenerado(None, juicio, tipo.name, ruta.name, 0, 0, None, ruta)

    # -- batch ----------------------------------------------------------------------------------------------
    def generar_lote(
        self, tipo: TipoDocumento | str, numeros: Sequence[str], progress: Progress = NO_PROGRESS,
        fecha: date | None = None, datos: dict[str, Any] | None = None, *, confirmar_inhabil: bool = False,
    ) -> LoteGenerado:
        """Generate document ``tipo`` for each juicio in ``numeros`` (e.g. the RPV of the 800 expedientes of
        today's sorteo): one transaction and one .docx file per expediente, in the order given.

        Before generating anything: every number must exist, the user may act on it and, for a document that
        is an act, the act must be allowed now; the template is filled once with sample data (an unknown field
        stops the batch here). If any check fails, nothing is generated and the message lists every problem.
        Then each expediente is generated on its own: should one fail meanwhile (changed by someone else, a
        missing ``datos`` row…), nothing is written for it, it is reported in ``fallidos`` and the batch goes
        on. Progress is reported per expediente; cancelling stops before the next one and raises
        CancelledError (the documents already generated stay: each is complete and foliated).

        Raises:
            ValidationError: empty list, unknown type, or some juicios cannot get the document (all listed).
            CancelledError: cancelled by the user.
            ConfigurationError / ValidationError: the template is missing or uses an unknown field.
        """
        tipo = tipo_documento(tipo)
        if tipo is TipoDocumento.ORDEN_PAGO_HONORARIOS:
            raise RuleError("La orden de pago de honorarios se genera al aprobar cada solicitud de honorarios.")
        titulo = REGISTRO[tipo].titulo
        unicos = list(dict.fromkeys(n.strip() for n in numeros if n.strip()))
        if not unicos:
            raise ValidationError(f"No se eligió ningún juicio para generar: {titulo.lower()}.")
        datos = dict(datos or {})
        validar_claves(tipo, datos)
        render(self.plantilla(tipo), cx.muestra(tipo))
        fecha = fecha or local_today()
        problemas = self._problemas_lote(tipo, unicos, fecha, datos)
        if problemas:
            raise ValidationError(
                f"No se generó ningún documento ({titulo.lower()}); revise estos juicios:\n  - "
                + "\n  - ".join(problemas[:50]) + (f"\n  … y {len(problemas) - 50} más" if len(problemas) > 50 else "")
            )
        if not confirmar_inhabil and tipo not in NO_FOLIADOS:
            with self.ctx.read() as s:
                _exigir_habil(calendario_de(s, self.ctx.office_id), fecha)
        out = LoteGenerado()
        total = len(unicos)
        for i, numero in enumerate(unicos):
            progress.step(i, total, f"{titulo} {i + 1} de {total}: juicio {numero}")
            try:
                out.append(self.generar(tipo, numero, fecha, datos, confirmar_inhabil=True))
            except CancelledError:
                raise
            except AppError as exc:
                log.warning("Lote %s: juicio %s no generado: %s", tipo.value, numero, exc.message)
                out.fallidos.append((numero, exc.message))
        fin = f"{len(out)} documento(s) generado(s): {titulo.lower()}."
        if out.fallidos:
            fin += f" {len(out.fallidos)} con problemas."
        progress.step(total, total, fin)
        return out

    def _problemas_lote(self, tipo: TipoDocumento, numeros: list[str], fecha: date, datos: dict[str, Any]) -> list[str]:
        problemas: list[str] = []
        with self.ctx.read() as s:
            filas = {e.numero: e for e in s.scalars(
                select(Expediente).where(Expediente.office_id == self.ctx.office_id, Expediente.numero.in_(numeros)))}
            cal = calendario_de(s, self.ctx.office_id)
            for n in numeros:
                e = filas.get(n)
                if e is None:
                    problemas.append(f"{n}: no existe")
                    continue
                if tipo in NO_FOLIADOS:
                    continue
                try:
                    self.ctx.exigir(_permiso(tipo), secretario_id=e.secretario_id)
                    self._validar_acto(s, tipo, e, fecha, datos, cal)
                except (PermissionDenied, RuleError) as exc:
                    problemas.append(f"{n}: {exc.message}")
                except AppError as exc:  # e.g. the rate table does not cover a liquidación
                    problemas.append(f"{n}: {exc.message}")
        return problemas

    # -- orden de pago inmediato (kept for the UI and the CLI) ----------------------------------------------
    def generar_opi(
        self, numero: str, fecha: date | None = None, medidas: list[str] | None = None, *,
        confirmar_inhabil: bool = False,
    ) -> DocumentoGenerado:
        """The orden de pago inmediato of juicio ``numero`` (COA art. 279) through :meth:`generar`: the OPI act
        is recorded (stage OPI, from SORTEADO or RPV only), the 3-día término (business days: no weekends,
        national or local holidays) is counted from ``fecha`` (``vencimiento``: the due date if notified that
        day), every co-obligado is named. ``medidas``: the medidas cautelares ordered (COA arts. 280-281);
        None gives :func:`medidas_por_defecto`, an empty list orders none.

        Raises:
            as :meth:`generar` (RuleError: the stage does not allow an OPI).
        """
        datos = None if medidas is None else {"medidas": list(medidas)}
        return self.generar(TipoDocumento.OPI, numero, fecha, datos, confirmar_inhabil=confirmar_inhabil)

    def generar_opi_lote(
        self, numeros: list[str], progress: Progress = NO_PROGRESS, fecha: date | None = None,
        medidas: list[str] | None = None, *, confirmar_inhabil: bool = False,
    ) -> LoteGenerado:
        """:meth:`generar_lote` of órdenes de pago inmediato (see there for checks, failures and cancelling)."""
        datos = None if medidas is None else {"medidas": list(medidas)}
        return self.generar_lote(TipoDocumento.OPI, numeros, progress, fecha, datos,
                                 confirmar_inhabil=confirmar_inhabil)

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
        contexto = {
            **cx.oficina(oficina_de(o), sorteo.fecha),
            "sorteo_id": str(sorteo.id), "semilla": sorteo.semilla, "total_titulos": len(rows),
            "total_participantes": len(ids), "cuantia_total": format_usd(total_cuantia),
            **cx.firmas_sorteo(oficina_de(o), len(rows), len(ids)),
            "participantes": participantes, "asignaciones": asignaciones,
        }
        plantilla = self.plantilla(base.ACTA_SORTEO)
        data = render(plantilla, contexto)
        conteo = self._contador.contar(plantilla, data)
        nombre = f"Acta_sorteo_{sorteo.fecha.isoformat()}_{str(sorteo.id)[-8:]}.docx"
        digest = guardar_archivo(session, self.ctx, data, nombre)
        doc = Documento(
            office_id=sorteo.office_id, expediente_id=None, tipo=TIPO_ACTA_SORTEO,
            descripcion=f"Acta de sorteo del {format_dmy(sorteo.fecha)} ({len(rows)} títulos)",
            fecha=sorteo.fecha, hojas=conteo.hojas, hojas_fuente=conteo.fuente, archivo_sha256=digest,
            nombre_archivo=nombre,
        )
        session.add(doc)
        session.flush()
        return doc

    # -- export -----------------------------------------------------------------------------------------------
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
        return self.generar(TipoDocumento.INDICE, numero, destino=destino).ruta

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
