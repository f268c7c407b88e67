"""Reading expedientes: the searchable, sortable list (fetched a page at a time) and the carátula."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.common.text import search_key
from app.domain.etapas import Etapa
from app.services.context import Contexto
from app.services.foliacion import EntradaIndice, expediente_por_numero, indice_de
from app.storage.models import Deudor, Expediente, Folio, Oficina, Secretario, TituloCredito


class Columna(StrEnum):
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


_NUMERO = re.compile(r"^[0-9]+(-[0-9]*)+$")
_DIGITOS = re.compile(r"^[0-9]+$")


def _prefijo(col: Any, prefix: str) -> Any:
    # A range, not LIKE, so SQLite uses the column's index.
    return (col >= prefix) & (col < prefix + "\U0010ffff")


class ExpedientesService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def solo_mios_por_omision(self) -> bool:
        """A secretario-abogado's list shows his own expedientes unless he asks for the office's
        (domain.md §1: "his own expedientes, read access to the office's")."""
        return self.ctx.usuario.limitado_a_sus_expedientes

    def _condicion(self, texto: str, solo_mios: bool | None = None) -> Any:
        """The WHERE of a search, on ``expediente`` only: the debtor side goes through an indexed
        ``deudor_id IN (SELECT …)`` so that SQLite starts from the few matching debtors."""
        t = texto.strip()
        cond = Expediente.office_id == self.ctx.office_id
        if self.solo_mios_por_omision() if solo_mios is None else solo_mios:
            sid = self.ctx.usuario.secretario_id
            cond = cond & (Expediente.secretario_id == sid if sid is not None else false())
        if not t:
            return cond
        if _NUMERO.match(t):
            return cond & _prefijo(Expediente.numero, t)
        if _DIGITOS.match(t):
            deudores = select(Deudor.id).where(_prefijo(Deudor.identificacion, t))
        else:
            key = search_key(t)
            deudores = select(Deudor.id).where(
                or_(_prefijo(Deudor.nombre_busqueda, key), Deudor.nombre_busqueda.like(f"% {key}%")))
        return cond & Expediente.deudor_id.in_(deudores.where(Deudor.office_id == self.ctx.office_id))

    def _filtrado(self, texto: str, solo_mios: bool | None = None) -> Select[Any]:
        sec = aliased(Secretario)
        return (
            select(
                Expediente.id, Expediente.numero, Expediente.numero_provisional, Deudor.nombre,
                Deudor.identificacion, Expediente.cuantia, Expediente.etapa, sec.nombres,
                Expediente.fecha_inicio,
            )
            .join(Deudor, Deudor.id == Expediente.deudor_id)
            .join(sec, sec.id == Expediente.secretario_id)
            .where(self._condicion(texto, solo_mios))
        )

    def buscar(
        self, texto: str = "", orden: Columna = Columna.NUMERO, descendente: bool = False,
        offset: int = 0, limite: int = 200, solo_mios: bool | None = None,
    ) -> list[FilaExpediente]:
        """One page of the list. ``texto``: a juicio number prefix (``0601-2025``), a cédula/RUC
        prefix (digits), or a name (prefix of the name or of any word, accents and case ignored).
        ``solo_mios``: only the acting secretario-abogado's expedientes (None: his by default, see
        :meth:`solo_mios_por_omision`; False: the whole office, which he may read)."""
        q = self._filtrado(texto, solo_mios)
        cols = {
            Columna.NUMERO: Expediente.numero,
            Columna.DEUDOR: Deudor.nombre_busqueda,
            Columna.IDENTIFICACION: Deudor.identificacion,
            Columna.CUANTIA: Expediente.cuantia,
            Columna.ETAPA: Expediente.etapa,
            Columna.SECRETARIO: q.selected_columns[7],
            Columna.FECHA_INICIO: Expediente.fecha_inicio,
        }
        key = cols[orden]
        q = q.order_by(key.desc() if descendente else key.asc(), Expediente.numero)
        with self.ctx.read() as s:
            rows = s.execute(q.offset(offset).limit(limite)).all()
        return [FilaExpediente(r[0], r[1], r[2], r[3], r[4], r[5], Etapa(r[6]), r[7], r[8]) for r in rows]

    def contar(self, texto: str = "", solo_mios: bool | None = None) -> int:
        """How many expedientes match ``texto`` (same rules as :meth:`buscar`)."""
        q = select(func.count()).select_from(Expediente).where(self._condicion(texto, solo_mios))
        with self.ctx.read() as s:
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
