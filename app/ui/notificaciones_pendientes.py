"""The citador-notificador's home: the juicios whose requerimiento or orden de pago waits to be notified
(oldest document first). A double click (or Enter) opens the expediente, where the notification is recorded."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.text import plural
from app.domain.procedimiento import NOMBRES
from app.services.bootstrap import Servicios
from app.services.notificaciones import PorNotificar
from app.ui import formato
from app.ui.errors import protegido
from app.ui.pestana import anchos, nota, tabla, titulo_pagina
from app.ui.table_base import CENTRO, Columna, TablaModel

COL_EMITIDO = 0
COL_NOTIFICA = 1
COL_JUICIO = 2
COL_DEUDOR = 3
COL_DIRECCION = 4
COL_SECRETARIO = 5


class PorNotificarModel(TablaModel[PorNotificar]):
    COLUMNAS: ClassVar = (
        Columna("Emitido el", lambda p: formato.fecha(p.emitido) if p.emitido else "", CENTRO),
        Columna("Notificar", lambda p: p.notifica.value, ayuda=lambda p: NOMBRES[p.notifica]),
        Columna("Juicio No.", lambda p: p.juicio),
        Columna("Coactivado", lambda p: p.deudor, ayuda=lambda p: f"{p.deudor} ({p.identificacion})"),
        Columna("Dirección", lambda p: p.direccion, ayuda=lambda p: p.direccion or None),
        Columna("Secretario-abogado", lambda p: p.secretario),
    )


class NotificacionesPendientesPage(QWidget):
    """Emits ``abrir(numero)``, ``volver`` and ``mensaje(texto)``."""

    abrir = Signal(str)
    volver = Signal()
    mensaje = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        titulo = titulo_pagina(self, "Notificaciones pendientes", escala=1.3)
        self.boton_volver = QPushButton("← Volver a la lista", self)
        self.boton_volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(self.boton_volver)
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenPorNotificar")
        self.model = PorNotificarModel(parent=self)
        self.tabla = tabla(self, self.model, COL_DEUDOR)
        self.tabla.setObjectName("tablaPorNotificar")
        anchos(self.tabla, {COL_EMITIDO: 11, COL_NOTIFICA: 9, COL_JUICIO: 16, COL_DIRECCION: 34,
                            COL_SECRETARIO: 32})
        self.tabla.doubleClicked.connect(lambda i: self._abrir_fila(i.row()))
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sc = QShortcut(QKeySequence(tecla), self.tabla)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda: self._abrir_fila(self.tabla.currentIndex().row()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addWidget(self.resumen)
        lay.addWidget(self.tabla, 1)

    @Slot()
    @protegido
    def cargar(self) -> None:
        filas = self._srv.notificaciones.pendientes()
        self.model.set_filas(filas)
        # No address recorded for any of them: the column would only take the names' width.
        self.tabla.setColumnHidden(COL_DIRECCION, not any(f.direccion for f in filas))
        n = len(filas)
        rpv = sum(1 for f in filas if f.notifica.value == "RPV")
        self.resumen.setText(
            f"{plural(n, 'juicio')} por notificar: "
            f"{plural(rpv, 'requerimiento de pago voluntario', 'requerimientos de pago voluntario')} (RPV) y "
            f"{plural(n - rpv, 'orden de pago inmediato', 'órdenes de pago inmediato')} (OPI). "
            "Doble clic: abrir el expediente y registrar la notificación en su pestaña «Notificaciones»."
        )

    def _abrir_fila(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.abrir.emit(self.model.fila(row).juicio)

    def fila(self, row: int) -> Any:
        return self.model.fila(row)
