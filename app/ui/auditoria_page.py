"""The audit viewer: filter by user, expediente, dates and action; see before/after; export to XLSX.

Read-only: the program offers no way to change the audit (and the database refuses it by trigger).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today, to_local
from app.common.text import plural
from app.services.auditoria import AuditoriaService, FilaAuditoria, FiltroAuditoria
from app.ui import formato, mensajes
from app.ui.auditoria_model import (
    COL_ACCION,
    COL_CAMBIOS,
    COL_FECHA,
    COL_OPERACION,
    COL_TABLA,
    COL_USUARIO,
    AuditoriaModel,
)
from app.ui.errors import protegido
from app.ui.pestana import titulo_pagina
from app.ui.tasks import Tarea, ejecutar

TODAS = "(todas)"
TODOS = "(todos)"
SIN_FECHA = QDate(2000, 1, 1)
CLAVE_CARPETA = "auditoria/carpeta"


def _fecha(parent: QWidget, nombre: str) -> QDateEdit:
    """A date field whose lowest value means "no limit"."""
    d = QDateEdit(parent)
    d.setObjectName(nombre)
    d.setCalendarPopup(True)
    d.setDisplayFormat("dd/MM/yyyy")
    d.setMinimumDate(SIN_FECHA)
    d.setSpecialValueText("sin límite")
    d.setDate(SIN_FECHA)
    return d


def _valor(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "sí" if v else "no"
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v) if str(v) else "«»"


def detalle(f: FilaAuditoria, juicio: str | None = None) -> str:
    """The text of the details pane: who, when, what, and field by field before → after."""
    cabecera = [
        f"{to_local(f.fecha_hora):%d/%m/%Y %H:%M:%S} · {f.usuario} · {f.accion}",
        f"{f.operacion_texto} en «{f.tabla}», fila {f.fila_id}" + (f" · juicio {juicio}" if juicio else ""),
        "",
    ]
    cambios = f.cambios()
    if not cambios:
        return "\n".join([*cabecera, "(sin cambios de datos)"])
    ancho = max(len(k) for k in cambios)
    lineas = []
    for k, (antes, despues) in cambios.items():
        if f.operacion == "INSERT":
            lineas.append(f"{k.ljust(ancho)}  {_valor(despues)}")
        elif f.operacion == "DELETE":
            lineas.append(f"{k.ljust(ancho)}  {_valor(antes)}")
        else:
            lineas.append(f"{k.ljust(ancho)}  {_valor(antes)}  →  {_valor(despues)}")
    return "\n".join(cabecera + lineas)


class AuditoriaPage(QWidget):
    """Emits ``mensaje(texto)`` for the status bar and ``volver``."""

    volver = Signal()
    mensaje = Signal(str)

    def __init__(self, auditoria: AuditoriaService, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._servicio = auditoria
        self._settings = settings
        self.tarea: Tarea | None = None
        titulo = titulo_pagina(self, "Auditoría")
        subtitulo = QLabel("Quién hizo qué y cuándo, con los valores antes y después. Solo lectura.", self)
        volver = QPushButton("← Volver", self)
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        col = QVBoxLayout()
        col.addWidget(titulo)
        col.addWidget(subtitulo)
        cabecera.addLayout(col, 1)
        cabecera.addWidget(volver)

        self.usuario = QComboBox(self)
        self.usuario.setObjectName("filtroUsuario")
        self.usuario.setEditable(True)
        self.usuario.setMinimumContentsLength(12)
        self.usuario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.juicio = QLineEdit(self)
        self.juicio.setObjectName("filtroJuicio")
        self.juicio.setPlaceholderText("N.º de juicio")
        self.juicio.setClearButtonEnabled(True)
        self.desde = _fecha(self, "filtroDesde")
        self.hasta = _fecha(self, "filtroHasta")
        self.accion = QComboBox(self)
        self.accion.setObjectName("filtroAccion")
        self.accion.setMinimumContentsLength(16)
        self.accion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.boton_buscar = QPushButton("Buscar", self)
        self.boton_buscar.setDefault(True)
        self.boton_buscar.clicked.connect(self.buscar)
        self.boton_limpiar = QPushButton("Limpiar", self)
        self.boton_limpiar.clicked.connect(self.limpiar_filtros)
        self.boton_exportar = QPushButton("Exportar XLSX…", self)
        self.boton_exportar.setObjectName("botonExportar")
        self.boton_exportar.clicked.connect(self.exportar)
        self.juicio.returnPressed.connect(self.buscar)
        # Two rows, so that the page fits a small window (the main window's minimum width is its widest page's).
        quien = QHBoxLayout()
        cuando = QHBoxLayout()
        for fila, etiqueta, w in ((quien, "&Usuario:", self.usuario), (quien, "&Juicio:", self.juicio),
                                  (quien, "A&cción:", self.accion), (cuando, "&Desde:", self.desde),
                                  (cuando, "&Hasta:", self.hasta)):
            lbl = QLabel(etiqueta, self)
            lbl.setBuddy(w)
            fila.addWidget(lbl)
            fila.addWidget(w, 1 if w is self.accion else 0)
        quien.addStretch(1)
        cuando.addWidget(self.boton_buscar)
        cuando.addWidget(self.boton_limpiar)
        cuando.addStretch(1)
        cuando.addWidget(self.boton_exportar)

        self.model = AuditoriaModel(auditoria, self)
        self.tabla = QTableView(self)
        self.tabla.setProperty("exportar_como", "Auditoría")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaAuditoria")
        self.tabla.setModel(self.model)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        cero = self.fontMetrics().horizontalAdvance("0")
        for c, n in {COL_FECHA: 19, COL_USUARIO: 16, COL_ACCION: 28, COL_OPERACION: 13, COL_TABLA: 16}.items():
            self.tabla.horizontalHeader().resizeSection(c, n * cero + 16)
        self.tabla.horizontalHeader().setSectionResizeMode(COL_CAMBIOS, QHeaderView.ResizeMode.Stretch)
        self.tabla.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._mostrar(cur.row()))

        self.detalle = QPlainTextEdit(self)
        self.detalle.setObjectName("detalleAuditoria")
        self.detalle.setReadOnly(True)
        self.detalle.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.detalle.setPlaceholderText("Elija una fila para ver sus valores antes y después.")
        division = QSplitter(Qt.Orientation.Vertical, self)
        division.addWidget(self.tabla)
        division.addWidget(self.detalle)
        division.setStretchFactor(0, 3)
        division.setStretchFactor(1, 1)

        self.conteo = QLabel(self)
        self.conteo.setObjectName("conteoAuditoria")
        self.model.conteo_cambiado.connect(self._al_contar)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(quien)
        lay.addLayout(cuando)
        lay.addWidget(division, 1)
        lay.addWidget(self.conteo)

    # -- filters --------------------------------------------------------------------------------------
    def filtro(self) -> FiltroAuditoria:
        usuario = self.usuario.currentText().strip()
        accion = self.accion.currentText()
        return FiltroAuditoria(
            usuario=None if usuario in ("", TODOS) else usuario,
            juicio=self.juicio.text().strip() or None,
            desde=None if self.desde.date() == SIN_FECHA else self.desde.date().toPython(),
            hasta=None if self.hasta.date() == SIN_FECHA else self.hasta.date().toPython(),
            accion=None if accion in ("", TODAS) else accion,
        )

    def _opciones(self) -> None:
        usuario, accion = self.usuario.currentText(), self.accion.currentText()
        self.usuario.clear()
        self.usuario.addItems([TODOS, *self._servicio.usuarios()])
        self.usuario.setCurrentText(usuario or TODOS)
        self.accion.clear()
        self.accion.addItems([TODAS, *self._servicio.acciones()])
        i = self.accion.findText(accion)
        self.accion.setCurrentIndex(max(i, 0))

    @protegido
    def cargar(self) -> None:
        """Refresh the filter choices and run the current search (the page's F5)."""
        self._opciones()
        self.model.buscar(self.filtro())
        self._mostrar(-1)

    @Slot()
    @protegido
    def buscar(self) -> None:
        self.model.buscar(self.filtro())
        self._mostrar(-1)

    @Slot()
    def limpiar_filtros(self) -> None:
        self.usuario.setCurrentText(TODOS)
        self.juicio.clear()
        self.desde.setDate(SIN_FECHA)
        self.hasta.setDate(SIN_FECHA)
        self.accion.setCurrentIndex(0)
        self.buscar()

    def filtrar_juicio(self, numero: str) -> None:
        """Show the history of one expediente (from the expediente page)."""
        self.limpiar_filtros()
        self.juicio.setText(numero)
        self.buscar()

    def _mostrar(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detalle.clear()
            return
        f = self.model.fila(row)
        self.detalle.setPlainText(detalle(f, self.model.filtro.juicio or None))

    @Slot(int, int)
    def _al_contar(self, cargadas: int, total: int) -> None:
        if total == 0:
            self.conteo.setText("Ningún registro coincide con los filtros.")
        elif cargadas >= total:
            self.conteo.setText(plural(total, "registro"))
        else:
            self.conteo.setText(f"{formato.miles(cargadas)} de {formato.miles(total)} registros")

    # -- export ---------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def exportar(self) -> None:
        carpeta = str(self._settings.value(CLAVE_CARPETA, "", str) or "") if self._settings else ""
        sugerido = str(Path(carpeta) / f"auditoria_{local_today():%Y-%m-%d}.xlsx") if carpeta else \
            f"auditoria_{local_today():%Y-%m-%d}.xlsx"
        ruta, _ = QFileDialog.getSaveFileName(self, "Exportar la auditoría", sugerido, "Excel (*.xlsx)")
        if ruta:
            self.exportar_a(Path(ruta))

    def exportar_a(self, ruta: Path) -> Tarea:
        """Export the current filter to ``ruta`` in the background; report when done."""
        if ruta.suffix.lower() != ".xlsx":
            ruta = ruta.with_suffix(".xlsx")
        if self._settings is not None:
            self._settings.setValue(CLAVE_CARPETA, str(ruta.parent))
        filtro = self.filtro()
        self.boton_exportar.setEnabled(False)
        self.tarea = ejecutar(self, "Exportando la auditoría…",
                              lambda p: self._servicio.exportar_xlsx(filtro, ruta, p),
                              lambda n: self._exportado(ruta, n))
        self.tarea.finalizada.connect(lambda: self.boton_exportar.setEnabled(True))
        return self.tarea

    def _exportado(self, ruta: Path, n: int) -> None:
        self.mensaje.emit(f"Auditoría exportada: {formato.miles(n)} registros en «{ruta.name}».")
        mensajes.informar(self, f"Se exportaron {formato.miles(n)} registros de auditoría.", str(ruta),
                          titulo="Exportación terminada")
