"""QApplication creation (names, style, Spanish Qt translations) and the GUI run loop."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.services.bootstrap import Servicios
from app.ui.errors import install_excepthook
from app.ui.main_window import APLICACION, ORGANIZACION, MainWindow


def crear_aplicacion(argv: Sequence[str] | None = None) -> QApplication:
    """Return the QApplication, creating it on first call (names, Fusion style, Spanish dialogs)."""
    existente = QApplication.instance()
    if isinstance(existente, QApplication):
        return existente
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZACION)
    app.setApplicationName(APLICACION)
    app.setApplicationDisplayName(APLICACION)
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Ecuador))
    traductor = QTranslator(app)
    if traductor.load(QLocale(QLocale.Language.Spanish), "qtbase", "_",
                      QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(traductor)
    return app


def ejecutar(servicios: Servicios, argv: Sequence[str] | None = None) -> int:
    """Show the main window and run the event loop until the user quits."""
    app = crear_aplicacion(argv)
    install_excepthook()
    ventana = MainWindow(servicios)
    ventana.show()
    return app.exec()
