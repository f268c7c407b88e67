"""«Honorarios» tab of the expediente: what was recovered and the fee of each recovery (or why it carries
none), what is already requested, this juicio's requests; the lawyer requests, the jefe reviews."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.domain.honorarios import EstadoSolicitud
from app.domain.permisos import Permiso
from app.services.bootstrap import Servicios
from app.ui import formato
from app.ui.errors import protegido
from app.ui.honorarios_dialogs import LineasModel, SolicitudDialog, resumen_calculo, revisar_solicitud, tabla_lineas
from app.ui.honorarios_page import COL_DETALLE, COL_DEUDOR, COL_ESTADO, COL_JUICIO, COL_SECRETARIO, SolicitudesModel
from app.ui.pestana import Pestana, anchos, fila_seleccionada, habilitar, nota, tabla


class HonorariosTab(Pestana):
    TITULO = "&Honorarios"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.lineas = LineasModel((), self)
        self.solicitudes = SolicitudesModel((), self)
        self.tabla_solicitudes = tabla(self, self.solicitudes, COL_DETALLE)
        self.tabla_solicitudes.setProperty("exportar_como", "Solicitudes de honorarios")  # Ctrl+E (app.ui.exportar)
        self.tabla_solicitudes.setObjectName("tablaSolicitudesJuicio")
        for col in (COL_JUICIO, COL_DEUDOR):  # this juicio's: the page's header says them
            self.tabla_solicitudes.setColumnHidden(col, True)
        anchos(self.tabla_solicitudes, {COL_SECRETARIO: 24, COL_ESTADO: 17})
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenHonorarios")
        self.boton_solicitar = QPushButton("&Solicitar honorarios…", self)
        self.boton_solicitar.setObjectName("botonSolicitarHonorarios")
        self.boton_solicitar.clicked.connect(self.solicitar)
        self.boton_revisar = QPushButton("&Revisar solicitud…", self)
        self.boton_revisar.setObjectName("botonRevisarJuicio")
        self.boton_revisar.clicked.connect(self.revisar)
        self.boton_revisar.setVisible(servicios.ctx.usuario.puede(Permiso.HONORARIOS_APROBAR))
        self.tabla_solicitudes.selectionModel().selectionChanged.connect(lambda *_a: self._habilitar_revision())
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_solicitar)
        acciones.addWidget(self.boton_revisar)
        acciones.addStretch(1)
        g1 = QGroupBox("Recuperaciones del juicio y sus honorarios", self)
        l1 = QVBoxLayout(g1)
        l1.addWidget(tabla_lineas(self, self.lineas))
        l1.addWidget(self.resumen)
        g2 = QGroupBox("Solicitudes de honorarios de este juicio", self)
        l2 = QVBoxLayout(g2)
        l2.addWidget(self.tabla_solicitudes)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(acciones)
        lay.addWidget(g1, 3)
        lay.addWidget(g2, 2)

    def cargar(self) -> None:
        if not self.numero:
            return
        c = self._srv.honorarios.calcular(self.numero)
        self.lineas.set_filas([*c.retenidas, *c.nuevas])
        self.resumen.setText("Por solicitar: " + resumen_calculo(c) if c.nuevas else
                             "No hay recuperaciones por solicitar.")
        self.solicitudes.set_filas(self._srv.honorarios_consultas.listar(juicio=self.numero, desde=None, hasta=None))
        habilitar(self.boton_solicitar, self._srv.honorarios.puede_solicitar(self.numero))
        self._habilitar_revision()

    def _actual(self):  # type: ignore[no-untyped-def]
        fila = fila_seleccionada(self.tabla_solicitudes)
        if fila < 0 and self.solicitudes.rowCount() == 1:
            fila = 0
        return self.solicitudes.fila(fila) if fila >= 0 else None

    def _habilitar_revision(self) -> None:
        v = self._actual()
        ok = v is not None and v.estado is EstadoSolicitud.SOLICITADO
        self.boton_revisar.setEnabled(ok)
        self.boton_revisar.setToolTip("" if ok else "Elija una solicitud pendiente de revisión.")

    @Slot()
    @protegido
    def solicitar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        c = self._srv.honorarios.calcular(numero)
        dlg = SolicitudDialog(c, lambda obs: self._srv.honorarios.solicitar(numero, observaciones=obs), self)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
        finally:
            dlg.deleteLater()
        self._hecho(f"Honorarios solicitados en el juicio {numero}: USD {formato.usd(c.total)}.")

    @Slot()
    @protegido
    def revisar(self) -> None:
        v = self._actual()
        if v is None or not self.numero:
            return
        aprobado = revisar_solicitud(self, self._srv, v.id, self.numero)
        if aprobado is None:
            return
        self._hecho("Honorarios aprobados: la orden de pago de honorarios se folió en el expediente."
                    if aprobado else "Solicitud de honorarios rechazada.")
