"""The register of depositarios judiciales: add one (with his login), activate or deactivate, link a login."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.bootstrap import Servicios
from app.services.depositarios import DatosDepositario
from app.ui.bien_dialogs import repetir_hasta_guardar
from app.ui.campos import botones
from app.ui.errors import protegido
from app.ui.formulario import Formulario
from app.ui.pestana import anchos, fila_seleccionada, nota, tabla
from app.ui.table_base import CENTRO, Columna, TablaModel


class DepositariosModel(TablaModel[DatosDepositario]):
    COLUMNAS: ClassVar = (
        Columna("Nombres", lambda d: d.nombres),
        Columna("Cédula", lambda d: d.cedula),
        Columna("Teléfono", lambda d: d.telefono),
        Columna("Usuario", lambda d: d.login or "—"),
        Columna("Bienes en custodia", lambda d: str(d.bienes), CENTRO),
        Columna("Activo", lambda d: "Sí" if d.activo else "No", CENTRO),
    )


class NuevoDepositarioDialog(Formulario):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nuevo depositario judicial")
        self.nombres = QLineEdit(self)
        self.cedula = QLineEdit(self)
        self.telefono = QLineEdit(self)
        self.email = QLineEdit(self)
        self.direccion = QLineEdit(self)
        self.login = QLineEdit(self)
        self.login.setPlaceholderText("Opcional: su usuario (rol Depositario Judicial)")
        form = QFormLayout(self)
        for texto, w in (("&Nombres:", self.nombres), ("&Cédula:", self.cedula), ("&Teléfono:", self.telefono),
                         ("&Correo:", self.email), ("&Dirección:", self.direccion), ("&Usuario:", self.login)):
            form.addRow(texto, w)
        caja, self.aceptar = botones(self, "Registrar")
        form.addRow(caja)


class DepositariosDialog(QDialog):
    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.setWindowTitle("Depositarios judiciales")
        self.resize(820, 420)
        self.model = DepositariosModel((), self)
        self.tabla = tabla(self, self.model, 0)
        anchos(self.tabla, {1: 12, 2: 12, 3: 14, 4: 10, 5: 7})
        nuevo = QPushButton("Nuevo…", self)
        nuevo.clicked.connect(self.nuevo)
        vincular = QPushButton("Vincular usuario…", self)
        vincular.clicked.connect(self.vincular)
        activar = QPushButton("Activar / desactivar", self)
        activar.clicked.connect(self.activar)
        fila = QHBoxLayout()
        for b in (nuevo, vincular, activar):
            fila.addWidget(b)
        fila.addStretch(1)
        caja = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        caja.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(fila)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(nota(self, "Un depositario inactivo conserva los bienes que ya custodia hasta que se entreguen, "
                                 "pero no se ofrece para nuevas designaciones."))
        lay.addWidget(caja)
        self.cargar()

    def cargar(self) -> None:
        self.model.set_filas(self._srv.depositarios.listar())

    def _sel(self) -> DatosDepositario | None:
        r = fila_seleccionada(self.tabla)
        return self.model.fila(r) if r >= 0 else None

    @Slot()
    @protegido
    def nuevo(self) -> None:
        dlg = NuevoDepositarioDialog(self)
        if repetir_hasta_guardar(dlg, lambda d: self._srv.depositarios.crear(
                d.nombres.text(), d.cedula.text(), d.telefono.text(), d.email.text(), d.direccion.text(),
                d.login.text()), self) is not None:
            self.cargar()

    @Slot()
    @protegido
    def vincular(self) -> None:
        d = self._sel()
        if d is None:
            return
        login, ok = QInputDialog.getText(self, "Vincular usuario", f"Usuario de {d.nombres}:", text=d.login)
        if ok:
            self._srv.depositarios.vincular_usuario(d.id, login)
            self.cargar()

    @Slot()
    @protegido
    def activar(self) -> None:
        d = self._sel()
        if d is not None:
            self._srv.depositarios.activar(d.id, not d.activo)
            self.cargar()
