"""Form fields shared by the dialogs: dates, amounts, a small editable list of rows, OK/Cancel buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.errors import ValidationError
from app.common.money import parse_amount
from app.ui import formato

ZONA = "America/Guayaquil"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def campo_fecha(parent: QWidget, valor: date | None = None) -> QDateEdit:
    """A dd/MM/yyyy date edit with a calendar popup, set to ``valor`` (default today in Ecuador)."""
    edit = QDateEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(qdate(valor or local_today()))
    return edit


def fecha_de(edit: QDateEdit) -> date:
    q = edit.date()
    return date(q.year(), q.month(), q.day())


def poner_fecha(edit: QDateEdit | QDateTimeEdit, valor: date) -> None:
    edit.setDate(qdate(valor))


def campo_fecha_hora(parent: QWidget, valor: datetime | None = None) -> QDateTimeEdit:
    """Date and time as read on a clock in Ecuador (default now there)."""
    edit = QDateTimeEdit(parent)
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.setCalendarPopup(True)
    v = valor or datetime.now(ZoneInfo(ZONA))
    edit.setDateTime(QDateTime(qdate(v.date()), QTime(v.hour, v.minute)))
    return edit


def fecha_hora_de(edit: QDateTimeEdit) -> datetime:
    """The edit's value as an aware datetime in Ecuador's time zone."""
    q = edit.dateTime()
    d, t = q.date(), q.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=ZoneInfo(ZONA))


class MontoEdit(QLineEdit):
    """A USD amount typed as the office writes it (``1.234,56`` or ``1234.56``)."""

    def __init__(self, parent: QWidget | None = None, obligatorio: bool = True) -> None:
        super().__init__(parent)
        self.obligatorio = obligatorio
        self.setPlaceholderText("0,00")

    def valor(self, que: str = "valor") -> Decimal | None:
        """The amount, None when empty and optional.

        Raises:
            ValidationError: not an amount (or empty when required), naming ``que``.
        """
        texto = self.text().strip()
        if not texto and not self.obligatorio:
            return None
        try:
            return parse_amount(texto)
        except ValueError as exc:
            raise ValidationError(f"{que.capitalize()}: {exc}.") from exc

    def poner(self, valor: Decimal) -> None:
        self.setText(formato.usd(valor))


def etiqueta(texto: str, campo: QWidget, parent: QWidget) -> QLabel:
    """A form label whose mnemonic (Alt+letter) focuses ``campo`` (for rows whose field is a layout)."""
    lbl = QLabel(texto, parent)
    lbl.setBuddy(campo)
    return lbl


def botones(dialogo: QDialog, aceptar: str) -> tuple[QDialogButtonBox, QPushButton]:
    """«aceptar» / «Cancelar» buttons wired to the dialog's accept/reject."""
    caja = QDialogButtonBox(dialogo)
    boton = caja.addButton(aceptar, QDialogButtonBox.ButtonRole.AcceptRole)
    caja.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
    caja.accepted.connect(dialogo.accept)
    caja.rejected.connect(dialogo.reject)
    return caja, boton


class FilasEditor(QWidget):
    """A small editable grid (goods of an acta, bids of a remate) with «Agregar fila» / «Quitar fila»."""

    def __init__(self, columnas: Sequence[tuple[str, str]], parent: QWidget | None = None,
                 ayudas: dict[str, str] | None = None) -> None:
        """``columnas``: (key, header) pairs; :meth:`filas` returns dicts by key; ``ayudas``: header tooltips."""
        super().__init__(parent)
        self._claves = [c for c, _ in columnas]
        self.tabla = QTableWidget(0, len(columnas), self)
        self.tabla.setHorizontalHeaderLabels([t for _, t in columnas])
        for col, clave in enumerate(self._claves):
            if ayudas and clave in ayudas:
                self.tabla.horizontalHeaderItem(col).setToolTip(ayudas[clave])
        self.tabla.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setMinimumHeight(110)
        self.agregar = QPushButton("Agregar fila", self)
        self.agregar.clicked.connect(lambda: self.agregar_fila())
        self.quitar = QPushButton("Quitar fila", self)
        self.quitar.clicked.connect(self._quitar)
        acciones = QHBoxLayout()
        acciones.addWidget(self.agregar)
        acciones.addWidget(self.quitar)
        acciones.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabla)
        lay.addLayout(acciones)

    def agregar_fila(self, valores: dict[str, str] | None = None) -> None:
        fila = self.tabla.rowCount()
        self.tabla.insertRow(fila)
        for col, clave in enumerate(self._claves):
            self.tabla.setItem(fila, col, QTableWidgetItem((valores or {}).get(clave, "")))

    def _quitar(self) -> None:
        filas = sorted({i.row() for i in self.tabla.selectedIndexes()}, reverse=True)
        for f in filas or ([self.tabla.rowCount() - 1] if self.tabla.rowCount() else []):
            self.tabla.removeRow(f)

    def filas(self) -> list[dict[str, str]]:
        """Non-empty rows as dicts (cells stripped)."""
        out = []
        for f in range(self.tabla.rowCount()):
            valores = {}
            for col, clave in enumerate(self._claves):
                item = self.tabla.item(f, col)
                valores[clave] = item.text().strip() if item is not None else ""
            if any(valores.values()):
                out.append(valores)
        return out
