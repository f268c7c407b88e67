"""The one way the UI reports an error: :func:`show_error`.

An :class:`~app.common.errors.AppError` is an expected problem: the user sees its Spanish message.
Anything else is a bug: it is logged with its traceback and shown in an "Error inesperado" dialog.
"""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.common.errors import AppError, CancelledError, ImportRejected
from app.common.text import plural

log = logging.getLogger(__name__)

TITULO = "Foja"
TITULO_CRASH = "Error inesperado"


def _exec(box: QMessageBox) -> int:
    """Run a message box modally (tests replace ``QMessageBox.exec`` to capture it)."""
    return box.exec()


def _caja_import_rejected(parent: QWidget | None, exc: ImportRejected) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Importación rechazada")
    box.setText(
        f"No se importó nada de «{exc.filename}»: el archivo tiene {plural(len(exc.problems), 'problema')}."
    )
    box.setInformativeText(
        "Corrija las filas indicadas y vuelva a importar el archivo. "
        "La lista de problemas (línea, columna y motivo) está en los detalles."
    )
    box.setDetailedText("\n".join(f"Línea {p.line}, columna «{p.column}»: {p.reason}" for p in exc.problems))
    return box


def _caja_app_error(parent: QWidget | None, exc: AppError) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information if isinstance(exc, CancelledError) else QMessageBox.Icon.Warning)
    box.setWindowTitle(TITULO)
    box.setText(exc.message)
    return box


def _caja_crash(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(TITULO_CRASH)
    box.setText("Ocurrió un error inesperado en Foja.")
    box.setInformativeText(
        "La operación no se completó. El detalle quedó guardado en el registro del programa; "
        "informe al administrador indicando qué estaba haciendo."
    )
    box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about ``exc``: a clear Spanish message for an AppError, a crash dialog otherwise."""
    if isinstance(exc, ImportRejected):
        log.info("Importación rechazada: %s (%d problemas)", exc.filename, len(exc.problems))
        box = _caja_import_rejected(parent, exc)
    elif isinstance(exc, AppError):
        log.info("%s: %s", type(exc).__name__, exc.message)
        box = _caja_app_error(parent, exc)
    else:
        log.error("Error inesperado", exc_info=(type(exc), exc, exc.__traceback__))
        box = _caja_crash(parent, exc)
    _exec(box)
    box.deleteLater()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    if QApplication.instance() is None:
        log.error("Error inesperado", exc_info=(kind, exc, tb))
        sys.__excepthook__(kind, exc, tb)
        return
    try:
        show_error(QApplication.activeWindow(), exc)
    except Exception:  # never let the hook itself fail silently
        log.exception("No se pudo mostrar el error")


def install_excepthook() -> None:
    """Route uncaught exceptions (e.g. raised in a slot) to :func:`show_error`."""
    sys.excepthook = _excepthook


F = TypeVar("F", bound=Callable[..., Any])


def protegido(metodo: F) -> F:
    """Decorate a widget's action method: any exception goes to :func:`show_error` with the widget
    as parent (so an expected AppError never reaches the crash hook)."""

    @functools.wraps(metodo)
    def envoltura(self: QWidget, *args: Any, **kwargs: Any) -> Any:
        try:
            return metodo(self, *args, **kwargs)
        except Exception as exc:
            show_error(self, exc)
            return None

    return envoltura  # type: ignore[return-value]
