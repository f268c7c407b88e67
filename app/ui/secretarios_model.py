"""The office's secretarios-abogados as a table."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.services.secretarios import DatosSecretario
from app.ui import formato
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_NOMBRES = 0
COL_CEDULA = 1
COL_TIPO = 2
COL_ESTADO = 3
COL_EMAIL = 4
COL_EXPEDIENTES = 5


class SecretariosModel(TablaModel[DatosSecretario]):
    COLUMNAS: ClassVar = (
        Columna("Nombres", lambda x: x.nombres),
        Columna("Cédula", lambda x: x.cedula),
        Columna("Tipo", lambda x: x.tipo, CENTRO),
        Columna("Estado", lambda x: "Activo" if x.activo else "Inactivo", CENTRO,
                ayuda=lambda x: None if x.activo else "No participa en nuevos sorteos."),
        Columna("Correo electrónico", lambda x: x.email),
        Columna("Expedientes", lambda x: formato.miles(x.expedientes), DERECHA),
    )

    def dato_extra(self, fila: DatosSecretario, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not fila.activo:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                return app.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            return QColor(Qt.GlobalColor.gray)
        return None

    def fila_de_id(self, secretario_id: object) -> int:
        return next((i for i, x in enumerate(self._filas) if x.id == secretario_id), -1)
