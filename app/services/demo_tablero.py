"""Demo data for the jefe's dashboard (issue 13): recoveries spread over the last 24 months through the real
payment, convenio and archivo services, and a national recovery table shaped like Chimborazo 2024
(domain.md §6) for the same months, imported through the real import.

Called with one line from :func:`app.services.demo.crear_demo`; ``tabla_nacional`` also writes the sample in
``resources/samples``.
"""

from __future__ import annotations

import csv
import logging
import random
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.common.dates import local_today
from app.common.errors import AppError
from app.common.money import format_usd, q
from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios

log = logging.getLogger(__name__)

#: Chimborazo 2024 (domain.md §6), USD per year. The published breakdown of mora (planilla + glosas + títulos
#: + convenios = 9.298.149,56) exceeds the published mora (9.175.678,45) by 122.471,11: the sample keeps every
#: published month figure and shows that difference as an adjustment row on títulos de crédito.
CHIMBORAZO_2024: dict[str, Decimal] = {
    "oportuna": Decimal("141075907.92"),
    "planilla_mora": Decimal("6059776.33"),
    "glosas": Decimal("602083.11"),
    "titulos_credito": Decimal("2181784.07"),
    "convenios": Decimal("454506.05"),
}
AJUSTE_CHIMBORAZO = Decimal("-122471.11")
#: Only NC-DNRGC-DP-7 is a published indicator code (domain.md §6); the others are illustrative.
ENCABEZADO = (
    "Mes", "NC-DNRGC-DP-1 Recaudación total", "NC-DNRGC-DP-2 Recaudación oportuna", "NC-DNRGC-DP-3 Recaudación en mora",
    "NC-DNRGC-DP-4 Planilla en mora", "NC-DNRGC-DP-5 Glosas",
    "NC-DNRGC-DP-7 Monto de recuperación de cartera en estado de título de crédito", "NC-DNRGC-DP-8 Convenios",
)
_MESES = ("Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre",
          "Noviembre", "Diciembre")
_PARTES = ("planilla_mora", "glosas", "titulos_credito", "convenios")


def _repartir(total: Decimal, pesos: list[float]) -> list[Decimal]:
    """``total`` split by ``pesos`` to the cent, the rounding left on the last share (the sum is exact)."""
    s = sum(pesos)
    partes = [q(total * Decimal(repr(p / s))) for p in pesos[:-1]]
    return [*partes, total - sum(partes, Decimal(0))]


