"""One expediente: its carátula, and its documents as the folio índice, with the actions on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.bootstrap import Servicios
from app.services.expedientes import Caratula
from app.ui import formato, mensajes
from app.ui.documento_dialog import AgregarDocumentoDialog
from app.ui.errors import protegido
from app.ui.indice_model import (
    COL_ARCHIVO,
    COL_CUERPO,
    COL_DESCRIPCION,
    COL_FECHA,
    COL_FOJAS,
    COL_HOJAS,
    COL_POSICION,
    COL_TIPO,
    IndiceModel,
)
from app.ui.sistema import abrir_archivo
from app.ui.tasks import ejecutar

# (key, label) of the carátula, laid out in two columns.
CAMPOS_IZQ = [
    ("oficina", "Oficina:"),
    ("juzgado", "Juzgado:"),
    ("acreedor", "Acreedor:"),
    ("deudor", "Coactivado:"),
    ("identificacion", "Cédula / RUC:"),
    ("secretario", "Secretario-abogado:"),
    ("etapa", "Etapa:"),
    ("fecha_inicio", "Fecha de inicio:"),
]
CAMPOS_DER = [
    ("cuantia", "Cuantía:"),
    ("titulo", "Título de crédito:"),
    ("concepto", "Concepto / período:"),
    ("desglose", "Capital / interés / recargo:"),
    ("interes_desde", "Intereses desde:"),
    ("folios", "Fojas:"),
    ("cuerpos", "Cuerpos:"),
]

TIPOS_ID = {"RUC": "RUC", "CEDULA": "cédula"}

ANCHOS_INDICE = {COL_POSICION: 5, COL_FECHA: 11, COL_TIPO: 23, COL_FOJAS: 10, COL_HOJAS: 7, COL_CUERPO: 8,
                 COL_ARCHIVO: 26}


def _valores(c: Caratula) -> dict[str, str]:
    return {
        "oficina": c.oficina,
        "juzgado": f"Juzgado de Coactiva de {c.ciudad} ({c.provincia})",
        "acreedor": c.acreedor,
        "deudor": c.deudor,
        "identificacion": f"{c.identificacion} ({TIPOS_ID.get(c.tipo_identificacion, c.tipo_identificacion)})",
        "secretario": f"{c.secretario} ({'externo' if c.secretario_externo else 'interno'})",
        "etapa": c.etapa.etiqueta,
        "fecha_inicio": formato.fecha(c.fecha_inicio),
        "cuantia": f"USD {formato.usd(c.cuantia)}",
        "titulo": f"No. {c.titulo_numero} del {formato.fecha(c.titulo_fecha)}",
        "concepto": f"{c.concepto} — {c.periodo}",
        "desglose": f"{formato.usd(c.capital)} / {formato.usd(c.interes)} / {formato.usd(c.recargo)}",
        "interes_desde": formato.fecha(c.fecha_interes_desde),
        "folios": formato.fojas_texto(c.folios),
        "cuerpos": f"{c.cuerpos} (de {c.folios_por_cuerpo} fojas cada uno)",
    }


class ExpedientePage(QWidget):
    """Emits ``volver`` (back to the list), ``mensaje(texto)`` for the status bar and ``cambiado(numero)``
    after a write (the list refreshes its stage/amount columns)."""

    volver = Signal()
    mensaje = Signal(str)
    cambiado = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.numero: str | None = None
        self.caratula: Caratula | None = None

        self.titulo = QLabel(self)
        self.titulo.setObjectName("tituloExpediente")
        f = self.titulo.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        self.titulo.setFont(f)
        self.titulo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitulo = QLabel(self)
        self.subtitulo.setObjectName("subtituloExpediente")
        self.subtitulo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.boton_volver = QPushButton("← Volver a la lista", self)
        self.boton_volver.setToolTip("Volver a la lista de expedientes (Esc)")
        self.boton_volver.clicked.connect(self.volver)
        titulos = QVBoxLayout()
        titulos.setSpacing(2)
        titulos.addWidget(self.titulo)
        titulos.addWidget(self.subtitulo)
        cabecera = QHBoxLayout()
        cabecera.addLayout(titulos, 1)
        cabecera.addWidget(self.boton_volver, 0, Qt.AlignmentFlag.AlignTop)

        self.campos: dict[str, QLabel] = {}
        grupo_caratula = QGroupBox("Carátula", self)
        grid = QGridLayout(grupo_caratula)
        grid.setHorizontalSpacing(12)
        for columna, campos in ((0, CAMPOS_IZQ), (2, CAMPOS_DER)):
            for fila, (clave, etiqueta) in enumerate(campos):
                nombre = QLabel(etiqueta, grupo_caratula)
                nombre.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                valor = QLabel("", grupo_caratula)
                valor.setObjectName(f"caratula_{clave}")
                valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                valor.setWordWrap(True)
                self.campos[clave] = valor
                grid.addWidget(nombre, fila, columna)
                grid.addWidget(valor, fila, columna + 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnMinimumWidth(2, 20)

        self.model = IndiceModel(self)
        self.tabla = QTableView(self)
        self.tabla.setObjectName("tablaIndice")
        self.tabla.setModel(self.model)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setVisible(False)
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        cero = self.fontMetrics().horizontalAdvance("0")
        for col, n in ANCHOS_INDICE.items():
            self.tabla.horizontalHeader().resizeSection(col, n * cero + 16)
        self.tabla.horizontalHeader().setSectionResizeMode(COL_DESCRIPCION, QHeaderView.ResizeMode.Stretch)
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_documento())
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())

        self.boton_opi = QPushButton("Generar orden de pago inmediato", self)
        self.boton_opi.setObjectName("botonOpi")
        self.boton_opi.clicked.connect(self.generar_opi)
        self.boton_agregar = QPushButton("Agregar documento…", self)
        self.boton_agregar.clicked.connect(self.agregar_documento)
        self.boton_abrir = QPushButton("Abrir documento", self)
        self.boton_abrir.setToolTip("Abrir el documento seleccionado con la aplicación del sistema")
        self.boton_abrir.clicked.connect(self.abrir_documento)
        self.boton_verificar = QPushButton("Verificar foliación", self)
        self.boton_verificar.clicked.connect(self.verificar_foliacion)
        self.boton_exportar = QPushButton("Exportar índice…", self)
        self.boton_exportar.clicked.connect(self.exportar_indice)
        acciones = QHBoxLayout()
        for b in (self.boton_opi, self.boton_agregar, self.boton_abrir):
            acciones.addWidget(b)
        acciones.addStretch(1)
        for b in (self.boton_verificar, self.boton_exportar):
            acciones.addWidget(b)

        grupo_indice = QGroupBox("Documentos e índice de fojas", self)
        lay_indice = QVBoxLayout(grupo_indice)
        lay_indice.addLayout(acciones)
        lay_indice.addWidget(self.tabla, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addWidget(grupo_caratula)
        lay.addWidget(grupo_indice, 1)
        self._ocupado = False
        self._habilitar()

    @property
    def ocupado(self) -> bool:
        """True while a background action (the orden de pago) runs for this page."""
        return self._ocupado

    # -- loading ------------------------------------------------------------------------------------
    def mostrar(self, numero: str) -> None:
        """Load juicio ``numero`` (raises NotFoundError for an unknown one)."""
        caratula = self._srv.expedientes.caratula(numero)
        self.numero = caratula.numero
        self._pintar(caratula)
        self.model.set_filas(self._srv.expedientes.indice(self.numero))
        self._habilitar()

    def actualizar(self) -> None:
        if self.numero:
            self.mostrar(self.numero)

    def _pintar(self, c: Caratula) -> None:
        self.caratula = c
        self.titulo.setText(f"Juicio coactivo No. {formato.numero_juicio(c.numero, c.provisional)}")
        self.titulo.setToolTip(formato.AYUDA_PROVISIONAL if c.provisional else "")
        self.subtitulo.setText(
            f"{c.deudor} · {c.identificacion} · USD {formato.usd(c.cuantia)} · Etapa: {c.etapa.etiqueta}"
        )
        for clave, texto in _valores(c).items():
            self.campos[clave].setText(texto)

    def _documento_seleccionado(self) -> Any:
        filas = self.tabla.selectionModel().selectedRows()
        return self.model.fila(filas[0].row()) if filas else None

    def _habilitar(self) -> None:
        hay = self.numero is not None and not self._ocupado
        for b in (self.boton_opi, self.boton_agregar, self.boton_verificar, self.boton_exportar):
            b.setEnabled(hay)
        self.boton_abrir.setEnabled(hay and self._documento_seleccionado() is not None)

    def _seleccionar_documento(self, documento_id: object) -> None:
        row = self.model.fila_de_documento(documento_id)
        if row >= 0:
            self.tabla.selectRow(row)
            self.tabla.scrollTo(self.model.index(row, 0))

    # -- actions ------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def generar_opi(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        self._ocupado = True
        self._habilitar()
        tarea = ejecutar(
            self, "Generando la orden de pago inmediato…",
            lambda _p: self._srv.documentos.generar_opi(numero),
            self._opi_generada, cancelable=False,
        )
        tarea.finalizada.connect(self._libre)

    @Slot()
    def _libre(self) -> None:
        self._ocupado = False
        self._habilitar()

    def _opi_generada(self, doc: Any) -> None:
        self.actualizar()
        self._seleccionar_documento(doc.documento_id)
        self.mensaje.emit(
            f"Orden de pago inmediato generada: fojas {formato.rango_folios(doc.desde, doc.hasta)} "
            f"del juicio {doc.juicio}."
        )
        self.cambiado.emit(doc.juicio)

    @Slot()
    @protegido
    def verificar_foliacion(self) -> None:
        if not self.numero:
            return
        r = self._srv.foliacion.verificar(self.numero)
        if r.intacta:
            mensajes.informar(self, r.mensaje(), titulo="Verificar foliación")
        else:
            mensajes.advertir(
                self, r.mensaje(),
                "Informe al Jefe de la Unidad: corregir la foliación requiere un acta de refoliación.",
                titulo="Verificar foliación",
            )

    @Slot()
    @protegido
    def exportar_indice(self) -> None:
        if not self.numero:
            return
        sugerido = str(Path.home() / f"Indice {self.numero}.docx")
        ruta, _ = QFileDialog.getSaveFileName(self, "Exportar índice", sugerido, "Documento de Word (*.docx)")
        if not ruta:
            return
        destino = self._srv.documentos.exportar_indice(self.numero, Path(ruta))
        self.mensaje.emit(f"Índice del juicio {self.numero} exportado a {destino}")

    @Slot()
    @protegido
    def abrir_documento(self) -> None:
        entrada = self._documento_seleccionado()
        if entrada is None:
            return
        abrir_archivo(self, self._srv.documentos.exportar(entrada.documento_id))

    @Slot()
    @protegido
    def agregar_documento(self) -> None:
        if not self.numero:
            return
        dlg = AgregarDocumentoDialog(self.numero, self)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            d = dlg.datos()
        finally:
            dlg.deleteLater()
        try:
            data = d.ruta.read_bytes()
        except OSError as exc:
            mensajes.advertir(self, f"No se pudo leer «{d.ruta.name}».", str(exc))
            return
        entrada = self._srv.foliacion.agregar(
            self.numero, data, d.ruta.name, tipo=d.tipo, descripcion=d.descripcion, hojas=d.hojas, fecha=d.fecha,
        )
        self.actualizar()
        self._seleccionar_documento(entrada.documento_id)
        self.mensaje.emit(f"Documento foliado: fojas {formato.rango_folios(entrada.desde, entrada.hasta)}.")
        self.cambiado.emit(self.numero)
