"""The templates of the documents: where each one is (the office's own copy in ``<datos>/plantillas``, else the
one shipped in ``resources/templates``), the fields it may use, and the administrator's preview, replacement
and restore (an office's previous copy is kept in ``<datos>/plantillas/anteriores/``). Also the safe writing of
a .docx to disk that every document service uses (:func:`escribir`).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.common.errors import ConfigurationError, ValidationError
from app.common.paths import templates_dir
from app.common.text import plural
from app.documents.campos import catalogo, muestras
from app.documents.hojas import contar_hojas
from app.documents.paginas import ContadorHojas, RegistroVerificaciones, verificar_plantilla
from app.documents.render import render
from app.domain.documentos import REGISTRO, tipo_doc
from app.domain.permisos import Permiso
from app.domain.tipos import TipoDocumento
from app.services.context import Contexto

log = logging.getLogger(__name__)


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
class CampoPlantilla:
    """A field a template may use: ``{{ nombre }}``, what it holds and a sample value (text)."""

    nombre: str
    significado: str
    ejemplo: str

    @property
    def es_lista(self) -> bool:
        return self.ejemplo.startswith("lista")


def _ejemplo(valor: Any) -> str:
    """A sample value as the template editor's help shows it."""
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, list | tuple):
        if valor and isinstance(valor[0], dict):
            return f"lista ({plural(len(valor), 'elemento')}); cada uno con: {', '.join(valor[0])}"
        return f"lista ({plural(len(valor), 'elemento')})"
    texto = " ".join(str(valor).split())
    return texto if len(texto) <= 80 else texto[:79] + "…"


@dataclass(frozen=True, slots=True)
class PlantillaInfo:
    """A document type's template: the office's own copy (``propia``) or the one shipped."""

    tipo: TipoDocumento
    titulo: str
    archivo: str
    ruta: Path
    propia: bool




_NO_PERMITIDO = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def nombre_seguro(nombre: str) -> str:
    return _NO_PERMITIDO.sub("_", nombre).strip(" .") or "documento"


def escribir(destino: Path, data: bytes) -> Path:
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


class PlantillasDocumentos:
    """Template administration of :class:`app.services.documentos.DocumentosService` (its base): look up,
    list, preview, replace and restore the templates; count the sheets of what they render."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx
        self.verificaciones = RegistroVerificaciones(self._carpeta_propia(), templates_dir())
        self._contador = ContadorHojas(self.verificaciones)

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
        return dict(catalogo.CAMPOS[REGISTRO[tipo_documento(tipo)].plantilla])

    def campos_plantilla(self, tipo: TipoDocumento | str) -> list[CampoPlantilla]:
        """Every field a template of ``tipo`` may use, taken from the fields the document is really filled
        with (the sample ones, :func:`app.documents.campos.muestras.muestra`): its name, meaning and a sample
        value. A list (``{% for m in medidas %}``) gives the fields of one item in its sample."""
        tipo = tipo_documento(tipo)
        significados = catalogo.CAMPOS.get(REGISTRO[tipo].plantilla, {})
        out = []
        for nombre, valor in muestras.muestra(tipo).items():
            out.append(CampoPlantilla(nombre, significados.get(nombre, ""), _ejemplo(valor)))
        return sorted(out, key=lambda c: c.nombre)

    def vista_previa(self, tipo: TipoDocumento | str, ruta: Path | None = None) -> Path:
        """Fill the template of ``tipo`` (``ruta``, or the one in use) with built-in sample data (a persona
        jurídica with its representante legal, two co-obligados, every list with items:
        :func:`app.documents.campos.muestras.muestra`) into a temporary .docx, and return its path (to open it).

        Raises:
            ValidationError: the template uses an unknown field (named), has a malformed tag or is not a .docx.
            ConfigurationError: the template file does not exist.
        """
        tipo = tipo_documento(tipo)
        plantilla = ruta if ruta is not None else self.plantilla(tipo)
        data = render(plantilla, muestras.muestra(tipo))
        contar_hojas(data)
        carpeta = Path(tempfile.gettempdir()) / "foja-vista-previa"
        return escribir(carpeta / f"Vista_previa_{tipo.value}.docx", data)

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
        data = render(ruta, muestras.muestra(tipo))
        contar_hojas(data)
        verificar_plantilla(self.verificaciones, ruta, data)
        destino = self._carpeta_propia() / REGISTRO[tipo].plantilla
        self._respaldar(destino)
        escribir(destino, ruta.read_bytes())
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

