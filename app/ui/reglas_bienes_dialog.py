"""The office's rules of seized goods, which are not confirmed law and therefore configurable (domain.md §5,
§2.9): the depositario's report period, the proportionality factor, the remate base as a share of the avalúo
and the publication term of the aviso de remate."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from app.domain.bienes import ReglasBienes
from app.ui.campos import botones
from app.ui.formulario import Formulario
from app.ui.pestana import nota


class ReglasBienesDialog(Formulario):
    def __init__(self, reglas: ReglasBienes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reglas de bienes embargados (configurables)")
        self.meses = QSpinBox(self)
        self.meses.setRange(1, 12)
        self.meses.valueChanged.connect(lambda n: self.meses.setSuffix(" mes" if n == 1 else " meses"))
        self.meses.setValue(reglas.informe_meses)
        self.meses.setSuffix(" mes" if self.meses.value() == 1 else " meses")
        self.factor = QDoubleSpinBox(self)
        self.factor.setRange(1, 20)
        self.factor.setDecimals(2)
        self.factor.setSuffix(" veces la deuda")
        self.factor.setValue(float(reglas.factor_proporcionalidad))
        self.base = QDoubleSpinBox(self)
        self.base.setRange(1, 100)
        self.base.setDecimals(2)
        self.base.setSuffix(" % del avalúo")
        self.base.setValue(float(reglas.base_remate * 100))
        self.publicacion = QSpinBox(self)
        self.publicacion.setRange(0, 365)
        self.publicacion.setSuffix(" días (plazo)")
        self.publicacion.setValue(reglas.publicacion_dias)
        form = QFormLayout(self)
        form.addRow(nota(self, "Estas reglas no constan confirmadas en la ley: la oficina las fija. Los valores por "
                               "omisión son: informe mensual, 2 veces la deuda, 100 % del avalúo y 20 días."))
        form.addRow("&Informe del depositario cada:", self.meses)
        form.addRow("Pedir con&firmación si los bienes valen más de:", self.factor)
        form.addRow("&Base del remate:", self.base)
        form.addRow("&Publicación del aviso antes del remate:", self.publicacion)
        caja, self.aceptar = botones(self, "Guardar")
        form.addRow(caja)

    def reglas(self) -> ReglasBienes:
        """Raises ValidationError (from :class:`ReglasBienes`) for values out of range."""
        return ReglasBienes(self.meses.value(), Decimal(str(round(self.factor.value(), 2))),
                            (Decimal(str(round(self.base.value(), 2))) / 100).quantize(Decimal("0.0001")),
                            self.publicacion.value())
