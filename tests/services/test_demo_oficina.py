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
from app.services.vencimientos import EstadoVencimiento
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
    assert all(n >= 8 for n in por_anio.values()), por_anio
    assert por_anio[0] > por_anio[1] + por_anio[2], por_anio  # the backlog is mostly this year's work


def test_old_juicios_are_mostly_finished_and_idle_ones_mostly_recent(demo: Servicios) -> None:
    hoy = local_today()
    filas = demo.expedientes.buscar(limite=1000, solo_mios=False)
    antiguos = [f for f in filas if f.fecha_inicio < hoy - timedelta(days=365)]
    cerrados = [f for f in antiguos if f.etapa in (Etapa.ARCHIVADO, Etapa.BAJA, Etapa.INSOLVENCIA, Etapa.SUSPENDIDO)]
    assert len(cerrados) > len(antiguos) / 2, (len(cerrados), len(antiguos))  # paid, archived, in convenio…
    sorteados = [f for f in filas if f.etapa is Etapa.SORTEADO]
    recientes = [f for f in sorteados if f.fecha_inicio >= hoy - timedelta(days=180)]
    assert len(recientes) > 3 * (len(sorteados) - len(recientes)), (len(recientes), len(sorteados))


def test_terminos_lapsed_and_running_relative_to_today(demo: Servicios) -> None:
    hoy = local_today()
    abiertos = demo.vencimientos.listar(alcance="todos", incluir_plazo_secretario=False)
    assert any(v.vence < hoy for v in abiertos)  # a secretario behind on an RPV or OPI
    futuros = [v for v in abiertos if v.vence >= hoy]
    assert {v.etapa for v in futuros} >= {Etapa.RPV, Etapa.NOTIFICADO}  # the 10 and the 3 días still running
    assert any(hoy <= v.vence <= hoy + timedelta(days=30) for v in futuros)  # términos due in the coming days


def test_most_180_day_plazos_still_run_and_some_are_overdue(demo: Servicios) -> None:
    hoy = local_today()
    plazos = [v for v in demo.vencimientos.listar(alcance="todos") if v.termino_id is None]
    vencidos = [v for v in plazos if v.vence < hoy]
    assert vencidos  # a real office has some overdue…
    assert len(vencidos) < len(plazos) / 4, (len(vencidos), len(plazos))  # …but most plazos still run
    assert any(hoy <= v.vence <= hoy + timedelta(days=30) for v in plazos)  # due in the coming weeks
    cuenta = demo.vencimientos.contar()
    assert cuenta[EstadoVencimiento.VENCIDO] < cuenta[EstadoVencimiento.PROXIMO], cuenta  # the header's counts


def test_payments_spread_over_three_years_and_none_in_the_future(demo: Servicios) -> None:
    hoy = local_today()
    fechas = [p.fecha for f in demo.expedientes.buscar(limite=1000, solo_mios=False)
              for p in demo.pagos.historial(f.numero).pagos]
    assert fechas and max(fechas) <= hoy
    assert min(fechas) < hoy - timedelta(days=2 * 365)
    for k in range(3):
        assert any(hoy - timedelta(days=365 * (k + 1)) < d <= hoy - timedelta(days=365 * k) for d in fechas), k
