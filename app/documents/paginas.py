"""Where a document's sheet count comes from (issue 8; domain.md §3: "the count comes from the real rendering
(LibreOffice) or from an estimator checked against it").

The estimator (:func:`app.documents.hojas.contar_hojas`) lays a .docx out without a layout engine; it matches
LibreOffice for templates built like the shipped ones, but an office that edits a template in Word (1.5 line
spacing, Calibri…) can make it print one sheet more than estimated: silent mis-foliation. So:

- a **template is verified once per content hash**: rendered (with sample data, or the first real document)
  to PDF by LibreOffice and its page count compared with the estimator's. The shipped templates carry their
  verification in ``resources/templates/verificadas.json`` (written by ``python -m tools.plantillas``
  when LibreOffice is present); an office's own templates are verified when they replace one
  (:func:`verificar_plantilla`: a disagreement refuses the template) and recorded in
  ``<datos>/plantillas/verificadas.json``;
- a document from a **verified** template is counted by the estimator (cheap: no LibreOffice run per OPI),
  source ``estimador-verificado``;
- from a template **not verified**, when LibreOffice is present, it is counted from its real PDF, source
  ``libreoffice`` — and the template gets verified on the way (estimate and PDF compared), so the next
  document is cheap if they agreed;
- without LibreOffice and without a verification, the estimator alone, source ``estimador``.

A file attached as it came (a notification's photo, a bank's answer, an expert's report) is counted by
:func:`contar_archivo`: a PDF by its pages (source ``pdf``), anything else as one sheet (source ``una-hoja``).
Every PDF is read by one counter, :func:`paginas_pdf`.

The source is stored with the document (``Documento.hojas_fuente``), so a later review knows which counts
rest on the estimator alone.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.common.errors import ConfigurationError, ValidationError
from app.documents.hojas import contar_hojas
from app.documents.pdf import convertir_pdf, libreoffice_disponible

log = logging.getLogger(__name__)

LIBREOFFICE = "libreoffice"
VERIFICADO = "estimador-verificado"
ESTIMADOR = "estimador"
PDF = "pdf"
UNA_HOJA = "una-hoja"
MANIFIESTO = "verificadas.json"


@dataclass(frozen=True, slots=True)
class Conteo:
    """``hojas`` sheets, counted by ``fuente`` (LIBREOFFICE, VERIFICADO or ESTIMADOR for a generated document;
    PDF or UNA_HOJA for an attached file)."""

    hojas: int
    fuente: str


@dataclass(frozen=True, slots=True)
class Verificacion:
    """A template checked against LibreOffice: the sheets LibreOffice printed and the estimator's."""

    sha256: str
    hojas_libreoffice: int
    hojas_estimador: int
    fecha: str

    @property
    def coincide(self) -> bool:
        return self.hojas_libreoffice == self.hojas_estimador


def paginas_pdf(pdf: bytes | Path) -> int | None:
    """Pages of a PDF (its bytes or its path), read with pypdf; None when it does not read (damaged,
    encrypted)."""
    from pypdf import PdfReader

    try:
        return len(PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf)).pages)
    except Exception as exc:
        log.info("No se pudieron contar las páginas del PDF: %s", exc)
        return None


def contar_archivo(nombre: str, data: bytes) -> Conteo:
    """Sheets an attached file occupies, with the source of the count: a PDF (by name or content), its pages
    (:data:`PDF`); a photo, an image scan or a PDF that does not read, one sheet (:data:`UNA_HOJA`)."""
    if nombre.lower().endswith(".pdf") or data[:5] == b"%PDF-":
        paginas = paginas_pdf(data)
        if paginas:
            return Conteo(paginas, PDF)
    return Conteo(1, UNA_HOJA)


def hojas_pdf(data: bytes) -> int:
    """Pages of ``data`` (.docx bytes) as LibreOffice prints them (a PDF conversion in a temporary folder).

    Raises:
        ConfigurationError: LibreOffice missing or failed, or its PDF does not read.
    """
    with tempfile.TemporaryDirectory(prefix="foja-hojas-") as tmp:
        docx = Path(tmp) / "documento.docx"
        docx.write_bytes(data)
        paginas = paginas_pdf(convertir_pdf(docx, Path(tmp)))
    if paginas is None:
        raise ConfigurationError("LibreOffice generó un PDF que no se puede leer para contar sus hojas.")
    return paginas


