"""Dialogs of the medidas cautelares: order one (its oficio), record the reply, lift it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.medidas import DatosMedida, TipoMedida, destinatario_por_defecto
from app.ui.campos import MontoEdit, botones, campo_fecha, etiqueta, fecha_de
from app.ui.formulario import Formulario
from app.ui.pestana import nota

FILTRO_RESPUESTA = "Respuesta escaneada (*.pdf *.jpg *.jpeg *.png);;Todos (*)"


@dataclass(frozen=True, slots=True)
class DatosOrden:
    tipo: TipoMedida
    destinatario: str
    oficio_numero: str
    fecha: date
    generar_oficio: bool


class OrdenarMedidaDialog(Formulario):
    def __init__(self, numero: str, ciudad: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Ordenar medida cautelar — juicio {numero}")
        self.setMinimumWidth(560)
        self._ciudad = ciudad
        self.tipo = QComboBox(self)
        for t in TipoMedida:
            self.tipo.addItem(t.etiqueta, t.value)
        self.destinatario = QLineEdit(self)
        self.oficio_numero = QLineEdit(self)
        self.oficio_numero.setPlaceholderText("Vacío: se numera al generar el oficio")
        self.fecha = campo_fecha(self)
        self.generar_oficio = QCheckBox("Generar y foliar el oficio ahora", self)
        self.generar_oficio.setChecked(True)
        form = QFormLayout()
        form.addRow("&Medida:", self.tipo)
        form.addRow("&Se oficia a:", self.destinatario)
        form.addRow("&Oficio No.:", self.oficio_numero)
        form.addRow("&Fecha de envío:", self.fecha)
        form.addRow("", self.generar_oficio)
        caja, self.aceptar = botones(self, "Ordenar")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "Retención de fondos (Superintendencia de Bancos / SEPS), prohibición de enajenar "
                                 "vehículos (ANT) o inmuebles (Registro de la Propiedad); COA arts. 280-281."))
        lay.addLayout(form)
        lay.addWidget(caja)
        self.tipo.currentIndexChanged.connect(lambda _i: self._destinatario())
        self._destinatario()

    @Slot()
    def _destinatario(self) -> None:
        self.destinatario.setText(destinatario_por_defecto(TipoMedida(self.tipo.currentData()), self._ciudad))

    def datos(self) -> DatosOrden:
        return DatosOrden(TipoMedida(self.tipo.currentData()), self.destinatario.text().strip(),
                          self.oficio_numero.text().strip(), fecha_de(self.fecha), self.generar_oficio.isChecked())


@dataclass(frozen=True, slots=True)
class DatosRespuesta:
    fecha: date
    respuesta: str
    monto: Decimal | None
    adjunto: Path | None


class RespuestaMedidaDialog(Formulario):
    def __init__(self, medida: DatosMedida, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Respuesta de {medida.destinatario}")
        self.setMinimumWidth(560)
        self.fecha = campo_fecha(self)
        self.respuesta = QPlainTextEdit(self)
        self.respuesta.setPlaceholderText("Lo que contesta la entidad (p. ej. «Se retuvieron USD 1.250,00 en la "
                                          "cuenta de ahorros No. …»)")
        self.respuesta.setFixedHeight(self.fontMetrics().height() * 5)
        self.monto = MontoEdit(self, obligatorio=False)
        self.archivo = QLineEdit(self)
        self.archivo.setReadOnly(True)
        self.archivo.setPlaceholderText("Opcional: la respuesta escaneada se folia en el expediente")
        examinar = QPushButton("Examinar…", self)
        examinar.clicked.connect(self.elegir_archivo)
        fila = QHBoxLayout()
        fila.addWidget(self.archivo, 1)
        fila.addWidget(examinar)
        form = QFormLayout()
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Respuesta:", self.respuesta)
        self._con_monto = medida.tipo is TipoMedida.RETENCION
        if self._con_monto:
            form.addRow("&Monto retenido (USD):", self.monto)
        else:
            self.monto.hide()
        form.addRow(etiqueta("&Escaneo:", examinar, self), fila)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(caja)

    @Slot()
    def elegir_archivo(self) -> None:
        ruta, _ = QFileDialog.getOpenFileName(self, "Respuesta escaneada", "", FILTRO_RESPUESTA)
        if ruta:
            self.archivo.setText(ruta)

    def datos(self) -> DatosRespuesta:
        monto = self.monto.valor("monto retenido") if self._con_monto else None
        return DatosRespuesta(fecha_de(self.fecha), self.respuesta.toPlainText().strip(), monto,
                              Path(self.archivo.text()) if self.archivo.text() else None)


@dataclass(frozen=True, slots=True)
class DatosLevantamiento:
    fecha: date
    motivo: str
    generar_oficio: bool


class LevantarMedidaDialog(Formulario):
    def __init__(self, medida: DatosMedida, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Levantar medida cautelar")
        self.setMinimumWidth(520)
        self.fecha = campo_fecha(self)
        self.motivo = QLineEdit(self)
        self.motivo.setPlaceholderText("haberse cancelado la totalidad de la obligación")
        self.generar_oficio = QCheckBox("Generar y foliar el oficio de levantamiento", self)
        self.generar_oficio.setChecked(True)
        form = QFormLayout()
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Motivo:", self.motivo)
        form.addRow("", self.generar_oficio)
        caja, self.aceptar = botones(self, "Levantar")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, f"{medida.tipo.etiqueta}: oficio a {medida.destinatario}."))
        lay.addLayout(form)
        lay.addWidget(caja)

    def datos(self) -> DatosLevantamiento:
        return DatosLevantamiento(fecha_de(self.fecha), self.motivo.text().strip(), self.generar_oficio.isChecked())
