"""Benchmark of the sync with the central PostgreSQL (issue 7). Not a test.

On a generated office of ``--size`` expedientes (real import and sorteo, with documents), against the
PostgreSQL at 127.0.0.1:5432 (a database made and dropped by this script), prints a table and writes JSON
(``bench/results/sync.json``):

- ``subida_inicial``: a standalone office joining (all its rows uploaded once), rows/s;
- ``descarga_inicial``: a new desktop's first sync (snapshot of the office), rows/s, beside the raw ceiling of
  the same rows measured in the same run: PostgreSQL ``COPY … TO STDOUT`` of every synced table plus SQLite
  ``executemany`` of the same rows into an empty schema; the two are alternated and the medians reported;
- ``incremental_1000``: 1,000 changes on desktop A (a cost on 1,000 expedientes): A's push cycle, B's pull;
- ``latencia_un_cambio``: one change on A until B has it (A's cycle + B's cycle);
- ``escala``: N = 1, 10, 50 desktops (processes) each pushing ``--cambios`` changes at once: push p95 and
  server CPU seconds per desktop (from /proc of the postgres processes).

Usage: python bench/bench_sync.py [--size 200000] [--cache DIR] [--repeticiones 3]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import shutil
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from sqlalchemy import create_engine, func, insert, select

from app.common.paths import DataPaths
from app.domain.permisos import Rol
from app.domain.procedimiento import CERRADAS
from app.services.bootstrap import Servicios, abrir
from app.storage.models import Base, Expediente
from app.sync import central
from app.sync.conexion import Servidor
from app.sync.filas import tablas

ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
# Closed juicios (archivado, baja, insolvencia) take no costas; the demo office archives its old paid ones.
CERRADOS = [e.value for e in CERRADAS]


def oficina(cache: Path, size: int) -> Path:
    """A standalone office of ``size`` expedientes, built once and reused."""
    destino = cache / f"oficina-{size}"
    if (destino / "listo").exists():
        return destino
    shutil.rmtree(destino, ignore_errors=True)
    from app.services.demo import crear_demo

    srv = abrir(DataPaths(destino))
    t0 = time.perf_counter()
    crear_demo(srv, size, semilla=7, documentos=200, progreso=lambda m: print("  " + m, file=sys.stderr, flush=True))
    srv.close()
    (destino / "listo").write_text(f"{time.perf_counter() - t0:.1f}")
    return destino


def copia(origen: Path, destino: Path) -> DataPaths:
    shutil.rmtree(destino, ignore_errors=True)
    shutil.copytree(origen, destino)
    return DataPaths(destino)


def filas_locales(srv: Servicios) -> int:
    with srv.ctx.engine.connect() as c:
        return sum(c.execute(select(func.count()).select_from(t.tabla)).scalar_one() for t in tablas().values())


def techo_descarga(base: str, tmp: Path) -> tuple[float, float]:
    """Raw ceiling of a download of the office: COPY out of PostgreSQL, executemany into an empty SQLite."""
    t0 = time.perf_counter()
    datos: dict[str, list[dict[str, object]]] = {}
    with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={base}") as pg:
        for n in tablas():
            with pg.cursor().copy(f"COPY (SELECT * FROM {n}) TO STDOUT") as cp:
                for _ in cp:
                    pass
    t_copy = time.perf_counter() - t0
    eng_pg = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{base}")
    with eng_pg.connect() as c:
        for n, t in tablas().items():
            datos[n] = [dict(r) for r in c.execute(select(t.tabla)).mappings()]
    eng_pg.dispose()
    db = tmp / "techo.sqlite3"
    db.unlink(missing_ok=True)
    eng = create_engine(f"sqlite:///{db}")
    Base.metadata.create_all(eng)
    t0 = time.perf_counter()
    with eng.begin() as c:
        for n, t in tablas().items():
            if datos[n]:
                c.execute(insert(t.tabla), datos[n])
    t_ins = time.perf_counter() - t0
    eng.dispose()
    return t_copy, t_ins


def _cliente_escala(args: tuple[str, str, str, int, int, mp.Queue]) -> None:  # type: ignore[type-arg]
    carpeta, base, login, cambios, barrera_t, cola = args
    srv = abrir(DataPaths(Path(carpeta)))
    srv.sincronizacion.configurar(Servidor("127.0.0.1", 5432, base, login))
    with srv.ctx.read() as s:
        numeros = list(s.scalars(select(Expediente.numero).where(Expediente.etapa.notin_(CERRADOS)).limit(cambios)))
    for i in range(cambios):
        srv.pagos.registrar_costa(numeros[i % len(numeros)], date(2025, 6, 2), f"Costa escala {i}", "5.00")
    while time.time() < barrera_t:
        time.sleep(0.01)
    t0 = time.perf_counter()
    srv.sincronizacion.sincronizar()
    cola.put(time.perf_counter() - t0)
    srv.close()


def cpu_postgres() -> float:
    """CPU seconds (user+system) of the postgres processes so far, exited backends included (their time is
    added to the postmaster's cutime/cstime when it reaps them; each sync opens and closes its connection)."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if (p / "comm").read_text().strip() not in ("postgres", "postmaster"):
                continue
            campos = (p / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(campos[11]) + int(campos[12]) + int(campos[13]) + int(campos[14])
        except OSError:
            continue
    return total / tick


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/foja-bench-sync"))
    ap.add_argument("--repeticiones", type=int, default=3)
    ap.add_argument("--cambios", type=int, default=20)
    ap.add_argument("--escala", default="1,10,50")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "sync.json")
    a = ap.parse_args()
    a.cache.mkdir(parents=True, exist_ok=True)
    base = f"foja_bench_sync_{uuid.uuid4().hex[:8]}"
    sufijo = base[-6:]
    roles: list[str] = []
    res: dict[str, object] = {"size": a.size}
    with psycopg.connect(ADMIN, autocommit=True) as adm:
        adm.execute(f'CREATE DATABASE "{base}"')
    eng = central.motor_propietario(f"postgresql://postgres@127.0.0.1:5432/{base}")
    try:
        central.inicializar(eng)

        def usuario(nombre: str, rol: Rol = Rol.JEFE) -> Servidor:
            login = f"{nombre}_{sufijo}"
            central.agregar_usuario(eng, login, rol, "0601")
            roles.append(login)
            return Servidor("127.0.0.1", 5432, base, login)

        origen = oficina(a.cache, a.size)
        trabajo = a.cache / "trabajo"
        pa = copia(origen, trabajo / "a")
        srv_a = abrir(pa)
        n_filas = filas_locales(srv_a)
        srv_a.sincronizacion.configurar(usuario("jefe"))
        t0 = time.perf_counter()
        r = srv_a.sincronizacion.sincronizar()
        t_a = time.perf_counter() - t0
        res["subida_inicial"] = {"filas": r.subida_inicial, "s_ciclo_completo": round(t_a, 2),
                                 "filas_s": round(r.subida_inicial / t_a)}

        descargas, techos = [], []
        for i in range(a.repeticiones):
            # Alternate the raw ceiling and Foja's download on the same rows.
            tc, ti = techo_descarga(base, trabajo)
            techos.append(tc + ti)
            pb = DataPaths(trabajo / f"b{i}")
            shutil.rmtree(pb.root, ignore_errors=True)
            srv_b = abrir(pb)
            srv_b.sincronizacion.configurar(usuario(f"sec{i}", Rol.SECRETARIO))
            t0 = time.perf_counter()
            rb = srv_b.sincronizacion.sincronizar()
            descargas.append(time.perf_counter() - t0)
            if i < a.repeticiones - 1:
                srv_b.close()
        med_d, med_t = statistics.median(descargas), statistics.median(techos)
        res["descarga_inicial"] = {
            "filas": rb.recibidos, "archivos": rb.archivos_bajados, "s_mediana": round(med_d, 2),
            "filas_s": round(rb.recibidos / med_d), "techo_copy_mas_executemany_s": round(med_t, 2),
            "techo_filas_s": round(n_filas / med_t), "razon": round(med_d / med_t, 2),
        }

        with srv_a.ctx.read() as s:
            numeros = list(s.scalars(select(Expediente.numero).where(Expediente.etapa.notin_(CERRADOS))
                                  .order_by(Expediente.numero).limit(1000)))
        for i, numero in enumerate(numeros):
            srv_a.pagos.registrar_costa(numero, date(2025, 6, 2), f"Costa de custodia {i}", "12.40")
        t0 = time.perf_counter()
        ra = srv_a.sincronizacion.sincronizar()
        t_push = time.perf_counter() - t0
        t0 = time.perf_counter()
        rb2 = srv_b.sincronizacion.sincronizar()
        t_pull = time.perf_counter() - t0
        res["incremental_1000"] = {"cambios": len(numeros), "enviados": ra.enviados, "s_empuje": round(t_push, 2),
                                   "recibidos": rb2.recibidos, "s_tirada": round(t_pull, 2)}

        latencias = []
        for i in range(5):
            srv_a.pagos.registrar_costa(numeros[0], date(2025, 6, 3), f"Costa latencia {i}", "1.00")
            t0 = time.perf_counter()
            srv_a.sincronizacion.sincronizar()
            srv_b.sincronizacion.sincronizar()
            latencias.append(time.perf_counter() - t0)
        res["latencia_un_cambio_s"] = {"mediana": round(statistics.median(latencias), 3),
                                       "max": round(max(latencias), 3)}
        srv_a.close()
        srv_b.close()

        # Scale: N desktops of a small office, each pushing its changes at the same moment.
        pequena = oficina(a.cache, 500)
        escala = {}
        for n in [int(x) for x in a.escala.split(",")]:
            base_e = f"{base}_e{n}"
            with psycopg.connect(ADMIN, autocommit=True) as adm:
                adm.execute(f'CREATE DATABASE "{base_e}"')
            eng_e = central.motor_propietario(f"postgresql://postgres@127.0.0.1:5432/{base_e}")
            try:
                central.inicializar(eng_e)
                logins = []
                for k in range(n):
                    login = f"e{n}_{k}_{sufijo}"
                    central.agregar_usuario(eng_e, login, Rol.JEFE, "0601")
                    roles.append(login)
                    logins.append(login)
                carpetas = []
                primera = copia(pequena, trabajo / f"e{n}_0")
                s0 = abrir(primera)
                s0.sincronizacion.configurar(Servidor("127.0.0.1", 5432, base_e, logins[0]))
                s0.sincronizacion.sincronizar()
                s0.close()
                carpetas.append(primera.root)
                for k in range(1, n):
                    # A copy of the joined desktop (as a restored backup would be), syncing as its own user.
                    d = trabajo / f"e{n}_{k}"
                    shutil.rmtree(d, ignore_errors=True)
                    shutil.copytree(primera.root, d)
                    carpetas.append(d)
                cola: mp.Queue = mp.Queue()  # type: ignore[type-arg]
                inicio = time.time() + 3 + n * 0.3
                cpu0 = cpu_postgres()
                procs = [mp.Process(target=_cliente_escala, args=((str(carpetas[k]), base_e, logins[k], a.cambios,
                                                                   inicio, cola),)) for k in range(n)]
                for p in procs:
                    p.start()
                tiempos = [cola.get(timeout=600) for _ in procs]
                for p in procs:
                    p.join()
                cpu = cpu_postgres() - cpu0
                tiempos.sort()
                escala[str(n)] = {"empuje_p50_s": round(statistics.median(tiempos), 3),
                                  "empuje_p95_s": round(tiempos[min(len(tiempos) - 1, int(0.95 * len(tiempos)))], 3),
                                  "cpu_servidor_s_por_escritorio": round(cpu / n, 3)}
            finally:
                eng_e.dispose()
                with psycopg.connect(ADMIN, autocommit=True) as adm:
                    adm.execute(f'DROP DATABASE IF EXISTS "{base_e}" WITH (FORCE)')
        res["escala"] = escala
    finally:
        eng.dispose()
        with psycopg.connect(ADMIN, autocommit=True) as adm:
            adm.execute(f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
            for r_ in roles:
                adm.execute(f'DROP ROLE IF EXISTS "{r_}"')
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=2, ensure_ascii=False))
    print(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
