"""Dialogs of seized goods: register a good, appoint its depositario, file a report, record an avalúo,
designate a perito, convoke the remate, record a bid, return or release a good.

Each dialog only gathers input; the caller runs the service with :func:`repetir_hasta_guardar`, which reopens
the same dialog (the input kept) when the service refuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.errors import AppError
from app.common.text import plural
from app.domain.bienes import EstadoBien, TipoBien
from app.domain.bienes_campos import CAMPOS
from app.services.bienes import ActaDisponible, NuevoBien
from app.services.depositarios import DatosDepositario
from app.ui.campos import MontoEdit, botones, campo_fecha, fecha_de
from app.ui.errors import show_error
from app.ui.formulario import Formulario
from app.ui.fotos import FotosEditor
from app.ui.pestana import nota

T = TypeVar("T")
CONDICIONES = ("Buena", "Regular", "Mala", "Inservible")


def repetir_hasta_guardar(dlg: QDialog, guardar: Callable[[Any], T], parent: QWidget | None = None) -> T | None:
    """Show ``dlg`` until ``guardar(dlg)`` succeeds (returns its result) or the user cancels (None). A refusal
    (:class:`AppError`) is shown and the dialog stays open with what the user typed (a
    :class:`~app.ui.formulario.Formulario` saves in its ``accept``; another dialog is shown again)."""
    try:
        if isinstance(dlg, Formulario):
            dlg.al_aceptar(lambda: guardar(dlg))
            return dlg.resultado if dlg.exec() == QDialog.DialogCode.Accepted else None
        for _ in range(50):  # a person gives up long before; a scripted test never loops forever
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            try:
                return guardar(dlg)
            except AppError as exc:
                show_error(parent or dlg, exc)
        return None
    finally:
        dlg.deleteLater()


def _texto(parent: QWidget, lineas: int = 3) -> QPlainTextEdit:
    t = QPlainTextEdit(parent)
    t.setFixedHeight(t.fontMetrics().height() * lineas + 12)
    return t


def _condicion(parent: QWidget) -> QComboBox:
    c = QComboBox(parent)
    c.setEditable(True)
    c.addItems(CONDICIONES)
    return c


class RegistrarBienDialog(Formulario):
    """A good seized by an acta of the expediente: kind, acta, its kind's fields, value, place and photos."""

    def __init__(self, numero: str, actas: Sequence[ActaDisponible], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar bien embargado — juicio {numero}")
        self.setMinimumWidth(640)
        self.tipo = QComboBox(self)
        self.tipo.setObjectName("comboTipoBien")
        for t in TipoBien:
            self.tipo.addItem(t.etiqueta, t.value)
        self.acta = QComboBox(self)
        for a in actas:
            self.acta.addItem(f"{a.descripcion} — fojas {a.desde}-{a.hasta}", a.documento_id)
        self.descripcion = QLineEdit(self)
        self.descripcion.setPlaceholderText("Vacío: se describe con sus datos (marca, modelo, año…)")
        self.valor = MontoEdit(self, obligatorio=False)
        self.ubicacion = QLineEdit(self)
        self.condicion = _condicion(self)
        self.grupo = QGroupBox("Datos del bien", self)
        self.form_tipo = QFormLayout(self.grupo)
        self.campos: dict[str, QLineEdit] = {}
        self.fotos = FotosEditor(self)
        form = QFormLayout()
        form.addRow("&Tipo:", self.tipo)
        form.addRow("&Acta:", self.acta)
        form.addRow("&Descripción:", self.descripcion)
        form.addRow("&Valor estimado (USD):", self.valor)
        form.addRow("&Ubicación:", self.ubicacion)
        form.addRow("&Estado:", self.condicion)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.grupo)
        lay.addWidget(nota(self, "Fotos y escaneos (se guardan con su huella SHA-256):"))
        lay.addWidget(self.fotos)
        lay.addWidget(caja)
        self.tipo.currentIndexChanged.connect(lambda _i: self._campos_del_tipo())
        self._campos_del_tipo()

    def _campos_del_tipo(self) -> None:
        while self.form_tipo.rowCount():
            self.form_tipo.removeRow(0)
        self.campos = {}
        for c in CAMPOS[TipoBien(self.tipo.currentData())]:
            e = QLineEdit(self.grupo)
            e.setObjectName(f"campo_{c.clave}")
            self.campos[c.clave] = e
            self.form_tipo.addRow(c.etiqueta + (" *" if c.obligatorio else "") + ":", e)
        self.valor.setEnabled(TipoBien(self.tipo.currentData()) is not TipoBien.FONDOS)

    def elegir_tipo(self, tipo: TipoBien) -> None:
        self.tipo.setCurrentIndex(self.tipo.findData(tipo.value))

    def nuevo(self) -> NuevoBien:
        return NuevoBien(TipoBien(self.tipo.currentData()), self.descripcion.text(),
                         self.valor.valor("valor estimado") if self.valor.isEnabled() else None,
                         self.ubicacion.text(), self.condicion.currentText(),
                         {k: e.text() for k, e in self.campos.items()})

    def acta_id(self) -> Any:
        return self.acta.currentData()


