"""Build the default .docx templates shipped in ``resources/templates/`` (python-docx).

Run once to (re)generate them::

    python -m tools.plantillas            # writes into resources/templates/
    python -m tools.plantillas /otra/ruta # writes elsewhere (e.g. an office folder)

The generated files are ordinary Word documents with docxtpl/Jinja tags (``{{ juicio_numero }}``,
``{%tr for a in asignaciones %}`` …). An office may open them in Word or LibreOffice, change wording,
letterhead or logo, and save them in its override folder (``<datos>/plantillas``); the program then
uses the office's copy (see :meth:`app.services.documentos.DocumentosService.plantilla`). A tag that is
not one of the fields listed in :data:`app.documents.campos.catalogo.CAMPOS` is rejected with its name when
the document is generated.

One builder per :class:`~app.domain.tipos.TipoDocumento` (:data:`CONSTRUCTORES`, keyed by template file),
grouped by document family: providencias, razones and autos (:mod:`tools.plantillas.providencias`),
oficios (:mod:`tools.plantillas.oficios`), actas of goods and the remate
(:mod:`tools.plantillas.actas`), money documents (:mod:`tools.plantillas.valores`) and the
documents of the expediente itself (:mod:`tools.plantillas.expediente`). The
blocks every document of an expediente shares are built once in :mod:`tools.plantillas.bloques`:
the letterhead and page footer (``_membrete``), the juicio header with the coactivado, his representante
legal and each co-obligado (``_encabezado``), the «JUZGADO DE COACTIVA …- Ciudad, fecha.-» opening of a
providencia (``_JUZGADO``), tables of amounts and of lists (``_tabla_valores``, ``_tabla_lista``), razones
(``_razon``) and the signatures (``_firmas``, ``_firma``); oficios share ``_oficio`` and actas of goods
``_acta_bienes``. The fields each template receives are built by :mod:`app.documents.campos`.

Layout (all templates): A4 (21 × 29,7 cm); margins top 3,5 cm (the letterhead lives in the page
header), bottom 2,5 cm, left 3 cm (binding side of the expediente), right 2,5 cm; Times New Roman
12 pt (LibreOffice uses the metric-compatible Liberation Serif) with line height *at least* 14 pt, so
that Word and LibreOffice break pages alike; page numbers in the footer ("Página X de Y").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx import Document

from app.common.paths import templates_dir
from app.documents.campos.catalogo import ACTA_SORTEO, INDICE, OPI, archivo
from app.domain.tipos import TipoDocumento
from tools.plantillas.actas import (
    construir_acta_embargo,
    construir_acta_remate,
    construir_acta_secuestro,
    construir_aviso_remate,
)
from tools.plantillas.bienes import (
    construir_acta_posesion,
    construir_calificacion_posturas,
    construir_designacion_perito,
)
from tools.plantillas.expediente import (
    construir_acta_sorteo,
    construir_caratula,
    construir_indice,
)
from tools.plantillas.honorarios import construir_orden_pago_honorarios
from tools.plantillas.legales import construir_auto_archivo, construir_titulo_credito
from tools.plantillas.oficios import (
    construir_oficio_ant,
    construir_oficio_levantamiento,
    construir_oficio_registro,
    construir_oficio_retencion,
)
from tools.plantillas.providencias import (
    construir_auto_suspension,
    construir_opi,
    construir_providencia,
    construir_razon_archivo,
    construir_razon_no_pago,
    construir_razon_notificacion,
    construir_rpv,
)
from tools.plantillas.valores import construir_liquidacion

#: One builder per template file (every :class:`~app.domain.tipos.TipoDocumento`).
CONSTRUCTORES: dict[str, Callable[[], Document]] = {
    archivo(TipoDocumento.RPV): construir_rpv,
    archivo(TipoDocumento.RAZON_NO_PAGO): construir_razon_no_pago,
    OPI: construir_opi,
    archivo(TipoDocumento.RAZON_NOTIFICACION): construir_razon_notificacion,
    archivo(TipoDocumento.OFICIO_RETENCION): construir_oficio_retencion,
    archivo(TipoDocumento.OFICIO_ANT): construir_oficio_ant,
    archivo(TipoDocumento.OFICIO_REGISTRO): construir_oficio_registro,
    archivo(TipoDocumento.OFICIO_LEVANTAMIENTO): construir_oficio_levantamiento,
    archivo(TipoDocumento.PROVIDENCIA): construir_providencia,
    archivo(TipoDocumento.ACTA_EMBARGO): construir_acta_embargo,
    archivo(TipoDocumento.ACTA_SECUESTRO): construir_acta_secuestro,
    archivo(TipoDocumento.LIQUIDACION): construir_liquidacion,
    archivo(TipoDocumento.AVISO_REMATE): construir_aviso_remate,
    archivo(TipoDocumento.ACTA_REMATE): construir_acta_remate,
    archivo(TipoDocumento.RAZON_ARCHIVO): construir_razon_archivo,
    archivo(TipoDocumento.AUTO_SUSPENSION): construir_auto_suspension,
    archivo(TipoDocumento.TITULO_CREDITO): construir_titulo_credito,
    archivo(TipoDocumento.AUTO_ARCHIVO): construir_auto_archivo,
    archivo(TipoDocumento.CARATULA): construir_caratula,
    INDICE: construir_indice,
    ACTA_SORTEO: construir_acta_sorteo,
    archivo(TipoDocumento.ACTA_POSESION): construir_acta_posesion,
    archivo(TipoDocumento.DESIGNACION_PERITO): construir_designacion_perito,
    archivo(TipoDocumento.CALIFICACION_POSTURAS): construir_calificacion_posturas,
    archivo(TipoDocumento.ORDEN_PAGO_HONORARIOS): construir_orden_pago_honorarios,
}


def generar(destino: Path | None = None, *, verificar_con_libreoffice: bool = True) -> list[Path]:
    """Write the default templates into ``destino`` (default: ``resources/templates``) and, with LibreOffice,
    their verification manifest (:func:`verificar`).

    Returns the written paths. Overwrites existing files of the same name.
    """
    destino = destino or templates_dir()
    destino.mkdir(parents=True, exist_ok=True)
    out = []
    for nombre, construir in CONSTRUCTORES.items():
        path = destino / nombre
        construir().save(str(path))
        out.append(path)
    if verificar_con_libreoffice:
        verificar(destino)
    return out


def verificar(carpeta: Path) -> list[str]:
    """Verify every template in ``carpeta`` against LibreOffice (sample data; :mod:`app.documents.paginas`)
    and record the agreements in ``carpeta/verificadas.json``; returns the templates that disagree (their
    documents will be counted from the real PDF). Without LibreOffice, verifies nothing."""
    from app.common.errors import ValidationError
    from app.documents.campos.muestras import muestra
    from app.documents.paginas import MANIFIESTO, RegistroVerificaciones, verificar_plantilla
    from app.documents.render import render
    from app.domain.documentos import REGISTRO

    (carpeta / MANIFIESTO).unlink(missing_ok=True)
    registro = RegistroVerificaciones(carpeta, carpeta)
    malas = []
    for tipo, d in REGISTRO.items():
        ruta = carpeta / d.plantilla
        try:
            verificar_plantilla(registro, ruta, render(ruta, muestra(tipo)))
        except ValidationError as exc:
            malas.append(f"{d.plantilla}: {exc.message}")
    return malas


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for p in generar(Path(args[0]) if args else None):
        print(p)
    return 0  # verificar() printed nothing: disagreements are logged and left to the LibreOffice count
