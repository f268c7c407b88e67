"""A chart's table view written to XLSX (openpyxl): a title row, bold headers, amounts as numbers in USD format."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

FORMATO_USD = "#,##0.00"


def exportar_xlsx(titulo: str, columnas: Sequence[str], filas: Sequence[Sequence[Any]], path: Path,
                  hoja: str = "Tabla") -> Path:
    """Write one sheet: ``titulo`` in A1, the header in row 3, then ``filas`` (Decimal -> number with two
    decimals, int -> integer, None -> empty). Returns ``path``.

    Raises:
        OSError: the file cannot be written (e.g. open in Excel).
    """
    from openpyxl import Workbook

    wb = Workbook()
    escribir_hoja(wb.active, titulo, columnas, filas, hoja)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def escribir_hoja(ws: Any, titulo: str, columnas: Sequence[str], filas: Sequence[Sequence[Any]], hoja: str) -> None:
    """Fill worksheet ``ws`` (named ``hoja``, at most 31 characters as Excel allows) with one table."""
    from openpyxl.styles import Font

    ws.title = hoja[:31]
    ws["A1"] = titulo
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(list(columnas))
    for c in ws[3]:
        c.font = Font(bold=True)
    for r, fila in enumerate(filas, start=4):
        ws.append([float(v) if isinstance(v, Decimal) else v for v in fila])
        for c, v in enumerate(fila, start=1):  # ws.cell is a lookup; ws[max_row] would rescan the sheet
            if isinstance(v, Decimal):
                ws.cell(row=r, column=c).number_format = FORMATO_USD
    for i, nombre in enumerate(columnas, start=1):
        ancho = max([len(str(nombre))] + [len(str(f[i - 1])) for f in filas if i - 1 < len(f)])
        ws.column_dimensions[ws.cell(row=3, column=i).column_letter].width = min(60, ancho + 3)
    ws.freeze_panes = "A4"
