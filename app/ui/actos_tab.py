"""«Actuaciones» tab: the stage history (each move an act with date, author and supporting document), the
terms with their kind (término / plazo) and due date, the secretario-abogado's 180 (+90) days, and the acts
recorded without a document (prórroga, suspensión, reanudación, insolvencia, baja, corrección)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QDialog, QGroupBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.common.dates import local_today
from app.domain.procedimiento import NOMBRES
from app.domain.terminos import TipoTermino
from app.domain.tipos import TipoActo
from app.services.actos import EntradaHistorial, PlazoSecretario, TerminoExpediente
from app.services.bootstrap import Servicios
from app.ui import formato
from app.ui.acto_dialog import ActoDialog
from app.ui.errors import protegido
from app.ui.pestana import Pestana, anchos, fila_seleccionada, habilitar, nota, tabla
from app.ui.sistema import abrir_archivo
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

ROJO = QColor("#a61b1b")
GRIS = QColor("#6b6b6b")

COL_H_FECHA = 0
COL_H_ACTO = 1
COL_H_ETAPA = 2
COL_H_DESCRIPCION = 3
COL_H_DOCUMENTO = 4
COL_H_AUTOR = 5


@dataclass(frozen=True, slots=True)
class FilaHistorial:
    acto: EntradaHistorial
    fojas: str  # folios of its supporting document ("" without one)


def _etapa(h: EntradaHistorial) -> str:
    return f"→ {h.etapa_nueva.etiqueta}" if h.etapa_nueva is not None else "—"


def _cambio(h: EntradaHistorial) -> str | None:
    if h.etapa_nueva is None:
        return None
    antes = h.etapa_anterior.etiqueta if h.etapa_anterior is not None else "—"
    return f"De «{antes}» a «{h.etapa_nueva.etiqueta}»"


class HistorialModel(TablaModel[FilaHistorial]):
    COLUMNAS: ClassVar = (
        Columna("Fecha", lambda f: formato.fecha(f.acto.fecha), CENTRO),
        Columna("Acto", lambda f: f.acto.nombre),
        Columna("Nueva etapa", lambda f: _etapa(f.acto), ayuda=lambda f: _cambio(f.acto)),
        Columna("Descripción", lambda f: f.acto.descripcion, ayuda=lambda f: f.acto.descripcion),
        Columna("Documento", lambda f: f"fojas {f.fojas}" if f.fojas else ("sí" if f.acto.documento_id else ""),
                CENTRO),
        Columna("Registró", lambda f: f.acto.autor,
                ayuda=lambda f: f"Registrado el {formato.fecha(f.acto.registrado.date())}"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._negrita = QFont()
        self._negrita.setBold(True)

    def dato_extra(self, fila: FilaHistorial, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and columna == COL_H_ETAPA and fila.acto.etapa_nueva is not None:
            return self._negrita
        return None


COL_T_DESCRIPCION = 0
COL_T_CLASE = 1
COL_T_DIAS = 2
COL_T_DESDE = 3
COL_T_VENCE = 4
COL_T_ESTADO = 5

CLASES = {TipoTermino.TERMINO: "Término (días hábiles)", TipoTermino.PLAZO: "Plazo (días calendario)"}


def estado_termino(t: TerminoExpediente, hoy: date) -> str:
    if t.cerrado:
        return f"Cumplido el {formato.fecha(t.cerrado_en)}" if t.cerrado_en else "Cerrado"
    if t.vence < hoy:
        return "VENCIDO"
    if t.vence == hoy:
        return "Vence hoy"
    return "En curso"


class TerminosModel(TablaModel[TerminoExpediente]):
    COLUMNAS: ClassVar = (
        Columna("Término / plazo", lambda t: t.descripcion, ayuda=lambda t: t.descripcion),
        Columna("Clase", lambda t: CLASES[t.tipo]),
        Columna("Días", lambda t: str(t.dias), DERECHA),
        Columna("Desde", lambda t: formato.fecha(t.desde), CENTRO),
        Columna("Vence", lambda t: formato.fecha(t.vence), CENTRO),
        Columna("Estado", lambda t: "", CENTRO),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self.hoy = local_today()

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == COL_T_ESTADO
                and 0 <= index.row() < self.rowCount()):
            return estado_termino(self.fila(index.row()), self.hoy)
        return super().data(index, role)

    def dato_extra(self, fila: TerminoExpediente, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if fila.cerrado:
                return GRIS
            if fila.vence < self.hoy:
                return ROJO
        return None


#: Acts of this tab: (type, button text, dialog explanation).
ACCIONES: tuple[tuple[TipoActo, str, str], ...] = (
    (TipoActo.PRORROGA, "Prórroga…",
     "Prórroga del plazo del secretario-abogado: hasta 90 días calendario, una sola vez, pedida antes de que "
     "venzan los 180 días (Resolución C.D. 321)."),
    (TipoActo.SUSPENSION, "Suspender…",
     "Suspensión legal del juicio (p. ej. por disposición de una ley). Los términos dejan de correr. "
     "Un acuerdo de pago parcial se registra en la pestaña «Convenio»."),
    (TipoActo.REANUDACION, "Reanudar…", "Reanudación del juicio suspendido: vuelve a la etapa en que se suspendió."),
    (TipoActo.INSOLVENCIA, "Remitir a insolvencia…",
     "Sin recuperación posible: el expediente se remite a Patrocinio para el juicio de insolvencia "
     "(C.D. 497, Disposición General Sexta). Cierra el juicio."),
    (TipoActo.BAJA, "Dar de baja…", "Baja del título de crédito y cierre del juicio."),
)


class ActosTab(Pestana):
    TITULO = "Ac&tuaciones"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.historial = HistorialModel(self)
        self.tabla_historial = tabla(self, self.historial, COL_H_DESCRIPCION)
        self.tabla_historial.setProperty("exportar_como", "Actos")  # Ctrl+E (app.ui.exportar)
        self.tabla_historial.setObjectName("tablaHistorial")
        anchos(self.tabla_historial, {COL_H_FECHA: 11, COL_H_ACTO: 26, COL_H_ETAPA: 27, COL_H_DOCUMENTO: 11,
                                      COL_H_AUTOR: 14})
        self.tabla_historial.doubleClicked.connect(lambda _i: self.abrir_documento())
        self.tabla_historial.selectionModel().selectionChanged.connect(lambda *_: self._habilitar_seleccion())

        self.terminos = TerminosModel(self)
        self.tabla_terminos = tabla(self, self.terminos, COL_T_DESCRIPCION)
        self.tabla_terminos.setProperty("exportar_como", "Términos")  # Ctrl+E (app.ui.exportar)
        self.tabla_terminos.setObjectName("tablaTerminos")
        anchos(self.tabla_terminos, {COL_T_CLASE: 22, COL_T_DIAS: 6, COL_T_DESDE: 11, COL_T_VENCE: 11,
                                     COL_T_ESTADO: 18})
        self.plazo = nota(self)
        self.plazo.setObjectName("plazoSecretario")

        self.botones: dict[TipoActo, QPushButton] = {}
        for tipo, texto, explicacion in ACCIONES:
            b = QPushButton(texto, self)
            b.clicked.connect(lambda _c=False, t=tipo, x=explicacion: self.registrar(t, x))
            self.botones[tipo] = b
        estado = QHBoxLayout()
        for tipo in (TipoActo.SUSPENSION, TipoActo.REANUDACION, TipoActo.INSOLVENCIA, TipoActo.BAJA):
            estado.addWidget(self.botones[tipo])
        estado.addStretch(1)
        self.boton_corregir = QPushButton("Corregir acto…", self)
        self.boton_corregir.setToolTip("Registrar un acto de corrección que apunta al acto seleccionado "
                                       "(los actos no se editan ni se borran)")
        self.boton_corregir.clicked.connect(self.corregir)
        self.boton_documento = QPushButton("Abrir documento", self)
        self.boton_documento.clicked.connect(self.abrir_documento)
        seleccion = QHBoxLayout()
        seleccion.addWidget(self.boton_documento)
        seleccion.addWidget(self.boton_corregir)
        seleccion.addStretch(1)
        seleccion.addLayout(estado)
        fila_plazo = QHBoxLayout()
        fila_plazo.addWidget(self.plazo, 1)
        fila_plazo.addWidget(self.botones[TipoActo.PRORROGA], 0, Qt.AlignmentFlag.AlignTop)

        grupo_h = QGroupBox("Historial de actos (cada cambio de etapa es un acto)", self)
        lh = QVBoxLayout(grupo_h)
        lh.addLayout(seleccion)
        lh.addWidget(self.tabla_historial)
        grupo_t = QGroupBox("Términos y plazos", self)
        lt = QVBoxLayout(grupo_t)
        lt.addLayout(fila_plazo)
        lt.addWidget(self.tabla_terminos)
        divisor = QSplitter(Qt.Orientation.Vertical, self)
        divisor.addWidget(grupo_h)
        divisor.addWidget(grupo_t)
        divisor.setStretchFactor(0, 3)
        divisor.setStretchFactor(1, 2)
        divisor.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(divisor)
        self._habilitar_seleccion()

    # -- loading ------------------------------------------------------------------------------------
    def cargar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        hist = self._srv.actos.historial(numero)
        fojas = {e.documento_id: formato.rango_folios(e.desde, e.hasta) for e in self._srv.expedientes.indice(numero)}
        self.historial.set_filas([FilaHistorial(h, fojas.get(h.documento_id, "") if h.documento_id else "")
                                  for h in hist])
        hoy = local_today()
        self.terminos.hoy = hoy
        plazo = self._srv.actos.plazo_secretario(numero, hoy)
        self.terminos.set_filas([plazo.termino, *self._srv.actos.terminos(numero)])
        self.plazo.setText(self._texto_plazo(plazo))
        acciones = self._srv.actos.acciones(numero, hoy, [t for t, _, _ in ACCIONES])
        for tipo, boton in self.botones.items():
            habilitar(boton, acciones[tipo])
        self._habilitar_seleccion()

    @staticmethod
    def _texto_plazo(p: PlazoSecretario) -> str:
        t, prorroga = p.termino, p.prorroga_dias
        base = f"Plazo del secretario-abogado: {t.dias - prorroga} días calendario desde el {formato.fecha(t.desde)}"
        if prorroga:
            base += f" + prórroga de {prorroga} días"
        base += f"; vence el {formato.fecha(t.vence)}"
        if t.cerrado:
            return base + " (juicio concluido)."
        dias = p.restantes
        if dias < 0:
            return f"{base}: <b>VENCIDO hace {-dias} días</b>."
        if dias == 0:
            return f"{base}: <b>vence hoy</b>."
        return f"{base}: quedan {dias} días."

    def _habilitar_seleccion(self) -> None:
        row = fila_seleccionada(self.tabla_historial)
        hay = row >= 0
        self.boton_corregir.setEnabled(hay)
        self.boton_documento.setEnabled(hay and self.historial.fila(row).acto.documento_id is not None)

    def seleccionado(self) -> EntradaHistorial | None:
        row = fila_seleccionada(self.tabla_historial)
        return self.historial.fila(row).acto if row >= 0 else None

    # -- actions ------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def registrar(self, tipo: TipoActo, explicacion: str) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = ActoDialog(
            NOMBRES[tipo], explicacion, self, con_dias=tipo is TipoActo.PRORROGA,
            verificar=lambda f: self._srv.actos.puede(numero, tipo, f),
        )

        def guardar() -> Any:
            d = dlg.datos()
            datos = {"dias": d.dias} if tipo is TipoActo.PRORROGA else None
            return self._srv.actos.registrar(numero, tipo, d.fecha, d.descripcion, datos)

        dlg.al_aceptar(guardar)  # a refused act keeps the date and text typed
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            acto = dlg.resultado
        finally:
            dlg.deleteLater()
        etapa = f" Etapa: {acto.etapa_nueva.etiqueta}." if acto.etapa_nueva is not None else ""
        self._hecho(f"{acto.nombre} registrada el {formato.fecha(acto.fecha)}.{etapa}")

    @Slot()
    @protegido
    def corregir(self) -> None:
        acto = self.seleccionado()
        if acto is None or not self.numero:
            return
        dlg = ActoDialog(
            "Corrección", f"Corrección del acto «{acto.nombre}» del {formato.fecha(acto.fecha)}: diga qué estaba "
            "mal y cuál es el dato correcto. El acto original se conserva.", self,
        )
        numero = self.numero
        dlg.al_aceptar(lambda: self._srv.actos.registrar(numero, TipoActo.CORRECCION, dlg.datos().fecha,
                                                         dlg.datos().descripcion, {"corrige_id": str(acto.id)}))
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
        finally:
            dlg.deleteLater()
        self._hecho(f"Corrección del acto «{acto.nombre}» registrada.")

    @Slot()
    @protegido
    def abrir_documento(self) -> None:
        acto = self.seleccionado()
        if acto is None or acto.documento_id is None:
            return
        abrir_archivo(self, self._srv.documentos.exportar(acto.documento_id))

