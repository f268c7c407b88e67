"""The head of an expediente's record (design.md §2-3): what a verification compares the rows with.

The folio entries are hash-chained (:mod:`app.domain.foliacion`), but a chain alone cannot show that its
*last* entries, or all of them, were cut off: what remains is still a valid chain. So each expediente keeps a
head apart from the folio rows: how many folio entries it has, the folio where the last one ends and that
entry's hash; and, for its procedural acts (which are not chained), how many there are and a digest of all of
them. The digest is the sum modulo 2**256 of each act's SHA-256 (an additive multiset hash): it can be kept up
to date one act at a time, in any order, and it changes when any act is edited, removed or added behind the
program's back.

Pure: no database. :mod:`app.storage.ancla` keeps the head in the same transaction as each write, and
:mod:`app.services.verificacion` compares.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.common.text import plural
from app.domain.foliacion import GENESIS

MODULO = 2**256
DIGEST_VACIO = "0" * 64

CAMPOS_ACTO: tuple[str, ...] = (
    "id", "expediente_id", "tipo", "fecha", "etapa_anterior", "etapa_nueva", "descripcion", "documento_id",
    "corrige_id", "datos",
)
"""The columns of an act that its digest covers (what a court reads: what, when, which document)."""


def _valor(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if v is None or isinstance(v, str | int | float | bool | dict | list):
        return v
    return str(v)  # UUID


def hash_acto(campos: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of one act, from the values of :data:`CAMPOS_ACTO` (UUIDs, dates, JSON ``datos``).

    ``descripcion`` None and "" are the same (the column's default is "").
    """
    datos = {k: _valor(campos.get(k)) for k in CAMPOS_ACTO}
    if datos["descripcion"] is None:
        datos["descripcion"] = ""
    texto = json.dumps(datos, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


def sumar_digest(digest: str, hashes: Iterable[str]) -> str:
    """``digest`` plus each of ``hashes`` (hex), modulo 2**256, as 64 hex digits."""
    total = int(digest, 16)
    for h in hashes:
        total = (total + int(h, 16)) % MODULO
    return f"{total:064x}"


@dataclass(frozen=True, slots=True)
class Cabeza:
    """An expediente's head: ``folios`` entries ending at folio ``ultimo_folio`` whose last entry hashes to
    ``hash_folio`` (GENESIS when none); ``actos`` acts whose digest is ``hash_actos``."""

    folios: int = 0
    ultimo_folio: int = 0
    hash_folio: str = GENESIS
    actos: int = 0
    hash_actos: str = DIGEST_VACIO


def diferencias(anclada: Cabeza, actual: Cabeza) -> list[str]:
    """What the rows lost or changed against the anchored head, in Spanish (empty: they agree).

    The folio chain itself (links, hashes, files) is checked by :func:`app.domain.foliacion.verificar_cadena`;
    this names cuts the chain cannot show.
    """
    out: list[str] = []
    if actual.folios < anclada.folios:
        if actual.folios == 0:
            out.append(f"no queda ninguna entrada de foliación: el expediente tenía "
                       f"{plural(anclada.folios, 'documento foliado')}, fojas 1 a {anclada.ultimo_folio} "
                       "(se eliminaron todas)")
        else:
            out.append(f"faltan las últimas entradas de foliación: el expediente tenía "
                       f"{plural(anclada.folios, 'documento')} hasta la foja {anclada.ultimo_folio} y quedan "
                       f"{actual.folios} "
                       f"(hasta la foja {actual.ultimo_folio})")
    elif actual.folios > anclada.folios:
        out.append(f"hay {plural(actual.folios - anclada.folios, 'entrada')} de foliación que el programa no registró")
    elif actual.hash_folio != anclada.hash_folio or actual.ultimo_folio != anclada.ultimo_folio:
        out.append("la última entrada de foliación no es la que el programa registró (fue reemplazada)")
    if actual.actos < anclada.actos:
        out.append(f"se {'eliminó' if anclada.actos - actual.actos == 1 else 'eliminaron'} "
                   f"{plural(anclada.actos - actual.actos, 'acto procesal', 'actos procesales')}: el expediente tenía "
                   f"{anclada.actos} y quedan {actual.actos}")
    elif actual.actos > anclada.actos:
        out.append(f"hay {plural(actual.actos - anclada.actos, 'acto procesal', 'actos procesales')} que el "
                   "programa no registró")
    elif actual.hash_actos != anclada.hash_actos:
        out.append("un acto procesal fue modificado después de registrarse")
    return out
