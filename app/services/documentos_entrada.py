"""The ``datos`` callers (UI, CLI) pass for the documents that need more than the expediente, parsed into the
plain data of :mod:`app.documents.campos.modelo`: amounts as the office writes them (``1.234,56``), texts,
the goods of an acta and the bids of a remate. Every error names the field or the item. Which keys each
document type accepts is the registry's (:func:`app.domain.documentos.validar_claves`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.common.dates import parse_date
from app.common.errors import ValidationError
from app.common.money import parse_amount, q
from app.documents.campos.modelo import Bien, Postura


def monto(valor: Any, campo: str) -> Decimal:
    """A USD amount from datos (Decimal, int, or text as the office writes it: ``1.234,56``).

    Raises:
        ValidationError: naming ``campo``.
    """
    if isinstance(valor, Decimal):
        return q(valor)
    if isinstance(valor, int) and not isinstance(valor, bool):
        return q(Decimal(valor))
    if isinstance(valor, float):
        return q(Decimal(str(valor)))
    try:
        return parse_amount(str(valor))
    except ValueError as exc:
        raise ValidationError(f"«{campo}»: {exc}.") from exc


def texto(datos: Mapping[str, Any], clave: str, defecto: str = "") -> str:
    v = datos.get(clave)
    return defecto if v is None else str(v).strip()


def bienes_de(valor: Any, *, con_valor: bool = False) -> tuple[Bien, ...]:
    """Parse ``datos["bienes"]``: a list of ``{descripcion, tipo, valor, ubicacion}`` (or plain strings).

    Raises:
        ValidationError: not a list, an item without description, a bad amount, or (``con_valor``) a good
            without appraisal — naming the item.
    """
    if not isinstance(valor, list | tuple):
        raise ValidationError("«bienes» debe ser una lista de bienes.")
    out = []
    for i, b in enumerate(valor, start=1):
        if isinstance(b, str):
            b = {"descripcion": b}
        if not isinstance(b, Mapping) or not str(b.get("descripcion", "")).strip():
            raise ValidationError(f"Bien {i}: falta la descripción.")
        v = b.get("valor")
        if v in (None, "") and con_valor:
            raise ValidationError(f"Bien {i} ({b['descripcion']}): falta el avalúo.")
        out.append(Bien(
            descripcion=str(b["descripcion"]).strip(), tipo=str(b.get("tipo") or "").upper(),
            valor=None if v in (None, "") else monto(v, f"bien {i}: valor"), ubicacion=str(b.get("ubicacion") or ""),
        ))
    return tuple(out)


def posturas_de(valor: Any) -> tuple[Postura, ...]:
    """Parse ``datos["posturas"]``: a list of ``{postor, identificacion, valor, deposito}``.

    Raises:
        ValidationError: naming the bad item.
    """
    if not isinstance(valor, list | tuple) or not valor:
        raise ValidationError("«posturas» debe ser una lista con al menos una postura.")
    out = []
    for i, p in enumerate(valor, start=1):
        if not isinstance(p, Mapping) or not str(p.get("postor", "")).strip():
            raise ValidationError(f"Postura {i}: falta el nombre del postor.")
        out.append(Postura(
            postor=str(p["postor"]).strip(), identificacion=str(p.get("identificacion") or ""),
            valor=monto(p.get("valor"), f"postura {i}: valor"), deposito=monto(p.get("deposito", 0),
                                                                              f"postura {i}: depósito"),
        ))
    return tuple(out)


def fecha(valor: Any, campo: str) -> date:
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    try:
        return parse_date(str(valor))
    except ValueError as exc:
        raise ValidationError(f"«{campo}»: {exc}.") from exc


def identificador(valor: Any, campo: str) -> uuid.UUID:
    try:
        return valor if isinstance(valor, uuid.UUID) else uuid.UUID(str(valor))
    except ValueError as exc:
        raise ValidationError(f"«{campo}»: «{valor}» no es un identificador válido.") from exc
