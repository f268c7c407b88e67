"""A damaged or empty database is never silently replaced; the last good backup is offered; the data folder is
private (issue 9)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from app.cli import main as cli
from app.common.errors import BaseDanada
from app.common.paths import DataPaths
from app.services.arranque import restaurar, ultimo_respaldo_bueno
from app.services.bootstrap import abrir
from app.storage.migrate import alembic_config, backup_sqlite
from tests.conftest import CEDULAS

CEDULA_2 = CEDULAS[1]


@pytest.fixture
def oficina(data_dir: DataPaths) -> Iterator[DataPaths]:
    """An office with a secretario, a stored document and a good backup (made before a migration)."""
    srv = abrir(data_dir)
    srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
    srv.ctx.blobs.put(b"un documento")
    srv.close()
    backup_sqlite(data_dir.database, data_dir.backups, "0006")
    yield data_dir


def _secretarios(paths: DataPaths) -> list[str]:
    srv = abrir(paths)
    try:
        with srv.ctx.engine.connect() as c:
            return [r[0] for r in c.execute(text("SELECT nombres FROM secretario"))]
    finally:
        srv.close()


def test_a_new_empty_folder_starts_a_new_office(data_dir: DataPaths) -> None:
    assert _secretarios(data_dir) == []
    assert data_dir.database.stat().st_size > 0


@pytest.mark.parametrize("dano", ["vacia", "basura", "falta"])
def test_a_damaged_database_is_reported_and_never_replaced(oficina: DataPaths, dano: str) -> None:
    db = oficina.database
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    if dano == "vacia":
        db.write_bytes(b"")
    elif dano == "basura":
        db.write_bytes(os.urandom(8192))
    else:
        db.unlink()
    contenido = db.read_bytes() if db.exists() else None
    for _ in range(2):  # a second failed start changes nothing and copies nothing
        with pytest.raises(BaseDanada) as e:
            abrir(oficina)
        assert e.value.respaldo is not None and "El último respaldo bueno es «foja-" in e.value.message
    assert (db.read_bytes() if db.exists() else None) == contenido
    assert len(list(oficina.backups.glob("*.sqlite3"))) == 1


def test_restoring_the_last_good_backup_brings_the_office_back(oficina: DataPaths) -> None:
    oficina.database.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)  # a damaged header and pages
    with pytest.raises(BaseDanada, match=r"SQLite no puede leer|no es una base"):
        abrir(oficina)
    r = ultimo_respaldo_bueno(oficina)
    assert r is not None
    apartada = restaurar(oficina, r.ruta)
    assert apartada.parent.name == "dañadas" and apartada.read_bytes().startswith(b"SQLite format 3")
    assert _secretarios(oficina) == ["Ana Lucía Guamán"]
    oficina.database.write_bytes(b"")
    with pytest.raises(BaseDanada):
        abrir(oficina)
    restaurar(oficina, r.ruta)
    assert len(list((oficina.backups / "dañadas").iterdir())) == 1  # one damaged copy kept, not a pile


def test_a_half_made_schema_is_damage_not_a_new_office(oficina: DataPaths) -> None:
    srv = abrir(oficina)
    command.stamp(alembic_config(srv.ctx.engine), "base")  # what an interrupted first start used to leave
    srv.close()
    with pytest.raises(BaseDanada, match="no la versión del esquema"):
        abrir(oficina)


def test_a_broken_backup_is_skipped_for_the_last_good_one(oficina: DataPaths) -> None:
    bueno = ultimo_respaldo_bueno(oficina)
    assert bueno is not None
    roto = oficina.backups / "foja-29991231-235959-r0006-roto.sqlite3"
    roto.write_bytes(b"no es una base")
    assert ultimo_respaldo_bueno(oficina) == bueno


def test_command_line_reports_damage_and_restores(oficina: DataPaths, capsys: pytest.CaptureFixture[str]) -> None:
    oficina.database.write_bytes(b"")
    assert cli(["verificar", "--todos", "--data-dir", str(oficina.root)]) == 2
    assert "está dañada" in capsys.readouterr().err
    assert cli(["restaurar", "--data-dir", str(oficina.root)]) == 0
    assert "Restaurado el respaldo «foja-" in capsys.readouterr().out
    assert cli(["verificar", "--todos", "--data-dir", str(oficina.root)]) == 0
    assert "todos íntegros" in capsys.readouterr().out


def test_an_interrupted_migration_copy_is_discarded(oficina: DataPaths) -> None:
    resto = oficina.root / "foja.sqlite3.migrando"
    resto.write_bytes(b"a medio hacer")
    assert _secretarios(oficina) == ["Ana Lucía Guamán"]
    assert not resto.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions; on Windows the profile's ACL applies")
def test_the_data_folder_is_private(tmp_path: Path) -> None:
    from app.common.logsetup import setup_logging

    viejo = os.umask(0o022)  # a permissive umask, as many desktops have
    try:
        paths = DataPaths(tmp_path / "privada")
        srv = abrir(paths)
        srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
        srv.close()
        srv = abrir(paths)
        srv.close()
        backup_sqlite(paths.database, paths.backups, "0006")
        import logging

        raiz = logging.getLogger()
        previos = list(raiz.handlers)
        for h in previos:  # another test's data folder may hold the program's log handlers
            raiz.removeHandler(h)
        try:
            setup_logging(paths.logs)
            logging.getLogger("prueba").warning("una línea")
        finally:
            for h in list(raiz.handlers):
                h.close()
                raiz.removeHandler(h)
            for h in previos:
                raiz.addHandler(h)
    finally:
        os.umask(viejo)

    def modo(p: Path) -> int:
        return stat.S_IMODE(p.stat().st_mode)

    for carpeta in (paths.root, paths.blobs, paths.backups, paths.logs, paths.exports):
        assert modo(carpeta) == 0o700, carpeta
    archivos = [paths.database, *paths.backups.glob("*.sqlite3"), *paths.logs.glob("foja.log*"), paths.lock]
    assert len(archivos) >= 4
    for archivo in archivos:
        assert modo(archivo) == 0o600, archivo
    con = sqlite3.connect(paths.database)  # the WAL, made by SQLite with the database's permissions
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE IF NOT EXISTS t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    assert modo(Path(f"{paths.database}-wal")) == 0o600
    con.close()


def test_a_backup_of_the_day_is_written_once_a_day(data_dir: DataPaths) -> None:
    from app.services.arranque import respaldo_del_dia

    srv = abrir(data_dir)
    srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
    srv.close()
    primero = respaldo_del_dia(data_dir)
    assert primero is not None and ultimo_respaldo_bueno(data_dir).ruta == primero  # type: ignore[union-attr]
    assert respaldo_del_dia(data_dir) is None  # younger than a day: nothing more
    srv = abrir(data_dir)
    srv.secretarios.crear("Carlos Andrade Vera", CEDULA_2)
    srv.close()
    segundo = respaldo_del_dia(data_dir, horas=0)
    assert segundo is not None and segundo != primero
    assert len(list(data_dir.backups.glob("*.sqlite3"))) == 2


def test_damage_found_while_working_is_checked_in_full_at_the_next_start(oficina: DataPaths) -> None:
    con = sqlite3.connect(oficina.database)
    pagina = con.execute("PRAGMA page_size").fetchone()[0]
    raiz = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'auditoria'").fetchone()[0]
    con.close()
    with oficina.database.open("r+b") as fh:  # one page of the audit table is destroyed (a disk fault)
        fh.seek((raiz - 1) * pagina)
        fh.write(b"\xff" * pagina)
    srv = abrir(oficina)  # the quick look at start does not read that page
    try:
        with pytest.raises(BaseDanada, match="Cierre Foja y vuelva a abrirlo"), srv.ctx.read() as s:
            s.execute(text("SELECT * FROM auditoria")).all()
    finally:
        srv.close()
    with pytest.raises(BaseDanada, match="páginas dañadas") as e:  # the next start checks in full
        abrir(oficina)
    assert e.value.respaldo is not None
    restaurar(oficina, e.value.respaldo)  # type: ignore[arg-type]
    assert _secretarios(oficina) == ["Ana Lucía Guamán"]
