"""A user changes his own password (current one, new one twice)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.common.errors import AppError
from app.domain.claves import LONGITUD_MINIMA
from app.services.usuarios import UsuariosService


class CambiarClaveDialog(QDialog):
    """``usuarios`` must act as the user whose password changes. ``obligatorio``: the administrador assigned
    the current password and it must be changed before working (cancelling quits the program)."""

    def __init__(self, usuarios: UsuariosService, parent: QWidget | None = None, obligatorio: bool = False) -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        self.setWindowTitle("Cambiar contraseña")
        self.setMinimumWidth(440)
        quien = usuarios.ctx.usuario
        texto = (
            f"«{quien.login}»: la contraseña actual la asignó el administrador. Elija una propia para continuar."
            if obligatorio else f"Cambiar la contraseña de «{quien.login}»."
        )
        aviso = QLabel(texto, self)
        aviso.setWordWrap(True)
        self.actual = self._campo("actual")
        self.nueva = self._campo("nueva")
        self.nueva.setPlaceholderText(f"Al menos {LONGITUD_MINIMA} caracteres, con letras y dígitos.")
        self.repetir = self._campo("repetir")
        self.mensaje = QLabel(self)
        self.mensaje.setObjectName("mensajeError")
        self.mensaje.setWordWrap(True)
        self.mensaje.setStyleSheet("color: #b00020;")
        self.mensaje.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mensaje.hide()
        form = QFormLayout()
        form.addRow("Contraseña &actual:", self.actual)
        form.addRow("Contraseña &nueva:", self.nueva)
        form.addRow("&Repetir la nueva:", self.repetir)
        botones = QDialogButtonBox(self)
        self.guardar = botones.addButton("Cambiar contraseña", QDialogButtonBox.ButtonRole.AcceptRole)
        self.guardar.setDefault(True)
        botones.addButton("Salir" if obligatorio else "Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.intentar)
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(aviso)
        lay.addLayout(form)
        lay.addWidget(self.mensaje)
        lay.addWidget(botones)
        self.actual.setFocus()

    def _campo(self, nombre: str) -> QLineEdit:
        e = QLineEdit(self)
        e.setObjectName(nombre)
        e.setEchoMode(QLineEdit.EchoMode.Password)
        e.setMaxLength(128)
        return e

    def _error(self, texto: str) -> None:
        self.mensaje.setText(texto)
        self.mensaje.show()

    @Slot()
    def intentar(self) -> None:
        if self.nueva.text() != self.repetir.text():
            self._error("La contraseña nueva y su repetición no coinciden.")
            self.repetir.clear()
            self.repetir.setFocus()
            return
        try:
            self._usuarios.cambiar_mi_clave(self.actual.text(), self.nueva.text())
        except AppError as exc:
            self._error(exc.message)
            return
        self.accept()
