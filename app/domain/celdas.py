"""Cells of an imported spreadsheet or CSV read as the office writes them (títulos de crédito, the national
recovery table): text without stray spaces, amounts with a decimal comma (``1.234,56``), dates ``dd/mm/aaaa``,
periods, cédulas and RUCs, título numbers and debtor names. Each reader returns a value or raises ValueError
with a Spanish reason; spreadsheet cells that are already numbers or dates are accepted too. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.common.dates import format_dmy, parse_date
from app.common.money import parse_amount, q
from app.common.text import clean_spaces, search_key
from app.domain.identificacion import TipoIdentificacion, validar_identificacion

#: The earliest period (year) a título may be for.
PERIODO_ANIO_MINIMO = 1990
LARGO_NUMERO = 40  # TituloCredito.numero

#: A cell as the readers receive it (CSV text, or an XLSX value).
Celda = str | int | float | Decimal | date | datetime | None



def fila_vacia(celdas: Sequence[Celda]) -> bool:
    """True for a row with no value at all (blank lines and trailing spreadsheet rows are skipped)."""
    return all(vacia(c) for c in celdas)


def vacia(c: Celda) -> bool:
    return c is None or (isinstance(c, str) and not c.strip())


# --- cell readers: each returns a value or raises ValueError with a Spanish reason -----------------


def texto_celda(c: Celda) -> str:
    if c is None:
        return ""
    if isinstance(c, float) and c.is_integer():
        c = int(c)
    if isinstance(c, datetime | date):
        return format_dmy(c)
    return clean_spaces(str(c))


def leer_monto(c: Celda) -> Decimal:
    """An amount in USD from a cell: text as the office writes it (``1.234,56``, see
    :func:`app.common.money.parse_amount`) or a spreadsheet number.

    A spreadsheet float is converted through its shortest text form (``Decimal(repr(x))``), never by
    float arithmetic; the noise a spreadsheet sum leaves (``1234.5600000000002``) is rounded to the cent.

    Raises:
        ValueError: not an amount, or more than two decimals (Spanish message).
    """
    if isinstance(c, bool):
        raise ValueError(f"«{c}» no es un valor en dólares")
    if isinstance(c, int | Decimal):
        d = Decimal(c)
        if d != q(d):
            raise ValueError(f"«{c}» tiene más de dos decimales")
        return q(d)
    if isinstance(c, float):
        try:
            d = Decimal(repr(c))
        except InvalidOperation as exc:  # nan/inf
            raise ValueError(f"«{c}» no es un valor en dólares") from exc
        if not d.is_finite():
            raise ValueError(f"«{c}» no es un valor en dólares")
        if abs(d - q(d)) > Decimal("0.000001"):
            raise ValueError(f"«{c}» tiene más de dos decimales")
        return q(d)
    if isinstance(c, date | datetime):
        raise ValueError(f"«{format_dmy(c)}» es una fecha, no un valor en dólares")
    return parse_amount("" if c is None else str(c))


def leer_fecha(c: Celda) -> date:
    """A date from a cell: ``dd/mm/aaaa`` text (:func:`app.common.dates.parse_date`) or a spreadsheet date.

    Raises:
        ValueError: empty, impossible (31/02/2025) or a number instead of a date (Spanish message).
    """
    if isinstance(c, datetime):
        return c.date()
    if isinstance(c, date):
        return c
    if isinstance(c, int | float | Decimal) and not isinstance(c, bool):
        raise ValueError(f"«{c}» es un número, no una fecha (escriba dd/mm/aaaa o dé formato de fecha a la celda)")
    return parse_date("" if c is None else str(c))


_PERIODO_AM = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$")
_PERIODO_MA = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{4})$")


def leer_periodo(c: Celda) -> str:
    """A period (month) as ``YYYY-MM``: accepts ``2024-10``, ``2024/10``, ``10/2024``, ``10-2024``, or
    a spreadsheet date (its month; spreadsheets turn ``10/2024`` into 01/10/2024).

    Raises:
        ValueError: empty, not a month, or before 1990 (Spanish message).
    """
    if isinstance(c, datetime | date):
        anio, mes = c.year, c.month
    else:
        s = texto_celda(c)
        if not s:
            raise ValueError("el período está vacío")
        m = _PERIODO_AM.match(s)
        if m:
            anio, mes = int(m.group(1)), int(m.group(2))
        elif m := _PERIODO_MA.match(s):
            anio, mes = int(m.group(2)), int(m.group(1))
        else:
            raise ValueError(f"«{s}» no es un período (use aaaa-mm, p. ej. 2024-10, o mm/aaaa)")
        if not 1 <= mes <= 12:
            raise ValueError(f"«{s}» no es un período válido: el mes {mes} no existe")
    if anio < PERIODO_ANIO_MINIMO:
        raise ValueError(f"el período {anio}-{mes:02d} es anterior a {PERIODO_ANIO_MINIMO}")
    return f"{anio:04d}-{mes:02d}"


def leer_identificacion(c: Celda) -> tuple[str, TipoIdentificacion]:
    """Cédula or RUC with valid check digits (python-stdnum ``stdnum.ec.ci`` / ``stdnum.ec.ruc``).

    A spreadsheet number loses the leading zero of provinces 01-09 (``602910945``); a 9- or 12-digit
    number cell gets it back before the check digit is verified.

    Raises:
        ValueError: empty, wrong length, non-digits or wrong check digit (Spanish message).
    """
    if isinstance(c, int | float) and not isinstance(c, bool):
        if isinstance(c, float) and not c.is_integer():
            raise ValueError(f"«{c}» no es una cédula ni un RUC")
        s = str(int(c))
        if len(s) in (9, 12):
            s = "0" + s
        try:
            return validar_identificacion(s)
        except ValueError as exc:
            if isinstance(c, float) and abs(c) >= 1e11:  # Excel stores a long number typed in a cell as 1.79E+12
                raise ValueError(f"{exc}; la celda es un número de Excel: {_CIENTIFICA}") from exc
            raise
    texto = texto_celda(c)
    if _NOTACION_CIENTIFICA.match(texto):
        raise ValueError(f"«{texto}» es notación científica de Excel, no un RUC ni una cédula: {_CIENTIFICA}")
    return validar_identificacion(texto)


_NOTACION_CIENTIFICA = re.compile(r"^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*[+-]?\d+$")
_CIENTIFICA = (
    "la hoja de cálculo convirtió el RUC en un número (1,79E+12) y perdió sus últimos dígitos. Dé formato "
    "Texto a la columna, vuelva a escribir o pegar los números y exporte otra vez")


_NUMERO = re.compile(r"^[A-Z0-9][A-Z0-9./_-]*$")


def leer_numero_titulo(c: Celda) -> str:
    """Título number, trimmed and in uppercase (``' tc-0601-2025-000123 '`` -> ``'TC-0601-2025-000123'``).

    Raises:
        ValueError: empty, longer than 40, or with characters other than letters, digits, ``-/._``.
    """
    s = texto_celda(c).upper()
    if not s:
        raise ValueError("falta el número del título")
    if _NOTACION_CIENTIFICA.match(s):
        raise ValueError(f"«{s}» es notación científica de Excel: la hoja de cálculo convirtió el número del "
                         "título en un número y perdió dígitos. Dé formato Texto a la columna y exporte otra vez")
    if len(s) > LARGO_NUMERO:
        raise ValueError(f"el número tiene {len(s)} caracteres; el máximo es {LARGO_NUMERO}")
    if not _NUMERO.match(s):
        raise ValueError(f"«{s}» tiene caracteres no permitidos (use letras, dígitos y - / . _)")
    return s


def limpiar_nombre(c: Celda) -> str:
    """Debtor name without stray spaces and in uppercase, keeping accents:
    ``'  guamán   Paredes luis '`` -> ``'GUAMÁN PAREDES LUIS'``.

    Uppercase is how the Registro Civil (cédulas) and the SRI (RUC) write names, and how the
    coactivado is named in providencias; it also makes the same name typed in mixed case one name.
    """
    return texto_celda(c).upper()


def clave_nombre(nombre: str) -> str:
    """Name compared without accents, case, punctuation or spaces (same debtor, same key)."""
    return re.sub(r"[^A-Z0-9]+", "", search_key(nombre))


def leer_oficina(c: Celda, ancho: int) -> str:
    if isinstance(c, int | float) and not isinstance(c, bool):
        return str(int(c)).zfill(ancho)
    return texto_celda(c).replace(" ", "")
