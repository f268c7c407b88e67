"""The jefe's dashboard: filters, eight charts in two columns (each with its table and exports), the national
recovery table import and the bimonthly report. It reloads when the data changes (:meth:`refrescar`)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.text import plural
from app.domain.etapas import Etapa
from app.services.tablero import TableroService
from app.services.tablero_datos import DatosTablero, Filtros, mes_mas, primer_dia
from app.ui import formato, mensajes, tasks
from app.ui.errors import protegido
from app.ui.grafico_card import GraficoCard
from app.ui.pestana import titulo_pagina
from app.ui.tablero_lista import ListaBarraDialog

COLUMNAS = 2
GRAFICOS = 8
#: Charts built before the page is shown (the first screen at 1366×768); the rest follow on the next turn of the
#: event loop, so the jefe sees the top of the dashboard sooner (bench/bench_tablero.py).
PRIMEROS = 4


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _mes(parent: QWidget, d: date, nombre: str) -> QDateEdit:
    e = QDateEdit(_qdate(d), parent)
    e.setObjectName(nombre)
    e.setDisplayFormat("MM/yyyy")
    e.setCalendarPopup(True)
    return e


class TableroPage(QWidget):
    """Emits ``volver`` and ``abrir`` (a juicio number chosen from a bar's list). Call :meth:`cargar` to read
    the figures now, :meth:`refrescar` after a write (it reloads now if visible, else when next shown)."""

    volver = Signal()
    abrir = Signal(str)
    mensaje = Signal(str)

    def __init__(self, tablero: TableroService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = tablero
        self._pendiente = False
        self._generacion = 0
        self._hechos: set[str] = set()
        self._entradas: dict[str, tuple[Any, ...]] = {}  # what each shown chart was drawn from
        self._nuevas: dict[str, tuple[Any, ...]] = {}  # ... and what the last load read
        self._huella: tuple[Any, ...] | None = None  # (filters, day, data version) of the last load
        self.datos: DatosTablero | None = None
        titulo = titulo_pagina(self, "Tablero de la oficina")
        self.boton_importar = QPushButton("Importar tabla nacional…", self)
        self.boton_importar.setToolTip("Tabla mensual de recaudación de la Dirección Nacional (CSV, TSV o XLSX)")
        self.boton_importar.clicked.connect(self.elegir_tabla_nacional)
        self.boton_reporte = QPushButton("Reporte bimensual…", self)
        self.boton_reporte.setToolTip("Reporte a la Dirección Nacional (.docx y .xlsx) de los dos meses elegidos")
        self.boton_reporte.clicked.connect(self.elegir_reporte)
        volver = QPushButton("Ver expedientes →", self)
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(self.boton_importar)
        cabecera.addWidget(self.boton_reporte)
        cabecera.addWidget(volver)

        hoy = local_today()
        self.desde = _mes(self, mes_mas(primer_dia(hoy), -23), "filtroDesde")
        self.hasta = _mes(self, hoy, "filtroHasta")
        self.secretario = QComboBox(self)
        self.secretario.setObjectName("filtroSecretario")

        self.etapa = QComboBox(self)
        self.etapa.setObjectName("filtroEtapa")
        self._ajustar_combos()
        self.etapa.addItem("Todas las etapas", None)
        for e in Etapa:
            self.etapa.addItem(e.etiqueta, e.value)
        filtros = QHBoxLayout()
        self.desde.setToolTip("Primer mes del período de la recaudación")
        self.hasta.setToolTip("Último mes del período de la recaudación")
        for texto, w in (("Período", self.desde), ("a", self.hasta), ("Secretario", self.secretario),
                         ("Etapa", self.etapa)):
            filtros.addWidget(QLabel(texto, self))
            filtros.addWidget(w)
        filtros.addStretch(1)
        self.resumen = QLabel(self)
        self.resumen.setObjectName("resumenTablero")
        self.resumen.setWordWrap(True)
        self._llenar_secretarios()
        for w in (self.desde, self.hasta):
            w.dateChanged.connect(lambda _d: self.cargar())
        for c in (self.secretario, self.etapa):
            c.currentIndexChanged.connect(lambda _i: self.cargar())

        self.tarjetas: list[GraficoCard] = []
        rejilla_w = QWidget(self)
        self.rejilla = rejilla = QGridLayout(rejilla_w)
        rejilla.setContentsMargins(0, 0, 0, 0)
        rejilla.setSpacing(6)
        for i in range(GRAFICOS):
            t = GraficoCard(tablero, rejilla_w)
            t.barra.connect(self.abrir_barra)
            t.mensaje.connect(self.mensaje)
            rejilla.addWidget(t, i // COLUMNAS, i % COLUMNAS)
            self.tarjetas.append(t)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(rejilla_w)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(filtros)
        lay.addWidget(self.resumen)
        lay.addWidget(self.scroll, 1)

    def _ajustar_combos(self) -> None:
        # Combos sized by a minimum, not by their longest entry: the page must fit the window's smallest width.
        for combo, letras in ((self.secretario, 16), (self.etapa, 10)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(letras)

    def _llenar_secretarios(self) -> None:
        actual = self.secretario.currentData()
        self.secretario.blockSignals(True)
        self.secretario.clear()
        self.secretario.addItem("Todos", None)
        for sid, nombre in self._servicio.secretarios():
            self.secretario.addItem(nombre, str(sid))
        i = self.secretario.findData(actual)
        self.secretario.setCurrentIndex(max(0, i))
        self.secretario.blockSignals(False)

    def filtros(self) -> Filtros:
        """The filters as set in the bar (the period from the first day of «desde» to the last of «hasta»)."""
        d, h = self.desde.date(), self.hasta.date()
        desde = date(d.year(), d.month(), 1)
        hasta = mes_mas(date(h.year(), h.month(), 1), 1) - timedelta(days=1)
        sid = self.secretario.currentData()
        etapa = self.etapa.currentData()
        return Filtros(desde, hasta, uuid.UUID(sid) if sid else None, Etapa(etapa) if etapa else None)

    @protegido
    def cargar(self, forzar: bool = False) -> None:
        """Read the figures for the current filters and redraw the charts whose figures changed (``forzar``: every
        chart, as on a new page). The first screen is built now, the rest one per turn of the event loop."""
        self._pendiente = False
        filtros, hoy = self.filtros(), local_today()
        version = self._servicio.version()  # before reading: a commit made meanwhile shows on the next refresh
        datos = self._servicio.datos(filtros, hoy, primeros=True)  # the rest of the figures in _completar
        self.datos = datos
        self._huella = None if version is None else (filtros, hoy, version)
        self._nuevas = self._servicio.entradas(datos)
        if forzar:
            self._entradas.clear()
        self._generacion += 1
        self._hechos = set()
        self._mostrar(TableroService.CLAVES[:PRIMEROS])
        generacion = self._generacion
        QTimer.singleShot(0, self, lambda: self._completar(generacion))  # dropped with the page
        nacional = "con tabla nacional" if datos.nacional else "sin tabla nacional importada"
        self.resumen.setText(
            f"<b>{formato.miles(datos.expedientes)}</b> expedientes por USD <b>{formato.usd(datos.cuantia)}</b> · "
            f"recuperado en el período USD <b>{formato.usd(datos.recuperado)}</b> ({nacional}) · "
            f"{formato.miles(datos.titulos_pendientes)} títulos pendientes de sorteo · "
            "clic en una barra: sus expedientes"
        )
        self.resumen.setToolTip("El período filtra la recaudación; el inventario de juicios es a la fecha.")

    def _mostrar(self, claves: tuple[str, ...]) -> None:
        if self.datos is None:
            return
        posicion = {c: i for i, c in enumerate(TableroService.CLAVES)}
        for clave in claves:
            i, entrada = posicion[clave], self._nuevas[clave]
            tarjeta = self.tarjetas[i]
            # A chart drawn from the same figures is kept as it is: no rebuild, no redraw (after a payment only
            # the money charts move).
            if tarjeta.grafico is None or self._entradas.get(clave) != entrada:
                grafico = self._servicio.grafico(clave, entrada)
                tarjeta.mostrar(grafico)
                self._entradas[clave] = entrada
                # An empty chart ("sin datos") keeps to the top of its row and its row takes no extra height.
                self.rejilla.setAlignment(tarjeta, Qt.AlignmentFlag.AlignTop if grafico.vacio
                                          else Qt.AlignmentFlag(0))
            self._hechos.add(clave)
        for fila in range(self.rejilla.rowCount()):
            llenas = [t for t in self.tarjetas[fila * COLUMNAS:(fila + 1) * COLUMNAS] if t.grafico is not None]
            self.rejilla.setRowStretch(fila, 0 if llenas and all(t.grafico.vacio for t in llenas) else 1)

    @protegido
    def _completar(self, generacion: int) -> None:
        """Read the rest of the figures (first call), then build the next chart below the first screen, one per
        turn of the event loop so that the page answers the keyboard and the mouse in between; unless a newer
        load replaced this one."""
        if generacion != self._generacion or self.datos is None:
            return
        if not self.datos.completo:
            self.datos = self._servicio.completar(self.datos)
            self._nuevas = self._servicio.entradas(self.datos)
            QTimer.singleShot(0, self, lambda: self._completar(generacion))  # dropped with the page
            return
        faltan = [c for c in TableroService.CLAVES[PRIMEROS:] if c not in self._hechos]
        if faltan:
            self._mostrar((faltan[0],))
        if len(faltan) > 1:
            QTimer.singleShot(0, self, lambda: self._completar(generacion))  # dropped with the page

    def completo(self) -> bool:
        """Every chart of the last load is shown."""
        return len(self._hechos) == len(TableroService.CLAVES)

    def al_dia(self) -> bool:
        """What is shown was read for the current filters, today, and nothing was committed since (False when
        the database cannot tell)."""
        return self._huella is not None and self._huella == (self.filtros(), local_today(),
                                                             self._servicio.version())

    def refrescar(self) -> None:
        """The data may have changed (an import, a sorteo, a payment, rows pulled by the sync): reload now if shown,
        else when next shown. Cheap when nothing changed: one SQLite pragma, no query, no redraw; and when
        something did, only the charts whose figures moved are redrawn. Connect it to every «data changed»
        signal."""
        if not self.isVisible():
            self._pendiente = True
            return
        if self.al_dia():
            return
        self._llenar_secretarios()
        self.cargar()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pendiente:
            self._pendiente = False
            if not self.al_dia():
                self._llenar_secretarios()
                self.cargar()

    @protegido
    def abrir_barra(self, clave: str) -> None:
        """Show the expedientes behind the bar ``clave``."""
        lista = self._servicio.expedientes(clave, self.filtros())
        dlg = ListaBarraDialog(lista, self)
        dlg.abrir.connect(self.abrir)
        dlg.open()
        self.dialogo = dlg

    @protegido
    def elegir_tabla_nacional(self) -> None:
        ruta, _ = QFileDialog.getOpenFileName(self, "Importar la tabla nacional de recaudación", "",
                                              "Tablas (*.csv *.tsv *.txt *.xlsx)")
        if ruta:
            self.importar_tabla_nacional(Path(ruta))

    @protegido
    def importar_tabla_nacional(self, ruta: Path) -> None:
        r = self._servicio.recaudacion_nacional.importar(ruta)
        mensajes.informar(self, f"Tabla nacional importada: {len(r.meses)} meses, total USD "
                                f"{formato.usd(r.totales['total'])}"
                                + (f", {plural(len(r.ajustes), 'ajuste mostrado')} aparte." if r.ajustes else "."))
        self.refrescar()

    @protegido
    def elegir_reporte(self) -> None:
        d = self.desde.date()
        ruta, _ = QFileDialog.getSaveFileName(self, "Guardar el reporte bimensual",
                                              f"reporte_bimensual_{d.year()}-{d.month():02d}.docx", "Word (*.docx)")
        if ruta:
            self.generar_reporte(date(d.year(), d.month(), 1), Path(ruta))

    def generar_reporte(self, desde: date, ruta: Path) -> tasks.Tarea:
        """Write the bimonthly report of the two months from ``desde`` in the background (.docx and .xlsx)."""
        from app.services.reporte import ReporteService

        servicio = ReporteService(self._servicio.ctx)

        def hecho(rutas: tuple[Path, Path]) -> None:
            docx, xlsx = rutas
            self.mensaje.emit(f"Reporte guardado: {docx} y {xlsx}")
            mensajes.informar(self, f"Reporte bimensual guardado en {docx} (y sus tablas en {xlsx.name}).")

        return tasks.ejecutar(self, "Preparando el reporte bimensual…", lambda _p: servicio.bimensual(desde, ruta),
                              hecho, cancelable=False)
