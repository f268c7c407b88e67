"""Alembic run from code at start (design.md §5, as MLflow does), with a backup copy first."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


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


def backup_sqlite(db_file: Path, backup_dir: Path) -> Path:
    """Consistent copy of a live SQLite file (sqlite3 backup API, WAL included)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db_file.stem}-{stamp}.sqlite3"
    src = sqlite3.connect(db_file)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    return target


def _has_tables(db_file: Path) -> bool:
    if not db_file.exists() or db_file.stat().st_size == 0:
        return False
    con = sqlite3.connect(db_file)
    try:
        n = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")
        return bool(n.fetchone()[0])
    finally:
        con.close()


def upgrade(engine: Engine, db_file: Path | None = None, backup_dir: Path | None = None) -> bool:
    """Bring the database to the newest schema. Returns True if anything was applied.

    When ``db_file`` holds an existing database that is behind, a backup copy is written to
    ``backup_dir`` first, so a failed migration never loses data.
    """
    current, head = current_revision(engine), head_revision(engine)
    if current == head:
        return False
    if db_file is not None and backup_dir is not None and _has_tables(db_file):
        path = backup_sqlite(db_file, backup_dir)
        log.info("respaldo antes de migrar: %s", path)
    command.upgrade(alembic_config(engine), "head")
    log.info("base de datos migrada de %s a %s", current, head)
    return True


def keep_recent_backups(backup_dir: Path, keep: int = 10) -> None:
    files = sorted(backup_dir.glob("*.sqlite3"))
    for old in files[:-keep]:
        old.unlink(missing_ok=True)
