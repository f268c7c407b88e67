"""The bimonthly report to the Dirección Nacional de Recaudación y Gestión de Cartera (domain.md §6) as .docx
(python-docx: headings, the period's figures, charts as images, tables) and as XLSX (one sheet per table).

Pure formatting from plain data: the service (:mod:`app.services.reporte`) gathers the figures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.common.money import format_usd
from app.reports.graficos import Grafico
from app.reports.tablas import escribir_hoja


@dataclass(frozen=True, slots=True)
class Tabla:
    titulo: str
    columnas: tuple[str, ...]
    filas: list[tuple[Any, ...]]
    hoja: str


def _texto(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format_usd(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}".replace(",", ".")
    return str(getattr(v, "etiqueta", v))


def escribir_docx(path: Path, titulo: str, encabezado: Sequence[str], cifras: Sequence[tuple[str, Any]],
                  graficos: Sequence[Grafico], tablas: Sequence[Tabla], pie: str = "") -> Path:
    """Write the report: ``titulo``, the ``encabezado`` lines (office, period, date), the period's ``cifras``
    (label, value) as a two-column table, each chart as a 16 cm wide image with its note, then ``tablas``.

    Raises:
        OSError: the file cannot be written.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = s.bottom_margin = Cm(2)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(titulo, level=1)
    for linea in encabezado:
        doc.add_paragraph(linea)
    doc.add_heading("Cifras del período", level=2)
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"  # no header row: every line is a figure
    for etiqueta, valor in cifras:
        fila = t.add_row().cells
        fila[0].text = etiqueta
        fila[1].text = _texto(valor)
        fila[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading("Gráficos", level=2)
    for g in graficos:
        buf = io.BytesIO()
        g.figura.savefig(buf, format="png", dpi=150)
        buf.seek(0)
        doc.add_picture(buf, width=Cm(16))
        if g.nota and not g.nota_en_figura:
            doc.add_paragraph(g.nota).runs[0].italic = True
    for tabla in tablas:
        doc.add_heading(tabla.titulo, level=2)
        if not tabla.filas:
            doc.add_paragraph("Sin datos en el período.")
            continue
        tt = doc.add_table(rows=1, cols=len(tabla.columnas))
        tt.style = "Light Grid Accent 1"
        for c, nombre in zip(tt.rows[0].cells, tabla.columnas, strict=True):
            c.text = nombre
        for fila in tabla.filas:
            celdas = tt.add_row().cells
            for c, v in zip(celdas, fila, strict=False):
                c.text = _texto(v)
                if isinstance(v, Decimal | int) and not isinstance(v, bool):
                    c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for fila_ in tt.rows:  # eight money columns must fit 16 cm without breaking a figure
            for c in fila_.cells:
                for r in c.paragraphs[0].runs:
                    r.font.size = Pt(7.5)
    if pie:
        doc.add_paragraph(pie).runs[0].font.size = Pt(8)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def escribir_xlsx(path: Path, titulo: str, cifras: Sequence[tuple[str, Any]], tablas: Sequence[Tabla]) -> Path:
    """The same report's figures and tables as a workbook: «Resumen» then one sheet per table."""
    from openpyxl import Workbook

    wb = Workbook()
    escribir_hoja(wb.active, titulo, ("Cifra", "Valor"), list(cifras), "Resumen")
    for t in tablas:
        escribir_hoja(wb.create_sheet(), t.titulo, t.columnas,
                      [tuple(getattr(v, "etiqueta", v) for v in f) for f in t.filas], t.hoja)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
