"""A depositario's role on the central server sees only the goods in his custody and their expedientes
(design.md §3), by row-level security, also in the change log his desktop pulls."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import psycopg
import pytest
from sqlalchemy import func, select

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models import Expediente
from app.storage.models_bienes import Bien
from tests.conftest import CEDULAS, FIRMANTES
from tests.services.bienes_helpers import CEDULA_DEPOSITARIO, juicio_embargado
from tests.services.test_bienes import CAMIONETA
from tests.sync.conftest import Central

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_el_depositario_solo_ve_sus_bienes_y_sus_expedientes(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    a.oficina.actualizar(**FIRMANTES)
    for nombre, ced in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, strict=False):
        a.secretarios.crear(nombre, ced, externo=True, genero="F")
    j, acta = juicio_embargado(a, n=3)  # three juicios; goods seized in one of them
    b = a.bienes.registrar(j, acta.documento_id, CAMIONETA)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    cuenta = servidor_central.usuario("dep", Rol.DEPOSITARIO)
    a.sincronizacion.sincronizar()  # brings the depositario's Foja user made by central add-user
    dep = a.depositarios.crear("Jorge Luis Naranjo Chávez", CEDULA_DEPOSITARIO)
    a.depositarios.vincular_usuario(dep.id, cuenta.usuario)
    a.depositarios.designar([b.id], dep.id, date(2025, 3, 14), "Patio de la Unidad, Riobamba", "Buena")
    a.sincronizacion.sincronizar()
    with a.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Expediente)) == 3

    dsn = f"host=127.0.0.1 port=5432 dbname={cuenta.base} user={cuenta.usuario}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM expediente").fetchone()[0] == 1
        assert conn.execute("SELECT numero FROM expediente").fetchone()[0] == j
        assert conn.execute("SELECT count(*) FROM bien").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM titulo_credito").fetchone()[0] == 1
        assert conn.execute("SELECT count(DISTINCT fila_id) FROM foja_cambio WHERE tabla = 'expediente'"
                            ).fetchone()[0] == 1

    d = escritorio("d")
    d.sincronizacion.configurar(cuenta)
    d.sincronizacion.sincronizar()
    with d.ctx.read() as s:
        assert s.scalars(select(Expediente.numero)).all() == [j]
        assert s.scalar(select(func.count()).select_from(Bien)) == 1
