"""The jefe's dashboard (domain.md §6): every figure aggregated in SQL, a few grouped queries per refresh.

- one scan of ``expediente`` grouped by secretario, stage, age band and «plazo vencido» gives the funnel, the
  age bands, what each secretario-abogado was assigned and his 180-day plazo compliance (C.D. 321);
- one scan of ``pago`` ⋈ ``expediente`` grouped by month, state of the portfolio and secretario gives the
  monthly recaudación and each secretario's recovery in the period;
- one grouped count of the open ``termino`` rows past due gives the overdue terms per secretario;
- the national table (:mod:`app.services.recaudacion`) for the same months.

The period filters money (payments, national table); the inventory (stages, ages, plazos, terms) is as of
today, narrowed by the secretario and stage filters. Figures are built by :mod:`app.reports.graficos`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, case, false, func, select

from app.common.dates import format_dmy, local_today
from app.common.errors import ValidationError
from app.domain.etapas import Etapa
from app.domain.procedimiento import CERRADAS
from app.domain.tablero import BANDAS, EMBUDO, ETAPAS_CANCELADA, ETAPAS_EMBARGO, Banda, EstadoCartera
from app.domain.terminos import PLAZO_SECRETARIO_DIAS
from app.reports import graficos, tablas
from app.reports.graficos import Grafico
from app.services.context import Contexto
from app.services.recaudacion import MesNacional, RecaudacionService
from app.services.sorteo import pendiente
from app.storage.models import Deudor, Expediente, Pago, Secretario, Termino, TituloCredito
from app.storage.sqlfuncs import anio_mes, sumar_dias

CERO = Decimal("0.00")
_SIN_PLAZO = [e.value for e in CERRADAS | {Etapa.SUSPENDIDO}]
_CERRADAS = [e.value for e in CERRADAS]
LIMITE_LISTA = 2000


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


class TableroService:
    """The jefe's dashboard: figures, the expedientes behind a bar, exports."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx
        self.recaudacion_nacional = RecaudacionService(ctx)

    # -- filters ------------------------------------------------------------------------------------
    def secretarios(self) -> list[tuple[uuid.UUID, str]]:
        """(id, names) of the office's secretarios-abogados, by name, for the filter."""
        with self.ctx.read() as s:
            return [(i, n) for i, n in s.execute(select(Secretario.id, Secretario.nombres)
                                                 .where(Secretario.office_id == self.ctx.office_id)
                                                 .order_by(Secretario.nombres))]

    # -- the figures --------------------------------------------------------------------------------
    def _cond_exp(self, f: Filtros) -> list[Any]:
        conds: list[Any] = [Expediente.office_id == self.ctx.office_id]
        if f.secretario_id is not None:
            conds.append(Expediente.secretario_id == f.secretario_id)
        if f.etapa is not None:
            conds.append(Expediente.etapa == f.etapa.value)
        return conds

    @staticmethod
    def _banda_sql(hoy: date) -> Any:
        return case(*((Expediente.fecha_inicio > hoy - timedelta(days=b.hasta + 1), b.indice)
                      for b in BANDAS if b.hasta is not None), else_=BANDAS[-1].indice)

    @staticmethod
    def _vencido_sql(hoy: date) -> Any:
        # vence = fecha_inicio + prórroga + 180 < hoy  <=>  fecha_inicio + prórroga < hoy - 180 (C.D. 321)
        base = case((Expediente.prorroga_dias == 0, Expediente.fecha_inicio),
                    else_=sumar_dias(Expediente.fecha_inicio, Expediente.prorroga_dias))
        return case((and_(Expediente.etapa.not_in(_SIN_PLAZO),
                          base < hoy - timedelta(days=PLAZO_SECRETARIO_DIAS)), 1), else_=0)

    @staticmethod
    def _estado_sql() -> Any:
        return case((Pago.convenio_id.is_not(None), EstadoCartera.CONVENIO.value),
                    (Expediente.etapa.in_([e.value for e in ETAPAS_CANCELADA]), EstadoCartera.CANCELADA.value),
                    (Expediente.etapa.in_([e.value for e in ETAPAS_EMBARGO]), EstadoCartera.EMBARGO.value),
                    else_=EstadoCartera.EN_TRAMITE.value)

    def datos(self, filtros: Filtros | None = None, hoy: date | None = None) -> DatosTablero:
        """All the dashboard's figures for ``filtros`` as of ``hoy`` (default today in Ecuador).

        Raises:
            ValidationError: a period that ends before it starts.
        """
        f = filtros or Filtros()
        hoy = hoy or local_today()
        desde, hasta = f.periodo(hoy)
        meses = f.meses(hoy)
        banda, vencido = self._banda_sql(hoy), self._vencido_sql(hoy)
        estado, mes = self._estado_sql(), anio_mes(Pago.fecha)
        with self.ctx.read() as s:
            cubo = s.execute(
                select(Expediente.secretario_id, Expediente.etapa, banda, vencido, func.count(),
                       func.sum(Expediente.cuantia))
                .where(*self._cond_exp(f)).group_by(Expediente.secretario_id, Expediente.etapa, banda, vencido)).all()
            pagos = s.execute(
                select(mes, estado, Expediente.secretario_id, func.sum(Pago.monto)).select_from(Pago)
                .join(Expediente, Expediente.id == Pago.expediente_id)
                .where(Pago.office_id == self.ctx.office_id, Pago.fecha >= desde, Pago.fecha <= hasta,
                       *self._cond_exp(f)[1:])
                .group_by(mes, estado, Expediente.secretario_id)).all()
            terminos = dict(s.execute(
                select(Expediente.secretario_id, func.count()).select_from(Termino)
                .join(Expediente, Expediente.id == Termino.expediente_id)
                .where(Termino.office_id == self.ctx.office_id, Termino.cerrado == false(), Termino.vence < hoy,
                       *self._cond_exp(f)[1:])
                .group_by(Expediente.secretario_id)).all())
            nombres = {i: (n, a) for i, n, a in s.execute(
                select(Secretario.id, Secretario.nombres, Secretario.activo)
                .where(Secretario.office_id == self.ctx.office_id))}
            pendientes = s.scalar(select(func.count()).select_from(TituloCredito).where(
                TituloCredito.office_id == self.ctx.office_id,
                pendiente())) or 0
            honorarios = self._honorarios(s, f, desde, hasta)
        nacional = self.recaudacion_nacional.meses(primer_dia(desde), hasta)

        por_etapa: dict[Etapa, list[Any]] = {e: [0, CERO] for e in EMBUDO}
        por_banda: dict[int, list[Any]] = {b.indice: [0, CERO] for b in BANDAS}
        sec: dict[uuid.UUID, dict[str, Any]] = defaultdict(
            lambda: {"n": 0, "asignado": CERO, "recuperado": CERO, "tramite": 0, "vencido": 0})
        for sid, etapa, b, venc, n, cuantia in cubo:
            e = Etapa(etapa)
            cuantia = cuantia or CERO
            fila = por_etapa.setdefault(e, [0, CERO])
            fila[0] += n
            fila[1] += cuantia
            x = sec[sid]
            x["n"] += n
            x["asignado"] += cuantia
            if e not in CERRADAS:
                por_banda[b][0] += n
                por_banda[b][1] += cuantia
            if e.value not in _SIN_PLAZO:
                x["tramite"] += n
                x["vencido"] += n if venc else 0
        indice = {m: i for i, m in enumerate(meses)}
        recaudacion = {e: [CERO] * len(meses) for e in EstadoCartera}
        for m, est, sid, monto in pagos:
            if m in indice:
                recaudacion[EstadoCartera(est)][indice[m]] += monto or CERO
            sec[sid]["recuperado"] += monto or CERO
        for sid in terminos:
            sec[sid]
        desconocido = ("(desconocido)", False)
        filas = [FilaSecretario(sid, *nombres.get(sid, desconocido), x["n"], x["asignado"], x["recuperado"],
                                x["tramite"], x["vencido"], terminos.get(sid, 0))
                 for sid, x in sec.items()]
        if f.secretario_id is None and f.etapa is None:
            filas += [FilaSecretario(i, n, True, 0, CERO, CERO, 0, 0, 0) for i, (n, a) in nombres.items()
                      if a and i not in sec]
        filas.sort(key=lambda r: (-r.asignado, r.nombres))
        return DatosTablero(
            hoy=hoy, filtros=f, meses=meses, recaudacion=recaudacion,
            por_etapa=[(e, n, c) for e, (n, c) in por_etapa.items()],
            por_banda=[(b, *por_banda[b.indice]) for b in BANDAS],  # type: ignore[misc]
            secretarios=filas,
            nacional={f"{m.mes.year:04d}-{m.mes.month:02d}": m for m in nacional if m.mes is not None
                      and m.tipo.value == "MES"},
            ajustes_nacionales=[m for m in nacional if m.tipo.value == "AJUSTE"],
            titulos_pendientes=pendientes,
            honorarios=honorarios,
        )

    def _honorarios(self, s: Any, f: Filtros, desde: date, hasta: date) -> list[tuple[str, int, Decimal]]:
        """Fee requests made in the period: all, approved, rejected and paid (count, USD total with IVA), from the
        requests and their events (app.storage.models_honorarios)."""
        from app.storage.models_honorarios import EventoHonorarios, SolicitudHonorarios

        conds = [SolicitudHonorarios.office_id == self.ctx.office_id, SolicitudHonorarios.fecha >= desde,
                 SolicitudHonorarios.fecha <= hasta]
        if f.secretario_id is not None:
            conds.append(SolicitudHonorarios.secretario_id == f.secretario_id)
        if f.etapa is not None:
            conds.append(SolicitudHonorarios.expediente_id.in_(
                select(Expediente.id).where(Expediente.etapa == f.etapa.value)))
        out = []
        for etiqueta, tipo in (("Solicitados", None), ("Aprobados", "APROBADO"), ("Rechazados", "RECHAZADO"),
                               ("Pagados", "PAGADO")):
            q = select(func.count(), func.sum(SolicitudHonorarios.total)).where(*conds)
            if tipo is not None:
                q = q.where(SolicitudHonorarios.id.in_(
                    select(EventoHonorarios.solicitud_id).where(EventoHonorarios.tipo == tipo)))
            n, total = s.execute(q).one()
            out.append((etiqueta, n or 0, total or CERO))
        return out

    def graficos(self, datos: DatosTablero, claves: frozenset[str] | None = None) -> list[Grafico]:
        """The dashboard's Figures (object API, :mod:`app.reports.graficos`) in display order: recaudación by
        month and state, national table beside the office, funnel, ages, secretarios, overdue, then the goods
        and fees slots (which say "sin datos" while those registers are not in this version). With ``claves``,
        only those charts (by :attr:`Grafico.clave`), in the same order."""
        d = datos
        constructores = self._constructores(d)
        return [hacer() for clave, hacer in constructores if claves is None or clave in claves]

    CLAVES: tuple[str, ...] = ("recaudacion", "nacional", "etapas", "antiguedad", "secretarios", "vencidos", "bienes",
                               "honorarios")

    def _constructores(self, d: DatosTablero) -> list[tuple[str, Any]]:
        nacional = [d.nacional[m].valores["titulos_credito"] if m in d.nacional else None for m in d.meses]
        sec = [(str(r.secretario_id), r.nombres if r.activo else f"{r.nombres} (inactivo)", r.asignado, r.recuperado,
                r.en_tramite, r.plazo_vencido) for r in d.secretarios]
        return list(zip(self.CLAVES, (
            lambda: graficos.recaudacion_mensual(d.meses, [(e.value, e.etiqueta, d.recaudacion[e])
                                                           for e in EstadoCartera]),
            lambda: graficos.nacional_vs_foja(d.meses, nacional, d.recuperado_mes(),
                                              [(a.etiqueta, a.valores["titulos_credito"])
                                               for a in d.ajustes_nacionales]),
            lambda: graficos.embudo([(e.value, e.etiqueta, n, c) for e, n, c in d.por_etapa]),
            lambda: graficos.antiguedad([(b.indice, b.etiqueta, n, c) for b, n, c in d.por_banda]),
            lambda: graficos.secretarios(sec),
            lambda: graficos.vencidos([(str(r.secretario_id), r.nombres, r.plazo_vencido, r.terminos_vencidos)
                                       for r in d.secretarios]),
            lambda: graficos.sin_datos("bienes", "Bienes en custodia por depositario y estado",
                                       "Sin datos: el registro de bienes y depositarios aún no está en esta versión."),
            lambda: graficos.honorarios(d.honorarios),
        ), strict=True))

    def exportar_tabla(self, grafico: Grafico, path: Path) -> Path:
        """Write ``grafico``'s table view to XLSX at ``path`` (amounts as numbers, USD format)."""
        return tablas.exportar_xlsx(grafico.titulo, grafico.columnas, grafico.filas, path)

    # -- the expedientes behind a bar --------------------------------------------------------------
    def expedientes(self, clave: str, filtros: Filtros | None = None, hoy: date | None = None,
                    limite: int = LIMITE_LISTA) -> ListaExpedientes:
        """The expedientes behind the bar ``clave`` (as the Figures tag their bars): ``etapa:RPV``,
        ``banda:2``, ``asignado:<secretario id>``, ``plazo:<id>``, ``terminos:<id>``, ``recuperado:<id>``,
        ``mes:2025-03`` or ``mes:2025-03:CONVENIO``. At most ``limite`` rows (the largest first); ``total`` counts
        them all.

        Raises:
            ValidationError: an unknown ``clave``.
        """
        f = filtros or Filtros()
        hoy = hoy or local_today()
        tipo, _, resto = clave.partition(":")
        conds = self._cond_exp(f)
        monto: Any = None
        pagos_conds: list[Any] = []
        try:
            if tipo == "etapa":
                etapa = Etapa(resto)
                conds.append(Expediente.etapa == etapa.value)
                titulo = f"Expedientes en etapa «{etapa.etiqueta}»"
            elif tipo == "banda":
                b = BANDAS[int(resto)]
                conds += [self._banda_sql(hoy) == b.indice, Expediente.etapa.not_in(_CERRADAS)]
                titulo = f"Juicios en trámite iniciados hace {b.etiqueta.lower()}"
            elif tipo in ("asignado", "plazo", "terminos", "recuperado"):
                sid = uuid.UUID(resto)
                conds.append(Expediente.secretario_id == sid)
                titulo = {"asignado": "Expedientes asignados a {}", "plazo": "Plazo de 180 días vencido: {}",
                          "terminos": "Términos vencidos: {}", "recuperado": "Recuperado en el período: {}"}[tipo]
                titulo = titulo.format(self._nombre(sid))
                if tipo == "plazo":
                    conds.append(self._vencido_sql(hoy) == 1)
                elif tipo == "terminos":
                    conds.append(Expediente.id.in_(select(Termino.expediente_id).where(
                        Termino.cerrado == false(), Termino.vence < hoy)))
                elif tipo == "recuperado":
                    desde, hasta = f.periodo(hoy)
                    pagos_conds = [Pago.fecha >= desde, Pago.fecha <= hasta]
            elif tipo == "mes":
                m, _, est = resto.partition(":")
                anio, mm = (int(x) for x in m.split("-"))
                d0 = date(anio, mm, 1)
                pagos_conds = [Pago.fecha >= d0, Pago.fecha < mes_mas(d0, 1)]
                if est:
                    pagos_conds.append(self._estado_sql() == EstadoCartera(est).value)
                titulo = f"Recuperado en {mm:02d}/{anio}" + (f" — {EstadoCartera(est).etiqueta}" if est else "")
            else:
                raise ValueError(clave)
        except (ValueError, IndexError) as exc:
            raise ValidationError(f"No se reconoce la barra «{clave}».") from exc
        cols = (Expediente.numero, Deudor.nombre, Deudor.identificacion, Secretario.nombres, Expediente.etapa,
                Expediente.fecha_inicio, Expediente.cuantia)
        q: Select[Any]
        if pagos_conds:
            monto = func.sum(Pago.monto)
            q = (select(*cols, monto.label("monto")).select_from(Pago)
                 .join(Expediente, Expediente.id == Pago.expediente_id)
                 .where(Pago.office_id == self.ctx.office_id, *pagos_conds, *conds)
                 .group_by(*cols))
            orden = monto.desc()
        else:
            q = select(*cols, Expediente.cuantia.label("monto")).where(*conds)
            orden = Expediente.cuantia.desc()
        q = (q.join(Deudor, Deudor.id == Expediente.deudor_id)
             .join(Secretario, Secretario.id == Expediente.secretario_id))
        with self.ctx.read() as s:
            total = s.scalar(select(func.count()).select_from(q.subquery())) or 0
            filas = [FilaLista(r[0], r[1], r[2], r[3], Etapa(r[4]), r[5], r[6], r[7] if pagos_conds else None)
                     for r in s.execute(q.order_by(orden, Expediente.numero).limit(limite))]
        return ListaExpedientes(titulo, filas, total)

    def _nombre(self, sid: uuid.UUID) -> str:
        with self.ctx.read() as s:
            return s.scalar(select(Secretario.nombres).where(Secretario.id == sid)) or "(desconocido)"
