"""The demo office looks like a real one (issue 11): juicios of the last three years in every stage, términos
that lapsed and términos still running, payments spread over the three years — read through the services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from app.common.dates import local_today
from app.common.paths import DataPaths
from app.domain.etapas import Etapa
from app.services.bootstrap import Servicios, abrir
from app.services.demo import crear_demo
from tests.cuentas import hasher_rapido


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servicios]:
    with pytest.MonkeyPatch.context() as mp:
        hasher_rapido(mp)
        srv = abrir(DataPaths(tmp_path_factory.mktemp("demo") / "oficina"))
        crear_demo(srv, 300, semilla=3)
    yield srv
    srv.close()


def test_juicios_of_the_last_three_years_in_every_stage(demo: Servicios) -> None:
    hoy = local_today()
    filas = demo.expedientes.buscar(limite=1000, solo_mios=False)
    assert len(filas) == 300
    etapas = {f.etapa for f in filas}
    assert {Etapa.RPV, Etapa.OPI, Etapa.NOTIFICADO, Etapa.MEDIDAS_CAUTELARES, Etapa.EMBARGO, Etapa.AVALUO,
            Etapa.REMATE, Etapa.SUSPENDIDO, Etapa.ARCHIVADO, Etapa.INSOLVENCIA} <= etapas
    inicios = sorted(f.fecha_inicio for f in filas)
    assert inicios[0] < hoy - timedelta(days=2 * 365 + 300)  # drawn nearly three years ago…
    assert inicios[-1] > hoy - timedelta(days=30)  # …and this month
    assert inicios[-1] <= hoy
    por_anio = {k: sum(hoy - timedelta(days=365 * (k + 1)) < d <= hoy - timedelta(days=365 * k) for d in inicios)
                for k in range(3)}
    assert all(n >= 50 for n in por_anio.values()), por_anio


def test_terminos_lapsed_and_running_relative_to_today(demo: Servicios) -> None:
    hoy = local_today()
    abiertos = demo.vencimientos.listar(alcance="todos", incluir_plazo_secretario=False)
    assert any(v.vence < hoy for v in abiertos)  # a secretario behind on an RPV or OPI
    futuros = [v for v in abiertos if v.vence >= hoy]
    assert {v.etapa for v in futuros} >= {Etapa.RPV, Etapa.NOTIFICADO}  # the 10 and the 3 días still running
    plazos = demo.vencimientos.listar(alcance="todos")
    assert any(v.termino_id is None and v.vence > hoy for v in plazos)  # some 180-day plazos still open


def test_payments_spread_over_three_years_and_none_in_the_future(demo: Servicios) -> None:
    hoy = local_today()
    fechas = [p.fecha for f in demo.expedientes.buscar(limite=1000, solo_mios=False)
              for p in demo.pagos.historial(f.numero).pagos]
    assert fechas and max(fechas) <= hoy
    assert min(fechas) < hoy - timedelta(days=2 * 365)
    for k in range(3):
        assert any(hoy - timedelta(days=365 * (k + 1)) < d <= hoy - timedelta(days=365 * k) for d in fechas), k
