"""The same schema and services on the central engine, PostgreSQL (design.md §3).

Each test creates its own database on 127.0.0.1:5432 and drops it afterwards. CI sets
FOJA_REQUIRE_POSTGRES=1, so an unreachable server fails there instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, construir
from app.services.context import Contexto
from app.services.oficina import asegurar_oficina
from app.storage.blobs import BlobStore
from app.storage.db import make_engine, make_session_factory, session_scope
from app.storage.migrate import current_revision, head_revision, upgrade
from tests.conftest import CEDULAS, FIRMANTES
from tests.services.helpers import crear_titulos

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ADMIN_DSN = os.environ.get("FOJA_PG_ADMIN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def _admin() -> psycopg.Connection:
    try:
        return psycopg.connect(ADMIN_DSN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        if os.environ.get("FOJA_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here (FOJA_REQUIRE_POSTGRES=1) but unreachable: {exc}")
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432 ({exc}); these tests need the central engine")


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    name = f"foja_test_{uuid.uuid4().hex[:12]}"
    with _admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    try:
        yield engine
    finally:
        engine.dispose()
        with _admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_servicios(pg_engine: Engine, tmp_path: Path) -> Servicios:
    upgrade(pg_engine)
    factory = make_session_factory(pg_engine)
    with session_scope(factory, "administrador", "iniciar oficina") as s:
        office_id = asegurar_oficina(s)
    paths = DataPaths(tmp_path / "pg").ensure()
    srv = construir(Contexto(engine=pg_engine, factory=factory, paths=paths, blobs=BlobStore(paths.blobs),
                             office_id=office_id))
    srv.oficina.actualizar(**FIRMANTES)
    return srv


def test_migrations_reach_head_on_postgresql(pg_engine: Engine) -> None:
    upgrade(pg_engine)
    assert current_revision(pg_engine) == head_revision(pg_engine)
    with pg_engine.connect() as c:
        kind = c.execute(text(
            "SELECT data_type FROM information_schema.columns WHERE table_name='expediente' AND column_name='cuantia'"
        )).scalar()
        idtype = c.execute(text(
            "SELECT data_type FROM information_schema.columns WHERE table_name='expediente' AND column_name='id'"
        )).scalar()
    assert kind == "numeric" and idtype == "uuid"


def test_sorteo_foliation_and_money_on_postgresql(pg_servicios: Servicios) -> None:
    srv = pg_servicios
    for n, c, g in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, "FMF",
                       strict=False):
        srv.secretarios.crear(n, c, genero=g)
    crear_titulos(srv, 7, total=Decimal("12742937.65"))
    r = srv.sorteo.realizar(semilla="central", fecha=date(2025, 5, 13))
    assert [a.juicio for a in r.asignaciones][-1] == "0601-2025-00007"
    assert sorted(r.por_secretario().values()) == [2, 2, 3]
    assert srv.sorteo.verificar(r.sorteo_id)
    juicio = r.asignaciones[0].juicio
    srv.foliacion.agregar(juicio, b"escrito", "e.pdf", tipo="ESCRITO", descripcion="Escrito", hojas=3,
                          fecha=date(2025, 5, 14))
    e = srv.foliacion.agregar(juicio, b"oficio", "o.pdf", tipo="ESCRITO", descripcion="Oficio", hojas=2,
                              fecha=date(2025, 5, 15))
    assert (e.desde, e.hasta) == (4, 5)
    assert srv.foliacion.verificar(juicio).intacta
    c = srv.expedientes.caratula(juicio)
    assert c.cuantia == Decimal("12742937.65") and c.folios == 5
    assert srv.expedientes.contar("nunez") == 3  # accent-free search works the same
    with srv.ctx.engine.connect() as conn:
        n_audit = conn.execute(text("SELECT count(*) FROM auditoria WHERE tabla = 'expediente'")).scalar()
    assert n_audit == 7


def test_procedure_and_vencimientos_on_postgresql(pg_servicios: Servicios) -> None:
    srv = pg_servicios
    srv.secretarios.crear("Ana Lucía Guamán", CEDULAS[0], genero="F")
    crear_titulos(srv, 2)
    juicio = srv.sorteo.realizar(semilla="x", fecha=date(2025, 5, 13)).asignaciones[0].juicio
    srv.documentos.generar("rpv", juicio, fecha=date(2025, 5, 14))
    # its 10 días hábiles run from the notification (COA art. 271)
    srv.notificaciones.registrar(juicio, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV", direccion="x",
                                 fecha_hora=datetime(2025, 5, 14, 20, 0, tzinfo=UTC))
    lista = srv.vencimientos.listar(hoy=date(2025, 5, 20), alcance="todos")
    assert any(v.juicio == juicio and v.vence == date(2025, 5, 29) for v in lista)
    srv.actos.registrar(juicio, "PRORROGA", date(2025, 6, 2))
    plazos = [v for v in srv.vencimientos.listar(hoy=date(2025, 6, 3), alcance="todos") if v.juicio == juicio]
    assert any(v.vence == date(2026, 2, 7) for v in plazos), plazos  # 13/05/2025 + 180 + 90 calendar days


def test_cadena_de_custodia_inmutable_en_postgresql(pg_servicios: Servicios) -> None:
    """The append-only tables of seized goods refuse UPDATE and DELETE on the central engine too (migration 0007)."""
    from app.services.bienes import NuevoBien
    from tests.services.bienes_helpers import juicio_embargado

    srv = pg_servicios
    for i, n in enumerate(["Ana Lucía Guamán", "Carlos Andrade Vera"]):
        srv.secretarios.crear(n, CEDULAS[i], externo=True, genero="F")
    j, acta = juicio_embargado(srv)
    b = srv.bienes.registrar(j, acta.documento_id, NuevoBien("MUEBLE", "Computador portátil", "450",
                                                             campos={"cantidad": "1"}))
    dep = srv.depositarios.crear("Jorge Luis Naranjo Chávez", "0926687856")
    srv.depositarios.designar([b.id], dep.id, date(2025, 3, 14), "Bodega del IESS")
    for sql in ("UPDATE custodia SET lugar = 'x'", "DELETE FROM custodia", "UPDATE acto_bien SET descripcion = ''"):
        with pytest.raises(Exception, match="no se modifica ni se elimina"), srv.ctx.engine.begin() as c:
            c.execute(text(sql))
    with srv.ctx.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM custodia")).scalar() == 1


def test_the_audit_journal_migration_keeps_every_record_on_postgresql(pg_servicios: Servicios) -> None:
    """0012 on the central engine with records in its audit: down to 0011 (UUID ids) and up again, every record
    is kept in its order, new ones follow, and the table still refuses changes."""
    from alembic import command

    from app.storage.migrate import alembic_config

    srv = pg_servicios
    srv.secretarios.crear("Ana Lucía Guamán", CEDULAS[0], genero="F")
    crear_titulos(srv, 3)
    srv.sorteo.realizar(semilla="x", fecha=date(2025, 5, 13))
    cols = "created_at, usuario, accion, tabla, fila_id, operacion, antes::text, despues::text"
    engine = srv.ctx.engine

    def registros() -> list[tuple[object, ...]]:
        with engine.connect() as c:
            return [tuple(r) for r in c.execute(text(f"SELECT {cols} FROM auditoria ORDER BY id"))]

    antes = registros()
    assert len(antes) > 10
    command.downgrade(alembic_config(engine), "0011")
    assert registros() == antes
    upgrade(engine)
    assert current_revision(engine) == head_revision(engine)
    assert registros() == antes
    srv.oficina.agregar_feriado(date(2025, 8, 10), "Primer Grito de Independencia")
    despues = registros()
    assert despues[:-1] == antes and (despues[-1][3], despues[-1][5]) == ("feriado_local", "INSERT")
    with pytest.raises(DBAPIError, match="no se modifica"), engine.begin() as c:
        c.execute(text("UPDATE auditoria SET usuario = 'otro'"))
