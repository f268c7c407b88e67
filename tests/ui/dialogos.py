"""Helpers for driving the app's modal dialogs in tests: the user's part of ``exec`` is a function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog


def contestar(monkeypatch: pytest.MonkeyPatch, clase: type[QDialog], llenar: Callable[[Any], None],
              aceptar: bool = True) -> list[Any]:
    """Replace ``clase.exec``: the user fills the dialog with ``llenar`` and presses its accept button (or
    cancels when ``aceptar`` is False). Accepting runs the dialog's real ``accept`` (its checks and, for a
    :class:`~app.ui.formulario.Formulario`, the save): when that refuses, the refusal is shown, the dialog
    stays open and the user then gives up (``exec`` returns Rejected). Returns the list of dialogs shown
    (they are deleted later: read them in ``llenar``)."""
    vistos: list[Any] = []

    def exec_falso(dlg: Any) -> int:
        vistos.append(dlg)
        dlg.setResult(QDialog.DialogCode.Rejected.value)
        llenar(dlg)
        if aceptar and dlg.result() != QDialog.DialogCode.Accepted.value:
            dlg.accept()
        return dlg.result()

    monkeypatch.setattr(clase, "exec", exec_falso)
    return vistos
