"""The dashboard's plain data (domain.md §6): the filters, the rows of each chart's table and the whole set of
figures :class:`app.services.tablero.TableroService` reads in SQL. USD amounts are ``Decimal``; months are
``"AAAA-MM"`` strings; dates are calendar dates of the office (America/Guayaquil)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.common.dates import format_dmy
from app.common.errors import ValidationError
from app.domain.bienes import FINALES, EstadoBien
from app.domain.etapas import Etapa
from app.domain.procedimiento import CERRADAS, SIN_PLAZO_SECRETARIO
from app.domain.tablero import Banda, EstadoCartera
from app.services.recaudacion import MesNacional

CERO = Decimal("0.00")
ETAPAS_SIN_PLAZO = [e.value for e in SIN_PLAZO_SECRETARIO]
ETAPAS_CERRADAS = [e.value for e in CERRADAS]
#: States of a good still in the juicio (seized, in custody, appraised, at auction), in the chart's order.
ESTADOS_VIVOS: tuple[EstadoBien, ...] = tuple(e for e in EstadoBien if e not in FINALES)
LIMITE_LISTA = 2000
NINGUNO = "ninguno"  # the «sin depositario» row in a bar's key


def primer_dia(d: date) -> date:
    return date(d.year, d.month, 1)


def mes_mas(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Filtros:
    """What the jefe narrows the dashboard to. ``desde``/``hasta``: the period of the money figures (dates,
    inclusive; None = the last 24 months up to today); ``secretario_id``; ``etapa``."""

    desde: date | None = None
    hasta: date | None = None
    secretario_id: uuid.UUID | None = None
    etapa: Etapa | None = None

    def periodo(self, hoy: date) -> tuple[date, date]:
        hasta = self.hasta or hoy
        desde = self.desde or mes_mas(primer_dia(hasta), -23)
        if desde > hasta:
            raise ValidationError(
                f"El período empieza ({format_dmy(desde)}) después de terminar ({format_dmy(hasta)}).")
        return desde, hasta

    def meses(self, hoy: date) -> list[str]:
        desde, hasta = self.periodo(hoy)
        out, m = [], primer_dia(desde)
        while m <= hasta:
            out.append(f"{m.year:04d}-{m.month:02d}")
            m = mes_mas(m, 1)
        return out


@dataclass(frozen=True, slots=True)
class FilaSecretario:
    """One secretario-abogado's figures: expedientes and cuantía assigned (USD, as filtered), recovered in the
    period (USD), juicios in progress whose 180(+90)-day plazo has run out, open terms past due."""

    secretario_id: uuid.UUID
    nombres: str
    activo: bool
    expedientes: int
    asignado: Decimal
    recuperado: Decimal
    en_tramite: int
    plazo_vencido: int
    terminos_vencidos: int

    @property
    def cumplimiento(self) -> float | None:
        """Share (0..1) of his juicios in progress still within the plazo; None with none in progress."""
        return None if not self.en_tramite else 1 - self.plazo_vencido / self.en_tramite


@dataclass(frozen=True, slots=True)
class FilaDepositario:
    """One depositario's goods still in the juicio (not rematado, devuelto nor levantado) by state, their
    estimated value (USD, goods without an estimate count 0) and how many of them have his periodic report
    overdue (domain.md §5). ``depositario_id`` None: goods seized and not yet handed to a depositario."""

    depositario_id: uuid.UUID | None
    nombres: str
    activo: bool
    por_estado: dict[EstadoBien, int]
    valor: Decimal
    informes_vencidos: int

    @property
    def bienes(self) -> int:
        return sum(self.por_estado.values())


@dataclass
class DatosTablero:
    """Everything the dashboard shows, USD as Decimal. ``recaudacion``: state -> amount per month of ``meses``
    ('YYYY-MM'); ``nacional``: the national table's months by 'YYYY-MM' and its adjustment rows apart."""

    hoy: date
    filtros: Filtros
    meses: list[str]
    recaudacion: dict[EstadoCartera, list[Decimal]]
    por_etapa: list[tuple[Etapa, int, Decimal]]
    por_banda: list[tuple[Banda, int, Decimal]]
    secretarios: list[FilaSecretario]
    nacional: dict[str, MesNacional] = field(default_factory=dict)
    ajustes_nacionales: list[MesNacional] = field(default_factory=list)
    titulos_pendientes: int = 0
    #: Fee requests of the period (issue 12): (label, requests, USD total with IVA), in workflow order.
    honorarios: list[tuple[str, int, Decimal]] = field(default_factory=list)
    #: Goods in the juicios (issue 10) per depositario, most goods first; the «sin depositario» row last.
    bienes: list[FilaDepositario] = field(default_factory=list)
    #: False: only the first screen's figures (TableroService.datos with ``primeros``); see TableroService.completar.
    completo: bool = True
    #: Recovered in the period per secretario (USD), kept from the first pass for TableroService.completar.
    recuperado_sec: dict[uuid.UUID, Decimal] = field(default_factory=dict, repr=False)

    @property
    def expedientes(self) -> int:
        return sum(n for _e, n, _c in self.por_etapa)

    @property
    def cuantia(self) -> Decimal:
        return sum((c for _e, _n, c in self.por_etapa), CERO)

    @property
    def recuperado(self) -> Decimal:
        return sum((sum(v, CERO) for v in self.recaudacion.values()), CERO)

    def recuperado_mes(self) -> list[Decimal]:
        return [sum((self.recaudacion[e][i] for e in EstadoCartera), CERO) for i in range(len(self.meses))]


@dataclass(frozen=True, slots=True)
class FilaLista:
    """An expediente behind a bar: ``monto`` is what it recovered in that slice (USD), None for inventory bars."""

    numero: str
    deudor: str
    identificacion: str
    secretario: str
    etapa: Etapa
    fecha_inicio: date
    cuantia: Decimal
    monto: Decimal | None


@dataclass(frozen=True, slots=True)
class ListaExpedientes:
    titulo: str
    filas: list[FilaLista]
    total: int
