"""Oficina → Conflictos…: changes of this desktop that met another desktop's change to the same field (issue 7,
"Conflicts"; design.md §3). Nothing is overwritten silently: for each conflict the user sees both versions
side by side, field by field, and keeps his, takes the server's, or combines them field by field.

The window is not modal: it stays open beside the work and reloads after each sync.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import to_local
from app.domain.permisos import Rol
from app.services.sincronizacion import ConflictoVista, SincronizacionService
from app.ui.errors import protegido

TECNICOS = frozenset({"id", "office_id", "row_version", "created_at", "created_by", "updated_at", "updated_by"})

TABLAS = {
    "deudor": "Deudor", "expediente": "Expediente", "titulo_credito": "Título de crédito", "usuario": "Usuario",
    "oficina": "Oficina", "secretario": "Secretario-abogado", "coobligado": "Coobligado",
    "preferencia": "Preferencia",
}

CAMPOS = {
    "direccion": "Dirección", "identificacion": "Identificación", "tipo_identificacion": "Tipo de identificación",
    "tipo_persona": "Tipo de persona", "representante_legal": "Representante legal",
    "representante_cedula": "Cédula del representante", "nombre": "Nombre", "nombres": "Nombres",
    "casilla_judicial": "Casilla judicial", "abogado_deudor": "Abogado del deudor", "telefono": "Teléfono",
    "correo": "Correo electrónico", "ciudad": "Ciudad", "provincia": "Provincia", "codigo": "Código",
    "cedula": "Cédula", "activo": "Activo", "rol": "Rol", "login": "Usuario",
}

# Stored codes shown as the office says them.
VALORES = {"CEDULA": "Cédula", "NATURAL": "Persona natural", "JURIDICA": "Persona jurídica"}

# What names a row for a person, in order of preference.
NOMBRES = ("numero", "nombre", "nombres", "identificacion", "login", "codigo", "clave")

COL_CAMPO, COL_MIA, COL_SERVIDOR, COL_USAR = range(4)
CHOQUE = QColor("#ffe0b2")  # both changed it: the user decides
DEL_SERVIDOR = QColor("#e8f0fe")  # only the other desktop changed it: it is kept in every choice


def nombre_tabla(tabla: str) -> str:
    return TABLAS.get(tabla, tabla.replace("_", " ").capitalize())


def nombre_campo(campo: str) -> str:
    return CAMPOS.get(campo, campo.replace("_", " ").capitalize())


def valor(v: Any) -> str:
    """A field's value as read: ``None`` → ``—``, empty → ``(vacío)``, booleans Sí/No, codes by their name."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "Sí" if v else "No"
    texto = str(v)
    if texto in VALORES:
        return VALORES[texto]
    if texto in Rol._value2member_map_:
        return Rol(texto).etiqueta
    return texto if texto.strip() else "(vacío)"


def registro(c: ConflictoVista) -> str:
    """What the row is, for a person (a number, a name), else the start of its id."""
    for clave in NOMBRES:
        v = c.servidor.get(clave) or c.mia.get(clave)
        if v:
            return str(v)
    return c.fila_id[:8]


def campos_visibles(c: ConflictoVista) -> list[str]:
    """The fields shown: every non-technical field of either version (derived search columns left out),
    the conflicting ones first."""
    todos = [k for k in {**c.servidor, **c.mia} if k not in TECNICOS and not k.endswith("_busqueda")]
    return sorted(todos, key=lambda k: (k not in c.campos, nombre_campo(k)))


def _fecha(d: datetime) -> str:
    return to_local(d).strftime("%d/%m/%Y %H:%M")


