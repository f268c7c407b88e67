"""The office preferences: one typed registry (key, type, default, validation, description, who sets it).

A preference is stored as text in the ``preferencia`` table (office, key -> value) and synced like the
office's other data. Every reader and writer goes through an :class:`Ajuste` of :data:`REGISTRO` (the
session helpers are :mod:`app.storage.consultas.preferencias`): a new preference is one entry here.

A missing or blank value means the default. A value that does not parse or is out of range raises
:class:`ConfigurationError` naming the key (Spanish), so a bad hand edit of the database is reported, never
silently replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from app.common.errors import AppError, ConfigurationError
from app.domain.bienes import ReglasBienes
from app.domain.convenio import ReglaConvenio
from app.domain.imputacion import ORDEN_PREDETERMINADO, Concepto, orden_desde_texto
from app.domain.intereses import BASE_PREDETERMINADA, BaseDias
from app.domain.reglas_app import CUOTA_MINIMA

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Ajuste(Generic[T]):
    """One preference.

    Attributes:
        clave: the stored key, ``"<area>.<name>"``.
        tipo: the Python type of the value (``int``, ``Decimal``, ``bool``…), for tools and documentation.
        defecto: the value when the office set none.
        descripcion: what it changes, in Spanish (for a settings screen and the CLI).
        configurable: True when the office decides it (through its settings); False when the program sets
            it as a record of something done (e.g. "the tariff was confirmed").
        leer: text -> value; raises ValueError, ArithmeticError or AppError (with a Spanish message) when
            invalid or out of range.
        escribir: value -> text (default ``str``).
        ayuda: what a valid value looks like, appended to the error when it has no message of its own.
    """

    clave: str
    tipo: type
    defecto: T
    descripcion: str
    configurable: bool
    leer: Callable[[str], T]
    escribir: Callable[[T], str] = str
    ayuda: str = ""

    def valor(self, texto: str | None) -> T:
        """The typed value of stored ``texto`` (None or blank: the default).

        Raises:
            ConfigurationError: ``texto`` is not valid for this preference (names the key).
        """
        if texto is None or not texto.strip():
            return self.defecto
        try:
            return self.leer(texto)
        except AppError as exc:
            raise ConfigurationError(f"Preferencia «{self.clave}» inválida: {exc.message}") from exc
        except (ValueError, ArithmeticError) as exc:
            extra = f": {self.ayuda}" if self.ayuda else ""
            raise ConfigurationError(f"Preferencia «{self.clave}» inválida: «{texto}»{extra}.") from exc

    def texto(self, valor: T) -> str:
        """What is stored for ``valor`` (checked: it must read back as itself)."""
        t = self.escribir(valor)
        self.valor(t)
        return t


# --- parsers ---------------------------------------------------------------------------------------------


def _entero(minimo: int | None = None, maximo: int | None = None) -> Callable[[str], int]:
    def leer(t: str) -> int:
        n = int(t)
        if (minimo is not None and n < minimo) or (maximo is not None and n > maximo):
            raise ValueError(n)
        return n
    return leer


def _decimal(minimo: Decimal | None = None, menor_que: Decimal | None = None) -> Callable[[str], Decimal]:
    def leer(t: str) -> Decimal:
        try:
            d = Decimal(t.strip())
        except InvalidOperation as exc:
            raise ValueError(t) from exc
        if not d.is_finite() or (minimo is not None and d < minimo) or (menor_que is not None and d >= menor_que):
            raise ValueError(t)
        return d
    return leer


def _si(t: str) -> bool:
    return t == "si"


def _si_no(v: bool) -> str:
    return "si" if v else "no"


@dataclass(frozen=True, slots=True)
class CobroAlCoactivado:
    """Whether the fee of the recoveries is a line of the coactivado's debt, and from which day."""

    si: bool
    desde: date | None = None


def _leer_cobro(t: str) -> CobroAlCoactivado:
    # "no" | "si" | "si:AAAA-MM-DD"; a date that does not read means "since always" (as stored before).
    t = t.strip().lower()
    desde = None
    if t.startswith("si:"):
        try:
            desde = date.fromisoformat(t[3:])
        except ValueError:
            desde = None
    return CobroAlCoactivado(t.startswith("si"), desde)


def _escribir_cobro(c: CobroAlCoactivado) -> str:
    if not c.si:
        return "no"
    return f"si:{c.desde.isoformat()}" if c.desde else "si"


def _orden(t: str) -> tuple[Concepto, ...]:
    return orden_desde_texto(t)


def _orden_texto(orden: tuple[Concepto, ...]) -> str:
    return ",".join(c.value for c in orden)


_CONVENIO = ReglaConvenio()
_BIENES = ReglasBienes()

# --- the registry ------------------------------------------------------------------------------------------