class DesignarDepositarioDialog(Formulario):
    def __init__(self, bienes: str, depositarios: Sequence[DatosDepositario], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Designar depositario judicial")
        self.setMinimumWidth(560)
        self.depositario = QComboBox(self)
        self.depositario.setObjectName("comboDepositario")
        for d in depositarios:
            self.depositario.addItem(f"{d.nombres} ({d.cedula}) — {plural(d.bienes, 'bien')} en custodia", d.id)
        self.fecha = campo_fecha(self)
        self.lugar = QLineEdit(self)
        self.lugar.setPlaceholderText("Dónde quedan los bienes (bodega, patio, domicilio del coactivado…)")
        self.condicion = _condicion(self)
        self.fotos = FotosEditor(self)
        form = QFormLayout()
        form.addRow("Bienes:", nota(self, bienes))
        form.addRow("&Depositario:", self.depositario)
        form.addRow("&Fecha de posesión:", self.fecha)
        form.addRow("&Lugar de custodia:", self.lugar)
        form.addRow("&Estado al recibirlos:", self.condicion)
        caja, self.aceptar = botones(self, "Designar y generar acta de posesión")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(nota(self, "Fotos de la entrega:"))
        lay.addWidget(self.fotos)
        lay.addWidget(caja)


class InformeDialog(Formulario):
    """The depositario's periodic report: state, place, remarks, costs and photos — a few clicks."""

    def __init__(self, bien: str, ubicacion: str, condicion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Registrar informe del depositario")
        self.setMinimumWidth(560)
        self.fecha = campo_fecha(self)
        self.condicion = _condicion(self)
        if condicion:
            self.condicion.setCurrentText(condicion)
        self.ubicacion = QLineEdit(ubicacion, self)
        self.observaciones = _texto(self)
        self.costo = MontoEdit(self, obligatorio=False)
        self.concepto = QLineEdit(self)
        self.concepto.setPlaceholderText("p. ej. parqueadero del mes, mantenimiento")
        self.fotos = FotosEditor(self)
        form = QFormLayout()
        form.addRow("Bien:", nota(self, bien))
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Estado:", self.condicion)
        form.addRow("&Ubicación:", self.ubicacion)
        form.addRow("&Observaciones:", self.observaciones)
        form.addRow("&Costo (USD):", self.costo)
        form.addRow("Con&cepto del costo:", self.concepto)
        caja, self.aceptar = botones(self, "Registrar informe")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(nota(self, "Fotos del bien hoy:"))
        lay.addWidget(self.fotos)
        lay.addWidget(nota(self, "Los costos de custodia y mantenimiento se cargan al juicio como costas."))
        lay.addWidget(caja)


class AvaluoDialog(Formulario):
    def __init__(self, bien: str, perito: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Registrar avalúo")
        self.setMinimumWidth(520)
        self.fecha = campo_fecha(self)
        self.perito = QLineEdit(perito, self)
        self.cedula = QLineEdit(self)
        self.valor = MontoEdit(self)
        self.observaciones = _texto(self, 2)
        self.informe = FotosEditor(self)
        form = QFormLayout()
        form.addRow("Bien:", nota(self, bien))
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Perito:", self.perito)
        form.addRow("&Cédula del perito:", self.cedula)
        form.addRow("&Valor (USD):", self.valor)
        form.addRow("&Observaciones:", self.observaciones)
        caja, self.aceptar = botones(self, "Registrar avalúo")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(nota(self, "Informe pericial (se folia en el expediente):"))
        lay.addWidget(self.informe)
        lay.addWidget(caja)


class PeritoDialog(Formulario):
    def __init__(self, bienes: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Designar perito avaluador")
        self.fecha = campo_fecha(self)
        self.perito = QLineEdit(self)
        self.cedula = QLineEdit(self)
        self.plazo = QSpinBox(self)
        self.plazo.setRange(1, 90)
        self.plazo.setValue(8)
        self.plazo.setSuffix(" días")
        form = QFormLayout(self)
        form.addRow("Bienes:", nota(self, bienes))
        form.addRow("&Fecha de la providencia:", self.fecha)
        form.addRow("&Perito:", self.perito)
        form.addRow("&Cédula:", self.cedula)
        form.addRow("P&lazo para el informe:", self.plazo)
        caja, self.aceptar = botones(self, "Designar y generar providencia")
        form.addRow(caja)


class ConvocarRemateDialog(Formulario):
    def __init__(self, bienes: str, publicacion_dias: int, base_pct: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Convocar remate")
        self.fecha_aviso = campo_fecha(self)
        self.fecha_remate = campo_fecha(self, local_today() + timedelta(days=publicacion_dias + 1))
        self.hora = QLineEdit("10h00", self)
        self.lugar = QLineEdit(self)
        self.lugar.setPlaceholderText("Vacío: las oficinas del Juzgado de Coactiva")
        form = QFormLayout(self)
        form.addRow("Bienes:", nota(self, bienes))
        form.addRow(nota(self, f"Base: {base_pct} del avalúo; el remate, al menos {publicacion_dias} días después del "
                               "aviso (configurable por la oficina)."))
        form.addRow("&Fecha del aviso:", self.fecha_aviso)
        form.addRow("Fecha del &remate:", self.fecha_remate)
        form.addRow("&Hora:", self.hora)
        form.addRow("&Lugar:", self.lugar)
        caja, self.aceptar = botones(self, "Convocar y generar aviso")
        form.addRow(caja)


class PosturaDialog(Formulario):
    def __init__(self, base: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Registrar postura")
        self.postor = QLineEdit(self)
        self.identificacion = QLineEdit(self)
        self.valor = MontoEdit(self)
        self.deposito = MontoEdit(self)
        form = QFormLayout(self)
        form.addRow(nota(self, f"Base del remate: USD {base}. Cada postura consigna al menos el 10 % de su valor."))
        form.addRow("&Postor:", self.postor)
        form.addRow("&Cédula/RUC:", self.identificacion)
        form.addRow("&Postura (USD):", self.valor)
        form.addRow("&Depósito (USD):", self.deposito)
        caja, self.aceptar = botones(self, "Registrar postura")
        form.addRow(caja)


class TerminarDialog(Formulario):
    def __init__(self, bien: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Devolver o levantar el embargo")
        self.estado = QComboBox(self)
        self.estado.addItem("Levantar el embargo", EstadoBien.LEVANTADO.value)
        self.estado.addItem("Devolver el bien", EstadoBien.DEVUELTO.value)
        self.fecha = campo_fecha(self)
        self.motivo = QLineEdit(self)
        self.motivo.setPlaceholderText("p. ej. pago total de la obligación")
        self.recibe = QLineEdit(self)
        self.recibe.setPlaceholderText("Vacío: el coactivado")
        self.confirmar = QCheckBox("Entiendo que el bien sale de la custodia y su historia termina", self)
        form = QFormLayout(self)
        form.addRow("Bien:", nota(self, bien))
        form.addRow("&Acto:", self.estado)
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Motivo:", self.motivo)
        form.addRow("&Recibe:", self.recibe)
        form.addRow(self.confirmar)
        caja, self.aceptar = botones(self, "Registrar")
        self.aceptar.setEnabled(False)
        self.confirmar.toggled.connect(self.aceptar.setEnabled)
        form.addRow(caja)


def fecha(edit: Any) -> date:
    return fecha_de(edit)
