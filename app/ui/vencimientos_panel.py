"""A secretario-abogado's vencimientos beside his expedientes: overdue, today and this week (his own only).

As the vencimientos page: the términos one row per juicio, the 180-day plazo apart (its own tab). Emits
``abrir(numero)`` on double-click so the main window opens the expediente.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from app.common.text import plural
from app.services.vencimientos import VencimientosService, agrupar_por_juicio
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
    resumen_estados,
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
        self.tabla = self._tabla(self.model, COL_DESCRIPCION)
        self.tabla.setProperty("exportar_como", "Mis vencimientos")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaVencimientos")
        self.model_plazos = VencimientosModel(parent=self)
        self.tabla_plazos = self._tabla(self.model_plazos, COL_JUICIO)
        self.tabla_plazos.setObjectName("tablaPlazosSecretario")
        self.tabla_plazos.setProperty("exportar_como", "Plazos del secretario")  # Ctrl+E (app.ui.exportar)
        # The same text on every row (the tab names it): the juicio's stage and debtor are in the tooltips.
        self.tabla_plazos.setColumnHidden(COL_DESCRIPCION, True)
        self.secciones = QTabWidget(self)
        self.secciones.setDocumentMode(True)
        self.secciones.addTab(self.tabla, "Términos")
        self.secciones.addTab(self.tabla_plazos, "Plazo de 180 días")
        self._primera = True
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.resumen)
        lay.addWidget(self.secciones, 1)

    def _tabla(self, model: VencimientosModel, estirar: int) -> QTableView:
        t = tabla(self, model, estirar=estirar)
        anchos(t, {COL_ESTADO: 9, COL_VENCE: 10, COL_JUICIO: 15})
        for col in (COL_DIAS, COL_DEUDOR, COL_SECRETARIO):
            t.setColumnHidden(col, True)
        t.doubleClicked.connect(lambda i: self.abrir.emit(model.fila(i.row()).juicio) if i.isValid() else None)
        return t

    def sizeHint(self) -> QSize:
        cero = self.fontMetrics().horizontalAdvance("0")
        return QSize(42 * cero, 400)  # the list beside it keeps the width for the debtors' names

    @protegido
    def cargar(self) -> None:
        s, c = self._servicio, self._cedula
        grupos = agrupar_por_juicio(s.listar(secretario_cedula=c, alcance="pendientes", limite=LIMITE,
                                             incluir_plazo_secretario=False))
        plazos = s.listar(secretario_cedula=c, alcance="pendientes", limite=LIMITE, solo_plazo_secretario=True)
        self.model.set_filas(grupos)
        self.model_plazos.set_filas(plazos)
        if self._primera and not grupos and plazos:  # first load: show what there is
            self.secciones.setCurrentWidget(self.tabla_plazos)
        self._primera = False
        ct = s.contar(secretario_cedula=c, incluir_plazo_secretario=False)
        cp = s.contar(secretario_cedula=c, solo_plazo_secretario=True)
        self.secciones.setTabText(0, f"Términos ({plural(len(grupos), 'juicio')})")
        self.secciones.setTabText(1, f"Plazo de 180 días ({formato.miles(len(plazos))})")
        self.resumen.setText(f"Términos: {resumen_estados(ct, corto=True)}<br>Plazo de 180 días: "
                             f"{resumen_estados(cp, negrita=False, corto=True)}")
