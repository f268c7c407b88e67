"""Dialog for an act recorded without a generated document: prórroga, suspensión, reanudación, insolvencia,
baja, corrección. Its date is checked as it changes (``verificar``), so the reason a move is not allowed shows
before the user tries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from app.ui.campos import botones, campo_fecha, fecha_de
from app.ui.formulario import Formulario
from app.ui.pestana import nota

Verificar = Callable[[date], tuple[bool, str]]


@dataclass(frozen=True, slots=True)
class DatosActo:
    fecha: date
    descripcion: str
    dias: int


class ActoDialog(Formulario):
    """``con_dias``: ask the days of a prórroga (1..90, C.D. 321)."""

    def __init__(self, titulo: str, explicacion: str, parent: QWidget | None = None, *,
                 con_dias: bool = False, verificar: Verificar | None = None, descripcion: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.setMinimumWidth(520)
        self._verificar = verificar
        self.fecha = campo_fecha(self)
        self.descripcion = QPlainTextEdit(self)
        self.descripcion.setPlaceholderText("Motivo o fundamento del acto (queda en el historial del juicio)")
        self.descripcion.setPlainText(descripcion)
        self.descripcion.setFixedHeight(self.fontMetrics().height() * 5)
        self.dias = QSpinBox(self)
        self.dias.setRange(1, 90)
        self.dias.setValue(90)
        self.dias.setSuffix(" días calendario")
        self.aviso = nota(self)
        self.aviso.setObjectName("avisoActo")
        self.aviso.setStyleSheet("color: #a61b1b;")
        form = QFormLayout()
        form.addRow("&Fecha:", self.fecha)
        if con_dias:
            form.addRow("&Días:", self.dias)
        else:
            self.dias.hide()
        form.addRow("&Descripción:", self.descripcion)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, explicacion))
        lay.addLayout(form)
        lay.addWidget(self.aviso)
        lay.addWidget(caja)
        self.fecha.dateChanged.connect(lambda _d: self._revisar())
        self._revisar()

    @Slot()
    def _revisar(self) -> None:
        if self._verificar is None:
            self.aviso.hide()
            return
        ok, motivo = self._verificar(fecha_de(self.fecha))
        self.aviso.setText(motivo)
        self.aviso.setVisible(not ok)

    def datos(self) -> DatosActo:
        return DatosActo(fecha_de(self.fecha), self.descripcion.toPlainText().strip(), self.dias.value())

