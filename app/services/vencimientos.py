"""Vencimientos: the open terms due today, this week and overdue, per secretario or for the whole office.

Two sources, both filtered by due date in SQL (no office-wide computation in Python):
- the :class:`~app.storage.models_juicio.Termino` rows opened by acts (index ``ix_termino_vence``:
  office, cerrado, vence);
- the secretario-abogado's plazo of each expediente in progress: ``fecha_inicio`` (handover) + 180 calendar
  days + the prórroga granted (up to 90, once; IESS Resolución C.D. 321). It is not stored: its due date is
  computed by SQLite from ``fecha_inicio`` and ``prorroga_dias``, pre-filtered on the indexed
  ``fecha_inicio`` range. Suspended and closed juicios are left out (their terms do not run).
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import Select, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import ValidationError
from app.domain.etapas import Etapa
from app.domain.procedimiento import (
    SIN_PLAZO_SECRETARIO,
    dias_plazo_secretario,
    inicio_del_plazo,
    plazo_secretario,
)
from app.domain.terminos import PRORROGA_SECRETARIO_DIAS, Calendario, TipoTermino
from app.services.context import Contexto
from app.storage.consultas.oficina import calendario_de
from app.storage.consultas.usuarios import secretario_por_cedula
from app.storage.models import Deudor, Expediente, Secretario
from app.storage.models_juicio import Termino
from app.storage.sqlfuncs import sin_indice, sumar_dias

Alcance = Literal["hoy", "semana", "vencidos", "pendientes", "todos"]
ALCANCES: tuple[str, ...] = ("hoy", "semana", "vencidos", "pendientes", "todos")
#: "Esta semana" means the next 7 calendar days after today.
DIAS_SEMANA = 7
DESCRIPCION_PLAZO = "Plazo del secretario-abogado para recaudar (C.D. 321)"
_SIN_PLAZO = [e.value for e in SIN_PLAZO_SECRETARIO]


class EstadoVencimiento(StrEnum):
    VENCIDO = "VENCIDO"  # due before today
    HOY = "HOY"  # due today
    SEMANA = "SEMANA"  # due in the next 7 calendar days
    PROXIMO = "PROXIMO"  # later

    @property
    def etiqueta(self) -> str:
        return {"VENCIDO": "Vencido", "HOY": "Vence hoy", "SEMANA": "Esta semana", "PROXIMO": "Próximo"}[self.value]


@dataclass(frozen=True, slots=True)
class Vencimiento:
    """One open term. ``dias_restantes``: business days for a TERMINO, calendar days for a PLAZO, from
    today to ``vence`` (0 today, negative when overdue). ``termino_id`` is None for the secretario's plazo
    (computed, not stored)."""

    expediente_id: uuid.UUID
    juicio: str
    deudor: str
    identificacion: str
    secretario: str
    secretario_cedula: str
    descripcion: str
    tipo: TipoTermino
    vence: date
    dias_restantes: int
    estado: EstadoVencimiento
    etapa: Etapa
    termino_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class GrupoVencimiento:
    """The open terms of one juicio in a view, the most urgent first: a view shows one row per juicio
    (with the same fields as a :class:`Vencimiento`, those of the most urgent term) instead of one per term."""

    terminos: tuple[Vencimiento, ...]

    @property
    def primero(self) -> Vencimiento:
        return self.terminos[0]

    @property
    def cantidad(self) -> int:
        return len(self.terminos)

    def __getattr__(self, nombre: str) -> Any:  # juicio, deudor, vence, estado… of the most urgent term
        return getattr(self.terminos[0], nombre)

    @property
    def descripcion(self) -> str:
        d = self.terminos[0].descripcion
        return d if len(self.terminos) == 1 else f"{d} (y {len(self.terminos) - 1} más)"

    @property
    def detalle(self) -> str:
        """Every term of the juicio, one a line: «06/06/2025 · Término para pagar… (término)»."""
        return "\n".join(f"{format_dmy(v.vence)} · {v.descripcion} ({v.tipo.value.lower()})" for v in self.terminos)


def agrupar_por_juicio(lista: list[Vencimiento]) -> list[GrupoVencimiento]:
    """One group per juicio, in the order of each juicio's most urgent term (``lista`` comes by due date)."""
    grupos: dict[str, list[Vencimiento]] = {}
    for v in lista:
        grupos.setdefault(v.juicio, []).append(v)
    return [GrupoVencimiento(tuple(sorted(g, key=lambda v: (v.vence, v.descripcion)))) for g in grupos.values()]


