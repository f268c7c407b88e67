"""Dates in Spanish for documents and the UI, and parsing ``dd/mm/yyyy``."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("America/Guayaquil")

_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str) -> date:
    """Parse ``dd/mm/yyyy`` (also ``d/m/yyyy``, ``dd-mm-yyyy``) or ISO ``yyyy-mm-dd``.

    Raises:
        ValueError: not a date, or an impossible one (message in Spanish).
    """
    s = (text or "").strip()
    if not s:
        raise ValueError("la fecha está vacía")
    m = _DMY.match(s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _ISO.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ValueError(f"«{s}» no es una fecha válida") from exc
    raise ValueError(f"«{s}» no es una fecha (use dd/mm/aaaa)")


def format_dmy(d: date) -> str:
    """``date(2025, 5, 13)`` -> ``'13/05/2025'``."""
    return d.strftime("%d/%m/%Y")


def long_date(d: date) -> str:
    """``date(2025, 5, 13)`` -> ``'13 de mayo de 2025'``."""
    from babel.dates import format_date  # here: Babel is slow to import (program start)

    return format_date(d, format="d 'de' MMMM 'de' y", locale="es")


def place_and_date(city: str, d: date) -> str:
    """``('Riobamba', date(2025, 5, 13))`` -> ``'Riobamba, 13 de mayo de 2025'`` (domain.md §8)."""
    return f"{city}, {long_date(d)}"


def number_in_words(n: int) -> str:
    """``42`` -> ``'cuarenta y dos'`` (for folio references such as "fojas 42 (cuarenta y dos)")."""
    from num2words import num2words  # loads every language: only when a document spells a number

    return num2words(n, lang="es")


def fojas(n: int) -> str:
    """``42`` -> ``'42 (cuarenta y dos)'``."""
    return f"{n} ({number_in_words(n)})"


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


def to_local(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(LOCAL_TZ)
