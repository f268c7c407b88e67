"""Foja beside the raw ceiling of each operation, on offices of 20,000, 50,000 and 200,000 expedientes.

Each office is built once (``bench/oficinas.py``: the real demo, import and sorteo) under the cache dir
(``$FOJA_BENCH_DIR``, else ``~/.cache/foja-bench``) and reused. For each size, every measure runs Foja and its
raw ceiling alternately in the same process (``bench/medidas.py``) and reports the medians (and p95 for
searches) and the ratio Foja / raw. Prints a table and JSON; writes ``bench/results/oficina.json``.

Measures: cédula/RUC prefix search (page of 200 + exact count), name search (any word, accents ignored),
juicio-number search, first page sorted by each column, the last page by keyset, the main window in
process, process start to window ready, the write path of an import of 10,000 títulos, one orden de pago,
the whole office's vencimientos aggregate, and the database size per expediente (with and without the
sync's outbox).

Usage: python bench/bench_oficina.py [--sizes 20000,50000,200000] [--rapido]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import medidas
import oficinas

from app.services.bootstrap import abrir


def pct(v: list[float], p: float) -> float:
    s = sorted(v)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def resumen(m: medidas.Muestras, p95: bool = False) -> dict[str, float]:
    f, c = statistics.median(m["foja"]), statistics.median(m["crudo"])
    out = {"foja_ms": round(f, 2), "crudo_ms": round(c, 2), "razon": round(f / c, 2) if c else 0.0,
           "n": len(m["foja"])}
    if p95:
        out["foja_p95_ms"] = round(pct(m["foja"], 95), 2)
        out["crudo_p95_ms"] = round(pct(m["crudo"], 95), 2)
        out["razon_p95"] = round(out["foja_p95_ms"] / out["crudo_p95_ms"], 2) if out["crudo_p95_ms"] else 0.0
    return out


def medir(size: int, rapido: bool, solo: set[str]) -> dict[str, Any]:
    paths, construida = oficinas.preparar(size)
    t0 = time.perf_counter()
    srv = abrir(paths)  # the first open after a new migration migrates (with its backup): not measured below
    res: dict[str, Any] = {"size": size, "construir_s": None if construida is None else round(construida, 1),
                           "abrir_primera_vez_s": round(time.perf_counter() - t0, 2)}
    rng = random.Random(20251121 + size)
    crudo = medidas.Crudo(paths)
    n = 40 if rapido else 200
    rep = 5 if rapido else 15
    def pedida(nombre: str) -> bool:
        return not solo or nombre in solo

    try:
        expedientes = srv.expedientes.contar(solo_mios=False)
        res["expedientes"] = expedientes
        if pedida("busquedas"):
            for k, m in medidas.busquedas(srv, crudo, n, rng).items():
                res[k] = resumen(m, p95=True)
        if pedida("ordenes"):
            for k, m in medidas.ordenes(srv, crudo, rep).items():
                res[k] = resumen(m)
        if pedida("vencimientos"):
            res["vencimientos"] = resumen(medidas.vencimientos(srv, crudo, rep))
        if pedida("importar"):
            res["importar_10000"] = resumen(medidas.importar(srv, paths, 10_000, 3 if rapido else 5))
            res["importar_10000"]["filas_por_s"] = round(10_000 / (res["importar_10000"]["foja_ms"] / 1000))
        if pedida("opi"):
            res["opi"] = resumen(medidas.opi(srv, 10 if rapido else 30, rng))
        if pedida("ventana"):
            res["ventana"] = resumen(medidas.ventana(paths, 3 if rapido else 7))
        if pedida("arranque"):
            res["arranque"] = resumen(medidas.arranque(paths, 3 if rapido else 5))
        if pedida("tamano"):
            res["tamano"] = medidas.tamano(paths, expedientes)
    finally:
        crudo.con.close()
        srv.close()
    return res


FILAS = [
    ("busqueda_ruc", "Cédula/RUC prefix, page+count (p95)", True),
    ("busqueda_nombre", "Name, any word, page+count (p95)", True),
    ("busqueda_juicio", "Juicio number prefix, page+count (p95)", True),
    ("orden_numero", "First page by number", False),
    ("orden_deudor", "First page by debtor", False),
    ("orden_deudor_desc", "First page by debtor, desc.", False),
    ("orden_identificacion", "First page by cédula/RUC", False),
    ("orden_cuantia_desc", "First page by cuantía, desc.", False),
    ("orden_etapa", "First page by stage", False),
    ("orden_secretario", "First page by secretario", False),
    ("orden_fecha_inicio_desc", "First page by start date, desc.", False),
    ("pagina_profunda", "Last page (keyset)", False),
    ("ventana", "Window ready, in process", False),
    ("arranque", "Process start to window ready", False),
    ("importar_10000", "Import 10,000 títulos, write path", False),
    ("opi", "Orden de pago, per document", False),
    ("vencimientos", "Vencimientos, whole office", False),
]


def tabla(resultados: list[dict[str, Any]]) -> str:
    sizes = [r["size"] for r in resultados]
    cab = f"{'Measure':<42}" + "".join(f"{f'{s // 1000}k Foja / raw = ratio':>30}" for s in sizes)
    lineas = [cab, "-" * len(cab)]
    for clave, nombre, p95 in FILAS:
        celdas = []
        for r in resultados:
            m = r.get(clave)
            if not m:
                celdas.append(f"{'—':>30}")
                continue
            f, c, q = ((m["foja_p95_ms"], m["crudo_p95_ms"], m["razon_p95"]) if p95
                       else (m["foja_ms"], m["crudo_ms"], m["razon"]))
            celdas.append(f"{f'{f:.1f} / {c:.1f} ms = {q:.2f}×':>30}")
        lineas.append(f"{nombre:<42}" + "".join(celdas))
    for r in resultados:
        i = r.get("importar_10000", {})
        t = r.get("tamano", {})
        lineas.append(f"{r['size'] // 1000}k: import {i.get('filas_por_s', 0):,} rows/s; "
                      f"{t.get('kib_por_expediente', 0)} KiB/expediente ({t.get('kib_por_expediente_sin_outbox', 0)} "
                      f"without the outbox; audit {t.get('kib_auditoria_por_expediente', 0)}), file "
                      f"{t.get('mb_archivo', 0)} MB")
    return "\n".join(lineas)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20000,50000,200000")
    ap.add_argument("--rapido", action="store_true", help="fewer repetitions (a quick look, not a report)")
    ap.add_argument("--solo", default="", help="only these measures: busquedas, ordenes, vencimientos, importar, "
                                               "opi, ventana, arranque, tamano (comma-separated)")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "oficina.json")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    for s in sizes:  # build every size first (each from the largest smaller one)
        oficinas.preparar(s)
    resultados = []
    for s in sizes:
        print(f"Midiendo la oficina de {s} expedientes…", file=sys.stderr, flush=True)
        resultados.append(medir(s, args.rapido, set(filter(None, args.solo.split(",")))))
    salida = {"python": platform.python_version(), "maquina": f"{platform.machine()} {os.cpu_count()} cpu",
              "carga_1min": os.getloadavg()[0], "resultados": resultados}
    texto = json.dumps(salida, indent=2, ensure_ascii=False)
    print(texto)
    print()
    print(tabla(resultados))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(texto + "\n", encoding="utf-8")
    (args.out.with_suffix(".txt")).write_text(tabla(resultados) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