class _Habiles:
    """Business-day counts between dates, O(1) per query after one pass over the covered range."""

    def __init__(self, cal: Calendario, desde: date, hasta: date) -> None:
        self.inicio = desde
        self.acum = [0]
        d = desde
        while d < hasta:
            d += timedelta(days=1)
            self.acum.append(self.acum[-1] + cal.es_habil(d))

    def entre(self, hoy: date, vence: date) -> int:
        """Business days in (hoy, vence]; negative (business days in (vence, hoy]) when overdue."""
        a = self.acum[(hoy - self.inicio).days]
        b = self.acum[(vence - self.inicio).days]
        return b - a


def _estado(hoy: date, vence: date) -> EstadoVencimiento:
    if vence < hoy:
        return EstadoVencimiento.VENCIDO
    if vence == hoy:
        return EstadoVencimiento.HOY
    if vence <= hoy + timedelta(days=DIAS_SEMANA):
        return EstadoVencimiento.SEMANA
    return EstadoVencimiento.PROXIMO


def rango(alcance: str, hoy: date) -> tuple[date | None, date | None]:
    """Due-date range (inclusive; None = open) of an ``alcance``: ``hoy``; ``semana`` (today and the next 7
    days); ``vencidos`` (before today); ``pendientes`` (overdue, today and this week); ``todos``."""
    semana = hoy + timedelta(days=DIAS_SEMANA)
    rangos: dict[str, tuple[date | None, date | None]] = {
        "hoy": (hoy, hoy), "semana": (hoy, semana), "vencidos": (None, hoy - timedelta(days=1)),
        "pendientes": (None, semana), "todos": (None, None),
    }
    if alcance not in rangos:
        raise ValidationError(f"Alcance «{alcance}» desconocido; use: {', '.join(ALCANCES)}.")
    return rangos[alcance]


def _oficina_sin_indice() -> Any:
    # Keeps SQLite off ix_expediente_office_id (one office per database: it selects everything) so that it
    # walks ix_expediente_fecha_inicio in order (a limited read stops early) or the secretario's index.
    return sin_indice(Expediente.office_id)


def _de_secretario(sid: uuid.UUID) -> Any:
    # The secretario's expedientes (ix_expediente_secretario_id), then their terms (ix_termino_expediente_id):
    # a few thousand lookups instead of walking every open term of the office.
    return select(Expediente.id).where(Expediente.secretario_id == sid).scalar_subquery()


def _vence_plazo_sql() -> Any:
    return sumar_dias(Expediente.fecha_inicio, dias_plazo_secretario(func.coalesce(Expediente.prorroga_dias, 0)))


