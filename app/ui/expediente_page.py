"""One expediente: its carátula, its documents as the folio índice, and the tabs of the juicio (actuaciones,
notificaciones, medidas cautelares, pagos, liquidación, convenio, partes), with the «Documento» menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError, ValidationError
from app.domain.documentos import REGISTRO
from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.services.documentos_exportacion import DocumentoGenerado
from app.services.expedientes import Caratula
from app.ui import formato, mensajes
from app.ui.actos_tab import ActosTab
from app.ui.bienes_tab import BienesTab
from app.ui.convenio_tab import ConvenioTab
from app.ui.coobligados_tab import CoobligadosTab
from app.ui.documento_dialog import AgregarDocumentoDialog
from app.ui.documentos_menu import DocumentosMenu, GeneradorDocumentos
from app.ui.errors import protegido, show_error
from app.ui.honorarios_tab import HonorariosTab
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
from app.ui.liquidacion_tab import LiquidacionTab
from app.ui.medidas_tab import MedidasTab
from app.ui.notificaciones_tab import NotificacionesTab
from app.ui.pagos_tab import PagosTab
from app.ui.pestana import Pestana, anchos, desplazable, tabla, titulo_pagina
from app.ui.sistema import abrir_archivo
from app.ui.tasks import ejecutar

#: Titles of documents named in the feminine (for «… generada»).
_FEMENINOS = ("Orden", "Razón", "Acta", "Liquidación", "Providencia", "Carátula")


def generado_texto(titulo: str) -> str:
    """«Orden de pago inmediato generada», «Oficio … generado»."""
    return f"{titulo} {'generada' if titulo.startswith(_FEMENINOS) else 'generado'}"


# (key, label) of the carátula, laid out in three columns (the tabs below need the height).
CAMPOS_IZQ = [
    ("deudor", "Coactivado:"),
    ("identificacion", "Cédula / RUC:"),
    ("etapa", "Etapa:"),
    ("secretario", "Secretario-abogado:"),
    ("fecha_inicio", "Fecha de inicio:"),
]
CAMPOS_MEDIO = [
    ("cuantia", "Cuantía:"),
    ("desglose", "Capital / interés / recargo:"),
    ("titulo", "Título de crédito:"),
    ("concepto", "Concepto / período:"),
    ("interes_desde", "Intereses desde:"),
]
CAMPOS_DER = [
    ("oficina", "Oficina:"),
    ("juzgado", "Juzgado:"),
    ("acreedor", "Acreedor:"),
    ("folios", "Fojas:"),
    ("cuerpos", "Cuerpos:"),
]

TIPOS_ID = {"RUC": "RUC", "CEDULA": "cédula"}

ANCHOS_INDICE = {COL_POSICION: 5, COL_FECHA: 11, COL_TIPO: 28, COL_FOJAS: 10, COL_HOJAS: 7, COL_CUERPO: 8,
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

        self.titulo = titulo_pagina(self)
        self.titulo.setObjectName("tituloExpediente")
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
        grupo_caratula.setObjectName("grupoCaratula")
        grupo_caratula.setCheckable(True)  # unchecked: folded, the tabs get the height
        grupo_caratula.setToolTip("Mostrar u ocultar la carátula")
        cuerpo_caratula = QWidget(grupo_caratula)
        QVBoxLayout(grupo_caratula).addWidget(cuerpo_caratula)
        grupo_caratula.toggled.connect(cuerpo_caratula.setVisible)
        grupo_caratula.toggled.connect(lambda visible: grupo_caratula.setFlat(not visible))
        self.grupo_caratula = grupo_caratula
        grid = QGridLayout(cuerpo_caratula)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        for columna, campos in ((0, CAMPOS_IZQ), (2, CAMPOS_MEDIO), (4, CAMPOS_DER)):
            for fila, (clave, etiqueta) in enumerate(campos):
                nombre = QLabel(etiqueta, cuerpo_caratula)
                nombre.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                valor = QLabel("", cuerpo_caratula)
                valor.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                valor.setObjectName(f"caratula_{clave}")
                valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                valor.setWordWrap(True)
                self.campos[clave] = valor
                grid.addWidget(nombre, fila, columna)
                grid.addWidget(valor, fila, columna + 1)
        grid.setVerticalSpacing(2)
        for col, estirar in ((1, 3), (3, 2), (5, 3)):
            grid.setColumnStretch(col, estirar)

        self.model = IndiceModel(self)
        self.tabla = tabla(self, self.model, estirar=COL_DESCRIPCION)
        self.tabla.setProperty("exportar_como", "Índice")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaIndice")
        anchos(self.tabla, ANCHOS_INDICE)
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_documento())
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())

        self.boton_opi = QPushButton("Generar OPI", self)
        self.boton_opi.setToolTip("Generar la orden de pago inmediato (COA art. 279) con la fecha de hoy")
        self.boton_opi.setObjectName("botonOpi")
        self.boton_opi.clicked.connect(self.generar_opi)
        self.boton_agregar = QPushButton("Agregar documento…", self)
        self.boton_agregar.clicked.connect(self.agregar_documento)
        self.boton_abrir = QPushButton("Abrir", self)
        self.boton_abrir.setToolTip("Abrir el documento seleccionado con la aplicación del sistema")
        self.boton_abrir.clicked.connect(self.abrir_documento)
        self.boton_verificar = QPushButton("Verificar foliación", self)
        self.boton_verificar.clicked.connect(self.verificar_foliacion)
        self.boton_exportar = QPushButton("Exportar índice…", self)
        self.boton_exportar.clicked.connect(self.exportar_indice)
        self.boton_pdf = QPushButton("Exportar PDF", self)
        self.boton_pdf.setObjectName("botonPdf")
        self.boton_pdf.setToolTip("Convertir el documento seleccionado a PDF (con LibreOffice) y abrirlo")
        self.boton_pdf.clicked.connect(self.exportar_pdf)
        acciones = QHBoxLayout()
        for b in (self.boton_opi, self.boton_agregar, self.boton_abrir, self.boton_pdf):
            acciones.addWidget(b)
        acciones.addStretch(1)
        for b in (self.boton_verificar, self.boton_exportar):
            acciones.addWidget(b)

        pagina_indice = QWidget(self)
        lay_indice = QVBoxLayout(pagina_indice)
        lay_indice.setContentsMargins(4, 4, 4, 4)
        lay_indice.addLayout(acciones)
        lay_indice.addWidget(self.tabla, 1)

        # -- documents generated in the background, from the «Documento» menu or from a tab
        self.generador = GeneradorDocumentos(servicios, self)
        self.generador.ocupado.connect(self._al_ocupar)
        self.generador.generado.connect(self._documento_generado)
        self.menu_documentos = DocumentosMenu(servicios, self.generador, lambda: self.numero, self,
                                              al_generar=lambda _doc: self.ir_a(self.tabla))
        self.boton_documento = QPushButton("Documento", self)
        self.boton_documento.setObjectName("botonDocumento")
        self.boton_documento.setToolTip("Generar un documento de este juicio (providencias, razones, oficios, actas…)")
        self.boton_documento.setMenu(self.menu_documentos)
        cabecera.insertWidget(1, self.boton_documento, 0, Qt.AlignmentFlag.AlignTop)

        # -- the tabs of the juicio
        self.actos = ActosTab(servicios, self)
        self.notificaciones = NotificacionesTab(servicios, self)
        self.medidas = MedidasTab(servicios, self)
        self.pagos = PagosTab(servicios, self)
        self.liquidacion = LiquidacionTab(servicios, self)
        self.convenio = ConvenioTab(servicios, self)
        self.partes = CoobligadosTab(servicios, self)
        self.bienes = BienesTab(servicios, self)
        self.honorarios = HonorariosTab(servicios, self)
        self.pestanas: list[Pestana] = [self.actos, self.notificaciones, self.medidas, self.bienes, self.pagos,
                                        self.liquidacion, self.convenio, self.partes, self.honorarios]
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pestanasExpediente")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(desplazable(pagina_indice), "&Documentos e índice")
        for p in self.pestanas:
            p.generador = self.generador
            p.cambiado.connect(self._tab_cambio)
            p.mensaje.connect(self.mensaje)
            self.tabs.addTab(desplazable(p), p.TITULO)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addWidget(grupo_caratula)
        lay.addWidget(self.tabs, 1)
        self._ocupado = False
        self._habilitar()

    def ir_a(self, pestana: QWidget) -> None:
        """Show the tab holding ``pestana`` (a :class:`Pestana`, or the índice's table)."""
        for i in range(self.tabs.count()):
            pagina = self.tabs.widget(i)
            if pagina is pestana or pagina.isAncestorOf(pestana):
                self.tabs.setCurrentIndex(i)
                return

    @property
    def ocupado(self) -> bool:
        """True while a background action (a document being generated, a PDF) runs for this page."""
        return self._ocupado

    # -- loading ------------------------------------------------------------------------------------
    def mostrar(self, numero: str) -> None:
        """Load juicio ``numero`` (raises NotFoundError for an unknown one) and every tab."""
        caratula = self._srv.expedientes.caratula(numero)
        self.numero = caratula.numero
        self._pintar(caratula)
        self.model.set_filas(self._srv.expedientes.indice(self.numero))
        for p in self.pestanas:
            try:
                p.mostrar(self.numero)
            except AppError as exc:  # one tab's expected problem (e.g. no rate for a date) does not hide the rest
                show_error(self, exc)
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
        for b in (self.boton_opi, self.boton_agregar, self.boton_verificar, self.boton_exportar,
                  self.boton_documento):
            b.setEnabled(hay)
        self.menu_documentos.setEnabled(hay)
        entrada = self._documento_seleccionado()
        self.boton_abrir.setEnabled(hay and entrada is not None)
        docx = entrada is not None and entrada.nombre_archivo.lower().endswith(".docx")
        self.boton_pdf.setEnabled(hay and docx)
        self.boton_pdf.setToolTip("Convertir el documento seleccionado a PDF (con LibreOffice) y abrirlo" if docx or
                                  entrada is None else "Solo los documentos de Word (.docx) se convierten a PDF.")

    def _seleccionar_documento(self, documento_id: object) -> None:
        row = self.model.fila_de_documento(documento_id)
        if row >= 0:
            self.tabla.selectRow(row)
            self.tabla.scrollTo(self.model.index(row, 0))

    @Slot(str)
    def _tab_cambio(self, numero: str) -> None:
        """A tab wrote something: reload the carátula, the índice and every tab; the list refreshes too."""
        self.actualizar()
        self.cambiado.emit(numero)

    # -- documents ----------------------------------------------------------------------------------
    @Slot()
    @protegido
    def generar_opi(self) -> None:
        if self.numero:
            self.generador.generar(TipoDocumento.OPI, self.numero)

    @Slot(bool)
    def _al_ocupar(self, ocupado: bool) -> None:
        self._ocupado = ocupado
        self._habilitar()

    @Slot(object)
    def _documento_generado(self, doc: DocumentoGenerado) -> None:
        tipo = TipoDocumento[doc.tipo] if doc.tipo in TipoDocumento.__members__ else None
        titulo = REGISTRO[tipo].titulo if tipo is not None else doc.tipo
        if not doc.foliado:  # carátula, índice, acta de sorteo: exports to print
            self.mensaje.emit(f"{generado_texto(titulo)}: {doc.ruta}")
            abrir_archivo(self, doc.ruta)
            return
        if doc.juicio == self.numero:
            self.actualizar()
            self._seleccionar_documento(doc.documento_id)
        self.mensaje.emit(
            f"{generado_texto(titulo)}: fojas {formato.rango_folios(doc.desde, doc.hasta)} del juicio {doc.juicio}."
        )
        self.cambiado.emit(doc.juicio)

    @Slot()
    @protegido
    def exportar_pdf(self) -> None:
        entrada = self._documento_seleccionado()
        if entrada is None:
            return
        self._al_ocupar(True)
        tarea = ejecutar(
            self, f"Convirtiendo a PDF: {entrada.descripcion}…",
            lambda _p: self._srv.documentos.exportar_pdf(entrada.documento_id),
            self._pdf_listo, cancelable=False,
        )
        tarea.finalizada.connect(lambda: self._al_ocupar(False))

    def _pdf_listo(self, ruta: Path) -> None:
        self.mensaje.emit(f"PDF exportado: {ruta}")
        abrir_archivo(self, ruta)

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
        numero = self.numero
        dlg = AgregarDocumentoDialog(numero, self)

        def guardar() -> Any:
            d = dlg.datos()
            try:
                data = d.ruta.read_bytes()
            except OSError as exc:
                raise ValidationError(f"No se pudo leer «{d.ruta.name}» ({exc.strerror or exc}); elija el archivo "
                                      "de nuevo.", campo="archivo") from exc
            return self._srv.foliacion.agregar(
                numero, data, d.ruta.name, tipo=d.tipo, descripcion=d.descripcion, hojas=d.hojas, fecha=d.fecha,
            )

        dlg.al_aceptar(guardar)  # a refusal keeps the file, description and sheets chosen
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            entrada = dlg.resultado
        finally:
            dlg.deleteLater()
        self.actualizar()
        self._seleccionar_documento(entrada.documento_id)
        self.mensaje.emit(f"Documento foliado: fojas {formato.rango_folios(entrada.desde, entrada.hasta)}.")
        self.cambiado.emit(self.numero)
