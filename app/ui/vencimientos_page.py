"""Vencimientos: the terms due today, this week and overdue, per secretario-abogado or for the whole office;
sortable, colored by urgency, opening the expediente with a double click (or Enter)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.domain.terminos import TipoTermino
from app.services.bootstrap import Servicios
from app.services.vencimientos import EstadoVencimiento, Vencimiento
from app.ui import formato
from app.ui.errors import protegido
from app.ui.pestana import anchos, nota, tabla, titulo_pagina
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

#: Rows read at most (the most overdue first); the header says when there are more.
LIMITE = 2000
ROL_ORDEN = Qt.ItemDataRole.UserRole + 1
ALCANCES = (("hoy", "Hoy"), ("semana", "Esta semana"), ("vencidos", "Vencidos"),
            ("pendientes", "Pendientes"), ("todos", "Todos"))
COLORES = {EstadoVencimiento.VENCIDO: QColor("#a61b1b"), EstadoVencimiento.HOY: QColor("#b35900"),
           EstadoVencimiento.SEMANA: QColor("#7a6400")}

COL_ESTADO = 0
COL_VENCE = 1
COL_DIAS = 2
COL_JUICIO = 3
COL_DEUDOR = 4
COL_DESCRIPCION = 5
COL_SECRETARIO = 6


def _dias(v: Vencimiento) -> str:
    unidad = "hábiles" if v.tipo is TipoTermino.TERMINO else "calendario"
    if v.dias_restantes < 0:
        return f"hace {-v.dias_restantes} {unidad}"
    if v.dias_restantes == 0:
        return "hoy"
    return f"{v.dias_restantes} {unidad}"


def _clase(v: Vencimiento) -> str:
    return "Término: se cuentan días hábiles" if v.tipo is TipoTermino.TERMINO else "Plazo: se cuentan días calendario"


class VencimientosModel(TablaModel[Vencimiento]):
    COLUMNAS: ClassVar = (
        Columna("Estado", lambda v: v.estado.etiqueta),
        Columna("Vence", lambda v: formato.fecha(v.vence), CENTRO),
        Columna("Días", _dias, DERECHA, ayuda=_clase),
        Columna("Juicio No.", lambda v: v.juicio, ayuda=lambda v: f"Etapa: {v.etapa.etiqueta}"),
        Columna("Coactivado", lambda v: v.deudor, ayuda=lambda v: f"{v.deudor} ({v.identificacion})"),
        Columna("Término / plazo", lambda v: v.descripcion, ayuda=lambda v: f"{v.descripcion}\n{_clase(v)}"),
        Columna("Secretario-abogado", lambda v: v.secretario),
    )
    _ORDEN: ClassVar = {
        COL_ESTADO: lambda v: v.vence.toordinal(),
        COL_VENCE: lambda v: v.vence.toordinal(),
        COL_DIAS: lambda v: v.dias_restantes,
    }

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._negrita = QFont()
        self._negrita.setBold(True)

    def dato_extra(self, fila: Vencimiento, columna: int, role: int) -> Any:
        if role == ROL_ORDEN:
            clave = self._ORDEN.get(columna)
            return clave(fila) if clave is not None else self.COLUMNAS[columna].valor(fila).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and columna in (COL_ESTADO, COL_VENCE, COL_DIAS):
            return COLORES.get(fila.estado)
        if role == Qt.ItemDataRole.FontRole and fila.estado is EstadoVencimiento.VENCIDO and columna == COL_ESTADO:
            return self._negrita
        return None


class VencimientosPage(QWidget):
    """Emits ``abrir(numero)`` to open an expediente, ``volver`` and ``mensaje(texto)``."""

    abrir = Signal(str)
    volver = Signal()
    mensaje = Signal(str)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.hoy: date | None = None  # None: today (tests fix it)
        titulo = titulo_pagina(self, "Vencimientos de términos y plazos", escala=1.3)
        self.boton_volver = QPushButton("← Volver a la lista", self)
        self.boton_volver.clicked.connect(self.volver)
        cabecera = QHBoxLayout()
        cabecera.addWidget(titulo, 1)
        cabecera.addWidget(self.boton_volver)

        self.secretario = QComboBox(self)
        self.secretario.setObjectName("filtroSecretario")
        self.secretario.setMinimumContentsLength(22)
        self.secretario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.alcance = QButtonGroup(self)
        self.botones_alcance: dict[str, QPushButton] = {}
        filtros = QHBoxLayout()
        for clave, texto in ALCANCES:
            b = QPushButton(texto, self)
            b.setCheckable(True)
            b.setProperty("alcance", clave)
            self.alcance.addButton(b)
            self.botones_alcance[clave] = b
            filtros.addWidget(b)
        self.botones_alcance["pendientes"].setChecked(True)
        filtros.addStretch(1)
        self.plazos = QCheckBox("Incluir el plazo de 180 días de cada secretario", self)
        self.plazos.setChecked(True)
        quien = QHBoxLayout()
        quien.addWidget(QLabel("Secretario-abogado:", self))
        quien.addWidget(self.secretario)
        quien.addSpacing(12)
        quien.addWidget(self.plazos)
        quien.addStretch(1)
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenVencimientos")

        self.model = VencimientosModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ROL_ORDEN)
        self.tabla = tabla(self, self.proxy, COL_DEUDOR)
        self.tabla.setProperty("exportar_como", "Vencimientos")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaVencimientos")
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_VENCE, Qt.SortOrder.AscendingOrder)
        anchos(self.tabla, {COL_ESTADO: 10, COL_VENCE: 10, COL_DIAS: 15, COL_JUICIO: 16, COL_DESCRIPCION: 38,
                            COL_SECRETARIO: 20})
        self.tabla.doubleClicked.connect(lambda idx: self._abrir_fila(idx.row()))
        for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sc = QShortcut(QKeySequence(tecla), self.tabla)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda: self._abrir_fila(self.tabla.currentIndex().row()))

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(quien)
        lay.addLayout(filtros)
        lay.addWidget(self.resumen)
        lay.addWidget(self.tabla, 1)

        self.secretario.currentIndexChanged.connect(lambda _i: self.cargar())
        self.alcance.buttonClicked.connect(lambda _b: self.cargar())
        self.plazos.toggled.connect(lambda _c: self.cargar())
        self._llenar_secretarios()

    def _llenar_secretarios(self) -> None:
        """The secretario filter: the office, then each secretario (a secretario's own view by default)."""
        propio = self._srv.ctx.usuario.secretario_id
        self.secretario.blockSignals(True)
        self.secretario.clear()
        self.secretario.addItem("Toda la oficina", None)
        for x in self._srv.secretarios.listar(contar=False):  # names only: no count of the office at start
            self.secretario.addItem(f"{x.nombres}{'' if x.activo else ' (inactivo)'}", x.cedula)
            if propio is not None and x.id == propio:
                self.secretario.setCurrentIndex(self.secretario.count() - 1)
        self.secretario.blockSignals(False)

    def refrescar_secretarios(self) -> None:
        """Re-read the secretarios (one may have been added), keeping the one chosen."""
        actual = self.secretario.currentData()
        self._llenar_secretarios()
        if actual is not None and (i := self.secretario.findData(actual)) >= 0:
            self.secretario.blockSignals(True)
            self.secretario.setCurrentIndex(i)
            self.secretario.blockSignals(False)

    @property
    def alcance_actual(self) -> str:
        b = self.alcance.checkedButton()
        return str(b.property("alcance")) if b is not None else "pendientes"

    def elegir(self, alcance: str | None = None, cedula: str | bool | None = False) -> None:
        """Choose the scope and/or the secretario (``cedula`` None: the whole office) and reload."""
        if alcance is not None:
            self.botones_alcance[alcance].setChecked(True)
        if cedula is not False:
            self.secretario.blockSignals(True)
            self.secretario.setCurrentIndex(max(0, self.secretario.findData(cedula)))
            self.secretario.blockSignals(False)
        self.cargar()

    @Slot()
    @protegido
    def cargar(self) -> None:
        """(Re)read the terms for the chosen secretario and scope."""
        hoy = self.hoy or local_today()
        cedula = self.secretario.currentData()
        con_plazos = self.plazos.isChecked()
        filas = self._srv.vencimientos.listar(hoy, cedula, self.alcance_actual,  # type: ignore[arg-type]
                                              incluir_plazo_secretario=con_plazos, limite=LIMITE)
        self.model.set_filas(filas)
        self.tabla.sortByColumn(self.proxy.sortColumn() if self.proxy.sortColumn() >= 0 else COL_VENCE,
                                self.proxy.sortOrder())
        c = self._srv.vencimientos.contar(hoy, cedula, incluir_plazo_secretario=con_plazos)
        quien = self.secretario.currentText() if cedula else "toda la oficina"
        n = {e: formato.miles(c[e]) for e in EstadoVencimiento}
        texto = (f"Al {formato.fecha(hoy)}, {quien}: <b>vencidos {n[EstadoVencimiento.VENCIDO]}</b> · vencen hoy "
                 f"{n[EstadoVencimiento.HOY]} · esta semana {n[EstadoVencimiento.SEMANA]} · después "
                 f"{n[EstadoVencimiento.PROXIMO]}.")
        if len(filas) >= LIMITE:
            texto += f" Se muestran los {formato.miles(LIMITE)} más urgentes: elija un secretario para ver los demás."
        self.resumen.setText(texto)
        self.mensaje.emit(f"{formato.miles(len(filas))} términos y plazos en la vista.")

    def _abrir_fila(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            fuente = self.proxy.mapToSource(self.proxy.index(row, 0))
            self.abrir.emit(self.model.fila(fuente.row()).juicio)

    def fila_de_juicio(self, juicio: str, descripcion: str = "") -> int:
        """The view row (after sorting) of the first term of ``juicio`` (containing ``descripcion``), or -1."""
        for r in range(self.proxy.rowCount()):
            v = self.model.fila(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if v.juicio == juicio and descripcion in v.descripcion:
                return r
        return -1
