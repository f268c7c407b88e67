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
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    Engine,
    Select,
    String,
    bindparam,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    tuple_,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Join
from sqlalchemy.types import NullType

from app.common.money import q
from app.common.text import search_key
from app.domain.etapas import Etapa
from app.storage.busqueda import TABLA_FTS, consulta_fts, hay_fts, sin_indice
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


@dataclass(frozen=True, slots=True)
class Filtro:
    """The WHERE of a search on ``expediente``, for the page and for the count (they differ only for a broad
    search: the page walks the expedientes in order, the count goes through the debtors' index).
    ``deudores``, for a broad search only: the matching debtors' ids (a SELECT) and the WHERE on
    ``expediente`` without them, for a count that joins the two and may stop early (:func:`conteo_hasta`)."""

    pagina: Any
    conteo: Any
    deudores: Select[Any] | None = None
    sin_deudores: Any = None


class _JoinFijo(Join):
    """A join whose left table is read first: ``CROSS JOIN`` on SQLite (its way to fix the join order),
    a plain ``JOIN`` elsewhere. Sorting by a debtor or secretario column then walks that table's index in
    order and the expedientes of each row through ``(deudor_id|secretario_id, numero)``: no sort of the
    whole office."""

    inherit_cache = True


@compiles(_JoinFijo, "sqlite")
def _cross_join(element: _JoinFijo, compiler: Any, **kw: Any) -> str:
    return compiler.visit_join(element, **kw).replace(" JOIN ", " CROSS JOIN ", 1)


def condicion(s: Session, office_id: uuid.UUID, texto: str, secretario_id: uuid.UUID | bool | None) -> Filtro:
    """The WHERE on ``expediente`` for ``texto`` (see the module docstring). ``secretario_id``: False for the
    whole office, an id (or None: no secretario, nothing) for one secretario-abogado's own."""
    t = texto.strip()
    cond = Expediente.office_id == office_id
    if secretario_id is not False:
        cond = cond & (Expediente.secretario_id == secretario_id if secretario_id is not None else false())
    if not t:
        return Filtro(cond, cond)
    if _NUMERO.match(t):
        cond = cond & prefijo(Expediente.numero, t)
        return Filtro(cond, cond)
    if _DIGITOS.match(t):
        deudores: Select[Any] | None = select(Deudor.id).where(Deudor.office_id == office_id,
                                                                prefijo(Deudor.identificacion, t))
    else:
        deudores = _deudores_por_nombre(s, office_id, t)
    if deudores is None:
        return Filtro(false(), false())
    ids = list(s.connection().execute(deudores.limit(POCOS_DEUDORES + 1)).scalars())  # Core: no ORM result
    if not ids:
        return Filtro(false(), false())
    if len(ids) <= POCOS_DEUDORES:
        cond = cond & Expediente.deudor_id.in_(ids)
        return Filtro(cond, cond)
    # Many debtors: the page must not start from them (SQLite would read and sort every match); the unary
    # «+» keeps it off the deudor_id index, so it walks the requested order and keeps the matching rows.
    pagina = sin_indice(Expediente.deudor_id, s.get_bind().dialect.name).in_(deudores)
    return Filtro(cond & pagina, cond & Expediente.deudor_id.in_(deudores), deudores, cond)


def conteo_hasta(f: Filtro, tope: int) -> Select[Any]:
    """``SELECT count(*)`` of the expedientes matching ``f``, stopping at ``tope`` rows. For a broad search
    the matching debtors are joined to their expedientes (through ``(deudor_id, numero)``) as they come from
    the name or identification index, so the count stops after the first ``tope`` instead of first
    collecting every matching debtor (which the page's walk does once already)."""
    if f.deudores is None:
        hasta = select(literal_column("1")).select_from(Expediente).where(f.conteo)
    else:
        d = f.deudores.subquery()
        hasta = (select(literal_column("1")).select_from(d)
                 .join(Expediente, Expediente.deudor_id == d.c.id).where(f.sin_deudores))
    return select(func.count()).select_from(hasta.limit(tope).subquery())


