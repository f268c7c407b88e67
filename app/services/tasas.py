"""The office's monthly interest-rate table: import from CSV/XLSX (issue 8). The rows are added through
:meth:`app.services.liquidacion.LiquidacionService.cargar_tasas` (all or nothing; a month already loaded is
refused by name)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.common.errors import ValidationError
from app.domain.tasas_archivo import leer_tasas
from app.services.importacion import decodificar
from app.services.liquidacion import LiquidacionService, TasaRegistrada


def filas_de_archivo(ruta: Path) -> list[list[object]]:
    """The cells of the first sheet (.xlsx) or of a CSV (``;``, ``,`` or tab; UTF-8 or Windows-1252).

    Raises:
        ValidationError: missing file, unknown format, unreadable workbook.
    """
    if not ruta.is_file():
        raise ValidationError(f"No se encontró el archivo «{ruta}».")
    sufijo = ruta.suffix.lower()
    if sufijo == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(ruta, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises several kinds for a damaged file
            raise ValidationError(f"No se pudo leer «{ruta.name}» como libro de Excel: {exc}.") from exc
        try:
            return [list(f) for f in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    if sufijo not in (".csv", ".txt"):
        raise ValidationError(f"«{ruta.name}» no es CSV ni XLSX.")
    texto = decodificar(ruta.read_bytes())
    primera = texto.splitlines()[0] if texto else ""
    sep = max(";,\t", key=primera.count)
    return [list(f) for f in csv.reader(io.StringIO(texto, newline=""), delimiter=sep)]


def importar_tasas(liq: LiquidacionService, ruta: Path) -> list[TasaRegistrada]:
    """Load a rate table file into the office's table (all or nothing); returns the whole table.

    Raises:
        PermissionDenied: the user may not edit rates.
        ValidationError: the file's problems (each with its line), or months already loaded.
    """
    return liq.cargar_tasas(leer_tasas(filas_de_archivo(ruta)))
