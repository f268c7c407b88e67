"""Oficina → Verificar la foliación de toda la oficina…: ``verificar --todos`` in the background, with progress.

Every expediente's folio chain, its files, and the head kept apart from the rows (last folios or all cut, an
act edited or removed) are checked; the result names each altered expediente and what is wrong with it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.bootstrap import Servicios
from app.ui import formato, mensajes
from app.ui.tasks import Tarea, ejecutar

TITULO = "Verificación de la foliación"


class VerificarOficina(QObject):
    """Owns the action; one verification at a time."""

    def __init__(self, servicios: Servicios, ventana: QWidget) -> None:
        super().__init__(ventana)
        self._srv = servicios
        self._ventana = ventana
        self.tarea: Tarea | None = None
        self.accion = QAction("&Verificar la foliación de toda la oficina…", ventana)
        self.accion.setStatusTip("Comprobar la foliación, los archivos y los actos de cada expediente")
        self.accion.triggered.connect(self.ejecutar)

    @Slot()
    def ejecutar(self) -> None:
        self.accion.setEnabled(False)
        self.tarea = ejecutar(self._ventana, "Verificando la foliación de la oficina…",
                              lambda p: self._srv.foliacion.verificar_todos(p), self._terminado)
        self.tarea.finalizada.connect(lambda: self.accion.setEnabled(True))

    def _terminado(self, r: Any) -> None:
        if r.intacta:
            mensajes.informar(self._ventana, f"Se verificaron {formato.miles(r.revisados)} expedientes: la "
                              "foliación, los archivos y los actos de todos están íntegros.", titulo=TITULO)
            return
        box = QMessageBox(self._ventana)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(TITULO)
        box.setText(f"Se verificaron {formato.miles(r.revisados)} expedientes: {formato.miles(len(r.alterados))} "
                    "tienen la foliación o los actos ALTERADOS fuera del programa. Informe al jefe de la unidad.")
        primeros = ", ".join(x.numero for x in r.alterados[:5]) + ("…" if len(r.alterados) > 5 else "")
        box.setInformativeText(f"Juicios alterados: {primeros}. El detalle de cada uno está en «Mostrar detalles».")
        box.setDetailedText("\n\n".join(x.mensaje() for x in r.alterados))
        box.exec()
        box.deleteLater()
