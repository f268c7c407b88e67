"""Is the database there and whole? Start-up diagnosis, the last good backup, and restoring it (issue 9).

A data folder's database is never silently replaced: a missing, empty (zero bytes) or unreadable
``foja.sqlite3`` in a folder that already holds an office's files (documents in ``archivos/`` or backups in
``respaldos/``) is damage, reported with the newest backup that opens; only a folder with nothing in it starts
a new office. Restoring puts that backup in place (atomic rename) and keeps one copy of the damaged file in
``respaldos/dañadas/`` (the previous one is replaced: failed starts don't pile up broken copies).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from app.common.errors import BaseDanada, OcupadoError
from app.common.paths import DataPaths
from app.common.permisos import archivo_privado, carpeta_privada, privatizar_base
from app.storage.db import MARCA_DANO
from app.storage.esquema import cabeza

log = logging.getLogger(__name__)

CABECERA_SQLITE = b"SQLite format 3\x00"
CARPETA_DANADAS = "dañadas"


@contextmanager
def cerrojo_de_arranque(paths: DataPaths, espera_s: float = 60.0) -> Iterator[None]:
    """Hold the data folder's lock file while opening, migrating or restoring (one process at a time).

    Raises:
        OcupadoError: another process kept it longer than ``espera_s`` seconds.
    """
    archivo_privado(paths.lock)
    lock = FileLock(str(paths.lock), timeout=espera_s, mode=0o600)
    try:
        lock.acquire()
    except Timeout as exc:
        raise OcupadoError("Otra ventana de Foja está abriendo o actualizando esta carpeta de datos; "
                           "intente de nuevo en unos momentos.") from exc
    try:
        yield
    finally:
        lock.release()


@dataclass(frozen=True, slots=True)
class Respaldo:
    """A backup that opens: its file, when it was written, and its schema revision."""

    ruta: Path
    fecha: datetime
    revision: str | None

    @property
    def cuando(self) -> str:
        return self.fecha.strftime("copiado el %d/%m/%Y a las %H:%M")


def _abre(path: Path) -> str | None:
    """Revision of a database file that opens and passes SQLite's quick check. Raises sqlite3.DatabaseError."""
    with path.open("rb") as fh:
        if fh.read(16) != CABECERA_SQLITE:
            raise sqlite3.DatabaseError("no es una base de datos SQLite")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = con.execute("PRAGMA quick_check(1)").fetchone()
        if not ok or ok[0] != "ok":
            raise sqlite3.DatabaseError(f"la verificación de SQLite falla: {ok[0] if ok else '?'}")
    finally:
        con.close()
    from app.storage.migrate import revision_de_archivo

    return revision_de_archivo(path)


