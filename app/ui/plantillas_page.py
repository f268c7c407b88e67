"""Oficina → Plantillas…: the .docx template of every document type; replace it with the office's own (checked
by filling it with sample data: an unknown field is named), preview it, or restore the one shipped."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.common.text import plural
from app.domain.permisos import Permiso
from app.services.bootstrap import Servicios
from app.services.documentos_plantillas import CampoPlantilla, PlantillaInfo
from app.ui import mensajes
from app.ui.errors import protegido
from app.ui.pestana import anchos, fila_seleccionada, nota, tabla
from app.ui.sistema import abrir_archivo
from app.ui.table_base import Columna, TablaModel

FILTRO = "Documento de Word (*.docx)"

#: The field the help text gives as an example (one the juicio documents are really filled with).
CAMPO_EJEMPLO = "juicio_numero"
COL_TITULO = 0
COL_ARCHIVO = 1
COL_ORIGEN = 2


class PlantillasModel(TablaModel[PlantillaInfo]):
    COLUMNAS: ClassVar = (
        Columna("Documento", lambda p: p.titulo, ayuda=lambda p: p.titulo),
        Columna("Archivo", lambda p: p.archivo, ayuda=lambda p: str(p.ruta)),
        Columna("Plantilla en uso", lambda p: "Propia de la oficina" if p.propia else "Incluida en Foja"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._negrita = QFont()
        self._negrita.setBold(True)

    def dato_extra(self, fila: PlantillaInfo, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and columna == COL_ORIGEN and fila.propia:
            return self._negrita
        return None


class CamposModel(TablaModel[CampoPlantilla]):
    COLUMNAS = (
        Columna("Campo", lambda c: f"{{% for x in {c.nombre} %}}" if c.es_lista else f"{{{{ {c.nombre} }}}}"),
        Columna("Qué contiene", lambda c: c.significado, ayuda=lambda c: c.significado or None),
        Columna("Ejemplo", lambda c: c.ejemplo, ayuda=lambda c: c.ejemplo),
    )


class PlantillasDialog(QDialog):
    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.setWindowTitle("Plantillas de documentos")
        self.resize(900, 680)
        self.model = PlantillasModel(self)
        self.tabla = tabla(self, self.model, COL_TITULO)
        self.tabla.setObjectName("tablaPlantillas")
        anchos(self.tabla, {COL_ARCHIVO: 34, COL_ORIGEN: 20})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())
        self.tabla.doubleClicked.connect(lambda _i: self.vista_previa())
        self.boton_reemplazar = QPushButton("Reemplazar…", self)
        self.boton_reemplazar.clicked.connect(self.reemplazar)
        self.boton_previa = QPushButton("Vista previa", self)
        self.boton_previa.setToolTip("Llenar la plantilla con datos de ejemplo y abrirla")
        self.boton_previa.clicked.connect(self.vista_previa)
        self.boton_copia = QPushButton("Guardar copia para editar…", self)
        self.boton_copia.clicked.connect(self.guardar_copia)
        self.boton_campos = QPushButton("Campos disponibles", self)
        self.boton_campos.clicked.connect(self.mostrar_campos)
        self.boton_restaurar = QPushButton("Restaurar la de Foja", self)
        self.boton_restaurar.clicked.connect(self.restaurar)
        cerrar = QPushButton("Cerrar", self)
        cerrar.clicked.connect(self.accept)
        acciones = QHBoxLayout()
        for b in (self.boton_reemplazar, self.boton_previa, self.boton_copia, self.boton_campos):
            acciones.addWidget(b)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_restaurar)
        pie = QHBoxLayout()
        pie.addStretch(1)
        pie.addWidget(cerrar)
        self.campos = CamposModel((), self)
        self.tabla_campos = tabla(self, self.campos, 2)
        self.tabla_campos.setObjectName("tablaCampos")
        self.tabla_campos.setProperty("exportar_como", "Campos de la plantilla")
        anchos(self.tabla_campos, {0: 34, 1: 44})
        self.titulo_campos = nota(self)
        self.ayuda = nota(self, "Para cambiar un documento: guarde una copia, edítela en Word o LibreOffice y "
                                "reemplace la plantilla con ella. Los campos van entre llaves dobles, p. ej. "
                                f"{{{{ {CAMPO_EJEMPLO} }}}} (el número del juicio) o {{{{ deudor_nombre }}}}; abajo "
                                "están todos los de la plantilla elegida. Foja la prueba con datos de ejemplo antes "
                                "de usarla: un campo que no existe se rechaza indicando su nombre.")
        divisor = QSplitter(Qt.Orientation.Vertical, self)
        divisor.addWidget(self.tabla)
        abajo = QWidget(divisor)
        lay_abajo = QVBoxLayout(abajo)
        lay_abajo.setContentsMargins(0, 4, 0, 0)
        lay_abajo.addWidget(self.titulo_campos)
        lay_abajo.addWidget(self.tabla_campos, 1)
        divisor.addWidget(abajo)
        divisor.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.ayuda)
        lay.addLayout(acciones)
        lay.addWidget(divisor, 1)
        lay.addLayout(pie)
        self._editar = servicios.ctx.usuario.puede(Permiso.PLANTILLAS_EDITAR)
        self.cargar()

    def cargar(self, seleccionar: Any = None) -> None:
        actual = seleccionar if seleccionar is not None else (s.tipo if (s := self.seleccionada()) else None)
        self.model.set_filas(self._srv.documentos.plantillas())
        for r, p in enumerate(self.model.filas()):
            if p.tipo == actual:
                self.tabla.selectRow(r)
        self._habilitar()

    def seleccionada(self) -> PlantillaInfo | None:
        row = fila_seleccionada(self.tabla)
        return self.model.fila(row) if row >= 0 else None

    def _habilitar(self) -> None:
        p = self.seleccionada()
        self._mostrar_campos(p)
        for b in (self.boton_previa, self.boton_copia, self.boton_campos):
            b.setEnabled(p is not None)
        sin_permiso = "Solo el administrador cambia las plantillas."
        self.boton_reemplazar.setEnabled(p is not None and self._editar)
        self.boton_reemplazar.setToolTip("" if self._editar else sin_permiso)
        self.boton_restaurar.setEnabled(p is not None and self._editar and p.propia)
        self.boton_restaurar.setToolTip(sin_permiso if not self._editar else
                                        "" if p is None or p.propia else "La oficina usa la plantilla de Foja.")

    @Slot()
    @protegido
    def reemplazar(self) -> None:
        p = self.seleccionada()
        if p is None:
            return
        ruta, _ = QFileDialog.getOpenFileName(self, f"Nueva plantilla: {p.titulo}", "", FILTRO)
        if not ruta:
            return
        destino = self._srv.documentos.reemplazar_plantilla(p.tipo, Path(ruta))
        self.cargar(p.tipo)
        mensajes.informar(self, f"La plantilla de «{p.titulo}» es ahora la de la oficina.",
                          f"Se guardó en {destino}. La anterior se conserva en la carpeta «anteriores».",
                          titulo="Plantillas")

    @Slot()
    @protegido
    def vista_previa(self) -> None:
        p = self.seleccionada()
        if p is not None:
            abrir_archivo(self, self._srv.documentos.vista_previa(p.tipo))

    @Slot()
    @protegido
    def guardar_copia(self) -> None:
        p = self.seleccionada()
        if p is None:
            return
        ruta, _ = QFileDialog.getSaveFileName(self, "Guardar copia de la plantilla", str(Path.home() / p.archivo),
                                              FILTRO)
        if ruta:
            shutil.copyfile(p.ruta, ruta)
            abrir_archivo(self, Path(ruta))

    def _mostrar_campos(self, p: PlantillaInfo | None) -> None:
        if p is None:
            self.campos.set_filas([])
            self.titulo_campos.setText("Elija una plantilla para ver sus campos.")
            return
        campos = self._srv.documentos.campos_plantilla(p.tipo)
        self.campos.set_filas(campos)
        self.titulo_campos.setText(f"<b>Campos de «{p.titulo}»</b> ({plural(len(campos), 'campo')}; una lista se "
                                   "recorre con {% for x in lista %} … {% endfor %}):")

    @Slot()
    @protegido
    def mostrar_campos(self) -> None:
        p = self.seleccionada()
        if p is None:
            return
        campos = self._srv.documentos.campos(p.tipo)
        mensajes.informar(self, f"Campos de «{p.titulo}»: escríbalos en la plantilla como {{{{ nombre }}}}.",
                          "\n".join(f"{k}: {v}" for k, v in campos.items()), titulo="Campos disponibles")

    @Slot()
    @protegido
    def restaurar(self) -> None:
        p = self.seleccionada()
        if p is None or not mensajes.confirmar(
            self, f"¿Volver a la plantilla de Foja para «{p.titulo}»?",
            "La plantilla de la oficina se conserva en la carpeta «anteriores».", titulo="Plantillas",
            si="Restaurar", no="Cancelar",
        ):
            return
        self._srv.documentos.restaurar_plantilla(p.tipo)
        self.cargar(p.tipo)
