"""Form fields shared by the dialogs: dates, amounts, a small editable list of rows, OK/Cancel buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
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


_SEPARADORES = "/.-: "
_CAMPOS_FECHA = {
    QDateTimeEdit.Section.DaySection: "d", QDateTimeEdit.Section.MonthSection: "m",
    QDateTimeEdit.Section.YearSection: "a", QDateTimeEdit.Section.HourSection: "h",
    QDateTimeEdit.Section.MinuteSection: "min",
}


class _Tecleo:
    """What a user types into a date edit is what it keeps (mixed into QDateEdit / QDateTimeEdit).

    Qt's date edits edit one section at a time and correct as they go: Tab walks the sections instead of
    leaving the field, a «/» typed after a full day skips the month, a day 31 typed while the month shown has
    30 becomes 30, a year typed with two digits reverts to the previous one. Here Tab leaves the field, a
    separator moves to the next section only when the current one is not complete yet, and when the field is
    left (Tab, Enter, a click elsewhere) the digits typed in each section are applied as a whole date: «31» then
    «01» is 31/01, «25» as the year is 2025. A date that does not exist (31/02) is left as Qt shows it and the
    field is marked (:attr:`invalida` holds the reason) so the dialog can refuse it.
    """

    _avanzo = False
    _seccion = -1
    _original: QDateTime | None = None
    invalida = ""

    def _iniciar_tecleo(self) -> None:
        self._tecleo: dict[int, str] = {}
        self.dateTimeChanged.connect(self._valida)  # type: ignore[attr-defined]

    def _valida(self) -> None:
        self.invalida = ""

    def focusNextPrevChild(self, siguiente: bool) -> bool:
        self._aplicar_tecleo()
        return QAbstractSpinBox.focusNextPrevChild(self, siguiente)  # type: ignore[arg-type]

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._tecleo = {}
        super().focusInEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._aplicar_tecleo()
        super().focusOutEvent(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        t = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._aplicar_tecleo()
        elif t and t in _SEPARADORES:
            if not self._avanzo:
                i = edit.currentSectionIndex()
                if i < edit.sectionCount() - 1:
                    edit.setCurrentSectionIndex(i + 1)
                    edit.setSelectedSection(edit.sectionAt(i + 1))
            self._avanzo = False
            event.accept()
            return
        antes = edit.currentSectionIndex()
        if t and t.isdigit():
            if not self._tecleo:
                self._original = edit.dateTime()
                if edit.sectionAt(antes) == QDateTimeEdit.Section.DaySection and edit.date().daysInMonth() < 31:
                    # Qt accepts a day only if the month shown has it (a «3» typed over February jumps to the
                    # month): a month of 31 days while typing; the month typed (or the original) is restored.
                    edit.setDate(QDate(edit.date().year(), 1, edit.date().day()))
                    edit.setCurrentSectionIndex(antes)
                    edit.setSelectedSection(edit.sectionAt(antes))
            previo = self._tecleo.get(antes, "") if self._seccion == antes else ""
            self._tecleo[antes] = (previo + t)[-4:]
            self._seccion = antes
        super().keyPressEvent(event)  # type: ignore[misc]
        self._avanzo = bool(t and t.isdigit() and edit.currentSectionIndex() != antes)
        if self._avanzo:
            self._seccion = -1

    def _aplicar_tecleo(self) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        tecleo, self._tecleo, self._seccion = self._tecleo, {}, -1
        edit.interpretText()
        if not tecleo:
            return
        actual = self._original if self._original is not None else edit.dateTime()
        self._original = None
        partes = {"d": actual.date().day(), "m": actual.date().month(), "a": actual.date().year(),
                  "h": actual.time().hour(), "min": actual.time().minute()}
        for i, digitos in tecleo.items():
            clave = _CAMPOS_FECHA.get(edit.sectionAt(i))
            if clave is None:
                continue
            n = int(digitos)
            if clave == "a" and len(digitos) <= 2:  # «25» is 2025
                n += 2000
            partes[clave] = n
        q = QDate(partes["a"], partes["m"], partes["d"])
        if not q.isValid():
            self.invalida = (f"La fecha {partes['d']:02d}/{partes['m']:02d}/{partes['a']} no existe: corríjala o "
                             "elíjala en el calendario.")
            return
        self.invalida = ""
        edit.setDateTime(QDateTime(q, QTime(partes["h"] % 24, partes["min"] % 60)))


class CampoFecha(_Tecleo, QDateEdit):
    """A date edit that keeps what is typed (see :class:`_Tecleo`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._iniciar_tecleo()


class CampoFechaHora(_Tecleo, QDateTimeEdit):
    """A date-and-time edit that keeps what is typed (see :class:`_Tecleo`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._iniciar_tecleo()


def campo_fecha(parent: QWidget, valor: date | None = None) -> QDateEdit:
    """A dd/MM/yyyy date edit with a calendar popup, set to ``valor`` (default today in Ecuador): typed or
    picked in the calendar, and what is typed stays as typed (:class:`CampoFecha`)."""
    edit = CampoFecha(parent)
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
    """Date and time as read on a clock in Ecuador (default now there), typed or picked (:class:`CampoFechaHora`)."""
    edit = CampoFechaHora(parent)
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
