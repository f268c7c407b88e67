"""The expedientes list in the real main window: lazy paging, SQL search as you type, SQL sort."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtTest import QTest

from app.services.bootstrap import Servicios
from app.ui.expedientes_model import COL_CUANTIA, COL_DEUDOR, COL_IDENTIFICACION, COL_NUMERO
from app.ui.main_window import MainWindow
from tests.ui.conftest import FECHA_SORTEO, Cajas
from tests.ui.datos import crear_titulos


def _buscar(qtbot: Any, w: MainWindow, texto: str) -> None:
    """Type ``texto`` in the search box and wait for the debounced SQL query."""
    page = w.lista
    page.busqueda.clear()
    for ch in texto:  # QTest only types ASCII; other characters arrive as an input method would put them
        if ch.isascii():
            qtbot.keyClick(page.busqueda, ch)
        else:
            page.busqueda.insert(ch)
    qtbot.waitUntil(lambda: page.model.texto == texto.strip(), timeout=3000)


def test_list_loads_first_page_and_more_on_scroll(qtbot: Any, srv: Servicios, settings: Any) -> None:
    crear_titulos(srv, 448)
    srv.sorteo.realizar(semilla="lista", fecha=FECHA_SORTEO)
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    model = w.lista.model
    assert model.rowCount() == 200
    assert w.conteo.text() == "200 de 450 expedientes"
    w.lista.tabla.scrollToBottom()  # the view asks for the next page
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=3000)
    assert w.conteo.text() == "400 de 450 expedientes"


def test_search_as_you_type_by_ruc_name_and_number(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    model = ventana.lista.model
    assert model.total == 62

    _buscar(qtbot, ventana, "17600046")  # RUC prefix
    assert model.total == sorteados.expedientes.contar("17600046") >= 1
    assert all(model.fila(r).identificacion.startswith("17600046") for r in range(model.rowCount()))
    assert ventana.conteo.text() == f"{model.total} expediente{'s' if model.total > 1 else ''}"

    _buscar(qtbot, ventana, "nunez")  # name, accents and case ignored
    assert model.rowCount() == 1
    assert model.data(model.index(0, COL_DEUDOR)) == "José Núñez Yépez"
    assert model.data(model.index(0, COL_IDENTIFICACION)) == "1710034065"

    _buscar(qtbot, ventana, "empresa ñan")  # prefix of the full name
    assert {model.fila(r).deudor for r in range(model.rowCount())} == {"Empresa Ñandú S.A."}

    _buscar(qtbot, ventana, "0601-2025-0006")  # juicio number prefix
    assert [model.fila(r).numero for r in range(model.rowCount())] == ["0601-2025-00060", "0601-2025-00061",
                                                                        "0601-2025-00062"]

    _buscar(qtbot, ventana, "zzzz")
    assert model.rowCount() == 0
    assert ventana.conteo.text() == "Ningún expediente coincide con la búsqueda"


def test_a_broad_search_shows_its_first_page_then_its_exact_count(qtbot: Any, srv: Servicios,
                                                                  settings: Any) -> None:
    """More matches than the list counts at once: the first page comes with «más de N», the exact count
    follows by itself."""
    crear_titulos(srv, 448)
    srv.sorteo.realizar(semilla="lista", fecha=FECHA_SORTEO)
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    model = w.lista.model
    model.tope_conteo = 300
    w.accion_actualizar.trigger()  # F5: the whole office again, 450 expedientes
    assert model.rowCount() == 200
    assert w.conteo.text() == "200 de más de 300 expedientes"
    qtbot.waitUntil(lambda: w.conteo.text() == "200 de 450 expedientes", timeout=10000)
    assert model.total == 450 and model.total_exacto

    model.tope_conteo = 1000
    _buscar(qtbot, w, "0601-2025-001")  # few matches: exact at once
    assert model.total_exacto and w.conteo.text() == f"{model.total} expedientes"


def test_search_waits_for_the_user_to_stop_typing(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                  monkeypatch: Any) -> None:
    consultas: list[str] = []
    original = sorteados.expedientes.primera_pagina
    monkeypatch.setattr(sorteados.expedientes, "primera_pagina",
                        lambda t="", *a, **k: consultas.append(t) or original(t, *a, **k))
    qtbot.keyClicks(ventana.lista.busqueda, "nunez")
    qtbot.waitUntil(lambda: ventana.lista.model.texto == "nunez", timeout=3000)
    assert consultas == ["nunez"]  # one query for five keystrokes


def _ordenar(qtbot: Any, w: MainWindow, col: int, orden: Qt.SortOrder) -> None:
    """Set the header's sort indicator (as a header click does) and wait for the SQL re-query."""
    model = w.lista.model
    w.lista.tabla.horizontalHeader().setSortIndicator(col, orden)
    qtbot.waitUntil(lambda: (model.columna_orden, model.orden) == (col, orden), timeout=5000)


