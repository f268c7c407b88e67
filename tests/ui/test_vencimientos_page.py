"""Vencimientos: an overdue term is listed (per secretario and for the office), colored, sortable, and a
double click opens its expediente; Esc goes back to the view."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence

from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.services.vencimientos import EstadoVencimiento
from app.ui.capture import capturar
from app.ui.main_window import MainWindow
from app.ui.vencimientos_page import COL_DESCRIPCION, COL_ESTADO, COL_JUICIO, COL_VENCE, COLORES

TZ = ZoneInfo("America/Guayaquil")


def _opi_notificada(srv: Servicios, numero: str) -> None:
    """RPV of 14/05/2025 notified the same day (its término runs to 29/05/2025), the OPI of 02/06/2025
    notified on 03/06/2025: its 3-día término ran out on 06/06/2025."""
    srv.documentos.generar(TipoDocumento.RPV, numero, date(2025, 5, 14))
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                 fecha_hora=datetime(2025, 5, 14, 15, 0, tzinfo=TZ),
                                 direccion="Av. Daniel León Borja 24-15")
    srv.documentos.generar(TipoDocumento.OPI, numero, date(2025, 6, 2))
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 6, 3, 9, 0, tzinfo=TZ),
                                 direccion="Av. Daniel León Borja 24-15", efectiva=True)


def test_overdue_term_listed_and_opened_with_double_click(qtbot: Any, sorteados: Servicios,
                                                          ventana: MainWindow) -> None:
    fila = ventana.lista.model.fila(3)
    _opi_notificada(sorteados, fila.numero)
    assert ventana.accion_vencimientos.shortcut() == QKeySequence("Ctrl+T")
    ventana.accion_vencimientos.trigger()
    v = ventana.vencimientos
    assert ventana.paginas.currentWidget() is v

    # Overdue only: the OPI's término among the términos; the secretarios' 180-day plazos are apart.
    v.botones_alcance["vencidos"].click()
    assert v.alcance_actual == "vencidos"
    assert v.proxy.rowCount() == 1
    idx = v.proxy.index(0, COL_ESTADO)
    assert v.proxy.data(idx) == "Vencido"
    assert v.proxy.data(idx, Qt.ItemDataRole.ForegroundRole) == COLORES[EstadoVencimiento.VENCIDO]
    assert v.proxy.data(v.proxy.index(0, COL_VENCE)) == "06/06/2025"
    assert v.proxy.data(v.proxy.index(0, COL_JUICIO)) == fila.numero
    assert "Término para pagar o dimitir bienes" in v.proxy.data(v.proxy.index(0, COL_DESCRIPCION))
    assert "vencidos 1" in v.resumen.text()

    # Per secretario: his own view has it, another's does not.
    secretarios = {x.nombres: x.cedula for x in sorteados.secretarios.listar()}
    v.elegir(cedula=secretarios[fila.secretario])
    assert v.proxy.rowCount() == 1
    otro = next(c for n, c in secretarios.items() if n != fila.secretario)
    v.elegir(cedula=otro)
    assert v.proxy.rowCount() == 0
    v.elegir(cedula=None)
    assert v.proxy.rowCount() == 1

    # Today / this week: nothing due (the dates are in 2025).
    v.elegir("hoy")
    assert v.proxy.rowCount() == 0
    v.elegir("vencidos")

    # Double click opens the expediente; Esc comes back to the view.
    rect = v.tabla.visualRect(v.proxy.index(0, COL_JUICIO))
    qtbot.mouseClick(v.tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(v.tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ventana.paginas.currentWidget() is ventana.expediente
    assert ventana.expediente.numero == fila.numero
    assert ventana.expediente.boton_volver.text() == "← Volver a vencimientos"
    ventana.accion_volver.trigger()
    assert ventana.paginas.currentWidget() is v


def test_whole_office_with_plazos_sorts(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    _opi_notificada(sorteados, ventana.lista.model.fila(0).numero)
    ventana.mostrar_vencimientos()
    v = ventana.vencimientos
    v.elegir("todos", cedula=None)
    assert v.proxy.rowCount() == 1  # the OPI's término
    assert v.proxy.data(v.proxy.index(0, COL_VENCE)) == "06/06/2025"
    p = v.proxy_plazos
    total = p.rowCount()
    assert total == 62  # every expediente's plazo (13/05/2025 + 180 days), apart from the términos
    assert "Plazo de 180 días" in v.secciones.tabText(1) and "(62)" in v.secciones.tabText(1)
    v.tabla_plazos.sortByColumn(COL_JUICIO, Qt.SortOrder.DescendingOrder)
    juicios = [p.data(p.index(r, COL_JUICIO)) for r in range(total)]
    assert juicios == sorted(juicios, reverse=True)
    v.tabla_plazos.sortByColumn(COL_VENCE, Qt.SortOrder.AscendingOrder)
    assert p.data(p.index(0, COL_VENCE)) == "09/11/2025"


def test_capture_png(qtbot: Any, sorteados: Servicios, tmp_path: Path) -> None:
    out = capturar(sorteados, "vencimientos", None, tmp_path / "vencimientos.png", size=(1024, 700))
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1024, 700)