def _mes_mas(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def tabla_nacional(desde: date, meses: int = 12, semilla: int = 2024, provincia: str = "Chimborazo",
                   ajuste: Decimal = AJUSTE_CHIMBORAZO) -> list[list[str]]:
    """The national table for ``meses`` months from ``desde`` as text cells (Spanish number format): a title row,
    the header with indicator codes, one row per month, an «Ajuste» row on títulos de crédito and the TOTAL row.
    Each year's months add up to :data:`CHIMBORAZO_2024` (before the adjustment)."""
    rng = random.Random(semilla)
    inicio = date(desde.year, desde.month, 1)
    filas_mes: list[dict[str, Decimal]] = [{} for _ in range(meses)]
    for k in ("oportuna", *_PARTES):
        anual = CHIMBORAZO_2024[k] * meses / 12
        # Seasonality: more in the months after the December bonus and before the school year.
        pesos = [1.0 + 0.25 * (_mes_mas(inicio, i).month in (1, 4, 9)) + rng.uniform(-0.15, 0.15) for i in range(meses)]
        for i, v in enumerate(_repartir(q(anual), pesos)):
            filas_mes[i][k] = v
    fmt = format_usd
    titulo = f"Recaudación mensual — {provincia} — {_MESES[inicio.month - 1]} {inicio.year} a " \
             f"{_MESES[_mes_mas(inicio, meses - 1).month - 1]} {_mes_mas(inicio, meses - 1).year}"
    out = [[titulo], list(ENCABEZADO)]
    suma = dict.fromkeys(("total", "oportuna", "mora", *_PARTES), Decimal("0.00"))
    for i, v in enumerate(filas_mes):
        v["mora"] = sum((v[p] for p in _PARTES), Decimal("0.00"))
        v["total"] = v["oportuna"] + v["mora"]
        d = _mes_mas(inicio, i)
        out.append([f"{_MESES[d.month - 1]} {d.year}", *(fmt(v[k]) for k in ("total", "oportuna", "mora", *_PARTES))])
        for k in suma:
            suma[k] += v[k]
    if ajuste:
        out.append(["Ajuste por reclasificación de cartera", fmt(ajuste), fmt(Decimal(0)), fmt(ajuste), fmt(Decimal(0)),
                    fmt(Decimal(0)), fmt(ajuste), fmt(Decimal(0))])
        for k in ("total", "mora", "titulos_credito"):
            suma[k] += ajuste
    out.append(["TOTAL", *(fmt(suma[k]) for k in ("total", "oportuna", "mora", *_PARTES))])
    return out


def escribir_tabla(filas: list[list[str]], path: Path) -> Path:
    """Write the table as CSV (``;``), TSV (``.tsv``) or XLSX (numbers as numbers) by the suffix of ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        for fila in filas:
            ws.append([fila[0], *(float(Decimal(c.replace(".", "").replace(",", "."))) for c in fila[1:])]
                      if len(fila) > 1 and fila[0] != "Mes" else fila)
        wb.save(path)
        return path
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t" if path.suffix.lower() == ".tsv" else ";").writerows(filas)
    return path


def sembrar_recuperaciones(srv: Servicios, meses: int = 24, expedientes: int | None = None, semilla: int = 13,
                           progreso: Callable[[str], None] = lambda _m: None) -> int:
    """Record recoveries over the last ``meses`` months on ``expedientes`` juicios (default: a quarter of the
    office, at most 2.500), each through the real services: ~12 % paid in full and archived, ~10 % under an
    acuerdo de pago parcial paying its monthly cuotas, the rest one to four abonos. Returns the payments made.
    An expediente whose stage does not allow a step is left as it is (the demo follows the rules)."""
    rng = random.Random(semilla)
    hoy = local_today()
    inicio = hoy - timedelta(days=30 * meses)
    total = srv.expedientes.contar()
    n = min(total // 4, 2500) if expedientes is None else min(expedientes, total)
    elegidos = sorted(rng.sample(range(total), n))
    pagos = 0
    for i, offset in enumerate(elegidos):
        fila = srv.expedientes.buscar(offset=offset, limite=1)[0]
        desde = max(inicio, fila.fecha_inicio + timedelta(days=10))
        if desde >= hoy:
            continue
        fechas = sorted(desde + timedelta(days=rng.randrange((hoy - desde).days)) for _ in range(rng.randint(1, 4)))
        try:
            pagos += _recuperar(srv, fila.numero, fechas, rng.random(), rng, hoy)
        except AppError as exc:  # e.g. a stage that takes no payment: the demo keeps to the rules
            log.info("demo: %s sin recuperación: %s", fila.numero, exc.message)
        if (i + 1) % 250 == 0:
            progreso(f"{i + 1} de {n} expedientes con recuperaciones ({pagos} pagos)")
    return pagos


def _recuperar(srv: Servicios, numero: str, fechas: list[date], r: float, rng: random.Random, hoy: date) -> int:
    if r < 0.12:
        saldo = srv.liquidacion.calcular(numero, fechas[0]).total
        srv.pagos.registrar_abono(numero, fechas[0], saldo, f"DEP-{rng.randint(100000, 999999)}")
        # the funcionario ejecutor's auto de archivo closes the juicio (dated on a business day)
        srv.documentos.generar(TipoDocumento.AUTO_ARCHIVO, numero, srv.oficina.calendario().siguiente_habil(fechas[0]))
        return 1
    if r < 0.22:
        conv = srv.convenios.crear(numero, fechas[0], plazo_meses=12, tasa_anual=Decimal("9.5"))
        hechos = 0
        for c in conv.cuotas:
            if c.vence > hoy or rng.random() < 0.1:
                break
            srv.pagos.registrar_abono(numero, c.vence, c.cuota, f"APP-{rng.randint(100000, 999999)}")
            hechos += 1
        return hechos
    hechos = 0
    for f in fechas:
        saldo = srv.liquidacion.calcular(numero, f).total
        monto = q(saldo * Decimal(rng.randint(5, 25)) / 100)
        if monto <= 0:
            break
        srv.pagos.registrar_abono(numero, f, monto, f"REC-{rng.randint(100000, 999999)}")
        hechos += 1
    return hechos


def importar_tabla_demo(srv: Servicios, meses: int = 24) -> None:
    """Import a national table for the last ``meses`` complete months (Chimborazo 2024's shape)."""
    hoy = local_today()
    desde = _mes_mas(date(hoy.year, hoy.month, 1), -meses)
    with tempfile.TemporaryDirectory() as tmp:
        srv.recaudacion.importar(escribir_tabla(tabla_nacional(desde, meses), Path(tmp) / "recaudacion.csv"))


def demo_tablero(srv: Servicios, semilla: int = 1, progreso: Callable[[str], None] = lambda _m: None) -> int:
    """The dashboard's part of the demo office: recoveries over 24 months and the national table."""
    n = sembrar_recuperaciones(srv, semilla=semilla, progreso=progreso)
    importar_tabla_demo(srv)
    progreso(f"{n} pagos en los últimos 24 meses y tabla nacional de recaudación")
    return n