def sha256_de(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


class RegistroVerificaciones:
    """Verifications by template content hash, read from the shipped manifest and the office's one
    (``carpeta_oficina / verificadas.json``, written atomically). Thread-safe; cached in memory."""

    def __init__(self, carpeta_oficina: Path, carpeta_instalada: Path) -> None:
        self._oficina = carpeta_oficina / MANIFIESTO
        self._instalada = carpeta_instalada / MANIFIESTO
        self._lock = threading.Lock()
        self._datos: dict[str, Verificacion] | None = None

    def _cargar(self) -> dict[str, Verificacion]:
        if self._datos is None:
            datos: dict[str, Verificacion] = {}
            for ruta in (self._instalada, self._oficina):
                try:
                    crudo = json.loads(ruta.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                for sha, v in crudo.items():
                    try:
                        datos[sha] = Verificacion(sha, int(v["hojas_libreoffice"]), int(v["hojas_estimador"]),
                                                  str(v.get("fecha", "")))
                    except (KeyError, TypeError, ValueError):
                        log.warning("Verificación de plantilla ilegible en %s: %s", ruta, sha)
            self._datos = datos
        return self._datos

    def buscar(self, sha: str) -> Verificacion | None:
        with self._lock:
            return self._cargar().get(sha)

    def guardar(self, v: Verificacion) -> None:
        with self._lock:
            self._cargar()[v.sha256] = v
            propios = {}
            try:
                propios = json.loads(self._oficina.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                propios = {}
            propios[v.sha256] = {"hojas_libreoffice": v.hojas_libreoffice, "hojas_estimador": v.hojas_estimador,
                                 "fecha": v.fecha}
            self._oficina.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._oficina.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(propios, fh, indent=1, sort_keys=True)
            os.replace(tmp, self._oficina)


def _ahora() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ContadorHojas:
    """Counts a rendered document's sheets with the source the rules above give."""

    def __init__(self, registro: RegistroVerificaciones) -> None:
        self.registro = registro
        self._sha: dict[tuple[str, int, int], str] = {}

    def _sha_plantilla(self, plantilla: Path) -> str:
        st = plantilla.stat()
        clave = (str(plantilla), st.st_mtime_ns, st.st_size)
        if clave not in self._sha:
            self._sha[clave] = sha256_de(plantilla)
        return self._sha[clave]

    def contar(self, plantilla: Path, data: bytes) -> Conteo:
        """Sheets of ``data``, rendered from ``plantilla`` (see the module docstring for the source)."""
        sha = self._sha_plantilla(plantilla)
        v = self.registro.buscar(sha)
        if v is not None and v.coincide:
            return Conteo(contar_hojas(data), VERIFICADO)
        if not libreoffice_disponible():
            return Conteo(contar_hojas(data), ESTIMADOR)
        reales = hojas_pdf(data)
        if v is None:
            estimadas = contar_hojas(data)
            self.registro.guardar(Verificacion(sha, reales, estimadas, _ahora()))
            if estimadas != reales:
                log.warning("La plantilla %s imprime %d hojas y el estimador calcula %d: se contará con "
                            "LibreOffice.", plantilla.name, reales, estimadas)
        return Conteo(reales, LIBREOFFICE)


def verificar_plantilla(registro: RegistroVerificaciones, plantilla: Path, muestra: bytes) -> Verificacion | None:
    """Check a template an office wants to use: its rendering with sample data (``muestra``) printed by
    LibreOffice must have the sheets the estimator computes; the result is recorded by content hash. Returns
    None when LibreOffice is not installed (nothing verified: its documents will say ``estimador``).

    Raises:
        ValidationError: LibreOffice and the estimator disagree (both counts named, with the usual causes).
    """
    if not libreoffice_disponible():
        return None
    v = Verificacion(sha256_de(plantilla), hojas_pdf(muestra), contar_hojas(muestra), _ahora())
    if not v.coincide:
        raise ValidationError(
            f"La plantilla «{plantilla.name}» con los datos de ejemplo se imprime en {v.hojas_libreoffice} hojas, "
            f"pero el conteo para la foliación da {v.hojas_estimador}: los documentos se foliarían mal. Revise el "
            "interlineado (use «mínimo» o «exacto» en lugar de 1,5 o doble), la fuente (Times New Roman o Arial) "
            "y los márgenes, y vuelva a intentarlo."
        )
    registro.guardar(v)
    return v
