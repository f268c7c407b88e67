"""Honorarios of the secretarios-abogados: tariff, fee base, exclusions (domain.md §4). Pure: no I/O.

**Tariff** (:class:`Tarifa`, a dated table the office keeps, **configurable**): the fee is ``porcentaje`` % of
what was recovered, plus IVA ``iva_porcentaje`` % on the fee; the row in force on the *recovery's* date (the
day the coactivado paid, or the remate's proceeds were applied) applies. Each row carries the text of its
legal source. Until an office confirms its own table, :data:`TARIFA_PREDETERMINADA` applies and the UI says
it is a configurable default: 10 % (domain.md §4, unconfirmed) plus Ecuador's IVA of each period (12 %;
14 % from 1 June 2016 to 31 May 2017, Ley Orgánica de Solidaridad; 15 % from 1 April 2024, Ley Orgánica para
Enfrentar el Conflicto Armado Interno).

**Rounding** (per recovery, so that a reversal cancels its fee exactly): ``honorario = q(monto × % / 100)``,
``iva = q(honorario × IVA / 100)``, ``total = honorario + iva`` (:func:`honorario_de`).

**Base** = what was actually recovered in the juicio (payments, seized funds transferred, remate proceeds —
each reaches the juicio as a ``Pago``) minus what generates no fee, each exclusion listed with its reason
(:func:`calcular`):

- a payment under an acuerdo de pago parcial exonerated of fees (``sin_honorarios``; Chimborazo 2024
  management memo: APPs "exonerándose de honorarios de abogados");
- a payment during a legal suspension (:class:`Suspension`; Ley Orgánica de Apoyo Financiero, December 2024
  to 28 February 2025: "no generará honorarios de abogados externos"), a dated table the office edits;
- a recovery before the sorteo (the lawyer had not been assigned the juicio yet).

The part of a payment that paid fees charged to the coactivado (``a_honorarios``) is the fee itself, not a
recovery: it is never a base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from app.common.errors import ValidationError
from app.common.money import CENT, q

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class Tarifa:
    """A tariff row: ``porcentaje`` % fee and ``iva_porcentaje`` % IVA on it, in force from ``vigente_desde``;
    ``fuente`` is the legal source text shown with it."""

    vigente_desde: date
    porcentaje: Decimal
    iva_porcentaje: Decimal
    fuente: str = ""


FUENTE_PREDETERMINADA = ("Tarifa predeterminada del sistema (10 % de lo recuperado), pendiente de confirmación por la "
                         "unidad")
#: Used while an office has not confirmed its own table (the UI marks it "configurable").
TARIFA_PREDETERMINADA: tuple[Tarifa, ...] = (
    Tarifa(date(2000, 1, 1), Decimal("10"), Decimal("12"),
           f"{FUENTE_PREDETERMINADA}; IVA 12 % (Ley de Régimen Tributario Interno, art. 65)"),
    Tarifa(date(2016, 6, 1), Decimal("10"), Decimal("14"),
           f"{FUENTE_PREDETERMINADA}; IVA 14 % (Ley Orgánica de Solidaridad, 1 de junio de 2016 a 31 de mayo de 2017)"),
    Tarifa(date(2017, 6, 1), Decimal("10"), Decimal("12"),
           f"{FUENTE_PREDETERMINADA}; IVA 12 % (fin de la tarifa temporal de la Ley Orgánica de Solidaridad)"),
    Tarifa(date(2024, 4, 1), Decimal("10"), Decimal("15"),
           f"{FUENTE_PREDETERMINADA}; IVA 15 % (Ley Orgánica para Enfrentar el Conflicto Armado Interno, "
           "desde el 1 de abril de 2024)"),
)


@dataclass(frozen=True, slots=True)
class Suspension:
    """A legal suspension (both days included) during which recoveries generate no fees."""

    desde: date
    hasta: date
    motivo: str
    fuente: str = ""

    def incluye(self, d: date) -> bool:
        return self.desde <= d <= self.hasta


#: Default table of legal suspensions (configurable: the office edits it; the start date is the month the
#: public sources give, to be confirmed against the Registro Oficial).
SUSPENSIONES_PREDETERMINADAS: tuple[Suspension, ...] = (
    Suspension(date(2024, 12, 1), date(2025, 2, 28), "Ley Orgánica de Apoyo Financiero",
               "Ley Orgánica de Apoyo Financiero (diciembre de 2024 – 28 de febrero de 2025): «no generará "
               "honorarios de abogados externos»; fecha de inicio configurable"),
)


class Motivo(StrEnum):
    """Why a recovery generates no fee."""

    APP_SIN_HONORARIOS = "APP_SIN_HONORARIOS"
    SUSPENSION_LEGAL = "SUSPENSION_LEGAL"
    ANTES_SORTEO = "ANTES_SORTEO"

    @property
    def etiqueta(self) -> str:
        return {
            "APP_SIN_HONORARIOS": "Pago de un acuerdo de pago parcial exonerado de honorarios",
            "SUSPENSION_LEGAL": "Pago durante una suspensión legal",
            "ANTES_SORTEO": "Recuperación anterior al sorteo",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Recuperacion:
    """Money recovered in a juicio (USD), from one ``Pago``: ``monto`` is what went to the debt (the payment
    minus the part that paid fees charged to the coactivado); negative for a reversal (corrección), which
    then names the payment it reverses in ``corrige_id``."""

    pago_id: str
    fecha: date
    monto: Decimal
    referencia: str = ""
    sin_honorarios: bool = False
    corrige_id: str | None = None


@dataclass(frozen=True, slots=True)
class LineaHonorario:
    """One recovery and its fee (USD). ``motivo`` set: excluded (fee zero)."""

    recuperacion: Recuperacion
    motivo: Motivo | None
    detalle_motivo: str
    tarifa: Tarifa | None
    honorario: Decimal
    iva: Decimal

    @property
    def total(self) -> Decimal:
        return self.honorario + self.iva

    @property
    def excluida(self) -> bool:
        return self.motivo is not None


@dataclass(frozen=True, slots=True)
class CalculoHonorarios:
    """Fees on a list of recoveries: every line, the base and the totals (USD)."""

    lineas: tuple[LineaHonorario, ...]

    @property
    def recuperado(self) -> Decimal:
        return sum((x.recuperacion.monto for x in self.lineas), CERO)

    @property
    def exclusiones(self) -> tuple[LineaHonorario, ...]:
        return tuple(x for x in self.lineas if x.excluida)

    @property
    def excluido(self) -> Decimal:
        return sum((x.recuperacion.monto for x in self.exclusiones), CERO)

    @property
    def base(self) -> Decimal:
        return self.recuperado - self.excluido

    @property
    def honorario(self) -> Decimal:
        return sum((x.honorario for x in self.lineas), CERO)

    @property
    def iva(self) -> Decimal:
        return sum((x.iva for x in self.lineas), CERO)

    @property
    def total(self) -> Decimal:
        return self.honorario + self.iva


@dataclass(frozen=True, slots=True)
class ReglaHonorarios:
    """What decides fees in a juicio: the tariff table, the legal suspensions, the sorteo date (recoveries
    before it carry none) and whether the fee is charged to the coactivado as a line of his debt
    (``a_cargo_del_coactivado``, **configurable**) — from ``a_cargo_desde`` on (None: always): recoveries before
    the office started charging the fee carry none for the coactivado (it is still owed to the lawyer)."""

    tarifas: tuple[Tarifa, ...] = TARIFA_PREDETERMINADA
    suspensiones: tuple[Suspension, ...] = SUSPENSIONES_PREDETERMINADAS
    fecha_sorteo: date | None = None
    a_cargo_del_coactivado: bool = False
    a_cargo_desde: date | None = None

    def cobra_en(self, d: date) -> bool:
        """Whether the coactivado pays the fee of what is recovered on ``d``."""
        return self.a_cargo_del_coactivado and (self.a_cargo_desde is None or d >= self.a_cargo_desde)

    def tarifa_en(self, d: date) -> Tarifa:
        return tarifa_vigente(self.tarifas, d)

    def exclusion(self, d: date, sin_honorarios: bool = False) -> tuple[Motivo, str] | None:
        """Why a recovery on ``d`` generates no fee, or None (see the module docstring)."""
        if self.fecha_sorteo is not None and d < self.fecha_sorteo:
            return Motivo.ANTES_SORTEO, f"anterior al sorteo del {d_m_a(self.fecha_sorteo)}"
        if sin_honorarios:
            return Motivo.APP_SIN_HONORARIOS, ""
        for s in self.suspensiones:
            if s.incluye(d):
                return Motivo.SUSPENSION_LEGAL, f"{s.motivo} ({d_m_a(s.desde)} a {d_m_a(s.hasta)})"
        return None

    def honorario(self, monto: Decimal, d: date, sin_honorarios: bool = False) -> Decimal:
        """Fee with IVA (USD) on ``monto`` recovered on ``d``; zero when excluded."""
        if monto <= 0 or self.exclusion(d, sin_honorarios) is not None:
            return CERO
        h, i = honorario_de(monto, self.tarifa_en(d))
        return h + i

    def neto_maximo(self, disponible: Decimal, d: date, sin_honorarios: bool = False) -> Decimal:
        """The largest debt amount ``x`` (USD) such that ``x`` plus its fee fits in ``disponible``: how much
        of a payment can go to the debt when the coactivado pays the fee with it."""
        if disponible <= 0:
            return CERO
        if self.exclusion(d, sin_honorarios) is not None:
            return q(disponible)
        t = self.tarifa_en(d)
        factor = 1 + t.porcentaje / 100 * (1 + t.iva_porcentaje / 100)
        x = (disponible / factor).quantize(CENT, rounding=ROUND_DOWN) + CENT
        while x > 0 and x + self.honorario(x, d) > disponible:
            x -= CENT
        return max(x, CERO)


@dataclass(frozen=True, slots=True)
class CargoEnFecha:
    """:class:`ReglaHonorarios` bound to a payment's date (the ``cargo`` of
    :func:`app.domain.imputacion.imputar`)."""

    regla: ReglaHonorarios
    fecha: date
    sin_honorarios: bool = False

    def neto(self, disponible: Decimal) -> Decimal:
        return self.regla.neto_maximo(disponible, self.fecha, self.sin_honorarios)

    def honorario(self, deuda: Decimal) -> Decimal:
        return self.regla.honorario(deuda, self.fecha, self.sin_honorarios)


def d_m_a(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def honorario_de(monto: Decimal, t: Tarifa) -> tuple[Decimal, Decimal]:
    """``(honorario, iva)`` on ``monto`` USD with tariff ``t``, each rounded to the cent (half up).

    >>> honorario_de(Decimal("333.33"), Tarifa(date(2024, 4, 1), Decimal("10"), Decimal("15")))
    (Decimal('33.33'), Decimal('5.00'))
    """
    h = q(monto * t.porcentaje / 100)
    return h, q(h * t.iva_porcentaje / 100)


def tarifa_vigente(tarifas: Sequence[Tarifa], d: date) -> Tarifa:
    """The row in force on ``d`` (latest ``vigente_desde`` not after it).

    Raises:
        ValidationError: no row covers ``d`` (the message names the date).
    """
    vigente = None
    for t in sorted(tarifas, key=lambda t: t.vigente_desde):
        if t.vigente_desde <= d:
            vigente = t
    if vigente is None:
        raise ValidationError(
            f"La tabla de honorarios no tiene tarifa vigente al {d_m_a(d)}: agregue una tarifa desde esa fecha."
        )
    return vigente


def validar_tarifa(porcentaje: Decimal, iva_porcentaje: Decimal, fuente: str) -> None:
    """Raises ValidationError (Spanish) on a percent outside 0..100, more than 4 decimals or no source."""
    for nombre, v in (("porcentaje de honorarios", porcentaje), ("porcentaje de IVA", iva_porcentaje)):
        if not v.is_finite() or not Decimal(0) <= v <= Decimal(100):
            raise ValidationError(f"El {nombre} debe estar entre 0 y 100 (es {v}).")
        if v != v.quantize(Decimal("0.0001")):
            raise ValidationError(f"El {nombre} admite hasta cuatro decimales.")
    if not fuente.strip():
        raise ValidationError("Indique la fuente legal de la tarifa (resolución, contrato, oficio…).")


def validar_suspension(desde: date, hasta: date, motivo: str) -> None:
    """Raises ValidationError when the period is reversed or has no reason."""
    if hasta < desde:
        raise ValidationError(f"La suspensión termina ({d_m_a(hasta)}) antes de empezar ({d_m_a(desde)}).")
    if not motivo.strip():
        raise ValidationError("Indique el motivo de la suspensión (la ley o resolución que la dispone).")


def calcular(recuperaciones: Iterable[Recuperacion], regla: ReglaHonorarios) -> CalculoHonorarios:
    """The fee of each recovery and the totals.

    A reversal (negative ``monto`` with ``corrige_id``) takes the exact negated fee of the recovery it
    reverses when that one is in ``recuperaciones`` (same tariff, same rounding), else its own date's.

    Raises:
        ValidationError: the tariff table does not cover a recovery's date.
    """
    lineas: list[LineaHonorario] = []
    por_id: dict[str, LineaHonorario] = {}
    for r in sorted(recuperaciones, key=lambda r: (r.fecha, r.corrige_id is not None)):
        original = por_id.get(r.corrige_id) if r.corrige_id else None
        if original is not None:
            linea = LineaHonorario(r, original.motivo, "reverso: " + original.detalle_motivo if original.motivo
                                   else "reverso del pago corregido", original.tarifa, -original.honorario,
                                   -original.iva)
        else:
            excl = regla.exclusion(r.fecha, r.sin_honorarios)
            if excl is not None:
                linea = LineaHonorario(r, excl[0], excl[1], None, CERO, CERO)
            else:
                t = regla.tarifa_en(r.fecha)
                h, i = honorario_de(abs(r.monto), t)
                signo = -1 if r.monto < 0 else 1
                linea = LineaHonorario(r, None, "", t, signo * h, signo * i)
        lineas.append(linea)
        por_id[r.pago_id] = linea
    return CalculoHonorarios(tuple(lineas))


@dataclass(frozen=True, slots=True)
class Checklist:
    """What the jefe verifies in the delivered expediente before approving fees (C.D. 497 art. 3.5.3 m)."""

    foliacion_verificada: bool = False
    documentos_completos: bool = False
    liquidacion_vigente: bool = False
    sin_terminos_abiertos: bool = False
    observaciones: str = ""

    ETIQUETAS = {  # noqa: RUF012 - a constant table
        "foliacion_verificada": "Foliación verificada",
        "documentos_completos": "Documentos presentes",
        "liquidacion_vigente": "Liquidación vigente",
        "sin_terminos_abiertos": "Sin términos abiertos",
    }

    def faltantes(self) -> list[str]:
        return [et for k, et in self.ETIQUETAS.items() if not getattr(self, k)]


class EstadoSolicitud(StrEnum):
    SOLICITADO = "SOLICITADO"
    APROBADO = "APROBADO"
    RECHAZADO = "RECHAZADO"
    PAGADO = "PAGADO"
    REVERTIDO = "REVERTIDO"

    @property
    def etiqueta(self) -> str:
        return {"SOLICITADO": "Pendiente de revisión", "APROBADO": "Aprobado", "RECHAZADO": "Rechazado",
                "PAGADO": "Pagado", "REVERTIDO": "Revertido"}[self.value]


#: States in which a request holds its recoveries (they may not be requested again).
RETIENEN = frozenset({EstadoSolicitud.SOLICITADO, EstadoSolicitud.APROBADO, EstadoSolicitud.PAGADO})

