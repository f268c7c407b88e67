"""Expedientes → Generar órdenes de pago inmediato de los seleccionados…: a batch in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.common.dates import local_today
from app.common.errors import CancelledError
from app.common.text import plural
from app.services.bootstrap import Servicios
from app.ui import mensajes
from app.ui.errors import show_error
from app.ui.expedientes_page import ExpedientesPage
from app.ui.lote_action import informar_lote
from app.ui.tasks import Tarea, ejecutar

if TYPE_CHECKING:
    from app.services.documentos import LoteGenerado  # the document stack loads when a batch runs


class GenerarOpiLote(QObject):
    """Owns the batch action. Emits ``terminado`` when documents were generated (even if then cancelled)."""

    terminado = Signal()

    def __init__(self, servicios: Servicios, ventana: QWidget, lista: ExpedientesPage) -> None:
        super().__init__(ventana)
        self._srv = servicios
        self._ventana = ventana
        self._lista = lista
        self.tarea: Tarea | None = None
        self.ocupado = False
        self._en_lista = True
        self.accion = QAction("&Generar órdenes de pago inmediato de los seleccionados…", ventana)
        self.accion.setStatusTip("Generar y foliar la orden de pago inmediato de cada expediente seleccionado")
        self.accion.triggered.connect(self.ejecutar)

    @Slot()
    def ejecutar(self) -> None:
        numeros = self._lista.numeros_seleccionados()
        if not numeros:
            mensajes.informar(self._ventana, "Seleccione en la lista los expedientes (Ctrl+clic o Mayús+clic).",
                              titulo="Órdenes de pago inmediato")
            return
        if not mensajes.confirmar(
            self._ventana,
            f"¿Generar la orden de pago inmediato de {plural(len(numeros), 'expediente')}?",
            "Cada orden se genera con la fecha de hoy y se folia en su expediente. El expediente que no la "
            "admita se omite y se lista al final con su motivo.",
            titulo="Órdenes de pago inmediato", si="Generar", no="Cancelar",
        ):
            return
        motivo = self._srv.documentos.dia_inhabil(local_today())
        if motivo is not None and not mensajes.confirmar(
            self._ventana, f"Hoy no es día hábil ({motivo}).", "¿Fechar las órdenes hoy de todos modos?",
            titulo="Día no hábil", si="Fechar hoy", no="Cancelar",
        ):
            return
        self._ocupar(True)
        self.tarea = ejecutar(
            self._ventana, "Generando órdenes de pago inmediato…",
            lambda p: self._srv.documentos.generar_opi_lote(numeros, p, confirmar_inhabil=True),
            self._terminado, al_fallar=self._fallo,
        )
        self.tarea.finalizada.connect(lambda: self._ocupar(False))

    def habilitar(self, en_lista: bool) -> None:
        """The action works on the list's selection: only while the list is shown and no batch runs."""
        self._en_lista = en_lista
        self.accion.setEnabled(en_lista and not self.ocupado)

    def _ocupar(self, ocupado: bool) -> None:
        self.ocupado = ocupado
        self.habilitar(self._en_lista)

    def _terminado(self, lote: LoteGenerado) -> None:
        self.terminado.emit()
        informar_lote(self._ventana, "Órdenes de pago inmediato", lote, str(self._srv.ctx.paths.exports),
                      "Órdenes de pago inmediato")

    def _fallo(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):  # each OPI is its own transaction: the ones done stay
            self.terminado.emit()
            mensajes.informar(
                self._ventana, "Generación cancelada.",
                "Las órdenes de pago ya generadas se conservan, foliadas en sus expedientes; las demás no se "
                "generaron.", titulo="Órdenes de pago inmediato",
            )
            return
        show_error(self._ventana, exc)
