"""The sync's corner of the status bar: connection, cambios pendientes, última sincronización, conflictos.

It only shows what :class:`~app.ui.sync_control.ControlSync` hands it (an
:class:`~app.services.sincronizacion.EstadoSync` read from the local database, the last failure of this
session, whether a cycle is running); it never reaches the network or a session itself.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from app.common.dates import to_local
from app.services.sincronizacion import EstadoSync
from app.sync.conexion import SinConexion, VersionIncompatible

ROJO = "color: #b00020;"
VERDE = "color: #1b6e20;"
GRIS = "color: #666666;"


def hace(ultima: datetime | None, ahora: datetime) -> str:
    """How long ago the last successful cycle ended: ``'nunca'``, ``'hace 5 min'``, ``'hace 3 h'``, or the
    local date and time when it was more than a day ago (``'el 28/11/2026 17:05'``)."""
    if ultima is None:
        return "nunca"
    segundos = (ahora - ultima).total_seconds()
    if segundos < 60:
        return "hace menos de 1 min"
    if segundos < 3600:
        return f"hace {int(segundos // 60)} min"
    if segundos < 86400:
        return f"hace {int(segundos // 3600)} h"
    return "el " + to_local(ultima).strftime("%d/%m/%Y %H:%M")


def _separador(parent: QWidget) -> QFrame:
    linea = QFrame(parent)
    linea.setFrameShape(QFrame.Shape.VLine)
    linea.setFrameShadow(QFrame.Shadow.Sunken)
    return linea


class EstadoSyncWidget(QWidget):
    """``Sin conexión · Cambios pendientes: 3 · Última sincronización: hace 2 min · Conflictos: 1``.

    Hidden on a standalone office (no central server). ``conflictos_pedidos`` is emitted when the
    «Conflictos: N» button is clicked.
    """

    conflictos_pedidos = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("estadoSync")
        self.conexion = QLabel(self)
        self.conexion.setObjectName("syncConexion")
        self.pendientes = QLabel(self)
        self.pendientes.setObjectName("syncPendientes")
        self.ultima = QLabel(self)
        self.ultima.setObjectName("syncUltima")
        self.conflictos = QToolButton(self)
        self.conflictos.setObjectName("syncConflictos")
        self.conflictos.setAutoRaise(True)
        self.conflictos.setCursor(Qt.CursorShape.PointingHandCursor)
        self.conflictos.setToolTip("Ver y resolver los conflictos (Oficina → Conflictos…)")
        self.conflictos.clicked.connect(self.conflictos_pedidos)
        self._sep_conexion = _separador(self)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 0, 4, 0)
        lay.setSpacing(8)
        for w in (self.conexion, self._sep_conexion, self.pendientes, _separador(self), self.ultima,
                  _separador(self), self.conflictos):
            lay.addWidget(w)
        self.setVisible(False)

    def mostrar(self, estado: EstadoSync, fallo: BaseException | None, en_curso: str | None,
                ahora: datetime) -> None:
        """Show ``estado``; ``fallo``: how this session's last cycle failed (None: it worked or none ran yet);
        ``en_curso``: the phase of the running cycle (None when idle)."""
        self.setVisible(estado.unido)
        if not estado.unido:
            return
        conexion, estilo, ayuda = self._conexion(estado, fallo, en_curso)
        self.conexion.setText(conexion)
        self.conexion.setStyleSheet(estilo)
        self.conexion.setToolTip(ayuda)
        self.conexion.setVisible(bool(conexion))
        self._sep_conexion.setVisible(bool(conexion))
        al_dia = estado.pendientes == 0 and estado.ultima is not None and fallo is None and en_curso is None
        if al_dia:
            self.pendientes.setText("Sincronizado")
            self.pendientes.setStyleSheet(VERDE)
            self.pendientes.setToolTip("Todos los cambios de este equipo están en el servidor central.")
        else:
            self.pendientes.setText(f"Cambios pendientes: {estado.pendientes}")
            self.pendientes.setStyleSheet("")
            self.pendientes.setToolTip(
                "Operaciones hechas en este equipo que aún no llegan al servidor central; se envían en la "
                "próxima sincronización (F9 o automáticamente cada minuto)." if estado.pendientes else "")
        self.ultima.setText(f"Última sincronización: {hace(estado.ultima, ahora)}")
        self.ultima.setToolTip(f"Servidor central: {estado.servidor}")
        self.conflictos.setText(f"Conflictos: {estado.conflictos}")
        self.conflictos.setStyleSheet(f"font-weight: bold; {ROJO}" if estado.conflictos else GRIS)

    @staticmethod
    def _conexion(estado: EstadoSync, fallo: BaseException | None, en_curso: str | None) -> tuple[str, str, str]:
        if en_curso is not None:
            if isinstance(fallo, SinConexion):  # offline stays visible while the next attempt runs
                return "Sin conexión (reintentando…)", ROJO, fallo.message
            return en_curso or "Sincronizando…", GRIS, "Sincronizando con el servidor central."
        if isinstance(fallo, SinConexion):
            que_hacer = ("Escriba su contraseña en Oficina → Servidor central…." if "contraseña" in fallo.message
                         else "Se sigue trabajando en este equipo; se reintenta cada minuto.")
            return "Sin conexión", ROJO, f"{fallo.message} {que_hacer}"
        if isinstance(fallo, VersionIncompatible):
            return "Versión incompatible", ROJO, fallo.message
        if fallo is not None:
            return "Sincronización con errores", ROJO, str(getattr(fallo, "message", fallo))
        if estado.error:  # recorded by an earlier session or the command line
            return "Sin conexión", ROJO, estado.error
        return "", "", ""

    def texto(self) -> str:
        """What the user reads, left to right (visible parts joined by ``' · '``)."""
        if self.isHidden():
            return ""
        partes = [w.text() for w in (self.conexion, self.pendientes, self.ultima, self.conflictos)
                  if not w.isHidden() and w.text()]
        return " · ".join(partes)