def _item(texto: str, ayuda: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem(texto)
    it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if ayuda:
        it.setToolTip(ayuda)
    return it


class ConflictosDialog(QDialog):
    """The pending conflicts (above) and the selected one's two versions (below). ``resuelto(str)`` carries a
    sentence for the status bar after a resolution."""

    resuelto = Signal(str)

    def __init__(self, servicio: SincronizacionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._servicio = servicio
        self.conflictos: list[ConflictoVista] = []
        self.setWindowTitle("Conflictos de sincronización")
        self.setObjectName("conflictos")
        self.resize(900, 600)
        explicacion = QLabel(
            "Otro equipo cambió los mismos datos que usted antes de que se sincronizaran. Nada se sobrescribió: "
            "elija qué versión queda. Los campos en naranja los cambiaron ambos; en azul, solo el otro equipo "
            "(se conservan siempre).", self)
        explicacion.setWordWrap(True)

        self.lista = QTableWidget(0, 4, self)
        self.lista.setObjectName("listaConflictos")
        self.lista.setHorizontalHeaderLabels(["Tabla", "Registro", "Usuario", "Fecha"])
        self.lista.verticalHeader().setVisible(False)
        self.lista.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lista.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lista.itemSelectionChanged.connect(self._mostrar_seleccionado)

        self.detalle = QTableWidget(0, 4, self)
        self.detalle.setObjectName("detalleConflicto")
        self.detalle.setHorizontalHeaderLabels(["Campo", "En este equipo (la mía)", "En el servidor",
                                                "Combinar: usar la mía"])
        self.detalle.verticalHeader().setVisible(False)
        self.detalle.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        h = self.detalle.horizontalHeader()
        h.setSectionResizeMode(COL_MIA, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COL_SERVIDOR, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COL_CAMPO, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(COL_USAR, QHeaderView.ResizeMode.ResizeToContents)
        self.vacio = QLabel("No hay conflictos pendientes.", self)
        self.vacio.setObjectName("sinConflictos")
        self.vacio.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.boton_mia = QPushButton("Conservar la &mía", self)
        self.boton_mia.setToolTip("Sus cambios quedan y se envían al servidor en la próxima sincronización")
        self.boton_mia.clicked.connect(lambda: self.resolver("mia"))
        self.boton_servidor = QPushButton("Usar la del &servidor", self)
        self.boton_servidor.setToolTip("Se descartan sus cambios de este registro")
        self.boton_servidor.clicked.connect(lambda: self.resolver("servidor"))
        self.boton_combinar = QPushButton("Com&binar campos", self)
        self.boton_combinar.setToolTip("Los campos marcados en «Combinar: usar la mía» quedan con su valor; el "
                                       "resto con el del servidor")
        self.boton_combinar.clicked.connect(lambda: self.resolver("combinada"))
        cerrar = QPushButton("Cerrar", self)
        cerrar.clicked.connect(self.close)
        botones = QHBoxLayout()
        for b in (self.boton_mia, self.boton_servidor, self.boton_combinar):
            botones.addWidget(b)
        botones.addStretch(1)
        botones.addWidget(cerrar)

        partes = QSplitter(Qt.Orientation.Vertical, self)
        partes.addWidget(self.lista)
        partes.addWidget(self.detalle)
        partes.setSizes([180, 420])
        lay = QVBoxLayout(self)
        lay.addWidget(explicacion)
        lay.addWidget(self.vacio, 1)
        lay.addWidget(partes, 1)
        lay.addLayout(botones)
        self._partes = partes
        self._explicacion = explicacion

    # -- data -----------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def cargar(self) -> None:
        """Read the pending conflicts again, keeping the selection when it is still pending."""
        anterior = self.seleccionado()
        self.conflictos = self._servicio.conflictos()
        self.lista.blockSignals(True)
        self.lista.setRowCount(len(self.conflictos))
        fila_sel = 0
        for fila, c in enumerate(self.conflictos):
            self.lista.setItem(fila, 0, _item(nombre_tabla(c.tabla)))
            self.lista.setItem(fila, 1, _item(registro(c), f"Campos en conflicto: "
                                              f"{', '.join(nombre_campo(k) for k in c.campos)}"))
            self.lista.setItem(fila, 2, _item(c.usuario))
            self.lista.setItem(fila, 3, _item(_fecha(c.creado)))
            if anterior is not None and c.id == anterior.id:
                fila_sel = fila
        self.lista.resizeColumnToContents(0)
        self.lista.resizeColumnToContents(3)
        self.lista.blockSignals(False)
        hay = bool(self.conflictos)
        self.vacio.setVisible(not hay)
        self._partes.setVisible(hay)
        self._explicacion.setVisible(hay)
        if hay:
            self.lista.selectRow(fila_sel)
        self._mostrar_seleccionado()

    def seleccionado(self) -> ConflictoVista | None:
        filas = self.lista.selectionModel().selectedRows() if self.lista.selectionModel() else []
        if not filas or filas[0].row() >= len(self.conflictos):
            return None
        return self.conflictos[filas[0].row()]

    @Slot()
    def _mostrar_seleccionado(self) -> None:
        c = self.seleccionado()
        for b in (self.boton_mia, self.boton_servidor, self.boton_combinar):
            b.setEnabled(c is not None)
        self.detalle.setRowCount(0)
        if c is None:
            return
        negrita = QFont()
        negrita.setBold(True)
        campos = campos_visibles(c)
        self.detalle.setRowCount(len(campos))
        for fila, k in enumerate(campos):
            mia, suya = c.mia.get(k), c.servidor.get(k)
            items = [_item(nombre_campo(k), k), _item(valor(mia)), _item(valor(suya))]
            fondo = CHOQUE if k in c.campos else DEL_SERVIDOR if mia != suya else None
            usar = _item("")
            if k in c.campos:
                usar.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                usar.setCheckState(Qt.CheckState.Checked)
                usar.setToolTip("Marcado: queda su valor; sin marcar: el del servidor")
                items[0].setFont(negrita)
            items.append(usar)
            for col, it in enumerate(items):
                if fondo is not None:
                    it.setBackground(QBrush(fondo))
                self.detalle.setItem(fila, col, it)
        self.detalle.resizeRowsToContents()

    def campos_mios(self) -> set[str]:
        """The changed fields whose «usar la mía» box is checked."""
        c = self.seleccionado()
        if c is None:
            return set()
        elegidos = set()
        for fila in range(self.detalle.rowCount()):
            usar = self.detalle.item(fila, COL_USAR)
            campo = self.detalle.item(fila, COL_CAMPO).toolTip()
            if campo in c.campos and usar.checkState() == Qt.CheckState.Checked:
                elegidos.add(campo)
        return elegidos

    def marcar(self, campo: str, mia: bool) -> None:
        """Check or clear the «usar la mía» box of ``campo`` (as a click would)."""
        for fila in range(self.detalle.rowCount()):
            if self.detalle.item(fila, COL_CAMPO).toolTip() == campo:
                self.detalle.item(fila, COL_USAR).setCheckState(
                    Qt.CheckState.Checked if mia else Qt.CheckState.Unchecked)

    # -- resolving ------------------------------------------------------------------------------------
    @Slot(str)
    @protegido
    def resolver(self, eleccion: str) -> None:
        c = self.seleccionado()
        if c is None:
            return
        mios = self.campos_mios() if eleccion == "combinada" else None
        self._servicio.resolver(c.id, eleccion, mios)
        que = {"mia": "se conservó su versión", "servidor": "se usó la del servidor",
               "combinada": "se combinaron los campos"}[eleccion]
        envio = "" if eleccion == "servidor" else "; se enviará al servidor al sincronizar"
        self.cargar()
        self.resuelto.emit(f"Conflicto de {nombre_tabla(c.tabla).lower()} «{registro(c)}» resuelto: {que}{envio}.")
