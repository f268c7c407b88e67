"""show_error: Spanish message for expected errors, crash dialog (and a logged traceback) for bugs."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from app.common.errors import ImportRejected, NotFoundError, RowProblem
from app.ui import errors
from app.ui.errors import install_excepthook, show_error
from tests.ui.conftest import Cajas


def test_app_error_shows_its_spanish_message(qtbot: Any, cajas: Cajas) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    show_error(w, NotFoundError("No existe el juicio coactivo No. 0601-2025-09999 en esta oficina."))
    caja = cajas.ultima()
    assert caja.texto == "No existe el juicio coactivo No. 0601-2025-09999 en esta oficina."
    assert caja.icono == QMessageBox.Icon.Warning
    assert caja.titulo == "Foja"


def test_import_rejected_lists_every_problem(qtbot: Any, cajas: Cajas) -> None:
    problemas = [RowProblem(3, "identificacion", "«123» debe tener 10 dígitos (cédula) o 13 (RUC), tiene 3"),
                 RowProblem(7, "total", "no coincide con capital + interés + recargo")]
    show_error(None, ImportRejected("lote.csv", problemas))
    caja = cajas.ultima()
    assert caja.titulo == "Importación rechazada"
    assert "lote.csv" in caja.texto and "2 problemas" in caja.texto
    assert caja.detalle.splitlines() == [
        "Línea 3, columna «identificacion»: «123» debe tener 10 dígitos (cédula) o 13 (RUC), tiene 3",
        "Línea 7, columna «total»: no coincide con capital + interés + recargo",
    ]


def test_unexpected_error_is_logged_and_shown_as_crash(qtbot: Any, cajas: Cajas,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    cajas.crash_esperado = True
    try:
        {}["falta"]
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="app.ui.errors"):
            show_error(None, exc)
    caja = cajas.ultima()
    assert caja.titulo == "Error inesperado"
    assert caja.icono == QMessageBox.Icon.Critical
    assert "Traceback" in caja.detalle and "KeyError: 'falta'" in caja.detalle
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_excepthook_routes_to_show_error(qtbot: Any, cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook()
    assert sys.excepthook is errors._excepthook
    cajas.crash_esperado = True
    try:
        raise RuntimeError("fallo en un slot")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "RuntimeError: fallo en un slot" in cajas.ultima().detalle
