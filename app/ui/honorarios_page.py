"""«Honorarios» page: the fee requests of the office (the jefe sees all, a secretario-abogado his own), by
period, lawyer and state, with totals; the jefe reviews, approves or rejects and records payments; export to
XLSX (Ctrl+E); the orden de pago de honorarios opens with the system's application."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.text import plural
from app.domain.honorarios import EstadoSolicitud
from app.domain.permisos import Permiso
from app.services.bootstrap import Servicios
from app.services.honorarios_consultas import SolicitudVista, resumen
from app.ui import formato
from app.ui.campos import campo_fecha, fecha_de
from app.ui.errors import protegido
from app.ui.honorarios_dialogs import PagoHonorariosDialog, revisar_solicitud
from app.ui.pestana import anchos, fila_seleccionada, nota, tabla, titulo_pagina
from app.ui.sistema import abrir_archivo
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_FECHA, COL_JUICIO, COL_DEUDOR, COL_SECRETARIO, COL_ESTADO, COL_BASE, COL_HONORARIO, COL_IVA, COL_TOTAL, \
    COL_FECHA_ESTADO, COL_DETALLE = range(11)
TODOS = "(todos)"


class SolicitudesModel(TablaModel[SolicitudVista]):
    COLUMNAS: ClassVar = (
        Columna("Solicitud", lambda v: formato.fecha(v.fecha), CENTRO),
        Columna("Juicio", lambda v: v.juicio),
        Columna("Coactivado", lambda v: v.deudor, ayuda=lambda v: v.deudor),
        Columna("Secretario-abogado", lambda v: v.secretario),
        Columna("Estado", lambda v: v.estado.etiqueta),
        Columna("Base (USD)", lambda v: formato.usd(v.base), DERECHA),
        Columna("Honorarios", lambda v: formato.usd(v.honorario), DERECHA),
        Columna("IVA", lambda v: formato.usd(v.iva), DERECHA),
        Columna("Total (USD)", lambda v: formato.usd(v.total), DERECHA),
        Columna("Fecha estado", lambda v: formato.fecha(v.fecha_estado), CENTRO),
        Columna("Motivo / comprobante", lambda v: v.comprobante or v.motivo, ayuda=lambda v: v.comprobante or v.motivo),
    )


class HonorariosPage(QWidget):
    """Emits ``volver``, ``mensaje(texto)`` and ``abrir(juicio)``."""

    volver = Signal()
    mensaje = Signal(str)
    abrir = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        usuario = servicios.ctx.usuario
        self._es_jefe = usuario.puede(Permiso.HONORARIOS_APROBAR)
        self._propio = usuario.limitado_a_sus_expedientes
        titulo = titulo_pagina(self, "Mis honorarios" if self._propio else "Honorarios de los secretarios-abogados")
        self.tarifa = nota(self)
        self.tarifa.setObjectName("estadoTarifa")
        volver = QPushButton("← Volver", self)
        volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        col = QVBoxLayout()
        col.addWidget(titulo)
        col.addWidget(self.tarifa)
        cabecera.addLayout(col, 1)
        cabecera.addWidget(volver, 0, Qt.AlignmentFlag.AlignTop)

        self.secretario = QComboBox(self)
        self.secretario.setObjectName("filtroSecretario")
        # long names must not widen the window: the list shows them in full when it opens
        self.secretario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.secretario.setMinimumContentsLength(14)
        self.secretario.setVisible(not self._propio)
        hoy = local_today()
        self.desde = campo_fecha(self, date(hoy.year, 1, 1))
        self.desde.setObjectName("filtroDesde")
        self.hasta = campo_fecha(self, hoy)
        self.hasta.setObjectName("filtroHasta")
        self.estado = QComboBox(self)
        self.estado.setObjectName("filtroEstado")
        self.estado.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.estado.setMinimumContentsLength(12)
        self.estado.addItem(TODOS, None)
        for e in EstadoSolicitud:
            self.estado.addItem(e.etiqueta, e)
        self.boton_buscar = QPushButton("&Buscar", self)
        self.boton_buscar.clicked.connect(self.cargar)
        # two rows, so that the page never makes the window wider than a small screen
        filtros = QVBoxLayout()
        if not self._propio:
            fila1 = QHBoxLayout()
            fila1.addWidget(QLabel("Secretario-abogado:", self))
            fila1.addWidget(self.secretario, 2)
            fila1.addStretch(3)
            filtros.addLayout(fila1)
        fila2 = QHBoxLayout()
        for texto, w in (("Desde:", self.desde), ("Hasta:", self.hasta), ("Estado:", self.estado)):
            fila2.addWidget(QLabel(texto, self))
            fila2.addWidget(w)
        fila2.addWidget(self.boton_buscar)
        fila2.addStretch(1)
        filtros.addLayout(fila2)

        self.model = SolicitudesModel((), self)
        self.tabla = tabla(self, self.model, COL_DETALLE)
        self.tabla.setProperty("exportar_como", "Honorarios")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaHonorarios")
        anchos(self.tabla, {COL_FECHA: 10, COL_JUICIO: 14, COL_DEUDOR: 24, COL_SECRETARIO: 20, COL_ESTADO: 16,
                            COL_BASE: 10, COL_HONORARIO: 9, COL_IVA: 7, COL_TOTAL: 10, COL_FECHA_ESTADO: 10})
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_expediente())
        self.tabla.selectionModel().selectionChanged.connect(lambda *_a: self._habilitar())
        self.totales = nota(self)
        self.totales.setObjectName("totalesHonorarios")

        self.boton_revisar = QPushButton("&Revisar…", self)
        self.boton_revisar.setObjectName("botonRevisar")
        self.boton_revisar.clicked.connect(self.revisar)
        self.boton_pagar = QPushButton("Registrar &pago…", self)
        self.boton_pagar.setObjectName("botonPagarHonorarios")
        self.boton_pagar.clicked.connect(self.registrar_pago)
        self.boton_orden = QPushButton("Abrir &orden de pago", self)
        self.boton_orden.clicked.connect(self.abrir_orden)
        self.boton_expediente = QPushButton("Abrir e&xpediente", self)
        self.boton_expediente.clicked.connect(self.abrir_expediente)
        self.boton_exportar = QPushButton("Exportar XLSX…", self)
        self.boton_exportar.setToolTip("Exportar la lista filtrada y sus totales (Ctrl+E)")
        self.boton_exportar.clicked.connect(self.exportar)
        acciones = QHBoxLayout()
        for b in (self.boton_revisar, self.boton_pagar):
            b.setVisible(self._es_jefe)
            acciones.addWidget(b)
        acciones.addWidget(self.boton_orden)
        acciones.addWidget(self.boton_expediente)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_exportar)

        lay = QVBoxLayout(self)
        lay.addLayout(cabecera)
        lay.addLayout(filtros)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.totales)
        lay.addLayout(acciones)
        self._secretarios_cargados = False

    # -- reading --------------------------------------------------------------------------------------
    def _cargar_secretarios(self) -> None:
        if self._propio or self._secretarios_cargados:
            return
        self.secretario.clear()
        self.secretario.addItem(TODOS, None)
        for x in self._srv.secretarios.listar():
            self.secretario.addItem(f"{x.nombres} ({x.cedula})", x.cedula)
        self._secretarios_cargados = True

    @Slot()
    @protegido
    def cargar(self) -> None:
        self._cargar_secretarios()
        conf = self._srv.honorarios_tarifa.configuracion()
        t = conf.tarifas[-1]
        estado = "confirmada por la unidad" if conf.tarifa_confirmada else \
            "<b>predeterminada, configurable</b> (la unidad aún no la confirma)"
        self.tarifa.setText(
            f"Tarifa vigente: {formato.porcentaje(t.porcentaje)} % de lo recuperado + IVA "
            f"{formato.porcentaje(t.iva_porcentaje)} % — {estado}. Honorarios a cargo del coactivado: "
            + (f"sí, desde el {formato.fecha(conf.a_cargo_desde)}" if conf.a_cargo_desde else
               "sí" if conf.a_cargo_del_coactivado else "no") + " (configurable).")
        filas = self._srv.honorarios_consultas.listar(
            secretario_cedula=self.secretario.currentData(), desde=fecha_de(self.desde), hasta=fecha_de(self.hasta),
            estado=self.estado.currentData())
        self.model.set_filas(filas)
        r = resumen(filas)
        self.totales.setText(
            f"{plural(r.cantidad, 'solicitud')} · solicitado (sin rechazados) <b>USD {formato.usd(r.solicitado)}</b> · "
            f"pendiente de revisión USD {formato.usd(r.pendiente)} · aprobado por pagar USD "
            f"{formato.usd(r.aprobado)} · pagado <b>USD {formato.usd(r.pagado)}</b> · rechazado o revertido USD "
            f"{formato.usd(r.rechazado)}")
        self._habilitar()

    def _actual(self) -> SolicitudVista | None:
        fila = fila_seleccionada(self.tabla)
        return self.model.fila(fila) if fila >= 0 else None

    def _habilitar(self) -> None:
        v = self._actual()
        self.boton_revisar.setEnabled(v is not None and v.estado is EstadoSolicitud.SOLICITADO)
        self.boton_pagar.setEnabled(v is not None and v.estado is EstadoSolicitud.APROBADO)
        self.boton_orden.setEnabled(v is not None and v.documento_id is not None)
        self.boton_expediente.setEnabled(v is not None)

    def seleccionar(self, juicio: str) -> None:
        for i, v in enumerate(self.model.filas()):
            if v.juicio == juicio:
                self.tabla.selectRow(i)
                return

    # -- actions --------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def revisar(self) -> None:
        v = self._actual()
        if v is None:
            return
        aprobado = revisar_solicitud(self, self._srv, v.id, v.juicio)
        if aprobado is None:
            return
        self.cargar()
        self.seleccionar(v.juicio)
        hecho = "aprobados: orden de pago foliada" if aprobado else "rechazados"
        self.mensaje.emit(f"Honorarios del juicio {v.juicio} {hecho}.")

    @Slot()
    @protegido
    def registrar_pago(self) -> None:
        v = self._actual()
        if v is None:
            return
        dlg = PagoHonorariosDialog(v, lambda f, c: self._srv.honorarios.registrar_pago(v.id, f, c), self)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
        finally:
            dlg.deleteLater()
        self.cargar()
        self.mensaje.emit(f"Pago de honorarios del juicio {v.juicio} registrado.")

    @Slot()
    @protegido
    def abrir_orden(self) -> None:
        v = self._actual()
        if v is not None and v.documento_id is not None:
            abrir_archivo(self, self._srv.documentos.exportar(v.documento_id))

    @Slot()
    def abrir_expediente(self) -> None:
        v = self._actual()
        if v is not None:
            self.abrir.emit(v.juicio)

    @Slot()
    @protegido
    def exportar_lista(self) -> None:
        """Ctrl+E (Archivo → Exportar la lista a Excel…) on this page: the list with its totals."""
        self.exportar()

    def exportar(self) -> None:
        desde, hasta = fecha_de(self.desde), fecha_de(self.hasta)
        sugerido = str(Path.home() / f"Honorarios {desde:%Y-%m-%d} a {hasta:%Y-%m-%d}.xlsx")
        ruta, _ = QFileDialog.getSaveFileName(self, "Exportar honorarios", sugerido, "Libro de Excel (*.xlsx)")
        if not ruta:
            return
        titulo = (f"Honorarios del {formato.fecha(fecha_de(self.desde))} al {formato.fecha(fecha_de(self.hasta))}"
                  + (f" — {self.secretario.currentText()}" if self.secretario.currentData() else ""))
        destino = self._srv.honorarios_consultas.exportar_xlsx(Path(ruta), self.model.filas(), titulo)
        self.mensaje.emit(f"Honorarios exportados a {destino}")
