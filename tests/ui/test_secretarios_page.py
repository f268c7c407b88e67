"""Oficina → Secretarios-abogados: list, add (with a bad cédula corrected), deactivate, activate."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from app.ui.secretarios_model import COL_ESTADO, COL_NOMBRES
from app.ui.secretarios_page import SecretarioDialog
from tests.conftest import CEDULAS
from tests.ui.conftest import Cajas


def _rellenar(monkeypatch: pytest.MonkeyPatch, respuestas: list[tuple[str, str] | None]) -> list[str]:
    """Each dialog shown takes the next (nombres, cédula) answer; None cancels it."""
    vistos: list[str] = []

    def exec_falso(dlg: SecretarioDialog) -> int:
        vistos.append(dlg.cedula.text())
        r = respuestas.pop(0)
        if r is None:
            return QDialog.DialogCode.Rejected.value
        dlg.nombres.setText(r[0])
        dlg.cedula.setText(r[1])
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(SecretarioDialog, "exec", exec_falso)
    return vistos


def test_menu_shows_the_list(qtbot: Any, srv: Servicios, ventana: MainWindow) -> None:
    ventana.accion_secretarios.trigger()
    assert ventana.paginas.currentWidget() is ventana.secretarios
    model = ventana.secretarios.model
    assert [model.data(model.index(r, COL_NOMBRES)) for r in range(model.rowCount())] == [
        "Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"]
    qtbot.keyClick(ventana.secretarios.tabla, Qt.Key.Key_Escape)
    assert ventana.paginas.currentWidget() is ventana.lista


def test_add_with_bad_cedula_then_corrected(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    vistos = _rellenar(monkeypatch, [("Jorge Villacís", "0604571233"), ("Jorge Villacís", CEDULAS[3])])
    ventana.accion_secretarios.trigger()
    ventana.secretarios.boton_agregar.click()
    assert "Cédula inválida" in cajas.ultima().texto
    assert vistos == ["", "0604571233"]  # the second dialog keeps what was typed
    page = ventana.secretarios
    assert page.model.rowCount() == 4
    nuevo = page.seleccionado()
    assert nuevo is not None and nuevo.cedula == CEDULAS[3] and nuevo.activo


def test_deactivate_and_activate(qtbot: Any, srv: Servicios, ventana: MainWindow) -> None:
    ventana.accion_secretarios.trigger()
    page = ventana.secretarios
    page.tabla.selectRow(1)
    assert page.boton_activar.text() == "Desactivar"
    page.boton_activar.click()
    assert page.model.data(page.model.index(1, COL_ESTADO)) == "Inactivo"
    assert page.boton_activar.text() == "Activar"
    assert len(srv.secretarios.listar(solo_activos=True)) == 2
    page.boton_activar.click()
    assert page.model.data(page.model.index(1, COL_ESTADO)) == "Activo"
    assert len(srv.secretarios.listar(solo_activos=True)) == 3
