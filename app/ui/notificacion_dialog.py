"""Dialog to record one notification attempt: whom, which act, attempt, form, when, where, who received it,
whether it was effective, notes, and photos or scans (chosen with the native file dialog)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.procedimiento import NOMBRES
from app.domain.tipos import TipoActo
from app.services.deudores import DatosCoobligado
from app.services.notificaciones import DatosNotificacion, FormaNotificacion
from app.ui.campos import botones, campo_fecha_hora, fecha_hora_de

FILTRO_ADJUNTOS = "Fotos y escaneos (*.jpg *.jpeg *.png *.pdf);;Todos (*)"
#: Acts whose document is notified, in the order offered.
NOTIFICABLES = (TipoActo.OPI, TipoActo.RPV, TipoActo.PROVIDENCIA, TipoActo.EMBARGO, TipoActo.AVISO_REMATE)
FORMAS = {
    FormaNotificacion.PERSONAL: "Personal",
    FormaNotificacion.BOLETA: "Por boleta (en el domicilio)",
    FormaNotificacion.PRENSA: "Por la prensa",
}


@dataclass(frozen=True, slots=True)
class DatosFormularioNotificacion:
    notifica: TipoActo
    destinatario: uuid.UUID | None  # None: the coactivado
    intento: int
    forma: FormaNotificacion
    fecha_hora: datetime
    direccion: str
    recibido_por: str
    efectiva: bool
    observaciones: str
    adjuntos: tuple[Path, ...]


class NotificacionDialog(QDialog):
    """``previas``: attempts already recorded (to propose the next attempt number)."""

    def __init__(self, numero: str, deudor: str, coobligados: Sequence[DatosCoobligado],
                 previas: Sequence[DatosNotificacion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar notificación — juicio {numero}")
        self.setMinimumWidth(600)
        self._previas = list(previas)

        self.notifica = QComboBox(self)
        for t in NOTIFICABLES:
            self.notifica.addItem(NOMBRES[t], t.value)
        self.destinatario = QComboBox(self)
        self.destinatario.addItem(f"{deudor} (coactivado)", None)
        for c in coobligados:
            self.destinatario.addItem(f"{c.nombre} ({c.calidad.etiqueta.lower()})", str(c.id))
        self.intento = QSpinBox(self)
        self.intento.setRange(1, 9)
        self.forma = QComboBox(self)
        for f, texto in FORMAS.items():
            self.forma.addItem(texto, f.value)
        self.fecha_hora = campo_fecha_hora(self)
        self.direccion = QLineEdit(self)
        self.direccion.setPlaceholderText("Vacía: la dirección registrada de la persona")
        self.recibido_por = QLineEdit(self)
        self.recibido_por.setPlaceholderText("Nombre de quien recibió (personal: la propia persona)")
        self.efectiva = QCheckBox("La persona quedó notificada (si no, es un intento fallido)", self)
        self.efectiva.setChecked(True)
        self.observaciones = QPlainTextEdit(self)
        self.observaciones.setFixedHeight(self.fontMetrics().height() * 4)
        self.adjuntos = QListWidget(self)
        self.adjuntos.setFixedHeight(self.fontMetrics().height() * 5)
        self.boton_adjuntar = QPushButton("Agregar fotos o escaneos…", self)
        self.boton_adjuntar.clicked.connect(self.elegir_adjuntos)
        self.boton_quitar = QPushButton("Quitar", self)
        self.boton_quitar.clicked.connect(lambda: [self.adjuntos.takeItem(self.adjuntos.row(i))
                                                   for i in self.adjuntos.selectedItems()])
        fila_adj = QVBoxLayout()
        fila_adj.addWidget(self.adjuntos)
        botones_adj = QHBoxLayout()
        botones_adj.addWidget(self.boton_adjuntar)
        botones_adj.addWidget(self.boton_quitar)
        botones_adj.addStretch(1)
        fila_adj.addLayout(botones_adj)

        form = QFormLayout()
        form.addRow("&Se notifica:", self.notifica)
        form.addRow("&A:", self.destinatario)
        form.addRow("&Intento:", self.intento)
        form.addRow("&Forma:", self.forma)
        form.addRow("Fecha y &hora:", self.fecha_hora)
        form.addRow("&Dirección:", self.direccion)
        form.addRow("&Recibió:", self.recibido_por)
        form.addRow("", self.efectiva)
        form.addRow("&Observaciones:", self.observaciones)
        form.addRow("Fotos / escaneos:", fila_adj)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(caja)
        self.notifica.currentIndexChanged.connect(lambda _i: self._proponer_intento())
        self.destinatario.currentIndexChanged.connect(lambda _i: self._proponer_intento())
        self._proponer_intento()

    @Slot()
    def _proponer_intento(self) -> None:
        notifica = self.notifica.currentData()
        dest = self.destinatario.currentData()
        previas = [p for p in self._previas if (p.notifica.value if p.notifica else None) == notifica
                   and (str(p.coobligado_id) if p.coobligado_id else None) == dest]
        self.intento.setValue(len(previas) + 1)
        if previas:  # after failed attempts at the domicile, the press is the last resort
            self.forma.setCurrentIndex(self.forma.findData(FormaNotificacion.BOLETA.value))

    @Slot()
    def elegir_adjuntos(self) -> None:
        rutas, _ = QFileDialog.getOpenFileNames(self, "Fotos o escaneos de la notificación", "", FILTRO_ADJUNTOS)
        for r in rutas:
            self.agregar_adjunto(Path(r))

    def agregar_adjunto(self, ruta: Path) -> None:
        self.adjuntos.addItem(str(ruta))

    def datos(self) -> DatosFormularioNotificacion:
        dest = self.destinatario.currentData()
        return DatosFormularioNotificacion(
            notifica=TipoActo(self.notifica.currentData()),
            destinatario=uuid.UUID(dest) if dest else None,
            intento=self.intento.value(),
            forma=FormaNotificacion(self.forma.currentData()),
            fecha_hora=fecha_hora_de(self.fecha_hora),
            direccion=self.direccion.text().strip(),
            recibido_por=self.recibido_por.text().strip(),
            efectiva=self.efectiva.isChecked(),
            observaciones=self.observaciones.toPlainText().strip(),
            adjuntos=tuple(Path(self.adjuntos.item(i).text()) for i in range(self.adjuntos.count())),
        )
