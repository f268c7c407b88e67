"""Opening files with the system's application (Word/LibreOffice, the PDF viewer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.ui import mensajes


def abrir_archivo(parent: QWidget | None, ruta: Path) -> bool:
    """Open ``ruta`` with the application the system associates with its type."""
    ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta)))
    if not ok:
        mensajes.advertir(
            parent,
            f"No se pudo abrir «{ruta.name}» con una aplicación del sistema.",
            f"El archivo está en:\n{ruta}",
        )
    return ok
