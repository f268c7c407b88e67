"""A secretario-abogado's vencimientos beside his expedientes: overdue, today and this week (his own only).

Emits ``abrir(numero)`` on double-click so the main window opens the expediente.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.services.vencimientos import EstadoVencimiento, Vencimiento, VencimientosService
from app.ui import formato
from app.ui.errors import protegido
from app.ui.table_base import CENTRO, Columna, TablaModel

LIMITE = 300


class VencimientosModel(TablaModel[Vencimiento]):
    COLUMNAS: ClassVar = (
        Columna("Vence", lambda v: formato.fecha(v.vence), CENTRO),
        Columna("Estado", lambda v: v.estado.etiqueta, CENTRO),
        Columna("Juicio", lambda v: v.juicio),
        Columna("Término o plazo", lambda v: v.descripcion, ayuda=lambda v: f"{v.deudor} ({v.identificacion})"),
    )

    def dato_extra(self, fila: Vencimiento, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and fila.estado is EstadoVencimiento.VENCIDO:
            return QColor("#b00020")
        return None


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
        self.model = VencimientosModel(parent=self)
        self.tabla = QTableView(self)
        self.tabla.setObjectName("tablaVencimientos")
        self.tabla.setModel(self.model)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        cero = self.fontMetrics().horizontalAdvance("0")
        for col, n in {0: 10, 1: 11, 2: 16}.items():
            self.tabla.horizontalHeader().resizeSection(col, n * cero + 16)
        self.tabla.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
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
