"""The bimonthly report to the Dirección Nacional (domain.md §6): two months' figures, charts and tables,
written as .docx and .xlsx by :mod:`app.reports.bimensual`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from app.common.dates import format_dmy, local_today
from app.common.errors import ValidationError
from app.domain.bienes import FINALES, EstadoBien
from app.domain.recaudacion import ORDEN
from app.domain.tablero import EstadoCartera
from app.reports import bimensual
from app.reports.bimensual import Tabla
from app.reports.graficos import mes_texto
from app.services.context import Contexto
from app.services.oficina import OficinaService
from app.services.tablero import TableroService
from app.services.tablero_datos import Filtros, mes_mas
from app.storage.models import Expediente
from app.storage.models_bienes import ActoBien, Bien
from app.storage.models_juicio import Convenio, Pago

CERO = Decimal("0.00")
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")


def leer_mes_anio(texto: str) -> date:
    """``'03/2026'`` -> ``date(2026, 3, 1)``.

    Raises:
        ValidationError: not ``mm/aaaa`` (Spanish message).
    """
    try:
        mes, anio = (int(x) for x in texto.strip().split("/"))
        return date(anio, mes, 1)
    except ValueError as exc:
        raise ValidationError(f"«{texto}» no es un mes: escríbalo como mm/aaaa (p. ej. 03/2026).") from exc


class ReporteService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx
        self.tablero = TableroService(ctx)

    def bimensual(self, desde: date, out: Path, hoy: date | None = None) -> tuple[Path, Path]:
        """Write the report of the two months starting at ``desde`` (its month) to ``out`` (.docx) and beside it
        the same figures as .xlsx. The charts show the twelve months up to the period's end; the figures are
        the period's: juicios opened, in each stage at the end, recovered (by state of the portfolio), APPs
        signed, goods (seized, auctioned, returned or released in the period; those still in the juicios by
        depositario and their overdue reports) and fee requests.

        Raises:
            ValidationError: a period that has not started yet.
        """
        hoy = hoy or local_today()
        inicio = date(desde.year, desde.month, 1)
        fin = mes_mas(inicio, 2) - timedelta(days=1)
        if inicio > hoy:
            raise ValidationError(f"El período {inicio:%m/%Y} aún no empieza.")
        corte = min(fin, hoy)
        datos = self.tablero.datos(Filtros(mes_mas(inicio, -10), fin), hoy=corte)
        del_periodo = self.tablero.datos(Filtros(inicio, fin), hoy=corte)
        graficos = [*self.tablero.graficos(datos)[:6],
                    *self.tablero.graficos(del_periodo, frozenset({"bienes", "honorarios"}))]
        hon = del_periodo.honorarios
        bienes = del_periodo.bienes
        periodo = [f"{m.year:04d}-{m.month:02d}" for m in (inicio, mes_mas(inicio, 1))]
        idx = [datos.meses.index(m) for m in periodo if m in datos.meses]
        por_estado = {e: sum((datos.recaudacion[e][i] for i in idx), CERO) for e in EstadoCartera}
        recuperado = sum(por_estado.values(), CERO)
        with self.ctx.read() as s:
            oid = self.ctx.office_id
            abiertos = s.scalar(select(func.count()).select_from(Expediente).where(
                Expediente.office_id == oid, Expediente.fecha_inicio >= inicio, Expediente.fecha_inicio <= fin)) or 0
            apps, monto_apps = s.execute(select(func.count(), func.sum(Convenio.monto)).where(
                Convenio.office_id == oid, Convenio.fecha >= inicio, Convenio.fecha <= fin)).one()
            pagos = s.scalar(select(func.count()).select_from(Pago).where(
                Pago.office_id == oid, Pago.fecha >= inicio, Pago.fecha <= fin)) or 0
            embargados = s.scalar(select(func.count()).select_from(Bien).where(
                Bien.office_id == oid, Bien.fecha_acta >= inicio, Bien.fecha_acta <= fin)) or 0
            salidas = dict(s.execute(
                select(ActoBien.estado_nuevo, func.count()).where(
                    ActoBien.office_id == oid, ActoBien.fecha >= inicio, ActoBien.fecha <= fin,
                    ActoBien.estado_nuevo.in_([e.value for e in FINALES]))
                .group_by(ActoBien.estado_nuevo)).all())
        oficina = OficinaService(self.ctx).datos()
        nombre_periodo = f"{MESES[inicio.month - 1]} y {MESES[mes_mas(inicio, 1).month - 1]} de {fin.year}" \
            if inicio.year == fin.year else f"{MESES[inicio.month - 1]} de {inicio.year} y {MESES[fin.month - 1]} " \
            f"de {fin.year}"
        cifras: list[tuple[str, object]] = [
            ("Juicios abiertos en el período", abiertos),
            ("Juicios al corte (en trámite y cerrados)", datos.expedientes),
            ("Cuantía de los juicios al corte (USD)", datos.cuantia),
            ("Recuperado en el período (USD)", recuperado),
            *((f"  de ello: {e.etiqueta} (USD)", por_estado[e]) for e in EstadoCartera),
            ("Pagos registrados en el período", pagos),
            ("Acuerdos de pago parcial firmados", apps or 0),
            ("Monto de los acuerdos firmados (USD)", monto_apps or CERO),
            ("Bienes embargados o secuestrados en el período", embargados),
            ("Bienes rematados en el período", salidas.get(EstadoBien.REMATADO.value, 0)),
            ("Bienes devueltos o levantados en el período",
             salidas.get(EstadoBien.DEVUELTO.value, 0) + salidas.get(EstadoBien.LEVANTADO.value, 0)),
            ("Bienes en los juicios (estado actual)", sum(r.bienes for r in bienes)),
            ("  de ellos: en custodia de un depositario", sum(r.bienes for r in bienes if r.depositario_id)),
            ("Valor estimado de los bienes en los juicios (USD)", sum((r.valor for r in bienes), CERO)),
            (f"Informes de depositario vencidos al {format_dmy(corte)}", sum(r.informes_vencidos for r in bienes)),
            *((f"Solicitudes de honorarios {e.lower()} en el período", n) for e, n, _t in hon),
            *((f"Honorarios {e.lower()} en el período (USD)", t) for e, _n, t in hon),
        ]
        nac = [(m, datos.nacional[m].valores) for m in periodo if m in datos.nacional]
        tablas = [
            Tabla("Juicios por etapa al corte", ("Etapa", "Expedientes", "Cuantía (USD)"),
                  [(e.etiqueta, n, c) for e, n, c in datos.por_etapa if n], "Etapas"),
            Tabla("Recaudación del período por mes y estado de la cartera",
                  ("Mes", *(e.etiqueta for e in EstadoCartera)),
                  [(mes_texto(m), *(datos.recaudacion[e][datos.meses.index(m)] for e in EstadoCartera))
                   for m in periodo if m in datos.meses], "Recaudación"),
            Tabla("Recuperación por secretario-abogado (período de los gráficos)", graficos[4].columnas,
                  graficos[4].filas, "Secretarios"),
            Tabla("Bienes en los juicios por depositario y estado (estado actual)", graficos[6].columnas,
                  graficos[6].filas, "Bienes"),
            Tabla("Honorarios del período", graficos[7].columnas, graficos[7].filas, "Honorarios"),
            Tabla("Tabla nacional de recaudación del período",
                  ("Mes", "Total", "Oportuna", "Mora", "Planilla en mora", "Glosas", "Títulos de crédito",
                   "Convenios"),
                  [(mes_texto(m), *(v[k] for k in ORDEN)) for m, v in nac], "Nacional"),
        ]
        titulo = "Reporte bimensual de gestión de coactiva"
        encabezado = [
            f"{oficina.nombre} — {oficina.ciudad}, {oficina.provincia}",
            f"Período: {nombre_periodo} ({format_dmy(inicio)} al {format_dmy(fin)}); cifras al {format_dmy(corte)}.",
            "Para: Dirección Nacional de Recaudación y Gestión de Cartera.",
        ]
        out = out if out.suffix.lower() == ".docx" else out.with_suffix(".docx")
        docx = bimensual.escribir_docx(out, titulo, encabezado, cifras, graficos, tablas,
                                       pie=f"Generado por Foja el {format_dmy(hoy)}.")
        xlsx = bimensual.escribir_xlsx(out.with_suffix(".xlsx"), f"{titulo} — {nombre_periodo}", cifras, tablas)
        return docx, xlsx
