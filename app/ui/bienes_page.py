"""The goods page. For a depositario judicial it is his home: the goods in his custody, the reports due and
overdue, and «Registrar informe» with photos in a few clicks. For the jefe and the secretarios it is the office's
inventory: search by placa, chasis, clave catastral, juicio or debtor, by depositario and state, the overdue
reports as alerts, the register of depositarios and the XLSX export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.text import plural
from app.domain.bienes import BAJO_CUSTODIA, EstadoBien
from app.domain.permisos import Permiso, Rol
from app.services.bienes import Filtro
from app.services.bienes_comun import DatosBien
from app.services.bootstrap import Servicios
from app.ui import formato, mensajes
from app.ui.bien_dialogs import InformeDialog, fecha, repetir_hasta_guardar
from app.ui.bienes_model import (
    COL_BIEN,
    COL_DEPOSITARIO,
    COL_DEUDOR,
    COL_ESTADO,
    COL_IDENT,
    COL_INFORME,
    COL_JUICIO,
    COL_UBICACION,
    COL_VALOR,
    MINI,
    BienesModel,
)
from app.ui.depositarios_dialog import DepositariosDialog
from app.ui.errors import protegido
from app.ui.ficha_bien_dialog import FichaBienDialog
from app.ui.pestana import anchos, fila_seleccionada, nota, tabla, titulo_pagina
from app.ui.reglas_bienes_dialog import ReglasBienesDialog

#: Goods listed at once (the newest seizures); searching narrows, the XLSX export takes them all.
LIMITE = 500
ALERTA = "QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #f5c2c0; padding: 6px; }"
BIEN = "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #c8e6c9; padding: 6px; }"


class BienesPage(QWidget):
    """Emits ``volver`` (to the expedientes), ``abrir(juicio)`` and ``mensaje(texto)``."""

    volver = Signal()
    abrir = Signal(str)
    mensaje = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        u = servicios.ctx.usuario
        self.es_depositario = not u.sistema and u.rol is Rol.DEPOSITARIO
        self.titulo = titulo_pagina(self, "Mis bienes en custodia" if self.es_depositario else "Bienes embargados")
        self.alerta = QLabel(self)
        self.alerta.setObjectName("alertaInformes")
        self.alerta.setWordWrap(True)
        self.model = BienesModel(servicios.bienes.foto, self)
        self.tabla = tabla(self, self.model, COL_BIEN)
        self.tabla.setProperty("exportar_como", "Bienes embargados")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaBienes")
        self.tabla.verticalHeader().setDefaultSectionSize(MINI + 6)
        self.tabla.setIconSize(QSize(MINI, MINI))
        self.tabla.hideColumn(COL_UBICACION)  # in the history and the XLSX; the list keeps what is searched
        anchos(self.tabla, {COL_JUICIO: 13, COL_DEUDOR: 18, COL_IDENT: 20, COL_ESTADO: 10, COL_DEPOSITARIO: 16,
                            COL_VALOR: 10, COL_INFORME: 18})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())
        self.tabla.doubleClicked.connect(lambda _i: self.ver_historia())

        # -- search (office inventory)
        self.buscar = QLineEdit(self)
        self.buscar.setObjectName("buscarBienes")
        self.buscar.setPlaceholderText("Placa, chasis, clave catastral, juicio, coactivado o cédula/RUC…")
        self.buscar.setClearButtonEnabled(True)
        self.estado = QComboBox(self)
        self.estado.addItem("Todos los estados", None)
        for e in EstadoBien:
            self.estado.addItem(e.etiqueta, e.value)
        self.depositario = QComboBox(self)
        self.solo_vencidos = QCheckBox("Solo informes vencidos", self)
        self._espera = QTimer(self)
        self._espera.setSingleShot(True)
        self._espera.setInterval(250)
        self._espera.timeout.connect(self.cargar)
        self.buscar.textChanged.connect(lambda _t: self._espera.start())
        for w in (self.estado, self.depositario):
            w.currentIndexChanged.connect(lambda _i: self.cargar())
        self.solo_vencidos.toggled.connect(lambda _b: self.cargar())

        self.boton_informe = QPushButton("Registrar &informe…", self)
        self.boton_informe.setObjectName("botonRegistrarInforme")
        self.boton_informe.clicked.connect(self.registrar_informe)
        self.boton_historia = QPushButton("Ver &historia…", self)
        self.boton_historia.clicked.connect(self.ver_historia)
        self.boton_expediente = QPushButton("Abrir expediente", self)
        self.boton_expediente.clicked.connect(self.abrir_expediente)
        self.boton_exportar = QPushButton("Exportar a Excel…", self)
        self.boton_exportar.setObjectName("botonExportarInventario")
        self.boton_exportar.clicked.connect(self.exportar)
        self.boton_depositarios = QPushButton("Depositarios…", self)
        self.boton_depositarios.clicked.connect(self.depositarios)
        self.boton_reglas = QPushButton("Reglas…", self)
        self.boton_reglas.setToolTip("Período de los informes, proporcionalidad, base del remate y publicación del "
                                     "aviso (configurables por la oficina)")
        self.boton_reglas.clicked.connect(self.reglas)
        self.boton_reglas.setVisible(u.puede(Permiso.OFICINA_CONFIGURAR))
        volver = QPushButton("Ver expedientes →", self)
        volver.clicked.connect(self.volver)
        self.pie = nota(self)

        cabecera = QHBoxLayout()
        cabecera.addWidget(self.titulo)
        cabecera.addStretch(1)
        cabecera.addWidget(volver)
        filtros = QHBoxLayout()
        filtros.addWidget(self.buscar, 3)
        filtros.addWidget(self.estado, 1)
        filtros.addWidget(self.depositario, 1)
        filtros.addWidget(self.solo_vencidos)
        acciones = QHBoxLayout()
        for b in (self.boton_informe, self.boton_historia, self.boton_expediente):
            acciones.addWidget(b)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_reglas)
        acciones.addWidget(self.boton_depositarios)
        acciones.addWidget(self.boton_exportar)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addLayout(cabecera)
        lay.addWidget(self.alerta)
        lay.addLayout(filtros)
        lay.addLayout(acciones)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.pie)
        if self.es_depositario:
            for w in (self.buscar, self.estado, self.depositario, self.solo_vencidos, self.boton_exportar,
                      self.boton_depositarios, self.boton_expediente):
                w.hide()
            self.tabla.hideColumn(COL_DEPOSITARIO)
            # His own goods: the depositario's column is his space for the coactivado's whole name.
            anchos(self.tabla, {COL_DEUDOR: 34, COL_IDENT: 24})
        QShortcut(QKeySequence("Ctrl+R"), self, self.registrar_informe)
        self._habilitar()

    # -- data ---------------------------------------------------------------------------------------------
    def cargar(self) -> None:
        """(Re)read the goods and the alerts."""
        if self.es_depositario:
            bienes = self._srv.depositarios.mis_bienes()
            yo = self._srv.depositarios.yo()
            if yo is None:
                self.pie.setText("Su usuario no está vinculado a un depositario judicial del registro: pida al "
                                 "secretario-abogado o al jefe que lo vincule.")
        else:
            self._llenar_depositarios()
            bienes = self._srv.bienes.buscar(self._filtro(), limite=LIMITE)
        self.model.set_filas(bienes)
        vencidos = (sum(1 for b in bienes if b.informe is not None and b.informe.vencido) if self.es_depositario
                    else self._srv.depositarios.contar_informes_vencidos())
        self._alerta(vencidos, bienes)
        if not self.es_depositario or self._srv.depositarios.yo() is not None:
            en_custodia = sum(1 for b in bienes if b.estado in BAJO_CUSTODIA)
            texto = (f"{plural(len(bienes), 'bien')} · {en_custodia} en custodia · doble clic: historia y fotos"
                     if bienes else "No hay bienes que mostrar.")
            if not self.es_depositario and len(bienes) >= LIMITE:
                texto = (f"Se muestran los {LIMITE} embargos más recientes: busque por placa, chasis, clave "
                         "catastral, juicio o coactivado, o filtre por estado o depositario. La exportación a Excel "
                         "incluye todos.")
            self.pie.setText(texto)
        self._habilitar()

    def _alerta(self, vencidos: int, bienes: list[DatosBien]) -> None:
        if vencidos:
            quien = "Tiene" if self.es_depositario else "Hay"
            self.alerta.setStyleSheet(ALERTA)
            informes = plural(vencidos, "informe de depositario vencido", "informes de depositario vencidos")
            self.alerta.setText(f"⚠ {quien} {informes}. "
                                + ("Regístrelos con «Registrar informe» (Ctrl+R)." if self.es_depositario
                                   else "Marque «Solo informes vencidos» para verlos."))
        else:
            proximos = [b for b in bienes if b.informe is not None]
            self.alerta.setStyleSheet(BIEN)
            self.alerta.setText("Informes al día." + (
                f" El próximo vence el {formato.fecha(min(b.informe.vence for b in proximos))}." if proximos else ""))

    def _llenar_depositarios(self) -> None:
        actual = self.depositario.currentData()
        deps = self._srv.depositarios.listar()
        self.depositario.blockSignals(True)
        self.depositario.clear()
        self.depositario.addItem("Todos los depositarios", None)
        for d in deps:
            self.depositario.addItem(d.nombres, d.id)
        i = self.depositario.findData(actual)
        self.depositario.setCurrentIndex(max(0, i))
        self.depositario.blockSignals(False)

    def seleccionado(self) -> DatosBien | None:
        r = fila_seleccionada(self.tabla)
        return self.model.fila(r) if r >= 0 else None

    def _habilitar(self) -> None:
        b = self.seleccionado()
        self.boton_informe.setEnabled(b is not None and b.estado in BAJO_CUSTODIA and b.depositario_id is not None)
        self.boton_historia.setEnabled(b is not None)
        self.boton_expediente.setEnabled(b is not None)

    # -- actions ------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def registrar_informe(self) -> None:
        b = self.seleccionado()
        if b is None and self.model.rowCount() == 1:
            b = self.model.fila(0)
        if b is None or b.estado not in BAJO_CUSTODIA:
            return
        dlg = InformeDialog(f"{b.descripcion} (juicio {b.juicio})", b.ubicacion, b.condicion, self)
        r = repetir_hasta_guardar(dlg, lambda d: self._srv.depositarios.registrar_informe(
            b.id, fecha(d.fecha), d.condicion.currentText(), d.ubicacion.text(), d.observaciones.toPlainText(),
            d.costo.valor("costo"), d.concepto.text(), fotos=d.fotos.fotos()), self)
        if r is not None:
            self.mensaje.emit(f"Informe registrado; el próximo vence el {formato.fecha(r.proximo)}.")
            self.cargar()

    @Slot()
    @protegido
    def ver_historia(self) -> None:
        b = self.seleccionado()
        if b is not None:
            dlg = FichaBienDialog(self._srv, self._srv.bienes.ficha(b.id), self)
            dlg.exec()
            dlg.deleteLater()

    @Slot()
    def abrir_expediente(self) -> None:
        b = self.seleccionado()
        if b is not None:
            self.abrir.emit(b.juicio)

    @Slot()
    @protegido
    def exportar(self) -> None:
        ruta, _f = QFileDialog.getSaveFileName(self, "Exportar inventario de bienes",
                                               str(Path.home() / "inventario_bienes.xlsx"), "Excel (*.xlsx)")
        if ruta:
            n = self._srv.bienes.exportar_inventario(Path(ruta), self._filtro())
            self.mensaje.emit(f"Inventario exportado: {plural(n, 'bien')} en {ruta}.")

    def _filtro(self) -> Filtro:
        return Filtro(self.buscar.text(), self.depositario.currentData(),
                      EstadoBien(self.estado.currentData()) if self.estado.currentData() else None,
                      solo_vencidos=self.solo_vencidos.isChecked())

    @Slot()
    @protegido
    def depositarios(self) -> None:
        dlg = DepositariosDialog(self._srv, self)
        dlg.exec()
        dlg.deleteLater()
        self.cargar()

    @Slot()
    @protegido
    def reglas(self) -> None:
        dlg = ReglasBienesDialog(self._srv.depositarios.reglas(), self)
        if repetir_hasta_guardar(dlg, lambda d: self._srv.depositarios.guardar_reglas(d.reglas()), self):
            self.mensaje.emit("Reglas de bienes guardadas.")
            self.cargar()

    def enfocar(self) -> None:
        (self.tabla if self.es_depositario else self.buscar).setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = ["BienesPage", "mensajes"]
