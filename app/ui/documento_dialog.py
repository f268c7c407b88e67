"""Dialog to add a received document (PDF, scan) to an expediente as its next folios."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.text import plural
from app.documents.paginas import paginas_pdf
from app.ui.campos import campo_fecha
from app.ui.formulario import Formulario
from app.ui.indice_model import TIPOS

log = logging.getLogger(__name__)

FILTRO = "Documentos (*.pdf *.jpg *.jpeg *.png *.docx);;PDF (*.pdf);;Imágenes (*.jpg *.jpeg *.png);;Todos (*)"
TIPOS_RECIBIDOS = ["ESCRITO", "RESPUESTA", "OFICIO", "RAZON", "ACTA", "PROVIDENCIA", "EVIDENCIA", "OTRO"]


@dataclass(frozen=True, slots=True)
class DatosDocumento:
    ruta: Path
    tipo: str
    descripcion: str
    hojas: int
    fecha: date


class AgregarDocumentoDialog(Formulario):
    def __init__(self, numero: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agregar documento al juicio {numero}")
        self.setMinimumWidth(560)

        self.archivo = QLineEdit(self)
        self.archivo.setReadOnly(True)
        self.archivo.setPlaceholderText("Elija el archivo escaneado o recibido")
        self.examinar = QPushButton("Examinar…", self)
        self.examinar.clicked.connect(self.elegir_archivo)
        fila_archivo = QHBoxLayout()
        fila_archivo.addWidget(self.archivo, 1)
        fila_archivo.addWidget(self.examinar)

        self.tipo = QComboBox(self)
        for t in TIPOS_RECIBIDOS:
            self.tipo.addItem(TIPOS[t], t)
        self.descripcion = QLineEdit(self)
        self.descripcion.setPlaceholderText("p. ej. Escrito del coactivado dimitiendo bienes")
        self.hojas = QSpinBox(self)
        self.hojas.setRange(1, 5000)
        self.hojas.setToolTip("Hojas con contenido (las hojas en blanco no se folian).")
        self.nota_hojas = QLabel("", self)
        self.nota_hojas.setObjectName("notaHojas")
        fila_hojas = QHBoxLayout()
        fila_hojas.addWidget(self.hojas)
        fila_hojas.addWidget(self.nota_hojas, 1)
        self.fecha = campo_fecha(self)

        form = QFormLayout()
        for texto, campo, fila in (
            ("&Archivo:", self.examinar, fila_archivo),
            ("&Tipo:", self.tipo, None),
            ("&Descripción:", self.descripcion, None),
            ("&Hojas:", self.hojas, fila_hojas),
            ("&Fecha:", self.fecha, None),
        ):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(campo)  # the mnemonic (Alt+letter) focuses the field
            form.addRow(etiqueta, fila if fila is not None else campo)

        self.botones = QDialogButtonBox(self)
        self.aceptar = self.botones.addButton("Agregar y foliar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.botones.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.botones.accepted.connect(self.accept)
        self.botones.rejected.connect(self.reject)
        self.descripcion.textChanged.connect(self._validar)
        self._validar()

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.botones)

    @Slot()
    def elegir_archivo(self) -> None:
        ruta, _ = QFileDialog.getOpenFileName(self, "Elegir documento", "", FILTRO)
        if ruta:
            self.set_archivo(Path(ruta))

    def set_archivo(self, ruta: Path) -> None:
        self.archivo.setText(str(ruta))
        if not self.descripcion.text().strip():
            self.descripcion.setText(ruta.stem.replace("_", " "))
        self.nota_hojas.clear()
        if ruta.suffix.lower() == ".pdf":
            n = paginas_pdf(ruta)
            if n:
                self.hojas.setValue(n)
                self.nota_hojas.setText(f"El PDF tiene {plural(n, 'página')}; descuente las hojas en blanco.")
        self._validar()

    @Slot()
    def _validar(self) -> None:
        self.aceptar.setEnabled(bool(self.archivo.text()) and bool(self.descripcion.text().strip()))

    def datos(self) -> DatosDocumento:
        q = self.fecha.date()
        return DatosDocumento(
            ruta=Path(self.archivo.text()),
            tipo=str(self.tipo.currentData()),
            descripcion=self.descripcion.text().strip(),
            hojas=self.hojas.value(),
            fecha=date(q.year(), q.month(), q.day()),
        )
