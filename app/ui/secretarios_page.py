"""Secretarios-abogados: list, add, edit, activate or deactivate (an inactive one takes no part in sorteos)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError
from app.services.bootstrap import Servicios
from app.services.secretarios import DatosSecretario
from app.ui.errors import protegido, show_error
from app.ui.pestana import anchos, tabla, titulo_pagina
from app.ui.secretarios_model import (
    COL_CEDULA,
    COL_EMAIL,
    COL_ESTADO,
    COL_EXPEDIENTES,
    COL_NOMBRES,
    COL_TIPO,
    SecretariosModel,
)


@dataclass(frozen=True, slots=True)
class DatosFormulario:
    nombres: str
    cedula: str
    externo: bool
    email: str
    genero: str = ""


#: How the documents name the secretario-abogado (gender agreement: "la Abogada", "Secretaria Abogada Externa").
GENEROS = (("", "(sin indicar: no puede firmar documentos)"), ("M", "Abogado — Secretario Abogado"),
           ("F", "Abogada — Secretaria Abogada"))


class SecretarioDialog(QDialog):
    """Add (``actual`` None) or edit a secretario-abogado. The cédula cannot change once registered."""

    def __init__(self, parent: QWidget | None = None, actual: DatosSecretario | None = None,
                 previos: DatosFormulario | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nuevo secretario-abogado" if actual is None else "Editar secretario-abogado")
        self.setMinimumWidth(440)
        self.nombres = QLineEdit(self)
        self.cedula = QLineEdit(self)
        self.cedula.setMaxLength(10)
        self.cedula.setPlaceholderText("10 dígitos")
        self.externo = QCheckBox("Secretario Abogado Externo", self)
        self.externo.setChecked(True)
        self.email = QLineEdit(self)
        self.genero = QComboBox(self)
        for valor, texto in GENEROS:
            self.genero.addItem(texto, valor)
        self.genero.setToolTip("Los documentos concuerdan con el género: «el Abogado» o «la Abogada».")
        if actual is not None:
            self.nombres.setText(actual.nombres)
            self.cedula.setText(actual.cedula)
            self.cedula.setReadOnly(True)
            self.externo.setChecked(actual.externo)
            self.email.setText(actual.email)
            self.genero.setCurrentIndex(max(0, self.genero.findData(actual.genero)))
        elif previos is not None:  # a rejected attempt, to be corrected
            self.nombres.setText(previos.nombres)
            self.cedula.setText(previos.cedula)
            self.externo.setChecked(previos.externo)
            self.email.setText(previos.email)
            self.genero.setCurrentIndex(max(0, self.genero.findData(previos.genero)))
        form = QFormLayout()
        form.addRow("&Nombres:", self.nombres)
        form.addRow("&Cédula:", self.cedula)
        form.addRow("", self.externo)
        form.addRow("C&orreo:", self.email)
        form.addRow("&Firma como:", self.genero)
        botones = QDialogButtonBox(self)
        self.guardar = botones.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        botones.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(botones)

    def datos(self) -> DatosFormulario:
        return DatosFormulario(self.nombres.text(), self.cedula.text(), self.externo.isChecked(), self.email.text(),
                               str(self.genero.currentData() or ""))


class SecretariosPage(QWidget):
    volver = Signal()
    mensaje = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        titulo = titulo_pagina(self, "Secretarios-abogados de la oficina")
        volver = QPushButton("← Volver a la lista", self)
        volver.setToolTip("Volver a la lista de expedientes (Esc)")
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(volver)

        self.model = SecretariosModel(parent=self)
        self.tabla = tabla(self, self.model, estirar=COL_NOMBRES)
        self.tabla.setProperty("exportar_como", "Secretarios-abogados")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaSecretarios")
        anchos(self.tabla, {COL_CEDULA: 12, COL_TIPO: 9, COL_ESTADO: 9, COL_EMAIL: 28, COL_EXPEDIENTES: 11})
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())

        self.boton_agregar = QPushButton("Agregar…", self)
        self.boton_agregar.clicked.connect(self.agregar)
        self.boton_editar = QPushButton("Editar…", self)
        self.boton_editar.clicked.connect(self.editar)
        self.boton_activar = QPushButton("Desactivar", self)
        self.boton_activar.setObjectName("botonActivar")
        self.boton_activar.clicked.connect(self.alternar_activo)
        acciones = QHBoxLayout()
        for b in (self.boton_agregar, self.boton_editar, self.boton_activar):
            acciones.addWidget(b)
        acciones.addStretch(1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(acciones)
        lay.addWidget(self.tabla, 1)
        self._habilitar()

    def cargar(self) -> None:
        self.model.set_filas(self._srv.secretarios.listar())
        self._habilitar()

    def seleccionado(self) -> DatosSecretario | None:
        filas = self.tabla.selectionModel().selectedRows()
        return self.model.fila(filas[0].row()) if filas else None

    def _habilitar(self) -> None:
        x = self.seleccionado()
        self.boton_editar.setEnabled(x is not None)
        self.boton_activar.setEnabled(x is not None)
        self.boton_activar.setText("Activar" if x is not None and not x.activo else "Desactivar")

    def _recargar_y_seleccionar(self, secretario_id: object) -> None:
        self.cargar()
        row = self.model.fila_de_id(secretario_id)
        if row >= 0:
            self.tabla.selectRow(row)

    def _dialogo(self, actual: DatosSecretario | None, previos: DatosFormulario | None = None
                 ) -> DatosFormulario | None:
        dlg = SecretarioDialog(self, actual, previos)
        try:
            return dlg.datos() if dlg.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dlg.deleteLater()

    @Slot()
    @protegido
    def agregar(self) -> None:
        datos = self._dialogo(None)
        while datos is not None:
            try:
                nuevo = self._srv.secretarios.crear(datos.nombres, datos.cedula, externo=datos.externo,
                                                    email=datos.email, genero=datos.genero)
            except AppError as exc:  # a bad cédula: say why and let the user correct it
                show_error(self, exc)
                datos = self._dialogo(None, datos)
                continue
            self._recargar_y_seleccionar(nuevo.id)
            self.mensaje.emit(f"Secretario-abogado {nuevo.nombres} registrado.")
            return

    @Slot()
    @protegido
    def editar(self) -> None:
        x = self.seleccionado()
        if x is None:
            return
        datos = self._dialogo(x)
        if datos is None:
            return
        nuevo = self._srv.secretarios.actualizar(x.id, nombres=datos.nombres, externo=datos.externo,
                                                 email=datos.email, genero=datos.genero)
        self._recargar_y_seleccionar(nuevo.id)

    @Slot()
    @protegido
    def alternar_activo(self) -> None:
        x = self.seleccionado()
        if x is None:
            return
        nuevo = self._srv.secretarios.actualizar(x.id, activo=not x.activo)
        self._recargar_y_seleccionar(nuevo.id)
        estado = "activado" if nuevo.activo else "desactivado (no participará en nuevos sorteos)"
        self.mensaje.emit(f"{nuevo.nombres}: {estado}.")
