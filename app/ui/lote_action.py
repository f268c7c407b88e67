"""Expedientes → Generar documentos en lote…: one document type (e.g. the RPV) for each expediente selected in
the list or for every expediente of the latest sorteo, in the background with progress and cancel; one
transaction and one file per expediente."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QRadioButton, QVBoxLayout, QWidget

from app.common.dates import local_today
from app.common.errors import CancelledError
from app.common.progress import Progress
from app.common.text import plural, segun
from app.domain.documentos import REGISTRO
from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.services.documentos import LoteGenerado
from app.services.expedientes import OrdenExpedientes
from app.ui import formato, mensajes
from app.ui.campos import botones, campo_fecha, fecha_de
from app.ui.errors import show_error
from app.ui.expedientes_page import ExpedientesPage
from app.ui.pestana import nota
from app.ui.tasks import Tarea, ejecutar

#: Documents that need nothing but the expediente and a date.
TIPOS_LOTE = (TipoDocumento.RPV, TipoDocumento.OPI, TipoDocumento.RAZON_NO_PAGO, TipoDocumento.LIQUIDACION,
              TipoDocumento.CARATULA, TipoDocumento.INDICE)
PAGINA = 500


def numeros_desde(servicios: Servicios, fecha: date, progress: Progress) -> list[str]:
    """Juicio numbers of the expedientes opened on ``fecha`` (a sorteo's day), newest list order first."""
    out: list[str] = []
    offset = 0
    while True:
        progress.step(0, 0, f"Buscando los expedientes del sorteo del {formato.fecha(fecha)}…")
        filas = servicios.expedientes.buscar(orden=OrdenExpedientes.FECHA_INICIO, descendente=True, offset=offset,
                                             limite=PAGINA)
        for f in filas:
            if f.fecha_inicio == fecha:
                out.append(f.numero)
            elif f.fecha_inicio < fecha:
                return out
        if len(filas) < PAGINA:
            return out
        offset += PAGINA


@dataclass(frozen=True, slots=True)
class DatosLote:
    tipo: TipoDocumento
    del_sorteo: bool
    fecha: date


#: How many left-out juicios the message lists itself (all of them are in its details).
LISTADOS = 15


def informar_lote(ventana: QWidget, documento: str, lote: LoteGenerado, carpeta: str, titulo: str) -> None:
    """The end of a batch: how many documents were generated and, when some juicios were left out, each one
    with its reason (the first :data:`LISTADOS` in the message, all of them in «Mostrar detalles»)."""
    generados = plural(len(lote), "documento generado")
    saltados = lote.saltados
    if not saltados:
        mensajes.informar(ventana, f"{documento}: {generados}.", f"Los documentos están en {carpeta}.",
                          titulo=titulo)
        return
    lineas = [f"{n}: {m}" for n, m in saltados]
    lista = "\n".join(f"• {x}" for x in lineas[:LISTADOS])
    if len(lineas) > LISTADOS:
        lista += f"\n… y {plural(len(lineas) - LISTADOS, 'más', 'más')} (ver los detalles)."
    mensajes.advertir(
        ventana,
        f"{documento}: {generados}; {plural(len(saltados), 'juicio')} no "
        f"{segun(len(saltados), 'se generó', 'se generaron')}.",
        f"Los documentos generados están en {carpeta}.\n\nNo se generaron (corrija cada uno y vuelva a "
        f"generarlos):\n{lista}",
        titulo=titulo, detalle_largo="\n".join(lineas),
    )


class LoteDialog(QDialog):
    """``seleccionados``: how many rows are selected; ``sorteo``: the latest sorteo's day (None: none)."""

    def __init__(self, seleccionados: int, sorteo: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Generar documentos en lote")
        self.setMinimumWidth(520)
        self.tipo = QComboBox(self)
        for t in TIPOS_LOTE:
            self.tipo.addItem(REGISTRO[t].titulo, t.value)
        self.seleccionados = QRadioButton(
            "El expediente seleccionado en la lista" if seleccionados == 1
            else f"Los {plural(seleccionados, 'expediente seleccionado')} en la lista", self)
        self.sorteo = QRadioButton(
            f"Todos los expedientes del último sorteo ({formato.fecha(sorteo)})" if sorteo
            else "Todos los expedientes del último sorteo (no hay sorteos)", self)
        self.seleccionados.setEnabled(seleccionados > 0)
        self.sorteo.setEnabled(sorteo is not None)
        (self.seleccionados if seleccionados > 0 else self.sorteo).setChecked(True)
        self.fecha = campo_fecha(self)
        form = QFormLayout()
        form.addRow("&Documento:", self.tipo)
        form.addRow("&Para:", self.seleccionados)
        form.addRow("", self.sorteo)
        form.addRow("&Fecha de los documentos:", self.fecha)
        caja, self.aceptar = botones(self, "Generar")
        self.aceptar.setEnabled(seleccionados > 0 or sorteo is not None)
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "Antes de generar se revisa cada expediente: el que no admite el documento (p. ej. "
                                 "ya tiene su requerimiento) se omite, se generan los demás y al final se listan "
                                 "los omitidos con su motivo. Cada documento se folia en su expediente y se guarda "
                                 "en su propio archivo."))
        lay.addLayout(form)
        lay.addWidget(caja)

    def datos(self) -> DatosLote:
        return DatosLote(TipoDocumento(self.tipo.currentData()), self.sorteo.isChecked(), fecha_de(self.fecha))


