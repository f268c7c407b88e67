"""The main window's broadcaster of :class:`~app.common.cambios.Cambios` (Anki's ``operation_did_execute``).

The services' context calls :meth:`Difusor.recibir` after each committed write, on whatever thread wrote it
(the UI thread, or a background task's). The broadcaster gathers what arrives, and once the work in progress
is over (no background task running: a batch of 750 documents refreshes the screens once, at its end) emits
``cambiado(cambios)`` on the UI thread. Each open screen connects to it and reloads only what concerns it.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.common.cambios import Cambios
from app.ui import tasks

#: How long writes are gathered before the screens are told (a dialog's several writes: one refresh).
RETARDO_MS = 50


class Difusor(QObject):
    """Emits ``cambiado(Cambios)`` on the UI thread, after the writes and the background tasks are over."""

    cambiado = Signal(object)
    _llegada = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pendiente = Cambios()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RETARDO_MS)
        self._timer.timeout.connect(self._difundir)
        # Queued even from the UI thread: a screen never reloads in the middle of the write that called it.
        self._llegada.connect(self._acumular, Qt.ConnectionType.QueuedConnection)

    def recibir(self, cambios: Cambios) -> None:
        """What a committed write changed. Thread-safe (the signal is queued to the UI thread)."""
        with contextlib.suppress(RuntimeError):  # the window was closed: no screen to refresh
            self._llegada.emit(cambios)

    @Slot(object)
    def _acumular(self, cambios: Cambios) -> None:
        self._pendiente = self._pendiente | cambios
        self._timer.start()

    def difundir(self, cambios: Cambios) -> None:
        """Tell the screens now (F5, rows pulled by the sync), with anything still gathered."""
        self._pendiente = self._pendiente | cambios
        self._timer.stop()
        self._difundir()

    @Slot()
    def _difundir(self) -> None:
        if tasks.tareas_en_curso():  # the task's last write (or its end) comes later: wait for it
            self._timer.start(4 * RETARDO_MS)
            return
        cambios, self._pendiente = self._pendiente, Cambios()
        if cambios:
            self.cambiado.emit(cambios)
