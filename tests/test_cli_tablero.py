"""The dashboard's commands: recaudacion importar, reporte bimensual, captura --vista tablero."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from app.cli import main
from app.common.paths import DataPaths
from app.services.bootstrap import abrir
from tests.conftest import CEDULAS, FIRMANTES, SAMPLES
from tests.tablero_datos import agregar_bienes, crear_oficina_tablero


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    d = tmp_path / "datos"
    srv = abrir(DataPaths(d))
    srv.oficina.actualizar(**FIRMANTES)  # the acta de sorteo is signed by named people (issue 8)
    try:
        for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, strict=False):
            srv.secretarios.crear(n, c)
        agregar_bienes(crear_oficina_tablero(srv))
    finally:
        srv.close()
    return d


def test_recaudacion_importar_prints_months_and_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(tmp_path / "d")
    code, out, _ = run(capsys, "recaudacion", "importar", str(SAMPLES / "recaudacion_chimborazo_2024.xlsx"),
                       "--data-dir", d)
    assert code == 0
    assert "12 meses (enero 2024, febrero 2024," in out and "diciembre 2024)" in out
    assert "Total [NC-DNRGC-DP-1]" in out and "150.251.586,37" in out and "9.175.678,45" in out
    assert "Títulos de crédito [NC-DNRGC-DP-7]" in out and "Ajuste aparte: Ajuste por reclasificación" in out


def test_recaudacion_importar_exits_2_naming_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texto = (SAMPLES / "recaudacion_chimborazo_2024.csv").read_text(encoding="utf-8")
    mala = tmp_path / "mala.csv"
    mala.write_text(texto.replace("Julio 2024;10.824.649,14", "Julio 2024;10.824.649,15"), encoding="utf-8")
    code, out, err = run(capsys, "recaudacion", "importar", str(mala), "--data-dir", str(tmp_path / "d"))
    assert code == 2 and out == ""
    assert "No se importó nada" in err and "línea 9" in err and "«Julio 2024» no cuadra" in err


def test_reporte_bimensual_writes_docx_and_xlsx(datos: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out_docx = tmp_path / "reporte.docx"
    code, out, _ = run(capsys, "reporte", "bimensual", "--desde", "04/2026", "--out", str(out_docx),
                       "--data-dir", str(datos))
    assert code == 0 and out.splitlines() == [str(out_docx), str(out_docx.with_suffix(".xlsx"))]
    doc = Document(str(out_docx))
    textos = "\n".join(p.text for p in doc.paragraphs)
    assert "Reporte bimensual de gestión de coactiva" in textos and "abril y mayo de 2026" in textos
    assert len(doc.inline_shapes) == 8  # the charts as images, goods and fees included
    cifras = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    # April 250,50 (E2) + May 100,00 (E1) + 40,25 (E4, APP): hand-computed in tests/tablero_datos.py
    assert cifras["Recuperado en el período (USD)"] == "390,75"
    assert cifras["  de ello: Acuerdo de pago (APP) (USD)"] == "40,25"
    assert cifras["Pagos registrados en el período"] == "3"
    assert cifras["Honorarios solicitados en el período (USD)"] == "0,00"
    # Goods of tests/tablero_datos.py: B1's acta is of 01/04/2026; B5 is rematado; B2's report was due 02/04.
    assert cifras["Bienes embargados o secuestrados en el período"] == "1"
    assert cifras["Bienes en los juicios (estado actual)"] == "5"
    assert cifras["  de ellos: en custodia de un depositario"] == "4"
    assert cifras["Valor estimado de los bienes en los juicios (USD)"] == "2.050,00"
    assert cifras["Informes de depositario vencidos al 31/05/2026"] == "1"
    wb = load_workbook(out_docx.with_suffix(".xlsx"))
    assert wb.sheetnames == ["Resumen", "Etapas", "Recaudación", "Secretarios", "Bienes", "Honorarios", "Nacional"]
    assert wb["Bienes"]["A4"].value == "Ana Depositaria Vélez"
    code, _, err = run(capsys, "reporte", "bimensual", "--desde", "2026-04", "--out", str(out_docx),
                       "--data-dir", str(datos))
    assert code == 2 and "mm/aaaa" in err


def test_captura_tablero_at_office_screen_size(datos: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "tablero.png"
    code, out, _ = run(capsys, "captura", "--vista", "tablero", "--out", str(png), "--data-dir", str(datos))
    assert code == 0 and out.strip() == str(png)
    with Image.open(png) as imagen:
        assert imagen.size == (1366, 768)
