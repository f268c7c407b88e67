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
3. the fields are gathered from the rows (:mod:`app.documents.campos` builds them), the template is filled
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

The service is built in three layers, one module each: template administration
(:mod:`app.services.documentos_plantillas`), exports and the documents that are not folios
(:mod:`app.services.documentos_exportacion`), and here the generation of the documents of an expediente, one
by one or in batches.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today, to_local
from app.common.errors import (
    AppError,
    CancelledError,
    DiaInhabil,
    RuleError,
    ValidationError,
)
from app.common.progress import NO_PROGRESS, Progress
from app.common.text import plural, segun
from app.documents.campos import muestras
from app.documents.render import render
from app.domain import procedimiento as proc
from app.domain.documentos import REGISTRO, no_foliados, validar_claves
from app.domain.documentos import actos as registro_actos
from app.domain.etapas import Etapa
from app.domain.permisos import Permiso
from app.domain.terminos import Calendario
from app.domain.tipos import TipoActo, TipoDocumento
from app.services import documentos_entrada as entrada
from app.services import documentos_legales  # noqa: F401  (registers the preparers of issue 8's types)
from app.services.actos import hechos_de, registrar_acto_en
from app.services.context import Contexto
from app.services.documentos_datos import Preparador
from app.services.documentos_exportacion import DocumentoGenerado, ExportacionDocumentos
from app.services.documentos_lectura import juicio_de
from app.services.documentos_plantillas import escribir, nombre_seguro, tipo_documento, tipos
from app.services.firmantes import exigir_firmantes, faltantes_oficina
from app.services.foliacion import agregar_documento_en
from app.services.liquidacion import liquidar_expediente
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.oficina import calendario_de
from app.storage.models import Documento, Expediente, Folio
from app.storage.models_juicio import Acto, Notificacion

log = logging.getLogger(__name__)

__all__ = ["ACTOS", "NO_FOLIADOS", "DocumentosService", "LoteGenerado"]


#: The act each document records (the document *is* the act; domain.md §2), from the registry.
ACTOS: dict[TipoDocumento, TipoActo] = registro_actos()
#: Documents that are not folios of the expediente (the registry's ``foliado`` False): the cover, the índice
#: (exports) and the acta de sorteo (an office document stored by the sorteo).
NO_FOLIADOS = no_foliados()


