"""Acuerdos de pago parcial (APP) by date, as data (issue 8; domain.md §4).

Which rule applies depends on the APP's signing date:

- **IESS Resolución C.D. 658** (May 2023): up to 72 months **without cuota inicial** until 28-02-2024; from
  29-02-2024 up to 48 months (4 years) with a cuota inicial.
- **IESS Resolución C.D. 671** (April 2024): the plazo depends on the amount owed — up to USD 1.000,00:
  12 months; up to USD 2.800,00: 24; from USD 2.800,01 to 9.100,00: 30 to 66 months (six more months for each
  USD 900,00 of debt above USD 2.800,00: seven equal steps, our reading of the 30–66 range); above USD
  9.100,00: 72. Cuota inicial as the office configures it (preference ``convenio.cuota_inicial_min_pct``).

Common to both: **no interest on interest** — the APP's financing interest is charged on the capital owed, not
on the interest, surcharges or costs it consolidates (:func:`app.domain.convenio.tabla_amortizacion`,
``sin_interes``); and a **minimum instalment** (office preference ``convenio.cuota_minima``, USD; default
:data:`CUOTA_MINIMA` — configurable, the resolutions' figure was not retrieved).

Sources: press reports of the resolutions (revistademanabi.com 2023-07-30 on C.D. 658; time.news on C.D. 671;
gob.ec trámite "solicitud acuerdo pagos parciales"); the primary texts were not retrieved, so the dates of
entry into force below are the ones those reports give (**configurable** in code review, not by the user).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.common.errors import ValidationError

#: Minimum instalment (USD) unless the office configures one (configurable; none confirmed).
CUOTA_MINIMA = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class TramoPlazo:
    """Debts up to ``hasta`` USD (None: any amount) may be paid in at most ``plazo_max`` months."""

    hasta: Decimal | None
    plazo_max: int


@dataclass(frozen=True, slots=True)
class ReglaAPP:
    """The APP rule in force from ``vigente_desde`` (inclusive) until the next one."""

    resolucion: str
    vigente_desde: date
    tramos: tuple[TramoPlazo, ...]
    cuota_inicial_obligatoria: bool
    descripcion: str

    def plazo_maximo(self, monto: Decimal) -> int:
        """The longest plazo (months) this rule allows for a debt of ``monto`` USD."""
        for t in self.tramos:
            if t.hasta is None or monto <= t.hasta:
                return t.plazo_max
        return self.tramos[-1].plazo_max


def _tramos_671() -> tuple[TramoPlazo, ...]:
    out = [TramoPlazo(Decimal("1000.00"), 12), TramoPlazo(Decimal("2800.00"), 24)]
    for k in range(7):  # 30, 36, …, 66 months, one step per USD 900,00 above 2.800,00 (up to 9.100,00)
        out.append(TramoPlazo(Decimal("2800.00") + Decimal("900.00") * (k + 1), 30 + 6 * k))
    out.append(TramoPlazo(None, 72))
    return tuple(out)


REGLAS_APP: tuple[ReglaAPP, ...] = (
    ReglaAPP("C.D. 658", date(2023, 5, 1), (TramoPlazo(None, 72),), False,
             "hasta 72 meses sin cuota inicial (hasta el 28-02-2024)"),
    ReglaAPP("C.D. 658", date(2024, 2, 29), (TramoPlazo(None, 48),), True,
             "hasta 4 años con cuota inicial (desde el 29-02-2024)"),
    ReglaAPP("C.D. 671", date(2024, 4, 1), _tramos_671(), False,
             "plazo según el monto: hasta USD 1.000 → 12 meses; hasta 2.800 → 24; de 2.800,01 a 9.100 → 30 a 66; "
             "más de 9.100 → 72"),
)


def regla_para(fecha: date, reglas: tuple[ReglaAPP, ...] = REGLAS_APP) -> ReglaAPP | None:
    """The rule in force on ``fecha`` (None before the first one: the office's general limits apply)."""
    vigente = None
    for r in sorted(reglas, key=lambda x: x.vigente_desde):
        if r.vigente_desde <= fecha:
            vigente = r
    return vigente


def validar_por_fecha(fecha: date, monto: Decimal, plazo_meses: int, cuota_inicial: Decimal,
                      cuota_inicial_min_pct: Decimal, cuota_mensual: Decimal | None = None,
                      cuota_minima: Decimal = CUOTA_MINIMA) -> None:
    """Check an APP signed on ``fecha`` against the rule in force then.

    Raises:
        ValidationError: plazo longer than the rule allows for ``monto`` (rule and limit named); a cuota inicial
            under C.D. 658 before 29-02-2024, or missing when the rule requires one; an instalment below the
            minimum.
    """
    r = regla_para(fecha)
    if r is not None:
        maximo = r.plazo_maximo(monto)
        if plazo_meses > maximo:
            raise ValidationError(
                f"Según la Resolución {r.resolucion} ({r.descripcion}), una deuda de USD {monto:.2f} se puede "
                f"pagar en hasta {maximo} meses; se pidieron {plazo_meses}."
            )
        if r.resolucion == "C.D. 658" and not r.cuota_inicial_obligatoria and cuota_inicial > 0:
            raise ValidationError("Hasta el 28-02-2024 la Resolución C.D. 658 concede el acuerdo sin cuota inicial.")
        if r.cuota_inicial_obligatoria and cuota_inicial <= 0 and cuota_inicial_min_pct > 0:
            raise ValidationError(
                f"Desde el 29-02-2024 la Resolución {r.resolucion} exige cuota inicial (al menos el "
                f"{cuota_inicial_min_pct} % configurado por la oficina).")
    if cuota_mensual is not None and cuota_minima > 0 and cuota_mensual < cuota_minima:
        raise ValidationError(
            f"La cuota mensual (USD {cuota_mensual:.2f}) es menor que la mínima de USD {cuota_minima:.2f}: "
            "acorte el plazo.")
