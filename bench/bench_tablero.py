"""Benchmark of the jefe's dashboard on a large office (domain.md §7). Not a test.

Measures, alternating them in the same run (medians of ``--runs``):
- ``tablero_listo_ms``: the dashboard as the jefe first sees it after the data changed everywhere: the page
  reloaded with every chart built anew (``TableroPage.cargar(forzar=True)``: the service's SQL aggregates and the
  first screen's four Figures) and painted at 1366x700 (the charts in view drawn). The figure against the 1 s
  goal;
- ``recarga_ms``: the same reload (F5, a filter set back) when the figures did not move: the SQL read again, the
  charts kept (the page redraws only the charts whose figures changed);
- ``refresco_sin_cambios_ms``: ``TableroPage.refrescar()`` with nothing committed since the last load (what every
  «data changed» signal costs when the change does not concern the dashboard's database);
- ``pagina_completa_ms``: ``tablero_listo`` until the charts below the first screen are built too;
- ``todos_dibujados_ms``: the same with all eight canvases drawn, split into ``datos_ms`` (the service's whole
  figures: the first screen's pass grouped by stage and age band, then the per-secretario pass, terms, goods,
  fees), ``figuras_ms`` (build) and ``dibujo_ms`` (draw);
- ``sql_crudo_ms``: the raw ceiling: the same aggregates as hand-written SQL on a bare ``sqlite3`` connection
  (expedientes grouped by secretario/stage/age band/plazo vencido in one pass in storage order, as the service;
  payments by month/state/secretario; overdue terms by secretario; goods by depositario and state; the national
  table's months), rows fetched and nothing else;
- ``ratio``: tablero_listo / sql_crudo.

The office is the shared benchmark office of ``bench/oficinas.py`` (built once for every benchmark: the real
demo, whose first 20,000 carry the dashboard's recoveries, goods and fees, then imports and sorteos), copied
here so that opening it writes nothing there; without it, ``crear_demo`` builds one.

Usage: python bench/bench_tablero.py [--size 200000] [--data-dir DIR] [--runs 7] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from app.common.dates import local_today
from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir
from app.services.tablero_datos import mes_mas


def preparar(paths: DataPaths, size: int) -> None:
    if not paths.database.exists():
        import oficinas  # bench/oficinas.py: the shared offices, built once

        origen, _dt = oficinas.preparar(size)
        print(f"  copiando {origen.root}", file=sys.stderr, flush=True)
        oficinas._copiar(origen, paths)
    srv = abrir(paths)
    try:
        ya = srv.expedientes.contar()
        if ya < size:
            from app.services.demo import crear_demo  # includes the dashboard's demo data

            crear_demo(srv, size - ya, semilla=7, progreso=lambda m: print("  " + m, file=sys.stderr, flush=True))
        elif not srv.recaudacion.meses():
            from app.services.demo_tablero import demo_tablero

            demo_tablero(srv, 7, progreso=lambda m: print("  " + m, file=sys.stderr, flush=True))
    finally:
        srv.close()


def sql_crudo(db: Path, office_hex: str, hoy: date) -> float:
    """The dashboard's aggregates as bare SQL (ms), on a fresh connection each time (as a refresh would)."""
    cortes = [(hoy - timedelta(days=d + 1)).isoformat() for d in (180, 365, 730, 1095)]
    h180 = (hoy - timedelta(days=180)).isoformat()
    desde = mes_mas(date(hoy.year, hoy.month, 1), -23).isoformat()  # the page's default period
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    try:
        con.execute(
            "SELECT secretario_id, etapa, CASE WHEN fecha_inicio > ? THEN 0 WHEN fecha_inicio > ? THEN 1 "
            "WHEN fecha_inicio > ? THEN 2 WHEN fecha_inicio > ? THEN 3 ELSE 4 END AS b, "
            "CASE WHEN etapa NOT IN ('ARCHIVADO','BAJA','INSOLVENCIA','SUSPENDIDO') AND (CASE WHEN prorroga_dias = 0 "
            "THEN fecha_inicio ELSE date(fecha_inicio, '+' || prorroga_dias || ' days') END) < ? THEN 1 ELSE 0 END "
            "AS v, count(*), sum(cuantia) FROM expediente WHERE +office_id = ? GROUP BY +secretario_id, 2, 3, 4",
            (*cortes, h180, office_hex)).fetchall()
        con.execute(
            "SELECT strftime('%Y-%m', p.fecha), CASE WHEN p.convenio_id IS NOT NULL THEN 'CONVENIO' "
            "WHEN e.etapa IN ('LIQUIDADO','ARCHIVADO') THEN 'CANCELADA' WHEN e.etapa IN ('EMBARGO','AVALUO','REMATE') "
            "THEN 'EMBARGO' ELSE 'EN_TRAMITE' END, e.secretario_id, sum(p.monto) FROM pago p "
            "JOIN expediente e ON e.id = p.expediente_id WHERE p.office_id = ? AND p.fecha >= ? AND p.fecha <= ? "
            "GROUP BY 1, 2, 3", (office_hex, desde, hoy.isoformat())).fetchall()
        con.execute(
            "SELECT e.secretario_id, count(*) FROM termino t JOIN expediente e ON e.id = t.expediente_id "
            "WHERE t.office_id = ? AND t.cerrado = 0 AND t.vence < ? GROUP BY 1",
            (office_hex, hoy.isoformat())).fetchall()
        con.execute("SELECT b.depositario_id, b.estado, count(*), sum(b.valor_estimado) FROM bien b "
                    "JOIN expediente e ON e.id = b.expediente_id WHERE b.office_id = ? AND b.estado IN "
                    "('EMBARGADO','SECUESTRADO','EN_CUSTODIA','AVALUADO','EN_REMATE') GROUP BY 1, 2",
                    (office_hex,)).fetchall()
        con.execute("SELECT * FROM recaudacion_fila WHERE office_id = ? AND tipo = 'MES' AND mes >= ? "
                    "ORDER BY mes", (office_hex, desde)).fetchall()
    finally:
        con.close()
    return (time.perf_counter() - t0) * 1000


