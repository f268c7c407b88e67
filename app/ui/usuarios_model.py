"""The office's users as a table (login, names, role, state)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.services.usuarios import DatosUsuario
from app.ui.table_base import CENTRO, Columna, TablaModel

COL_LOGIN = 0
COL_NOMBRES = 1
COL_ROL = 2
COL_ESTADO = 3
COL_CEDULA = 4
COL_EMAIL = 5

_AYUDA_ESTADO = {
    "Inactivo": "No puede iniciar sesión; sus registros se conservan.",
    "Bloqueado": "Demasiados intentos fallidos: se desbloquea solo, al desbloquearlo o al restablecer la contraseña.",
    "Sin contraseña": "No puede iniciar sesión hasta que el administrador le asigne una contraseña.",
    "Debe cambiar la contraseña": "Al entrar deberá elegir una contraseña propia.",
}


class UsuariosModel(TablaModel[DatosUsuario]):
    COLUMNAS: ClassVar = (
        Columna("Usuario", lambda u: u.login),
        Columna("Nombres", lambda u: u.nombres),
        Columna("Rol", lambda u: u.rol.etiqueta),
        Columna("Estado", lambda u: u.estado, CENTRO, ayuda=lambda u: _AYUDA_ESTADO.get(u.estado)),
        Columna("Cédula", lambda u: u.cedula),
        Columna("Correo electrónico", lambda u: u.email),
    )

    def dato_extra(self, fila: DatosUsuario, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not fila.activo:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return QColor(Qt.GlobalColor.gray)
        return None

    def fila_de_login(self, login: str) -> int:
        return next((i for i, u in enumerate(self._filas) if u.login == login), -1)
