"""The jefe's office dashboard: expedientes and amounts by stage and by secretario-abogado."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.tablero import PorEtapa, PorSecretario, TableroService
from app.ui import formato
from app.ui.errors import protegido
from app.ui.pestana import titulo_pagina
from app.ui.table_base import DERECHA, Columna, TablaModel


class EtapasModel(TablaModel[PorEtapa]):
    COLUMNAS: ClassVar = (
        Columna("Etapa", lambda p: p.etapa.etiqueta),
        Columna("Expedientes", lambda p: formato.miles(p.expedientes), DERECHA),
        Columna("Cuantía (USD)", lambda p: formato.usd(p.cuantia), DERECHA),
    )


class SecretariosTableroModel(TablaModel[PorSecretario]):
    COLUMNAS: ClassVar = (
        Columna("Secretario-abogado", lambda p: p.nombres if p.activo else f"{p.nombres} (inactivo)"),
        Columna("Expedientes", lambda p: formato.miles(p.expedientes), DERECHA),
        Columna("Cuantía (USD)", lambda p: formato.usd(p.cuantia), DERECHA),
    )


def _tabla(parent: QWidget, model: TablaModel, nombre: str) -> QTableView:  # type: ignore[type-arg]
    t = QTableView(parent)
    t.setObjectName(nombre)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
    t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    cero = t.fontMetrics().horizontalAdvance("0")
    t.horizontalHeader().resizeSection(1, 12 * cero + 16)
    t.horizontalHeader().resizeSection(2, 16 * cero + 16)
    return t


class TableroPage(QWidget):
    """Emits ``volver``. Call :meth:`cargar` to (re)read the counts."""

    volver = Signal()

    def __init__(self, tablero: TableroService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = tablero
        titulo = titulo_pagina(self, "Tablero de la oficina")
        volver = QPushButton("Ver expedientes →", self)
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(volver)
        self.resumen = QLabel(self)
        self.resumen.setObjectName("resumenTablero")
        self.resumen.setWordWrap(True)

        self.etapas = EtapasModel(parent=self)
        self.secretarios = SecretariosTableroModel(parent=self)
        caja_etapas = QGroupBox("Por etapa", self)
        QVBoxLayout(caja_etapas).addWidget(_tabla(caja_etapas, self.etapas, "tablaEtapas"))
        caja_sec = QGroupBox("Por secretario-abogado", self)
        QVBoxLayout(caja_sec).addWidget(_tabla(caja_sec, self.secretarios, "tablaSecretariosTablero"))
        cuerpo = QHBoxLayout()
        cuerpo.addWidget(caja_etapas, 1)
        cuerpo.addWidget(caja_sec, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addWidget(self.resumen)
        lay.addLayout(cuerpo, 1)

    @protegido
    def cargar(self) -> None:
        t = self._servicio.resumen()
        self.etapas.set_filas(t.por_etapa)
        self.secretarios.set_filas(t.por_secretario)
        self.resumen.setText(
            f"{formato.miles(t.expedientes)} expedientes por USD {formato.usd(t.cuantia)} · "
            f"{formato.miles(t.titulos_pendientes)} títulos pendientes de sorteo · "
            f"{formato.miles(len(t.por_secretario))} secretarios-abogados"
        )
