"""The list's search, keyset pages and the bulk import write path on PostgreSQL (the central engine has no
FTS5 table: the name search takes the portable LIKE path there, with the same rules)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.bootstrap import Servicios
from app.services.expedientes import OrdenExpedientes
from app.services.generador import escribir_csv, generar_titulos
from tests.conftest import CEDULAS
from tests.storage.test_postgres import pg_engine, pg_servicios  # noqa: F401 - fixtures

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_search_and_keyset_pages_on_postgresql(pg_servicios: Servicios, tmp_path: Path) -> None:  # noqa: F811
    srv = pg_servicios
    for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, strict=False):
        srv.secretarios.crear(n, c, genero="F")
    r = srv.importacion.importar(escribir_csv(generar_titulos(300, semilla=3), tmp_path / "t.csv"))
    assert r.filas == 300  # the bulk write path (executemany with audit and outbox) works there too
    srv.sorteo.realizar(semilla="central", fecha=date(2025, 12, 22))  # after the títulos' issue dates
    todas = srv.expedientes.buscar(limite=1000, solo_mios=False)
    assert len(todas) == 300

    f = todas[17]
    palabra = f.deudor.split()[1]
    por_nombre = srv.expedientes.buscar(palabra[:4].lower(), limite=1000, solo_mios=False)
    assert f.numero in [x.numero for x in por_nombre]
    assert all(any(w.upper().startswith(palabra[:4].upper()) for w in x.deudor.split()) for x in por_nombre)
    por_ruc = srv.expedientes.buscar(f.identificacion[:7], limite=1000, solo_mios=False)
    assert f.numero in [x.numero for x in por_ruc]
    assert all(x.identificacion.startswith(f.identificacion[:7]) for x in por_ruc)
    total, primera = srv.expedientes.primera_pagina(f.identificacion[:7], solo_mios=False)
    assert total == len(por_ruc) == srv.expedientes.contar(f.identificacion[:7], solo_mios=False)
    assert [x.numero for x in primera.filas] == [x.numero for x in por_ruc]

    for orden in OrdenExpedientes:
        for desc in (False, True):
            completa = [x.numero for x in srv.expedientes.buscar("", orden, desc, limite=1000, solo_mios=False)]
            vistos: list[str] = []
            p = srv.expedientes.pagina("", orden, desc, limite=70, solo_mios=False)
            while True:
                vistos += [x.numero for x in p.filas]
                if p.siguiente is None:
                    break
                p = srv.expedientes.pagina("", orden, desc, p.siguiente, limite=70, solo_mios=False)
            assert vistos == completa and len(set(vistos)) == 300, (orden, desc)
