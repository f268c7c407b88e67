"""Before the main window: the login dialog, and on first start the dialog that creates the administrador.

:func:`iniciar_sesion` runs the whole flow (create the administrador, or log in, then change a password the
administrador assigned) and returns who acts, or None when the user gave up (the program then quits).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError
from app.domain.claves import LONGITUD_MINIMA
from app.domain.permisos import UsuarioActual
from app.services.sesion import contexto_de
from app.services.usuarios import UsuariosService
from app.ui.cambiar_clave_dialog import CambiarClaveDialog
from app.ui.pestana import titulo_pagina

AYUDA_CLAVE = f"Al menos {LONGITUD_MINIMA} caracteres, con letras y dígitos."


def etiqueta_error(parent: QWidget) -> QLabel:
    """A red, word-wrapped label for a dialog's inline error (hidden until there is one)."""
    lbl = QLabel(parent)
    lbl.setObjectName("mensajeError")
    lbl.setWordWrap(True)
    lbl.setStyleSheet("color: #b00020;")
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lbl.hide()
    return lbl


def campo_clave(parent: QWidget) -> QLineEdit:
    e = QLineEdit(parent)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setMaxLength(128)
    return e


def _titulo(texto: str, parent: QWidget) -> QLabel:
    return titulo_pagina(parent, texto, escala=1.3)


class LoginDialog(QDialog):
    """Login and password. A refusal (wrong password, lock-out) is shown inside the dialog, which stays open.
    On success :attr:`usuario` holds who logged in."""

    def __init__(self, usuarios: UsuariosService, parent: QWidget | None = None, oficina: str = "") -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        self.usuario: UsuarioActual | None = None
        self.setWindowTitle("Iniciar sesión")
        self.setMinimumWidth(420)
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.login.setMaxLength(60)
        self.clave = campo_clave(self)
        self.clave.setObjectName("clave")
        self.mensaje = etiqueta_error(self)
        form = QFormLayout()
        form.addRow("&Usuario:", self.login)
        form.addRow("&Contraseña:", self.clave)
        botones = QDialogButtonBox(self)
        self.ingresar = botones.addButton("Ingresar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ingresar.setDefault(True)
        botones.addButton("Salir", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.intentar)
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(_titulo("Foja", self))
        if oficina:
            lay.addWidget(QLabel(oficina, self))
        lay.addLayout(form)
        lay.addWidget(self.mensaje)
        lay.addWidget(botones)
        self.login.setFocus()

    @Slot()
    def intentar(self) -> None:
        try:
            self.usuario = self._usuarios.autenticar(self.login.text(), self.clave.text())
        except AppError as exc:
            self.mensaje.setText(exc.message)
            self.mensaje.show()
            self.clave.clear()
            (self.clave if self.login.text().strip() else self.login).setFocus()
            return
        self.mensaje.hide()
        self.accept()


class CrearAdministradorDialog(QDialog):
    """First start: no password exists by default, so the person installing Foja creates the administrador
    and chooses his password (typed twice). On success :attr:`usuario` is the new administrador."""

    def __init__(self, usuarios: UsuariosService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        self.usuario: UsuarioActual | None = None
        self.setWindowTitle("Crear administrador")
        self.setMinimumWidth(480)
        explicacion = QLabel(
            "Es la primera vez que se abre Foja con estos datos. Cree la cuenta del administrador: "
            "con ella se crean los usuarios de la oficina y se asignan sus contraseñas. "
            "Foja no trae ninguna contraseña por omisión.", self)
        explicacion.setWordWrap(True)
        self.login = QLineEdit("admin", self)
        self.login.setObjectName("login")
        self.nombres = QLineEdit(self)
        self.nombres.setObjectName("nombres")
        self.clave = campo_clave(self)
        self.clave.setObjectName("clave")
        self.repetir = campo_clave(self)
        self.repetir.setObjectName("repetir")
        self.clave.setPlaceholderText(AYUDA_CLAVE)
        self.mensaje = etiqueta_error(self)
        form = QFormLayout()
        form.addRow("&Usuario:", self.login)
        form.addRow("&Nombres:", self.nombres)
        form.addRow("&Contraseña:", self.clave)
        form.addRow("&Repetir contraseña:", self.repetir)
        botones = QDialogButtonBox(self)
        self.crear = botones.addButton("Crear administrador", QDialogButtonBox.ButtonRole.AcceptRole)
        self.crear.setDefault(True)
        botones.addButton("Salir", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.intentar)
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(_titulo("Crear administrador", self))
        lay.addWidget(explicacion)
        lay.addLayout(form)
        lay.addWidget(self.mensaje)
        lay.addWidget(botones)
        self.nombres.setFocus()

    def _error(self, texto: str) -> None:
        self.mensaje.setText(texto)
        self.mensaje.show()

    @Slot()
    def intentar(self) -> None:
        if self.clave.text() != self.repetir.text():
            self._error("Las dos contraseñas no coinciden: escríbalas de nuevo.")
            self.repetir.clear()
            self.repetir.setFocus()
            return
        try:
            self.usuario = self._usuarios.crear_administrador_inicial(
                self.login.text(), self.nombres.text(), self.clave.text())
        except AppError as exc:
            self._error(exc.message)
            return
        self.accept()


def _ejecutar(dlg: QDialog) -> bool:
    try:
        return dlg.exec() == QDialog.DialogCode.Accepted
    finally:
        dlg.deleteLater()


def iniciar_sesion(usuarios: UsuariosService, parent: QWidget | None = None, oficina: str = "") -> UsuarioActual | None:
    """The login flow before the main window opens.

    First start (no administrador): create him and act as him. Otherwise log in; a user whose password was
    assigned by the administrador must change it before going on. Returns None when the user quits.
    """
    if not usuarios.hay_administrador():
        crear = CrearAdministradorDialog(usuarios, parent)
        return crear.usuario if _ejecutar(crear) else None
    login = LoginDialog(usuarios, parent, oficina)
    if not _ejecutar(login) or login.usuario is None:
        return None
    u = login.usuario
    if u.debe_cambiar_clave:
        propio = UsuariosService(contexto_de(usuarios.ctx, u))
        if not _ejecutar(CambiarClaveDialog(propio, parent, obligatorio=True)):
            return None
        u = replace(u, debe_cambiar_clave=False)
    return u
