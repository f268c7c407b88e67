"""Base of the expediente page's tabs: the juicio shown, the services, and how a tab reports back.

A tab reads through ``Servicios`` in :meth:`Pestana.cargar`; after a write it emits ``cambiado(numero)`` (the
page then reloads the carátula, the índice and every tab) and ``mensaje(texto)`` for the status bar.
Dialogs are created, ``exec``-ed and read by the tab (tests replace each dialog's ``exec``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QLabel, QScrollArea, QTableView, QWidget

from app.services.bootstrap import Servicios

if TYPE_CHECKING:
    from app.ui.documentos_menu import GeneradorDocumentos


class Pestana(QWidget):
    """One tab of the expediente page."""

    cambiado = Signal(str)
    mensaje = Signal(str)

    #: The tab's label in the page.
    TITULO = ""

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.numero: str | None = None
        #: Set by the page: generates documents in the background (the page refreshes when one is done).
        self.generador: GeneradorDocumentos | None = None

    def mostrar(self, numero: str) -> None:
        """Show juicio ``numero`` (already known to exist)."""
        self.numero = numero
        self.cargar()

    def cargar(self) -> None:
        """(Re)read what the tab shows for :attr:`numero`."""

    def _hecho(self, texto: str) -> None:
        """After a write: tell the status bar and let the page reload everything."""
        self.mensaje.emit(texto)
        if self.numero:
            self.cambiado.emit(self.numero)


def desplazable(contenido: QWidget) -> QScrollArea:
    """``contenido`` in a frameless scroll area that fills the space and scrolls only when the window is too
    small for it (a tab's widgets never overlap)."""
    area = QScrollArea()
    area.setWidget(contenido)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def titulo_pagina(parent: QWidget, texto: str = "", escala: float = 1.4) -> QLabel:
    """The bold, enlarged title line of a page or dialog."""
    lbl = QLabel(texto, parent)
    f = lbl.font()
    f.setPointSizeF(f.pointSizeF() * escala)
    f.setBold(True)
    lbl.setFont(f)
    return lbl


def tabla(parent: QWidget, model: QAbstractItemModel, estirar: int | None = None,
          seleccion_multiple: bool = False) -> QTableView:
    """A read-only row-selecting table over ``model`` (column ``estirar`` takes the spare width)."""
    t = QTableView(parent)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if seleccion_multiple
                       else QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
    t.horizontalHeader().setHighlightSections(False)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if estirar is not None:
        t.horizontalHeader().setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    return t


def anchos(t: QTableView, caracteres: dict[int, int]) -> None:
    """Column widths in characters of the table's font ("0" width)."""
    cero = t.fontMetrics().horizontalAdvance("0")
    for col, n in caracteres.items():
        t.horizontalHeader().resizeSection(col, n * cero + 16)


def fila_seleccionada(t: QTableView) -> int:
    """The selected row, or -1."""
    filas = t.selectionModel().selectedRows() if t.selectionModel() is not None else []
    return filas[0].row() if filas else -1


def nota(parent: QWidget, texto: str = "") -> QLabel:
    """A wrapped, selectable explanatory label."""
    lbl = QLabel(texto, parent)
    lbl.setWordWrap(True)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl


def habilitar(boton: QWidget, permitido: tuple[bool, str], ayuda: str = "") -> None:
    """Enable ``boton`` per ``(ok, motivo)`` from ``ActosService.puede``; the reason becomes its tooltip."""
    ok, motivo = permitido
    boton.setEnabled(ok)
    boton.setToolTip(ayuda if ok else motivo)
