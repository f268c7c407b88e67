"""Fixtures for the UI tests: captured message boxes, a throwaway QSettings, the real main window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from tests.ui.datos import crear_titulos

FECHA_SORTEO = date(2025, 5, 13)


@dataclass
class Caja:
    """What a message box showed."""

    titulo: str
    texto: str
    informativo: str
    detalle: str
    icono: QMessageBox.Icon


@dataclass
class Cajas:
    """Every QMessageBox shown during a test (``exec`` is replaced, so none blocks).

    ``responder``: True clicks the box's Yes/Accept-role button (a confirmation), False leaves it unanswered.
    """

    vistas: list[Caja] = field(default_factory=list)
    responder: bool = True
    crash_esperado: bool = False

    def ultima(self) -> Caja:
        assert self.vistas, "no se mostró ningún mensaje"
        return self.vistas[-1]

    def crashes(self) -> list[Caja]:
        return [c for c in self.vistas if c.titulo == "Error inesperado"]


@pytest.fixture(autouse=True)
def cajas(monkeypatch: pytest.MonkeyPatch) -> Iterator[Cajas]:
    registro = Cajas()

    def exec_falso(box: QMessageBox) -> int:
        registro.vistas.append(Caja(box.windowTitle(), box.text(), box.informativeText(), box.detailedText(),
                                    box.icon()))
        if registro.responder:
            for b in box.buttons():
                if box.buttonRole(b) in (QMessageBox.ButtonRole.YesRole, QMessageBox.ButtonRole.AcceptRole):
                    b.click()
                    break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_falso)
    yield registro
    QThreadPool.globalInstance().waitForDone(10000)
    if not registro.crash_esperado:
        assert not registro.crashes(), registro.crashes()[0].detalle


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "foja-ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def srv(con_secretarios: Servicios) -> Servicios:
    """Three active secretarios, no títulos yet; the office's monthly rate table (a test table) loaded."""
    from tests.services.helpers import tasas_de_prueba

    tasas_de_prueba(con_secretarios)
    return con_secretarios


@pytest.fixture
def con_titulos(srv: Servicios) -> Servicios:
    """60 generated + 2 fixed pending títulos (see tests.ui.datos)."""
    crear_titulos(srv, 60)
    return srv


@pytest.fixture
def sorteados(con_titulos: Servicios) -> Servicios:
    """The títulos of ``con_titulos`` drawn: 62 expedientes."""
    con_titulos.sorteo.realizar(semilla="pruebas", fecha=FECHA_SORTEO)
    return con_titulos


@pytest.fixture
def ventana(qtbot: Any, settings: QSettings, srv: Servicios) -> MainWindow:
    """The real main window on whatever data the test prepared before asking for it."""
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