class LoteGenerado(list[DocumentoGenerado]):
    """The documents a batch generated, in the order asked, and the juicios left out with the reason.

    ``omitidos``: ``(juicio, reason)`` of the juicios the check before generating found blocked (no such
    juicio, another user's expediente, a stage that does not admit the document…); ``fallidos``: those that
    failed while generating (changed meanwhile…). Nothing was written for either. :attr:`saltados` is both, in
    the order asked.
    """

    def __init__(self, generados: Sequence[DocumentoGenerado] = (), fallidos: Sequence[tuple[str, str]] = (),
                 omitidos: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(generados)
        self.fallidos: list[tuple[str, str]] = list(fallidos)
        self.omitidos: list[tuple[str, str]] = list(omitidos)

    @property
    def saltados(self) -> list[tuple[str, str]]:
        """Every juicio not generated, ``(juicio, reason)``: the blocked ones first, then the failures."""
        return self.omitidos + self.fallidos

    def mensaje(self) -> str:
        """«3 documentos generados.» and, when some were left out, how many and each with its reason (at most
        50 listed)."""
        texto = f"{plural(len(self), 'documento generado')}."
        saltados = self.saltados
        if saltados:
            lineas = "\n  - ".join(f"{n}: {m}" for n, m in saltados[:50])
            mas = f"\n  … y {len(saltados) - 50} más" if len(saltados) > 50 else ""
            texto += (f" {plural(len(saltados), 'juicio')} no {segun(len(saltados), 'se generó', 'se generaron')}:"
                      f"\n  - {lineas}{mas}")
        return texto



@dataclass(frozen=True, slots=True)
class _Hecho:
    documento: Documento
    folio: Folio
    acto: Acto | None
    data: bytes
    vencimiento: date | None



def _exigir_habil(cal: Calendario, fecha: date) -> None:
    motivo = cal.motivo_inhabil(fecha)
    if motivo is not None:
        raise DiaInhabil(f"El {format_dmy(fecha)} no es día hábil ({motivo}). Confirme que el documento se fecha "
                         "ese día o cambie la fecha.")


def _permiso(tipo: TipoDocumento) -> Permiso:
    return REGISTRO[tipo].permiso



class DocumentosService(ExportacionDocumentos):
    """Generate, store, foliate and export legal documents; administer their templates (the template
    administration is :class:`~app.services.documentos_plantillas.PlantillasDocumentos`, the exports
    :class:`~app.services.documentos_exportacion.ExportacionDocumentos`)."""

    def __init__(self, ctx: Contexto) -> None:
        super().__init__(ctx)
        self._preparador = Preparador(ctx)


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

    # -- every document of an expediente ----------------------------------------------------------------
    def generar(
        self, tipo: TipoDocumento | str, numero: str, fecha: date | None = None, datos: dict[str, Any] | None = None,
        *, destino: Path | None = None, confirmar_inhabil: bool = False,
    ) -> DocumentoGenerado:
        """Generate document ``tipo`` of juicio ``numero`` dated ``fecha`` (default today, America/Guayaquil):
        check, render, foliate and, for a document that is an act, record the act — one transaction (see the
        module docstring). ``datos`` carries what the expediente alone does not say (keys per type:
        :func:`app.domain.documentos.validar_claves`; e.g. ``{"texto": …}`` for a providencia, ``{"medida_id": …}``
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
        ruta = escribir(destino or self._ruta_export(resultado.juicio, resultado.nombre_archivo), h.data)
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
            return entrada.monto(datos["saldo"], "saldo")
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
        data = render(plantilla, p.campos)
        nombre = f"{tipo.name}_{nombre_seguro(e.numero)}_{fecha.isoformat()}_foja{j.ultimo_folio + 1}.docx"
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
        data = render(plantilla, p.campos)
        conteo = self._contador.contar(plantilla, data)
        doc, _ = agregar_documento_en(
            session, self.ctx, e, tipo=tipo.name, descripcion=p.descripcion[:300], fecha=fecha, data=data,
            nombre_archivo=f"{tipo.name}_{nombre_seguro(e.numero)}_{fecha.isoformat()}_foja{j.ultimo_folio + 1}.docx",
            hojas=conteo.hojas, hojas_fuente=conteo.fuente,
        )
        return doc.id

    # -- batch ----------------------------------------------------------------------------------------------
    def generar_lote(
        self, tipo: TipoDocumento | str, numeros: Sequence[str], progress: Progress = NO_PROGRESS,
        fecha: date | None = None, datos: dict[str, Any] | None = None, *, confirmar_inhabil: bool = False,
    ) -> LoteGenerado:
        """Generate document ``tipo`` for each juicio in ``numeros`` (e.g. the RPV of the 800 expedientes of
        today's sorteo): one transaction and one .docx file per expediente, in the order given.

        Before generating anything: every number must exist, the user may act on it and, for a document that
        is an act, the act must be allowed now; the template is filled once with sample data (an unknown field
        stops the batch here). A juicio that fails a check is left out (``omitidos``, with its reason) and the
        others are generated: 5 blocked juicios do not stop a batch of 750. Only when no juicio at all can get
        the document is nothing generated and every problem listed in the error. Then each expediente is
        generated on its own: should one fail meanwhile (changed by someone else, a missing ``datos`` row…),
        nothing is written for it, it is reported in ``fallidos`` and the batch goes on. Progress is reported
        per expediente; cancelling stops before the next one and raises CancelledError (the documents already
        generated stay: each is complete and foliated).

        Raises:
            ValidationError: empty list, unknown type, or no juicio can get the document (all listed).
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
        render(self.plantilla(tipo), muestras.muestra(tipo))
        fecha = fecha or local_today()
        problemas = self._problemas_lote(tipo, unicos, fecha, datos)
        if len(problemas) == len(unicos):
            lineas = [f"{n}: {m}" for n, m in problemas]
            raise ValidationError(
                f"No se generó ningún documento ({titulo.lower()}); revise estos juicios:\n  - "
                + "\n  - ".join(lineas[:50]) + (f"\n  … y {len(lineas) - 50} más" if len(lineas) > 50 else "")
            )
        if not confirmar_inhabil and tipo not in NO_FOLIADOS:
            with self.ctx.read() as s:
                _exigir_habil(calendario_de(s, self.ctx.office_id), fecha)
        out = LoteGenerado(omitidos=problemas)
        bloqueados = {n for n, _m in problemas}
        a_generar = [n for n in unicos if n not in bloqueados]
        total = len(a_generar)
        for i, numero in enumerate(a_generar):
            progress.step(i, total, f"{titulo} {i + 1} de {total}: juicio {numero}")
            try:
                out.append(self.generar(tipo, numero, fecha, datos, confirmar_inhabil=True))
            except CancelledError:
                raise
            except AppError as exc:
                log.warning("Lote %s: juicio %s no generado: %s", tipo.value, numero, exc.message)
                out.fallidos.append((numero, exc.message))
        fin = f"{plural(len(out), 'documento generado')}: {titulo.lower()}."
        if out.saltados:
            fin += f" {plural(len(out.saltados), 'juicio omitido')}."
        progress.step(total, total, fin)
        return out

    def _problemas_lote(self, tipo: TipoDocumento, numeros: list[str], fecha: date,
                        datos: dict[str, Any]) -> list[tuple[str, str]]:
        """``(juicio, reason)`` of each juicio in ``numeros`` that cannot get document ``tipo`` now."""
        problemas: list[tuple[str, str]] = []
        with self.ctx.read() as s:
            filas = {e.numero: e for e in s.scalars(
                select(Expediente).where(Expediente.office_id == self.ctx.office_id, Expediente.numero.in_(numeros)))}
            cal = calendario_de(s, self.ctx.office_id)
            for n in numeros:
                e = filas.get(n)
                if e is None:
                    problemas.append((n, "no existe"))
                    continue
                if tipo in NO_FOLIADOS:
                    continue
                try:
                    self.ctx.exigir(_permiso(tipo), secretario_id=e.secretario_id)
                    self._validar_acto(s, tipo, e, fecha, datos, cal)
                except AppError as exc:  # permission, stage, e.g. the rate table does not cover a liquidación
                    problemas.append((n, exc.message))
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
