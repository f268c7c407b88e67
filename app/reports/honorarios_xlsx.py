"""XLSX export of the fee requests (plain data in, a workbook out): one row per request and the totals."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FilaHonorarios:
    """One request as exported (USD)."""

    fecha: date
    juicio: str
    deudor: str
    secretario: str
    cedula: str
    estado: str
    recuperado: Decimal
    excluido: Decimal
    base: Decimal
    honorario: Decimal
    iva: Decimal
    total: Decimal
    fecha_estado: date | None
    detalle: str


ENCABEZADO = ["Fecha de solicitud", "Juicio", "Coactivado", "Secretario-abogado", "Cédula", "Estado", "Recuperado",
              "Sin honorarios", "Base", "Honorarios", "IVA", "Total", "Fecha del estado", "Motivo / comprobante"]
ANCHOS = [14, 18, 40, 32, 13, 20, 14, 14, 14, 13, 11, 13, 14, 50]


def escribir(path: Path, filas: Sequence[FilaHonorarios], titulo: str, totales: Sequence[tuple[str, Decimal]]) -> Path:
    """Write ``filas`` (and ``totales``: label, USD) to ``path`` atomically; returns ``path``.

    Raises:
        OSError: the file cannot be written (the caller turns it into a Spanish message).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Honorarios"
    ws.append([titulo])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(ENCABEZADO)
    for c in ws[2]:
        c.font = Font(bold=True)
    for i, w in enumerate(ANCHOS):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "A3"
    for f in filas:
        ws.append([f.fecha, f.juicio, f.deudor, f.secretario, f.cedula, f.estado, f.recuperado, f.excluido, f.base,
                   f.honorario, f.iva, f.total, f.fecha_estado, f.detalle])
    for fila in ws.iter_rows(min_row=3, max_row=ws.max_row):
        fila[0].number_format = "DD/MM/YYYY"
        fila[12].number_format = "DD/MM/YYYY"
        for c in fila[6:12]:
            c.number_format = "#,##0.00"
    ws.append([])
    for etiqueta, valor in totales:
        ws.append([etiqueta, None, None, None, None, None, None, None, None, None, None, valor])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.cell(ws.max_row, 12).number_format = "#,##0.00"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".xlsx")
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
