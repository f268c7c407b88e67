"""``python -m app inventario`` and ``captura --vista bienes`` on an office with seized goods."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QImage

from app.cli import main
from app.common.paths import DataPaths
from app.services.bienes import NuevoBien
from app.services.bootstrap import abrir
from tests.conftest import CEDULAS
from tests.services.bienes_helpers import VIN, juicio_embargado


@pytest.fixture
def oficina(tmp_path: Path) -> Path:
    datos = tmp_path / "datos"
    srv = abrir(DataPaths(datos))
    try:
        for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, strict=False):
            srv.secretarios.crear(n, c, genero="F" if n.startswith("Ana") else "M")
        j, acta = juicio_embargado(srv)
        srv.bienes.registrar(j, acta.documento_id, NuevoBien(
            "VEHICULO", valor_estimado="900", campos={"placa": "PBA1234", "chasis": VIN, "marca": "Chevrolet",
                                                      "modelo": "D-Max", "anio": "2019"}))
    finally:
        srv.close()
    return datos


def test_inventario_xlsx(oficina: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "inv.xlsx"
    assert main(["inventario", "--out", str(out), "--data-dir", str(oficina)]) == 0
    assert ": 1 bien; 0 informes de depositario vencidos" in capsys.readouterr().out
    filas = list(load_workbook(out)["Inventario"].iter_rows(values_only=True))
    assert filas[1][5] == "PBA-1234" and filas[1][9] == "Embargado"
    assert main(["inventario", "--out", str(out), "--estado", "rematado", "--data-dir", str(oficina)]) == 0
    assert len(list(load_workbook(out)["Inventario"].iter_rows())) == 1
    assert main(["inventario", "--out", str(out), "--estado", "perdido", "--data-dir", str(oficina)]) == 2
    assert "Estado «perdido» desconocido" in capsys.readouterr().err


def test_captura_de_bienes(oficina: Path, tmp_path: Path) -> None:
    out = tmp_path / "bienes.png"
    assert main(["captura", "--vista", "bienes", "--out", str(out), "--data-dir", str(oficina)]) == 0
    img = QImage(str(out))
    assert not img.isNull() and img.width() == 1280
