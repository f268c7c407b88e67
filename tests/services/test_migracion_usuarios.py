"""Migration 0003 on a database WITH data at revision 0002: every secretario becomes a user, nothing is lost.

The data is written with plain SQL in the 0002 schema (not through today's models), as an office's database
would hold it before the upgrade.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.exc import DatabaseError

from app.common.ids import new_id
from app.common.paths import DataPaths
from app.domain.permisos import Rol
from app.services.bootstrap import abrir
from app.services.sesion import con_usuario
from app.services.usuarios import MENSAJE_CREDENCIALES, UsuariosService
from app.storage.db import make_engine, sqlite_url
from app.storage.migrate import alembic_config, current_revision, head_revision
from tests.conftest import CEDULAS
from tests.cuentas import hasher_rapido

AHORA = datetime(2025, 5, 13, 15, 0, tzinfo=UTC)
NAMESPACE = uuid.UUID("0b6f3c1e-4a53-5c1f-9d2e-7f0a1c3b5e00")  # migrations/versions/0003_usuarios.py
TABLAS = ("oficina", "secretario", "deudor", "titulo_credito", "expediente")


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _sql(v: Any) -> Any:
    if isinstance(v, uuid.UUID):
        return v.hex  # sqlalchemy.Uuid in SQLite: 32 hex characters
    if isinstance(v, datetime):
        return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def _insertar(c: Connection, tabla: str, oficina: uuid.UUID, **valores: Any) -> uuid.UUID:
    fila = {"id": new_id(), "office_id": oficina, "row_version": 1, "created_at": AHORA, "created_by": "administrador",
            "updated_at": AHORA, "updated_by": "administrador", **valores}
    cols = ", ".join(fila)
    marcas = ", ".join(f":{k}" for k in fila)
    c.execute(text(f"INSERT INTO {tabla} ({cols}) VALUES ({marcas})"), {k: _sql(v) for k, v in fila.items()})
    return fila["id"]


SECRETARIOS = [  # nombres, cédula, activo, email
    ("Ana Lucía Guamán", CEDULAS[0], True, "ana@abogados.ec"),
    ("Ana María Guamán", CEDULAS[1], True, ""),  # same login base: deduplicated
    ("José Ñáñez", CEDULAS[2], False, ""),  # inactive: an inactive user
    ("Pedro Li", CEDULAS[3], True, ""),
]


@pytest.fixture
def en_0002(data_dir: DataPaths) -> tuple[DataPaths, list[uuid.UUID], dict[str, list[Any]]]:
    """A database at 0002 with an office, four secretarios, two debtors' títulos and two expedientes."""
    data_dir.ensure()
    engine = make_engine(sqlite_url(data_dir.database))
    command.upgrade(alembic_config(engine), "0002")
    assert current_revision(engine) == "0002"
    oid = uuid.uuid4()
    with engine.begin() as c:
        c.execute(text(
            "INSERT INTO oficina (id, office_id, row_version, created_at, created_by, updated_at, updated_by, codigo, "
            "nombre, ciudad, provincia, patron_numero, folios_por_cuerpo, ejecutor_nombre, ejecutor_cargo) VALUES "
            "(:id, :id, 1, :t, 'administrador', :t, 'administrador', '0601', 'Unidad de Chimborazo', 'Riobamba', "
            "'Chimborazo', '{office}-{year}-{seq:05d}', 200, '', 'Funcionario Ejecutor')"),
            {"id": oid.hex, "t": _sql(AHORA)})
        sids = [_insertar(c, "secretario", oid, nombres=n, cedula=ced, externo=True, activo=act, email=em)
                for n, ced, act, em in SECRETARIOS]
        for i, sid in enumerate((sids[0], sids[2]), start=1):
            did = _insertar(c, "deudor", oid, identificacion=f"17600046{i:02d}001", tipo_identificacion="RUC",
                            nombre=f"EMPRESA {i} S.A.", nombre_busqueda=f"empresa {i} s.a.", tipo_persona="JURIDICA",
                            representante_legal="", representante_cedula="", direccion="")
            tid = _insertar(c, "titulo_credito", oid, numero=f"TC-{i}", fecha_emision=date(2025, 1, 15), deudor_id=did,
                            concepto="Aportes", periodo="2024-11", capital=100000, interes=10000, recargo=5000,
                            total=115000, fecha_interes_desde=date(2024, 12, 15), provincia="Chimborazo",
                            estado="SORTEADO", importacion_id=None)
            _insertar(c, "expediente", oid, numero=f"0601-2025-{i:05d}", anio=2025, secuencia=i,
                      numero_provisional=False, titulo_id=tid, deudor_id=did, secretario_id=sid, sorteo_id=None,
                      etapa="SORTEADO", cuantia=115000, fecha_inicio=date(2025, 5, 13), prorroga_dias=0,
                      casilla_judicial="", abogado_deudor="", fecha_citacion=None, forma_citacion="")
        antes = {t: c.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in TABLAS}
    engine.dispose()
    return data_dir, sids, antes


