"""Benchmark of what issue 9 adds to the write and start paths, beside the raw ceiling of the same operation
measured in the same run. Not a test.

- ``migracion``: opening an office at schema 0003 (``abrir``: diagnosis, backup, migrate a copy, swap) against
  the ceiling: Alembic upgrading the same file in place (no backup, no copy, no swap).
- ``sorteo``: a sorteo of ``--size`` títulos with the chain heads kept (one ``ancla_expediente`` row per
  expediente, audited and queued) against the same sorteo with the heads' hook removed.
- ``verificar``: ``verificar --todos`` over the office against the ceiling: bare SQL reading the same rows
  (folios, documents, acts, heads) without checking anything.

Each pair is run ``--rondas`` times alternating the two, on fresh copies; medians are reported with the ratio.
Prints JSON, also written to ``bench/results/fiabilidad.json``.

Usage: python bench/bench_fiabilidad.py [--size 2000] [--rondas 3]
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
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from app.common.paths import DataPaths
from app.services.bootstrap import abrir
from app.services.demo import crear_demo
from app.storage import ancla
from app.storage.db import make_engine, sqlite_url
from app.storage.migrate import alembic_config


def _medir(f: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def _par(nombre: str, rondas: int, propio: Callable[[int], float], techo: Callable[[int], float]) -> dict[str, float]:
    a: list[float] = []
    b: list[float] = []
    for i in range(rondas):
        a.append(propio(i))
        b.append(techo(i))
    m_a, m_b = statistics.median(a), statistics.median(b)
    return {f"{nombre}_s": round(m_a, 3), f"{nombre}_techo_s": round(m_b, 3), f"{nombre}_razon": round(m_a / m_b, 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--rondas", type=int, default=3)
    args = ap.parse_args()
    out: dict[str, object] = {"size": args.size, "rondas": args.rondas, "python": platform.python_version(),
                              "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        oficina = DataPaths(base / "oficina")
        srv = abrir(oficina)
        crear_demo(srv, args.size, documentos=20)
        srv.close()

        vieja = DataPaths(base / "vieja")
        shutil.copytree(oficina.root, vieja.root)
        srv = abrir(vieja)
        command.downgrade(alembic_config(srv.ctx.engine), "0003")
        srv.close()
        shutil.rmtree(vieja.backups)

        def migrar(i: int) -> float:
            d = DataPaths(base / f"m{i}")
            shutil.copytree(vieja.root, d.root)
            t = _medir(lambda: abrir(d).close())
            shutil.rmtree(d.root)
            return t

        def migrar_en_sitio(i: int) -> float:
            d = DataPaths(base / f"e{i}")
            shutil.copytree(vieja.root, d.root)
            motor = make_engine(sqlite_url(d.database))
            t = _medir(lambda: command.upgrade(alembic_config(motor), "head"))
            motor.dispose()
            shutil.rmtree(d.root)
            return t

        out.update(_par("migracion", args.rondas, migrar, migrar_en_sitio))

        pendientes = DataPaths(base / "pendientes")
        srv = abrir(pendientes)
        crear_demo(srv, 3, documentos=0)  # secretarios
        srv.close()

        def sorteo(con_cabezas: bool) -> Callable[[int], float]:
            def correr(i: int) -> float:
                d = DataPaths(base / f"s{i}{con_cabezas}")
                shutil.copytree(pendientes.root, d.root)
                s = abrir(d)
                from app.services.generador import escribir_csv, generar_titulos

                csv = d.root / "t.csv"
                escribir_csv(generar_titulos(args.size, semilla=7, oficina="0601", provincia="Chimborazo",
                                             primer_numero=10_000), csv)
                s.importacion.importar(csv)
                if not con_cabezas:
                    event.remove(Session, "before_flush", ancla._mover_cabezas)
                try:
                    t = _medir(lambda: s.sorteo.realizar(semilla="bench", fecha=date(2025, 12, 22)))
                finally:
                    if not con_cabezas:
                        event.listen(Session, "before_flush", ancla._mover_cabezas, insert=True)
                    s.close()
                shutil.rmtree(d.root)
                return t
            return correr

        out.update(_par("sorteo", args.rondas, sorteo(True), sorteo(False)))

        srv = abrir(oficina)

        def verificar(_i: int) -> float:
            return _medir(srv.foliacion.verificar_todos)

        def leer(_i: int) -> float:
            def bare() -> None:
                with srv.ctx.engine.connect() as c:
                    for t in ("expediente", "folio", "documento", "acto", "ancla_expediente"):
                        c.execute(text(f"SELECT * FROM {t}")).fetchall()
            return _medir(bare)

        out.update(_par("verificar_todos", args.rondas, verificar, leer))
        srv.close()
    print(json.dumps(out, indent=2))
    res = Path(__file__).resolve().parent / "results"
    res.mkdir(exist_ok=True)
    (res / "fiabilidad.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
