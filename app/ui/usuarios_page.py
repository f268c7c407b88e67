"""Users of the office (administrador): create with a role, reset a password, unlock, deactivate or activate."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError
from app.domain.claves import generar_clave
from app.domain.permisos import Rol
from app.services.usuarios import DatosUsuario, UsuariosService
from app.ui import mensajes
from app.ui.errors import protegido
from app.ui.login_dialog import AYUDA_CLAVE, campo_clave, etiqueta_error
from app.ui.pestana import anchos, tabla, titulo_pagina
from app.ui.usuarios_model import COL_CEDULA, COL_ESTADO, COL_LOGIN, COL_NOMBRES, COL_ROL, UsuariosModel


class _ConClave(QDialog):
    """A password typed twice, or generated (then shown, to be handed to the user)."""

    def _campos_clave(self) -> None:
        self.clave = campo_clave(self)
        self.clave.setObjectName("clave")
        self.clave.setPlaceholderText(AYUDA_CLAVE)
        self.repetir = campo_clave(self)
        self.repetir.setObjectName("repetir")
        self.generar = QPushButton("Generar", self)
        self.generar.setToolTip("Generar una contraseña al azar y mostrarla para entregarla al usuario")
        self.generar.clicked.connect(self.generar_clave)
        self.mensaje = etiqueta_error(self)

    def _etiqueta_clave(self, texto: str) -> QLabel:
        # A row holding a layout gets no buddy from QFormLayout: the label is made here, with its shortcut.
        lbl = QLabel(texto, self)
        lbl.setBuddy(self.clave)
        return lbl

    def _fila_clave(self) -> QHBoxLayout:
        fila = QHBoxLayout()
        fila.addWidget(self.clave, 1)
        fila.addWidget(self.generar)
        return fila

    @Slot()
    def generar_clave(self) -> None:
        clave = generar_clave()
        for e in (self.clave, self.repetir):
            e.setEchoMode(QLineEdit.EchoMode.Normal)
            e.setText(clave)

    def _error(self, texto: str) -> None:
        self.mensaje.setText(texto)
        self.mensaje.show()

    def _claves_coinciden(self) -> bool:
        if self.clave.text() == self.repetir.text():
            return True
        self._error("Las dos contraseñas no coinciden: escríbalas de nuevo.")
        self.repetir.clear()
        self.repetir.setFocus()
        return False

    def _botones(self, texto: str) -> QDialogButtonBox:
        botones = QDialogButtonBox(self)
        self.aceptar = botones.addButton(texto, QDialogButtonBox.ButtonRole.AcceptRole)
        self.aceptar.setDefault(True)
        botones.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.intentar)
        botones.rejected.connect(self.reject)
        return botones

    @Slot()
    def intentar(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class NuevoUsuarioDialog(_ConClave):
    """Create a user. The login is suggested from the names until typed by hand. A secretario-abogado needs
    his cédula (his Secretario row is found or created with it). The user must change the initial password
    at his first login."""

    def __init__(self, usuarios: UsuariosService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        self.creado: DatosUsuario | None = None
        self._login_a_mano = False
        self.setWindowTitle("Nuevo usuario")
        self.setMinimumWidth(500)
        self.nombres = QLineEdit(self)
        self.nombres.setObjectName("nombres")
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.login.setMaxLength(60)
        self.rol = QComboBox(self)
        self.rol.setObjectName("rol")
        for r in Rol:
            self.rol.addItem(r.etiqueta, r.value)
        self.cedula = QLineEdit(self)
        self.cedula.setObjectName("cedula")
        self.cedula.setMaxLength(10)
        self.cedula.setPlaceholderText("10 dígitos (obligatoria para un secretario-abogado)")
        self.externo = QCheckBox("Secretario Abogado Externo", self)
        self.externo.setChecked(True)
        self.email = QLineEdit(self)
        self._campos_clave()
        form = QFormLayout()
        form.addRow("&Nombres:", self.nombres)
        form.addRow("&Usuario:", self.login)
        form.addRow("&Rol:", self.rol)
        form.addRow("&Cédula:", self.cedula)
        form.addRow("", self.externo)
        form.addRow("C&orreo:", self.email)
        form.addRow(self._etiqueta_clave("Contraseña &inicial:"), self._fila_clave())
        form.addRow("Re&petir contraseña:", self.repetir)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.mensaje)
        lay.addWidget(self._botones("Crear usuario"))
        self.nombres.textEdited.connect(self._sugerir)
        self.login.textEdited.connect(lambda _t: setattr(self, "_login_a_mano", bool(self.login.text())))
        self.rol.currentIndexChanged.connect(lambda _i: self._habilitar())
        self._habilitar()

    def rol_elegido(self) -> Rol:
        return Rol(self.rol.currentData())

    def elegir_rol(self, rol: Rol) -> None:
        self.rol.setCurrentIndex(self.rol.findData(rol.value))

    def _habilitar(self) -> None:
        self.externo.setEnabled(self.rol_elegido() is Rol.SECRETARIO)

    @Slot(str)
    def _sugerir(self, nombres: str) -> None:
        if not self._login_a_mano:
            self.login.setText(self._usuarios.sugerir_login(nombres) if nombres.strip() else "")

    @Slot()
    def intentar(self) -> None:
        if not self.clave.text():
            self._error("Escriba la contraseña inicial (o use «Generar») y entréguela al usuario.")
            return
        if not self._claves_coinciden():
            return
        try:
            self.creado = self._usuarios.crear(
                self.login.text(), self.nombres.text(), self.rol_elegido(), cedula=self.cedula.text(),
                email=self.email.text(), clave=self.clave.text(), externo=self.externo.isChecked(),
            )
        except AppError as exc:
            self._error(exc.message)
            return
        self.accept()


class RestablecerClaveDialog(_ConClave):
    """Set a new password for ``usuario`` (he must change it at his next login); unlocks the account."""

    def __init__(self, usuarios: UsuariosService, usuario: DatosUsuario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        self._usuario = usuario
        self.setWindowTitle("Restablecer contraseña")
        self.setMinimumWidth(460)
        aviso = QLabel(f"Nueva contraseña para «{usuario.login}» ({usuario.nombres}). Al entrar deberá "
                       "cambiarla por una propia.", self)
        aviso.setWordWrap(True)
        self._campos_clave()
        form = QFormLayout()
        form.addRow(self._etiqueta_clave("Contraseña &nueva:"), self._fila_clave())
        form.addRow("&Repetir contraseña:", self.repetir)
        lay = QVBoxLayout(self)
        lay.addWidget(aviso)
        lay.addLayout(form)
        lay.addWidget(self.mensaje)
        lay.addWidget(self._botones("Restablecer"))

    @Slot()
    def intentar(self) -> None:
        if not self._claves_coinciden():
            return
        try:
            self._usuarios.restablecer_clave(self._usuario.login, self.clave.text())
        except AppError as exc:
            self._error(exc.message)
            return
        self.accept()


class UsuariosPage(QWidget):
    """Emits ``mensaje(texto)`` for the status bar and ``volver`` to go back to the previous page."""

    volver = Signal()
    mensaje = Signal(str)

    def __init__(self, usuarios: UsuariosService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._usuarios = usuarios
        titulo = titulo_pagina(self, "Usuarios de la oficina")
        volver = QPushButton("← Volver", self)
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(volver)

        self.model = UsuariosModel(parent=self)
        self.tabla = tabla(self, self.model, estirar=COL_NOMBRES)
        self.tabla.setProperty("exportar_como", "Usuarios")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaUsuarios")
        anchos(self.tabla, {COL_LOGIN: 18, COL_ROL: 20, COL_ESTADO: 24, COL_CEDULA: 12})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())

        self.boton_nuevo = QPushButton("Nuevo usuario…", self)
        self.boton_nuevo.clicked.connect(self.nuevo)
        self.boton_clave = QPushButton("Restablecer contraseña…", self)
        self.boton_clave.clicked.connect(self.restablecer)
        self.boton_desbloquear = QPushButton("Desbloquear", self)
        self.boton_desbloquear.clicked.connect(self.desbloquear)
        self.boton_activar = QPushButton("Desactivar", self)
        self.boton_activar.setObjectName("botonActivar")
        self.boton_activar.clicked.connect(self.alternar_activo)
        acciones = QHBoxLayout()
        for b in (self.boton_nuevo, self.boton_clave, self.boton_desbloquear, self.boton_activar):
            acciones.addWidget(b)
        acciones.addStretch(1)
        nota = QLabel("Los secretarios-abogados también aparecen aquí: cada uno entra con su usuario y ve sus "
                      "expedientes. Un usuario «Sin contraseña» no puede entrar hasta que se le asigne una.", self)
        nota.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(acciones)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(nota)
        self._habilitar()

    @protegido
    def cargar(self) -> None:
        self.model.set_filas(self._usuarios.listar())
        self._habilitar()

    def seleccionado(self) -> DatosUsuario | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.model.fila(filas[0].row()) if filas else None

    def seleccionar(self, login: str) -> None:
        row = self.model.fila_de_login(login)
        if row >= 0:
            self.tabla.selectRow(row)

    def _habilitar(self) -> None:
        u = self.seleccionado()
        self.boton_clave.setEnabled(u is not None)
        self.boton_desbloquear.setEnabled(u is not None and u.bloqueado())
        self.boton_activar.setEnabled(u is not None)
        self.boton_activar.setText("Activar" if u is not None and not u.activo else "Desactivar")

    def _recargar(self, login: str) -> None:
        self.cargar()
        self.seleccionar(login)

    def _ejecutar(self, dlg: QDialog) -> bool:
        try:
            return dlg.exec() == QDialog.DialogCode.Accepted
        finally:
            dlg.deleteLater()

    @Slot()
    @protegido
    def nuevo(self) -> None:
        dlg = NuevoUsuarioDialog(self._usuarios, self)
        if self._ejecutar(dlg) and dlg.creado is not None:
            self._recargar(dlg.creado.login)
            self.mensaje.emit(f"Usuario «{dlg.creado.login}» creado ({dlg.creado.rol.etiqueta}).")

    @Slot()
    @protegido
    def restablecer(self) -> None:
        u = self.seleccionado()
        if u is None:
            return
        if self._ejecutar(RestablecerClaveDialog(self._usuarios, u, self)):
            self._recargar(u.login)
            self.mensaje.emit(f"Contraseña de «{u.login}» restablecida: deberá cambiarla al entrar.")

    @Slot()
    @protegido
    def desbloquear(self) -> None:
        u = self.seleccionado()
        if u is None:
            return
        self._usuarios.desbloquear(u.login)
        self._recargar(u.login)
        self.mensaje.emit(f"Usuario «{u.login}» desbloqueado.")

    @Slot()
    @protegido
    def alternar_activo(self) -> None:
        u = self.seleccionado()
        if u is None:
            return
        if u.activo:
            extra = " Tampoco participará en nuevos sorteos." if u.rol is Rol.SECRETARIO else ""
            if not mensajes.confirmar(self, f"¿Desactivar el usuario «{u.login}»?",
                                      f"No podrá iniciar sesión; sus registros se conservan.{extra}",
                                      si="Desactivar", no="Cancelar"):
                return
            nuevo = self._usuarios.desactivar(u.login)
        else:
            nuevo = self._usuarios.activar(u.login)
        self._recargar(nuevo.login)
        self.mensaje.emit(f"Usuario «{nuevo.login}» {'activado' if nuevo.activo else 'desactivado'}.")