def listo(pagina, forzar: bool = True) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The page reloaded and painted as on screen (ms): ``cargar`` (data + the first screen's charts; ``forzar``:
    every chart built anew) then a paint of the page at 1366x700, which draws the charts in view; then the rest
    of the page built (the charts below the first screen follow on the next event-loop turn). Returns (first
    screen, whole page)."""
    from PySide6.QtCore import QCoreApplication

    t0 = time.perf_counter()
    pagina.cargar(forzar=forzar)
    imagen = pagina.grab()
    assert not imagen.isNull()
    t1 = time.perf_counter()
    while not pagina.completo():
        QCoreApplication.processEvents()
    t2 = time.perf_counter()
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def refresco(pagina) -> float:  # type: ignore[no-untyped-def]
    """``refrescar()`` with nothing committed since the last load (ms)."""
    t0 = time.perf_counter()
    pagina.refrescar()
    t1 = time.perf_counter()
    assert pagina.al_dia()
    return (t1 - t0) * 1000


def tablero(pagina, srv: Servicios) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """One reload with every chart drawn, even those out of view, split (ms)."""
    t0 = time.perf_counter()
    datos = srv.tablero.datos(pagina.filtros())
    t1 = time.perf_counter()
    graficos = srv.tablero.graficos(datos)
    t2 = time.perf_counter()
    for tarjeta, g in zip(pagina.tarjetas, graficos, strict=False):
        tarjeta.mostrar(g)
        tarjeta.canvas.draw()
    t3 = time.perf_counter()
    return {"datos_ms": (t1 - t0) * 1000, "figuras_ms": (t2 - t1) * 1000, "dibujo_ms": (t3 - t2) * 1000,
            "todos_dibujados_ms": (t3 - t0) * 1000}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "tablero")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "tablero.json")
    args = ap.parse_args()
    paths = DataPaths(args.data_dir / f"oficina-{args.size}")
    print(f"Oficina de {args.size} expedientes en {paths.root}…", file=sys.stderr)
    preparar(paths, args.size)

    from PySide6.QtCore import QCoreApplication

    from app.ui.app import crear_aplicacion
    from app.ui.tablero_page import TableroPage

    srv = abrir(paths)
    crear_aplicacion()
    pagina = TableroPage(srv.tablero)
    pagina.resize(1366, 700)
    pagina.show()
    QCoreApplication.processEvents()
    hoy = local_today()
    office_hex = srv.ctx.office_id.hex
    tablero(pagina, srv)  # warm-up: imports, fonts, page cache for both
    sql_crudo(paths.database, office_hex, hoy)
    medidas: dict[str, list[float]] = {}
    for _ in range(args.runs):
        primera, completa = listo(pagina)
        medidas.setdefault("tablero_listo_ms", []).append(primera)
        medidas.setdefault("pagina_completa_ms", []).append(completa)
        medidas.setdefault("recarga_ms", []).append(listo(pagina, forzar=False)[0])
        medidas.setdefault("refresco_sin_cambios_ms", []).append(refresco(pagina))
        for k, v in tablero(pagina, srv).items():
            medidas.setdefault(k, []).append(v)
        medidas.setdefault("sql_crudo_ms", []).append(sql_crudo(paths.database, office_hex, hoy))
    med = {k: round(statistics.median(v), 1) for k, v in medidas.items()}
    datos = srv.tablero.datos()
    res: dict[str, object] = {
        "size": args.size, "expedientes": datos.expedientes, "pagos_en_periodo_usd": str(datos.recuperado),
        "python": platform.python_version(), "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "load_avg_1m": round(os.getloadavg()[0], 2), "runs": args.runs, **med,
        "ratio_tablero_sql": round(med["tablero_listo_ms"] / med["sql_crudo_ms"], 2),
        "ratio_recarga_sql": round(med["recarga_ms"] / med["sql_crudo_ms"], 2),
        "ratio_datos_sql": round(med["datos_ms"] / med["sql_crudo_ms"], 2),
        "ratio_todos_sql": round(med["todos_dibujados_ms"] / med["sql_crudo_ms"], 2),
        "objetivo_ms": 1000, "runs_ms": {k: [round(x, 1) for x in v] for k, v in medidas.items()},
    }
    pagina.close()
    srv.close()
    text = json.dumps(res, indent=2, ensure_ascii=False)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
