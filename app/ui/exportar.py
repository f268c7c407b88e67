"""Every list exports to Excel (Archivo → Exportar la lista a Excel…, Ctrl+E).

One exporter for any table view: the columns the user sees, in the order he sees them (moved or hidden
columns respected), the rows in the view's order (its search and sort), written by the one XLSX writer of
:mod:`app.reports.inventario` (bold frozen header, filters; amounts as numbers, dates as dates).

A model gives a cell's typed value in :data:`~app.ui.table_base.ROL_VALOR` (a Decimal amount, a date, an
int); otherwise the text shown is read back: ``1.234,56`` is the number 1234.56, ``07/03/2025`` a date, a
right-aligned ``12`` an integer; anything else (cédulas with their leading zero, juicio numbers) stays text.
A model that shows a long list a page at a time (the expedientes) gives all the rows of its current search
and order through ``filas_exportables(progress)``, read in the background.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QTableView, QWidget

from app.common.dates import local_today
from app.common.progress import Progress
from app.common.text import plural
from app.reports.inventario import Hoja, escribir_xlsx
from app.ui import mensajes
from app.ui.table_base import ROL_VALOR
from app.ui.tasks import Tarea, ejecutar

#: The property a page sets on its table view to name the sheet and the file («Expedientes»…).
PROPIEDAD_TITULO = "exportar_como"
FILTRO = "Libro de Excel (*.xlsx)"

_MONTO = re.compile(r"^(?:USD\s*)?(-?)(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})$")
_FECHA = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_ENTERO = re.compile(r"^-?\d{1,3}(?:\.\d{3})*$|^-?\d+$")


def interpretar(texto: Any, numerica: bool = False) -> Any:
    """A cell's shown text as the value Excel should hold (see the module docstring); ``numerica``: the column
    is right-aligned (counts, sheets), so a plain integer there is a number."""
    if not isinstance(texto, str):
        return texto
    t = texto.strip()
    if m := _MONTO.match(t):
        return Decimal(f"{m.group(1)}{m.group(2).replace('.', '')}.{m.group(3)}")
    if m := _FECHA.match(t):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return t
    if numerica and _ENTERO.match(t):
        return int(t.replace(".", ""))
    return t


def _valor(model: QAbstractItemModel, fila: int, col: int) -> Any:
    idx = model.index(fila, col)
    v = model.data(idx, ROL_VALOR)
    if v is not None:
        return v
    alineacion = model.data(idx, Qt.ItemDataRole.TextAlignmentRole)
    numerica = alineacion is not None and bool(int(alineacion) & int(Qt.AlignmentFlag.AlignRight))
    texto = model.data(idx, Qt.ItemDataRole.DisplayRole)
    return interpretar("" if texto is None else texto, numerica)


@dataclass(frozen=True, slots=True)
class Tabla:
    """What a view shows: its title, the visible columns (logical index, header) and the rows' values."""

    titulo: str
    columnas: list[tuple[int, str]]
    filas: list[list[Any]]

    def hoja(self) -> Hoja:
        anchos = []
        for i, (_c, nombre) in enumerate(self.columnas):
            largo = max([len(nombre)] + [len(_como_texto(f[i])) for f in self.filas[:500]])
            anchos.append((nombre, min(60, largo + 3)))
        return Hoja(self.titulo, anchos, self.filas)


def _como_texto(v: Any) -> str:
    return v.strftime("%d/%m/%Y") if isinstance(v, date) else str(v)


def titulo_de(vista: QTableView) -> str:
    t = vista.property(PROPIEDAD_TITULO)
    return str(t) if t else "Lista"


def columnas_visibles(vista: QTableView) -> list[tuple[int, str]]:
    """(logical column, header text) of the columns shown, left to right as on screen."""
    h = vista.horizontalHeader()
    model = vista.model()
    out = []
    for visual in range(h.count()):
        col = h.logicalIndex(visual)
        if h.isSectionHidden(col):
            continue
        titulo = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        out.append((col, str(titulo if titulo is not None else "")))
    return out


