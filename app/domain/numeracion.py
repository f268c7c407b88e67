"""Juicio numbers: unique per office and year, never reused (domain.md §3)."""

from __future__ import annotations

from dataclasses import dataclass

from app.common.errors import ValidationError

DEFAULT_PATTERN = "{office}-{year}-{seq:05d}"


@dataclass(frozen=True, slots=True)
class NumeroJuicio:
    office: str
    year: int
    seq: int

    def formatear(self, pattern: str = DEFAULT_PATTERN) -> str:
        """``NumeroJuicio('0601', 2025, 42).formatear()`` -> ``'0601-2025-00042'``."""
        return pattern.format(office=self.office, year=self.year, seq=self.seq)


def clave_contador(office: str, year: int) -> str:
    """Name of the counter row that allocates juicio numbers of one office and year."""
    return f"juicio:{office}:{year}"


def validar_patron(pattern: str) -> str:
    """Check a configurable numbering pattern: it must use ``{office}``, ``{year}`` and ``{seq}``.

    Raises:
        ValidationError: a missing or unknown field, or a pattern that does not format.
    """
    for needed in ("{office", "{year", "{seq"):
        if needed not in pattern:
            raise ValidationError(f"El patrón de numeración «{pattern}» debe contener {needed}}}.")
    try:
        NumeroJuicio("0000", 2000, 1).formatear(pattern)
    except (KeyError, ValueError, IndexError) as exc:
        raise ValidationError(f"El patrón de numeración «{pattern}» no es válido: {exc}") from exc
    return pattern
