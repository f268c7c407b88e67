"""Cédula and RUC validation (domain.md §8), using python-stdnum's ``stdnum.ec``."""

from __future__ import annotations

from enum import StrEnum

IESS_RUC = "1760004650001"


class TipoIdentificacion(StrEnum):
    CEDULA = "CEDULA"
    RUC = "RUC"


def validar_identificacion(value: str) -> tuple[str, TipoIdentificacion]:
    """Validate a cédula (10 digits) or RUC (13 digits) and return it compacted with its kind.

    Raises:
        ValueError: wrong length or check digit (Spanish message naming the problem).
    """
    from stdnum.ec import ci, ruc  # here, not at the top: python-stdnum is slow to import (program start)
    from stdnum.exceptions import ValidationError as StdnumError

    s = "".join(ch for ch in (value or "") if not ch.isspace()).replace("-", "")
    if not s:
        raise ValueError("la cédula/RUC está vacía")
    if not s.isdigit():
        raise ValueError(f"«{value.strip()}» tiene caracteres que no son dígitos")
    try:
        if len(s) == 10:
            return ci.validate(s), TipoIdentificacion.CEDULA
        if len(s) == 13:
            return ruc.validate(s), TipoIdentificacion.RUC
    except StdnumError as exc:
        kind = "cédula" if len(s) == 10 else "RUC"
        raise ValueError(f"«{s}» no es una {kind} válida (dígito verificador incorrecto)") from exc
    raise ValueError(f"«{s}» debe tener 10 dígitos (cédula) o 13 (RUC), tiene {len(s)}")


def validar_cedula(value: str) -> str:
    """Validate a 10-digit cédula. Raises ValueError (Spanish)."""
    s, kind = validar_identificacion(value)
    if kind is not TipoIdentificacion.CEDULA:
        raise ValueError(f"«{s}» es un RUC; se espera una cédula de 10 dígitos")
    return s


def tipo_persona(identificacion: str) -> str:
    """``'JURIDICA'`` for a RUC of a sociedad (third digit 9, private, or 6, public entity); else
    ``'NATURAL'`` (a cédula, or the RUC of a persona natural: cédula + 001). SRI RUC structure."""
    if len(identificacion) == 13 and identificacion[2] in "69":
        return "JURIDICA"
    return "NATURAL"
