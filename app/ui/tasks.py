"""Background work with a main-thread callback, a delayed progress dialog and cancellation.

Usage::

    ejecutar(self, "Importando títulos…", lambda p: servicios.importacion.importar(path, p),
             al_terminar=self._importado)

``fn`` runs on a QThreadPool thread and receives a :class:`~app.common.progress.Progress`; its return
value (or its exception) comes back on the main thread through queued signals. A QProgressDialog
appears only if the work is still running after :data:`RETARDO_MS`; its «Cancelar» button calls
``Progress.cancel()``, so the service's next ``step`` raises CancelledError and its transaction
rolls back. Errors go to :func:`app.ui.errors.show_error` unless ``al_fallar`` is given.
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.common.progress import Progress
from app.ui.errors import show_error

log = logging.getLogger(__name__)

RETARDO_MS = 500

_en_curso: weakref.WeakSet[Tarea] = weakref.WeakSet()


class _Senales(QObject):
    progreso = Signal(int, int, str)
    resultado = Signal(object)
    error = Signal(object)


class _Trabajo(QRunnable):
    """Runs ``fn(progress)`` on a pool thread and reports through ``senales`` (queued to the main thread)."""

    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, senales: _Senales) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self._progress = progress
        self._senales = senales

    def run(self) -> None:
        try:
            valor = self._fn(self._progress)
        except BaseException as exc:
            self._emitir(self._senales.error, exc)
        else:
            self._emitir(self._senales.resultado, valor)

    @staticmethod
    def _emitir(signal: Any, valor: object) -> None:
        try:
            signal.emit(valor)
        except RuntimeError:  # the receiver went away (window closed); nothing to report to
            log.debug("Tarea terminada sin receptor")


class Tarea(QObject):
    """One background operation. Emits ``terminada(result)`` or ``fallida(exc)``, then ``finalizada``.

    ``silenciosa``: no progress dialog and not counted as "work in progress" on quit (a search query).
    ``pool``: the thread pool to run in (default: the global one).
    """

    terminada = Signal(object)
    fallida = Signal(object)
    finalizada = Signal()

    def __init__(
        self,
        parent: QObject,
        titulo: str,
        fn: Callable[[Progress], Any],
        *,
        cancelable: bool = True,
        retardo_ms: int = RETARDO_MS,
        silenciosa: bool = False,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._ventana = parent if isinstance(parent, QWidget) else None
        self.titulo = titulo
        self.cancelable = cancelable
        self.silenciosa = silenciosa or self._ventana is None
        self._pool = pool
        self.progress = Progress(callback=self._reportar)
        self.en_curso = False
        self.dialogo: QProgressDialog | None = None
        self._estado = (0, 0, titulo)
        self._senales = _Senales()
        self._senales.progreso.connect(self._al_progresar, Qt.ConnectionType.QueuedConnection)
        self._senales.resultado.connect(self._al_resultado, Qt.ConnectionType.QueuedConnection)
        self._senales.error.connect(self._al_error, Qt.ConnectionType.QueuedConnection)
        self._trabajo = _Trabajo(fn, self.progress, self._senales)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(retardo_ms)
        self._timer.timeout.connect(self._mostrar_dialogo)

    # -- worker thread ------------------------------------------------------------------------------
    def _reportar(self, hecho: int, total: int, mensaje: str) -> None:
        with contextlib.suppress(RuntimeError):
            self._senales.progreso.emit(hecho, total, mensaje)

    # -- main thread --------------------------------------------------------------------------------
    def iniciar(self) -> Tarea:
        self.en_curso = True
        _en_curso.add(self)
        if not self.silenciosa:
            self._timer.start()
        (self._pool or QThreadPool.globalInstance()).start(self._trabajo)
        return self

    def cancelar(self) -> None:
        """Ask the work to stop at its next progress step (it then fails with CancelledError)."""
        self.progress.cancel()
        if self.dialogo is not None:
            self.dialogo.setLabelText("Cancelando…")

    @Slot()
    def _mostrar_dialogo(self) -> None:
        if not self.en_curso or self.dialogo is not None or self._ventana is None:
            return
        dlg = QProgressDialog(self._ventana)
        dlg.setWindowTitle("Foja")
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumDuration(0)
        dlg.setMinimumWidth(420)
        if self.cancelable:
            dlg.setCancelButtonText("Cancelar")
            dlg.canceled.connect(self.cancelar)
        else:
            dlg.setCancelButton(None)
        self.dialogo = dlg
        self._aplicar_estado()
        if self.dialogo is dlg:  # the work may have ended while the dialog was being set up
            dlg.show()

    def _aplicar_estado(self) -> None:
        dlg = self.dialogo
        if dlg is None or self.progress.cancelled:
            return
        hecho, total, mensaje = self._estado
        dlg.setLabelText(mensaje or self.titulo)
        if total > 0:
            dlg.setRange(0, total)
            # Last: a modal QProgressDialog.setValue processes events, so the task may finish (and drop its
            # dialog) inside this call.
            dlg.setValue(min(hecho, total))
        else:
            dlg.setRange(0, 0)  # busy indicator

    @Slot(int, int, str)
    def _al_progresar(self, hecho: int, total: int, mensaje: str) -> None:
        self._estado = (hecho, total, mensaje or self.titulo)
        self._aplicar_estado()

    def _terminar(self) -> None:
        self.en_curso = False
        _en_curso.discard(self)
        self._timer.stop()
        if self.dialogo is not None:
            self.dialogo.hide()
            self.dialogo.deleteLater()
            self.dialogo = None
            if self._ventana is not None:
                self._ventana.window().activateWindow()  # give the keyboard back to the window that waited

    @Slot(object)
    def _al_resultado(self, valor: object) -> None:
        self._terminar()
        self.terminada.emit(valor)
        self.finalizada.emit()
        self.deleteLater()

    @Slot(object)
    def _al_error(self, exc: BaseException) -> None:
        self._terminar()
        self.fallida.emit(exc)
        self.finalizada.emit()
        self.deleteLater()


def ejecutar(
    parent: QWidget,
    titulo: str,
    fn: Callable[[Progress], Any],
    al_terminar: Callable[[Any], None],
    *,
    al_fallar: Callable[[BaseException], None] | None = None,
    cancelable: bool = True,
) -> Tarea:
    """Run ``fn(progress)`` in the background; call ``al_terminar(result)`` on the main thread.

    On an exception ``al_fallar(exc)`` is called, or :func:`show_error` when it is None (a
    cancellation shows the Spanish "Operación cancelada…" notice).
    """
    tarea = Tarea(parent, titulo, fn, cancelable=cancelable)
    tarea.terminada.connect(al_terminar)
    tarea.fallida.connect(al_fallar if al_fallar is not None else (lambda exc: show_error(parent, exc)))
    return tarea.iniciar()


def tareas_en_curso() -> list[Tarea]:
    """Running user-visible tasks (silent ones, such as search queries, are left out)."""
    return [t for t in _en_curso if t.en_curso and not t.silenciosa]


def cancelar_y_esperar(ms: int = 10000) -> bool:
    """Cancel every running task and wait for the pool (on quit). True when all stopped in time."""
    for t in list(_en_curso):
        t.cancelar()
    return QThreadPool.globalInstance().waitForDone(ms)
