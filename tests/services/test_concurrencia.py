"""Two processes on one data folder (two windows, or the command line beside the window): the second writer
waits, then either works on what the first committed or gets a clear Spanish message; never a traceback,
never half of each (issue 9)."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import traceback
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main as cli
from app.common.errors import ImportRejected, OcupadoError
from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir
from app.storage import db as db_mod
from app.storage.models import Expediente, TituloCredito
from tests.conftest import CEDULAS, FIRMANTES, SAMPLES
from tests.services.helpers import crear_titulos

MUESTRA = SAMPLES / "titulos_ejemplo.csv"


def _contar(srv: Servicios, modelo: type) -> int:
    with srv.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(modelo)) or 0


def test_a_writer_waits_then_gets_a_clear_message_and_writes_nothing(
    con_secretarios: Servicios, data_dir: DataPaths, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_mod, "ESPERA_ESCRITURA_MS", 300)
    otra = abrir(data_dir)  # the second window
    try:
        crear_titulos(con_secretarios, 4)
        with con_secretarios.ctx.tx("una operación larga"):  # the first window holds the write lock
            with pytest.raises(OcupadoError, match=r"Otra operación está en curso.*intente de nuevo"):
                otra.importacion.importar(MUESTRA)
            with pytest.raises(OcupadoError):
                otra.sorteo.realizar(semilla="x", fecha=date(2025, 6, 2))
        assert _contar(otra, Expediente) == 0 and _contar(otra, TituloCredito) == 4
        juicio = otra.sorteo.realizar(semilla="x", fecha=date(2025, 6, 2)).asignaciones[0].juicio
        with con_secretarios.ctx.tx("un sorteo en curso"), pytest.raises(OcupadoError):
            otra.documentos.generar("rpv", juicio, fecha=date(2025, 6, 3), destino=data_dir.root / "x.docx")
        assert otra.foliacion.indice(juicio) == []
        otra.importacion.importar(MUESTRA)
        with pytest.raises(ImportRejected, match="ya fue importado"):
            con_secretarios.importacion.importar(MUESTRA)
    finally:
        otra.close()


def _correr(argv: list[str], barrera: Any, cola: Any) -> None:
    # A forked process: the same program, started without paying the imports again.
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        barrera.wait(timeout=60)
        try:
            codigo = cli(argv)
        except BaseException:  # a traceback is what must never happen: report it
            codigo = 99
            err.write(traceback.format_exc())
    cola.put((argv[0], codigo, err.getvalue()))
    cola.close()
    cola.join_thread()  # the queue's feeder thread must deliver before the process ends
    os._exit(0)


def _juntos(*comandos: tuple[str, ...]) -> list[tuple[int, str]]:
    """Run the command lines at the same instant, each in its own process; (exit code, stderr) in order."""
    mp = multiprocessing.get_context("fork")
    barrera, cola = mp.Barrier(len(comandos)), mp.Queue()
    procesos = [mp.Process(target=_correr, args=([*c], barrera, cola)) for c in comandos]
    for p in procesos:
        p.start()
    salidas = [cola.get(timeout=120) for _ in procesos]
    for p in procesos:
        p.join(timeout=60)
    return [(codigo, err) for _, codigo, err in salidas]


@pytest.fixture
def carpeta(tmp_path: Path) -> Path:
    d = tmp_path / "datos"
    paths = DataPaths(d)
    srv = abrir(paths)
    try:
        srv.oficina.actualizar(**FIRMANTES)
        for nombre, cedula, genero in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, "FM", strict=False):
            srv.secretarios.crear(nombre, cedula, genero=genero)
    finally:
        srv.close()
    return d


def test_two_processes_import_the_same_file_and_draw_at_once(carpeta: Path) -> None:
    d = str(carpeta)
    resultados = _juntos(("importar", str(MUESTRA), "--data-dir", d), ("importar", str(MUESTRA), "--data-dir", d))
    codigos = sorted(r[0] for r in resultados)
    assert codigos == [0, 2], resultados
    perdedor = next(r for r in resultados if r[0] == 2)
    assert "ya fue importado" in perdedor[1] or "Otra operación está en curso" in perdedor[1]
    assert all("Traceback" not in r[1] for r in resultados)

    resultados = _juntos(("sorteo", "--todos", "--fecha", "27/11/2026", "--data-dir", d),
                         ("sorteo", "--todos", "--fecha", "27/11/2026", "--data-dir", d))
    assert sorted(r[0] for r in resultados) == [0, 2], resultados
    perdedor = next(r for r in resultados if r[0] == 2)
    assert "No hay títulos" in perdedor[1] or "Otra operación está en curso" in perdedor[1]
    assert all("Traceback" not in r[1] for r in resultados)

    resultados = _juntos(
        ("documento", "rpv", "0601-2026-00001", "--fecha", "27/11/2026", "--out", str(carpeta / "a.docx"),
         "--data-dir", d),
        ("documento", "rpv", "0601-2026-00002", "--fecha", "27/11/2026", "--out", str(carpeta / "b.docx"),
         "--data-dir", d),
        ("verificar", "--todos", "--data-dir", d),
    )
    assert sorted(r[0] for r in resultados) == [0, 0, 0], resultados

    srv = abrir(DataPaths(carpeta))
    try:
        assert _contar(srv, TituloCredito) == 320 and _contar(srv, Expediente) == 320  # once, not twice
        assert srv.foliacion.verificar_todos().intacta
    finally:
        srv.close()
