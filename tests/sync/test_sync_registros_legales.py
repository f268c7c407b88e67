"""The fee records and the imported recaudación table travel like every other legal record (migration 0013).

Their append-only triggers refused the sync's own writes on the desktop: an office that had imported a
recaudación table or recorded fees could not join a central server, and a joined desktop that imported a
table failed at every later sync (the pull rewriting its own rows with the server's identical copies).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.services.demo_tablero import importar_tabla_demo
from app.storage.models_honorarios import EventoHonorarios, SolicitudHonorarios
from app.storage.models_recaudacion import RecaudacionFila
from tests.conftest import CEDULAS, FIRMANTES
from tests.services.helpers import honorario_pagado
from tests.sync.conftest import Central

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

def _contar(srv: Servicios, modelo: type) -> int:
    with srv.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(modelo)) or 0


def _oficina_con_honorarios_y_recaudacion(srv: Servicios) -> None:
    """A standalone office: one juicio with a payment whose fee was requested, approved and paid, and the
    national recaudación table imported."""
    srv.oficina.actualizar(**FIRMANTES)
    srv.secretarios.crear("Ana Lucía Guamán", CEDULAS[0], externo=True, genero="F")
    honorario_pagado(srv, Decimal("400.00"), "CUR 2025-00981")
    importar_tabla_demo(srv, meses=3)


def test_an_office_with_fees_and_a_recaudacion_table_joins_and_another_desktop_gets_them(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_honorarios_y_recaudacion(a)
    filas, eventos = _contar(a, RecaudacionFila), _contar(a, EventoHonorarios)
    assert filas > 0 and eventos >= 2
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    r = a.sincronizacion.sincronizar()
    assert r.subida_inicial > 0 and r.pendientes == 0
    assert a.sincronizacion.sincronizar().pendientes == 0  # the next cycle pulls its own rows back: no error

    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    assert (_contar(b, RecaudacionFila), _contar(b, EventoHonorarios), _contar(b, SolicitudHonorarios)) == (
        filas, eventos, 1)
    (v,) = b.honorarios_consultas.listar()
    assert v.comprobante == "CUR 2025-00981"


def test_a_joined_desktop_imports_a_recaudacion_table_and_keeps_syncing(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    a.oficina.actualizar(**FIRMANTES)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    importar_tabla_demo(a, meses=3)
    filas = _contar(a, RecaudacionFila)
    for _ in range(3):  # push, then pulls that bring its own rows back
        assert a.sincronizacion.sincronizar().pendientes == 0

    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    assert _contar(b, RecaudacionFila) == filas
    # Still a legal record on the desktop: any other program's connection is refused.
    con = sqlite3.connect(a.ctx.paths.database)
    try:
        for sql in ("UPDATE recaudacion_fila SET office_id = office_id", "DELETE FROM evento_honorarios"):
            with pytest.raises(sqlite3.DatabaseError):
                con.execute(sql)
    finally:
        con.close()
