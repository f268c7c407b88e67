"""Dialog to add a co-obligado (garante or responsable solidario) to a juicio."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.services.deudores import CalidadCoobligado
from app.ui.campos import botones
from app.ui.formulario import Formulario
from app.ui.pestana import nota


@dataclass(frozen=True, slots=True)
class DatosNuevoCoobligado:
    identificacion: str
    nombre: str
    calidad: CalidadCoobligado
    direccion: str


class CoobligadoDialog(Formulario):
    def __init__(self, numero: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agregar co-obligado — juicio {numero}")
        self.setMinimumWidth(520)
        self.calidad = QComboBox(self)
        for c in CalidadCoobligado:
            self.calidad.addItem(c.etiqueta, c.value)
        self.identificacion = QLineEdit(self)
        self.identificacion.setMaxLength(13)
        self.identificacion.setPlaceholderText("Cédula (10 dígitos) o RUC (13)")
        self.nombre = QLineEdit(self)
        self.direccion = QLineEdit(self)
        self.direccion.setPlaceholderText("Domicilio para notificarle")
        form = QFormLayout()
        form.addRow("&Calidad:", self.calidad)
        form.addRow("Cédula / &RUC:", self.identificacion)
        form.addRow("&Nombre:", self.nombre)
        form.addRow("&Dirección:", self.direccion)
        caja, self.aceptar = botones(self, "Agregar")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "El co-obligado se nombra en la orden de pago inmediato y se notifica por "
                                 "separado."))
        lay.addLayout(form)
        lay.addWidget(caja)

    def datos(self) -> DatosNuevoCoobligado:
        return DatosNuevoCoobligado(self.identificacion.text().strip(), self.nombre.text().strip(),
                                    CalidadCoobligado(self.calidad.currentData()), self.direccion.text().strip())
