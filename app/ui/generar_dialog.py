"""Dialog before generating a document of an expediente: its date and what the expediente alone does not say
(the text of a providencia, the depositario and goods of an acta de embargo, the medida an oficio is about…).
For a document that is an act, the chosen date is checked as it changes and the reason shows when the act is
not allowed then."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import format_dmy, to_local
from app.domain.documentos import REGISTRO
from app.domain.tipos import TipoDocumento
from app.services.medidas import DatosMedida, EstadoMedida, TipoMedida
from app.services.notificaciones import DatosNotificacion
from app.ui.campos import FilasEditor, MontoEdit, botones, campo_fecha, fecha_de, poner_fecha
from app.ui.formulario import CampoInvalido, Formulario
from app.ui.pestana import nota

Verificar = Callable[[date], tuple[bool, str]]

#: The medida cautelar each oficio is about.
MEDIDA_DE_OFICIO = {
    TipoDocumento.OFICIO_RETENCION: TipoMedida.RETENCION,
    TipoDocumento.OFICIO_ANT: TipoMedida.PROHIBICION_VEHICULO,
    TipoDocumento.OFICIO_REGISTRO: TipoMedida.PROHIBICION_INMUEBLE,
}
ACTAS_BIENES = (TipoDocumento.ACTA_EMBARGO, TipoDocumento.ACTA_SECUESTRO)
COLUMNAS_BIENES = (("descripcion", "Descripción"), ("tipo", "Tipo"),
                   ("valor", "Valor (USD)"), ("ubicacion", "Ubicación"))
COLUMNAS_POSTURAS = (("postor", "Postor"), ("identificacion", "Cédula / RUC"), ("valor", "Postura (USD)"),
                     ("deposito", "Depósito (USD)"))

#: One line of help per type, from the registry.
AYUDAS = {t: d.ayuda for t, d in REGISTRO.items() if d.ayuda}


@dataclass
class Opciones:
    """Rows some document types choose from (read by the caller through the services)."""

    medidas: Sequence[DatosMedida] = ()
    notificaciones: Sequence[DatosNotificacion] = ()
    cuerpos: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


class GenerarDocumentoDialog(Formulario):
    def __init__(self, tipo: TipoDocumento, numero: str, parent: QWidget | None = None, *,
                 verificar: Verificar | None = None, opciones: Opciones | None = None) -> None:
        super().__init__(parent)
        self.tipo = tipo
        self._verificar = verificar
        op = opciones or Opciones()
        titulo = REGISTRO[tipo].titulo
        self.setWindowTitle(f"{titulo} — juicio {numero}")
        self.setMinimumWidth(620)
        self.fecha = campo_fecha(self)
        self.form = QFormLayout()
        self.form.addRow("&Fecha del documento:", self.fecha)
        self.campos: dict[str, Any] = {}
        self._armar(op)
        self.aviso = nota(self)
        self.aviso.setObjectName("avisoDocumento")
        self.aviso.setStyleSheet("color: #a61b1b;")
        caja, self.aceptar = botones(self, "Generar")
        lay = QVBoxLayout(self)
        if tipo in AYUDAS:
            lay.addWidget(nota(self, AYUDAS[tipo]))
        lay.addLayout(self.form)
        lay.addWidget(self.aviso)
        lay.addWidget(caja)
        self.fecha.dateChanged.connect(lambda _d: self._revisar())
        self._revisar()

    # -- fields per type ----------------------------------------------------------------------------
    def _linea(self, clave: str, etiqueta: str, ayuda: str = "") -> QLineEdit:
        e = QLineEdit(self)
        e.setPlaceholderText(ayuda)
        self.campos[clave] = e
        self.form.addRow(etiqueta, e)
        return e

    def _texto(self, clave: str, etiqueta: str, ayuda: str = "", lineas: int = 5) -> QPlainTextEdit:
        e = QPlainTextEdit(self)
        e.setPlaceholderText(ayuda)
        e.setFixedHeight(self.fontMetrics().height() * lineas)
        self.campos[clave] = e
        self.form.addRow(etiqueta, e)
        return e

    def _filas(self, clave: str, etiqueta: str, columnas: Sequence[tuple[str, str]]) -> FilasEditor:
        e = FilasEditor(columnas, self, {"tipo": "INMUEBLE, VEHICULO, MUEBLE o FONDOS",
                                         "valor": "En dólares, p. ej. 1.250,00"})
        self.campos[clave] = e
        self.form.addRow(etiqueta, e)
        return e

    def _armar(self, op: Opciones) -> None:
        t = self.tipo
        if t is TipoDocumento.OPI:
            c = QCheckBox("Ordenar las medidas cautelares de ley (retención de fondos, prohibición de enajenar "
                          "vehículos e inmuebles)", self)
            c.setChecked(True)
            self.campos["medidas_ley"] = c
            self.form.addRow("", c)
        elif t is TipoDocumento.RAZON_NOTIFICACION:
            combo = QComboBox(self)
            combo.addItem("La última notificación registrada", None)
            for n in op.notificaciones:
                combo.addItem(f"{to_local(n.fecha_hora).strftime('%d/%m/%Y %H:%M')} — {n.destinatario}, intento "
                              f"{n.intento} ({'efectiva' if n.efectiva else 'fallida'})", str(n.id))
            self.campos["notificacion_id"] = combo
            self.form.addRow("&Notificación:", combo)
        elif t in MEDIDA_DE_OFICIO:
            combo = QComboBox(self)
            combo.addItem("— Oficiar sin medida registrada —", None)
            for m in op.medidas:
                if m.tipo is MEDIDA_DE_OFICIO[t]:
                    combo.addItem(f"{m.destinatario}, ordenada el {format_dmy(m.fecha_envio)}"
                                  + (" (ya tiene oficio)" if m.documento_id else ""), str(m.id))
            sin_oficio = next((i for i in range(1, combo.count())
                               if "(ya tiene oficio)" not in combo.itemText(i)), 0)
            combo.setCurrentIndex(sin_oficio)
            self.campos["medida_id"] = combo
            self.form.addRow("&Medida cautelar:", combo)
            self._linea("destinatario", "&Entidad:", "Sin medida: la entidad a la que se oficia (vacía: la de ley)")
        elif t is TipoDocumento.OFICIO_LEVANTAMIENTO:
            combo = QComboBox(self)
            combo.addItem("Todas las medidas vigentes (una sola entidad)", None)
            for m in op.medidas:
                if m.levantamiento_documento_id is None:
                    estado = " (levantada)" if m.estado is EstadoMedida.LEVANTADA else ""
                    combo.addItem(f"{m.tipo.etiqueta} — {m.destinatario}{estado}", str(m.id))
            self.campos["medida_id"] = combo
            self.form.addRow("&Medida:", combo)
            self._linea("motivo", "&Motivo:", "haberse cancelado la totalidad de la obligación")
        elif t is TipoDocumento.PROVIDENCIA:
            self._texto("texto", "&Se dispone:", "Lo que se dispone (un párrafo por línea)", 7)
            c = QCheckBox("Citar la última liquidación registrada (máximo 3 días de antigüedad)", self)
            self.campos["citar_liquidacion"] = c
            self.form.addRow("", c)
        elif t in ACTAS_BIENES:
            self._filas("bienes", "&Bienes:", COLUMNAS_BIENES)
            self._linea("depositario", "&Depositario judicial:", "Nombre de quien recibe los bienes")
            self._linea("depositario_cedula", "&Cédula del depositario:")
            genero = QComboBox(self)
            genero.addItem("Depositario judicial", "M")
            genero.addItem("Depositaria judicial", "F")
            genero.setToolTip("El acta concuerda con el género de quien recibe los bienes.")
            self.campos["depositario_genero"] = genero
            self.form.addRow("Recibe como:", genero)
            self._linea("lugar", "&Lugar de la diligencia:")
            self._linea("lugar_custodia", "Lugar de &custodia:")
            self._linea("hora", "&Hora:", "10h30")
            self._texto("observaciones", "&Observaciones:", lineas=3)
        elif t is TipoDocumento.AVISO_REMATE:
            fecha_remate = campo_fecha(self)
            fecha_remate.setDate(self.fecha.date().addDays(30))
            self.campos["fecha_remate"] = fecha_remate
            self.form.addRow("Fecha del &remate:", fecha_remate)
            self._linea("hora", "&Hora:", "10h00")
            self._linea("lugar", "&Lugar o plataforma:")
            self._filas("bienes", "&Bienes y avalúo:", COLUMNAS_BIENES)
            base = MontoEdit(self, obligatorio=False)
            base.setPlaceholderText("Vacía: el avalúo total")
            self.campos["base"] = base
            self.form.addRow("&Base del remate:", base)
        elif t is TipoDocumento.ACTA_REMATE:
            self._filas("bienes", "&Bienes rematados:", COLUMNAS_BIENES)
            self._filas("posturas", "&Posturas:", COLUMNAS_POSTURAS)
            adj = QSpinBox(self)
            adj.setRange(0, 99)
            adj.setSpecialValueText("La mayor postura calificada")
            self.campos["adjudicatario"] = adj
            self.form.addRow("&Adjudicada a la postura N.º:", adj)
            self._linea("hora", "&Hora:", "10h00")
        elif t in (TipoDocumento.AUTO_ARCHIVO, TipoDocumento.RAZON_ARCHIVO):
            self._linea("motivo", "&Motivo:", "el pago total de la obligación")
        elif t is TipoDocumento.CARATULA and op.cuerpos > 1:
            cuerpo = QSpinBox(self)
            cuerpo.setRange(1, op.cuerpos)
            cuerpo.setValue(op.cuerpos)
            self.campos["cuerpo"] = cuerpo
            self.form.addRow("&Cuerpo:", cuerpo)

    # -- checking and reading -----------------------------------------------------------------------
    @Slot()
    def _revisar(self) -> None:
        if self._verificar is None:
            self.aviso.hide()
            return
        ok, motivo = self._verificar(self.fecha_documento())
        self.aviso.setText(motivo)
        self.aviso.setVisible(not ok)

    def validar(self) -> None:
        """The fields read (an amount, a typed date) and the act is allowed at the date chosen: otherwise the
        dialog stays open with the date marked (generating would be refused after it closed, losing the text)."""
        super().validar()
        if self._verificar is not None:
            ok, motivo = self._verificar(self.fecha_documento())
            if not ok:
                raise CampoInvalido(self.fecha, motivo)

    def fecha_documento(self) -> date:
        return fecha_de(self.fecha)

    def poner_fecha(self, valor: date) -> None:
        """Set the document's date (and a remate 30 days later)."""
        poner_fecha(self.fecha, valor)
        if "fecha_remate" in self.campos:
            poner_fecha(self.campos["fecha_remate"], valor + timedelta(days=30))

    def datos(self) -> dict[str, Any]:
        """The ``datos`` for :meth:`DocumentosService.generar` (only the keys filled in)."""
        out: dict[str, Any] = {}
        for clave, w in self.campos.items():
            if clave == "medidas_ley":
                if not w.isChecked():
                    out["medidas"] = []
            elif clave == "citar_liquidacion":
                if w.isChecked():
                    out["liquidacion_id"] = "ultima"
            elif isinstance(w, QComboBox):
                if w.currentData():
                    out[clave] = w.currentData()
            elif isinstance(w, FilasEditor):
                filas = w.filas()
                if filas:
                    out[clave] = filas
            elif isinstance(w, MontoEdit):
                v = w.valor("base del remate")
                if v is not None:
                    out[clave] = str(v)
            elif isinstance(w, QPlainTextEdit):
                if w.toPlainText().strip():
                    out[clave] = w.toPlainText().strip()
            elif isinstance(w, QLineEdit):
                if w.text().strip():
                    out[clave] = w.text().strip()
            elif isinstance(w, QSpinBox):
                if w.value() > 0:
                    out[clave] = w.value()
            else:  # the remate's date
                out[clave] = format_dmy(fecha_de(w))
        if "medida_id" in out:
            out.pop("destinatario", None)
        return out

