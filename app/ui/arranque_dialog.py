"""Start-up screens before the login: the notice while the database is upgraded, and the dialog when the
database is damaged (what is wrong, the last good backup, one action).

Shown by ``app.main`` instead of the main window when opening the data folder raises
:class:`~app.common.errors.BaseDanada`. «Restaurar este respaldo» puts the backup in place (the damaged file is
kept for the soporte técnico) and the program goes on opening; «Salir» leaves everything as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError, BaseDanada
from app.ui.errors import show_error
from app.ui.login_dialog import etiqueta_error

Restaurar = Callable[[Path], Path]


class AvisoActualizacion(QWidget):
    """Shown while a new version upgrades the office's database (after its backup): a large office takes a
    minute, and an empty screen would look like a program that did not start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)
        self.setObjectName("avisoActualizacion")
        self.setWindowTitle("Foja: actualizando la base de datos")
        self.setMinimumWidth(460)
        texto = QLabel(
            "<b>Actualizando la base de datos de la oficina a esta versión de Foja.</b><br><br>"
            "Ya se guardó un respaldo. En una oficina grande puede tardar uno o dos minutos; no cierre el "
            "programa ni apague el equipo. Si se interrumpe, la base queda como estaba.", self)
        texto.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 20, 20, 20)
        lay.addWidget(texto)

    def mostrar(self) -> None:
        """Show and paint now: the upgrade that follows keeps the event loop busy."""
        self.show()
        self.raise_()
        for _ in range(3):  # the window system's first expose may take a turn or two
            QApplication.processEvents()


class BaseDanadaDialog(QDialog):
    """Names the damage and the last good backup; accepted once the backup was restored."""

    def __init__(self, exc: BaseDanada, restaurar: Restaurar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Foja: base de datos dañada")
        self.setMinimumWidth(560)
        self._exc = exc
        self._restaurar = restaurar
        self.apartada: Path | None = None
        lay = QVBoxLayout(self)
        cabecera = QHBoxLayout()
        icono = QLabel(self)
        icono.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        cabecera.addWidget(icono)
        titulo = QLabel("<b>No se puede abrir la base de datos de esta oficina.</b>", self)
        cabecera.addWidget(titulo, 1)
        lay.addLayout(cabecera)
        motivo = QLabel(f"Motivo: {exc.motivo}.", self)
        motivo.setWordWrap(True)
        motivo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(motivo)
        respaldo = exc.respaldo
        if isinstance(respaldo, Path):
            texto = (f"El último respaldo bueno es <b>«{respaldo.name}»</b> ({exc.cuando}), en la carpeta "
                     "«respaldos». Al restaurarlo, lo registrado después de esa copia no estará; la base dañada "
                     "se guarda en «respaldos/dañadas» para el soporte técnico.")
        else:
            texto = ("No hay un respaldo bueno en la carpeta «respaldos». No se creará una oficina nueva en su "
                     "lugar: consulte al soporte técnico antes de seguir.")
        info = QLabel(texto, self)
        info.setObjectName("respaldo")
        info.setWordWrap(True)
        lay.addWidget(info)
        self.error = etiqueta_error(self)
        lay.addWidget(self.error)
        self.botones = QDialogButtonBox(self)
        self.salir = self.botones.addButton("&Salir", QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_restaurar: QPushButton | None = None
        if isinstance(respaldo, Path):
            self.boton_restaurar = self.botones.addButton("&Restaurar este respaldo",
                                                          QDialogButtonBox.ButtonRole.AcceptRole)
            self.boton_restaurar.setDefault(True)
            self.boton_restaurar.clicked.connect(self._al_restaurar)
        else:
            self.salir.setDefault(True)
        self.salir.clicked.connect(self.reject)
        lay.addWidget(self.botones)

    @Slot()
    def _al_restaurar(self) -> None:
        assert isinstance(self._exc.respaldo, Path)
        try:
            self.apartada = self._restaurar(self._exc.respaldo)
        except AppError as exc:  # the backup does not open either: say so and stay
            self.error.setText(exc.message)
            self.error.show()
            return
        self.accept()


def ofrecer_restauracion(exc: BaseDanada, restaurar: Restaurar, parent: QWidget | None = None) -> bool:
    """Show the dialog; True once the backup was restored (the caller opens the folder again)."""
    try:
        dlg = BaseDanadaDialog(exc, restaurar, parent)
        return dlg.exec() == QDialog.DialogCode.Accepted
    except AppError as e:  # pragma: no cover - the dialog handles its own errors
        show_error(parent, e)
        return False