ORDEN_IMPUTACION: Ajuste[tuple[Concepto, ...]] = Ajuste(
    "cobro.orden_imputacion", tuple, ORDEN_PREDETERMINADO,
    "Orden en que un abono cubre los conceptos de la deuda (COSTAS, HONORARIOS, INTERES, RECARGO, CAPITAL).",
    True, _orden, _orden_texto)
BASE_DIAS: Ajuste[BaseDias] = Ajuste(
    "cobro.base_dias", BaseDias, BASE_PREDETERMINADA,
    "Días del año con que la tasa anual de mora se vuelve diaria (360 o 365).",
    True, lambda t: BaseDias(int(t)), lambda b: str(int(b)), "use 360 o 365")
PLAZO_MAX_CONVENIO: Ajuste[int] = Ajuste(
    "convenio.plazo_max_meses", int, _CONVENIO.plazo_max,
    "Plazo máximo, en meses, de un acuerdo de pago parcial.",
    True, _entero(minimo=_CONVENIO.plazo_min), ayuda=f"un número entero de meses, desde {_CONVENIO.plazo_min}")
CUOTA_INICIAL_MIN: Ajuste[Decimal] = Ajuste(
    "convenio.cuota_inicial_min_pct", Decimal, _CONVENIO.cuota_inicial_min_pct,
    "Cuota inicial mínima de un acuerdo de pago parcial, en % de la deuda.",
    True, _decimal(minimo=Decimal(0), menor_que=Decimal(100)), ayuda="un porcentaje desde 0 y menor que 100")
GRACIA_CONVENIO: Ajuste[int] = Ajuste(
    "convenio.gracia_dias", int, _CONVENIO.gracia_dias,
    "Días de gracia tras el vencimiento de una cuota antes de declarar el incumplimiento.",
    True, _entero(minimo=0), ayuda="un número entero de días, desde 0")
CUOTA_MINIMA_CONVENIO: Ajuste[Decimal] = Ajuste(
    "convenio.cuota_minima", Decimal, CUOTA_MINIMA,
    "Cuota mínima (USD) de un acuerdo de pago parcial; 0 si la unidad no fija ninguna.",
    True, _decimal(), ayuda="un valor en dólares")
INFORME_MESES: Ajuste[int] = Ajuste(
    "bienes.informe_meses", int, _BIENES.informe_meses,
    "Cada cuántos meses informa el depositario sobre los bienes a su cargo (1 a 12).",
    True, int)
FACTOR_PROPORCIONALIDAD: Ajuste[Decimal] = Ajuste(
    "bienes.factor_proporcionalidad", Decimal, _BIENES.factor_proporcionalidad,
    "Bienes que valen más que este múltiplo del saldo requieren confirmación al embargarlos.",
    True, Decimal)
BASE_REMATE: Ajuste[Decimal] = Ajuste(
    "bienes.base_remate", Decimal, _BIENES.base_remate,
    "Base del remate como fracción del avalúo (0,01 a 1).",
    True, Decimal)
PUBLICACION_DIAS: Ajuste[int] = Ajuste(
    "bienes.publicacion_dias", int, _BIENES.publicacion_dias,
    "Días calendario entre el aviso de remate y el remate (0 a 365).",
    True, int)
HONORARIOS_A_CARGO: Ajuste[CobroAlCoactivado] = Ajuste(
    "honorarios.a_cargo_del_coactivado", CobroAlCoactivado, CobroAlCoactivado(False),
    "Si los honorarios de lo recuperado se cobran al coactivado, y desde qué día.",
    True, _leer_cobro, _escribir_cobro)
TARIFA_CONFIRMADA: Ajuste[bool] = Ajuste(
    "honorarios.tarifa_confirmada", bool, False,
    "La unidad confirmó su tarifa de honorarios (la predeterminada pasó a ser la suya).",
    False, _si, _si_no)
SUSPENSIONES_CONFIGURADAS: Ajuste[bool] = Ajuste(
    "honorarios.suspensiones_configuradas", bool, False,
    "La unidad ya tiene su propia tabla de suspensiones de honorarios.",
    False, _si, _si_no)

#: Every preference, by key.
REGISTRO: dict[str, Ajuste[object]] = {a.clave: a for a in (  # type: ignore[misc]
    ORDEN_IMPUTACION, BASE_DIAS, PLAZO_MAX_CONVENIO, CUOTA_INICIAL_MIN, GRACIA_CONVENIO, CUOTA_MINIMA_CONVENIO,
    INFORME_MESES, FACTOR_PROPORCIONALIDAD, BASE_REMATE, PUBLICACION_DIAS,
    HONORARIOS_A_CARGO, TARIFA_CONFIRMADA, SUSPENSIONES_CONFIGURADAS,
)}
