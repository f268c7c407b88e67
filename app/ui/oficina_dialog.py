"""Oficina → Datos de la oficina… (who signs the documents) and Oficina → Tasas de interés… (the monthly rate
table, imported from CSV/XLSX with each row's source). Issue 8."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError
from app.services.bootstrap import Servicios
from app.ui import mensajes
from app.ui.errors import show_error

_GENEROS = (("", "(sin indicar)"), ("M", "Masculino — «el Director»"), ("F", "Femenino — «la Directora»"))


def _genero(parent: QWidget, actual: str) -> QComboBox:
    c = QComboBox(parent)
    for valor, texto in _GENEROS:
        c.addItem(texto, valor)
    c.setCurrentIndex(max(0, c.findData(actual)))
    return c


class OficinaDialog(QDialog):
    """The office's signatories: funcionario ejecutor and jefe de la unidad (name, cargo, gender). A validation
    error keeps the dialog open with what was typed."""

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        d = servicios.oficina.datos()
        self.setWindowTitle("Datos de la oficina")
        self.setMinimumWidth(560)
        self.ejecutor_nombre = QLineEdit(d.ejecutor_nombre, self)
        self.ejecutor_cargo = QLineEdit(d.ejecutor_cargo, self)
        self.ejecutor_genero = _genero(self, d.ejecutor_genero)
        self.jefe_nombre = QLineEdit(d.jefe_nombre, self)
        self.jefe_cargo = QLineEdit(d.jefe_cargo, self)
        self.jefe_genero = _genero(self, d.jefe_genero)
        form = QFormLayout()
        form.addRow(QLabel(f"<b>{d.nombre}</b> ({d.codigo}), {d.ciudad}", self))
        form.addRow("Funcionario ejecutor: &nombre:", self.ejecutor_nombre)
        form.addRow("Funcionario ejecutor: &cargo:", self.ejecutor_cargo)
        form.addRow("Funcionario ejecutor: &género:", self.ejecutor_genero)
        form.addRow("Jefe de la unidad: n&ombre:", self.jefe_nombre)
        form.addRow("Jefe de la unidad: c&argo:", self.jefe_cargo)
        form.addRow("Jefe de la unidad: g&énero:", self.jefe_genero)
        self.faltan = QLabel(self)
        self.faltan.setWordWrap(True)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        botones.button(QDialogButtonBox.StandardButton.Save).setText("Guardar")
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Los documentos se firman con estos nombres y cargos; sin ellos no se generan.", self))
        lay.addLayout(form)
        lay.addWidget(self.faltan)
        lay.addWidget(botones)
        self._mostrar_faltantes()

    def _mostrar_faltantes(self) -> None:
        faltan = self._srv.documentos.firmantes_faltantes()
        self.faltan.setText("" if not faltan else "Falta: " + "; ".join(faltan))

    @Slot()
    def guardar(self) -> None:
        campos = {
            "ejecutor_nombre": self.ejecutor_nombre.text().strip(),
            "ejecutor_cargo": self.ejecutor_cargo.text().strip(),
            "jefe_nombre": self.jefe_nombre.text().strip(), "jefe_cargo": self.jefe_cargo.text().strip(),
        }
        for clave, combo in (("ejecutor_genero", self.ejecutor_genero), ("jefe_genero", self.jefe_genero)):
            if combo.currentData():
                campos[clave] = combo.currentData()
        try:
            self._srv.oficina.actualizar(**campos)
        except AppError as exc:  # the dialog stays open with what was typed
            show_error(self, exc)
            return
        self.accept()


class TasasDialog(QDialog):
    """The monthly rate table (month, annual rate, source) and its import from a CSV/XLSX file."""

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.setWindowTitle("Tasas de interés (tabla mensual)")
        self.resize(720, 460)
        self.tabla = QPlainTextEdit(self)
        self.tabla.setReadOnly(True)
        botones = QDialogButtonBox(self)
        self.importar_boton = botones.addButton("&Importar CSV/XLSX…", QDialogButtonBox.ButtonRole.ActionRole)
        botones.addButton("Cerrar", QDialogButtonBox.ButtonRole.RejectRole)
        self.importar_boton.clicked.connect(self.importar)
        botones.rejected.connect(self.reject)
        self.tabla.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        nota = QLabel(
            "Una fila por mes con su fuente (configurable por la oficina). Sin tasa para un mes, la liquidación no "
            "se calcula y nombra el mes que falta: ninguna tasa supuesta se imprime como si fuera ley.", self)
        nota.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(nota)
        lay.addWidget(self.tabla)
        lay.addWidget(botones)
        self._mostrar()

    def _mostrar(self) -> None:
        filas = self._srv.liquidacion.tasas()
        self.tabla.setPlainText("\n".join(f"{t.vigente_desde:%m/%Y}   {t.tasa_anual:>8} %   {t.fuente}" for t in filas)
                                or "La oficina no ha cargado tasas de interés.")

    @Slot()
    def importar(self) -> None:
        from pathlib import Path

        from app.services.tasas import importar_tasas

        ruta, _ = QFileDialog.getOpenFileName(self, "Tabla de tasas", "", "Tablas (*.csv *.xlsx)")
        if not ruta:
            return
        try:
            tabla = importar_tasas(self._srv.liquidacion, Path(ruta))
        except AppError as exc:
            show_error(self, exc)
            return
        self._mostrar()
        mensajes.informar(self, f"Tabla de tasas cargada: {len(tabla)} meses.", titulo="Tasas de interés")
