"""XLSX export of plain rows (the inventory of seized goods and its overdue reports): one sheet per table,
bold frozen header, filters, money and dates as real Excel numbers and dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.common.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Hoja:
    """A sheet: ``titulo`` (max 31 characters), ``columnas`` (header, width in characters) and ``filas``
    (str, int, Decimal USD or date values)."""

    titulo: str
    columnas: Sequence[tuple[str, int]]
    filas: Sequence[Sequence[Any]]


def escribir_xlsx(destino: Path, hojas: Sequence[Hoja]) -> int:
    """Write ``hojas`` to ``destino`` (atomically: a temporary file renamed at the end). Returns the number of
    rows written (all sheets).

    Raises:
        ValidationError: the file cannot be written (folder missing, file open in Excel…).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    total = 0
    for h in hojas:
        ws = wb.create_sheet(h.titulo[:31])
        ws.append([c for c, _ in h.columnas])
        for celda in ws[1]:
            celda.font = Font(bold=True)
            celda.fill = PatternFill("solid", fgColor="DDE3EA")
        for i, (_c, ancho) in enumerate(h.columnas, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = ancho
        for r, fila in enumerate(h.filas, start=2):
            ws.append([float(v) if isinstance(v, Decimal) else v for v in fila])
            for c, v in enumerate(fila, start=1):  # ws.cell is a lookup; ws[max_row] would rescan the sheet
                if isinstance(v, Decimal):
                    ws.cell(row=r, column=c).number_format = "#,##0.00"
                elif isinstance(v, date):
                    ws.cell(row=r, column=c).number_format = "DD/MM/YYYY"
            total += 1
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    tmp = destino.with_name(destino.name + ".tmp")
    try:
        destino.parent.mkdir(parents=True, exist_ok=True)
        wb.save(str(tmp))
        tmp.replace(destino)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ValidationError(f"No se pudo escribir «{destino}»: {exc.strerror or exc}.") from exc
    return total
