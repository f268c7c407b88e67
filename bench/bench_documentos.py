"""Benchmark of batch document generation (the RPV of a whole sorteo). Not a test.

Builds a fresh office with the realistic demo (``app.services.demo.crear_demo`` of ``--size`` expedientes, no
documents: secretarios, signatories, rate table, and juicios in every stage as an office has them), then imports
``--size`` fresh títulos and draws them in one sorteo (real import and sorteo). The juicios of that sorteo are the
ones measured: in one batch (``DocumentosService.generar_lote``, as the UI's background task does) the
requerimiento de pago voluntario of every one of them, then the orden de pago inmediato of every one. Each
document is checked against the procedure rules, rendered from its template, its sheets counted, stored,
foliated, its act recorded (stage, término) in its own transaction, and written as one .docx per expediente.

The dates follow the procedure as Foja enforces it: the sorteo after the títulos' emission (generated títulos
go up to 19/12/2025) and on the RPV's day, the RPV about four weeks before today, the OPI on the last business
day before today. Between the two batches (not measured) each RPV is personally notified to the coactivado the
next business day at 10h00, so its 10 días hábiles have lapsed by the OPI's date (COA arts. 271, 279).

Prints JSON (also written to ``bench/results/documentos.json``):
- ``expedientes``: the juicios measured (those of the fresh sorteo), ``expedientes_oficina``: all of the office;
  ``fecha_sorteo``, ``fecha_rpv``, ``fecha_opi``: the dates used;
- ``<tipo>_total_s``: wall time of the whole batch (pre-checks included), ``<tipo>_docs_por_s``;
- ``<tipo>_prevalidacion_s``: the checks before the first document (every juicio, every act);
- ``<tipo>_doc_mean_ms`` / ``_p50_ms`` / ``_p95_ms`` / ``_max_ms``: per document (between progress steps);
- ``<tipo>_archivos``, ``<tipo>_mb``: files written and their size; ``folios``: folios in the database.

Usage: python bench/bench_documentos.py [--size 1000] [--data-dir DIR] [--out FILE] [--tipos rpv,opi]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from app.common.dates import LOCAL_TZ, local_today
from app.common.paths import DataPaths
from app.common.progress import Progress
from app.services.bootstrap import Servicios, abrir
from app.services.demo import crear_demo
from app.services.generador import escribir_csv, generar_titulos
from app.storage.models import Folio, TituloCredito


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return round(s[k], 1)


def importar(srv: Servicios, n: int, primer_numero: int) -> tuple[list[uuid.UUID], date]:
    """Import ``n`` fresh títulos (real import). Returns their ids and their last emission date."""
    oficina = srv.oficina.datos()
    filas = generar_titulos(n, semilla=4242, oficina=oficina.codigo, provincia=oficina.provincia,
                            primer_numero=primer_numero)
    with tempfile.TemporaryDirectory() as tmp:
        imp = srv.importacion.importar(escribir_csv(filas, Path(tmp) / "titulos.csv"))
    with srv.ctx.read() as s:
        filas_db = s.execute(select(TituloCredito.id, TituloCredito.fecha_emision)
                             .where(TituloCredito.importacion_id == imp.importacion_id)).all()
    assert len(filas_db) == n
    return [i for i, _f in filas_db], max(f for _i, f in filas_db)


def fechas(srv: Servicios, emision_hasta: date) -> tuple[date, date, date]:
    """(sorteo, RPV, OPI): the OPI on the last business day before today; the RPV about four weeks before (a
    business day), notified the next business day, so its 10 días hábiles lapse before the OPI (COA arts. 271,
    279); the sorteo on the RPV's day, which must not precede the títulos' emission."""
    cal = srv.oficina.calendario()
    opi = local_today() - timedelta(days=1)
    while not cal.es_habil(opi):
        opi -= timedelta(days=1)
    rpv = opi - timedelta(days=28)
    while not cal.es_habil(rpv):
        rpv -= timedelta(days=1)
    assert cal.sumar_dias_habiles(cal.sumar_dias_habiles(rpv, 1), 10) < opi
    assert rpv >= emision_hasta, f"el sorteo del {rpv} sería anterior a la emisión de sus títulos ({emision_hasta})"
    return rpv, rpv, opi


def notificar_rpv(srv: Servicios, juicios: list[str], fecha_rpv: date) -> float:
    """The RPV of each juicio personally notified to the coactivado the next business day at 10h00 (not
    measured). Returns the seconds it took."""
    cal = srv.oficina.calendario()
    cuando = datetime.combine(cal.sumar_dias_habiles(fecha_rpv, 1), datetime.min.time().replace(hour=10),
                              LOCAL_TZ).astimezone(UTC)
    t0 = time.perf_counter()
    for j in juicios:
        srv.notificaciones.registrar(j, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                     direccion="Su domicilio", fecha_hora=cuando)
    return round(time.perf_counter() - t0, 1)


def lote(srv: Servicios, tipo: str, juicios: list[str], fecha: date) -> dict[str, float]:
    marcas: list[float] = []

    def paso(hecho: int, total: int, _m: str) -> None:
        marcas.append(time.perf_counter())
        if hecho and hecho % 100 == 0:
            print(f"  {tipo}: {hecho} de {total}", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    hechos = srv.documentos.generar_lote(tipo, juicios, Progress(paso), fecha=fecha)
    total = time.perf_counter() - t0
    assert len(hechos) == len(juicios) and not hechos.fallidos, hechos.mensaje()
    por_doc = [(b - a) * 1000 for a, b in pairwise(marcas)]
    rutas = [g.ruta for g in hechos]
    return {
        f"{tipo}_n": len(hechos),
        f"{tipo}_total_s": round(total, 2),
        f"{tipo}_docs_por_s": round(len(hechos) / total, 1),
        f"{tipo}_prevalidacion_s": round(marcas[0] - t0, 2),
        f"{tipo}_doc_mean_ms": round(statistics.mean(por_doc), 1),
        f"{tipo}_doc_p50_ms": pct(por_doc, 50),
        f"{tipo}_doc_p95_ms": pct(por_doc, 95),
        f"{tipo}_doc_max_ms": round(max(por_doc), 1),
        f"{tipo}_archivos": len(set(rutas)),
        f"{tipo}_mb": round(sum(r.stat().st_size for r in rutas) / 1e6, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--data-dir", type=Path, default=None, help="fresh folder (default: a temporary one)")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "documentos.json")
    ap.add_argument("--tipos", default="rpv,opi", help="document types to generate, in order (CLI names)")
    args = ap.parse_args()

    raiz = args.data_dir or Path(tempfile.mkdtemp(prefix="foja-bench-docs-"))
    shutil.rmtree(raiz, ignore_errors=True)
    srv = abrir(DataPaths(raiz))
    try:
        res: dict[str, object] = {"size": args.size, "python": platform.python_version(),
                                  "machine": f"{platform.machine()} {os.cpu_count()} cpu"}
        print(f"Preparando oficina de {args.size} expedientes en {raiz}…", file=sys.stderr)
        t0 = time.perf_counter()
        crear_demo(srv, args.size, semilla=11, documentos=0,
                   progreso=lambda m: print("  " + m, file=sys.stderr, flush=True))
        res["demo_s"] = round(time.perf_counter() - t0, 1)
        # The measured juicios: a fresh import and sorteo, so every one is legally where the RPV is due.
        t0 = time.perf_counter()
        ids, emision_hasta = importar(srv, args.size, primer_numero=args.size + 1)
        fecha_sorteo, fecha_rpv, fecha_opi = fechas(srv, emision_hasta)
        sorteo = srv.sorteo.realizar(ids, semilla="bench-documentos", fecha=fecha_sorteo)
        juicios = sorted(a.juicio for a in sorteo.asignaciones)
        res["importacion_sorteo_s"] = round(time.perf_counter() - t0, 1)
        res["expedientes"] = len(juicios)
        res["expedientes_oficina"] = srv.expedientes.contar(solo_mios=False)
        res.update(fecha_sorteo=fecha_sorteo.isoformat(), fecha_rpv=fecha_rpv.isoformat(),
                   fecha_opi=fecha_opi.isoformat())
        hechos: set[str] = set()
        for tipo in [t.strip() for t in args.tipos.split(",") if t.strip()]:
            if tipo == "opi":
                # The OPI needs the RPV notified and its término lapsed (COA arts. 271, 279): done first, not
                # measured (the RPVs too when this run does not measure them).
                if "rpv" not in hechos:
                    srv.documentos.generar_lote("rpv", juicios, fecha=fecha_rpv)
                res["notificaciones_rpv_s"] = notificar_rpv(srv, juicios, fecha_rpv)
            res.update(lote(srv, tipo, juicios, fecha_rpv if tipo == "rpv" else fecha_opi))
            hechos.add(tipo)
        with srv.ctx.read() as s:
            res["folios"] = s.scalar(select(func.count(Folio.id)))
        res["db_mb"] = round(srv.ctx.paths.database.stat().st_size / 1e6, 1)
    finally:
        srv.close()
        if args.data_dir is None:
            shutil.rmtree(raiz, ignore_errors=True)
    text = json.dumps(res, indent=2, ensure_ascii=False)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
