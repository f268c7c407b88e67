"""The fee workflow on the central engine, PostgreSQL: request, approval with its foliated order, payment,
and the fee records refusing UPDATE and DELETE by trigger."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.domain.honorarios import EstadoSolicitud
from app.services.bootstrap import Servicios
from tests.conftest import CEDULAS
from tests.services.helpers import honorario_pagado
from tests.storage.test_postgres import pg_engine, pg_servicios  # noqa: F401 - fixtures

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_fee_workflow_and_immutable_records_on_postgresql(pg_servicios: Servicios) -> None:  # noqa: F811
    srv = pg_servicios
    srv.secretarios.crear("Ana Lucía Guamán", CEDULAS[0], genero="F")
    honorario_pagado(srv, D("333.33"), "CUR 1")
    (v,) = srv.honorarios_consultas.listar()
    assert (v.estado, v.total) == (EstadoSolicitud.PAGADO, D("38.33"))
    for tabla in ("solicitud_honorarios", "honorario_recuperacion", "evento_honorarios"):
        for sql in (f"UPDATE {tabla} SET created_by = 'otro'", f"DELETE FROM {tabla}"):
            with pytest.raises(DatabaseError, match="no se modifica ni se elimina"), srv.ctx.tx("x") as s:
                s.execute(text(sql))
