"""The benchmark offices, built once and reused (``make bench``). Not a test.

An office of N expedientes lives in ``<cache>/oficina-N`` (cache: ``$FOJA_BENCH_DIR``, else
``~/.cache/foja-bench``). The smallest size is built with the real demo (secretarios, users, import and
sorteo in batches of 20,000); a larger size starts from a copy of the largest smaller one already built
and adds the missing títulos through the same real import and sorteo, so 20k, 50k and 200k cost one
200k build. A finished office is marked with ``listo.json``; an interrupted build is started again.

Usage: python bench/oficinas.py 20000 50000 200000
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.common.paths import DataPaths

LOTE = 20_000
MARCA = "listo.json"


def cache_dir() -> Path:
    env = os.environ.get("FOJA_BENCH_DIR")
    return Path(env) if env else Path.home() / ".cache" / "foja-bench"


def ruta(size: int, cache: Path | None = None) -> DataPaths:
    return DataPaths((cache or cache_dir()) / f"oficina-{size}")


def lista(size: int, cache: Path | None = None) -> bool:
    return (ruta(size, cache).root / MARCA).is_file()


def _log(m: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {m}", file=sys.stderr, flush=True)


def _copiar(origen: DataPaths, destino: DataPaths) -> None:
    # The sqlite3 backup API: a consistent copy even with a WAL file beside it.
    if destino.root.exists():
        shutil.rmtree(destino.root)
    destino.root.mkdir(parents=True)
    shutil.copytree(origen.blobs, destino.blobs, dirs_exist_ok=True) if origen.blobs.exists() else None
    src = sqlite3.connect(origen.database)
    dst = sqlite3.connect(destino.database)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()


def _ampliar(paths: DataPaths, hasta: int) -> None:
    """Add títulos (imported, then drawn in their own sorteo) until the office has ``hasta`` expedientes."""
    from app.services.bootstrap import abrir
    from app.services.demo import crear_demo
    from app.services.generador import escribir_csv, generar_titulos

    srv = abrir(paths)
    try:
        ya = srv.expedientes.contar(solo_mios=False)
        if ya == 0:
            n = min(hasta, LOTE)
            crear_demo(srv, n, semilla=7, progreso=_log)
            ya = n
        oficina = srv.oficina.datos()
        rng = random.Random(ya)
        with tempfile.TemporaryDirectory() as tmp:
            while ya < hasta:
                n = min(LOTE, hasta - ya)
                filas = generar_titulos(n, semilla=7000 + ya, oficina=oficina.codigo, provincia=oficina.provincia,
                                        primer_numero=ya + 1)
                csv = escribir_csv(filas, Path(tmp) / f"t{ya}.csv")
                srv.importacion.importar(csv)
                # Generated títulos are issued up to 19/12/2025: each batch is drawn after that, in order.
                fecha = date(2025, 12, 22) + timedelta(days=ya // LOTE + rng.randint(0, 1))
                while fecha.weekday() >= 5:
                    fecha += timedelta(days=1)
                srv.sorteo.realizar(semilla=f"bench-{ya}", fecha=fecha)
                ya += n
                _log(f"{ya} de {hasta} expedientes")
    finally:
        srv.close()


def preparar(size: int, cache: Path | None = None) -> tuple[DataPaths, float | None]:
    """The office of ``size`` expedientes, building it if needed. Returns (paths, build seconds or None)."""
    paths = ruta(size, cache)
    if lista(size, cache):
        return paths, None
    t0 = time.perf_counter()
    base = cache or cache_dir()
    menores = sorted((int(p.name.split("-")[1]) for p in base.glob("oficina-*")
                      if (p / MARCA).is_file() and int(p.name.split("-")[1]) < size), reverse=True)
    if menores:
        _log(f"copiando la oficina de {menores[0]} expedientes")
        _copiar(ruta(menores[0], cache), paths)
    elif paths.root.exists():
        shutil.rmtree(paths.root)
    _log(f"construyendo la oficina de {size} expedientes en {paths.root}")
    _ampliar(paths, size)
    dt = time.perf_counter() - t0
    (paths.root / MARCA).write_text(json.dumps({"size": size, "segundos": round(dt, 1)}) + "\n")
    return paths, dt


if __name__ == "__main__":
    for s in sorted(int(a) for a in sys.argv[1:]):
        p, dt = preparar(s)
        print(f"{s}: {p.root} ({'ya estaba' if dt is None else f'{dt:.0f} s'})")
