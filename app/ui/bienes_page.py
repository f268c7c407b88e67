"""The depositario judicial's home: the goods in his custody. A placeholder for now (said plainly)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.pestana import titulo_pagina

TEXTO = (
    "Aquí verá los bienes embargados o secuestrados bajo su custodia, con su inventario, su estado, sus "
    "costos y los informes que debe presentar al jefe de la unidad.\n\n"
    "Esta versión de Foja todavía no registra bienes: llegarán con la funcionalidad de depositarios "
    "judiciales. Mientras tanto no hay bienes que mostrar, y las acciones sobre bienes no están disponibles."
)


class BienesPage(QWidget):
    """Emits ``volver`` (to the expedientes)."""

    volver = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titulo = titulo_pagina(self, "Bienes en custodia")
        self.texto = QLabel(TEXTO, self)
        self.texto.setObjectName("textoBienes")
        self.texto.setWordWrap(True)
        self.texto.setMaximumWidth(720)
        self.texto.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        volver = QPushButton("Ver expedientes →", self)
        volver.clicked.connect(self.volver)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.addWidget(titulo)
        lay.addSpacing(8)
        lay.addWidget(self.texto)
        lay.addWidget(volver, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
