"""Dialogs of the Pagos tab: an abono (date, amount, receipt; shows the saldo at that date) and a judicial
cost. Both are :class:`~app.ui.formulario.Formulario`: a refusal keeps them open with what was typed; an
abono dated before the OPI is confirmed first, one dated after today is marked to be corrected."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.common.errors import AppError, ValidationError
from app.domain.fechas_pago import RevisionFechaPago
from app.ui import formato, mensajes
from app.ui.campos import MontoEdit, botones, campo_fecha, etiqueta, fecha_de
from app.ui.formulario import CampoInvalido, Formulario, marcar
from app.ui.pestana import nota

SaldoEn = Callable[[date], Decimal]
#: What the payment service says of a date (``PagosService.revisar_fecha_abono`` for the juicio).
RevisarFecha = Callable[[date], RevisionFechaPago]


@dataclass(frozen=True, slots=True)
class DatosAbono:
    fecha: date
    monto: Decimal
    referencia: str


class AbonoDialog(Formulario):
    """``saldo_en(fecha)``: what the debtor owes at a date (the liquidación's total), shown as a guide;
    ``revisar_fecha``: which dates are refused or confirmed (None: none checked here)."""

    def __init__(self, numero: str, saldo_en: SaldoEn, parent: QWidget | None = None,
                 revisar_fecha: RevisarFecha | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar abono — juicio {numero}")
        self.setMinimumWidth(520)
        self._saldo_en = saldo_en
        self._revisar_fecha = revisar_fecha
        self._saldo: Decimal | None = None
        self.fecha = campo_fecha(self)
        self.monto = MontoEdit(self)
        self.pagar_todo = QPushButton("Saldo total", self)
        self.pagar_todo.setToolTip("Poner como valor el saldo de la deuda a la fecha del pago")
        self.pagar_todo.clicked.connect(self.poner_saldo)
        fila = QHBoxLayout()
        fila.addWidget(self.monto, 1)
        fila.addWidget(self.pagar_todo)
        self.referencia = QLineEdit(self)
        self.referencia.setPlaceholderText("Número de recibo, depósito o transferencia")
        self.saldo = nota(self)
        self.saldo.setObjectName("saldoAbono")
        form = QFormLayout()
        form.addRow("&Fecha del pago:", self.fecha)
        form.addRow(etiqueta("&Valor (USD):", self.monto, self), fila)
        form.addRow("&Comprobante:", self.referencia)
        form.addRow("", self.saldo)
        caja, self.aceptar = botones(self, "Registrar abono")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "El abono se imputa primero a costas, luego a intereses, recargos y capital "
                                 "(según la configuración de la oficina)."))
        lay.addLayout(form)
        lay.addWidget(caja)
        self.fecha.dateChanged.connect(lambda _d: self._calcular())
        self._calcular()

    @Slot()
    def _calcular(self) -> None:
        try:
            self._saldo = self._saldo_en(fecha_de(self.fecha))
        except AppError as exc:
            self._saldo = None
            self.saldo.setText(exc.message)
            return
        self.saldo.setText(f"Saldo de la deuda al {formato.fecha(fecha_de(self.fecha))}: "
                           f"USD {formato.usd(self._saldo)}")

    @Slot()
    def poner_saldo(self) -> None:
        if self._saldo is not None:
            self.monto.poner(self._saldo)

    def campos(self) -> Mapping[str, QWidget]:
        return {"fecha": self.fecha, "monto": self.monto, "referencia": self.referencia}

    def validar(self) -> None:
        super().validar()
        try:
            self.datos()
        except ValidationError as exc:
            raise CampoInvalido(self.monto, exc.message) from exc
        if self._revisar_fecha is not None:
            r = self._revisar_fecha(fecha_de(self.fecha))
            if r.error:
                raise CampoInvalido(self.fecha, r.error)

    def confirmar(self) -> bool:
        """A date before the OPI is asked about; «Corregir la fecha» leaves the dialog open on the date."""
        avisos = self._revisar_fecha(fecha_de(self.fecha)).confirmar if self._revisar_fecha is not None else ()
        if not avisos:
            return True
        if mensajes.confirmar(self, " ".join(avisos), "¿Registrar el abono con esa fecha?",
                              titulo="Confirmar la fecha del pago", si="Registrar con esa fecha",
                              no="Corregir la fecha"):
            return True
        marcar(self.fecha, " ".join(avisos))
        self._marcados.append(self.fecha)
        return False

    def datos(self) -> DatosAbono:
        monto = self.monto.valor("valor del abono")
        assert monto is not None
        return DatosAbono(fecha_de(self.fecha), monto, self.referencia.text().strip())


@dataclass(frozen=True, slots=True)
class DatosCosta:
    fecha: date
    concepto: str
    monto: Decimal


class CostaDialog(Formulario):
    def __init__(self, numero: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar costa judicial — juicio {numero}")
        self.setMinimumWidth(480)
        self.fecha = campo_fecha(self)
        self.concepto = QLineEdit(self)
        self.concepto.setPlaceholderText("Publicación, custodia, avalúo…")
        self.monto = MontoEdit(self)
        form = QFormLayout()
        form.addRow("&Fecha:", self.fecha)
        form.addRow("&Concepto:", self.concepto)
        form.addRow("&Valor (USD):", self.monto)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(caja)

    def campos(self) -> Mapping[str, QWidget]:
        return {"fecha": self.fecha, "concepto": self.concepto, "monto": self.monto}

    def validar(self) -> None:
        super().validar()
        try:
            self.datos()
        except ValidationError as exc:
            raise CampoInvalido(self.monto, exc.message) from exc

    def datos(self) -> DatosCosta:
        monto = self.monto.valor("valor de la costa")
        if monto is None:  # pragma: no cover - required field
            raise ValidationError("Indique el valor de la costa.")
        return DatosCosta(fecha_de(self.fecha), self.concepto.text().strip(), monto)
