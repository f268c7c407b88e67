"""Scrolling a 5,000-row list in the real main window: the view asks for pages as it reaches the bottom
(keyset pagination) and ends with every expediente once, in the order of the column the user sorted by."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from app.common.text import search_key
from app.services.bootstrap import Servicios
from app.services.generador import escribir_csv, generar_titulos
from app.ui.expedientes_model import COL_CUANTIA, COL_DEUDOR, COL_NUMERO, COL_SECRETARIO, PAGINA
from app.ui.main_window import MainWindow

N = 5000
#: After the generator's last issue date (19/12/2025): a sorteo never takes títulos issued after it.
SORTEO_GENERADOS = date(2025, 12, 22)


def _al_final(qtbot: Any, w: MainWindow) -> list[str]:
    """Scroll to the bottom until the view has nothing more to fetch; the numbers shown, top to bottom."""
    tabla, model = w.lista.tabla, w.lista.model
    vueltas = 0
    while model.canFetchMore(QModelIndex()):
        antes = model.rowCount()
        tabla.scrollToBottom()  # the view calls fetchMore when the scroll bar reaches the end
        QCoreApplication.processEvents()
        qtbot.waitUntil(lambda antes=antes: model.rowCount() > antes or not model.canFetchMore(QModelIndex()),
                        timeout=5000)
        vueltas += 1
        assert vueltas <= N // PAGINA + 2
    assert vueltas >= N // PAGINA - 1  # it did come page by page
    return [model.fila(r).numero for r in range(model.rowCount())]


def _ordenar(qtbot: Any, w: MainWindow, col: int, orden: Qt.SortOrder) -> None:
    model = w.lista.model
    w.lista.tabla.horizontalHeader().setSortIndicator(col, orden)
    qtbot.waitUntil(lambda: (model.columna_orden, model.orden) == (col, orden), timeout=10000)


@pytest.mark.slow
def test_scrolling_5000_rows_reaches_the_end_with_every_row_once_in_order(
        qtbot: Any, srv: Servicios, settings: Any, tmp_path: Path) -> None:
    srv.importacion.importar(escribir_csv(generar_titulos(N, semilla=14), tmp_path / "t.csv"))
    srv.sorteo.realizar(semilla="lista larga", fecha=SORTEO_GENERADOS)
    todos = {f.numero: f for f in srv.expedientes.buscar(limite=N + 1, solo_mios=False)}
    assert len(todos) == N

    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.lista.model.rowCount() == PAGINA

    casos = [
        (COL_NUMERO, Qt.SortOrder.DescendingOrder, lambda f: f.numero, True),
        (COL_DEUDOR, Qt.SortOrder.AscendingOrder, lambda f: (search_key(f.deudor), f.numero), False),
        (COL_CUANTIA, Qt.SortOrder.DescendingOrder, lambda f: (f.cuantia, f.numero), True),
        (COL_SECRETARIO, Qt.SortOrder.AscendingOrder, lambda f: (f.secretario, f.numero), False),
    ]
    for col, orden, clave, desc in casos:
        _ordenar(qtbot, w, col, orden)
        vistos = _al_final(qtbot, w)
        assert len(vistos) == len(set(vistos)) == N, col  # every row once
        assert set(vistos) == set(todos), col
        filas = [todos[n] for n in vistos]
        assert [clave(f) for f in filas] == sorted((clave(f) for f in filas), reverse=desc), col
        assert w.conteo.text() == "5.000 expedientes"
