"""Alembic run from code at start (design.md §5, as MLflow does), atomically.

How the upgrade is made atomic on SQLite: **migrate a copy and swap it in**, not one transaction per
revision. SQLite's DDL is transactional, but getting there through pysqlite means taking over its transaction
handling (it neither begins before DDL nor lets Alembic's batch mode run ``PRAGMA foreign_keys`` inside a
transaction), and every future migration would have to stay inside those rules (no VACUUM, no PRAGMA that is
a no-op in a transaction, no data step that commits on its own). A copy has no such rules: whatever a
revision does, it does to ``foja.sqlite3.migrando``; the live file is untouched until one ``os.replace``
(atomic on POSIX and Windows) puts the finished copy in its place. A kill at any point leaves either the old
database or the new one, never a half-made schema; the leftover copy is deleted at the next start. The
price is disk space and time for one copy (about 1 s per 100 MB), paid only when there is something to
migrate.

The copy is made from a backup in ``respaldos/`` written first (sqlite3 backup API, WAL included), named by
revision and content hash: a start that fails to migrate the same database again reuses that backup instead of
piling up copies. On PostgreSQL (DDL transactional) the whole upgrade runs in one transaction.

Two processes starting on one data folder take turns (:func:`app.storage.cerrojo.cerrojo_de_arranque`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.common.errors import MigracionFallida
from app.common.permisos import archivo_privado

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
SUFIJO_COPIA = ".migrando"  # app.storage.salud keeps the same value (it does not import Alembic)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def revisiones_conocidas() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def revision_de_archivo(db_file: Path) -> str | None:
    """The Alembic revision stored in ``db_file`` (None: no such table), read without creating the file.

    Raises:
        sqlite3.DatabaseError: not a database, or damaged.
    """
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        tiene = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
        if not tiene:
            return None
        fila = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return fila[0] if fila else None
    finally:
        con.close()


def _sha256_archivo(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for bloque in iter(lambda: fh.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        _fsync(path)


def _borrar_base(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def checkpoint(db_file: Path) -> None:
    """Fold the WAL into the database file, so that the file alone is the whole database."""
    con = sqlite3.connect(db_file)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def backup_sqlite(db_file: Path, backup_dir: Path, revision: str | None = None) -> Path:
    """A consistent copy of a live SQLite file in ``backup_dir`` (sqlite3 backup API, WAL included).

    Named ``foja-<fecha>-<hora>-r<revision>-<hash>.sqlite3``; when a backup of exactly the same content and
    revision already exists it is returned instead of writing another. Written under a temporary name and
    renamed, so a half-written backup never looks like a good one; mode 0600.
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    tmp = backup_dir / f".{db_file.stem}-{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    archivo_privado(tmp)
    src = sqlite3.connect(db_file)
    try:
        dst = sqlite3.connect(tmp)
        with dst:
            src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.close()
    finally:
        src.close()
    huella = _sha256_archivo(tmp)[:12]
    rev = revision or "0"
    previo = next(iter(sorted(backup_dir.glob(f"{db_file.stem}-*-r{rev}-{huella}.sqlite3"))), None)
    if previo is not None:
        tmp.unlink()
        return previo
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db_file.stem}-{stamp}-r{rev}-{huella}.sqlite3"
    _fsync(tmp)
    os.replace(tmp, target)
    _fsync_dir(backup_dir)
    return target


def _tiene_tablas(db_file: Path) -> bool:
    if not db_file.exists() or db_file.stat().st_size == 0:
        return False
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        n = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")
        return bool(n.fetchone()[0])
    finally:
        con.close()


def upgrade(engine: Engine, db_file: Path | None = None, backup_dir: Path | None = None) -> bool:
    """Bring the database to the newest schema. Returns True if anything was applied.

    With ``db_file`` (the SQLite file behind ``engine``) and ``backup_dir``: migrate a copy and swap it in
    (see the module docstring); the engine's connections are closed first and reopen on the new file.
    Otherwise (PostgreSQL, or a bare engine in tests): in place, one transaction.

    Raises:
        MigracionFallida: a revision failed; the database is exactly as it was (Spanish message, with the
            technical cause and where the backup is).
    """
    if db_file is None or backup_dir is None:
        current, head = current_revision(engine), head_revision(engine)
        if current == head:
            return False
        command.upgrade(alembic_config(engine), "head")
        log.info("base de datos migrada de %s a %s", current, head)
        return True
    return _upgrade_por_copia(engine, db_file, backup_dir)


def _upgrade_por_copia(engine: Engine, db_file: Path, backup_dir: Path) -> bool:
    from app.storage.db import make_engine, sqlite_url

    copia = db_file.with_name(db_file.name + SUFIJO_COPIA)
    _borrar_base(copia)  # left by a start that was killed while migrating: the live file never saw it
    existe = _tiene_tablas(db_file)
    current = revision_de_archivo(db_file) if existe else None
    head = head_revision(engine)
    if existe and current == head:
        return False
    respaldo: Path | None = None
    engine.dispose()
    if existe:
        checkpoint(db_file)
        respaldo = backup_sqlite(db_file, backup_dir, current)
        log.info("respaldo antes de migrar: %s", respaldo)
        shutil.copyfile(respaldo, copia)
    archivo_privado(copia)
    motor = make_engine(sqlite_url(copia))
    try:
        command.upgrade(alembic_config(motor), "head")
        with motor.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as exc:
        motor.dispose()
        _borrar_base(copia)
        donde = f" El respaldo está en «{respaldo.name}»." if respaldo else ""
        raise MigracionFallida(
            f"No se pudo actualizar la base de datos a la versión {head} de este programa: {exc}. "
            f"La base de datos no se modificó.{donde} Informe al soporte técnico."
        ) from exc
    motor.dispose()
    _fsync(copia)
    if existe:
        _soltar_wal(db_file)
    try:
        os.replace(copia, db_file)
    except OSError as exc:  # Windows: another window still holds the file open
        _borrar_base(copia)
        raise MigracionFallida("No se pudo poner la base actualizada en su lugar: la base de datos está abierta en "
                               "otra ventana de Foja. Ciérrela y vuelva a abrir el programa; la base no se "
                               "modificó.") from exc
    _fsync_dir(db_file.parent)
    log.info("base de datos migrada de %s a %s", current, head)
    return True


def _soltar_wal(db_file: Path) -> None:
    # The live database's WAL must be empty before another file takes its name: SQLite would replay a
    # leftover WAL onto the new file.
    wal = Path(f"{db_file}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        checkpoint(db_file)
    if wal.exists() and wal.stat().st_size > 0:
        raise MigracionFallida("La base de datos está abierta en otra ventana de Foja: ciérrela y vuelva a abrir "
                               "el programa para actualizarla.")
    wal.unlink(missing_ok=True)
    Path(f"{db_file}-shm").unlink(missing_ok=True)


def keep_recent_backups(backup_dir: Path, keep: int = 10) -> None:
    """Delete all but the ``keep`` newest backups (by name: the date and time come first)."""
    files = sorted(backup_dir.glob("*.sqlite3"))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)
