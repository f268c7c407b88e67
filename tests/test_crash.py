"""kill -9 at chosen points, then start the program again (issue 9).

Each case forks a process that runs one piece of work on a copy of an office (first start, a schema upgrade
from 0003, an import, a sorteo, a document) and SIGKILLs itself at a chosen SQL statement, just before a
commit, or around the swap of the migrated copy. The test then opens the folder as the program does: it must
open (or offer the restore, which none of these cases should need), and the data must be either as before or
as after the work, never in between; the foliation of the whole office must verify.

Forking (not a new interpreter) keeps a kill at about 0.1 s instead of 2 s of imports: the same code runs, in
its own process, and dies by the same signal.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, event, func, select

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir
from app.storage import migrate as migrate_mod
from app.storage.migrate import alembic_config, revision_de_archivo
from app.storage.models import Documento, Expediente, Folio, Secretario, Sorteo, TituloCredito
from app.storage.models_juicio import Acto
from tests.conftest import CEDULAS, FIRMANTES, SAMPLES

# Each case forks, kills and reopens a real installation: seconds apiece.
pytestmark = [pytest.mark.skipif(os.name != "posix", reason="fork and SIGKILL"), pytest.mark.slow]

MUESTRA = SAMPLES / "titulos_ejemplo.csv"
FILAS = 40  # of the sample's 320: enough statements to kill in the middle, quick to verify
FRACCIONES = {"primer_inicio": (0.15, 0.5, 0.85), "migracion": (0.15, 0.5, 0.85), "importacion": (0.3, 0.8),
              "sorteo": (0.3, 0.8), "documento": (0.3, 0.8)}
if os.environ.get("FOJA_CRASH_PUNTOS"):  # a wider sweep on demand: N kill points evenly spread in each work
    _n = int(os.environ["FOJA_CRASH_PUNTOS"])
    FRACCIONES = {t: tuple((i + 0.5) / _n for i in range(_n)) for t in FRACCIONES}
JUICIO = "0601-2025-00001"
FECHA = date(2025, 5, 13)

Trabajo = Callable[[DataPaths, Callable[[], None]], None]


def _abrir_y(hacer: Callable[[Servicios], object]) -> Trabajo:
    def trabajo(paths: DataPaths, armar: Callable[[], None]) -> None:
        srv = abrir(paths)
        armar()  # count only the work's own statements
        hacer(srv)
    return trabajo


def _inicio(paths: DataPaths, armar: Callable[[], None]) -> None:
    armar()
    abrir(paths).close()


TRABAJOS: dict[str, Trabajo] = {
    "primer_inicio": _inicio,
    "migracion": _inicio,
    "importacion": _abrir_y(lambda s: s.importacion.importar(MUESTRA)),
    "sorteo": _abrir_y(lambda s: s.sorteo.realizar(semilla="crash", fecha=FECHA)),
    "documento": _abrir_y(lambda s: s.documentos.generar("rpv", JUICIO, fecha=date(2025, 5, 14),
                                                         destino=s.ctx.paths.root / "rpv.docx")),
}


def _hijo(root: Path, trabajo: str, punto: str, n: int, cuenta: Path) -> None:
    vistos = [0]

    def morir() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def armar() -> None:
        if punto == "sentencia":
            def al_ejecutar(*_a: Any) -> None:
                vistos[0] += 1
                if vistos[0] == n:
                    morir()
            event.listen(Engine, "before_cursor_execute", al_ejecutar)
        elif punto == "commit":
            event.listen(Engine, "commit", lambda *_a: morir())
        elif punto in ("antes_del_reemplazo", "despues_del_reemplazo"):
            real = os.replace

            def reemplazo(a: Any, b: Any) -> None:
                if str(a).endswith(migrate_mod.SUFIJO_COPIA):
                    if punto == "antes_del_reemplazo":
                        morir()
                    real(a, b)
                    morir()
                real(a, b)
            migrate_mod.os.replace = reemplazo  # type: ignore[attr-defined]

    try:
        TRABAJOS[trabajo](DataPaths(root), armar)
    finally:
        cuenta.write_text(str(vistos[0]))
        os._exit(0)


def _correr(root: Path, trabajo: str, punto: str, n: int = 0) -> tuple[int | None, int]:
    mp = multiprocessing.get_context("fork")
    cuenta = root.parent / f"{root.name}.cuenta"
    p = mp.Process(target=_hijo, args=(root, trabajo, punto, n, cuenta))
    p.start()
    p.join(timeout=120)
    hechas = int(cuenta.read_text()) if cuenta.exists() else -1
    return p.exitcode, hechas


# --- the offices the work runs on ----------------------------------------------------------------------------


def _estado(paths: DataPaths) -> dict[str, int]:
    srv = abrir(paths)
    try:
        with srv.ctx.read() as s:
            out = {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                   for m in (Secretario, TituloCredito, Sorteo, Expediente, Documento, Folio, Acto)}
            out["pendientes"] = s.scalar(select(func.count()).select_from(TituloCredito)
                                         .where(TituloCredito.estado == "PENDIENTE")) or 0
        resumen = srv.foliacion.verificar_todos()
        assert resumen.intacta, resumen.mensaje()
        return out
    finally:
        srv.close()


@pytest.fixture(scope="module")
def plantillas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("plantillas")
    global MUESTRA
    corta = base / "titulos.csv"
    corta.write_bytes(b"".join(MUESTRA.read_bytes().splitlines(keepends=True)[:FILAS + 1]))
    MUESTRA = corta
    out: dict[str, Path] = {"primer_inicio": base / "vacia"}
    con_sec = DataPaths(base / "secretarios")
    srv = abrir(con_sec)
    srv.oficina.actualizar(**FIRMANTES)
    for nombre, cedula, genero in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS,
                                      "FMF", strict=False):
        srv.secretarios.crear(nombre, cedula, genero=genero)
    srv.close()
    out["importacion"] = con_sec.root
    pendientes = DataPaths(base / "pendientes")
    shutil.copytree(con_sec.root, pendientes.root)
    srv = abrir(pendientes)
    srv.importacion.importar(MUESTRA)
    srv.close()
    out["sorteo"] = pendientes.root
    sorteado = DataPaths(base / "sorteado")
    shutil.copytree(pendientes.root, sorteado.root)
    srv = abrir(sorteado)
    srv.sorteo.realizar(semilla="crash", fecha=FECHA)
    srv.documentos.generar("rpv", "0601-2025-00002", fecha=date(2025, 5, 13), destino=sorteado.root / "rpv.docx")
    srv.close()
    out["documento"] = sorteado.root
    vieja = DataPaths(base / "vieja")
    shutil.copytree(sorteado.root, vieja.root)
    srv = abrir(vieja)
    command.downgrade(alembic_config(srv.ctx.engine), "0003")  # an office of the previous version
    srv.close()
    assert revision_de_archivo(vieja.database) == "0003"
    out["migracion"] = vieja.root
    return out


def _copia(plantillas: dict[str, Path], trabajo: str, destino: Path) -> Path:
    origen = plantillas[trabajo]
    if origen.exists():
        shutil.copytree(origen, destino)
    return destino


CASOS = [
    *((t, "sentencia", f) for t in TRABAJOS for f in FRACCIONES[t]),
    *((t, "commit", 0.0) for t in ("importacion", "sorteo", "documento", "primer_inicio")),
    *((t, p, 0.0) for t in ("primer_inicio", "migracion") for p in ("antes_del_reemplazo", "despues_del_reemplazo")),
]


_REFERENCIAS: dict[str, tuple[dict[str, int] | None, dict[str, int], int, str | None]] = {}


def _referencia(plantillas: dict[str, Path], base: Path, trabajo: str
                ) -> tuple[dict[str, int] | None, dict[str, int], int, str | None]:
    """Before and after the work run to the end on other copies, and how many statements it runs (once per
    kind of work)."""
    if trabajo not in _REFERENCIAS:
        despues_dir = _copia(plantillas, trabajo, base / f"{trabajo}-despues")
        codigo, _ = _correr(despues_dir, trabajo, "ninguno")
        assert codigo == 0
        _, total = _correr(_copia(plantillas, trabajo, base / f"{trabajo}-contar"), trabajo, "sentencia", 10**9)
        antes = _estado(DataPaths(_copia(plantillas, trabajo, base / f"{trabajo}-antes"))) \
            if plantillas[trabajo].exists() else None
        _REFERENCIAS[trabajo] = (antes, _estado(DataPaths(despues_dir)), total,
                                 revision_de_archivo(DataPaths(despues_dir).database))
    return _REFERENCIAS[trabajo]


@pytest.mark.parametrize(("trabajo", "punto", "fraccion"), CASOS)
def test_killed_then_started_again(plantillas: dict[str, Path], tmp_path: Path,
                                   tmp_path_factory: pytest.TempPathFactory, trabajo: str, punto: str,
                                   fraccion: float) -> None:
    antes, despues, total, revision = _referencia(plantillas, tmp_path_factory.mktemp("ref"), trabajo)
    assert total >= 5  # statements of the work (executemany batches count once)

    victima = _copia(plantillas, trabajo, tmp_path / "victima")
    n = max(1, int(total * fraccion))
    codigo, _ = _correr(victima, trabajo, punto, n)
    assert codigo == -signal.SIGKILL, f"the kill point was not reached ({punto} {n} of {total})"

    estado = _estado(DataPaths(victima))  # the program starts again: it opens, and the foliation verifies
    if antes is None:  # first start: an empty new office, or the finished one
        assert estado["secretario"] == 0
    else:
        assert estado in (antes, despues), (estado, antes, despues)
    assert revision_de_archivo(DataPaths(victima).database) == revision
