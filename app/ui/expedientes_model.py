"""The expedientes list as a lazy table model: pages of 200 rows fetched from SQL on demand.

Searching and sorting never load the whole list: :meth:`ExpedientesModel.buscar` and
:meth:`ExpedientesModel.sort` re-query ``servicios.expedientes`` and start again from the first page.
Each next page starts after the last row loaded (keyset pagination, :class:`Cursor`), so scrolling to
the end of a long list costs the same per page at any depth.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QThreadPool, Signal
from PySide6.QtGui import QFont

from app.common.progress import Progress
from app.services.bootstrap import Servicios
from app.services.expedientes import FilaExpediente, OrdenExpedientes, Pagina
from app.services.lista_expedientes import Cursor
from app.ui import formato
from app.ui.table_base import DERECHA, IZQUIERDA, ROL_VALOR
from app.ui.tasks import Tarea

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

PAGINA = 200
EXPORTAR_PAGINA = 2000

COL_NUMERO = 0
COL_DEUDOR = 1
COL_IDENTIFICACION = 2
COL_CUANTIA = 3
COL_ETAPA = 4
COL_SECRETARIO = 5
COL_FECHA_INICIO = 6

AYUDAS = {
    COL_NUMERO: "Número del juicio coactivo; «(prov.)»: número provisional, se confirma al sincronizar",
    COL_IDENTIFICACION: "Cédula o RUC del coactivado",
    COL_CUANTIA: "Cuantía inicial del juicio en dólares",
    COL_FECHA_INICIO: "Fecha de inicio del juicio",
}

TITULOS = {
    COL_NUMERO: "Juicio No.",
    COL_DEUDOR: "Coactivado",
    COL_IDENTIFICACION: "Cédula / RUC",
    COL_CUANTIA: "Cuantía (USD)",
    COL_ETAPA: "Etapa",
    COL_SECRETARIO: "Secretario-abogado",
    COL_FECHA_INICIO: "Inicio",
}

ORDEN_SQL = {
    COL_NUMERO: OrdenExpedientes.NUMERO,
    COL_DEUDOR: OrdenExpedientes.DEUDOR,
    COL_IDENTIFICACION: OrdenExpedientes.IDENTIFICACION,
    COL_CUANTIA: OrdenExpedientes.CUANTIA,
    COL_ETAPA: OrdenExpedientes.ETAPA,
    COL_SECRETARIO: OrdenExpedientes.SECRETARIO,
    COL_FECHA_INICIO: OrdenExpedientes.FECHA_INICIO,
}


def _texto(f: FilaExpediente, col: int) -> str:
    if col == COL_NUMERO:
        return formato.numero_juicio(f.numero, f.provisional, corto=True)
    if col == COL_DEUDOR:
        return f.deudor
    if col == COL_IDENTIFICACION:
        return f.identificacion
    if col == COL_CUANTIA:
        return formato.usd(f.cuantia)
    if col == COL_ETAPA:
        return f.etapa.etiqueta
    if col == COL_SECRETARIO:
        return f.secretario
    return formato.fecha(f.fecha_inicio)


def _valor(f: FilaExpediente, col: int) -> Any:
    """The typed value of a cell (exports): the amount as a Decimal, the date as a date."""
    if col == COL_CUANTIA:
        return f.cuantia
    if col == COL_FECHA_INICIO:
        return f.fecha_inicio
    return _texto(f, col)


@dataclass(frozen=True, slots=True)
class Consulta:
    """What the list shows: search text and SQL order."""

    texto: str = ""
    columna: int = COL_NUMERO
    orden: Qt.SortOrder = Qt.SortOrder.AscendingOrder


class ExpedientesModel(QAbstractTableModel):
    """Rows loaded so far (``rowCount``) out of :attr:`total` matching :attr:`texto`.

    :meth:`solicitar` (search as you type, header clicks) runs the count and the first page on a
    background thread, so typing never waits for SQL; a newer request supersedes an older one, whose
    result is dropped. :meth:`buscar` does the same synchronously (F5, captures). Later pages come
    from ``fetchMore`` when the view scrolls.

    Signals: ``conteo_cambiado(cargadas, total)`` after every search, sort or page; ``cargando(bool)``
    while a background request runs; ``error(exc)`` when one fails.
    """

    conteo_cambiado = Signal(int, int)
    cargando = Signal(bool)
    error = Signal(object)

    def __init__(self, servicios: Servicios, parent: Any = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self._filas: list[FilaExpediente] = []
        self._siguiente: Cursor | None = None  # where the next page starts (None: all loaded)
        self._actual = Consulta()
        self._pedido = Consulta()  # the latest request (equals _actual once it arrived)
        self._generacion = 0
        self.total = 0
        self._reseteando = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one query at a time; superseded ones are skipped
        self._italica = QFont()
        self._italica.setItalic(True)

    @property
    def texto(self) -> str:
        return self._actual.texto

    @property
    def columna_orden(self) -> int:
        return self._actual.columna

    @property
    def orden(self) -> Qt.SortOrder:
        return self._actual.orden

    @property
    def pedido(self) -> Consulta:
        return self._pedido

    # -- queries ------------------------------------------------------------------------------------
    def _primera(self, c: Consulta) -> tuple[int, Pagina]:
        return self._srv.expedientes.primera_pagina(
            c.texto, ORDEN_SQL[c.columna], c.orden == Qt.SortOrder.DescendingOrder, PAGINA)

    def _nueva(self, texto: str | None, columna: int | None, orden: Qt.SortOrder | None) -> Consulta:
        base = self._pedido
        return Consulta(
            base.texto if texto is None else texto.strip(),
            base.columna if columna is None else columna,
            base.orden if orden is None else orden,
        )

    def fijar_orden(self, columna: int, orden: Qt.SortOrder) -> None:
        """Set the order the next :meth:`buscar` uses, without querying (restoring a saved header)."""
        if columna in ORDEN_SQL:
            self._generacion += 1
            self._pedido = self._nueva(None, columna, orden)

    def buscar(self, texto: str | None = None) -> None:
        """Load the first page now (None: same text, fresh data, e.g. F5)."""
        c = self._nueva(texto, None, None)
        self._generacion += 1  # any request still running is superseded
        self._pedido = c
        self._aplicar(c, *self._primera(c))
        self.cargando.emit(False)

    def solicitar(self, texto: str | None = None, columna: int | None = None,
                  orden: Qt.SortOrder | None = None) -> None:
        """Like :meth:`buscar`, on a background thread; the rows change when the result arrives."""
        c = self._nueva(texto, columna, orden)
        self._generacion += 1
        gen = self._generacion
        self._pedido = c

        def consulta(_p: Progress) -> tuple[int, Pagina] | None:
            if gen != self._generacion:  # superseded while waiting for the thread
                return None
            return self._primera(c)

        tarea = Tarea(self, "Buscando expedientes…", consulta, silenciosa=True, pool=self._pool)
        tarea.terminada.connect(lambda r: self._al_llegar(gen, c, r))
        tarea.fallida.connect(lambda exc: self._al_fallar(gen, exc))
        self.cargando.emit(True)
        tarea.iniciar()

    def esperar(self, ms: int = 30000) -> bool:
        """Wait for the background query thread (tests, shutdown). Results still arrive by events."""
        return self._pool.waitForDone(ms)

    def _al_llegar(self, gen: int, c: Consulta, r: tuple[int, Pagina] | None) -> None:
        if gen != self._generacion or r is None:
            return
        self._aplicar(c, *r)
        self.cargando.emit(False)

    def _al_fallar(self, gen: int, exc: BaseException) -> None:
        if gen != self._generacion:
            return
        self._pedido = self._actual
        self.cargando.emit(False)
        self.error.emit(exc)

    def _aplicar(self, c: Consulta, total: int, primera: Pagina) -> None:
        # The first page is loaded inside the reset, and no row is inserted while the reset is being
        # announced (views and the model tester call fetchMore from their modelReset handlers).
        self._reseteando = True
        try:
            self.beginResetModel()
            self._actual = c
            self._filas = list(primera.filas)
            self._siguiente = primera.siguiente
            self.total = max(total, len(self._filas))
            self.endResetModel()
        finally:
            self._reseteando = False
        self.conteo_cambiado.emit(len(self._filas), self.total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query in SQL ordered by ``column`` (a header click), in the background. Asking again for
        the order already requested is a no-op (the view calls this when sorting is enabled)."""
        if column not in ORDEN_SQL or (column == self._pedido.columna and order == self._pedido.orden):
            return
        self.solicitar(columna=column, orden=order)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._reseteando and self._siguiente is not None

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        c = self._actual
        pagina = self._srv.expedientes.pagina(
            c.texto, ORDEN_SQL[c.columna], c.orden == Qt.SortOrder.DescendingOrder, self._siguiente, PAGINA)
        self._siguiente = pagina.siguiente
        nuevas = pagina.filas
        if not nuevas:  # rows vanished since the count: stop asking
            self.total = len(self._filas)
            self.conteo_cambiado.emit(len(self._filas), self.total)
            return
        inicio = len(self._filas)
        self.beginInsertRows(QModelIndex(), inicio, inicio + len(nuevas) - 1)
        self._filas.extend(nuevas)
        self.endInsertRows()
        if self._siguiente is None:  # the end: what was loaded is what there is now
            self.total = len(self._filas)
        self.conteo_cambiado.emit(len(self._filas), self.total)

    def filas_exportables(self, progress: Progress) -> list[list[Any]]:
        """Every row of the current search and order (not only the pages loaded), each as its typed values by
        column, for :mod:`app.ui.exportar`. Safe on a background thread (it reads through the service)."""
        c = self._actual
        desc = c.orden == Qt.SortOrder.DescendingOrder
        total, pagina = self._srv.expedientes.primera_pagina(c.texto, ORDEN_SQL[c.columna], desc, EXPORTAR_PAGINA)
        filas = list(pagina.filas)
        while pagina.siguiente is not None:
            progress.step(len(filas), max(total, len(filas)), f"Leyendo expedientes: {len(filas)} de {total}…")
            pagina = self._srv.expedientes.pagina(c.texto, ORDEN_SQL[c.columna], desc, pagina.siguiente,
                                                  EXPORTAR_PAGINA)
            filas.extend(pagina.filas)
        return [[_valor(f, col) for col in range(len(TITULOS))] for f in filas]

    # -- access -------------------------------------------------------------------------------------
    def fila(self, row: int) -> FilaExpediente:
        return self._filas[row]

    def fila_de_numero(self, numero: str) -> int:
        """Row of juicio ``numero`` among the loaded rows, or -1."""
        return next((i for i, f in enumerate(self._filas) if f.numero == numero), -1)

    # -- Qt model -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITULOS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._filas)):
            return None
        f = self._filas[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _texto(f, col)
        if role == ROL_VALOR:
            return _valor(f, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(DERECHA if col == COL_CUANTIA else IZQUIERDA)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NUMERO and f.provisional:
            return formato.AYUDA_PROVISIONAL
        if role == Qt.ItemDataRole.FontRole and col == COL_NUMERO and f.provisional:
            return self._italica
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section in TITULOS:
            if role == Qt.ItemDataRole.DisplayRole:
                return TITULOS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(DERECHA if section == COL_CUANTIA else IZQUIERDA)
            if role == Qt.ItemDataRole.ToolTipRole:
                return AYUDAS.get(section)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
