"""Migration 0012 on an office with an audit: every record kept, in its order, with what it said.

The office is made at the head revision through the services, taken back to 0011 (the audit with UUID ids and
the sync's bookkeeping) and upgraded again, as an office's database at 0011 is upgraded at start.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from alembic import command

from app.common.paths import DataPaths
from app.services.auditoria import AuditoriaService
from app.services.bootstrap import Servicios, abrir
from app.storage.migrate import alembic_config, current_revision, head_revision
from tests.services.helpers import crear_titulos

COLUMNAS = "created_at, usuario, accion, tabla, fila_id, operacion, antes, despues, mutation_id, office_id"


def _registros(paths: DataPaths, orden: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(paths.database)
    try:
        return con.execute(f"SELECT {COLUMNAS} FROM auditoria ORDER BY {orden}").fetchall()
    finally:
        con.close()


def _columnas(paths: DataPaths) -> list[str]:
    con = sqlite3.connect(paths.database)
    try:
        return [r[1] for r in con.execute("PRAGMA table_info(auditoria)")]
    finally:
        con.close()


@pytest.fixture
def oficina(con_secretarios: Servicios) -> Servicios:
    """Títulos imported and drawn (inserts by executemany and by the ORM, updates), a secretario changed."""
    srv = con_secretarios
    crear_titulos(srv, 12)
    srv.sorteo.realizar(semilla="0012", fecha=date(2025, 12, 22))
    srv.secretarios.actualizar(srv.secretarios.listar()[0].id, email="ana@iess.gob.ec")
    return srv


def test_the_audit_survives_0012_down_and_up_again_in_its_order(oficina: Servicios) -> None:
    paths = oficina.ctx.paths
    aud = AuditoriaService(oficina.ctx)
    vista = [(f.fecha_hora, f.usuario, f.accion, f.tabla, f.fila_id, f.antes, f.despues)
             for f in aud.buscar(limite=10_000)]
    antes = _registros(paths, "id")
    assert len(antes) > 40 and len(vista) == len(antes)
    engine = oficina.ctx.engine

    command.downgrade(alembic_config(engine), "0011")
    assert current_revision(engine) == "0011"
    assert {"row_version", "created_by", "updated_at", "updated_by"} <= set(_columnas(paths))
    # At 0011 the ids are UUIDs; they keep the records' order.
    assert _registros(paths, "id") == antes

    command.upgrade(alembic_config(engine), "head")
    assert current_revision(engine) == head_revision(engine)
    assert set(_columnas(paths)).isdisjoint({"row_version", "created_by", "updated_at", "updated_by"})
    assert _registros(paths, "id") == antes
    # The integer ids follow time.
    assert _registros(paths, "id") == _registros(paths, "created_at, id")
    oficina.close()

    srv = abrir(paths)
    try:
        nueva = [(f.fecha_hora, f.usuario, f.accion, f.tabla, f.fila_id, f.antes, f.despues)
                 for f in AuditoriaService(srv.ctx).buscar(limite=10_000)]
        assert nueva == vista
        # The journal goes on after the copied records, and is still refused any change.
        srv.oficina.agregar_feriado(date(2026, 4, 21), "Batalla de Tapi")
        ultimo = AuditoriaService(srv.ctx).buscar(limite=1)[0]
        assert (ultimo.tabla, ultimo.operacion) == ("feriado_local", "INSERT")
        assert ultimo.id == len(antes) + 1
    finally:
        srv.close()
    con = sqlite3.connect(paths.database)
    try:
        for sql in ("UPDATE auditoria SET usuario = 'otro'", "DELETE FROM auditoria"):
            with pytest.raises(sqlite3.DatabaseError, match="La auditoría no se"):
                con.execute(sql)
    finally:
        con.close()
