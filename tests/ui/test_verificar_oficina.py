"""Oficina → Verificar la foliación de toda la oficina…: runs in the background and names what was cut."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QMessageBox

from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from tests.manipulacion import manipular
from tests.ui.conftest import Cajas


def _ejecutar(qtbot: Any, ventana: MainWindow, cajas: Cajas) -> None:
    antes = len(cajas.vistas)
    ventana.verificacion.accion.trigger()
    qtbot.waitUntil(lambda: len(cajas.vistas) > antes, timeout=60000)


def test_the_office_check_reports_intact_then_names_the_cut(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                           cajas: Cajas) -> None:
    srv = sorteados
    juicio = "0601-2025-00001"
    srv.foliacion.agregar(juicio, b"escrito", "escrito.pdf", tipo="ESCRITO", descripcion="Escrito", hojas=1,
                          fecha=date(2025, 5, 14))
    _ejecutar(qtbot, ventana, cajas)
    assert cajas.ultima().icono == QMessageBox.Icon.Information
    assert "Se verificaron 62 expedientes" in cajas.ultima().texto and "íntegros" in cajas.ultima().texto

    manipular(srv.ctx.paths.database, "DELETE FROM folio")
    _ejecutar(qtbot, ventana, cajas)
    caja = cajas.ultima()
    assert caja.icono == QMessageBox.Icon.Warning and "1 tienen la foliación o los actos ALTERADOS" in caja.texto
    assert f"Foliación del juicio {juicio} ALTERADA" in caja.detalle and "No queda ninguna entrada" in caja.detalle
