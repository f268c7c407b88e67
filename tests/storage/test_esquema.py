"""The planner statistics are refreshed at start only when the list's tables changed size enough."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from app.storage.db import make_engine, sqlite_url
from app.storage.esquema import estadisticas_al_dia

TABLAS = ("expediente", "deudor", "secretario", "titulo_credito")


def _llenar(engine: Engine, desde: int, hasta: int) -> None:
    with engine.begin() as c:
        for t in TABLAS:
            c.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {t} (id TEXT PRIMARY KEY, x INTEGER)")
            c.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_{t}_x ON {t} (x)")
            filas = ",".join(f"('{i}', {i})" for i in range(desde, hasta))
            c.exec_driver_sql(f"INSERT INTO {t} (id, x) VALUES {filas}")


def test_statistics_are_made_when_missing_and_again_when_a_table_doubles(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "x.sqlite3"))
    _llenar(engine, 0, 100)
    assert estadisticas_al_dia(engine)  # none yet: analyzed
    assert not estadisticas_al_dia(engine)  # current: nothing to do
    _llenar(engine, 100, 150)
    assert not estadisticas_al_dia(engine)  # half again as many rows: still good enough
    _llenar(engine, 150, 250)
    assert estadisticas_al_dia(engine)  # more than doubled: analyzed again
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE tbl = 'expediente'").scalar().startswith("250")
    engine.dispose()


def test_a_table_of_a_few_rows_gets_statistics_so_the_list_by_secretario_reads_only_its_first_page(
    tmp_path: Path,
) -> None:
    # Nine secretarios and their expedientes, as the list by secretario joins them: with no statistics for the
    # small table SQLite would scan every expediente (a Bloom filter) before returning the first page.
    engine = make_engine(sqlite_url(tmp_path / "x.sqlite3"))
    with engine.begin() as c:
        c.exec_driver_sql("CREATE TABLE secretario (id TEXT NOT NULL PRIMARY KEY, nombres TEXT NOT NULL)")
        c.exec_driver_sql("CREATE UNIQUE INDEX ix_secretario_nombres ON secretario (nombres, id)")
        c.exec_driver_sql("CREATE TABLE expediente (id TEXT NOT NULL PRIMARY KEY, secretario_id TEXT NOT NULL, "
                          "numero TEXT NOT NULL)")
        c.exec_driver_sql("CREATE INDEX ix_expediente_orden_secretario ON expediente (secretario_id, numero)")
        for t in ("deudor", "titulo_credito"):
            c.exec_driver_sql(f"CREATE TABLE {t} (id TEXT PRIMARY KEY)")
        c.exec_driver_sql("INSERT INTO secretario VALUES " + ",".join(f"('s{i}', 'Nombre {i}')" for i in range(9)))
        c.exec_driver_sql("INSERT INTO expediente VALUES "
                          + ",".join(f"('e{i}', 's{i % 9}', '{i:06d}')" for i in range(5000)))
    assert estadisticas_al_dia(engine)
    with engine.connect() as c:
        plan = " | ".join(r[3] for r in c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT e.numero FROM secretario AS sec CROSS JOIN expediente AS e "
            "ON e.secretario_id = sec.id ORDER BY sec.nombres, sec.id, e.numero LIMIT 201"))
    assert "BLOOM" not in plan and "TEMP B-TREE" not in plan, plan
    with engine.connect() as c:
        assert c.exec_driver_sql("SELECT stat FROM sqlite_stat1 WHERE tbl = 'secretario'").scalar().startswith("9 ")
    engine.dispose()