def test_sort_by_cuantia_descending_puts_the_biggest_first(qtbot: Any, sorteados: Servicios,
                                                           ventana: MainWindow) -> None:
    model = ventana.lista.model
    _ordenar(qtbot, ventana, COL_CUANTIA, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, COL_CUANTIA)) == "987.654,32"
    assert model.fila(0).deudor == "Empresa Ñandú S.A."
    cuantias = [model.fila(r).cuantia for r in range(model.rowCount())]
    assert cuantias == sorted(cuantias, reverse=True)
    _ordenar(qtbot, ventana, COL_CUANTIA, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, COL_CUANTIA)) == "12,50"
    _ordenar(qtbot, ventana, COL_NUMERO, Qt.SortOrder.AscendingOrder)
    assert model.fila(0).numero == "0601-2025-00001"


def test_header_click_sorts(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    header = ventana.lista.tabla.horizontalHeader()
    x = header.sectionViewportPosition(COL_CUANTIA) + 5
    model = ventana.lista.model
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: model.columna_orden == COL_CUANTIA, timeout=5000)
    primera = (model.orden, model.fila(0).cuantia)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))  # the other way round
    qtbot.waitUntil(lambda: model.orden != primera[0], timeout=5000)
    assert model.fila(0).cuantia != primera[1]
    assert header.sortIndicatorSection() == COL_CUANTIA


def test_ctrl_f_focuses_search_and_enter_opens(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    qtbot.keyClick(ventana, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ventana.lista.busqueda.hasFocus()
    qtbot.keyClicks(ventana.lista.busqueda, "nunez")
    qtbot.keyClick(ventana.lista.busqueda, Qt.Key.Key_Return)  # search now, focus the table
    assert ventana.lista.tabla.hasFocus()
    qtbot.waitUntil(lambda: ventana.lista.model.texto == "nunez", timeout=5000)
    assert ventana.lista.model.rowCount() == 1
    assert ventana.lista.numero_seleccionado() == ventana.lista.model.fila(0).numero  # Enter, Enter opens
    qtbot.keyClick(ventana.lista.tabla, Qt.Key.Key_Return)
    assert ventana.paginas.currentWidget() is ventana.expediente
    assert ventana.expediente.campos["deudor"].text() == "José Núñez Yépez"
    qtbot.keyClick(ventana.expediente.tabla, Qt.Key.Key_Escape)
    assert ventana.paginas.currentWidget() is ventana.lista
    assert ventana.lista.numero_seleccionado() == ventana.expediente.numero


def test_ctrl_o_opens_selected(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    ventana.lista.tabla.selectRow(2)
    numero = ventana.lista.model.fila(2).numero
    qtbot.keyClick(ventana.lista.tabla, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert ventana.expediente.numero == numero
    assert ventana.paginas.currentWidget() is ventana.expediente


def test_f5_refreshes(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    assert ventana.lista.model.total == 62
    crear_titulos(sorteados, 3, semilla=99, deudores_fijos=False, prefijo="TC-2025B")
    sorteados.sorteo.realizar(semilla="otra", fecha=FECHA_SORTEO)
    qtbot.keyClick(ventana, Qt.Key.Key_F5)
    assert ventana.lista.model.total == 65
    assert not ventana.lista.model.canFetchMore(QModelIndex())


def test_a_newer_search_supersedes_an_older_one(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    model = ventana.lista.model
    aplicadas: list[tuple[int, int]] = []
    model.conteo_cambiado.connect(lambda c, t: aplicadas.append((c, t)))
    for texto in ("empresa", "17600046", "nunez"):
        model.solicitar(texto)
    qtbot.waitUntil(lambda: model.texto == "nunez", timeout=5000)
    model.esperar()  # the superseded queries have finished (or were skipped) by now
    QCoreApplication.sendPostedEvents()  # deliver any late result of theirs (to be dropped)
    assert aplicadas == [(1, 1)]  # only the last request reached the list


def test_a_failing_search_shows_the_error(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas,
                                          monkeypatch: Any) -> None:
    from app.common.errors import ValidationError

    def falla(_t: str = "", *_a: object, **_k: object) -> int:
        raise ValidationError("La base de datos está ocupada; intente de nuevo.")

    monkeypatch.setattr(sorteados.expedientes, "primera_pagina", falla)
    with qtbot.waitSignal(ventana.lista.model.error, timeout=5000):
        ventana.lista.model.solicitar("nunez")
    assert cajas.ultima().texto == "La base de datos está ocupada; intente de nuevo."
    assert ventana.lista.model.texto == ""  # the list keeps what it showed
    assert ventana.lista.model.pedido.texto == ""
