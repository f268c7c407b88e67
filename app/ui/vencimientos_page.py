"""Vencimientos: the terms due today, this week and overdue, per secretario-abogado or for the whole office;
sortable, colored by urgency, opening the expediente with a double click (or Enter).

Two sections: the short términos of the procedure (COA), one row per juicio (its most urgent término, the
others in the tooltip), and apart the secretario-abogado's 180-day plazo (C.D. 321), one per juicio, which
would otherwise drown the términos in thousands of identical rows."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.text import plural
from app.domain.terminos import TipoTermino
from app.services.bootstrap import Servicios
from app.services.vencimientos import EstadoVencimiento, Vencimiento, agrupar_por_juicio
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
    """«en 1 día hábil», «hace 3 días calendario», «hoy»: a término counts business days, a plazo calendar days."""
    if v.dias_restantes == 0:
        return "hoy"
    n = abs(v.dias_restantes)
    dias = plural(n, "día hábil", "días hábiles") if v.tipo is TipoTermino.TERMINO else \
        plural(n, "día calendario", "días calendario")
    return f"hace {dias}" if v.dias_restantes < 0 else f"en {dias}"


def _clase(v: Vencimiento) -> str:
    return "Término: se cuentan días hábiles" if v.tipo is TipoTermino.TERMINO else "Plazo: se cuentan días calendario"


class VencimientosModel(TablaModel[Vencimiento]):
    COLUMNAS: ClassVar = (
        Columna("Estado", lambda v: v.estado.etiqueta),
        Columna("Vence", lambda v: formato.fecha(v.vence), CENTRO),
        Columna("Días", _dias, DERECHA, ayuda=_clase),
        Columna("Juicio No.", lambda v: v.juicio, ayuda=lambda v: f"{v.deudor}\nEtapa: {v.etapa.etiqueta}"),
        Columna("Coactivado", lambda v: v.deudor, ayuda=lambda v: f"{v.deudor} ({v.identificacion})"),
        Columna("Término / plazo", lambda v: v.descripcion,
                ayuda=lambda v: f"{getattr(v, 'detalle', v.descripcion)}\n{_clase(v)}"),
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


def _tabla_ordenable(parent: QWidget, model: VencimientosModel, estirar: int) -> tuple[QSortFilterProxyModel,
                                                                                        QTableView]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(ROL_ORDEN)
    t = tabla(parent, proxy, estirar)
    t.setSortingEnabled(True)
    t.sortByColumn(COL_VENCE, Qt.SortOrder.AscendingOrder)
    return proxy, t


def resumen_estados(c: dict[EstadoVencimiento, int], negrita: bool = True, corto: bool = False) -> str:
    """«vencidos 3 · vencen hoy 1 · esta semana 2 · después 40» (the overdue in bold); ``corto`` (a dock):
    «vencidos 3 · hoy 1 · semana 2»."""
    n = {e: formato.miles(c[e]) for e in EstadoVencimiento}
    vencidos = f"vencidos {n[EstadoVencimiento.VENCIDO]}"
    vencidos = f"<b>{vencidos}</b>" if negrita else vencidos
    if corto:
        return f"{vencidos} · hoy {n[EstadoVencimiento.HOY]} · semana {n[EstadoVencimiento.SEMANA]}"
    return (f"{vencidos} · vencen hoy {n[EstadoVencimiento.HOY]} · esta semana "
            f"{n[EstadoVencimiento.SEMANA]} · después {n[EstadoVencimiento.PROXIMO]}")


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
        quien = QHBoxLayout()
        quien.addWidget(QLabel("Secretario-abogado:", self))
        quien.addWidget(self.secretario)
        quien.addStretch(1)
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenVencimientos")

        # The términos, one row per juicio (model, proxy, tabla) and the secretario's plazos (…_plazos).
        self.model = VencimientosModel(self)
        self.proxy, self.tabla = _tabla_ordenable(self, self.model, COL_DEUDOR)
        self.tabla.setProperty("exportar_como", "Vencimientos")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaVencimientos")
        self.model_plazos = VencimientosModel(self)
        self.proxy_plazos, self.tabla_plazos = _tabla_ordenable(self, self.model_plazos, COL_DEUDOR)
        self.tabla_plazos.setObjectName("tablaPlazosSecretario")
        self.tabla_plazos.setProperty("exportar_como", "Plazos del secretario")  # Ctrl+E (app.ui.exportar)
        for t, proxy in ((self.tabla, self.proxy), (self.tabla_plazos, self.proxy_plazos)):
            anchos(t, {COL_ESTADO: 10, COL_VENCE: 10, COL_DIAS: 21, COL_JUICIO: 16, COL_DESCRIPCION: 30,
                       COL_SECRETARIO: 20})
            t.doubleClicked.connect(lambda idx, p=proxy: self._abrir(p, idx.row()))
            for tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                sc = QShortcut(QKeySequence(tecla), t)
                sc.setContext(Qt.ShortcutContext.WidgetShortcut)
                sc.activated.connect(lambda t=t, p=proxy: self._abrir(p, t.currentIndex().row()))
        self.tabla_plazos.setColumnHidden(COL_DESCRIPCION, True)  # the same text on every row: the tab says it
        self._primera = True
        self.secciones = QTabWidget(self)
        self.secciones.setObjectName("seccionesVencimientos")
        self.secciones.setDocumentMode(True)
        self.secciones.addTab(self.tabla, "Términos del juicio")
        self.secciones.addTab(self.tabla_plazos, "Plazo de 180 días del secretario-abogado")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(cabecera)
        lay.addLayout(quien)
        lay.addLayout(filtros)
        lay.addWidget(self.resumen)
        lay.addWidget(self.secciones, 1)

        self.secretario.currentIndexChanged.connect(lambda _i: self.cargar())
        self.alcance.buttonClicked.connect(lambda _b: self.cargar())
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
        """(Re)read the terms for the chosen secretario and scope: the términos grouped by juicio, the plazos apart."""
        hoy = self.hoy or local_today()
        cedula = self.secretario.currentData()
        srv = self._srv.vencimientos
        terminos = srv.listar(hoy, cedula, self.alcance_actual,  # type: ignore[arg-type]
                              incluir_plazo_secretario=False, limite=LIMITE)
        grupos = agrupar_por_juicio(terminos)
        plazos = srv.listar(hoy, cedula, self.alcance_actual,  # type: ignore[arg-type]
                            solo_plazo_secretario=True, limite=LIMITE)
        for model, proxy, t, filas in ((self.model, self.proxy, self.tabla, grupos),
                                       (self.model_plazos, self.proxy_plazos, self.tabla_plazos, plazos)):
            model.set_filas(filas)
            t.sortByColumn(proxy.sortColumn() if proxy.sortColumn() >= 0 else COL_VENCE, proxy.sortOrder())
            t.setColumnHidden(COL_SECRETARIO, bool(cedula))  # one secretario: his name on every row says nothing
        if self._primera and not grupos and plazos:  # first load: show the section that has something
            self.secciones.setCurrentWidget(self.tabla_plazos)
        self._primera = False
        ct = srv.contar(hoy, cedula, incluir_plazo_secretario=False)
        cp = srv.contar(hoy, cedula, solo_plazo_secretario=True)
        self.secciones.setTabText(0, f"Términos del juicio ({plural(len(grupos), 'juicio')})")
        self.secciones.setTabText(1, f"Plazo de 180 días del secretario-abogado ({formato.miles(len(plazos))})")
        quien = self.secretario.currentText() if cedula else "toda la oficina"
        texto = (f"Al {formato.fecha(hoy)}, {quien}. Términos: {resumen_estados(ct)}. Plazo de 180 días (C.D. 321): "
                 f"{resumen_estados(cp, negrita=False)}.")
        if len(terminos) >= LIMITE or len(plazos) >= LIMITE:
            texto += f" Se muestran los {formato.miles(LIMITE)} más urgentes: elija un secretario para ver los demás."
        self.resumen.setText(texto)
        self.mensaje.emit(f"{formato.miles(len(terminos))} términos en {formato.miles(len(grupos))} juicios y "
                          f"{formato.miles(len(plazos))} plazos de secretario en la vista.")

    def _abrir(self, proxy: QSortFilterProxyModel, row: int) -> None:
        if 0 <= row < proxy.rowCount():
            fuente = proxy.mapToSource(proxy.index(row, 0))
            modelo = proxy.sourceModel()
            assert isinstance(modelo, VencimientosModel)
            self.abrir.emit(modelo.fila(fuente.row()).juicio)

    def _abrir_fila(self, row: int) -> None:
        self._abrir(self.proxy, row)

    def fila_de_juicio(self, juicio: str, descripcion: str = "") -> int:
        """The view row (after sorting) of ``juicio`` among the términos (whose terms include ``descripcion``)
        or, for the secretario's plazo, among the plazos; -1 when absent."""
        for proxy, model in ((self.proxy, self.model), (self.proxy_plazos, self.model_plazos)):
            for r in range(proxy.rowCount()):
                v = model.fila(proxy.mapToSource(proxy.index(r, 0)).row())
                todos = getattr(v, "terminos", (v,))
                if v.juicio == juicio and any(descripcion in t.descripcion for t in todos):
                    return r
        return -1