class VencimientosService:
    """The terms due, for the vencimientos view and the ``vencimientos`` command."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def _secretario_id(self, s: Session, cedula: str | None) -> uuid.UUID | None:
        return secretario_por_cedula(s, self.ctx.office_id, cedula)

    def listar(
        self,
        hoy: date | None = None,
        secretario_cedula: str | None = None,
        alcance: Alcance = "pendientes",
        *,
        incluir_plazo_secretario: bool = True,
        limite: int | None = None,
        offset: int = 0,
        solo_plazo_secretario: bool = False,
    ) -> list[Vencimiento]:
        """Open terms of the office (or of the secretario with ``secretario_cedula``) whose due date falls in
        ``alcance`` (see :func:`rango`; "esta semana" = the next 7 calendar days), sorted by due date (the most
        overdue first) then juicio number. ``limite``/``offset`` give one page of that order: on a large office
        "vencidos" holds every secretario plazo already past (hundreds of thousands of rows), so a view
        should page and show :meth:`contar` for the totals.

        Includes each juicio's secretario plazo (180 calendar days from ``fecha_inicio`` + prórroga,
        C.D. 321) unless ``incluir_plazo_secretario`` is False; ``solo_plazo_secretario`` gives only those plazos
        (a view shows them apart from the short términos). ``hoy`` defaults to today in Ecuador.

        Raises:
            NotFoundError: no secretario with that cédula in the office.
            ValidationError: unknown ``alcance``, negative ``limite`` or ``offset``.
        """
        if (limite is not None and limite < 0) or offset < 0:
            raise ValidationError("El límite y el desplazamiento no pueden ser negativos.")
        hoy = hoy or local_today()
        lo, hi = rango(alcance, hoy)
        tope = None if limite is None else limite + offset
        with self.ctx.read() as s:
            sid = self._secretario_id(s, secretario_cedula)
            filas: list[Any] = ([] if solo_plazo_secretario
                                else list(s.execute(self._q_terminos(lo, hi, sid, tope)).all()))
            if incluir_plazo_secretario or solo_plazo_secretario:
                filas += self._plazos(s, lo, hi, sid, tope)
            filas.sort(key=lambda r: (r.vence, r.numero, r.descripcion))
            filas = filas[offset:] if tope is None else filas[offset:tope]
            if not filas:
                return []
            cal = calendario_de(s, self.ctx.office_id)
        habiles = _Habiles(cal, min(hoy, filas[0].vence), max(hoy, filas[-1].vence))
        tipos = {t.value: t for t in TipoTermino}
        etapas = {e.value: e for e in Etapa}
        out: list[Vencimiento] = []
        for r in filas:
            tipo = tipos[r.tipo]
            vence = r.vence
            dias = habiles.entre(hoy, vence) if tipo is TipoTermino.TERMINO else (vence - hoy).days
            out.append(Vencimiento(
                r.expediente_id, r.numero, r.deudor, r.identificacion, r.secretario, r.cedula, r.descripcion, tipo,
                vence, dias, _estado(hoy, vence), etapas[r.etapa], r.termino_id,
            ))
        return out

    def contar(
        self, hoy: date | None = None, secretario_cedula: str | None = None, *, incluir_plazo_secretario: bool = True,
        solo_plazo_secretario: bool = False,
    ) -> dict[EstadoVencimiento, int]:
        """How many open terms are VENCIDO, HOY, SEMANA and PROXIMO: two grouped SQL queries, for the view's
        header and the command line's summary (``solo_plazo_secretario``: only the secretario's plazos).

        Raises:
            NotFoundError: no secretario with that cédula in the office.
        """
        hoy = hoy or local_today()
        semana = hoy + timedelta(days=DIAS_SEMANA)
        out: Counter[str] = Counter()
        with self.ctx.read() as s:
            sid = self._secretario_id(s, secretario_cedula)
            t = Termino.vence
            grupo = case((t < hoy, "VENCIDO"), (t == hoy, "HOY"), (t <= semana, "SEMANA"), else_="PROXIMO")
            q = (select(grupo, func.count()).where(Termino.office_id == self.ctx.office_id, Termino.cerrado == false())
                 .group_by(grupo))
            if sid is not None:
                q = q.where(Termino.expediente_id.in_(_de_secretario(sid)))
            if not solo_plazo_secretario:
                out.update(dict(s.execute(q).all()))
            if incluir_plazo_secretario or solo_plazo_secretario:
                # vence = plazo_secretario(base) with base = fecha_inicio + prórroga: compare base with the
                # handovers whose plazo ends on each date (the domain's inverse), not the dates themselves.
                base = case((Expediente.prorroga_dias == 0, Expediente.fecha_inicio),
                            else_=sumar_dias(Expediente.fecha_inicio, Expediente.prorroga_dias))
                h, w = inicio_del_plazo(hoy), inicio_del_plazo(semana)
                grupo_p = case((base < h, "VENCIDO"), (base == h, "HOY"), (base <= w, "SEMANA"), else_="PROXIMO")
                qp = (select(grupo_p, func.count())
                      .where(_oficina_sin_indice() == self.ctx.office_id, Expediente.etapa.not_in(_SIN_PLAZO))
                      .group_by(grupo_p))
                if sid is not None:
                    qp = qp.where(Expediente.secretario_id == sid)
                out.update(dict(s.execute(qp).all()))
        return {e: out[e.value] for e in EstadoVencimiento}

    def _q_terminos(self, lo: date | None, hi: date | None, sid: uuid.UUID | None, limite: int | None) -> Select[Any]:
        q = (
            select(
                Termino.expediente_id, Expediente.numero, Deudor.nombre.label("deudor"), Deudor.identificacion,
                Secretario.nombres.label("secretario"), Secretario.cedula, Termino.descripcion, Termino.tipo,
                Termino.vence, Expediente.etapa, Termino.id.label("termino_id"),
            )
            .join(Expediente, Expediente.id == Termino.expediente_id)
            .join(Deudor, Deudor.id == Expediente.deudor_id)
            .join(Secretario, Secretario.id == Expediente.secretario_id)
            .where(Termino.office_id == self.ctx.office_id, Termino.cerrado == false())
        )
        if lo is not None:
            q = q.where(Termino.vence >= lo)
        if hi is not None:
            q = q.where(Termino.vence <= hi)
        if sid is not None:
            q = q.where(Termino.expediente_id.in_(_de_secretario(sid)))
        q = q.order_by(Termino.vence, Expediente.numero)
        if limite is not None:
            q = q.limit(limite)
        return q

    def _q_plazos(self, lo: date | None, hi: date | None, sid: uuid.UUID | None) -> Select[Any]:
        """Expedientes whose secretario plazo is due in [lo, hi], in ``fecha_inicio`` order (the index's).

        The outer ``fecha_inicio`` range (widened by the largest prórroga) is what SQLite searches the index
        ix_expediente_fecha_inicio with; the exact test is cheap for the usual case (no prórroga: a range on
        ``fecha_inicio``) and computes the date only for expedientes with a prórroga."""
        vence = _vence_plazo_sql()
        conds = [_oficina_sin_indice() == self.ctx.office_id, Expediente.etapa.not_in(_SIN_PLAZO)]
        sin, con = [Expediente.prorroga_dias == 0], [Expediente.prorroga_dias != 0]
        if lo is not None:
            conds.append(Expediente.fecha_inicio >= inicio_del_plazo(lo, PRORROGA_SECRETARIO_DIAS))
            sin.append(Expediente.fecha_inicio >= inicio_del_plazo(lo))
            con.append(vence >= lo)
        if hi is not None:
            conds.append(Expediente.fecha_inicio <= inicio_del_plazo(hi))
            con.append(vence <= hi)
        if lo is not None or hi is not None:
            conds.append(or_(and_(*sin), and_(*con)))
        if sid is not None:
            conds.append(Expediente.secretario_id == sid)
        return (
            select(
                Expediente.id.label("expediente_id"), Expediente.numero, Deudor.nombre.label("deudor"),
                Deudor.identificacion, Secretario.nombres.label("secretario"), Secretario.cedula,
                Expediente.fecha_inicio, Expediente.prorroga_dias, Expediente.etapa,
            )
            .join(Deudor, Deudor.id == Expediente.deudor_id)
            .join(Secretario, Secretario.id == Expediente.secretario_id)
            .where(and_(*conds))
            .order_by(Expediente.fecha_inicio, Expediente.numero)
        )

    def _plazos(self, s: Session, lo: date | None, hi: date | None, sid: uuid.UUID | None,
                limite: int | None) -> list[_Fila]:
        """The secretario plazos due in [lo, hi]; with ``limite``, (at least) the ``limite`` earliest.

        Rows come in ``fecha_inicio`` order, so a limited read stops early; as a prórroga (0..90 days) can put
        a later handover before an earlier one, the read continues while a handover could still be due before
        the ``limite``-th due date found."""
        q = self._q_plazos(lo, hi, sid)
        filas = [self._fila_plazo(r) for r in s.execute(q if limite is None else q.limit(limite))]
        if limite is not None and len(filas) == limite:
            tope = sorted(f.vence for f in filas)[limite - 1]  # the limite-th due date found so far
            corte = inicio_del_plazo(tope)
            desde = filas[-1].fecha_inicio
            if corte >= desde:
                vistos = {f.expediente_id for f in filas}
                ventana = q.where(Expediente.fecha_inicio >= desde, Expediente.fecha_inicio <= corte)
                # Without prórroga the due-date order is the fecha_inicio order: the first limite suffice.
                sin = ventana.where(Expediente.prorroga_dias == 0).limit(limite)
                con = (ventana.where(Expediente.prorroga_dias != 0, _vence_plazo_sql() <= tope)
                       .order_by(None).order_by(_vence_plazo_sql(), Expediente.numero).limit(limite))
                for r in [*s.execute(sin), *s.execute(con)]:
                    if r.expediente_id not in vistos:
                        vistos.add(r.expediente_id)
                        filas.append(self._fila_plazo(r))
        return filas

    @staticmethod
    def _fila_plazo(r: Any) -> _Fila:
        vence = plazo_secretario(r.fecha_inicio, r.prorroga_dias or 0)
        return _Fila(r.expediente_id, r.numero, r.deudor, r.identificacion, r.secretario, r.cedula,
                     DESCRIPCION_PLAZO, TipoTermino.PLAZO.value, vence, r.etapa, None, r.fecha_inicio)


@dataclass(frozen=True, slots=True)
class _Fila:
    expediente_id: uuid.UUID
    numero: str
    deudor: str
    identificacion: str
    secretario: str
    cedula: str
    descripcion: str
    tipo: str
    vence: date
    etapa: str
    termino_id: uuid.UUID | None
    fecha_inicio: date | None = None


def _corta(texto: str, n: int) -> str:
    return texto if len(texto) <= n else texto[: n - 1] + "…"


def formatear_vencimientos(
    lista: list[Vencimiento], hoy: date | None = None, totales: dict[EstadoVencimiento, int] | None = None
) -> str:
    """Plain-text table of ``lista`` for the command line: a summary line and one line per term: estado, due
    date, days left (business days "h" for términos, calendar days "c" for plazos; negative = overdue), juicio,
    debtor, secretario, description.

    ``totales`` (from :meth:`VencimientosService.contar`) makes the summary give the office's totals and say
    how many of them are shown when ``lista`` is one page (``limite``)."""
    hoy = hoy or local_today()
    c = Counter(v.estado for v in lista)
    fuente = totales if totales is not None else c
    resumen = (f"vencidos {fuente[EstadoVencimiento.VENCIDO]}, hoy {fuente[EstadoVencimiento.HOY]}, "
               f"esta semana {fuente[EstadoVencimiento.SEMANA]}")
    if totales is None:
        resumen += f", próximos {c[EstadoVencimiento.PROXIMO]}"
    if not lista:
        return f"Sin términos vencidos ni por vencer al {format_dmy(hoy)}."
    lineas = [f"Vencimientos al {format_dmy(hoy)}: {len(lista)} — {resumen}"]
    if totales is not None:
        total = totales[EstadoVencimiento.VENCIDO] + totales[EstadoVencimiento.HOY] + totales[EstadoVencimiento.SEMANA]
        if len(lista) < total:
            lineas.append(f"Se muestran {len(lista)} de {total} (los más antiguos primero).")
    lineas += [
        "",
        f"{'ESTADO':<11} {'VENCE':<10} {'DÍAS':>6}  {'JUICIO':<16} {'DEUDOR':<30} {'SECRETARIO':<24} DESCRIPCIÓN",
    ]
    for v in lista:
        unidad = "h" if v.tipo is TipoTermino.TERMINO else "c"
        lineas.append(
            f"{v.estado.etiqueta:<11} {format_dmy(v.vence):<10} {v.dias_restantes:>5}{unidad}  {v.juicio:<16} "
            f"{_corta(v.deudor, 30):<30} {_corta(v.secretario, 24):<24} {v.descripcion}"
        )
    lineas += ["", "Días: h = hábiles (término), c = calendario (plazo); negativos = vencido."]
    return "\n".join(lineas)
