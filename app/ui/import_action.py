"""Archivo → Importar títulos…: choose a CSV/XLSX file, import it in the background, report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from app.services.bootstrap import Servicios
from app.ui import formato, mensajes
from app.ui.tasks import Tarea, ejecutar

FILTRO = "Títulos de crédito (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)"
CLAVE_CARPETA = "importacion/carpeta"


class ImportarTitulos(QObject):
    """Owns the «Importar títulos…» action (Ctrl+I). Emits ``importado(resultado)`` on success."""

    importado = Signal(object)

    def __init__(self, servicios: Servicios, ventana: QWidget, settings: QSettings) -> None:
        super().__init__(ventana)
        self._srv = servicios
        self._ventana = ventana
        self._settings = settings
        self.tarea: Tarea | None = None
        self.accion = QAction("&Importar títulos…", ventana)
        self.accion.setShortcut(QKeySequence("Ctrl+I"))
        self.accion.setStatusTip("Importar un lote de títulos de crédito desde un archivo CSV o Excel")
        self.accion.triggered.connect(self.ejecutar)

    @Slot()
    def ejecutar(self) -> None:
        carpeta = str(self._settings.value(CLAVE_CARPETA, "", str) or "")
        ruta, _ = QFileDialog.getOpenFileName(self._ventana, "Importar títulos de crédito", carpeta, FILTRO)
        if not ruta:
            return
        self.importar(Path(ruta))

    def importar(self, ruta: Path) -> Tarea:
        self._settings.setValue(CLAVE_CARPETA, str(ruta.parent))
        self.accion.setEnabled(False)
        self.tarea = ejecutar(
            self._ventana, f"Importando «{ruta.name}»…",
            lambda p: self._srv.importacion.importar(ruta, p),
            self._terminado,
        )
        self.tarea.finalizada.connect(lambda: self.accion.setEnabled(True))
        return self.tarea

    def _terminado(self, r: Any) -> None:
        self.importado.emit(r)
        mensajes.informar(
            self._ventana,
            f"Se importaron {formato.miles(r.filas)} títulos de crédito de «{Path(str(r.archivo)).name}».",
            f"Deudores nuevos: {formato.miles(r.deudores_nuevos)}. Total: USD {formato.usd(r.total)}.\n"
            "Los títulos quedan pendientes de sorteo (Sorteo → Realizar sorteo…)."
            + "".join(f"\n{a}" for a in getattr(r, "avisos", ())),
            titulo="Importación terminada",
        )
