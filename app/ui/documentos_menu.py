"""The «Documento» menu of an expediente (every document type) and the background generator behind it.

:class:`GeneradorDocumentos` runs :meth:`DocumentosService.generar` off the UI thread (one at a time) and
reports ``generado(DocumentoGenerado)``; the expediente page refreshes and selects the new folios. A
document that is an act is refused with its reason (``ActosService.puede``) before any dialog opens; the
dialog re-checks the date chosen, and the service has the last word (a RuleError goes to ``show_error``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.common.dates import local_today
from app.common.errors import RuleError
from app.domain.documentos import REGISTRO, grupos
from app.domain.documentos import titulo as titulo_documento
from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.services.documentos import ACTOS
from app.services.documentos_bienes import GENERADOS_DESDE_BIENES
from app.services.documentos_exportacion import DocumentoGenerado
from app.ui import mensajes
from app.ui.errors import protegido, show_error
from app.ui.generar_dialog import MEDIDA_DE_OFICIO, GenerarDocumentoDialog, Opciones
from app.ui.tasks import Tarea, ejecutar

#: Documents of the goods: made from the «Bienes» tab, where the rows they cite are recorded.
DESDE_BIENES = GENERADOS_DESDE_BIENES | {TipoDocumento.AVISO_REMATE}
DESDE_BIENES_AYUDA = ("Se genera desde la pestaña «Bienes» del expediente (designar depositario o perito, convocar "
                      "o adjudicar el remate), que registra lo que el documento cita.")

#: The menu's groups, in procedural order (the registry's ``grupo``).
GRUPOS: tuple[tuple[TipoDocumento, ...], ...] = tuple(tuple(g) for g in grupos())


class GeneradorDocumentos(QObject):
    """Generate documents of an expediente in the background. Emits ``generado(doc)`` and ``ocupado(bool)``."""

    generado = Signal(object)
    ocupado = Signal(bool)

    def __init__(self, servicios: Servicios, ventana: QWidget) -> None:
        super().__init__(ventana)
        self._srv = servicios
        self._ventana = ventana
        self.tarea: Tarea | None = None

    @property
    def en_curso(self) -> bool:
        return self.tarea is not None

    def generar(self, tipo: TipoDocumento, numero: str, fecha: date | None = None,
                datos: dict[str, Any] | None = None,
                al_terminar: Callable[[DocumentoGenerado], None] | None = None) -> Tarea | None:
        """Start generating; None when another generation is still running (the user is told)."""
        if self.tarea is not None:
            mensajes.informar(self._ventana, "Espere a que termine el documento que se está generando.",
                              titulo="Documentos")
            return None
        titulo = REGISTRO[tipo].titulo
        faltan = self._srv.documentos.firmantes_faltantes()
        if faltan:  # told before the first document, not after (issue 8)
            mensajes.informar(self._ventana, "Antes de generar documentos complete los datos de quien firma:",
                              "\n".join(f"• {f}" for f in faltan), titulo="Firmantes")
            return None
        confirmado = False
        fecha = fecha or local_today()
        if REGISTRO[tipo].foliado:
            motivo = self._srv.documentos.dia_inhabil(fecha)
            if motivo is not None:
                if not mensajes.confirmar(
                        self._ventana, f"El {fecha:%d/%m/%Y} no es día hábil ({motivo}).",
                        "¿Fechar el documento ese día de todos modos?", titulo="Día no hábil",
                        si="Fechar ese día", no="Cambiar la fecha"):
                    return None
                confirmado = True
        self.ocupado.emit(True)

        def listo(doc: DocumentoGenerado) -> None:
            self.generado.emit(doc)
            if al_terminar is not None:
                al_terminar(doc)

        self.tarea = ejecutar(
            self._ventana, f"Generando: {titulo.lower()}…",
            lambda _p: self._srv.documentos.generar(tipo, numero, fecha, datos, confirmar_inhabil=confirmado),
            listo, cancelable=False,
        )
        self.tarea.finalizada.connect(self._libre)
        return self.tarea

    @Slot()
    def _libre(self) -> None:
        self.tarea = None
        self.ocupado.emit(False)


class DocumentosMenu(QMenu):
    """Every document type for the expediente ``numero()`` returns (None: nothing shown)."""

    def __init__(self, servicios: Servicios, generador: GeneradorDocumentos, numero: Callable[[], str | None],
                 parent: QWidget, al_generar: Callable[[DocumentoGenerado], None] | None = None) -> None:
        """``al_generar(doc)``: called after a document chosen here was generated (the page shows its folios)."""
        super().__init__("&Generar documento", parent)
        self._al_generar = al_generar
        self._srv = servicios
        self._generador = generador
        self._numero = numero
        self._padre = parent
        self.setToolTipsVisible(True)
        self.acciones: dict[TipoDocumento, QAction] = {}
        for i, grupo in enumerate(GRUPOS):
            if i:
                self.addSeparator()
            for t in grupo:
                a = self.addAction(REGISTRO[t].titulo + "…")
                a.triggered.connect(lambda _c=False, tipo=t: self.elegir(tipo))
                self.acciones[t] = a
        self.aboutToShow.connect(self._revisar)

    @Slot()
    def _revisar(self) -> None:
        """Tooltips say why each act is not allowed today."""
        numero = self._numero()
        if not numero:
            return
        try:
            permitidos = self._srv.actos.acciones(numero, None, list(set(ACTOS.values())))
        except Exception as exc:  # the menu still opens; the error is shown once
            show_error(self._padre, exc)
            return
        for t, a in self.acciones.items():
            ok, motivo = permitidos.get(ACTOS[t], (True, "")) if t in ACTOS else (True, "")
            if t in DESDE_BIENES:
                ok, motivo = False, DESDE_BIENES_AYUDA
            a.setToolTip(motivo if not ok else "")

    @Slot()
    @protegido
    def elegir(self, tipo: TipoDocumento) -> None:
        numero = self._numero()
        if not numero:
            return
        if tipo in DESDE_BIENES:
            mensajes.informar(self._padre, DESDE_BIENES_AYUDA, titulo=titulo_documento(tipo))
            return
        verificar = None
        if tipo in ACTOS:
            acto = ACTOS[tipo]
            ok, motivo = self._srv.actos.puede(numero, acto)
            if not ok:
                show_error(self._padre, RuleError(motivo))
                return

            def verificar(f: date) -> tuple[bool, str]:
                return self._srv.actos.puede(numero, acto, f)

        dlg = GenerarDocumentoDialog(tipo, numero, self._padre, verificar=verificar,
                                     opciones=self._opciones(tipo, numero))
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            fecha, datos = dlg.fecha_documento(), dlg.datos()
        finally:
            dlg.deleteLater()
        self._generador.generar(tipo, numero, fecha, datos, self._al_generar)

    def _opciones(self, tipo: TipoDocumento, numero: str) -> Opciones:
        if tipo in MEDIDA_DE_OFICIO or tipo is TipoDocumento.OFICIO_LEVANTAMIENTO:
            return Opciones(medidas=self._srv.medidas.listar(numero))
        if tipo is TipoDocumento.RAZON_NOTIFICACION:
            return Opciones(notificaciones=self._srv.notificaciones.listar(numero))
        if tipo is TipoDocumento.CARATULA:
            return Opciones(cuerpos=self._srv.expedientes.caratula(numero).cuerpos)
        return Opciones()
