"""QApplication creation (names, style, Spanish Qt translations) and the GUI run loop."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, Qt, QTranslator, Slot
from PySide6.QtWidgets import QApplication

from app.domain.permisos import UsuarioActual
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
    instalar_traducciones(app)
    return app


_FICHERO = re.compile(r"\b([Ff])icher(o|os)\b")


class TraduccionQt(QTranslator):
    """Qt's own Spanish (``qtbase_es``: file dialogs, buttons, context menus) in the words of an Ecuadorian
    office: «archivo», not Spain's «fichero»."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt = QTranslator(self)
        self.cargada = self._qt.load(QLocale(QLocale.Language.Spanish), "qtbase", "_",
                                     QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))

    def isEmpty(self) -> bool:
        return not self.cargada

    def translate(self, contexto: str, texto: str, desambiguacion: str | None = None, n: int = -1) -> str:
        t = self._qt.translate(contexto, texto, desambiguacion, n)
        return _FICHERO.sub(lambda m: ("A" if m.group(1) == "F" else "a") + "rchiv" + m.group(2), t) if t else t


def instalar_traducciones(app: QCoreApplication) -> TraduccionQt | None:
    """Install Qt's Spanish translations (so file dialogs say «Ver en:», not «Look in:»); None when the
    Qt installation has none (the dialogs then stay in English, nothing else changes)."""
    traductor = TraduccionQt(app)
    if not traductor.cargada:
        return None
    app.installTranslator(traductor)
    return traductor


class Sesiones(QObject):
    """The main window of the user logged in. «Cerrar sesión» closes it, asks for the next login
    (``pedir_usuario``) and opens that user's window, without restarting the program; no login: quit."""

    def __init__(self, base: Servicios, pedir_usuario: Callable[[], UsuarioActual | None],
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self._base = base
        self._pedir = pedir_usuario
        self._settings = settings
        self.ventana: MainWindow | None = None

    def abrir(self, usuario: UsuarioActual) -> MainWindow:
        """Open (and show) the main window of ``usuario``. From here the program ends when that window closes
        (Salir) or when the login after «Cerrar sesión» is left; not when the last window closes, which the
        main window is for a moment between two users."""
        QApplication.setQuitOnLastWindowClosed(False)
        w = MainWindow(self._base.como(usuario), self._settings)
        w.sesion_cerrada.connect(self._cambiar, Qt.ConnectionType.QueuedConnection)
        w.cerrada.connect(QApplication.quit, Qt.ConnectionType.QueuedConnection)
        w.show()
        self.ventana = w
        return w

    @Slot()
    def _cambiar(self) -> None:
        anterior, self.ventana = self.ventana, None
        if anterior is not None:
            anterior.deleteLater()
        usuario = self._pedir()
        if usuario is None:  # «Salir» in the login
            QApplication.quit()
            return
        self.abrir(usuario)


def ejecutar(servicios: Servicios, argv: Sequence[str] | None = None,
             pedir_usuario: Callable[[], UsuarioActual | None] | None = None) -> int:
    """Show the main window of ``servicios``' user and run the event loop until the user quits.

    ``pedir_usuario``: the login after «Cerrar sesión» (None: the action only closes the program)."""
    app = crear_aplicacion(argv)
    install_excepthook()
    sesiones = Sesiones(servicios, pedir_usuario or (lambda: None))
    sesiones.abrir(servicios.ctx.usuario)
    return app.exec()
