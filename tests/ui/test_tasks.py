"""Background tasks: result on the main thread, delayed progress dialog, cancellation, errors."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from app.common.errors import CancelledError
from app.common.progress import Progress
from app.services.bootstrap import Servicios
from app.ui import tasks
from app.ui.tasks import ejecutar
from tests.ui.conftest import Cajas


def _padre(qtbot: Any) -> QWidget:
    w = QWidget()
    qtbot.addWidget(w)
    w.show()
    return w


def test_result_arrives_on_main_thread_without_dialog(qtbot: Any) -> None:
    w = _padre(qtbot)
    hilos: dict[str, Any] = {}

    def trabajo(p: Progress) -> int:
        hilos["trabajo"] = threading.get_ident()
        p.step(1, 1, "listo")
        return 42

    recibido: list[int] = []

    def al_terminar(v: int) -> None:
        hilos["callback"] = QThread.currentThread()
        recibido.append(v)

    tarea = ejecutar(w, "Rápido", trabajo, al_terminar)
    with qtbot.waitSignal(tarea.finalizada, timeout=5000):
        pass
    assert recibido == [42]
    assert hilos["callback"] is QApplication.instance().thread()
    assert hilos["trabajo"] != threading.get_ident()
    assert w.findChild(QProgressDialog) is None  # finished before the 500 ms delay


def test_progress_dialog_after_delay_and_cancel(qtbot: Any, cajas: Cajas) -> None:
    w = _padre(qtbot)
    liberar = threading.Event()

    def trabajo(p: Progress) -> None:
        i = 0
        while True:  # until the user cancels: step raises CancelledError
            p.step(i % 100, 100, f"Procesando {i}…")
            i += 1
            liberar.wait(0.005)

    fallos: list[BaseException] = []
    tarea = ejecutar(w, "Trabajo largo", trabajo, lambda _v: None, al_fallar=fallos.append)
    assert tarea.dialogo is None  # not before the delay
    qtbot.waitUntil(lambda: tarea.dialogo is not None and tarea.dialogo.isVisible(), timeout=5000)
    dialogo = tarea.dialogo
    assert dialogo.maximum() == 100
    qtbot.waitUntil(lambda: dialogo.labelText().startswith("Procesando"), timeout=5000)
    boton = dialogo.findChild(QPushButton)
    assert boton.text() == "Cancelar"
    with qtbot.waitSignal(tarea.finalizada, timeout=5000):
        boton.click()
    assert len(fallos) == 1 and isinstance(fallos[0], CancelledError)
    assert not tasks.tareas_en_curso()


def test_cancellation_reaches_the_service_and_writes_nothing(qtbot: Any, cajas: Cajas,
                                                             con_titulos: Servicios) -> None:
    w = _padre(qtbot)
    tarea = ejecutar(w, "Sorteo", lambda p: con_titulos.sorteo.realizar(fecha=date(2025, 5, 13), progress=p),
                     lambda _r: None)
    tarea.cancelar()  # before its first progress step
    with qtbot.waitSignal(tarea.finalizada, timeout=10000):
        pass
    assert cajas.ultima().texto == "Operación cancelada por el usuario; no se guardó nada."
    assert con_titulos.expedientes.contar() == 0
    assert con_titulos.sorteo.contar_pendientes() == 62


def test_unexpected_error_in_task_shows_crash_dialog(qtbot: Any, cajas: Cajas) -> None:
    w = _padre(qtbot)
    cajas.crash_esperado = True

    def trabajo(_p: Progress) -> None:
        raise ZeroDivisionError("división por cero")

    tarea = ejecutar(w, "Roto", trabajo, lambda _v: None)
    with qtbot.waitSignal(tarea.finalizada, timeout=5000):
        pass
    caja = cajas.ultima()
    assert caja.titulo == "Error inesperado"
    assert "ZeroDivisionError: división por cero" in caja.detalle
    assert "def trabajo" not in caja.texto  # the traceback stays in the details
