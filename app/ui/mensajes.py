"""Small modal messages (information, warning, yes/no) built as QMessageBox objects.

Every box is shown with ``QMessageBox.exec`` so tests can capture it by replacing that method.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

TITULO = "Foja"


def _caja(parent: QWidget | None, icono: QMessageBox.Icon, texto: str, detalle: str = "",
          titulo: str = TITULO) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icono)
    box.setWindowTitle(titulo)
    box.setText(texto)
    if detalle:
        box.setInformativeText(detalle)
    return box


def informar(parent: QWidget | None, texto: str, detalle: str = "", titulo: str = TITULO) -> None:
    box = _caja(parent, QMessageBox.Icon.Information, texto, detalle, titulo)
    box.exec()
    box.deleteLater()


def advertir(parent: QWidget | None, texto: str, detalle: str = "", titulo: str = TITULO,
             detalle_largo: str = "") -> None:
    """A warning; ``detalle_largo`` goes behind «Mostrar detalles» (a long list to read or copy)."""
    box = _caja(parent, QMessageBox.Icon.Warning, texto, detalle, titulo)
    if detalle_largo:
        box.setDetailedText(detalle_largo)
    box.exec()
    box.deleteLater()


def confirmar(parent: QWidget | None, texto: str, detalle: str = "", titulo: str = TITULO,
              si: str = "Sí", no: str = "No") -> bool:
    """Ask a yes/no question; True when the user chose ``si``."""
    box = _caja(parent, QMessageBox.Icon.Question, texto, detalle, titulo)
    boton_si = box.addButton(si, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(boton_si)
    box.exec()
    elegido = box.clickedButton() is boton_si
    box.deleteLater()
    return elegido
