"""Benchmark of the fee views. Not a test.

Builds an office of ``--size`` expedientes (``app.services.demo.crear_demo``, which also records the demo's
fee requests and its illustrative monthly rate table up to this month), then adds ``--solicitudes`` fee requests
in every state straight through the ORM (one transaction: the view's cost does not depend on how the rows were
made; each dated between its juicio's start and today), records 20 abonos in a drawn juicio, and
measures, alternating each with its raw ceiling, ``--repeticiones`` times:

- ``listar``: :meth:`HonorariosConsultas.listar` for the whole office (requests, their expediente, coactivado,
  secretario, state from the events) vs the **bare SQL** join of the same rows (no state, no objects);
- ``calcular``: :meth:`HonorariosService.calcular` of one expediente with 20 payments (tariff, exclusions,
  held recoveries) vs the bare SQL select of those payments.

Prints JSON (also written to ``bench/results/honorarios.json``): medians in ms and the ratio to the ceiling.

Usage: python bench/bench_honorarios.py [--size 2000] [--solicitudes 5000] [--repeticiones 15]
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
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Uuid, bindparam, select, text

from app.common.dates import local_today
from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir
from app.services.demo import crear_demo
from app.storage.models import Expediente
from app.storage.models_honorarios import EventoHonorarios, SolicitudHonorarios

SQL_LISTAR = text(
    "SELECT s.id, s.fecha, e.numero, d.nombre, x.nombres, x.cedula, s.total FROM solicitud_honorarios s "
    "JOIN expediente e ON e.id = s.expediente_id JOIN deudor d ON d.id = e.deudor_id "
    "JOIN secretario x ON x.id = s.secretario_id WHERE s.office_id = :o ORDER BY s.fecha DESC, s.created_at DESC"
).bindparams(bindparam("o", type_=Uuid()))
SQL_PAGOS = text("SELECT id, fecha, monto, a_honorarios, convenio_id, corrige_id FROM pago "
                 "WHERE expediente_id = :e ORDER BY fecha, created_at").bindparams(bindparam("e", type_=Uuid()))


def sembrar(srv: Servicios, n: int) -> None:
    rng = random.Random(7)
    hoy = local_today()
    with srv.ctx.read() as s:
        exps = s.execute(select(Expediente.id, Expediente.secretario_id, Expediente.fecha_inicio)).all()
    with srv.ctx.tx("bench: solicitudes") as s:
        for i in range(n):
            eid, sid, inicio = exps[i % len(exps)]
            base = Decimal(rng.randint(1000, 500000)) / 100
            h = (base / 10).quantize(Decimal("0.01"))
            iva = (h * Decimal("0.15")).quantize(Decimal("0.01"))
            f = inicio + timedelta(days=rng.randint(0, max(0, (hoy - inicio).days)))  # not before the juicio
            sol = SolicitudHonorarios(office_id=srv.ctx.office_id, expediente_id=eid, secretario_id=sid, fecha=f,
                                      recuperado=base, excluido=Decimal(0), base=base, honorario=h, iva=iva,
                                      total=h + iva, detalle={"exclusiones": [], "tarifas": []})
            s.add(sol)
            s.flush()
            for tipo in ("APROBADO", "PAGADO")[: rng.randint(0, 2)]:
                s.add(EventoHonorarios(office_id=srv.ctx.office_id, solicitud_id=sol.id, tipo=tipo, fecha=f))


def medir(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--solicitudes", type=int, default=5000)
    ap.add_argument("--repeticiones", type=int, default=15)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "honorarios.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        srv = abrir(DataPaths(Path(tmp) / "foja"))
        crear_demo(srv, a.size, documentos=0)
        sembrar(srv, a.solicitudes)
        # 20 daily abonos ending today, in a juicio begun before the first (abonos may be neither future nor
        # before the juicio's start). The demo's rate table (demo_legal.preparar_oficina_demo, with its source)
        # already covers every month from five years back to this one: no rate is added here (a month that
        # already has a rate is refused).
        desde = local_today() - timedelta(days=19)
        with srv.ctx.read() as s:
            numero, eid = s.execute(select(Expediente.numero, Expediente.id).where(
                Expediente.etapa == "SORTEADO", Expediente.fecha_inicio <= desde)
                .order_by(Expediente.numero).limit(1)).one()
        saldo = srv.liquidacion.calcular(numero, desde).total
        for k in range(20):
            srv.pagos.registrar_abono(numero, desde + timedelta(days=k), (saldo / 40).quantize(
                Decimal("0.01")), f"B-{k}")
        if len(srv.honorarios.calcular(numero).nuevas) != 20:
            raise SystemExit(f"{numero}: the fee calculation does not see the 20 abonos")
        filas = len(srv.honorarios_consultas.listar())
        tiempos: dict[str, list[float]] = {"listar": [], "listar_sql": [], "calcular": [], "calcular_sql": []}
        for _ in range(a.repeticiones):
            tiempos["listar"].append(medir(lambda: srv.honorarios_consultas.listar()))
            with srv.ctx.engine.connect() as c:
                tiempos["listar_sql"].append(medir(lambda c=c: c.execute(SQL_LISTAR, {"o": srv.ctx.office_id}).all()))
            tiempos["calcular"].append(medir(lambda: srv.honorarios.calcular(numero)))
            with srv.ctx.engine.connect() as c:
                tiempos["calcular_sql"].append(medir(lambda c=c: c.execute(SQL_PAGOS, {"e": eid}).all()))
        srv.close()
    med = {k: round(statistics.median(v), 2) for k, v in tiempos.items()}
    out = {
        "maquina": f"{platform.machine()} {os.cpu_count()} CPU, Python {platform.python_version()}",
        "expedientes": a.size, "solicitudes": filas, "repeticiones": a.repeticiones,
        "listar_ms": med["listar"], "listar_sql_ms": med["listar_sql"],
        "listar_ratio": round(med["listar"] / med["listar_sql"], 1),
        "calcular_ms": med["calcular"], "calcular_sql_ms": med["calcular_sql"],
        "calcular_ratio": round(med["calcular"] / med["calcular_sql"], 1),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(out, indent=2, ensure_ascii=False))
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
