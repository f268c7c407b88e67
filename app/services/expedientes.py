"""Reading expedientes: the searchable, sortable list (fetched a page at a time) and the carátula."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.etapas import Etapa
from app.services.context import Contexto
from app.services.lista_expedientes import Cursor, Filtro, condicion, consulta, conteo_hasta, cursor_de, valores
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.folios import EntradaIndice, indice_de
from app.storage.models import Deudor, Expediente, Folio, Oficina, Secretario, TituloCredito

TOPE_CONTEO = 1000
"""The list counts the matches of a search up to this many at once; more are counted after its first page."""


class OrdenExpedientes(StrEnum):
    """Sortable columns of the list, in display order."""

    NUMERO = "numero"
    DEUDOR = "deudor"
    IDENTIFICACION = "identificacion"
    CUANTIA = "cuantia"
    ETAPA = "etapa"
    SECRETARIO = "secretario"
    FECHA_INICIO = "fecha_inicio"


@dataclass(frozen=True, slots=True)
class FilaExpediente:
    id: uuid.UUID
    numero: str
    provisional: bool
    deudor: str
    identificacion: str
    cuantia: Decimal
    etapa: Etapa
    secretario: str
    fecha_inicio: date


@dataclass(frozen=True, slots=True)
class Caratula:
    """The cover data of an expediente (domain.md §3)."""

    id: uuid.UUID
    numero: str
    provisional: bool
    oficina: str
    ciudad: str
    provincia: str
    acreedor: str
    deudor: str
    identificacion: str
    tipo_identificacion: str
    secretario: str
    secretario_cedula: str
    secretario_externo: bool
    etapa: Etapa
    fecha_inicio: date
    cuantia: Decimal
    titulo_numero: str
    titulo_fecha: date
    concepto: str
    periodo: str
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    total: Decimal
    fecha_interes_desde: date
    folios: int
    cuerpos: int
    folios_por_cuerpo: int
    casilla_judicial: str = ""
    abogado_deudor: str = ""
    fecha_citacion: date | None = None
    forma_citacion: str = ""
    prorroga_dias: int = 0


def _fila(r: Any) -> FilaExpediente:
    return FilaExpediente(*valores(r))


@dataclass(frozen=True, slots=True)
class Pagina:
    """One page of the list: its rows and where the next one starts (None: this was the last)."""

    filas: list[FilaExpediente]
    siguiente: Cursor | None


class ExpedientesService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def solo_mios_por_omision(self) -> bool:
        """A secretario-abogado's list shows his own expedientes unless he asks for the office's
        (domain.md §1: "his own expedientes, read access to the office's")."""
        return self.ctx.usuario.limitado_a_sus_expedientes

    def _condicion(self, s: Session, texto: str, solo_mios: bool | None) -> Filtro:
        mios = self.solo_mios_por_omision() if solo_mios is None else solo_mios
        return condicion(s, self.ctx.office_id, texto, self.ctx.usuario.secretario_id if mios else False)

    def pagina(
        self, texto: str = "", orden: OrdenExpedientes = OrdenExpedientes.NUMERO, descendente: bool = False,
        despues: Cursor | None = None, limite: int = 200, solo_mios: bool | None = None,
    ) -> Pagina:
        """The ``limite`` rows that follow ``despues`` (None: the first page) in the list's order: the
        keyset pagination of the lazy list (same matching rules as :meth:`buscar`). Rows are ordered by
        ``orden`` then juicio number, both descending when ``descendente``."""
        with self.ctx.read() as s:
            q = consulta(self._condicion(s, texto, solo_mios).pagina, orden.value, descendente, despues)
            rows = s.connection().execute(q.limit(limite + 1)).all()
        filas = [_fila(r) for r in rows[:limite]]
        siguiente = cursor_de(rows[limite - 1]) if len(rows) > limite else None
        return Pagina(filas, siguiente)

    def primera_pagina(
        self, texto: str = "", orden: OrdenExpedientes = OrdenExpedientes.NUMERO, descendente: bool = False,
        limite: int = 200, solo_mios: bool | None = None, tope: int | None = TOPE_CONTEO,
    ) -> tuple[int, Pagina]:
        """(total matching, first page): what the list shows after a search, in one read (the matching
        debtors are looked up once for both). The total is exact up to ``tope`` matches; above, it is
        ``tope + 1``, "more than ``tope``" (a broad search, «a», «06», shows its first page at once; the
        exact number comes from :meth:`contar`, which the list asks for in the background). ``tope=None``:
        always exact."""
        with self.ctx.read() as s:
            cond = self._condicion(s, texto, solo_mios)
            c = s.connection()  # Core: the ORM's result machinery costs more than these counts
            if tope is None:
                total = c.execute(select(func.count()).select_from(Expediente).where(cond.conteo)).scalar() or 0
            else:  # stop counting at tope + 1 rows: flat however many match
                total = c.execute(conteo_hasta(cond, tope + 1)).scalar() or 0
            if not total:
                return 0, Pagina([], None)
            rows = s.connection().execute(consulta(cond.pagina, orden.value, descendente, None).limit(limite + 1)).all()
        filas = [_fila(r) for r in rows[:limite]]
        siguiente = cursor_de(rows[limite - 1]) if len(rows) > limite else None
        return total, Pagina(filas, siguiente)

    def buscar(
        self, texto: str = "", orden: OrdenExpedientes = OrdenExpedientes.NUMERO, descendente: bool = False,
        offset: int = 0, limite: int = 200, solo_mios: bool | None = None,
    ) -> list[FilaExpediente]:
        """One page of the list by position. ``texto``: a juicio number prefix (``0601-2025``), a cédula/RUC
        prefix (digits), or a name (the typed words, the last one possibly cut short, as words of the name;
        accents and case ignored). ``solo_mios``: only the acting secretario-abogado's expedientes (None: his
        by default, see :meth:`solo_mios_por_omision`; False: the whole office, which he may read). The list
        itself pages with :meth:`pagina` (keyset); an ``offset`` re-reads every row before it."""
        with self.ctx.read() as s:
            q = consulta(self._condicion(s, texto, solo_mios).pagina, orden.value, descendente, None)
            rows = s.connection().execute(q.offset(offset).limit(limite)).all()
        return [_fila(r) for r in rows]

    def contar(self, texto: str = "", solo_mios: bool | None = None) -> int:
        """How many expedientes match ``texto`` (same rules as :meth:`buscar`)."""
        with self.ctx.read() as s:
            q = select(func.count()).select_from(Expediente).where(self._condicion(s, texto, solo_mios).conteo)
            return s.scalar(q) or 0

    def caratula(self, numero: str) -> Caratula:
        """Cover data of juicio ``numero``. Raises NotFoundError for an unknown number."""
        with self.ctx.read() as s:
            return self._caratula(s, expediente_por_numero(s, self.ctx.office_id, numero))

    def _caratula(self, s: Session, e: Expediente) -> Caratula:
        o = s.get_one(Oficina, e.office_id)
        t = s.get_one(TituloCredito, e.titulo_id)
        d = s.get_one(Deudor, e.deudor_id)
        x = s.get_one(Secretario, e.secretario_id)
        ultimo = s.scalar(select(func.max(Folio.hasta)).where(Folio.expediente_id == e.id)) or 0
        cuerpos = max(1, (ultimo - 1) // o.folios_por_cuerpo + 1) if ultimo else 1
        return Caratula(
            id=e.id, numero=e.numero, provisional=e.numero_provisional, oficina=o.nombre, ciudad=o.ciudad,
            provincia=o.provincia, acreedor="Instituto Ecuatoriano de Seguridad Social (IESS)",
            deudor=d.nombre, identificacion=d.identificacion, tipo_identificacion=d.tipo_identificacion,
            secretario=x.nombres, secretario_cedula=x.cedula, secretario_externo=x.externo,
            etapa=Etapa(e.etapa), fecha_inicio=e.fecha_inicio, cuantia=e.cuantia, titulo_numero=t.numero,
            titulo_fecha=t.fecha_emision, concepto=t.concepto, periodo=t.periodo, capital=t.capital,
            interes=t.interes, recargo=t.recargo, total=t.total, fecha_interes_desde=t.fecha_interes_desde,
            folios=ultimo, cuerpos=cuerpos, folios_por_cuerpo=o.folios_por_cuerpo,
            casilla_judicial=e.casilla_judicial, abogado_deudor=e.abogado_deudor, fecha_citacion=e.fecha_citacion,
            forma_citacion=e.forma_citacion, prorroga_dias=e.prorroga_dias,
        )

    def indice(self, numero: str) -> list[EntradaIndice]:
        """The expediente's índice: each document with its date and folio range, in folio order."""
        with self.ctx.read() as s:
            return indice_de(s, expediente_por_numero(s, self.ctx.office_id, numero).id)