class GenerarLote(QObject):
    """Owns the batch action. Emits ``terminado`` when documents were generated (even if then cancelled)."""

    terminado = Signal()

    def __init__(self, servicios: Servicios, ventana: QWidget, lista: ExpedientesPage) -> None:
        super().__init__(ventana)
        self._srv = servicios
        self._ventana = ventana
        self._lista = lista
        self.tarea: Tarea | None = None
        self._en_lista = True
        self._titulo = ""
        self.accion = QAction("Generar documentos en &lote…", ventana)
        self.accion.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.accion.setStatusTip("Generar un documento (p. ej. el requerimiento de pago) para cada expediente "
                                 "seleccionado o del último sorteo")
        self.accion.triggered.connect(self.ejecutar)

    @property
    def ocupado(self) -> bool:
        return self.tarea is not None

    def habilitar(self, en_lista: bool) -> None:
        self._en_lista = en_lista
        self.accion.setEnabled(en_lista and not self.ocupado)

    def _ultimo_sorteo(self) -> date | None:
        filas = self._srv.expedientes.buscar(orden=OrdenExpedientes.FECHA_INICIO, descendente=True, limite=1)
        return filas[0].fecha_inicio if filas else None

    @Slot()
    def ejecutar(self) -> None:
        try:
            self._ejecutar()
        except Exception as exc:  # a QObject: errors are shown over the window
            show_error(self._ventana, exc)

    def _ejecutar(self) -> None:
        numeros = self._lista.numeros_seleccionados()
        dlg = LoteDialog(len(numeros), self._ultimo_sorteo(), self._ventana)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            d = dlg.datos()
        finally:
            dlg.deleteLater()
        sorteo = self._ultimo_sorteo() if d.del_sorteo else None
        self._titulo = REGISTRO[d.tipo].titulo
        motivo = self._srv.documentos.dia_inhabil(d.fecha or local_today()) if REGISTRO[d.tipo].foliado else None
        confirmado = motivo is None or mensajes.confirmar(
            self._ventana, f"La fecha elegida no es día hábil ({motivo}).", "¿Fechar los documentos ese día?",
            titulo="Día no hábil", si="Fechar ese día", no="Cancelar")
        if not confirmado:
            return

        def trabajo(p: Progress) -> LoteGenerado:
            lista = numeros_desde(self._srv, sorteo, p) if sorteo is not None else numeros
            return self._srv.documentos.generar_lote(d.tipo, lista, p, d.fecha, confirmar_inhabil=confirmado)

        self.tarea = ejecutar(self._ventana, f"Generando: {self._titulo.lower()}…", trabajo, self._terminado,
                              al_fallar=self._fallo)
        self.habilitar(self._en_lista)
        self.tarea.finalizada.connect(self._libre)

    @Slot()
    def _libre(self) -> None:
        self.tarea = None
        self.habilitar(self._en_lista)

    def _terminado(self, lote: LoteGenerado) -> None:
        self.terminado.emit()
        informar_lote(self._ventana, self._titulo, lote, str(self._srv.ctx.paths.exports), "Documentos en lote")

    def _fallo(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):  # each document is its own transaction: the ones done stay
            self.terminado.emit()
            mensajes.informar(self._ventana, "Generación cancelada.",
                              "Los documentos ya generados se conservan, foliados en sus expedientes; los demás no "
                              "se generaron.", titulo="Documentos en lote")
            return
        show_error(self._ventana, exc)
