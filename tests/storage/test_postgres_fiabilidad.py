"""Issue 9 on the central engine: the legal records refuse UPDATE and DELETE by trigger, the chain heads are
kept and verify, on PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.services.bootstrap import Servicios
from tests.conftest import CEDULAS, FIRMANTES
from tests.services.helpers import crear_titulos, rpv_vencido
from tests.storage.test_postgres import pg_engine, pg_servicios  # noqa: F401 - fixtures

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_legal_records_are_immutable_and_verify_on_postgresql(pg_servicios: Servicios,  # noqa: F811
                                                              tmp_path: Path) -> None:
    srv = pg_servicios
    srv.oficina.actualizar(**FIRMANTES)
    for n, c, g in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, "FM", strict=False):
        srv.secretarios.crear(n, c, genero=g)
    crear_titulos(srv, 2)
    juicio = srv.sorteo.realizar(semilla="pg", fecha=date(2025, 2, 3)).asignaciones[0].juicio
    srv.documentos.generar("rpv", juicio, fecha=date(2025, 2, 4), destino=tmp_path / "rpv.docx")
    r = srv.foliacion.verificar(juicio)
    assert r.intacta and r.entradas >= 1 and r.actos == 1, r.mensaje()  # the título is foja 1 (issue 8)
    for tabla in ("folio", "acto"):
        for sql in (f"UPDATE {tabla} SET created_by = 'otro'", f"DELETE FROM {tabla}"):
            with pytest.raises(DatabaseError, match=f"Los registros de «{tabla}» no se modifican ni se eliminan"), \
                    srv.ctx.engine.begin() as c:
                c.execute(text(sql))
    assert srv.foliacion.verificar_todos().intacta


def test_heads_are_backfilled_when_an_office_upgrades_on_postgresql(pg_servicios: Servicios,  # noqa: F811
                                                                   tmp_path: Path) -> None:
    from alembic import command

    from app.storage.migrate import alembic_config, current_revision, head_revision

    srv = pg_servicios
    srv.oficina.actualizar(**FIRMANTES)
    for n, c, g in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, "FM", strict=False):
        srv.secretarios.crear(n, c, genero=g)
    crear_titulos(srv, 3)
    juicios = [a.juicio for a in srv.sorteo.realizar(semilla="pg", fecha=date(2025, 2, 3)).asignaciones]
    rpv_vencido(srv, juicios[0], date(2025, 3, 10))
    srv.documentos.generar("opi", juicios[0], fecha=date(2025, 3, 10), destino=tmp_path / "opi.docx")
    engine = srv.ctx.engine
    command.downgrade(alembic_config(engine), "0003")  # an office of the previous version
    command.upgrade(alembic_config(engine), "head")
    assert current_revision(engine) == head_revision(engine)
    resumen = srv.foliacion.verificar_todos()
    assert resumen.intacta and resumen.revisados == 3, resumen.mensaje()
    r = srv.foliacion.verificar(juicios[0])
    assert r.entradas >= 2 and r.actos >= 3  # RPV, its notification, OPI
