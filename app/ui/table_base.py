"""A small read-only table model over a list of rows, with one column spec per column.

Subclasses declare ``COLUMNAS`` (header, value getter, alignment) and expose their column constants
(``COL_...``) as indexes into it. Large lists do not use this: see :mod:`app.ui.expedientes_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

IZQUIERDA = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
DERECHA = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTRO = Qt.AlignmentFlag.AlignCenter
#: The typed value of a cell (Decimal amount, date, int) for exports; None: read the text shown.
ROL_VALOR = int(Qt.ItemDataRole.UserRole) + 77


@dataclass(frozen=True)
class Columna(Generic[T]):
    titulo: str
    valor: Callable[[T], str]
    alineacion: Qt.AlignmentFlag = IZQUIERDA
    ayuda: Callable[[T], str | None] | None = None
    #: The typed value behind the text (for :data:`ROL_VALOR`); None: exports read the text shown.
    dato: Callable[[T], Any] | None = None


class TablaModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of type ``T``; replace them all with :meth:`set_filas`."""

    COLUMNAS: ClassVar[Sequence[Columna[Any]]] = ()

    def __init__(self, filas: Sequence[T] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._filas: list[T] = list(filas)

    def set_filas(self, filas: Sequence[T]) -> None:
        self.beginResetModel()
        self._filas = list(filas)
        self.endResetModel()

    def filas(self) -> list[T]:
        return list(self._filas)

    def fila(self, row: int) -> T:
        return self._filas[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNAS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._filas)):
            return None
        col = self.COLUMNAS[index.column()]
        fila = self._filas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.valor(fila)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.alineacion)
        if role == Qt.ItemDataRole.ToolTipRole and col.ayuda is not None:
            return col.ayuda(fila)
        if role == ROL_VALOR:
            return col.dato(fila) if col.dato is not None else None
        return self.dato_extra(fila, index.column(), role)

    def dato_extra(self, fila: T, columna: int, role: int) -> Any:
        """Hook for subclasses (fonts, colours); None by default."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNAS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.COLUMNAS[section].titulo
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.COLUMNAS[section].alineacion)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
