"""Each measure of ``bench_oficina.py``: Foja's operation and its raw ceiling, run alternately.

A measure returns ``{"foja": [...ms], "crudo": [...ms]}``; the raw ceiling is the same operation written by
hand on the bare engine in the same run: sqlite3 with the best SQL (the debtor index, the FTS5 index, the
sort indexes), a bare QMainWindow + QTableView showing the same first page, a bare docxtpl render of the same
template and context, an executemany of the same rows with their audit and outbox. Not a test.
"""

from __future__ import annotations

import compileall
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios

RAIZ = Path(__file__).resolve().parents[1]
Muestras = dict[str, list[float]]
COLUMNAS = ("e.id, e.numero, e.numero_provisional, d.nombre, d.identificacion, e.cuantia, e.etapa, s.nombres, "
            "e.fecha_inicio")


def ms(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def alternar(foja: Callable[[Any], Any], crudo: Callable[[Any], Any], entradas: list[Any]) -> Muestras:
    """Run both on every input, raw first on even inputs and Foja first on odd ones (neither always warms the
    cache for the other)."""
    out: Muestras = {"foja": [], "crudo": []}
    for i, x in enumerate(entradas):
        pares = [("crudo", crudo), ("foja", foja)]
        for nombre, fn in pares if i % 2 == 0 else reversed(pares):
            out[nombre].append(ms(lambda fn=fn, x=x: fn(x)))
    return out


class Crudo:
    """sqlite3 on the office's file, with the hand-written SQL of each operation."""

    def __init__(self, paths: DataPaths) -> None:
        self.con = sqlite3.connect(paths.database)
        self.oid = self.con.execute("SELECT id FROM oficina LIMIT 1").fetchone()[0]

    def ruc(self, p: str) -> tuple[int, list[Any]]:
        hi = p + "\U0010ffff"
        filas = self.con.execute(
            f"SELECT {COLUMNAS} FROM deudor d CROSS JOIN expediente e ON e.deudor_id = d.id "
            "JOIN secretario s ON s.id = e.secretario_id WHERE d.office_id = ? AND d.identificacion >= ? "
            "AND d.identificacion < ? ORDER BY e.numero LIMIT 200", (self.oid, p, hi)).fetchall()
        n = self.con.execute("SELECT count(*) FROM deudor d CROSS JOIN expediente e ON e.deudor_id = d.id "
                             "WHERE d.office_id = ? AND d.identificacion >= ? AND d.identificacion < ?",
                             (self.oid, p, hi)).fetchone()[0]
        return n, filas

    def nombre(self, q: str) -> tuple[int, list[Any]]:
        filas = self.con.execute(
            f"SELECT {COLUMNAS} FROM deudor_fts f CROSS JOIN deudor d ON d.rowid = f.rowid CROSS JOIN expediente e "
            "ON e.deudor_id = d.id JOIN secretario s ON s.id = e.secretario_id WHERE deudor_fts MATCH ? "
            "ORDER BY e.numero LIMIT 200", (q,)).fetchall()
        n = self.con.execute("SELECT count(*) FROM deudor_fts f CROSS JOIN deudor d ON d.rowid = f.rowid "
                             "CROSS JOIN expediente e ON e.deudor_id = d.id WHERE deudor_fts MATCH ?",
                             (q,)).fetchone()[0]
        return n, filas

    def orden(self, columna: str, desc: bool, despues: tuple[Any, str] | None = None) -> list[Any]:
        d = " DESC" if desc else ""
        base = {
            "numero": ("expediente e JOIN deudor d ON d.id = e.deudor_id JOIN secretario s ON s.id = e.secretario_id",
                       "e.numero"),
            "deudor": ("deudor d CROSS JOIN expediente e ON e.deudor_id = d.id AND d.office_id = e.office_id "
                       "JOIN secretario s ON s.id = e.secretario_id", "d.nombre_busqueda"),
            "identificacion": ("deudor d CROSS JOIN expediente e ON e.deudor_id = d.id AND d.office_id = e.office_id "
                               "JOIN secretario s ON s.id = e.secretario_id", "d.identificacion"),
            "cuantia": ("expediente e JOIN deudor d ON d.id = e.deudor_id JOIN secretario s ON s.id = e.secretario_id",
                        "e.cuantia"),
            "etapa": ("expediente e JOIN deudor d ON d.id = e.deudor_id JOIN secretario s ON s.id = e.secretario_id",
                      "e.etapa"),
            "secretario": ("secretario s CROSS JOIN expediente e ON e.secretario_id = s.id "
                           "JOIN deudor d ON d.id = e.deudor_id", "s.nombres, s.id"),
            "fecha_inicio": ("expediente e JOIN deudor d ON d.id = e.deudor_id "
                             "JOIN secretario s ON s.id = e.secretario_id", "e.fecha_inicio"),
        }
        desde, clave = base[columna]
        orden = ", ".join(f"{c}{d}" for c in clave.split(", ")) + ("" if columna == "numero" else f", e.numero{d}")
        where, args = "e.office_id = ?", [self.oid]
        if despues is not None:
            where += f" AND e.numero {'<' if desc else '>'} ?"
            args.append(despues[1])
        return self.con.execute(f"SELECT {COLUMNAS} FROM {desde} WHERE {where} ORDER BY {orden} LIMIT 200",
                                args).fetchall()


def busquedas(srv: Servicios, crudo: Crudo, n: int, rng: random.Random) -> dict[str, Muestras]:
    from app.storage.busqueda import consulta_fts

    ex = srv.expedientes
    total = ex.contar(solo_mios=False)
    muestras = [ex.buscar(offset=rng.randrange(total), limite=1, solo_mios=False)[0] for _ in range(n)]
    rucs = [m.identificacion[: rng.randint(5, 8)] for m in muestras]
    palabras = [rng.choice(m.deudor.split()) for m in muestras]
    nombres = [p[: rng.randint(3, max(3, min(6, len(p))))] for p in palabras]
    out = {
        "busqueda_ruc": alternar(lambda t: ex.primera_pagina(t, solo_mios=False), crudo.ruc, rucs),
        "busqueda_nombre": alternar(lambda t: ex.primera_pagina(t, solo_mios=False),
                                    lambda t: crudo.nombre(consulta_fts(t) or ""), nombres),
        "busqueda_juicio": alternar(lambda t: ex.primera_pagina(t, solo_mios=False),
                                    lambda t: crudo.con.execute(
                                        f"SELECT {COLUMNAS} FROM expediente e JOIN deudor d ON d.id = e.deudor_id "
                                        "JOIN secretario s ON s.id = e.secretario_id WHERE e.office_id = ? AND "
                                        "e.numero >= ? AND e.numero < ? ORDER BY e.numero LIMIT 200",
                                        (crudo.oid, t, t + "\U0010ffff")).fetchall(),
                                    [m.numero[:12] for m in muestras[: n // 4]]),
    }
    return out


def ordenes(srv: Servicios, crudo: Crudo, repeticiones: int) -> dict[str, Muestras]:
    from app.services.expedientes import OrdenExpedientes
    from app.services.lista_expedientes import Cursor

    ex = srv.expedientes
    out: dict[str, Muestras] = {}
    for col in OrdenExpedientes:
        for desc in (False, True):
            out[f"orden_{col.value}{'_desc' if desc else ''}"] = alternar(
                lambda _x, col=col, desc=desc: ex.pagina("", col, desc, solo_mios=False),
                lambda _x, col=col, desc=desc: crudo.orden(col.value, desc), list(range(repeticiones)))
    total = ex.contar(solo_mios=False)
    # The last page of the list by juicio number, reached by keyset (the lazy list's way to get there).
    ultimo = ex.buscar(offset=total - 201, limite=1, solo_mios=False)[0].numero
    out["pagina_profunda"] = alternar(
        lambda _x: ex.pagina("", OrdenExpedientes.NUMERO, False, Cursor(ultimo, ultimo), solo_mios=False),
        lambda _x: crudo.orden("numero", False, (ultimo, ultimo)), list(range(repeticiones)))
    return out


def ventana(paths: DataPaths, repeticiones: int) -> Muestras:
    """In process: Foja (open the data dir, main window with its first page shown) against a bare
    QMainWindow + QTableView showing the same first page read with sqlite3."""
    from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSettings, Qt
    from PySide6.QtWidgets import QMainWindow, QTableView

    from app.services.bootstrap import abrir
    from app.ui.app import crear_aplicacion
    from app.ui.main_window import MainWindow

    crear_aplicacion()
    tmp = tempfile.mkdtemp()

    class Modelo(QAbstractTableModel):
        def __init__(self, filas: list[Any]) -> None:
            super().__init__()
            self.filas = filas

        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return len(self.filas)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 7

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self.filas[index.row()][index.column() + 1])
            return None

    def foja(_x: Any) -> None:
        srv = abrir(paths)
        w = MainWindow(srv, QSettings(str(Path(tmp) / "b.ini"), QSettings.Format.IniFormat))
        w.show()
        QCoreApplication.processEvents()
        assert w.lista.model.rowCount() > 0
        foja.ventanas.append((w, srv))  # type: ignore[attr-defined]

    def crudo(_x: Any) -> None:
        con = sqlite3.connect(paths.database)
        filas = con.execute(f"SELECT {COLUMNAS} FROM expediente e JOIN deudor d ON d.id = e.deudor_id JOIN "
                            "secretario s ON s.id = e.secretario_id ORDER BY e.numero LIMIT 200").fetchall()
        w = QMainWindow()
        t = QTableView(w)
        t.setModel(Modelo(filas))
        w.setCentralWidget(t)
        w.resize(1280, 800)
        w.show()
        QCoreApplication.processEvents()
        crudo.ventanas.append((w, con))  # type: ignore[attr-defined]

    foja.ventanas, crudo.ventanas = [], []  # type: ignore[attr-defined]
    out = alternar(foja, crudo, list(range(repeticiones)))
    for w, srv in foja.ventanas:  # type: ignore[attr-defined]
        w.close()
        w.deleteLater()
        srv.close()
    for w, con in crudo.ventanas:  # type: ignore[attr-defined]
        w.close()
        w.deleteLater()
        con.close()
    QCoreApplication.processEvents()
    return out


_ARRANQUE_FOJA = """
import sys, time
t0 = float(sys.argv[1])
sys.path.insert(0, {raiz!r})
from pathlib import Path
from app.common.logsetup import setup_logging
from app.common.paths import DataPaths
paths = DataPaths(Path({datos!r}))
paths.ensure()
setup_logging(paths.logs)
from app.services.bootstrap import abrir
from app.ui.app import crear_aplicacion
from app.ui.login_dialog import iniciar_sesion  # what main() imports before the login
crear_aplicacion(["foja"])
srv = abrir(paths)
srv.convenios.revisar()  # main() does it before the login
from PySide6.QtCore import QCoreApplication, QSettings
from app.ui.main_window import MainWindow
w = MainWindow(srv, QSettings({ini!r}, QSettings.Format.IniFormat))
w.show()
QCoreApplication.processEvents()
assert w.lista.model.rowCount() > 0
print(time.time() - t0, flush=True)
import os
os._exit(0)
"""
_ARRANQUE_CRUDO = """
import sys, time, sqlite3
t0 = float(sys.argv[1])
from PySide6.QtGui import QStandardItemModel, QStandardItem
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(["x"])
con = sqlite3.connect({db!r})
filas = con.execute("SELECT {cols} FROM expediente e JOIN deudor d ON d.id = e.deudor_id JOIN secretario s "
                    "ON s.id = e.secretario_id ORDER BY e.numero LIMIT 200").fetchall()
m = QStandardItemModel(len(filas), 7)
for i, f in enumerate(filas):
    for j in range(7):
        m.setItem(i, j, QStandardItem(str(f[j + 1])))
w = QMainWindow(); t = QTableView(w); t.setModel(m); w.setCentralWidget(t); w.resize(1280, 800); w.show()
app.processEvents()
print(time.time() - t0, flush=True)
import os
os._exit(0)
"""


def arranque(paths: DataPaths, repeticiones: int) -> Muestras:
    """A new process, from its start to the main window shown with its first page (no login: the user types
    it), against a new process that shows a bare window with the same first page."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # Foja as the user runs it: from bytecode (the installer ships it; ``make run`` compiles it), not from
    # source compiled again at every start because this machine sets PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(RAIZ / "app", quiet=1)

    def correr(codigo: str) -> float:
        t0 = time.time()
        r = subprocess.run([sys.executable, "-c", codigo, str(t0)], capture_output=True, text=True, env=env,
                           cwd=RAIZ, check=True, timeout=120)
        return float(r.stdout.strip().splitlines()[-1]) * 1000

    foja = _ARRANQUE_FOJA.format(raiz=str(RAIZ), datos=str(paths.root), ini=str(Path(tempfile.mkdtemp()) / "a.ini"))
    crudo = _ARRANQUE_CRUDO.format(db=str(paths.database), cols=COLUMNAS)
    out: Muestras = {"foja": [], "crudo": []}
    for i in range(repeticiones):
        for nombre, codigo in ([("crudo", crudo), ("foja", foja)] if i % 2 == 0 else
                               [("foja", foja), ("crudo", crudo)]):
            out[nombre].append(correr(codigo))
    return out


def importar(srv: Servicios, paths: DataPaths, n: int, repeticiones: int) -> Muestras:
    """The write path of an import of ``n`` títulos (parsing and checks done before the clock starts), rolled
    back after each run so the office does not grow, against an executemany of the same rows with their
    audit and outbox (sqlite3, also rolled back)."""
    from app.common.progress import NO_PROGRESS
    from app.common.text import search_key
    from app.domain.identificacion import tipo_persona
    from app.services.generador import escribir_csv, generar_titulos

    imp = srv.importacion
    base = 9_000_000
    tmp = Path(tempfile.mkdtemp())
    csv = escribir_csv(generar_titulos(n, semilla=base, primer_numero=base), tmp / "t.csv")

    class Deshacer(Exception):
        pass

    def foja(_x: Any) -> float:
        try:
            with srv.ctx.tx("importar títulos") as s:
                rev = imp._revisar(s, csv, NO_PROGRESS)
                t0 = time.perf_counter()
                imp._guardar(s, csv, rev, NO_PROGRESS)
                s.flush()
                dt = (time.perf_counter() - t0) * 1000
                raise Deshacer
        except Deshacer:
            return dt

    with srv.ctx.read() as s:
        filas = imp._revisar(s, csv, NO_PROGRESS).filas
    con_outbox = bool(getattr(srv.ctx, "central", True))
    con = sqlite3.connect(paths.database, isolation_level=None)
    oid = con.execute("SELECT id FROM oficina LIMIT 1").fetchone()[0]
    existentes = dict(con.execute("SELECT identificacion, id FROM deudor").fetchall())
    cols_d = ("id", "office_id", "row_version", "created_at", "created_by", "updated_at", "updated_by",
              "identificacion", "tipo_identificacion", "nombre", "nombre_busqueda", "tipo_persona",
              "representante_legal",
              "representante_cedula", "direccion")
    cols_t = ("id", "office_id", "row_version", "created_at", "created_by", "updated_at", "updated_by", "numero",
              "fecha_emision", "deudor_id", "concepto", "periodo", "capital", "interes", "recargo", "total",
              "fecha_interes_desde", "provincia", "estado", "importacion_id")

    registro = {"id", "office_id", "row_version", "created_at", "created_by", "updated_at", "updated_by"}

    def crudo(_x: Any) -> float:
        t0 = time.perf_counter()
        now = datetime.now(UTC)
        ts = now.replace(tzinfo=None).isoformat(sep=" ")
        mid = uuid.uuid4().hex
        deudores: dict[str, str] = dict(existentes)
        d_rows, t_rows, a_rows, o_rows = [], [], [], []

        def log(tabla: str, fid: str, cols: tuple[str, ...], fila: tuple[Any, ...]) -> None:
            # As Foja stores them: compact JSON; the audit without the bookkeeping, the id and the NULLs
            # (app.storage.tracking), the outbox with the whole row.
            d = dict(zip(cols, fila, strict=True))
            a = json.dumps({k: v for k, v in d.items() if k not in registro and v is not None}, separators=(",", ":"),
                           ensure_ascii=False)
            a_rows.append((oid, ts, mid, "bench", "importar", tabla, fid, "INSERT", None, a))
            o_rows.append((mid, tabla, fid, "INSERT", None, json.dumps(d, separators=(",", ":"), ensure_ascii=False),
                           ts))

        for f in filas:
            if f.identificacion not in deudores:
                did = uuid.uuid4().hex
                deudores[f.identificacion] = did
                r = (did, oid, 1, ts, "bench", ts, "bench", f.identificacion, f.tipo_identificacion.value, f.deudor,
                     search_key(f.deudor), tipo_persona(f.identificacion), "", "", "")
                d_rows.append(r)
                log("deudor", did, cols_d, r)
            tid = uuid.uuid4().hex
            t_rows.append((tid, oid, 1, ts, "bench", ts, "bench", f.numero, f.fecha_emision.isoformat(),
                           deudores[f.identificacion], f.concepto, f.periodo, int(f.capital * 100),
                           int(f.interes * 100), int(f.recargo * 100), int(f.total * 100),
                           f.interes_desde.isoformat(), f.provincia, "PENDIENTE", None))
            log("titulo_credito", tid, cols_t, t_rows[-1])
        con.execute("BEGIN")
        con.executemany("INSERT INTO deudor (id, office_id, row_version, created_at, created_by, updated_at, "
                        "updated_by, identificacion, tipo_identificacion, nombre, nombre_busqueda, tipo_persona, "
                        "representante_legal, representante_cedula, direccion) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", d_rows)
        con.executemany("INSERT INTO titulo_credito (id, office_id, row_version, created_at, created_by, updated_at, "
                        "updated_by, numero, fecha_emision, deudor_id, concepto, periodo, capital, interes, recargo, "
                        "total, fecha_interes_desde, provincia, estado, importacion_id) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", t_rows)
        con.executemany("INSERT INTO auditoria (office_id, created_at, mutation_id, usuario, accion, tabla, "
                        "fila_id, operacion, antes, despues) VALUES (?,?,?,?,?,?,?,?,?,?)", a_rows)
        if con_outbox:  # as Foja: a standalone office keeps no outbox (the sync's rule)
            con.executemany("INSERT INTO outbox (mutation_id, tabla, fila_id, operacion, base_version, datos, "
                            "created_at) VALUES (?,?,?,?,?,?,?)", o_rows)
        dt = (time.perf_counter() - t0) * 1000
        con.execute("ROLLBACK")
        return dt

    out: Muestras = {"foja": [], "crudo": []}
    for i in range(repeticiones):
        for nombre, fn in ([("crudo", crudo), ("foja", foja)] if i % 2 == 0 else [("foja", foja), ("crudo", crudo)]):
            out[nombre].append(fn(None))
    con.close()
    return out


def opi(srv: Servicios, n: int, rng: random.Random) -> Muestras:
    """One orden de pago inmediato through the service (checks, liquidación, render, sheet count, storage,
    foliation, act) against a bare docxtpl render of the same template with the same context."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined

    import app.services.documentos as documentos
    from app.domain.etapas import Etapa

    ex = srv.expedientes
    total = ex.contar(solo_mios=False)
    numeros: list[str] = []
    while len(numeros) < n:
        f = ex.buscar(offset=rng.randrange(total), limite=1, solo_mios=False)[0]
        if f.etapa is Etapa.SORTEADO and f.numero not in numeros:
            numeros.append(f.numero)
    # The OPI needs the RPV personally notified and its 10 días hábiles lapsed (COA arts. 271, 279): each
    # juicio gets them first (not measured), the OPIs are dated on the last business day before today.
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from app.domain.terminos import calendario

    cal = calendario()
    fecha_opi = date.today() - timedelta(days=1)
    while not cal.es_habil(fecha_opi):
        fecha_opi -= timedelta(days=1)
    fecha_rpv = fecha_opi - timedelta(days=28)
    while not cal.es_habil(fecha_rpv):
        fecha_rpv -= timedelta(days=1)
    notificada = datetime.combine(cal.sumar_dias_habiles(fecha_rpv, 1), datetime.min.time().replace(hour=10),
                                  ZoneInfo("America/Guayaquil")).astimezone(UTC)
    for j in numeros:
        srv.documentos.generar("rpv", j, fecha_rpv)
        srv.notificaciones.registrar(j, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                     direccion="Su domicilio", fecha_hora=notificada)
    visto: dict[str, Any] = {}
    # The service renders through the name it imported (render; render_con_hojas in older versions).
    nombre = "render_con_hojas" if hasattr(documentos, "render_con_hojas") else "render"
    original = getattr(documentos, nombre)

    def espia(plantilla: Path, contexto: Any) -> Any:
        visto.setdefault("plantilla", plantilla)
        visto.setdefault("contexto", dict(contexto))
        return original(plantilla, contexto)

    setattr(documentos, nombre, espia)
    try:
        srv.documentos.generar_opi(numeros.pop(), fecha_opi)
    finally:
        setattr(documentos, nombre, original)

    def crudo(_x: Any) -> None:
        tpl = DocxTemplate(str(visto["plantilla"]))
        tpl.render(visto["contexto"], jinja_env=Environment(undefined=StrictUndefined, autoescape=True),
                   autoescape=True)
        tpl.save(io.BytesIO())

    return alternar(lambda j: srv.documentos.generar_opi(j, fecha_opi), crudo, numeros)


def vencimientos(srv: Servicios, crudo: Crudo, repeticiones: int) -> Muestras:
    """The whole office's vencimientos aggregate (the two grouped queries of ``VencimientosService.contar``)
    against the same SQL run bare on sqlite3."""
    capturadas: list[str] = []
    eng = srv.ctx.engine
    from sqlalchemy import event

    def captura(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        capturadas.append((stmt, params))  # type: ignore[arg-type]

    event.listen(eng, "before_cursor_execute", captura)
    hoy = date.today()
    srv.vencimientos.contar(hoy)
    event.remove(eng, "before_cursor_execute", captura)
    sqls = [(s, p) for s, p in capturadas if "GROUP BY" in s]  # type: ignore[misc]

    def bare(_x: Any) -> None:
        for s, p in sqls:
            crudo.con.execute(s, p).fetchall()

    return alternar(lambda _x: srv.vencimientos.contar(hoy), bare, list(range(repeticiones)))


def tamano(paths: DataPaths, expedientes: int) -> dict[str, float]:
    """Bytes per expediente of the live pages (dbstat: free pages of dropped indexes left out), with and
    without the outbox (the sync's: its rows wait there until the central database acknowledges them)."""
    con = sqlite3.connect(paths.database)
    try:
        paginas = dict(con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
        outbox_idx = [n for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox'")]
    finally:
        con.close()
    total = sum(paginas.values())
    outbox = paginas.get("outbox", 0) + sum(paginas.get(n, 0) for n in outbox_idx)
    auditoria = sum(v for k, v in paginas.items() if "auditoria" in k)
    return {
        "kib_por_expediente": round(total / expedientes / 1024, 2),
        "kib_por_expediente_sin_outbox": round((total - outbox) / expedientes / 1024, 2),
        "kib_auditoria_por_expediente": round(auditoria / expedientes / 1024, 2),
        "mb_archivo": round(paths.database.stat().st_size / 1e6, 1),
    }