def test_upgrade_makes_every_secretario_a_user_without_loss(
    en_0002: tuple[DataPaths, list[uuid.UUID], dict[str, list[Any]]],
) -> None:
    paths, sids, antes = en_0002
    srv = abrir(paths)  # migrates to head, after a backup copy
    try:
        assert current_revision(srv.ctx.engine) == head_revision(srv.ctx.engine)
        assert list(paths.backups.glob("*.sqlite3"))
        with srv.ctx.engine.connect() as c:
            for t in TABLAS:  # nothing lost or changed (later migrations only add columns at the end)
                filas = c.execute(text(f"SELECT * FROM {t} ORDER BY id")).all()
                assert [tuple(f)[:len(a)] for f, a in zip(filas, antes[t], strict=True)] == \
                    [tuple(a) for a in antes[t]], t
            usuarios = {r.secretario_id: r for r in c.execute(text("SELECT * FROM usuario")).mappings()}
            audit = c.execute(text("SELECT usuario, accion, tabla, fila_id, despues FROM auditoria")).all()
        assert len(usuarios) == len(SECRETARIOS)
        logins = []
        for sid, (nombres, cedula, activo, email) in zip(sids, SECRETARIOS, strict=True):
            u = usuarios[sid.hex]
            assert (u["nombres"], u["cedula"], bool(u["activo"]), u["email"]) == (nombres, cedula, activo, email)
            assert u["rol"] == Rol.SECRETARIO.value and u["password_hash"] is None and u["debe_cambiar_clave"] == 1
            assert u["intentos_fallidos"] == 0 and u["bloqueado_hasta"] is None
            assert u["id"] == uuid.uuid5(NAMESPACE, str(sid)).hex  # the same at every desktop that migrates
            logins.append(u["login"])
        assert logins == ["ana.guaman", "ana.guaman2", "jose.nanez", "pedro.li"]
        # Each migrated user has its audit record, by the migration.
        migrados = [a for a in audit if a.tabla == "usuario"]
        assert len(migrados) == len(SECRETARIOS)
        assert {(a.usuario, a.accion) for a in migrados} == {("migracion", "migrar secretarios a usuarios")}

        # The schema is the models' (test_schema_matches_models checks the empty case too).
        from alembic.autogenerate import compare_metadata
        from alembic.runtime.migration import MigrationContext

        from app.storage.busqueda import fuera_del_modelo
        from app.storage.models import Base

        with srv.ctx.engine.connect() as c:  # the FTS5 name index is migration 0010's, not a model's
            opts = {"include_name": fuera_del_modelo}
            assert compare_metadata(MigrationContext.configure(c, opts=opts), Base.metadata) == []

        # Working after the upgrade: no administrador yet (first start asks for one); migrated users cannot
        # log in until the administrador sets their password; then each sees his own expedientes.
        us = UsuariosService(srv.ctx)
        assert not us.hay_administrador()
        with pytest.raises(Exception, match="incorrectos") as exc:
            us.autenticar("ana.guaman", "")
        assert str(exc.value) == MENSAJE_CREDENCIALES
        us.crear_administrador_inicial("admin", "Administradora", "Primera-clave-1")
        us.restablecer_clave("ana.guaman", "Asignada-clave-1")
        ana = us.autenticar("ana.guaman", "Asignada-clave-1")
        assert ana.secretario_id == sids[0] and ana.debe_cambiar_clave
        assert [f.numero for f in con_usuario(srv, ana).expedientes.buscar()] == ["0601-2025-00001"]
        with pytest.raises(DatabaseError, match="no se elimina"), srv.ctx.tx("x") as s:
            s.execute(text("DELETE FROM auditoria"))
    finally:
        srv.close()


def test_downgrade_and_upgrade_again(en_0002: tuple[DataPaths, list[uuid.UUID], dict[str, list[Any]]]) -> None:
    paths, _sids, antes = en_0002
    srv = abrir(paths)
    engine = srv.ctx.engine
    with engine.connect() as c:
        primero = c.execute(text("SELECT id, login, secretario_id FROM usuario ORDER BY id")).all()
    command.downgrade(alembic_config(engine), "0002")
    with engine.connect() as c:
        assert "usuario" not in {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert not c.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'")).all()
        for t in TABLAS:
            assert c.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() == antes[t]
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as c:
        assert c.execute(text("SELECT id, login, secretario_id FROM usuario ORDER BY id")).all() == primero
        triggers = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    # the audit's (0003), the legal records' (0006) and later revisions' append-only tables (the goods' legal
    # records, 0007; the fee records, 0008)
    legales = ("auditoria", "folio", "acto", "notificacion", "pago")
    assert {f"{t}_sin_{op}" for t in legales for op in ("update", "delete")} | {"solicitud_honorarios_sin_update",
                                                                                 "custodia_sin_update"} <= triggers
    assert {"deudor_fts_ai", "deudor_fts_ad", "deudor_fts_au"} <= triggers  # 0010: the name index in step
    srv.close()
