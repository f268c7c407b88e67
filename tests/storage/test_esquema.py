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