def tabla_de(vista: QTableView) -> Tabla:
    """The rows the view holds now (main thread). See :func:`exportar_vista` for paged lists."""
    model = vista.model()
    cols = columnas_visibles(vista)
    filas = [[_valor(model, r, c) for c, _t in cols] for r in range(model.rowCount())]
    return Tabla(titulo_de(vista), cols, filas)


def escribir(tabla: Tabla, destino: Path) -> int:
    """Write ``tabla`` as one sheet to ``destino``; returns the rows written. Raises ValidationError."""
    return escribir_xlsx(destino, [tabla.hoja()])


def vista_activa(ventana: QMainWindow) -> QTableView | None:
    """The table the user is working on: the one with the keyboard focus, else the first table shown on the
    current page (or in a dock)."""
    w: QWidget | None = QApplication.focusWidget()
    while w is not None and not isinstance(w, QTableView):
        w = w.parentWidget()
    if isinstance(w, QTableView) and w.isVisible() and w.window() is ventana:
        return w
    central = ventana.centralWidget()
    pagina = getattr(central, "currentWidget", lambda: central)()
    for raiz in (pagina, ventana):
        if raiz is None:
            continue
        vistas = [v for v in raiz.findChildren(QTableView) if v.isVisible()]
        if vistas:
            return vistas[0]
    return None


class ExportarLista(QObject):
    """Owns «Exportar la lista a Excel…» (Ctrl+E) for a main window; ``carpeta``: where the file dialog opens."""

    def __init__(self, ventana: QMainWindow, carpeta: Path) -> None:
        super().__init__(ventana)
        self._ventana = ventana
        self._carpeta = carpeta
        self.tarea: Tarea | None = None
        self.accion = QAction("&Exportar la lista a Excel…", ventana)
        self.accion.setShortcut(QKeySequence("Ctrl+E"))
        self.accion.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.accion.setStatusTip("Guardar la lista que está viendo (columnas, búsqueda y orden) como libro de Excel")
        self.accion.triggered.connect(self.exportar)

    @Slot()
    def exportar(self) -> None:
        central = self._ventana.centralWidget()
        pagina = getattr(central, "currentWidget", lambda: central)()
        propia = getattr(pagina, "exportar_lista", None)
        if callable(propia):  # a page with its own export (honorarios: the list and its totals)
            propia()
            return
        vista = vista_activa(self._ventana)
        if vista is None or vista.model() is None:
            mensajes.informar(self._ventana, "No hay ninguna lista en pantalla para exportar.",
                              titulo="Exportar a Excel")
            return
        titulo = titulo_de(vista)
        sugerido = self._carpeta / f"{titulo} {local_today():%Y-%m-%d}.xlsx"
        ruta, _f = QFileDialog.getSaveFileName(self._ventana, "Exportar la lista a Excel", str(sugerido), FILTRO)
        if not ruta:
            return
        destino = Path(ruta)
        if destino.suffix.lower() != ".xlsx":
            destino = destino.with_name(destino.name + ".xlsx")
        model = vista.model()
        cols = columnas_visibles(vista)
        todas = getattr(model, "filas_exportables", None)
        if callable(todas):  # a paged list: every row of its search and order, read in the background

            def trabajo(p: Progress) -> int:
                filas: Sequence[Sequence[Any]] = todas(p)
                return escribir(Tabla(titulo, cols, [[f[c] for c, _t in cols] for f in filas]), destino)
        else:
            tabla = tabla_de(vista)  # in-memory models are read here, on the main thread

            def trabajo(_p: Progress) -> int:
                return escribir(tabla, destino)

        self.accion.setEnabled(False)
        self.tarea = ejecutar(self._ventana, f"Exportando {titulo.lower()} a Excel…", trabajo,
                              lambda n: self._listo(destino, n))
        self.tarea.finalizada.connect(self._libre)

    @Slot()
    def _libre(self) -> None:
        self.tarea = None
        self.accion.setEnabled(True)

    def _listo(self, destino: Path, n: int) -> None:
        self._ventana.statusBar().showMessage(f"Exportado a Excel: {plural(n, 'fila')} en {destino}.", 15000)