_E, _D = Expediente.__table__, Deudor.__table__
_SEC = Secretario.__table__.alias("sec")
_CLAVES = {
    "numero": _E.c.numero,
    "deudor": _D.c.nombre_busqueda,
    "identificacion": _D.c.identificacion,
    "cuantia": _E.c.cuantia,
    "etapa": _E.c.etapa,
    "secretario": _SEC.c.nombres,
    "fecha_inicio": _E.c.fecha_inicio,
}


def _crudo(col: Any) -> Any:
    return type_coerce(col, NullType()).label(col.name)


@cache
def _base(orden: str) -> Select[Any]:
    """The page's SELECT … FROM for ``orden``, built once (building the joins' column collections is most of
    the cost of a statement)."""
    e, d, sec = _E, _D, _SEC
    # By secretario the secretario's id follows his name (index (nombres, id)): each secretario's
    # expedientes then come in numero order straight from (secretario_id, numero), with no sort even when
    # two secretarios share a name.
    extra = [sec.c.id] if orden == "secretario" else []
    if orden in ("deudor", "identificacion"):
        # office_id on both sides: the (office_id, identificacion) index then gives the order
        origen = _JoinFijo(d, e, (e.c.deudor_id == d.c.id) & (d.c.office_id == e.c.office_id)).join(
            sec, sec.c.id == e.c.secretario_id)
    elif orden == "secretario":
        origen = _JoinFijo(sec, e, e.c.secretario_id == sec.c.id).join(d, d.c.id == e.c.deudor_id)
    else:
        origen = e.join(d, d.c.id == e.c.deudor_id).join(sec, sec.c.id == e.c.secretario_id)
    # id, cuantía, the start date and the provisional flag come back as the driver gives them (no type
    # processing: that was most of the cost of a page) and are converted by :func:`valores`.
    return select(
        _crudo(e.c.id), e.c.numero, _crudo(e.c.numero_provisional), d.c.nombre, d.c.identificacion,
        _crudo(e.c.cuantia), e.c.etapa, sec.c.nombres, _crudo(e.c.fecha_inicio), _CLAVES[orden], *extra,
    ).select_from(origen)


def consulta(cond: Any, orden: str, descendente: bool, despues: Cursor | None) -> Select[Any]:
    """The page query: the list's columns, then the sort value (for the next cursor), in ``orden`` (a
    :class:`~app.services.expedientes.OrdenExpedientes` value) with ``numero`` as tie-break, after ``despues``."""
    e = _E
    clave = _CLAVES[orden]
    extra = [_SEC.c.id] if orden == "secretario" else []
    q = _base(orden).where(cond)
    por_numero = orden == "numero"
    if despues is not None:
        if por_numero:
            q = q.where(e.c.numero < despues.numero if descendente else e.c.numero > despues.numero)
        else:
            cols = [clave, *extra]
            valores = despues.valor if extra else (despues.valor,)
            izq = tuple_(*cols, e.c.numero)
            der = tuple_(*(bindparam(None, v, type_=c.type) for c, v in zip(cols, valores, strict=True)),
                         bindparam(None, despues.numero, String()))
            q = q.where(izq < der if descendente else izq > der)
    if por_numero:
        return q.order_by(e.c.numero.desc() if descendente else e.c.numero)
    if descendente:
        return q.order_by(clave.desc(), *(c.desc() for c in extra), e.c.numero.desc())
    return q.order_by(clave, *extra, e.c.numero)


def valores(fila: Any) -> tuple[uuid.UUID, str, bool, str, str, Decimal, Etapa, str, date]:
    """The list's values of a row of :func:`consulta`, typed: SQLite gives the id as hex, the cuantía in
    cents and the date as ISO text; PostgreSQL gives them typed already."""
    i, numero, prov, nombre, ident, cuantia, etapa, sec, fecha = fila[:9]
    return (
        i if isinstance(i, uuid.UUID) else uuid.UUID(hex=i), numero, bool(prov), nombre, ident,
        Decimal(cuantia).scaleb(-2) if isinstance(cuantia, int) else q(cuantia), Etapa(etapa), sec,
        date.fromisoformat(fecha) if isinstance(fecha, str) else fecha,
    )


def cursor_de(fila: Any) -> Cursor:
    """The keyset position after ``fila``, a row of :func:`consulta`."""
    return Cursor(tuple(fila[9:]) if len(fila) > 10 else fila[9], fila[1])
