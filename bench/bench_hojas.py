"""Cost of a document's sheet count by source (issue 8): the estimator on a template verified against
LibreOffice vs a LibreOffice PDF of the document, beside the raw ceiling of the same document (bare docxtpl
render). Alternates the methods and reports medians; writes JSON.

    PYTHONPATH=. python bench/bench_hojas.py [--n 5] [--out bench/resultados/hojas.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from app.common.paths import templates_dir
from app.documents.campos.muestras import muestra
from app.documents.hojas import contar_hojas
from app.documents.paginas import hojas_pdf
from app.documents.render import render


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("bench/resultados/hojas.json"))
    a = ap.parse_args()
    plantilla = templates_dir() / "orden_pago_inmediato.docx"
    ctx = muestra("opi")
    data = render(plantilla, ctx)
    t_render, t_est, t_lo = [], [], []
    for _ in range(a.n):
        t0 = time.perf_counter()
        render(plantilla, ctx)
        t_render.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        e = contar_hojas(data)
        t_est.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        r = hojas_pdf(data)
        t_lo.append(time.perf_counter() - t0)
    out = {
        "documento": "orden_pago_inmediato (datos de ejemplo)", "repeticiones": a.n,
        "hojas_estimador": e, "hojas_libreoffice": r,
        "mediana_render_docxtpl_s": statistics.median(t_render),
        "mediana_conteo_estimador_s": statistics.median(t_est),
        "mediana_conteo_libreoffice_s": statistics.median(t_lo),
    }
    out["libreoffice_sobre_estimador"] = out["mediana_conteo_libreoffice_s"] / out["mediana_conteo_estimador_s"]
    out["estimador_sobre_render"] = out["mediana_conteo_estimador_s"] / out["mediana_render_docxtpl_s"]
    for k, v in out.items():
        print(f"{k}: {v:.4f}" if isinstance(v, float) else f"{k}: {v}")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
