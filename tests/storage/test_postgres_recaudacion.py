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
@pytest.mark.slow
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


@pytest.mark.postgres
@pytest.mark.slow
def test_the_dashboard_aggregates_on_postgresql(pg_servicios: Servicios) -> None:  # noqa: F811
    from decimal import Decimal

    from app.domain.tablero import EstadoCartera
    from tests.conftest import CEDULAS
    from tests.tablero_datos import HOY, crear_oficina_tablero

    for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, strict=False):
        pg_servicios.secretarios.crear(n, c)
    oficina = crear_oficina_tablero(pg_servicios)
    d = pg_servicios.tablero.datos(hoy=HOY)
    assert d.recuperado == Decimal("890.75")
    assert d.recaudacion[EstadoCartera.CONVENIO][d.meses.index("2026-05")] == Decimal("40.25")
    assert [(n, c) for _b, n, c in d.por_banda][1] == (2, Decimal("2250.00"))
    assert {r.secretario_id: r.plazo_vencido for r in d.secretarios}[oficina.secretarios[2]] == 2
    assert len(pg_servicios.tablero.expedientes("mes:2026-05", hoy=HOY).filas) == 2
