"""Files users really feed the import (issue 9): formulas without values, a title row above the header, merged
cells, a totals row, Excel's scientific notation, a huge field, binary junk. Each gets a clear Spanish message
(or is handled) and imports nothing it should not."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.common.errors import ImportRejected, ValidationError
from app.services.bootstrap import Servicios
from app.storage.models import TituloCredito
from tests.conftest import SAMPLES

MUESTRA = SAMPLES / "titulos_ejemplo.csv"


def _filas(n: int = 3) -> list[list[str]]:
    with MUESTRA.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))[: n + 1]


def _csv(path: Path, filas: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(f) for f in filas) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, filas: list[list[object]]) -> tuple[Path, Workbook]:
    wb = Workbook()
    ws = wb.active
    for f in filas:
        ws.append(f)
    wb.save(path)
    return path, wb


def _titulos(srv: Servicios) -> int:
    with srv.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(TituloCredito)) or 0


def test_formulas_without_computed_values_say_to_save_in_excel(servicios: Servicios, tmp_path: Path) -> None:
    filas: list[list[object]] = [list(f) for f in _filas(3)]
    for i in range(2, 5):
        filas[i - 1][9] = f"=G{i}+H{i}+I{i}"  # total as a formula, saved by a program that does not calculate
    path, _ = _xlsx(tmp_path / "formulas.xlsx", filas)
    with pytest.raises(ValidationError) as e:
        servicios.importacion.importar(path)
    assert "fórmulas sin su valor calculado (celdas J2, J3, J4)" in e.value.message
    assert "guárdelo" in e.value.message and _titulos(servicios) == 0


def test_a_title_row_above_the_header_is_skipped_and_named(servicios: Servicios, tmp_path: Path) -> None:
    filas = [["TÍTULOS DE CRÉDITO REMITIDOS POR CARTERA - ENERO 2023"], [""], *_filas(3)]
    r = servicios.importacion.importar(_csv(tmp_path / "con_titulo.csv", filas))
    assert r.filas == 3
    assert r.avisos == ("Se omitió la línea 1 («TÍTULOS DE CRÉDITO REMITIDOS POR CARTERA - ENERO 2023»): es un "
                        "título sobre el encabezado, no una fila de títulos.",)


def test_merged_cells_are_named(servicios: Servicios, tmp_path: Path) -> None:
    filas: list[list[object]] = [["Títulos de enero"], *[list(f) for f in _filas(3)]]
    path, wb = _xlsx(tmp_path / "combinadas.xlsx", filas)
    ws = wb.active
    ws.merge_cells("A1:M1")  # the title on top: fine
    ws.merge_cells("L3:L5")  # the provincia written once for three rows: not fine
    wb.save(path)
    with pytest.raises(ImportRejected) as e:
        servicios.importacion.importar(path)
    assert [(p.line, p.column) for p in e.value.problems] == [(3, "(fila)")]
    assert "las celdas L3:L5 están combinadas: descombínelas" in e.value.problems[0].reason
    assert _titulos(servicios) == 0


def test_a_trailing_totals_row_is_reported_once(servicios: Servicios, tmp_path: Path) -> None:
    filas = _filas(3)
    filas.append(["TOTAL", "", "", "", "", "", "1.000,00", "100,00", "10,00", "1.110,00", "", "", ""])
    with pytest.raises(ImportRejected) as e:
        servicios.importacion.importar(_csv(tmp_path / "con_total.csv", filas))
    assert [(p.line, p.column) for p in e.value.problems] == [(5, "(fila)")]
    assert e.value.problems[0].reason.startswith("es una fila de totales")


def test_scientific_notation_is_explained(servicios: Servicios, tmp_path: Path) -> None:
    filas = _filas(2)
    filas[1][3] = "1,79E+12"
    with pytest.raises(ImportRejected) as e:
        servicios.importacion.importar(_csv(tmp_path / "cientifica.csv", filas))
    (p,) = e.value.problems
    assert p.line == 2 and p.column == "identificacion"
    assert "«1,79E+12» es notación científica de Excel, no un RUC" in p.reason and "formato Texto" in p.reason


def test_a_huge_field_is_refused_before_reading_the_whole_file(servicios: Servicios, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "enorme.csv"
    cabecera = ";".join(_filas(0)[0])
    path.write_text(cabecera + "\nTC-1;" + "x" * 300_000 + "\n", encoding="utf-8")

    def no_leer(_self: Path) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", no_leer)
    with pytest.raises(ValidationError, match=r"La línea 2 de «enorme.csv» tiene más de 65\.536 caracteres"):
        servicios.importacion.importar(path)


def test_a_file_too_big_is_refused_without_reading_it(servicios: Servicios, tmp_path: Path) -> None:
    path = tmp_path / "gigante.csv"
    with path.open("wb") as fh:  # sparse: nothing is written, the size says 100 MB
        fh.truncate(100 * 1024 * 1024)
    with pytest.raises(ValidationError, match=r"«gigante.csv» pesa 100 MB; un archivo de títulos pesa a lo más"):
        servicios.importacion.importar(path)


@pytest.mark.parametrize("contenido", [os.urandom(200_000), bytes(range(1, 32)) * 3000])
def test_binary_junk_is_refused(servicios: Servicios, tmp_path: Path, contenido: bytes) -> None:
    path = tmp_path / "basura.csv"
    path.write_bytes(contenido)
    with pytest.raises(ValidationError, match="no es un CSV de texto"):
        servicios.importacion.importar(path)
    junk = tmp_path / "basura.xlsx"
    junk.write_bytes(contenido)
    with pytest.raises(ValidationError, match=r"no es un libro de Excel \(\.xlsx\) válido"):
        servicios.importacion.importar(junk)


def test_a_workbook_saved_as_csv_is_named(servicios: Servicios, tmp_path: Path) -> None:
    path, _ = _xlsx(tmp_path / "libro.xlsx", [list(f) for f in _filas(1)])
    disfrazado = tmp_path / "libro.csv"
    disfrazado.write_bytes(path.read_bytes())
    with pytest.raises(ValidationError, match=r"es un libro de Excel con extensión \.csv"):
        servicios.importacion.importar(disfrazado)
