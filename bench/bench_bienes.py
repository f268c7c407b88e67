"""Benchmark of the inventory of seized goods. Not a test.

Builds an office with ``--bienes`` goods spread over as many expedientes (títulos and sorteo through the real
demo, goods and custody rows written with the ORM in one transaction: the write path is not what is measured),
a third of them in custody of 20 depositarios with reports due and overdue. Then measures, alternating each
operation with its raw ceiling (the same rows read with bare SQL on a sqlite3 connection), ``--repeticiones``
times each:

- ``buscar_placa``: ``BienesService.buscar(Filtro("PBA-1"))`` (prefix of a plate) vs ``SELECT … WHERE placa LIKE``;
- ``inventario_todo``: ``BienesService.buscar()`` (the first 2,000 goods with debtor, depositario, avalúo and next
  report) vs a bare SELECT of the same columns joined;
- ``vencidos``: ``DepositariosService.informes_vencidos()`` (the jefe's alerts) vs bare SQL of the goods in
  custody with their last custody and report dates (the month arithmetic left out of the ceiling).

Prints JSON (also written to ``bench/results/bienes.json``): medians in ms of each and of its ceiling, and their
ratio.

Usage: python bench/bench_bienes.py [--bienes 5000] [--repeticiones 15] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from app.common.dates import local_today
from app.common.paths import DataPaths
from app.services.bienes import Filtro
from app.services.bootstrap import Servicios, abrir
from app.services.demo import crear_demo
from app.storage.models import Documento, Expediente
from app.storage.models_bienes import Bien, Custodia, Depositario, InformeDepositario

CRUDO_BUSCAR = ("SELECT b.id, e.numero, d.nombre, b.descripcion, b.estado, b.placa FROM bien b "
                "JOIN expediente e ON e.id = b.expediente_id JOIN deudor d ON d.id = b.deudor_id "
                "WHERE b.office_id = ? AND b.placa LIKE ? ORDER BY b.fecha_acta DESC LIMIT 2000")
CRUDO_TODO = ("SELECT b.id, e.numero, d.nombre, d.identificacion, b.descripcion, b.estado, p.nombres, "
              "(SELECT a.valor FROM avaluo a WHERE a.bien_id = b.id ORDER BY a.fecha DESC LIMIT 1) "
              "FROM bien b JOIN expediente e ON e.id = b.expediente_id JOIN deudor d ON d.id = b.deudor_id "
              "LEFT JOIN depositario p ON p.id = b.depositario_id WHERE b.office_id = ? "
              "ORDER BY b.fecha_acta DESC LIMIT 2000")
CRUDO_VENCIDOS = ("SELECT b.id, (SELECT max(c.fecha) FROM custodia c WHERE c.bien_id = b.id), "
                  "(SELECT max(i.fecha) FROM informe_depositario i WHERE i.bien_id = b.id "
                  "AND i.depositario_id = b.depositario_id) FROM bien b WHERE b.office_id = ? "
                  "AND b.depositario_id IS NOT NULL AND b.estado IN ('EN_CUSTODIA', 'AVALUADO', 'EN_REMATE')")


def poblar(srv: Servicios, n: int, semilla: int = 3) -> None:
    rng = random.Random(semilla)
    hoy = local_today()
    oid = srv.ctx.office_id
    with srv.ctx.tx("bench: bienes") as s:
        exps = s.execute(select(Expediente.id, Expediente.deudor_id).limit(n)).all()
        deps = [Depositario(office_id=oid, nombres=f"Depositario {k}", cedula=f"{k:010d}") for k in range(20)]
        s.add_all(deps)
        acta = Documento(office_id=oid, expediente_id=exps[0][0], tipo="ACTA_EMBARGO", descripcion="Acta", fecha=hoy,
                         hojas=1, archivo_sha256="0" * 64, nombre_archivo="acta.docx")
        s.add(acta)
        s.flush()
        for k, (eid, did) in enumerate(exps):
            custodia = k % 3 == 0
            fecha = hoy - timedelta(days=rng.randint(10, 400))
            b = Bien(office_id=oid, expediente_id=eid, deudor_id=did, tipo="VEHICULO",
                     descripcion=f"Vehículo {k}", estado="EN_CUSTODIA" if custodia else "EMBARGADO",
                     acta_documento_id=acta.id, acta_tipo="EMBARGO", fecha_acta=fecha,
                     placa=f"PBA-{k:04d}" if k < 10000 else f"PCA-{k % 10000:04d}", valor_estimado=Decimal("5000"),
                     depositario_id=deps[k % 20].id if custodia else None, detalle={"marca": "Chevrolet"})
            s.add(b)
            s.flush()
            if custodia:
                s.add(Custodia(office_id=oid, bien_id=b.id, expediente_id=eid, fecha=fecha, motivo="DESIGNACION",
                               depositario_id=b.depositario_id, entrega="coactivado", recibe="depositario"))
                if rng.random() < 0.5:
                    s.add(InformeDepositario(office_id=oid, bien_id=b.id, depositario_id=b.depositario_id,
                                             fecha=hoy - timedelta(days=rng.randint(1, 60)), condicion="Buena",
                                             ubicacion="Patio", costo=Decimal("0")))


def medir(f, veces: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(veces):
        t = time.perf_counter()
        f()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bienes", type=int, default=5000)
    ap.add_argument("--repeticiones", type=int, default=15)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "bienes.json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        srv = abrir(DataPaths(Path(tmp) / "datos"))
        crear_demo(srv, a.bienes, documentos=0)
        t = time.perf_counter()
        poblar(srv, a.bienes)
        poblado = time.perf_counter() - t
        oid = str(srv.ctx.office_id).replace("-", "")
        con = sqlite3.connect(srv.ctx.paths.database)
        ops = {
            "buscar_placa": (lambda: srv.bienes.buscar(Filtro("PBA-1")),
                             lambda: con.execute(CRUDO_BUSCAR, (oid, "PBA-1%")).fetchall()),
            "inventario_todo": (lambda: srv.bienes.buscar(),
                                lambda: con.execute(CRUDO_TODO, (oid,)).fetchall()),
            "vencidos": (lambda: srv.depositarios.informes_vencidos(),
                         lambda: con.execute(CRUDO_VENCIDOS, (oid,)).fetchall()),
        }
        res: dict[str, object] = {"bienes": a.bienes, "poblar_s": round(poblado, 2), "maquina": platform.machine(),
                                  "python": platform.python_version()}
        for nombre, (app_f, crudo_f) in ops.items():
            filas = (len(app_f()), len(crudo_f()))
            t_app: list[float] = []
            t_crudo: list[float] = []
            for _ in range(a.repeticiones):  # alternate, so that load on the machine hits both alike
                t_app += medir(app_f, 1)
                t_crudo += medir(crudo_f, 1)
            m_app, m_crudo = statistics.median(t_app), statistics.median(t_crudo)
            res[nombre] = {"filas": filas, "mediana_ms": round(m_app, 1), "techo_sql_ms": round(m_crudo, 1),
                           "razon": round(m_app / m_crudo, 1) if m_crudo else None}
        con.close()
        srv.close()
    texto = json.dumps(res, indent=2, ensure_ascii=False)
    print(texto)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(texto + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
