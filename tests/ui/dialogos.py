"""Helpers for driving the app's modal dialogs in tests: the user's part of ``exec`` is a function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog


def contestar(monkeypatch: pytest.MonkeyPatch, clase: type[QDialog], llenar: Callable[[Any], None],
              aceptar: bool = True) -> list[Any]:
    """Replace ``clase.exec``: the user fills the dialog with ``llenar`` and accepts it (or cancels when
    ``aceptar`` is False). Returns the list of dialogs shown (they are deleted later: read them in ``llenar``)."""
    vistos: list[Any] = []

    def exec_falso(dlg: Any) -> int:
        vistos.append(dlg)
        llenar(dlg)
        return (QDialog.DialogCode.Accepted if aceptar else QDialog.DialogCode.Rejected).value

    monkeypatch.setattr(clase, "exec", exec_falso)
    return vistos
