"""The dialogs' one rule: a dialog never loses what was typed.

:class:`Formulario` is the base of every dialog that validates or saves on «Aceptar». Its :meth:`accept`
checks the form (:meth:`Formulario.validar`), asks what needs asking (:meth:`Formulario.confirmar`: an
unusual date…) and runs the save the caller gave (:meth:`Formulario.al_aceptar`: the service call). Any
refusal (an :class:`~app.common.errors.AppError` from the form or from the service) is shown, the field it is
about is marked (red border, the reason as its tooltip, the focus on it) and the dialog stays open with
everything the user typed, chose and attached. Only a successful save closes it; the caller reads
:attr:`Formulario.resultado`.

A service names the field in ``AppError.campo`` (its parameter name, e.g. ``"direccion"``); the dialog maps
those names to its widgets in :meth:`Formulario.campos`. The form's own checks raise :class:`CampoInvalido`
with the widget.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.common.errors import AppError, ValidationError
from app.ui.errors import show_error

#: The mark of a field with a problem (kept apart from the widget's own style sheet, restored after).
ESTILO_INVALIDO = "border: 2px solid #c0392b; border-radius: 3px;"


class CampoInvalido(ValidationError):
    """A form check failed on ``widget`` (the dialog marks it and keeps the input)."""

    def __init__(self, widget: QWidget, message: str) -> None:
        super().__init__(message)
        self.widget = widget


def marcar(widget: QWidget, motivo: str) -> None:
    """Mark ``widget`` as the field to correct: red border, ``motivo`` as tooltip, the focus on it."""
    if widget.property("invalido") is not True:
        widget.setProperty("estilo_previo", widget.styleSheet())
        widget.setProperty("ayuda_previa", widget.toolTip())
    widget.setProperty("invalido", True)
    widget.setStyleSheet(ESTILO_INVALIDO)
    widget.setToolTip(motivo)
    widget.setFocus()


def desmarcar(widget: QWidget) -> None:
    """Undo :func:`marcar` (the widget's own style and tooltip come back)."""
    if widget.property("invalido") is True:
        widget.setStyleSheet(str(widget.property("estilo_previo") or ""))
        widget.setToolTip(str(widget.property("ayuda_previa") or ""))
        widget.setProperty("invalido", False)


class Formulario(QDialog):
    """A dialog that validates and saves in :meth:`accept` and stays open, input kept, on any refusal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._guardar: Callable[[], Any] | None = None
        #: What the save returned (None until it succeeded, or when there is no save).
        self.resultado: Any = None
        self._marcados: list[QWidget] = []

    def al_aceptar(self, guardar: Callable[[], Any]) -> None:
        """``guardar()`` runs when the user accepts and the form is valid (typically the service call reading
        this dialog's fields); its return value becomes :attr:`resultado`. An AppError keeps the dialog open."""
        self._guardar = guardar

    def campos(self) -> Mapping[str, QWidget]:
        """Field names a service may give in ``AppError.campo`` → the widget holding that field."""
        return {}

    def validar(self) -> None:
        """Check the form before saving: no typed date that does not exist, and the dialog's ``datos()`` (when
        it has one) reads without error. Raises :class:`CampoInvalido` (or any AppError)."""
        for w in self.findChildren(QWidget):
            invalida = getattr(w, "invalida", "")
            if invalida:  # a typed date that does not exist (app.ui.campos.CampoFecha)
                raise CampoInvalido(w, invalida)
        datos = getattr(self, "datos", None)
        if callable(datos):
            datos()

    def confirmar(self) -> bool:
        """Ask what needs confirming before saving (e.g. a payment dated in the future); False keeps the
        dialog open as it is."""
        return True

    def marcados(self) -> list[QWidget]:
        """The fields marked by the last refusal (for tests and screen readers)."""
        return [w for w in self._marcados if w.property("invalido") is True]

    def _campo_de(self, exc: AppError) -> QWidget | None:
        if isinstance(exc, CampoInvalido):
            return exc.widget
        campo = getattr(exc, "campo", None)
        return self.campos().get(campo) if campo else None

    def accept(self) -> None:
        for w in self._marcados:
            desmarcar(w)
        self._marcados.clear()
        try:
            self.validar()
            if not self.confirmar():
                return
            if self._guardar is not None:
                self.resultado = self._guardar()
        except AppError as exc:
            show_error(self, exc)
            w = self._campo_de(exc)
            if w is not None:
                marcar(w, exc.message)
                self._marcados.append(w)
            return
        super().accept()
