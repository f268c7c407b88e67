"""The expedientes behind a dashboard bar: a dialog listing them; Intro or a double click opens one."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.tablero_datos import FilaLista, ListaExpedientes
from app.ui import formato
from app.ui.table_base import DERECHA, Columna, TablaModel


class ListaBarraModel(TablaModel[FilaLista]):
    COLUMNAS: ClassVar = (
        Columna("Juicio", lambda f: f.numero),
        Columna("Deudor", lambda f: f.deudor),
        Columna("Cédula/RUC", lambda f: f.identificacion),
        Columna("Secretario-abogado", lambda f: f.secretario),
        Columna("Etapa", lambda f: f.etapa.etiqueta),
        Columna("Inicio", lambda f: formato.fecha(f.fecha_inicio)),
        Columna("Cuantía (USD)", lambda f: formato.usd(f.cuantia), DERECHA),
        Columna("Recuperado (USD)", lambda f: "" if f.monto is None else formato.usd(f.monto), DERECHA),
    )


class ListaBarraDialog(QDialog):
    """Emits ``abrir`` with the juicio number chosen (and closes)."""

    abrir = Signal(str)

    def __init__(self, lista: ListaExpedientes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(lista.titulo)
        self.resize(1100, 560)
        mostrados = len(lista.filas)
        texto = f"{formato.miles(lista.total)} expedientes"
        if mostrados < lista.total:
            texto += f" · se muestran los {formato.miles(mostrados)} de mayor valor"
        self.resumen = QLabel(f"<b>{lista.titulo}</b> — {texto}. Intro o doble clic abre el expediente.", self)
        self.model = ListaBarraModel(lista.filas, self)
        self.tabla = QTableView(self)
        self.tabla.setProperty("exportar_como", lista.titulo)  # Ctrl+E (app.ui.exportar)
        self.tabla.setModel(self.model)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tabla.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_seleccionado())
        self.tabla.activated.connect(lambda _i: self.abrir_seleccionado())
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        botones.button(QDialogButtonBox.StandardButton.Close).setText("Cerrar")
        botones.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.resumen)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(botones)
        if lista.filas:
            self.tabla.selectRow(0)

    def abrir_seleccionado(self) -> None:
        filas = self.tabla.selectionModel().selectedRows()
        if filas:
            self.abrir.emit(self.model.fila(filas[0].row()).numero)
            self.accept()
