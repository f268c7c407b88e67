"""Benchmark of batch document generation (the RPV of a whole sorteo). Not a test.

Builds a fresh office of ``--size`` expedientes (``app.services.demo.crear_demo``: real import and sorteo,
no documents), then generates in one batch (``DocumentosService.generar_lote``, as the UI's background task
does) the requerimiento de pago voluntario of every expediente, then the orden de pago inmediato of every
expediente (RPV → OPI is allowed). Each document is checked against the procedure rules, rendered from its
template, its sheets counted, stored, foliated, its act recorded (stage, término) in its own transaction, and
written as one .docx per expediente.

Prints JSON (also written to ``bench/results/documentos.json``):
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
from datetime import date
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from app.common.paths import DataPaths
from app.common.progress import Progress
from app.services.bootstrap import Servicios, abrir
from app.services.demo import crear_demo
from app.storage.models import Expediente, Folio


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return round(s[k], 1)


def numeros(srv: Servicios) -> list[str]:
    with srv.ctx.read() as s:
        return list(s.scalars(select(Expediente.numero).where(Expediente.office_id == srv.ctx.office_id)
                              .order_by(Expediente.numero)))


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
        juicios = numeros(srv)
        res["expedientes"] = len(juicios)
        fecha = date(2025, 11, 24)
        for tipo in [t.strip() for t in args.tipos.split(",") if t.strip()]:
            res.update(lote(srv, tipo, juicios, fecha))
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
