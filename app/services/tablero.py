"""The jefe's dashboard (domain.md §6): every figure aggregated in SQL, a few grouped queries per refresh.

- one scan of ``expediente`` grouped by secretario, stage, age band and «plazo vencido» gives the funnel, the
  age bands, what each secretario-abogado was assigned and his 180-day plazo compliance (C.D. 321);
- one scan of ``pago`` ⋈ ``expediente`` grouped by month, state of the portfolio and secretario gives the
  monthly recaudación and each secretario's recovery in the period;
- one grouped count of the open ``termino`` rows past due gives the overdue terms per secretario;
- the goods still in the juicios grouped by depositario and state, and the dates of those in custody for their
  overdue depositario reports (issue 10);
- the fee requests of the period and their events (issue 12);
- the national table (:mod:`app.services.recaudacion`) for the same months.

The period filters money (payments, national table, fees); the inventory (stages, ages, plazos, terms, goods) is
as of today, narrowed by the secretario and stage filters. Figures are built by :mod:`app.reports.graficos`;
:meth:`TableroService.entradas` gives what each is drawn from, so that a view keeps the charts whose figures did
not change, and :meth:`TableroService.version` tells whether anything was committed since a view last read.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, case, false, func, select

from app.common.dates import local_today
from app.common.errors import ValidationError
from app.domain.bienes import BAJO_CUSTODIA, EstadoBien, proximo_informe, referencia_informe
from app.domain.etapas import Etapa
from app.domain.procedimiento import CERRADAS, inicio_del_plazo
from app.domain.tablero import BANDAS, EMBUDO, ETAPAS_CANCELADA, ETAPAS_EMBARGO, EstadoCartera
from app.reports import graficos, tablas
from app.reports.graficos import Grafico
from app.services.bienes_comun import reglas_de
from app.services.context import Contexto
from app.services.recaudacion import RecaudacionService
from app.services.sorteo import pendiente
from app.services.tablero_datos import (
    CERO,
    ESTADOS_VIVOS,
    ETAPAS_CERRADAS,
    ETAPAS_SIN_PLAZO,
    LIMITE_LISTA,
    NINGUNO,
    DatosTablero,
    FilaDepositario,
    FilaLista,
    FilaSecretario,
    Filtros,
    ListaExpedientes,
    mes_mas,
    primer_dia,
)
from app.storage.consultas.bienes import fechas_de_informe
from app.storage.models import Deudor, Expediente, Secretario, TituloCredito
from app.storage.models_bienes import Bien, Depositario
from app.storage.models_juicio import Pago, Termino
from app.storage.sqlfuncs import anio_mes, sin_indice, sumar_dias
from app.storage.version_datos import VersionDatos

#: Each chart's builder, by its key (:attr:`TableroService.CLAVES`); called with its :meth:`TableroService.entradas`.
_HACER: dict[str, Any] = {
    "recaudacion": graficos.recaudacion_mensual, "nacional": graficos.nacional_vs_foja, "etapas": graficos.embudo,
    "antiguedad": graficos.antiguedad, "secretarios": graficos.secretarios, "vencidos": graficos.vencidos,
    "bienes": graficos.bienes, "honorarios": graficos.honorarios}


class TableroService:
    """The jefe's dashboard: figures, the expedientes behind a bar, exports."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx
        self.recaudacion_nacional = RecaudacionService(ctx)
        self._version = VersionDatos(ctx.engine)

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
        # vence = plazo_secretario(fecha_inicio + prórroga) < hoy  <=>  fecha_inicio + prórroga < the handover
        # whose plazo ends today (the domain's inverse; C.D. 321).
        base = case((Expediente.prorroga_dias == 0, Expediente.fecha_inicio),
                    else_=sumar_dias(Expediente.fecha_inicio, Expediente.prorroga_dias))
        return case((and_(Expediente.etapa.not_in(ETAPAS_SIN_PLAZO), base < inicio_del_plazo(hoy)), 1), else_=0)

    @staticmethod
    def _estado_sql() -> Any:
        return case((Pago.convenio_id.is_not(None), EstadoCartera.CONVENIO.value),
                    (Expediente.etapa.in_([e.value for e in ETAPAS_CANCELADA]), EstadoCartera.CANCELADA.value),
                    (Expediente.etapa.in_([e.value for e in ETAPAS_EMBARGO]), EstadoCartera.EMBARGO.value),
                    else_=EstadoCartera.EN_TRAMITE.value)

    def datos(self, filtros: Filtros | None = None, hoy: date | None = None, primeros: bool = False) -> DatosTablero:
        """All the dashboard's figures for ``filtros`` as of ``hoy`` (default today in Ecuador). With ``primeros``,
        only what the first screen's charts and the summary need (recaudación, national table, stages, ages,
        títulos pending): ``secretarios``, ``bienes`` and ``honorarios`` stay empty (``completo`` False) until
        :meth:`completar` — the view shows the top of the dashboard sooner.

        Raises:
            ValidationError: a period that ends before it starts.
        """
        f = filtros or Filtros()
        hoy = hoy or local_today()
        desde, hasta = f.periodo(hoy)
        meses = f.meses(hoy)
        banda = self._banda_sql(hoy)
        estado, mes = self._estado_sql(), anio_mes(Pago.fecha)
        with self.ctx.read() as s:
            # One pass over the table in storage order (the «+»: without it SQLite walks an index to save the sort
            # and reads every row out of order, slower on a large office); grouped by stage and age band only,
            # a small sort key: the per-secretario figures are another pass, in completar.
            etapa_sql = sin_indice(Expediente.etapa)
            cubo = s.execute(
                select(etapa_sql, banda, func.count(), func.sum(Expediente.cuantia))
                .where(sin_indice(Expediente.office_id) == self.ctx.office_id, *self._cond_exp(f)[1:])
                .group_by(etapa_sql, banda)).all()
            pagos = s.execute(
                select(mes, estado, Expediente.secretario_id, func.sum(Pago.monto)).select_from(Pago)
                .join(Expediente, Expediente.id == Pago.expediente_id)
                .where(Pago.office_id == self.ctx.office_id, Pago.fecha >= desde, Pago.fecha <= hasta,
                       *self._cond_exp(f)[1:])
                .group_by(mes, estado, Expediente.secretario_id)).all()
            pendientes = s.scalar(select(func.count()).select_from(TituloCredito).where(
                TituloCredito.office_id == self.ctx.office_id,
                pendiente())) or 0
        nacional = self.recaudacion_nacional.meses(primer_dia(desde), hasta)

        por_etapa: dict[Etapa, list[Any]] = {e: [0, CERO] for e in EMBUDO}
        por_banda: dict[int, list[Any]] = {b.indice: [0, CERO] for b in BANDAS}
        for etapa, b, n, cuantia in cubo:
            e = Etapa(etapa)
            cuantia = cuantia or CERO
            fila = por_etapa.setdefault(e, [0, CERO])
            fila[0] += n
            fila[1] += cuantia
            if e not in CERRADAS:
                por_banda[b][0] += n
                por_banda[b][1] += cuantia
        indice = {m: i for i, m in enumerate(meses)}
        recaudacion = {e: [CERO] * len(meses) for e in EstadoCartera}
        recuperado_sec: dict[uuid.UUID, Decimal] = defaultdict(lambda: CERO)
        for m, est, sid, monto in pagos:
            if m in indice:
                recaudacion[EstadoCartera(est)][indice[m]] += monto or CERO
            recuperado_sec[sid] += monto or CERO
        d = DatosTablero(
            hoy=hoy, filtros=f, meses=meses, recaudacion=recaudacion,
            por_etapa=[(e, n, c) for e, (n, c) in por_etapa.items()],
            por_banda=[(b, *por_banda[b.indice]) for b in BANDAS],  # type: ignore[misc]
            secretarios=[],
            nacional={f"{m.mes.year:04d}-{m.mes.month:02d}": m for m in nacional if m.mes is not None
                      and m.tipo.value == "MES"},
            ajustes_nacionales=[m for m in nacional if m.tipo.value == "AJUSTE"],
            titulos_pendientes=pendientes,
            completo=False,
            recuperado_sec=dict(recuperado_sec),
        )
        return d if primeros else self.completar(d)

    def completar(self, d: DatosTablero) -> DatosTablero:
        """``d`` (from :meth:`datos` with ``primeros``) with the rest of its figures, for the same filters and day:
        each secretario-abogado's assignment, plazo compliance, recovery and overdue terms; the goods; the fees.
        Returns a new object (``d`` is left as it is); ``d`` itself if already complete."""
        if d.completo:
            return d
        f, hoy = d.filtros, d.hoy
        desde, hasta = f.periodo(hoy)
        vencido = self._vencido_sql(hoy)
        with self.ctx.read() as s:
            sec_sql = sin_indice(Expediente.secretario_id)
            cubo = s.execute(
                select(sec_sql, Expediente.etapa, vencido, func.count(), func.sum(Expediente.cuantia))
                .where(sin_indice(Expediente.office_id) == self.ctx.office_id, *self._cond_exp(f)[1:])
                .group_by(sec_sql, Expediente.etapa, vencido)).all()
            terminos = dict(s.execute(
                select(Expediente.secretario_id, func.count()).select_from(Termino)
                .join(Expediente, Expediente.id == Termino.expediente_id)
                .where(Termino.office_id == self.ctx.office_id, Termino.cerrado == false(), Termino.vence < hoy,
                       *self._cond_exp(f)[1:])
                .group_by(Expediente.secretario_id)).all())
            nombres = {i: (n, a) for i, n, a in s.execute(
                select(Secretario.id, Secretario.nombres, Secretario.activo)
                .where(Secretario.office_id == self.ctx.office_id))}
            honorarios = self._honorarios(s, f, desde, hasta)
            bienes = self._bienes(s, f, hoy)
        sec: dict[uuid.UUID, dict[str, Any]] = defaultdict(
            lambda: {"n": 0, "asignado": CERO, "recuperado": CERO, "tramite": 0, "vencido": 0})
        for sid, etapa, venc, n, cuantia in cubo:
            x = sec[sid]
            x["n"] += n
            x["asignado"] += cuantia or CERO
            if etapa not in ETAPAS_SIN_PLAZO:
                x["tramite"] += n
                x["vencido"] += n if venc else 0
        for sid, monto in d.recuperado_sec.items():
            sec[sid]["recuperado"] += monto
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
        return replace(d, secretarios=filas, honorarios=honorarios, bienes=bienes, completo=True)

    def _bienes(self, s: Any, f: Filtros, hoy: date) -> list[FilaDepositario]:
        """Goods still in the juicios of the filtered expedientes, grouped in SQL by depositario and state, with
        the overdue reports of each depositario (:meth:`_informes_vencidos`)."""
        cubo = s.execute(
            select(Bien.depositario_id, Bien.estado, func.count(), func.sum(Bien.valor_estimado))
            .join(Expediente, Expediente.id == Bien.expediente_id)
            .where(Bien.office_id == self.ctx.office_id, Bien.estado.in_([e.value for e in ESTADOS_VIVOS]),
                   *self._cond_exp(f)[1:])
            .group_by(Bien.depositario_id, Bien.estado)).all()
        if not cubo:
            return []
        vencidos: dict[uuid.UUID | None, int] = defaultdict(int)
        for _bid, _eid, dep in self._informes_vencidos(s, f, hoy):
            vencidos[dep] += 1
        nombres = {i: (n, a) for i, n, a in s.execute(
            select(Depositario.id, Depositario.nombres, Depositario.activo)
            .where(Depositario.office_id == self.ctx.office_id))}
        por: dict[uuid.UUID | None, dict[str, Any]] = defaultdict(lambda: {"estados": {}, "valor": CERO})
        for dep, estado, n, valor in cubo:
            x = por[dep]
            x["estados"][EstadoBien(estado)] = n
            x["valor"] += valor or CERO
        filas = [FilaDepositario(dep, *(nombres.get(dep, ("(desconocido)", False)) if dep is not None
                                        else ("Sin depositario designado", True)),
                                 {e: x["estados"].get(e, 0) for e in ESTADOS_VIVOS}, x["valor"], vencidos[dep])
                 for dep, x in por.items()]
        filas.sort(key=lambda r: (r.depositario_id is None, -r.bienes, r.nombres))
        return filas

    def _informes_vencidos(self, s: Any, f: Filtros, hoy: date) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]]:
        """(good, expediente, depositario) of the goods in custody whose depositario's report is overdue at
        ``hoy``: the period (the office's rules, monthly by default) counts from the last hand-over (or the acta)
        or the custodian's last report on it, whichever is later — as DepositariosService.informes_vencidos."""
        meses = reglas_de(s, self.ctx.office_id).informe_meses
        recibido, informe = fechas_de_informe()
        q = (select(Bien.id, Bien.expediente_id, Bien.depositario_id, Bien.fecha_acta, recibido, informe)
             .join(Expediente, Expediente.id == Bien.expediente_id)
             .where(Bien.office_id == self.ctx.office_id, Bien.depositario_id.is_not(None),
                    Bien.estado.in_([e.value for e in BAJO_CUSTODIA]), *self._cond_exp(f)[1:]))
        out = []
        for bid, eid, dep, acta, rec, inf in s.execute(q):
            if proximo_informe(referencia_informe(acta, rec, inf), hoy, meses).vencido:
                out.append((bid, eid, dep))
        return out

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
        month and state, national table beside the office, funnel, ages, secretarios, overdue, goods by
        depositario and state, fee requests. With ``claves``, only those charts (by :attr:`Grafico.clave`), in the
        same order."""
        return [self.grafico(clave, entrada) for clave, entrada in self.entradas(datos).items()
                if claves is None or clave in claves]

    CLAVES: tuple[str, ...] = ("recaudacion", "nacional", "etapas", "antiguedad", "secretarios", "vencidos", "bienes",
                               "honorarios")

    def entradas(self, d: DatosTablero) -> dict[str, tuple[Any, ...]]:
        """What each chart is drawn from (plain values, comparable with ``==``), by :data:`CLAVES` in order: a view
        that kept a chart may skip rebuilding it when its entry did not change (e.g. after a payment, only the
        money charts move)."""
        nacional = [d.nacional[m].valores["titulos_credito"] if m in d.nacional else None for m in d.meses]
        sec = [(str(r.secretario_id), r.nombres if r.activo else f"{r.nombres} (inactivo)", r.asignado, r.recuperado,
                r.en_tramite, r.plazo_vencido) for r in d.secretarios]
        return dict(zip(self.CLAVES, (
            (d.meses, [(e.value, e.etiqueta, d.recaudacion[e]) for e in EstadoCartera]),
            (d.meses, nacional, d.recuperado_mes(), [(a.etiqueta, a.valores["titulos_credito"])
                                                     for a in d.ajustes_nacionales]),
            ([(e.value, e.etiqueta, n, c) for e, n, c in d.por_etapa],),
            ([(b.indice, b.etiqueta, n, c) for b, n, c in d.por_banda],),
            (sec,),
            ([(str(r.secretario_id), r.nombres, r.plazo_vencido, r.terminos_vencidos) for r in d.secretarios],),
            ([e.etiqueta for e in ESTADOS_VIVOS], [
                (str(r.depositario_id) if r.depositario_id else NINGUNO,
                 r.nombres if r.activo else f"{r.nombres} (inactivo)",
                 [(e.value, r.por_estado[e]) for e in ESTADOS_VIVOS], r.valor, r.informes_vencidos)
                for r in d.bienes]),
            (d.honorarios,),
        ), strict=True))

    def grafico(self, clave: str, entrada: tuple[Any, ...]) -> Grafico:
        """Build the chart ``clave`` from its :meth:`entradas` entry."""
        return _HACER[clave](*entrada)  # type: ignore[no-any-return]

    def version(self) -> int | None:
        """An opaque number that changes whenever anything is committed to the office's database (None: cannot
        tell, read again). A view compares it to skip a reload when nothing changed."""
        return self._version.actual()

    def cerrar(self) -> None:
        """Release the connection :meth:`version` watches with (the services are closing)."""
        self._version.cerrar()

    def exportar_tabla(self, grafico: Grafico, path: Path) -> Path:
        """Write ``grafico``'s table view to XLSX at ``path`` (amounts as numbers, USD format)."""
        return tablas.exportar_xlsx(grafico.titulo, grafico.columnas, grafico.filas, path)

    # -- the expedientes behind a bar --------------------------------------------------------------
    def expedientes(self, clave: str, filtros: Filtros | None = None, hoy: date | None = None,
                    limite: int = LIMITE_LISTA) -> ListaExpedientes:
        """The expedientes behind the bar ``clave`` (as the Figures tag their bars): ``etapa:RPV``,
        ``banda:2``, ``asignado:<secretario id>``, ``plazo:<id>``, ``terminos:<id>``, ``recuperado:<id>``,
        ``mes:2025-03``, ``mes:2025-03:CONVENIO``, ``bienes:<depositario id | ninguno>:<estado>`` (the juicios of
        those goods) or ``informes:<depositario id>`` (the juicios of his goods whose report is overdue). At most
        ``limite`` rows (the largest first); ``total`` counts them all.

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
                conds += [self._banda_sql(hoy) == b.indice, Expediente.etapa.not_in(ETAPAS_CERRADAS)]
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
            elif tipo == "bienes":  # bienes:<depositario id | ninguno>[:<estado>]
                dep, _, est = resto.partition(":")
                sub = select(Bien.expediente_id).where(
                    Bien.office_id == self.ctx.office_id,
                    Bien.depositario_id.is_(None) if dep == NINGUNO else Bien.depositario_id == uuid.UUID(dep),
                    Bien.estado.in_([EstadoBien(est).value] if est else [e.value for e in ESTADOS_VIVOS]))
                conds.append(Expediente.id.in_(sub))
                quien = "sin depositario designado" if dep == NINGUNO else f"en custodia de {self._depositario(dep)}"
                titulo = f"Bienes {quien}" + (f" — {EstadoBien(est).etiqueta}" if est else "")
            elif tipo == "informes":  # informes:<depositario id>
                dep_id = uuid.UUID(resto)
                with self.ctx.read() as s:
                    ids = {eid for _b, eid, dep in self._informes_vencidos(s, f, hoy) if dep == dep_id}
                conds.append(Expediente.id.in_(ids) if ids else false())
                titulo = f"Informes de depositario vencidos: {self._depositario(resto)}"
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

    def _depositario(self, dep: str) -> str:
        with self.ctx.read() as s:
            return s.scalar(select(Depositario.nombres).where(Depositario.id == uuid.UUID(dep))) or "(desconocido)"

    def _nombre(self, sid: uuid.UUID) -> str:
        with self.ctx.read() as s:
            return s.scalar(select(Secretario.nombres).where(Secretario.id == sid)) or "(desconocido)"
