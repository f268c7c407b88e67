"""Ctrl+E writes the list the user sees to an XLSX: same columns (moved or hidden ones respected), same rows
in the same order (the current search and sort), amounts as numbers and dates as dates (issue 11)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.services.bootstrap import Servicios
from app.ui.expedientes_model import COL_CUANTIA, COL_FECHA_INICIO, COL_IDENTIFICACION, COL_SECRETARIO
from app.ui.exportar import interpretar
from app.ui.main_window import MainWindow
from tests.ui.conftest import FECHA_SORTEO


def _guardar_en(monkeypatch: pytest.MonkeyPatch, ruta: Path) -> list[str]:
    sugeridos: list[str] = []

    def elegir(_parent: Any, _titulo: str, sugerido: str, _filtro: str) -> tuple[str, str]:
        sugeridos.append(sugerido)
        return str(ruta), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", elegir)
    return sugeridos


def _leer(ruta: Path) -> list[list[Any]]:
    ws = load_workbook(ruta).active
    return [[c.value for c in fila] for fila in ws.iter_rows()]


def test_ctrl_e_exports_the_expedientes_as_seen(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    page = ventana.lista
    model = page.model
    # The user searched, sorted by cuantía (biggest first), hid the secretario and moved the cédula first.
    page.busqueda.setText("0601-2025-0001")  # juicios 00010 to 00019
    qtbot.waitUntil(lambda: model.texto == "0601-2025-0001", timeout=5000)
    page.tabla.sortByColumn(COL_CUANTIA, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.columna_orden == COL_CUANTIA and model.orden == Qt.SortOrder.DescendingOrder,
                    timeout=5000)
    header = page.tabla.horizontalHeader()
    header.hideSection(COL_SECRETARIO)
    header.moveSection(header.visualIndex(COL_IDENTIFICACION), 0)
    assert model.rowCount() == model.total == 10  # the search kept 10 of the 62

    ruta = tmp_path / "lista.xlsx"
    sugeridos = _guardar_en(monkeypatch, ruta)
    page.tabla.setFocus()
    qtbot.keyClick(page.tabla, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(page.tabla, Qt.Key.Key_Control)  # the user lets go of Ctrl (Qt keeps it pressed otherwise)
    qtbot.waitUntil(lambda: ruta.exists() and "Exportado a Excel" in ventana.statusBar().currentMessage(),
                    timeout=30000)
    assert Path(sugeridos[0]).name.startswith("Expedientes ")

    filas = _leer(ruta)
    visibles = [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(
        header.logicalIndex(v))]
    assert filas[0] == [model.headerData(c, Qt.Orientation.Horizontal) for c in visibles]
    assert filas[0][0] == "Cédula / RUC" and "Secretario-abogado" not in filas[0]
    assert len(filas) - 1 == model.rowCount()
    i_cuantia, i_fecha = visibles.index(COL_CUANTIA), visibles.index(COL_FECHA_INICIO)
    for r, fila in enumerate(filas[1:]):
        f = model.fila(r)
        assert isinstance(fila[i_cuantia], float | int) and Decimal(str(fila[i_cuantia])) == f.cuantia
        assert isinstance(fila[i_fecha], datetime) and fila[i_fecha].date() == f.fecha_inicio == FECHA_SORTEO
        shown = [model.data(model.index(r, c)) for c in visibles]
        for j, c in enumerate(visibles):
            if c not in (COL_CUANTIA, COL_FECHA_INICIO):
                assert fila[j] == shown[j], (r, c)
    cuantias = [fila[i_cuantia] for fila in filas[1:]]
    assert cuantias == sorted(cuantias, reverse=True)
    assert filas[1][0] == model.fila(0).identificacion  # a cédula keeps its leading zero: text


def test_ctrl_e_exports_a_tab_of_the_expediente(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    numero = ventana.lista.model.fila(0).numero
    sorteados.pagos.registrar_costa(numero, FECHA_SORTEO, "Publicación por la prensa", Decimal("1234.56"))
    ventana.abrir_expediente(numero)
    p = ventana.expediente
    p.ir_a(p.pagos)
    ruta = tmp_path / "costas"
    _guardar_en(monkeypatch, ruta)
    p.pagos.tabla_costas.setFocus()
    ventana.exportador.accion.trigger()
    destino = tmp_path / "costas.xlsx"  # the extension is added
    qtbot.waitUntil(destino.exists, timeout=30000)
    filas = _leer(destino)
    assert len(filas) == 2
    assert "Publicación por la prensa" in filas[1] and 1234.56 in filas[1]


def test_shown_text_read_back_as_values() -> None:
    assert interpretar("1.234,56") == Decimal("1234.56")
    assert interpretar("USD 12,50") == Decimal("12.50")
    assert interpretar("-3,00") == Decimal("-3.00")
    assert interpretar("07/03/2025") == date(2025, 3, 7)
    assert interpretar("0601234567") == "0601234567"  # a cédula stays text
    assert interpretar("0601-2025-00042") == "0601-2025-00042"
    assert interpretar("12", numerica=True) == 12 and interpretar("1.200", numerica=True) == 1200
    assert interpretar("12") == "12"
