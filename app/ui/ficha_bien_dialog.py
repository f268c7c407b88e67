"""A good's whole history (state acts, chain of custody, reports, costs, avalúos) with its photos, printable
to XLSX."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QVBoxLayout, QWidget

from app.common.text import plural
from app.services.bienes import FichaBien
from app.services.bootstrap import Servicios
from app.ui import formato, mensajes
from app.ui.errors import protegido
from app.ui.fotos import lista_miniaturas, mostrar_fotos
from app.ui.pestana import anchos, nota, tabla, titulo_pagina
from app.ui.table_base import Columna, TablaModel

CLASES = {"ESTADO": "Estado", "CUSTODIA": "Custodia", "INFORME": "Informe", "COSTO": "Costo", "AVALUO": "Avalúo"}


class HistoriaModel(TablaModel):
    COLUMNAS = (
        Columna("Fecha", lambda h: formato.fecha(h.fecha)),
        Columna("Tipo", lambda h: CLASES[h.clase]),
        Columna("Detalle", lambda h: h.texto + (f" ({plural(len(h.fotos), 'foto')})" if h.fotos else ""),
                ayuda=lambda h: h.texto),
        Columna("Registró", lambda h: h.autor),
    )


class FichaBienDialog(QDialog):
    def __init__(self, servicios: Servicios, ficha: FichaBien, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self._ficha = ficha
        b = ficha.bien
        self.setWindowTitle(f"Historia del bien — juicio {b.juicio}")
        self.resize(900, 560)
        self.model = HistoriaModel(ficha.historia, self)
        self.tabla = tabla(self, self.model, 2)
        anchos(self.tabla, {0: 11, 1: 10, 3: 14})
        self.fotos = lista_miniaturas(self)
        todas = [(f.nombre, f.sha256) for f in ficha.fotos] + [(f.nombre, f.sha256) for h in ficha.historia
                                                                  for f in h.fotos]
        mostrar_fotos(self.fotos, todas, servicios.bienes.foto)
        caja = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        exportar = caja.addButton("Exportar a Excel…", QDialogButtonBox.ButtonRole.ActionRole)
        exportar.clicked.connect(self.exportar)
        caja.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(titulo_pagina(self, b.descripcion, 1.2))
        lay.addWidget(nota(self, f"{b.tipo.etiqueta} · {b.identificacion or 'sin identificadores'} · "
                                 f"{b.estado.etiqueta} · depositario: {b.depositario or '—'} · costos de custodia: "
                                 f"USD {formato.usd(ficha.costos)}"))
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.fotos)
        lay.addWidget(caja)

    @protegido
    def exportar(self) -> None:
        ruta, _f = QFileDialog.getSaveFileName(self, "Exportar historia del bien",
                                               str(Path.home() / f"bien_{self._ficha.bien.juicio}.xlsx"),
                                               "Excel (*.xlsx)")
        if ruta:
            self._srv.bienes.exportar_historia(self._ficha.bien.id, Path(ruta))
            mensajes.informar(self, f"Historia exportada a {ruta}.")
