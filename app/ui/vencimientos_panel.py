"""A secretario-abogado's vencimientos beside his expedientes: overdue, today and this week (his own only).

Emits ``abrir(numero)`` on double-click so the main window opens the expediente.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.vencimientos import EstadoVencimiento, VencimientosService
from app.ui import formato
from app.ui.errors import protegido
from app.ui.pestana import anchos, tabla
from app.ui.vencimientos_page import (
    COL_DESCRIPCION,
    COL_DEUDOR,
    COL_DIAS,
    COL_ESTADO,
    COL_JUICIO,
    COL_SECRETARIO,
    COL_VENCE,
    VencimientosModel,
)

LIMITE = 300


class VencimientosPanel(QWidget):
    """Titled by its container (the main window's «Mis vencimientos» dock)."""

    abrir = Signal(str)

    def __init__(self, vencimientos: VencimientosService, secretario_cedula: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = vencimientos
        self._cedula = secretario_cedula
        self.resumen = QLabel(self)
        self.resumen.setObjectName("resumenVencimientos")
        self.resumen.setWordWrap(True)
        # The office view's model; a dock shows only the columns a secretario needs for his own terms.
        self.model = VencimientosModel(parent=self)
        self.tabla = tabla(self, self.model, estirar=COL_DESCRIPCION)
        self.tabla.setProperty("exportar_como", "Mis vencimientos")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaVencimientos")
        anchos(self.tabla, {COL_ESTADO: 9, COL_VENCE: 10, COL_JUICIO: 15})
        for col in (COL_DIAS, COL_DEUDOR, COL_SECRETARIO):
            self.tabla.setColumnHidden(col, True)
        self.tabla.doubleClicked.connect(lambda i: self.abrir.emit(self.model.fila(i.row()).juicio))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.resumen)
        lay.addWidget(self.tabla, 1)

    def sizeHint(self) -> QSize:
        cero = self.fontMetrics().horizontalAdvance("0")
        return QSize(62 * cero, 400)

    @protegido
    def cargar(self) -> None:
        totales = self._servicio.contar(secretario_cedula=self._cedula)
        self.model.set_filas(self._servicio.listar(secretario_cedula=self._cedula, alcance="pendientes",
                                                   limite=LIMITE))
        self.resumen.setText(
            f"Vencidos: {formato.miles(totales[EstadoVencimiento.VENCIDO])} · "
            f"hoy: {formato.miles(totales[EstadoVencimiento.HOY])} · "
            f"esta semana: {formato.miles(totales[EstadoVencimiento.SEMANA])}"
        )
