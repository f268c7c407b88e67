"""Tables written to XLSX (openpyxl): a chart's table view (:func:`exportar_xlsx`: a title row, bold headers,
amounts as numbers in USD format) and long listings streamed row by row (:func:`escribir_xlsx_flujo`: the
audit export, the generated títulos files), whose memory does not grow with the rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Formateado:
    """A cell value with its Excel number format (``"dd/mm/yyyy"``, ``"#,##0.00"``…)."""

    valor: Any
    formato: str


def escribir_xlsx_flujo(path: Path, hoja: str, encabezado: Sequence[str], filas: Iterable[Sequence[Any]],
                        anchos: Sequence[float], *, congelar: str | None = None) -> int:
    """Stream ``filas`` into a one-sheet workbook at ``path`` (write-only mode): sheet ``hoja``, the column
    widths ``anchos`` (characters), ``encabezado`` in bold in row 1, then each row as given; a
    :class:`Formateado` value gets its number format. ``congelar`` freezes the panes above/left of that cell
    (``"A2"``: the header). Returns the number of rows written.

    Raises:
        OSError: the file cannot be written (e.g. open in Excel). Whatever iterating ``filas`` raises
            propagates before anything is written.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(hoja)
    for i, ancho in enumerate(anchos):
        ws.column_dimensions[chr(ord("A") + i)].width = ancho
    if congelar:
        ws.freeze_panes = congelar
    negrita = Font(bold=True)
    cabecera = []
    for t in encabezado:
        c = WriteOnlyCell(ws, value=t)
        c.font = negrita
        cabecera.append(c)
    ws.append(cabecera)
    n = 0
    for fila in filas:
        celdas: list[Any] = []
        for v in fila:
            if isinstance(v, Formateado):
                c = WriteOnlyCell(ws, value=v.valor)
                c.number_format = v.formato
                celdas.append(c)
            else:
                celdas.append(v)
        ws.append(celdas)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n
