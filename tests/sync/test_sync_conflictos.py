"""Conflicts, faults at every step, row-level security and convergence, on the real central PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models import Deudor, Expediente, Folio, Outbox
from app.storage.models_juicio import Costa
from tests.sync.conftest import Central
from tests.sync.test_sync_basico import _numeros, _oficina_con_juicios

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]

RUC = "1760004650001"


def _dos(central: Central, escritorio: Callable[[str], Servicios]) -> tuple[Servicios, Servicios]:
    a = escritorio("a")
    _oficina_con_juicios(a, 4)
    a.sincronizacion.configurar(central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    b.sincronizacion.configurar(central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    return a, b


def _deudor(srv: Servicios) -> Deudor:
    with srv.ctx.read() as s:
        return s.scalars(select(Deudor).where(Deudor.identificacion == RUC)).one()


def test_campos_distintos_se_fusionan_y_el_mismo_campo_es_conflicto(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a, b = _dos(servidor_central, escritorio)
    a.deudores.actualizar(RUC, direccion="Av. Daniel León Borja 22-15")
    b.deudores.actualizar(RUC, tipo_persona="JURIDICA", representante_legal="María Paredes",
                          representante_cedula="0602910945")
    a.sincronizacion.sincronizar()
    rb = b.sincronizacion.sincronizar()
    assert rb.conflictos_pendientes == 0
    a.sincronizacion.sincronizar()
    for srv in (a, b):
        d = _deudor(srv)
        assert d.direccion == "Av. Daniel León Borja 22-15"
        assert d.representante_legal.upper() == "MARÍA PAREDES" and d.tipo_persona == "JURIDICA"

    # Now both change the same field: the second to push gets a conflict, nothing is overwritten.
    a.deudores.actualizar(RUC, direccion="Dirección de A")
    b.deudores.actualizar(RUC, direccion="Dirección de B")
    a.sincronizacion.sincronizar()
    rb = b.sincronizacion.sincronizar()
    assert rb.conflictos_pendientes == 1
    assert _deudor(b).direccion == "Dirección de B"  # kept until a person decides
    (c,) = b.sincronizacion.conflictos()
    assert c.mia["direccion"] == "Dirección de B" and c.servidor["direccion"] == "Dirección de A"
    assert c.campos == ["direccion"]
    with servidor_central.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM foja_conflicto")).scalar() == 1
    b.sincronizacion.resolver(c.id, "mia")
    b.sincronizacion.sincronizar()
    a.sincronizacion.sincronizar()
    assert _deudor(a).direccion == _deudor(b).direccion == "Dirección de B"
    assert b.sincronizacion.estado().conflictos == 0


@pytest.mark.parametrize("punto", ["antes_enviar", "tras_commit_servidor_antes", "tras_commit_servidor",
                                   "mitad_pagina", "mitad_archivo"])
def test_un_corte_en_cualquier_paso_no_pierde_ni_duplica(
    servidor_central: Central, escritorio: Callable[[str], Servicios], punto: str,
) -> None:
    a, b = _dos(servidor_central, escritorio)
    numero = _numeros(a)[0]
    a.pagos.registrar_costa(numero, date(2025, 4, 2), "Publicación por la prensa", "35.50")
    a.foliacion.agregar(numero, b"%PDF escrito" * 2000, "escrito.pdf", tipo="ESCRITO", descripcion="Escrito",
                        hojas=1, fecha=date(2025, 4, 2))
    a.deudores.actualizar(RUC, direccion="Calle Primera 1")
    ya = {"n": 0}

    def corte(p: str) -> None:
        if p == punto and ya["n"] == 0:
            ya["n"] += 1
            raise ConnectionError(f"corte simulado en {p}")

    with pytest.raises(ConnectionError):
        a.sincronizacion.sincronizar(falla=corte)
        b.sincronizacion.sincronizar(falla=corte)
    if ya["n"] == 0:  # the cut point was on the pulling side: cut B's pull instead
        with pytest.raises(ConnectionError):
            b.sincronizacion.sincronizar(falla=corte)
    for _ in range(2):
        a.sincronizacion.sincronizar()
        b.sincronizacion.sincronizar()
    for srv in (a, b):
        with srv.ctx.read() as s:
            assert s.scalar(select(func.count()).select_from(Costa)) == 1
            assert s.scalar(select(func.count()).select_from(Outbox)) == 0
        assert srv.foliacion.verificar(numero).intacta
        assert _deudor(srv).direccion == "Calle Primera 1"
    with servidor_central.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Costa)).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM foja_blob_info WHERE NOT completo")).scalar() == 0
    with a.ctx.read() as s:
        fa = s.scalar(select(func.count()).select_from(Folio))
    with b.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == fa


def test_un_usuario_no_lee_ni_escribe_otra_oficina(servidor_central: Central,
                                                   escritorio: Callable[[str], Servicios]) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.foliacion.agregar(_numeros(a)[0], b"escrito", "e.pdf", tipo="ESCRITO", descripcion="Escrito", hojas=1,
                        fecha=date(2025, 4, 1))
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE, "0601"))
    a.sincronizacion.sincronizar()
    otro = servidor_central.usuario("sec", Rol.SECRETARIO, "1701")
    dsn = f"host=127.0.0.1 port=5432 dbname={otro.base} user={otro.usuario}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM expediente").fetchone()[0] == 0
        ajenos = "SELECT count(*) FROM foja_cambio WHERE tabla NOT IN ('oficina', 'usuario')"
        assert conn.execute(ajenos).fetchone()[0] == 0
        oficina_a = str(a.ctx.office_id)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO costa (id, office_id, row_version, created_at, created_by, updated_at, "
                         "updated_by, expediente_id, fecha, concepto, monto) SELECT gen_random_uuid(), %s, 1, now(), "
                         "'x', now(), 'x', gen_random_uuid(), current_date, 'x', 1", (oficina_a,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE contador SET valor = 0")
    jefe = f"host=127.0.0.1 port=5432 dbname={otro.base} user=jefe_{servidor_central.sufijo}"
    with psycopg.connect(jefe, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM expediente").fetchone()[0] == 2
        # Append-only on the server too, whatever the client.
        with pytest.raises(psycopg.errors.RaiseException):
            conn.execute("DELETE FROM folio")
        with pytest.raises(psycopg.errors.RaiseException):
            conn.execute("UPDATE expediente SET numero = numero || 'X'")
    with servidor_central.engine.connect() as c:
        roles = set(c.execute(text("SELECT DISTINCT rol FROM foja_auditoria_servidor")).scalars())
    assert f"jefe_{servidor_central.sufijo}" in roles  # the server's audit names who wrote


def test_version_distinta_no_envia_nada(servidor_central: Central, escritorio: Callable[[str], Servicios]) -> None:
    from app.sync.conexion import VersionIncompatible

    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    with servidor_central.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(VersionIncompatible, match="actualice el programa"):
        a.sincronizacion.sincronizar()
    with servidor_central.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Expediente)).scalar() == 0


@pytest.mark.slow
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["costa", "direccion", "sync"])), min_size=3,
                max_size=8))
def test_secuencias_aleatorias_convergen(pasos: list[tuple[int, str]]) -> None:
    import tempfile
    import uuid
    from pathlib import Path

    from app.common.paths import DataPaths
    from app.services.bootstrap import abrir
    from tests.sync.conftest import admin

    nombre = f"foja_hyp_{uuid.uuid4().hex[:10]}"
    with admin() as adm:
        adm.execute(f'CREATE DATABASE "{nombre}"')
    central = Central(nombre)
    clientes: list[Servicios] = []
    try:
        from app.sync import central as c

        c.inicializar(central.engine)
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(3):
                srv = abrir(DataPaths(Path(tmp) / f"c{i}"))
                clientes.append(srv)
                if i == 0:
                    _oficina_con_juicios(srv, 2)
                srv.sincronizacion.configurar(central.usuario(f"j{i}", Rol.JEFE))
                srv.sincronizacion.sincronizar()
            numero = _numeros(clientes[0])[0]
            for k, (i, accion) in enumerate(pasos):
                srv = clientes[i]
                if accion == "costa":
                    srv.pagos.registrar_costa(numero, date(2025, 5, 1), f"Costa {k}", "10.00")
                elif accion == "direccion":
                    srv.deudores.actualizar(RUC, direccion=f"Dirección {k}")
                else:
                    srv.sincronizacion.sincronizar()
            for _ in range(2):
                for srv in clientes:
                    srv.sincronizacion.sincronizar()
                    for conf in srv.sincronizacion.conflictos():
                        srv.sincronizacion.resolver(conf.id, "servidor")
            for srv in clientes:
                srv.sincronizacion.sincronizar()
            estados = []
            for srv in clientes:
                with srv.ctx.read() as s:
                    costas = sorted(s.scalars(select(Costa.concepto)))
                estados.append((costas, _deudor(srv).direccion))
            assert estados[0] == estados[1] == estados[2]
            n_costas = sum(1 for _, a in pasos if a == "costa")
            assert len(estados[0][0]) == n_costas
    finally:
        for srv in clientes:
            srv.close()
        central.engine.dispose()
        with admin() as adm:
            adm.execute(f'DROP DATABASE IF EXISTS "{nombre}" WITH (FORCE)')
            for r in central.roles:
                adm.execute(f'DROP ROLE IF EXISTS "{r}"')
