"""Oficina → Servidor central…: where this desktop's central PostgreSQL is and who logs in (issue 7, "A desktop
joins"). Aceptar remembers the address (never the password), then runs the first sync in the background with a
progress dialog; an error keeps the dialog open with what was typed.

Each user logs in with his own PostgreSQL role, created by office IT (``central add-user``) with a one-time
password; «Primera conexión: cambiar la contraseña temporal» replaces it before the first sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import ValidationError
from app.services.sincronizacion import SincronizacionService
from app.sync.ciclo import ResultadoSync
from app.sync.conexion import Servidor
from app.ui import mensajes
from app.ui.errors import show_error

if TYPE_CHECKING:
    from app.ui.sync_control import ControlSync

LONGITUD_CLAVE = 10  # what SincronizacionService.cambiar_clave requires

SSLMODES = (
    ("prefer", "prefer — cifrado (TLS) si el servidor lo ofrece"),
    ("require", "require — exigir cifrado (TLS)"),
    ("verify-full", "verify-full — exigir TLS y verificar el certificado del servidor"),
    ("disable", "disable — sin cifrado (solo en la red interna)"),
)


class ServidorDialog(QDialog):
    """``control`` runs the first sync (one cycle at a time for the whole window) and keeps the password for
    this session's later cycles."""

    def __init__(self, servicio: SincronizacionService, control: ControlSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = servicio
        self._control = control
        self.resultado: ResultadoSync | None = None
        self.ocupado = False
        self._clave_cambiada = False
        self.setWindowTitle("Servidor central")
        self.setMinimumWidth(520)
        aviso = QLabel(
            "Conecte este equipo con la base central de la oficina. Los datos que informática le entregó: "
            "servidor, base de datos y su usuario. La contraseña no se guarda en este equipo: se usa mientras "
            "Foja esté abierto.", self)
        aviso.setWordWrap(True)
        self.host = QLineEdit(self)
        self.host.setObjectName("host")
        self.host.setPlaceholderText("p. ej. coactiva-central.iess.local o 10.1.2.3")
        self.puerto = QSpinBox(self)
        self.puerto.setObjectName("puerto")
        self.puerto.setRange(1, 65535)
        self.puerto.setValue(5432)
        self.base = QLineEdit(self)
        self.base.setObjectName("base")
        self.base.setPlaceholderText("p. ej. foja")
        self.usuario = QLineEdit(self)
        self.usuario.setObjectName("usuario")
        self.clave = self._clave("clave")
        self.sslmode = QComboBox(self)
        self.sslmode.setObjectName("sslmode")
        for valor, texto in SSLMODES:
            self.sslmode.addItem(texto, valor)
        self.primera = QCheckBox("Primera conexión: cambiar la contraseña temporal", self)
        self.primera.setObjectName("primera")
        self.primera.setToolTip("Informática le entregó una contraseña de un solo uso: escriba aquí la suya.")
        self.nueva = self._clave("nueva")
        self.nueva.setPlaceholderText(f"Al menos {LONGITUD_CLAVE} caracteres")
        self.repetir = self._clave("repetir")
        form = QFormLayout()
        form.addRow("&Servidor:", self.host)
        form.addRow("&Puerto:", self.puerto)
        form.addRow("&Base de datos:", self.base)
        form.addRow("&Usuario:", self.usuario)
        self._clave_label = QLabel("&Contraseña:", self)
        self._clave_label.setBuddy(self.clave)
        form.addRow(self._clave_label, self.clave)
        form.addRow("C&ifrado (sslmode):", self.sslmode)
        form.addRow("", self.primera)
        self._nueva_label = QLabel("Contraseña &nueva:", self)
        self._nueva_label.setBuddy(self.nueva)
        self._repetir_label = QLabel("&Repetir la nueva:", self)
        self._repetir_label.setBuddy(self.repetir)
        form.addRow(self._nueva_label, self.nueva)
        form.addRow(self._repetir_label, self.repetir)
        self.nota = QLabel(self)
        self.nota.setObjectName("nota")
        self.nota.setWordWrap(True)
        self.nota.hide()
        caja = QDialogButtonBox(self)
        self.aceptar = caja.addButton("Conectar y sincronizar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.aceptar.setDefault(True)
        self.cancelar = caja.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        caja.accepted.connect(self.intentar)
        caja.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(aviso)
        lay.addLayout(form)
        lay.addWidget(self.nota)
        lay.addWidget(caja)
        self.primera.toggled.connect(self._mostrar_nueva)
        self._mostrar_nueva(False)
        self._llenar()

    def _clave(self, nombre: str) -> QLineEdit:
        e = QLineEdit(self)
        e.setObjectName(nombre)
        e.setEchoMode(QLineEdit.EchoMode.Password)
        e.setMaxLength(128)
        return e

    def _llenar(self) -> None:
        actual = self._servicio.servidor()
        if actual is not None:
            self.host.setText(actual.host)
            self.puerto.setValue(actual.puerto)
            self.base.setText(actual.base)
            self.usuario.setText(actual.usuario)
            i = self.sslmode.findData(actual.sslmode)
            self.sslmode.setCurrentIndex(max(i, 0))
        self.clave.setText(self._control.clave or "")
        (self.host if not self.host.text() else self.clave).setFocus()

    @Slot(bool)
    def _mostrar_nueva(self, visible: bool) -> None:
        for w in (self._nueva_label, self.nueva, self._repetir_label, self.repetir):
            w.setVisible(visible)
        self._clave_label.setText("&Contraseña temporal:" if visible else "&Contraseña:")
        self.clave.setPlaceholderText("La que le entregó informática" if visible
                                      else "Vacía: la de PGPASSWORD o ~/.pgpass")
        self.adjustSize()

    # -- Aceptar --------------------------------------------------------------------------------------
    def servidor_escrito(self) -> Servidor:
        """The server as typed.

        Raises:
            ValidationError: a required field is empty, or the new passwords differ or are too short.
        """
        for campo, nombre in ((self.host, "el servidor"), (self.base, "la base de datos"),
                              (self.usuario, "el usuario")):
            if not campo.text().strip():
                campo.setFocus()
                raise ValidationError(f"Falta {nombre}.")
        if self.primera.isChecked():
            if len(self.nueva.text()) < LONGITUD_CLAVE:
                self.nueva.setFocus()
                raise ValidationError(f"La contraseña nueva debe tener al menos {LONGITUD_CLAVE} caracteres.")
            if self.nueva.text() != self.repetir.text():
                self.repetir.clear()
                self.repetir.setFocus()
                raise ValidationError("La contraseña nueva y su repetición no coinciden.")
        return Servidor(self.host.text().strip(), self.puerto.value(), self.base.text().strip(),
                        self.usuario.text().strip(), str(self.sslmode.currentData()))

    @Slot()
    def intentar(self) -> None:
        if self.ocupado:
            return
        try:
            servidor = self.servidor_escrito()
            if not self._confirmar_cambio(servidor):
                return
            self._servicio.configurar(servidor)
        except Exception as exc:
            show_error(self, exc)
            return
        actual = self.clave.text() or None
        cambiar = self.primera.isChecked()
        nueva = self.nueva.text()
        self._clave_cambiada = False

        def cambiar_clave() -> None:
            self._servicio.cambiar_clave(actual or "", nueva)
            self._clave_cambiada = True

        self._ocupar(True)
        self._control.sincronizar(
            parent=self, antes=cambiar_clave if cambiar else None, clave=nueva if cambiar else actual,
            al_terminar=self._listo, al_fallar=self._fallo)

    def _confirmar_cambio(self, nuevo: Servidor) -> bool:
        """A desktop that already syncs keeps its place in that server's history: moving it to another
        database is only right when IT moved the same database (another address)."""
        actual = self._servicio.servidor()
        if actual is None or self._servicio.estado().ultima is None:
            return True
        if (actual.host, actual.puerto, actual.base) == (nuevo.host, nuevo.puerto, nuevo.base):
            return True
        return mensajes.confirmar(
            self, f"Este equipo ya sincroniza con la base «{actual.base}» en {actual.host}:{actual.puerto}.",
            "Cambie la dirección solo si informática trasladó esa misma base central a otro servidor. Para unir "
            "este equipo a una base distinta, consulte antes a informática.",
            si="Cambiar la dirección", no="Volver")

    def _ocupar(self, si: bool) -> None:
        self.ocupado = si
        for w in (self.host, self.puerto, self.base, self.usuario, self.clave, self.sslmode, self.primera,
                  self.nueva, self.repetir, self.aceptar, self.cancelar):
            w.setEnabled(not si)
        self.setCursor(Qt.CursorShape.BusyCursor if si else Qt.CursorShape.ArrowCursor)

    def _listo(self, r: ResultadoSync) -> None:
        self._ocupar(False)
        self._control.clave = (self.nueva.text() if self.primera.isChecked() else self.clave.text()) or None
        self.resultado = r
        self.accept()

    def _fallo(self, exc: BaseException) -> None:
        self._ocupar(False)
        if self._clave_cambiada:
            # The server already has the new password: a retry must log in with it, not change it again.
            self.clave.setText(self.nueva.text())
            self._control.clave = self.nueva.text()
            self.primera.setChecked(False)
            self.nueva.clear()
            self.repetir.clear()
            self.nota.setText("Su contraseña nueva ya quedó registrada en el servidor central; la sincronización "
                              "no terminó. Corrija lo indicado y vuelva a intentar.")
            self.nota.show()
        show_error(self, exc)

    def reject(self) -> None:
        if not self.ocupado:  # a running first sync ends (or is cancelled from its progress dialog) first
            super().reject()
