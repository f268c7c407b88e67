"""Dialog to sign an acuerdo de pago parcial (APP): date, months, down payment, C.D. 617 scheme, rate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.common.errors import ValidationError
from app.ui.campos import MontoEdit, botones, campo_fecha, fecha_de
from app.ui.formulario import CampoInvalido, Formulario
from app.ui.pestana import nota


@dataclass(frozen=True, slots=True)
class DatosConvenio:
    fecha: date
    plazo_meses: int
    cuota_inicial: Decimal
    sin_honorarios: bool
    tasa_anual: Decimal | None
    generar_auto: bool


class ConvenioDialog(Formulario):
    def __init__(self, numero: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Acuerdo de pago parcial — juicio {numero}")
        self.setMinimumWidth(520)
        self.fecha = campo_fecha(self)
        self.meses = QSpinBox(self)
        self.meses.setRange(2, 72)
        self.meses.setValue(12)
        self.meses.setSuffix(" meses")
        self.cuota_inicial = MontoEdit(self, obligatorio=False)
        self.cuota_inicial.setPlaceholderText("0,00")
        self.sin_honorarios = QCheckBox("Resolución C.D. 617: sin cuota inicial y sin honorarios", self)
        self.sin_honorarios.toggled.connect(self._cd617)
        self.tasa = QLineEdit(self)
        self.tasa.setPlaceholderText("Vacía: la tasa vigente de la oficina a la fecha")
        self.generar_auto = QCheckBox("Generar y foliar el auto de suspensión", self)
        self.generar_auto.setChecked(True)
        form = QFormLayout()
        form.addRow("&Fecha de suscripción:", self.fecha)
        form.addRow("&Plazo:", self.meses)
        form.addRow("Cuota &inicial (USD):", self.cuota_inicial)
        form.addRow("", self.sin_honorarios)
        form.addRow("&Tasa anual (%):", self.tasa)
        form.addRow("", self.generar_auto)
        caja, self.aceptar = botones(self, "Suscribir acuerdo")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "El monto del acuerdo es el saldo de la liquidación a la fecha. Mientras se cumpla, "
                                 "el juicio queda suspendido; una cuota impaga lo reanuda."))
        lay.addLayout(form)
        lay.addWidget(caja)

    @Slot(bool)
    def _cd617(self, activo: bool) -> None:
        if activo:
            self.cuota_inicial.clear()
        self.cuota_inicial.setEnabled(not activo)

    def campos(self) -> Mapping[str, QWidget]:
        return {"fecha": self.fecha, "plazo_meses": self.meses, "cuota_inicial": self.cuota_inicial,
                "tasa_anual": self.tasa}

    def datos(self) -> DatosConvenio:
        tasa = None
        if self.tasa.text().strip():
            try:
                tasa = Decimal(self.tasa.text().strip().replace(",", "."))
            except InvalidOperation as exc:
                raise CampoInvalido(self.tasa, f"«{self.tasa.text().strip()}» no es una tasa (use p. ej. 8,5).") \
                    from exc
        try:
            cuota = self.cuota_inicial.valor("cuota inicial") or Decimal("0.00")
        except ValidationError as exc:
            raise CampoInvalido(self.cuota_inicial, exc.message) from exc
        return DatosConvenio(
            fecha=fecha_de(self.fecha), plazo_meses=self.meses.value(),
            cuota_inicial=cuota,
            sin_honorarios=self.sin_honorarios.isChecked(), tasa_anual=tasa,
            generar_auto=self.generar_auto.isChecked(),
        )
