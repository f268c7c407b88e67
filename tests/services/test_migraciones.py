from alembic import command
from sqlalchemy import inspect, text

from app.common.paths import DataPaths
from app.services.bootstrap import abrir
from app.storage.migrate import alembic_config, current_revision, head_revision


def test_first_start_creates_and_migrates_the_database(data_dir: DataPaths) -> None:
    srv = abrir(data_dir)
    try:
        assert data_dir.database.exists()
        assert current_revision(srv.ctx.engine) == head_revision(srv.ctx.engine)
        tables = set(inspect(srv.ctx.engine).get_table_names())
        assert {"expediente", "folio", "titulo_credito", "auditoria", "outbox"} <= tables
        with srv.ctx.engine.connect() as c:
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert c.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert srv.oficina.datos().codigo == "0601"
    finally:
        srv.close()


def test_a_failing_upgrade_leaves_the_database_as_it_was_and_one_backup(data_dir: DataPaths) -> None:
    import sqlite3

    import pytest

    from app.common.errors import MigracionFallida
    from app.storage.migrate import revision_de_archivo

    srv = abrir(data_dir)
    srv.secretarios.crear("Ana Lucía Guamán", "1710034065")
    # Mark the database as older than it is: the last revision will fail half-way (its tables already exist).
    command.stamp(alembic_config(srv.ctx.engine), "0003")
    srv.close()
    for _ in range(3):  # three failed starts
        with pytest.raises(MigracionFallida, match="already exists") as e:
            abrir(data_dir)
        assert "no se modificó" in e.value.message
    assert revision_de_archivo(data_dir.database) == "0003"  # the live file was never touched
    assert not list(data_dir.root.glob("*.migrando*"))
    backups = list(data_dir.backups.glob("*.sqlite3"))
    assert len(backups) == 1, backups  # failed starts don't pile up copies
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT nombres FROM secretario").fetchall() == [("Ana Lucía Guamán",)]
    finally:
        con.close()


def test_schema_matches_models(data_dir: DataPaths) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.storage.busqueda import fuera_del_modelo
    from app.storage.models import Base

    srv = abrir(data_dir)
    try:
        with srv.ctx.engine.connect() as c:  # the FTS5 name index is made by migration 0010, not by a model
            diff = compare_metadata(MigrationContext.configure(c, opts={"include_name": fuera_del_modelo}),
                                    Base.metadata)
        assert diff == [], f"models changed without a migration: {diff}"
    finally:
        srv.close()
