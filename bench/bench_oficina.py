"""Benchmark of a large office (domain.md §7: ~196,000 juicios, 52 lawyers). Not a test.

Generates (or reuses) an office of ``--size`` expedientes through the real import and sorteo, then
measures and prints as JSON (also written to ``bench/results/oficina.json``):
- ``abrir_ventana_s``: from opening the data dir (migration check included) to the main window shown
  with its first page of expedientes loaded;
- ``busqueda_*_ms``: p50/p95 of one search as typed in the list (one page of 200 rows + the total
  count, the two queries the list runs) by RUC/cédula prefix, name prefix and juicio-number prefix;
- ``orden_*_ms``: first page sorted by debtor name and by amount (descending);
- ``importar_10000_s``: importing 10,000 new títulos (CSV) into that office;
- ``opi_ms``: mean/p50/p95 time to generate and foliate one orden de pago inmediato.

Usage: python bench/bench_oficina.py [--size 200000] [--data-dir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir
from app.services.expedientes import Columna


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return round(s[k], 2)


def timed_ms(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def preparar(paths: DataPaths, size: int) -> float | None:
    srv = abrir(paths)
    try:
        ya = srv.expedientes.contar()
        if ya >= size:
            return None
        from app.services.demo import crear_demo

        t0 = time.perf_counter()
        crear_demo(srv, size - ya, semilla=7, progreso=lambda m: print("  " + m, file=sys.stderr, flush=True))
        return round(time.perf_counter() - t0, 1)
    finally:
        srv.close()


def abrir_ventana(paths: DataPaths) -> tuple[float, Servicios]:
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.ui.app import crear_aplicacion
    from app.ui.main_window import MainWindow

    t0 = time.perf_counter()
    srv = abrir(paths)
    crear_aplicacion()
    tmp = tempfile.mkdtemp()
    w = MainWindow(srv, QSettings(str(Path(tmp) / "b.ini"), QSettings.Format.IniFormat))
    w.show()
    QCoreApplication.processEvents()
    assert w.lista.model.rowCount() > 0, "the list did not load"
    dt = time.perf_counter() - t0
    w.close()
    w.deleteLater()
    QCoreApplication.processEvents()
    return dt, srv


def busquedas(srv: Servicios, n: int, rng: random.Random) -> dict[str, float]:
    total = srv.expedientes.contar()
    muestras = [srv.expedientes.buscar(offset=rng.randrange(total), limite=1)[0] for _ in range(n)]

    def medir(textos: list[str]) -> list[float]:
        return [timed_ms(lambda t=t: (srv.expedientes.buscar(t, limite=200), srv.expedientes.contar(t)))
                for t in textos]

    ruc = medir([m.identificacion[: rng.randint(5, 8)] for m in muestras])
    nombre = medir([m.deudor[: rng.randint(3, 6)] for m in muestras])
    juicio = medir([m.numero[:12] for m in muestras])
    out: dict[str, float] = {}
    for k, v in (("ruc", ruc), ("nombre", nombre), ("juicio", juicio)):
        out[f"busqueda_{k}_p50_ms"] = pct(v, 50)
        out[f"busqueda_{k}_p95_ms"] = pct(v, 95)
    out["orden_deudor_ms"] = round(timed_ms(lambda: srv.expedientes.buscar(orden=Columna.DEUDOR)), 2)
    out["orden_cuantia_desc_ms"] = round(
        timed_ms(lambda: srv.expedientes.buscar(orden=Columna.CUANTIA, descendente=True)), 2)
    out["pagina_profunda_ms"] = round(timed_ms(lambda: srv.expedientes.buscar(offset=total - 200)), 2)
    return out


def importar(srv: Servicios, n: int) -> float:
    from app.services.generador import escribir_csv, generar_titulos

    base = 5_000_000 + srv.expedientes.contar() + srv.sorteo.contar_pendientes()
    with tempfile.TemporaryDirectory() as tmp:
        csv = escribir_csv(generar_titulos(n, semilla=base, primer_numero=base), Path(tmp) / "t.csv")
        t0 = time.perf_counter()
        r = srv.importacion.importar(csv)
        dt = time.perf_counter() - t0
    assert r.filas == n
    return round(dt, 2)


def opis(srv: Servicios, n: int, rng: random.Random) -> dict[str, float]:
    from app.domain.etapas import Etapa

    total = srv.expedientes.contar()
    numeros: list[str] = []
    while len(numeros) < n:  # an OPI is only legal from Sorteado/RPV: earlier runs used some expedientes
        f = srv.expedientes.buscar(offset=rng.randrange(total), limite=1)[0]
        if f.etapa is Etapa.SORTEADO and f.numero not in numeros:
            numeros.append(f.numero)
    tiempos = [timed_ms(lambda j=j: srv.documentos.generar_opi(j)) for j in numeros]
    return {"opi_mean_ms": round(statistics.mean(tiempos), 1), "opi_p50_ms": pct(tiempos, 50),
            "opi_p95_ms": pct(tiempos, 95), "opi_n": n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "foja-bench")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "oficina.json")
    ap.add_argument("--busquedas", type=int, default=200)
    ap.add_argument("--opi", type=int, default=50)
    ap.add_argument("--importar", type=int, default=10_000)
    args = ap.parse_args()
    rng = random.Random(20251121)

    paths = DataPaths(args.data_dir / f"oficina-{args.size}")
    res: dict[str, object] = {"size": args.size, "python": platform.python_version(),
                              "machine": f"{platform.machine()} {os.cpu_count()} cpu"}
    print(f"Preparando oficina de {args.size} expedientes en {paths.root}…", file=sys.stderr)
    res["generar_s"] = preparar(paths, args.size)
    ventana = []
    srv = None
    for _ in range(3):
        if srv is not None:
            srv.close()
        dt, srv = abrir_ventana(paths)
        ventana.append(round(dt, 3))
    assert srv is not None
    res["abrir_ventana_s"] = ventana[0]
    res["abrir_ventana_runs_s"] = ventana
    res["expedientes"] = srv.expedientes.contar()
    res.update(busquedas(srv, args.busquedas, rng))
    res.update(opis(srv, args.opi, rng))
    res["importar_10000_s"] = importar(srv, args.importar)
    srv.close()
    res["db_mb"] = round(paths.database.stat().st_size / 1e6, 1)
    text = json.dumps(res, indent=2, ensure_ascii=False)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
