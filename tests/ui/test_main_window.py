"""Main window: Spanish menus and shortcuts, window state in QSettings, capture, the GUI entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from app.services.bootstrap import Servicios
from app.ui.capture import capturar
from app.ui.expedientes_model import COL_CUANTIA
from app.ui.main_window import CLAVE_GEOMETRIA, MainWindow


def test_menus_and_shortcuts(qtbot: Any, srv: Servicios, ventana: MainWindow) -> None:
    menus = [a.text() for a in ventana.menuBar().actions()]
    assert menus == ["&Archivo", "&Expedientes", "&Sorteo", "&Oficina", "A&yuda"]
    assert ventana.importador.accion.shortcut() == QKeySequence("Ctrl+I")
    assert ventana.accion_salir.shortcut() == QKeySequence("Ctrl+Q")
    assert ventana.accion_buscar.shortcut() == QKeySequence("Ctrl+F")
    assert ventana.accion_abrir.shortcut() == QKeySequence("Ctrl+O")
    assert ventana.accion_actualizar.shortcut() == QKeySequence("F5")
    assert ventana.accion_volver.shortcut() == QKeySequence("Esc")
    assert ventana.accion_sorteo.text() == "&Realizar sorteo…"
    assert ventana.accion_secretarios.text() == "&Secretarios-abogados"
    # Qt appends the application display name: «Unidad … de Chimborazo — Foja», «Foja» once.
    assert ventana.windowTitle() == "Unidad Provincial de Gestión de Coactiva de Chimborazo"
    assert ventana.exportador.accion.shortcut() == QKeySequence("Ctrl+E")


def test_geometry_is_saved_and_restored(qtbot: Any, srv: Servicios, settings: QSettings) -> None:
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.resize(790, 600)  # the offscreen screen is 800x800
    w.show()
    qtbot.waitExposed(w)
    w.close()
    assert settings.value(CLAVE_GEOMETRIA) is not None
    otra = MainWindow(srv, settings)
    qtbot.addWidget(otra)
    assert (otra.width(), otra.height()) == (790, 600)


def test_column_widths_and_order_are_kept(qtbot: Any, sorteados: Servicios, settings: QSettings) -> None:
    w = MainWindow(sorteados, settings)
    qtbot.addWidget(w)
    w.show()
    header = w.lista.tabla.horizontalHeader()
    header.resizeSection(COL_CUANTIA, 180)
    header.setSortIndicator(COL_CUANTIA, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: w.lista.model.columna_orden == COL_CUANTIA, timeout=5000)
    w.close()
    otra = MainWindow(sorteados, settings)
    qtbot.addWidget(otra)
    assert otra.lista.tabla.horizontalHeader().sectionSize(COL_CUANTIA) == 180
    assert (otra.lista.model.columna_orden, otra.lista.model.orden) == (COL_CUANTIA, Qt.SortOrder.DescendingOrder)
    assert otra.lista.model.fila(0).cuantia == max(f.cuantia for f in sorteados.expedientes.buscar(limite=500))


def test_ctrl_q_closes(qtbot: Any, srv: Servicios, ventana: MainWindow) -> None:
    ventana.accion_salir.trigger()
    assert not ventana.isVisible()


@pytest.mark.parametrize("vista", ["expedientes", "expediente", "inicio"])
def test_capture_png(qtbot: Any, sorteados: Servicios, tmp_path: Path, vista: str) -> None:
    out = capturar(sorteados, vista, None, tmp_path / f"{vista}.png", size=(1024, 700))
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1024, 700)


def test_capture_unknown_view(sorteados: Servicios, tmp_path: Path) -> None:
    from app.common.errors import ValidationError

    with pytest.raises(ValidationError):
        capturar(sorteados, "graficos", None, tmp_path / "x.png")


def test_main_opens_data_dir_and_runs(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import main as modulo

    ventanas: list[MainWindow] = []

    def exec_falso(_app: Any = None) -> int:
        ventanas.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        for w in ventanas:
            w.settings = QSettings(str(tmp_path / "main.ini"), QSettings.Format.IniFormat)
            w.close()
        return 0

    import app.ui.login_dialog as login

    registros: list[Path] = []
    monkeypatch.setattr(modulo, "setup_logging", registros.append)
    monkeypatch.setattr(QApplication, "exec", exec_falso)
    # First start: the login flow creates the administrador (its dialogs are tested in tests/ui/test_login.py).
    monkeypatch.setattr(login, "iniciar_sesion", lambda usuarios, **_k: usuarios.crear_administrador_inicial(
        "admin", "Administradora", "Primera-clave-1"))
    assert modulo.main(["--data-dir", str(tmp_path / "datos")]) == 0
    assert (tmp_path / "datos" / "foja.sqlite3").exists()
    assert registros == [tmp_path / "datos" / "logs"]
    assert len(ventanas) == 1


def test_closing_during_a_task_asks_first(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Any) -> None:
    import threading

    from app.common.errors import CancelledError
    from app.ui.tasks import ejecutar

    def trabajo(p: Any) -> None:
        while True:  # until cancelled
            p.step(0, 0, "Trabajando…")
            threading.Event().wait(0.005)

    fallos: list[BaseException] = []
    ejecutar(ventana, "Trabajo largo", trabajo, lambda _v: None, al_fallar=fallos.append)
    cajas.responder = False  # «Seguir trabajando»
    ventana.close()
    assert ventana.isVisible()
    assert cajas.ultima().texto == "Hay una operación en curso. ¿Cancelarla y salir?"
    cajas.responder = True  # «Cancelar y salir»
    ventana.close()
    assert not ventana.isVisible()
    qtbot.waitUntil(lambda: bool(fallos), timeout=5000)
    assert isinstance(fallos[0], CancelledError)
