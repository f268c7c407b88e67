"""The dashboard page driven through its real widgets: charts drawn, filters, a bar's expedientes, exports,
refresh after a payment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSettings

from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from app.ui.tablero_lista import ListaBarraDialog
from app.ui.tablero_page import TableroPage
from tests.tablero_datos import Oficina, crear_oficina_tablero


@pytest.fixture
def oficina(srv: Servicios) -> Oficina:
    return crear_oficina_tablero(srv)


@pytest.fixture
def pagina(qtbot: Any, oficina: Oficina) -> TableroPage:
    p = TableroPage(oficina.srv.tablero)
    qtbot.addWidget(p)
    p.resize(1366, 700)
    p.desde.setDate(QDate(2026, 4, 1))  # each change reloads
    p.hasta.setDate(QDate(2026, 5, 1))
    p.show()
    qtbot.waitExposed(p)
    qtbot.waitUntil(p.completo)  # the charts below the first screen follow on the next event-loop turn
    return p


def test_charts_and_summary(pagina: TableroPage, qtmodeltester: Any) -> None:
    assert [t.grafico.clave for t in pagina.tarjetas] == ["recaudacion", "nacional", "etapas", "antiguedad",
                                                          "secretarios", "vencidos", "bienes", "honorarios"]
    assert all(t.canvas is not None for t in pagina.tarjetas)
    assert "recuperado en el período USD <b>390,75</b>" in pagina.resumen.text()
    assert "<b>6</b> expedientes por USD <b>8.050,00</b>" in pagina.resumen.text()
    rec = pagina.tarjetas[0]
    assert rec.modelo.rowCount() == 2 and rec.modelo.data(rec.modelo.index(1, 5)) == "140,25"
    qtmodeltester.check(rec.modelo)
    rec.boton_tabla.click()
    assert rec.pila.currentWidget() is rec.tabla and rec.boton_tabla.text() == "Gráfico"


def test_filters_narrow_the_figures(pagina: TableroPage, oficina: Oficina) -> None:
    pagina.secretario.setCurrentIndex(pagina.secretario.findData(str(oficina.secretarios[0])))
    assert pagina.filtros().secretario_id == oficina.secretarios[0]
    assert "recuperado en el período USD <b>350,50</b>" in pagina.resumen.text()
    pagina.etapa.setCurrentIndex(pagina.etapa.findData("EMBARGO"))
    assert "<b>1</b> expedientes por USD <b>2.000,00</b>" in pagina.resumen.text()


def test_a_bar_opens_its_expedientes(pagina: TableroPage, oficina: Oficina, qtbot: Any) -> None:
    etapas = pagina.tarjetas[2]
    x0, y0, x1, y1 = etapas.grafico.barras()["etapa:OPI"]
    canvas = etapas.canvas
    canvas.draw()
    x, y = etapas.grafico.figura.axes[0].transData.transform(((x0 + x1) / 2, (y0 + y1) / 2))
    abiertos: list[str] = []
    pagina.abrir.connect(abiertos.append)
    from matplotlib.backend_bases import MouseButton, MouseEvent

    MouseEvent("button_press_event", canvas, x, y, MouseButton.LEFT)._process()
    dlg = pagina.dialogo
    assert isinstance(dlg, ListaBarraDialog) and dlg.model.rowCount() == 1
    assert dlg.model.fila(0).numero == oficina.numeros["E5"]
    dlg.abrir_seleccionado()
    assert abiertos == [oficina.numeros["E5"]]


def test_each_chart_exports(pagina: TableroPage, tmp_path: Path) -> None:
    t = pagina.tarjetas[4]
    assert t.exportar(tmp_path / "s", "png").read_bytes()[:4] == b"\x89PNG"
    assert t.exportar(tmp_path / "s", "pdf").read_bytes()[:4] == b"%PDF"
    ws = load_workbook(t.exportar(tmp_path / "s", "xlsx")).active
    assert ws["A1"].value == "Recuperación por secretario-abogado frente a lo asignado"


def test_the_window_refreshes_the_dashboard_after_a_payment(qtbot: Any, oficina: Oficina,
                                                            settings: QSettings) -> None:
    w = MainWindow(oficina.srv, settings)
    qtbot.addWidget(w)
    w.show()
    w.accion_tablero.trigger()
    w.tablero.desde.setDate(QDate(2026, 4, 1))
    antes = w.tablero.datos.recuperado
    oficina.srv.pagos.registrar_abono(oficina.numeros["E1"], date(2026, 5, 20), Decimal("10.00"), "R-9")
    w.expediente.cambiado.emit(oficina.numeros["E1"])  # what the expediente page emits after a payment
    assert w.tablero.datos.recuperado == antes + Decimal("10.00")
    w.mostrar_lista()
    oficina.srv.pagos.registrar_abono(oficina.numeros["E1"], date(2026, 5, 21), Decimal("5.00"), "R-10")
    w.expediente.cambiado.emit(oficina.numeros["E1"])
    assert w.tablero._pendiente  # hidden: reloads when shown again
    w.accion_tablero.trigger()
    assert w.tablero.datos.recuperado == antes + Decimal("15.00")


def test_the_bimonthly_report_from_the_page(pagina: TableroPage, qtbot: Any, tmp_path: Path, cajas: Any) -> None:
    tarea = pagina.generar_reporte(date(2026, 4, 1), tmp_path / "r.docx")
    with qtbot.waitSignal(tarea.terminada, timeout=60000):
        pass
    assert (tmp_path / "r.docx").exists() and (tmp_path / "r.xlsx").exists()
    assert "Reporte bimensual guardado" in cajas.ultima().texto


def test_importing_the_national_table_from_the_page(pagina: TableroPage, cajas: Any) -> None:
    from tests.conftest import SAMPLES

    pagina.desde.setDate(QDate(2024, 1, 1))
    pagina.importar_tabla_nacional(SAMPLES / "recaudacion_chimborazo_2024.csv")
    assert "12 meses" in cajas.ultima().texto and "1 ajuste mostrado aparte" in cajas.ultima().texto
    assert "(con tabla nacional)" in pagina.resumen.text()
    nacional = pagina.tarjetas[1].grafico
    assert "Ajuste por reclasificación de cartera" in nacional.nota


def test_f5_or_a_sync_pull_marks_a_hidden_dashboard_for_reload(qtbot: Any, oficina: Oficina,
                                                               settings: QSettings) -> None:
    w = MainWindow(oficina.srv, settings)
    qtbot.addWidget(w)
    w.show()
    assert w.paginas.currentWidget() is w.lista
    w.accion_actualizar.trigger()  # what the sync's «datos cambiados» calls too
    assert w.tablero._pendiente


def test_a_refresh_with_nothing_changed_reads_nothing_and_a_payment_redraws_only_the_money_charts(
        pagina: TableroPage, oficina: Oficina, qtbot: Any) -> None:
    datos, graficos = pagina.datos, [t.grafico for t in pagina.tarjetas]
    pagina.refrescar()
    assert pagina.datos is datos and pagina.al_dia()  # nothing committed: no query, no redraw
    oficina.srv.pagos.registrar_abono(oficina.numeros["E1"], date(2026, 5, 20), Decimal("10.00"), "R-9")
    assert not pagina.al_dia()
    pagina.refrescar()
    assert pagina.datos is not datos and pagina.datos.recuperado == datos.recuperado + Decimal("10.00")
    cambiados = {t.grafico.clave for t, g in zip(pagina.tarjetas, graficos, strict=True) if t.grafico is not g}
    assert cambiados == {"recaudacion", "nacional"}  # the rest not yet built anew: next event-loop turns
    qtbot.waitUntil(pagina.completo)
    cambiados = {t.grafico.clave for t, g in zip(pagina.tarjetas, graficos, strict=True) if t.grafico is not g}
    assert cambiados == {"recaudacion", "nacional", "secretarios"}  # stages, ages, terms, goods, fees: as they were
    pagina.cargar(forzar=True)
    qtbot.waitUntil(pagina.completo)
    assert all(t.grafico is not g for t, g in zip(pagina.tarjetas, graficos, strict=True))


def test_the_goods_chart_opens_the_juicios_of_overdue_reports(pagina: TableroPage, oficina: Oficina,
                                                             qtbot: Any) -> None:
    from matplotlib.backend_bases import MouseButton, MouseEvent

    from tests.tablero_datos import agregar_bienes

    d1, _d2 = agregar_bienes(oficina)
    pagina.refrescar()  # a commit since the last load: the goods chart is rebuilt
    qtbot.waitUntil(pagina.completo)
    bienes = pagina.tarjetas[6]
    assert bienes.grafico.clave == "bienes" and bienes.modelo.rowCount() == 3
    assert bienes.modelo.data(bienes.modelo.index(0, 7)) == "1.500,00"  # USD in Ecuadorian format
    bienes.canvas.draw()
    aviso = next(t for t in bienes.grafico.figura.axes[0].texts if t.get_gid() == f"informes:{d1}")
    caja = aviso.get_window_extent()
    MouseEvent("button_press_event", bienes.canvas, (caja.x0 + caja.x1) / 2, (caja.y0 + caja.y1) / 2,
               MouseButton.LEFT)._process()
    assert [pagina.dialogo.model.fila(i).numero for i in range(pagina.dialogo.model.rowCount())] == \
        [oficina.numeros["E2"]]