def respaldos_buenos(paths: DataPaths) -> Iterator[Respaldo]:
    """The backups in ``respaldos/`` that open, newest first (checked lazily, one at a time)."""
    if not paths.backups.exists():
        return
    archivos = sorted((p for p in paths.backups.glob("*.sqlite3") if p.is_file()),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    for p in archivos:
        try:
            rev = _abre(p)
        except (OSError, sqlite3.DatabaseError) as exc:
            log.warning("respaldo inservible %s: %s", p.name, exc)
            continue
        if rev is None:
            continue
        yield Respaldo(p, datetime.fromtimestamp(p.stat().st_mtime), rev)


def ultimo_respaldo_bueno(paths: DataPaths) -> Respaldo | None:
    return next(respaldos_buenos(paths), None)


def _tiene_datos(paths: DataPaths) -> str | None:
    """Why this folder belongs to an existing office (None: it holds nothing)."""
    if paths.blobs.exists() and any(p.is_file() for p in paths.blobs.rglob("*")):
        return "la carpeta «archivos» tiene documentos"
    if paths.backups.exists() and any(paths.backups.glob("*.sqlite3")):
        return "la carpeta «respaldos» tiene copias de la base"
    return None


def _danada(paths: DataPaths, motivo: str) -> BaseDanada:
    r = ultimo_respaldo_bueno(paths)
    log.error("base de datos dañada en %s: %s (respaldo: %s)", paths.root, motivo, r.ruta.name if r else "ninguno")
    return BaseDanada(motivo, r.ruta if r else None, r.cuando if r else "")


SUFIJO_COPIA = ".migrando"  # the same as app.storage.migrate.SUFIJO_COPIA


def _revisiones_conocidas() -> set[str]:
    from app.storage.migrate import revisiones_conocidas  # Alembic only for a database not at the head

    return revisiones_conocidas()


def diagnosticar(paths: DataPaths) -> None:
    """Check the database before opening it; a new folder passes (the office will be created).

    Raises:
        BaseDanada: missing or zero bytes while the folder holds an office's files, not a SQLite file,
            unreadable, or with tables but no schema version (a half-made schema); carries the last good
            backup.
        MigracionFallida: the database is from a newer version of the program.
    """
    from app.common.errors import MigracionFallida

    db = paths.database
    copia = Path(f"{db}{SUFIJO_COPIA}")  # app.storage.migrate's (not imported here: Alembic is slow to load)
    if copia.exists():  # left by a start killed while migrating; the live file never saw it
        log.info("se descarta una copia de migración interrumpida")
        for p in (copia, Path(f"{copia}-wal"), Path(f"{copia}-shm"), Path(f"{copia}-journal")):
            p.unlink(missing_ok=True)
    if not db.exists() or db.stat().st_size == 0:
        datos = _tiene_datos(paths)
        if datos is None:
            db.unlink(missing_ok=True)
            return
        estado = "no existe" if not db.exists() else "está vacía (0 bytes)"
        raise _danada(paths, f"el archivo «{db.name}» {estado}, pero {datos}")
    try:
        with db.open("rb") as fh:
            cabecera = fh.read(16)
        if cabecera != CABECERA_SQLITE:
            raise _danada(paths, f"«{db.name}» no es una base de datos SQLite (su contenido fue reemplazado "
                                 "o se dañó)")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            tablas = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            rev = con.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tablas else None
            if rev is not None and "oficina" in tablas:
                con.execute("SELECT count(*) FROM oficina").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _danada(paths, f"SQLite no puede leer «{db.name}» ({exc})") from exc
    privatizar_base(db)
    marca = Path(f"{db}{MARCA_DANO}")
    if marca.exists():  # damage seen while working: SQLite's full check decides
        try:
            _abre(db)
        except sqlite3.DatabaseError as exc:
            raise _danada(paths, f"SQLite encontró páginas dañadas en «{db.name}» ({exc})") from exc
        marca.unlink()
    if rev is None and tablas - {"alembic_version"}:
        raise _danada(paths, f"«{db.name}» tiene tablas pero no la versión del esquema (una actualización "
                             "anterior quedó a medias)")
    if rev is not None and rev[0] != cabeza() and rev[0] not in _revisiones_conocidas():
        raise MigracionFallida(f"La base de datos es de una versión más nueva de Foja (esquema {rev[0]}): "
                               "instale la versión actual del programa.")


def respaldo_del_dia(paths: DataPaths, horas: float = 24.0, conservar: int = 3) -> Path | None:
    """Write a backup of the database unless the newest one is younger than ``horas``; keep the ``conservar``
    newest. Returns the new backup (None: not needed, or no database yet). So that the restore always has a
    recent good copy, not only the one made before the last schema upgrade."""
    from app.storage.migrate import backup_sqlite, keep_recent_backups, revision_de_archivo

    if not paths.database.exists() or paths.database.stat().st_size == 0:
        return None
    existentes = [p.stat().st_mtime for p in paths.backups.glob("*.sqlite3")] if paths.backups.exists() else []
    if existentes and datetime.now().timestamp() - max(existentes) < horas * 3600:
        return None
    nuevo = backup_sqlite(paths.database, paths.backups, revision_de_archivo(paths.database))
    os.utime(nuevo)  # a reused identical backup counts as made now
    keep_recent_backups(paths.backups, keep=conservar)
    log.info("respaldo del día: %s", nuevo.name)
    return nuevo


def restaurar(paths: DataPaths, respaldo: Path) -> Path:
    """Put ``respaldo`` in place of the database; the damaged file is kept in ``respaldos/dañadas/``.

    Returns the path the damaged file was moved to (or the database path if there was none).

    Raises:
        BaseDanada: the backup itself does not open.
    """
    try:
        _abre(respaldo)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise BaseDanada(f"el respaldo «{respaldo.name}» tampoco se puede abrir ({exc})") from exc
    db = paths.database
    nuevo = db.with_name(db.name + ".restaurando")
    nuevo.unlink(missing_ok=True)
    archivo_privado(nuevo)
    shutil.copyfile(respaldo, nuevo)
    fd = os.open(nuevo, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    apartada = db
    if db.exists():
        danadas = carpeta_privada(paths.backups / CARPETA_DANADAS)
        for viejo in danadas.iterdir():
            viejo.unlink()
        apartada = danadas / f"{db.stem}-{datetime.now():%Y%m%d-%H%M%S}.dañada"
        os.replace(db, apartada)
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal"), Path(f"{db}{MARCA_DANO}")):
        extra.unlink(missing_ok=True)
    os.replace(nuevo, db)
    log.warning("base de datos restaurada desde %s (la dañada quedó en %s)", respaldo.name, apartada)
    return apartada
