"""The list of expedientes: a search box (SQL, as you type) over the lazy table."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.common.text import plural
from app.services.bootstrap import Servicios
from app.ui import formato
from app.ui.errors import show_error
from app.ui.expedientes_model import (
    COL_CUANTIA,
    COL_DEUDOR,
    COL_ETAPA,
    COL_FECHA_INICIO,
    COL_IDENTIFICACION,
    COL_NUMERO,
    COL_SECRETARIO,
    ExpedientesModel,
)

DEBOUNCE_MS = 250

# Column widths in characters of the current font ("0" width); the debtor column stretches.
ANCHOS = {
    COL_NUMERO: 22,
    COL_IDENTIFICACION: 14,
    COL_CUANTIA: 14,
    COL_ETAPA: 20,  # «Orden de pago inmediato» fits: the debtors' names keep the width
    COL_SECRETARIO: 30,
    COL_FECHA_INICIO: 11,
}


class ExpedientesPage(QWidget):
    """Emits ``abrir(numero)`` on double-click, Enter or :meth:`abrir_seleccionado`, and
    ``estado(texto)`` with the count for the status bar ("200 de 196.000 expedientes")."""

    abrir = Signal(str)
    estado = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ExpedientesModel(servicios, self)

        self.busqueda = QLineEdit(self)
        self.busqueda.setObjectName("busqueda")
        self.busqueda.setPlaceholderText("Buscar por número de juicio, nombre del coactivado o cédula/RUC…  (Ctrl+F)")
        self.busqueda.setClearButtonEnabled(True)
        self.busqueda.setAccessibleName("Buscar expedientes")

        self.texto_conteo = ""

        self.tabla = QTableView(self)
        self.tabla.setProperty("exportar_como", "Expedientes")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaExpedientes")
        self.tabla.setModel(self.model)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setWordWrap(False)
        # The indicator first: enabling sorting asks the model to sort by the indicator, and Qt's default
        # (first column, descending) would start a query the window's first load then supersedes.
        self.tabla.horizontalHeader().setSortIndicator(COL_NUMERO, Qt.SortOrder.AscendingOrder)
        self.tabla.setSortingEnabled(True)
        self.tabla.horizontalHeader().setHighlightSections(False)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._ajustar_columnas()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._aplicar_busqueda)
        self.busqueda.textChanged.connect(lambda _t: self._debounce.start())
        self.busqueda.returnPressed.connect(self._buscar_ya)

        self.tabla.doubleClicked.connect(lambda idx: self._abrir_fila(idx.row()))
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sc = QShortcut(QKeySequence(tecla), self.tabla)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.abrir_seleccionado)
        self.model.conteo_cambiado.connect(self._al_contar)
        self.model.cargando.connect(self._al_cargar)
        self.model.error.connect(self._al_fallar)
        self.model.modelReset.connect(self._al_reiniciar)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.busqueda)
        lay.addWidget(self.tabla, 1)

    @Slot()
    def _al_reiniciar(self) -> None:
        self.tabla.scrollToTop()
        if self.tabla.hasFocus() and self.model.rowCount():
            self.tabla.selectRow(0)

    def _ajustar_columnas(self) -> None:
        cero = self.fontMetrics().horizontalAdvance("0")
        header = self.tabla.horizontalHeader()
        header.setMinimumSectionSize(6 * cero)
        for col, n in ANCHOS.items():
            header.resizeSection(col, n * cero + 16)
        header.setSectionResizeMode(COL_DEUDOR, QHeaderView.ResizeMode.Stretch)

    def estado_encabezado(self) -> QByteArray:
        """Column widths and sort order, to keep in QSettings."""
        return self.tabla.horizontalHeader().saveState()

    def restaurar_encabezado(self, estado: QByteArray) -> None:
        """Restore saved column widths and order (before the first :meth:`cargar`)."""
        header = self.tabla.horizontalHeader()
        if header.restoreState(estado):
            self.model.fijar_orden(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # -- actions ------------------------------------------------------------------------------------
    def cargar(self) -> None:
        """Load (or reload, keeping search and order) the first page."""
        self.model.buscar(self.busqueda.text())

    def enfocar_busqueda(self) -> None:
        self.busqueda.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.busqueda.selectAll()

    def numero_seleccionado(self) -> str | None:
        """The juicio under the cursor when it is selected, else the first selected one."""
        sel = self.tabla.selectionModel()
        actual = self.tabla.currentIndex()
        if actual.isValid() and sel.isRowSelected(actual.row()):
            return self.model.fila(actual.row()).numero
        filas = sel.selectedRows()
        return self.model.fila(filas[0].row()).numero if filas else None

    def numeros_seleccionados(self) -> list[str]:
        """Selected juicios in list order."""
        return [self.model.fila(i.row()).numero
                for i in sorted(self.tabla.selectionModel().selectedRows(), key=lambda i: i.row())]

    @Slot()
    def abrir_seleccionado(self) -> None:
        numero = self.numero_seleccionado()
        if numero:
            self.abrir.emit(numero)

    def _abrir_fila(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.abrir.emit(self.model.fila(row).numero)

    @Slot()
    def _aplicar_busqueda(self) -> None:
        if self.busqueda.text().strip() != self.model.pedido.texto:
            self.model.solicitar(self.busqueda.text())

    @Slot()
    def _buscar_ya(self) -> None:
        """Enter in the search box: search now and move to the results."""
        self._debounce.stop()
        self._aplicar_busqueda()
        self.tabla.setFocus()
        if self.model.rowCount() and not self.tabla.selectionModel().hasSelection():
            self.tabla.selectRow(0)

    @Slot(bool)
    def _al_cargar(self, cargando: bool) -> None:
        if cargando:
            self.estado.emit("Buscando…")

    @Slot(object)
    def _al_fallar(self, exc: BaseException) -> None:
        show_error(self, exc)

    @Slot(int, int)
    def _al_contar(self, cargadas: int, total: int) -> None:
        if total == 0:
            texto = "Ningún expediente coincide con la búsqueda" if self.model.texto else "No hay expedientes"
        elif not self.model.total_exacto:  # a broad search: the exact count follows in a moment
            texto = f"{formato.miles(cargadas)} de más de {formato.miles(total - 1)} expedientes"
        elif cargadas >= total:
            texto = plural(total, "expediente")
        else:
            texto = f"{formato.miles(cargadas)} de {formato.miles(total)} expedientes"
        self.texto_conteo = texto
        self.estado.emit(texto)
