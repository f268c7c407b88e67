"""The national recovery table on the central engine: imported through the same service, append-only there too
(and on SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.services.bootstrap import Servicios
from tests.conftest import SAMPLES
from tests.storage.test_postgres import pg_engine, pg_servicios  # noqa: F401 - fixtures

MUESTRA = SAMPLES / "recaudacion_chimborazo_2024.csv"


@pytest.mark.postgres
def test_import_and_append_only_on_postgresql(pg_servicios: Servicios) -> None:  # noqa: F811
    r = pg_servicios.recaudacion.importar(MUESTRA)
    assert len(r.meses) == 12 and len(pg_servicios.recaudacion.meses()) == 13
    for sql in ("UPDATE recaudacion_fila SET total = 0", "DELETE FROM recaudacion_importacion"):
        with pytest.raises(DatabaseError, match="no se modifica"), pg_servicios.ctx.tx("x") as s:
            s.execute(text(sql))


def test_append_only_on_sqlite(servicios: Servicios) -> None:
    servicios.recaudacion.importar(MUESTRA)
    for sql in ("UPDATE recaudacion_fila SET total = 0", "DELETE FROM recaudacion_importacion"):
        with pytest.raises(DatabaseError, match=r"no se (modifica|elimina)"), servicios.ctx.tx("x") as s:
            s.execute(text(sql))
