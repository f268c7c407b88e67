"""The SQL of the expedientes list: what a search matches, in which order, one keyset page at a time.

Plans that stay flat as the office grows (issue 14):

- a juicio number prefix reads the ``(office_id, numero)`` index;
- a cédula/RUC prefix starts from the debtor index ``(office_id, identificacion)`` and a name from the
  FTS5 name index (SQLite; a LIKE on ``nombre_busqueda`` on PostgreSQL). When few debtors match (at most
  :data:`POCOS_DEUDORES`, the usual case: a few digits, a surname) their ids go to the expediente query
  as a list, which SQLite reads through ``(deudor_id, numero)`` and counts the same way. When many
  match (``06``, ``A``), the list walks the expedientes in the requested order and keeps the matching
  ones: they are dense, so a page is found quickly;
- each sortable column has an index ending in ``numero``; the next page starts after the last row shown
  (``(clave, numero) > (v, n)``), never with an OFFSET that re-reads every row before it.
"""

from __future__ import annotations

import re
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, String, bindparam, column, false, literal_column, select, table, tuple_
from sqlalchemy.orm import Session, aliased

from app.common.text import search_key
from app.storage.busqueda import TABLA_FTS, consulta_fts, hay_fts
from app.storage.models import Deudor, Expediente, Secretario

POCOS_DEUDORES = 400
"""Above this many matching debtors the search walks the expedientes instead of the debtors' list."""

_NUMERO = re.compile(r"^[0-9]+(-[0-9]*)+$")
_DIGITOS = re.compile(r"^[0-9]+$")
_FTS = table(TABLA_FTS, column("rowid"), column("nombre_busqueda"))
_fts_por_engine: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Cursor:
    """A keyset position: the sort value and the juicio number of the last row shown."""

    valor: Any
    numero: str


def prefijo(col: Any, prefix: str) -> Any:
    # A range, not LIKE, so the column's index is used.
    return (col >= prefix) & (col < prefix + "\U0010ffff")


def _con_fts(s: Session) -> bool:
    engine = s.get_bind()
    assert isinstance(engine, Engine)
    if engine not in _fts_por_engine:
        _fts_por_engine[engine] = hay_fts(engine)
    return _fts_por_engine[engine]


def _deudores_por_nombre(s: Session, office_id: uuid.UUID, texto: str) -> Select[Any] | None:
    """The ids of the debtors whose name has the typed words (any word of the name, accents ignored)."""
    if _con_fts(s):
        q = consulta_fts(texto)
        if q is None:
            return None
        return (select(Deudor.id)
                .join_from(_FTS, Deudor, literal_column("deudor.rowid") == _FTS.c.rowid)
                .where(_FTS.c.nombre_busqueda.op("MATCH")(q), Deudor.office_id == office_id))
    key = search_key(texto)
    if not key:
        return None
    return select(Deudor.id).where(
        Deudor.office_id == office_id,
        prefijo(Deudor.nombre_busqueda, key) | Deudor.nombre_busqueda.like(f"% {key}%"))


def condicion(s: Session, office_id: uuid.UUID, texto: str, secretario_id: uuid.UUID | bool | None) -> Any:
    """The WHERE on ``expediente`` for ``texto`` (see the module docstring). ``secretario_id``: False for the
    whole office, an id (or None: no secretario, nothing) for one secretario-abogado's own."""
    t = texto.strip()
    cond = Expediente.office_id == office_id
    if secretario_id is not False:
        cond = cond & (Expediente.secretario_id == secretario_id if secretario_id is not None else false())
    if not t:
        return cond
    if _NUMERO.match(t):
        return cond & prefijo(Expediente.numero, t)
    if _DIGITOS.match(t):
        deudores: Select[Any] | None = select(Deudor.id).where(Deudor.office_id == office_id,
                                                                prefijo(Deudor.identificacion, t))
    else:
        deudores = _deudores_por_nombre(s, office_id, t)
    if deudores is None:
        return false()
    ids = list(s.scalars(deudores.limit(POCOS_DEUDORES + 1)))
    if len(ids) <= POCOS_DEUDORES:
        return cond & Expediente.deudor_id.in_(ids) if ids else false()
    return cond & Expediente.deudor_id.in_(deudores)


def consulta(cond: Any, orden: str, descendente: bool, despues: Cursor | None) -> Select[Any]:
    """The page query: the list's columns, then the sort value (for the next cursor), in ``orden`` (a
    :class:`~app.services.expedientes.Columna` value) with ``numero`` as tie-break, after ``despues``."""
    sec = aliased(Secretario)
    claves = {
        "numero": Expediente.numero,
        "deudor": Deudor.nombre_busqueda,
        "identificacion": Deudor.identificacion,
        "cuantia": Expediente.cuantia,
        "etapa": Expediente.etapa,
        "secretario": sec.nombres,
        "fecha_inicio": Expediente.fecha_inicio,
    }
    clave = claves[orden]
    q = (
        select(
            Expediente.id, Expediente.numero, Expediente.numero_provisional, Deudor.nombre,
            Deudor.identificacion, Expediente.cuantia, Expediente.etapa, sec.nombres, Expediente.fecha_inicio,
            clave,
        )
        .join(Deudor, Deudor.id == Expediente.deudor_id)
        .join(sec, sec.id == Expediente.secretario_id)
        .where(cond)
    )
    por_numero = orden == "numero"
    if despues is not None:
        if por_numero:
            q = q.where(Expediente.numero < despues.numero if descendente else Expediente.numero > despues.numero)
        else:
            izq = tuple_(clave, Expediente.numero)
            der = tuple_(bindparam(None, despues.valor, type_=clave.type), bindparam(None, despues.numero, String()))
            q = q.where(izq < der if descendente else izq > der)
    if por_numero:
        return q.order_by(Expediente.numero.desc() if descendente else Expediente.numero)
    if descendente:
        return q.order_by(clave.desc(), Expediente.numero.desc())
    return q.order_by(clave, Expediente.numero)
