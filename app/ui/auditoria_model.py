"""The audit trail as a lazy table: the first page on :meth:`AuditoriaModel.buscar`, the next ones as the
view scrolls (``canFetchMore``/``fetchMore``); filtering happens in SQL (design.md §4)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.common.dates import to_local
from app.services.auditoria import AuditoriaService, FilaAuditoria, FiltroAuditoria

Index = QModelIndex | QPersistentModelIndex

PAGINA = 200

COL_FECHA = 0
COL_USUARIO = 1
COL_ACCION = 2
COL_OPERACION = 3
COL_TABLA = 4
COL_CAMBIOS = 5
TITULOS = ("Fecha y hora", "Usuario", "Acción", "Operación", "Tabla", "Cambios")


def _texto(f: FilaAuditoria, col: int) -> str:
    if col == COL_FECHA:
        return f"{to_local(f.fecha_hora):%d/%m/%Y %H:%M:%S}"
    if col == COL_USUARIO:
        return f.usuario
    if col == COL_ACCION:
        return f.accion
    if col == COL_OPERACION:
        return f.operacion_texto
    if col == COL_TABLA:
        return f.tabla
    return f.resumen()


class AuditoriaModel(QAbstractTableModel):
    """Read-only rows of the audit, newest first. Emits ``conteo_cambiado(cargadas, total)``."""

    conteo_cambiado = Signal(int, int)

    def __init__(self, auditoria: AuditoriaService, parent: Any = None) -> None:
        super().__init__(parent)
        self._servicio = auditoria
        self._filtro = FiltroAuditoria()
        self._filas: list[FilaAuditoria] = []
        self._total = 0

    @property
    def filtro(self) -> FiltroAuditoria:
        return self._filtro

    @property
    def total(self) -> int:
        return self._total

    def buscar(self, filtro: FiltroAuditoria | None = None) -> None:
        """Count and load the first page for ``filtro`` (None: the current one). Errors (permission, unknown
        juicio) propagate to the caller and leave the model as it was."""
        filtro = self._filtro if filtro is None else filtro
        total = self._servicio.contar(filtro)
        primera = self._servicio.pagina(filtro, 0, PAGINA)
        self.beginResetModel()
        self._filtro, self._total, self._filas = filtro, total, primera
        self.endResetModel()
        self.conteo_cambiado.emit(len(self._filas), self._total)

    def limpiar(self) -> None:
        self.beginResetModel()
        self._filas, self._total = [], 0
        self.endResetModel()
        self.conteo_cambiado.emit(0, 0)

    def fila(self, row: int) -> FilaAuditoria:
        return self._filas[row]

    # -- lazy loading ---------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._filas) < self._total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        nuevas = self._servicio.pagina(self._filtro, len(self._filas), PAGINA)
        if not nuevas:  # rows vanished since the count: stop asking
            self._total = len(self._filas)
            self.conteo_cambiado.emit(len(self._filas), self._total)
            return
        inicio = len(self._filas)
        self.beginInsertRows(QModelIndex(), inicio, inicio + len(nuevas) - 1)
        self._filas.extend(nuevas)
        self.endInsertRows()
        self.conteo_cambiado.emit(len(self._filas), self._total)

    # -- Qt model -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITULOS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._filas)):
            return None
        f = self._filas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _texto(f, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_CAMBIOS:
            return f.resumen(maximo=30).replace("; ", "\n")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_TABLA:
            return f"Fila {f.fila_id}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(TITULOS):
            return TITULOS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
