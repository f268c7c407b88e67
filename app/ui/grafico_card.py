"""One dashboard chart: its Figure in a FigureCanvasQTAgg, its table view, and its exports (PNG, PDF, XLSX).

Clicking a bar emits ``barra`` with the bar's key (its ``gid``, see :mod:`app.reports.graficos`).
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.tablero import TableroService
from app.ui import formato
from app.ui.errors import protegido
from app.ui.table_base import DERECHA, IZQUIERDA

ALTO_MINIMO = 300
ALTO_VACIO = 130  # a chart with nothing to plot ("sin datos") only needs room for its sentence
QWIDGETSIZE_MAX = (1 << 24) - 1


def texto_celda(v: Any) -> str:
    """How a table cell reads: USD in Ecuadorian format, counts with thousands dots, stages by label."""
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return formato.usd(v)
    if isinstance(v, bool):
        return "Sí" if v else "No"
    if isinstance(v, int):
        return formato.miles(v)
    if isinstance(v, Enum):
        return str(getattr(v, "etiqueta", v.value))
    return str(v)


class TablaGraficoModel(QAbstractTableModel):
    """The rows of a chart's table view (read-only)."""

    def __init__(self, columnas: tuple[str, ...] = (), filas: list[tuple[Any, ...]] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.columnas = columnas
        self._filas = list(filas or [])

    def set_datos(self, columnas: tuple[str, ...], filas: list[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.columnas, self._filas = columnas, list(filas)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columnas)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._filas)):
            return None
        fila = self._filas[index.row()]
        v = fila[index.column()] if index.column() < len(fila) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return texto_celda(v)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(DERECHA if isinstance(v, Decimal | int) and not isinstance(v, bool) else IZQUIERDA)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columnas):
            return self.columnas[section]
        return None


def _boton(parent: QWidget, texto: str, ayuda: str) -> QToolButton:
    b = QToolButton(parent)
    b.setText(texto)
    b.setToolTip(ayuda)
    b.setAutoRaise(True)
    return b


class GraficoCard(QFrame):
    """A chart with its buttons: «Tabla» (toggle the table view), «PNG», «PDF», «XLSX»."""

    barra = Signal(str)
    mensaje = Signal(str)

    def __init__(self, servicio: TableroService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = servicio
        self.grafico: Any = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(ALTO_MINIMO)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.nota = QLabel(self)
        self.nota.setWordWrap(True)
        self.nota.setStyleSheet("color: #555;")
        self.boton_tabla = _boton(self, "Tabla", "Ver las cifras del gráfico como tabla")
        self.boton_tabla.setCheckable(True)
        self.boton_tabla.toggled.connect(self._alternar)
        self.boton_png = _boton(self, "PNG", "Guardar el gráfico como imagen PNG")
        self.boton_pdf = _boton(self, "PDF", "Guardar el gráfico como PDF")
        self.boton_xlsx = _boton(self, "XLSX", "Exportar la tabla del gráfico a Excel")
        self.boton_png.clicked.connect(lambda: self._elegir("png"))
        self.boton_pdf.clicked.connect(lambda: self._elegir("pdf"))
        self.boton_xlsx.clicked.connect(lambda: self._elegir("xlsx"))
        barra = QHBoxLayout()
        barra.setContentsMargins(4, 0, 4, 0)
        barra.addWidget(self.nota, 1)
        for b in (self.boton_tabla, self.boton_png, self.boton_pdf, self.boton_xlsx):
            barra.addWidget(b)
        self.modelo = TablaGraficoModel(parent=self)
        self.tabla = QTableView(self)
        self.tabla.setModel(self.modelo)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.pila = QStackedWidget(self)
        self.pila.addWidget(self.tabla)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(0)
        lay.addLayout(barra)
        lay.addWidget(self.pila, 1)

    def mostrar(self, grafico: Any) -> None:
        """Show ``grafico`` (a :class:`app.reports.graficos.Grafico`), replacing the previous one."""
        anterior = self.canvas
        self.grafico = grafico
        self.canvas = FigureCanvasQTAgg(grafico.figura)
        self.canvas.setObjectName(f"grafico_{grafico.clave}")
        self.canvas.setParent(self.pila)
        self.canvas.mpl_connect("pick_event", self._pick)
        self.pila.insertWidget(0, self.canvas)
        # The new page current before the old one goes: removing the current page would show the table view for
        # a moment (its columns sized to their contents), a third of this method's time (bench_tablero.py).
        self.pila.setCurrentWidget(self.tabla if self.boton_tabla.isChecked() else self.canvas)
        if anterior is not None:
            self.pila.removeWidget(anterior)
            anterior.deleteLater()
        self.setMinimumHeight(ALTO_VACIO if grafico.vacio else ALTO_MINIMO)
        self.setMaximumHeight(ALTO_VACIO if grafico.vacio else QWIDGETSIZE_MAX)
        self.modelo.set_datos(grafico.columnas, grafico.filas)
        nota = "" if grafico.nota_en_figura else grafico.nota
        self.nota.setText(nota if len(nota) < 90 else nota[:89] + "…")
        self.nota.setToolTip(grafico.nota)
        self.setToolTip("")

    def _pick(self, evento: Any) -> None:
        # A series of bars is one collection with each bar's key in ``claves`` (app.reports.graficos._barras); a
        # clickable text carries its key as its gid.
        claves = getattr(evento.artist, "claves", None)
        if claves is not None:
            ind = getattr(evento, "ind", None)
            gid = claves[ind[0]] if ind is not None and len(ind) and ind[0] < len(claves) else None
        else:
            gid = evento.artist.get_gid()
        if gid:
            self.barra.emit(gid)

    def _alternar(self, tabla: bool) -> None:
        self.boton_tabla.setText("Gráfico" if tabla else "Tabla")
        if self.canvas is not None:
            self.pila.setCurrentWidget(self.tabla if tabla else self.canvas)

    @protegido
    def _elegir(self, formato_: str) -> None:
        if self.grafico is None:
            return
        filtro = {"png": "Imagen PNG (*.png)", "pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)"}[formato_]
        ruta, _ = QFileDialog.getSaveFileName(self, "Exportar", f"{self.grafico.clave}.{formato_}", filtro)
        if ruta:
            self.exportar(Path(ruta), formato_)

    def exportar(self, ruta: Path, formato_: str) -> Path:
        """Save the chart (``png``, ``pdf``) or its table (``xlsx``) at ``ruta`` (the suffix is added)."""
        if ruta.suffix.lower() != f".{formato_}":
            ruta = ruta.with_suffix(f".{formato_}")
        if formato_ == "xlsx":
            self._servicio.exportar_tabla(self.grafico, ruta)
        else:
            self.grafico.figura.savefig(ruta, format=formato_, dpi=150)
        self.mensaje.emit(f"Guardado: {ruta}")
        return ruta
