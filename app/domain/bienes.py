"""Seized goods (bienes embargados) and their depositarios: kinds, states, form checks, report periods,
proportionality and remate figures (domain.md §5, §2.7-2.9). Pure rules, no I/O.

States are acts, never edited (domain.md §5): EMBARGADO/SECUESTRADO → EN_CUSTODIA → AVALUADO → EN_REMATE →
REMATADO / DEVUELTO / LEVANTADO. What is not confirmed law is a default the office may change
(:class:`ReglasBienes`, kept in the office preferences): the report period, the proportionality factor, the
remate base as a share of the avalúo and the publication term of the aviso de remate.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from app.common.errors import RuleError, ValidationError
from app.common.money import format_usd, q

#: Minimum deposit of a postura (domain.md §2.9: "bids with at least a 10% deposit").
DEPOSITO_MINIMO = Decimal("0.10")


class TipoBien(StrEnum):
    INMUEBLE = "INMUEBLE"
    VEHICULO = "VEHICULO"
    MUEBLE = "MUEBLE"
    FONDOS = "FONDOS"

    @property
    def etiqueta(self) -> str:
        return {"INMUEBLE": "Inmueble", "VEHICULO": "Vehículo", "MUEBLE": "Mueble", "FONDOS": "Fondos / cuenta"}[
            self.value]


class EstadoBien(StrEnum):
    EMBARGADO = "EMBARGADO"
    SECUESTRADO = "SECUESTRADO"
    EN_CUSTODIA = "EN_CUSTODIA"
    AVALUADO = "AVALUADO"
    EN_REMATE = "EN_REMATE"
    REMATADO = "REMATADO"
    DEVUELTO = "DEVUELTO"
    LEVANTADO = "LEVANTADO"

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS_ESTADO[self]


ETIQUETAS_ESTADO = {
    EstadoBien.EMBARGADO: "Embargado",
    EstadoBien.SECUESTRADO: "Secuestrado",
    EstadoBien.EN_CUSTODIA: "En custodia",
    EstadoBien.AVALUADO: "Avaluado",
    EstadoBien.EN_REMATE: "En remate",
    EstadoBien.REMATADO: "Rematado",
    EstadoBien.DEVUELTO: "Devuelto",
    EstadoBien.LEVANTADO: "Levantado",
}

FINALES = frozenset({EstadoBien.REMATADO, EstadoBien.DEVUELTO, EstadoBien.LEVANTADO})
#: States in which a depositario keeps the good and owes periodic reports.
BAJO_CUSTODIA = frozenset({EstadoBien.EN_CUSTODIA, EstadoBien.AVALUADO, EstadoBien.EN_REMATE})
_SALIDAS = frozenset({EstadoBien.DEVUELTO, EstadoBien.LEVANTADO})

#: The states each state may move to. A new avalúo of an AVALUADO good keeps it AVALUADO; a remate that
#: ends without adjudication (desierto) returns it to AVALUADO for a new aviso.
TRANSICIONES: dict[EstadoBien, frozenset[EstadoBien]] = {
    EstadoBien.EMBARGADO: frozenset({EstadoBien.EN_CUSTODIA}) | _SALIDAS,
    EstadoBien.SECUESTRADO: frozenset({EstadoBien.EN_CUSTODIA}) | _SALIDAS,
    EstadoBien.EN_CUSTODIA: frozenset({EstadoBien.AVALUADO}) | _SALIDAS,
    EstadoBien.AVALUADO: frozenset({EstadoBien.AVALUADO, EstadoBien.EN_REMATE}) | _SALIDAS,
    EstadoBien.EN_REMATE: frozenset({EstadoBien.REMATADO, EstadoBien.AVALUADO}) | _SALIDAS,
    EstadoBien.REMATADO: frozenset(),
    EstadoBien.DEVUELTO: frozenset(),
    EstadoBien.LEVANTADO: frozenset(),
}


def validar_transicion(tipo: TipoBien, actual: EstadoBien, nuevo: EstadoBien) -> None:
    """Check that a good of kind ``tipo`` may move from ``actual`` to ``nuevo``.

    Retained funds are not appraised nor auctioned: they are applied to the debt or released.

    Raises:
        RuleError: naming both states and what may follow.
    """
    if actual in FINALES:
        raise RuleError(f"El bien ya está {actual.etiqueta.lower()}: su historia terminó y no admite más actos.")
    if tipo is TipoBien.FONDOS and nuevo in (EstadoBien.AVALUADO, EstadoBien.EN_REMATE, EstadoBien.REMATADO):
        raise RuleError("Los fondos retenidos no se avalúan ni se rematan: se aplican a la deuda o se levantan.")
    if nuevo not in TRANSICIONES[actual]:
        siguientes = ", ".join(e.etiqueta.lower() for e in EstadoBien if e in TRANSICIONES[actual])
        raise RuleError(
            f"Un bien {actual.etiqueta.lower()} no puede pasar a {nuevo.etiqueta.lower()}; puede pasar a: "
            f"{siguientes}."
        )


# --- form checks ------------------------------------------------------------------------------------------

_PLACA_AUTO = re.compile(r"^([A-Z]{3})-?(\d{3,4})$")
_PLACA_MOTO = re.compile(r"^([A-Z]{2})-?(\d{3})([A-Z])$")


def normalizar_placa(texto: str) -> str:
    """An Ecuadorian plate in its printed form: cars ``ABC-1234`` (or ``ABC-123`` before 2000s plates),
    motorcycles ``AB123C`` (upper case, spaces ignored).

    Raises:
        ValidationError: not a plate of either form.
    """
    t = re.sub(r"\s+", "", texto or "").upper()
    if m := _PLACA_AUTO.match(t):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _PLACA_MOTO.match(t):
        return f"{m.group(1)}{m.group(2)}{m.group(3)}"
    raise ValidationError(
        f"La placa «{texto}» no tiene la forma de una placa ecuatoriana: tres letras y tres o cuatro dígitos "
        "(ABC-1234) o, para motos, dos letras, tres dígitos y una letra (AB123C)."
    )


_VIN_VALOR = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
              **dict(zip("JKLMN", range(1, 6), strict=True)), "P": 7, "R": 9,
              **dict(zip("STUVWXYZ", range(2, 10), strict=True))}
_VIN_PESO = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def digito_vin(vin: str) -> str:
    """The check digit (position 9) of a 17-character VIN (ISO 3779 / 49 CFR 565): ``0``-``9`` or ``X``."""
    total = sum(_VIN_VALOR[c] * w for c, w in zip(vin, _VIN_PESO, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def normalizar_chasis(texto: str) -> str:
    """A chassis number (upper case, spaces and hyphens removed).

    A 17-character chassis is a VIN: no I, O or Q; when it was made for North America (first character 1-5)
    its 9th character is the check digit, verified here. Older or non-VIN chassis numbers (6 to 25 letters
    and digits) are accepted as written.

    Raises:
        ValidationError: forbidden characters, a bad length, or a wrong VIN check digit (with the expected
            digit).
    """
    t = re.sub(r"[\s\-]+", "", texto or "").upper()
    if not re.fullmatch(r"[A-Z0-9]{6,25}", t):
        raise ValidationError(f"El chasis «{texto}» debe tener de 6 a 25 letras y dígitos.")
    if len(t) == 17:
        malas = sorted(set(t) & {"I", "O", "Q"})
        if malas:
            raise ValidationError(
                f"El chasis (VIN) «{t}» contiene {', '.join(malas)}: un VIN no usa las letras I, O ni Q."
            )
        if t[0] in "12345":
            esperado = digito_vin(t)
            if t[8] != esperado:
                raise ValidationError(
                    f"El chasis (VIN) «{t}» no es válido: su dígito verificador (posición 9) es «{t[8]}» y debería "
                    f"ser «{esperado}». Revise si hay un carácter mal copiado."
                )
    return t


def normalizar_clave_catastral(texto: str) -> str:
    """A clave catastral as the municipality writes it: digits in groups separated by ``-`` or ``.``, 8 to 30
    digits in all (each canton has its own layout, so only the form is checked).

    Raises:
        ValidationError: letters, empty groups or a bad number of digits.
    """
    t = re.sub(r"\s+", "", texto or "")
    if not re.fullmatch(r"\d+([.\-]\d+)*", t):
        raise ValidationError(
            f"La clave catastral «{texto}» solo lleva dígitos, separados en grupos por guiones o puntos "
            "(p. ej. 060150010203004000)."
        )
    digitos = len(re.sub(r"\D", "", t))
    if not 8 <= digitos <= 30:
        raise ValidationError(f"La clave catastral «{texto}» tiene {digitos} dígitos; se esperan de 8 a 30.")
    return t


# --- configurable rules -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReglasBienes:
    """Office-configurable rules of the goods (domain.md §5, §2.9; none of them confirmed as law).

    Attributes:
        informe_meses: a depositario reports every this many months (default 1, monthly).
        factor_proporcionalidad: goods worth more than this times the saldo need a confirmation.
        base_remate: the remate base as a share of the avalúo (default 1.00, the whole avalúo).
        publicacion_dias: calendar days (plazo) between the aviso de remate and the remate (default 20).
    """

    informe_meses: int = 1
    factor_proporcionalidad: Decimal = Decimal("2")
    base_remate: Decimal = Decimal("1.00")
    publicacion_dias: int = 20

    def __post_init__(self) -> None:
        if not 1 <= self.informe_meses <= 12:
            raise ValidationError("El período de los informes del depositario es de 1 a 12 meses.")
        if self.factor_proporcionalidad < 1:
            raise ValidationError("El factor de proporcionalidad no puede ser menor que 1.")
        if not Decimal("0.01") <= self.base_remate <= 1:
            raise ValidationError("La base del remate es una fracción del avalúo entre 0,01 y 1.")
        if not 0 <= self.publicacion_dias <= 365:
            raise ValidationError("El plazo de publicación del aviso de remate es de 0 a 365 días.")


# --- depositario reports ----------------------------------------------------------------------------------


def sumar_meses(d: date, meses: int) -> date:
    """``d`` plus ``meses`` calendar months; a day the month lacks falls on its last day (31 Jan + 1 → 28/29
    Feb)."""
    m = d.month - 1 + meses
    anio, mes = d.year + m // 12, m % 12 + 1
    return date(anio, mes, min(d.day, calendar.monthrange(anio, mes)[1]))


@dataclass(frozen=True, slots=True)
class EstadoInforme:
    """When a depositario's next report on a good is due. ``vence``: last day to file it; ``dias_vencido``:
    calendar days past ``vence`` (0 when not overdue)."""

    desde: date
    vence: date
    dias_vencido: int

    @property
    def vencido(self) -> bool:
        return self.dias_vencido > 0


def referencia_informe(acta: date, recibido: date | None, informe: date | None) -> date:
    """The date a depositario's next report counts from: the later of the last hand-over (else the acta) and his
    last report on the good (the period itself is the office's configurable rule, monthly by default)."""
    base = recibido or acta
    return max(base, informe) if informe is not None else base


def proximo_informe(desde: date, hoy: date, meses: int = 1) -> EstadoInforme:
    """The report due ``meses`` months after ``desde`` (the custody began or the last report was filed).
    It is overdue from the day after it is due (domain.md §5: default monthly, configurable)."""
    vence = sumar_meses(desde, meses)
    return EstadoInforme(desde, vence, max(0, (hoy - vence).days))


# --- proportionality --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Proporcionalidad:
    """Figures of a seizure against the debt (USD). ``motivo`` is None when no confirmation is needed."""

    saldo: Decimal
    valor_bienes: Decimal
    fondos_retenidos: Decimal
    factor: Decimal
    motivo: str | None

    def mensaje(self) -> str:
        return (f"{self.motivo} Saldo de la deuda: USD {format_usd(self.saldo)}; valor de los bienes embargados "
                f"(con este): USD {format_usd(self.valor_bienes)}; fondos retenidos: USD "
                f"{format_usd(self.fondos_retenidos)}.")


def proporcionalidad(saldo: Decimal, valor_bienes: Decimal, fondos_retenidos: Decimal,
                     factor: Decimal) -> Proporcionalidad:
    """Whether seizing goods worth ``valor_bienes`` (all goods of the juicio, the new one included) is out of
    proportion to the ``saldo`` owed: retained funds already cover the debt, or the goods are worth more
    than ``factor`` times it. The seizure is not forbidden: the user confirms with the figures in view."""
    motivo = None
    if saldo > 0 and fondos_retenidos >= saldo:
        motivo = "Los fondos retenidos ya cubren la deuda."
    elif saldo > 0 and valor_bienes > saldo * factor:
        motivo = (f"Los bienes valen más de {format_usd(factor).rstrip('0').rstrip(',')} veces la deuda "
                  "(proporcionalidad).")
    elif saldo <= 0:
        motivo = "El juicio no tiene saldo pendiente."
    return Proporcionalidad(q(saldo), q(valor_bienes), q(fondos_retenidos), factor, motivo)


# --- remate -----------------------------------------------------------------------------------------------


def base_remate(avaluo: Decimal, fraccion: Decimal) -> Decimal:
    """The remate base in USD: ``fraccion`` of the total avalúo, to the cent."""
    return q(avaluo * fraccion)


def fecha_minima_remate(fecha_aviso: date, publicacion_dias: int) -> date:
    """The earliest remate date: ``publicacion_dias`` calendar days after the aviso is issued."""
    return fecha_aviso + timedelta(days=publicacion_dias)


def validar_postura(valor: Decimal, base: Decimal) -> None:
    """A postura below the base is not admitted (domain.md §2.9: "none below the base").

    Raises:
        RuleError: with the figures (the bid, the base and what is missing).
    """
    if valor < base:
        raise RuleError(
            f"La postura de USD {format_usd(valor)} es inferior a la base del remate (USD {format_usd(base)}): "
            f"faltan USD {format_usd(base - valor)}. No se admite."
        )


def motivo_descalificacion(valor: Decimal, deposito: Decimal, base: Decimal) -> str | None:
    """Why a recorded postura does not qualify in the calificación (below the base, or a deposit under 10 % of
    the bid, with the figures), or None when it qualifies."""
    if valor < base:
        return f"inferior a la base (USD {format_usd(base)})"
    if not deposito_suficiente(valor, deposito):
        return f"depósito inferior al 10 % (USD {format_usd(q(valor * DEPOSITO_MINIMO))})"
    return None


def deposito_suficiente(valor: Decimal, deposito: Decimal) -> bool:
    """A postura qualifies only with at least 10 % of its value deposited (domain.md §2.9), to the cent."""
    return deposito >= q(valor * DEPOSITO_MINIMO)


class PosturaOfrecida(Protocol):
    """What :func:`adjudicataria` reads of a bid: who, how much, how much deposited (USD)."""

    @property
    def postor(self) -> str: ...

    @property
    def valor(self) -> Decimal: ...

    @property
    def deposito(self) -> Decimal: ...


def adjudicataria(posturas: Sequence[PosturaOfrecida], elegida: int | None = None) -> int:
    """Index of the winning bid: ``elegida`` if given (it must be qualified), else the highest qualified one.

    Raises:
        ValidationError: no bid, or the chosen/every bid lacks the 10% deposit.
    """
    if not posturas:
        raise ValidationError("El acta de remate necesita al menos una postura (datos «posturas»).")
    if elegida is not None:
        if not 0 <= elegida < len(posturas):
            raise ValidationError(f"La postura adjudicada ({elegida + 1}) no existe.")
        p = posturas[elegida]
        if not deposito_suficiente(p.valor, p.deposito):
            raise ValidationError(
                f"La postura de {p.postor} no consignó al menos el 10% de su valor: no se le puede adjudicar."
            )
        return elegida
    calificadas = [i for i, p in enumerate(posturas) if deposito_suficiente(p.valor, p.deposito)]
    if not calificadas:
        raise ValidationError("Ninguna postura consignó al menos el 10% de su valor: no hay a quién adjudicar.")
    return max(calificadas, key=lambda i: posturas[i].valor)


@dataclass(frozen=True, slots=True)
class ProductoRemate:
    """How the price of a remate is applied (USD): ``a_deuda`` pays the debt like an abono, ``sobrante`` is
    owed back to the debtor (domain.md §2.9)."""

    precio: Decimal
    saldo: Decimal
    a_deuda: Decimal
    sobrante: Decimal


def aplicar_producto(precio: Decimal, saldo: Decimal) -> ProductoRemate:
    """Split a remate's ``precio`` between the ``saldo`` owed and the surplus for the debtor."""
    a_deuda = min(precio, max(saldo, Decimal("0")))
    return ProductoRemate(q(precio), q(saldo), q(a_deuda), q(precio - a_deuda))
