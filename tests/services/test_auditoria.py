"""The audit trail: every service write recorded (who, when, what, before/after) in its own transaction; the
viewer's filters; the XLSX export; and no way to change the audit."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, inspect, select, text, update
from sqlalchemy.exc import DatabaseError

from app.common.dates import local_today
from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.domain.permisos import Rol
from app.services.auditoria import AuditoriaService, FiltroAuditoria
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario
from app.services.usuarios import UsuariosService
from app.storage.models import SYNCED_TABLES, Auditoria, Base, Expediente
from app.storage.tracking import REDACTED, row_dict
from tests.conftest import CEDULAS, ROOT
from tests.cuentas import CLAVE, crear_usuarios, hasher_rapido
from tests.services.helpers import crear_titulos, rpv_vencido, tasas_de_prueba

FECHA = date(2025, 4, 1)


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


@pytest.fixture
def oficina(con_secretarios: Servicios) -> Servicios:
    """Users, 6 títulos drawn into expedientes by the jefe, writes by each kind of user."""
    srv = con_secretarios
    u = crear_usuarios(srv)
    crear_titulos(srv, 6)
    tasas_de_prueba(srv)
    jefe = con_usuario(srv, u[Rol.JEFE])
    jefe.sorteo.realizar(semilla="auditoria", fecha=FECHA)
    sec = con_usuario(srv, u[Rol.SECRETARIO])
    juicio = sec.expedientes.buscar()[0].numero
    rpv_vencido(sec, juicio, date(2025, 5, 14))
    sec.documentos.generar_opi(juicio, fecha=date(2025, 5, 14))
    sec.pagos.registrar_abono(juicio, date(2025, 6, 2), Decimal("50.00"), "REC-001")
    admin = con_usuario(srv, u[Rol.ADMINISTRADOR])
    admin.secretarios.actualizar(admin.secretarios.listar()[1].id, email="carlos@iess.gob.ec")
    admin.oficina.agregar_feriado(date(2025, 4, 21), "Batalla de Tapi")
    UsuariosService(admin.ctx).crear("pedro.paz", "Pedro Paz", Rol.SECRETARIO, cedula=CEDULAS[3], clave=CLAVE)
    return srv


@pytest.fixture
def aud(oficina: Servicios) -> AuditoriaService:
    jefe = UsuariosService(oficina.ctx).autenticar("jefe", CLAVE)
    return AuditoriaService(con_usuario(oficina, jefe).ctx)


def _juicio_de(srv: Servicios, login: str) -> str:
    u = UsuariosService(srv.ctx).autenticar(login, CLAVE)
    return con_usuario(srv, u).expedientes.buscar()[0].numero


# -- every write is recorded, with the right values --------------------------------------------------------


def test_every_row_written_has_its_audit_with_the_stored_values(oficina: Servicios) -> None:
    """Generic: for every row of every synced table, folding its audit records in order (the whole row at
    creation, then the changed fields of each update) gives exactly what is stored (the hash redacted; a
    creation's bookkeeping columns are the audit record's own: office, instant, user). A write that bypassed
    the audit, or recorded other values, fails here."""
    saltar = {"row_version", "updated_at", "updated_by"}
    revisadas = 0
    with oficina.ctx.read() as s:
        for modelo in SYNCED_TABLES:
            if modelo is Auditoria:
                continue
            for fila in s.scalars(select(modelo)):
                guardado = row_dict(fila)
                historia = s.scalars(select(Auditoria).where(Auditoria.tabla == modelo.__tablename__,
                                                             Auditoria.fila_id == str(fila.id))
                                     .order_by(Auditoria.created_at, Auditoria.id)).all()
                assert historia, f"{modelo.__tablename__} {fila.id} sin auditoría"
                assert historia[0].operacion == "INSERT"
                alta = historia[0]
                # The creation's record holds the id as its fila_id and leaves out the columns left NULL.
                reconstruida: dict[str, object] = {"office_id": str(alta.office_id), "created_by": alta.usuario,
                                                   "created_at": alta.created_at.isoformat(), "id": alta.fila_id}
                for a in historia:
                    assert a.despues is not None
                    if a.operacion == "UPDATE":
                        assert a.antes is not None and set(a.antes) == set(a.despues)  # only the changed fields
                        assert len(a.despues) < len(guardado)
                    reconstruida.update(a.despues)
                for k, v in guardado.items():
                    if k in saltar:
                        continue
                    esperado = REDACTED if k in getattr(modelo, "__audit_redact__", ()) and v is not None else v
                    if isinstance(reconstruida.get(k), str) and "oculto" in str(reconstruida[k]):
                        continue
                    assert reconstruida.get(k) == esperado, (modelo.__tablename__, k, reconstruida.get(k), v)
                revisadas += 1
    assert revisadas > 30


def test_who_when_what_and_before_after_of_an_update(oficina: Servicios) -> None:
    with oficina.ctx.read() as s:
        a = s.scalars(select(Auditoria).where(Auditoria.tabla == "secretario", Auditoria.operacion == "UPDATE")).one()
        t = s.scalars(select(Auditoria).where(Auditoria.tabla == "titulo_credito",
                                              Auditoria.operacion == "UPDATE")).first()
    assert (a.usuario, a.accion) == ("admin", "actualizar secretario")
    assert a.antes is not None and a.despues is not None
    assert a.antes["email"] == "" and a.despues["email"] == "carlos@iess.gob.ec"
    assert a.antes["row_version"] + 1 == a.despues["row_version"]
    assert a.created_at.tzinfo is not None
    assert t is not None and t.usuario == "jefe" and t.accion == "sorteo"
    assert t.antes is not None and t.despues is not None
    assert (t.antes["estado"], t.despues["estado"]) == ("PENDIENTE", "SORTEADO")
    # An update stores the changed fields only, not both whole rows (database size, issue 14).
    assert set(t.despues) == {"estado", "row_version"} and "capital" not in t.antes


def test_a_create_records_the_whole_row_including_defaults(oficina: Servicios) -> None:
    with oficina.ctx.read() as s:
        a = s.scalars(select(Auditoria).where(Auditoria.tabla == "oficina", Auditoria.operacion == "INSERT")).one()
        f = s.scalars(select(Auditoria).where(Auditoria.tabla == "feriado_local")).one()
    assert a.antes is None and a.despues is not None
    assert a.despues["patron_numero"] == "{office}-{year}-{seq:05d}" and a.despues["folios_por_cuerpo"] == 200
    assert f.usuario == "admin" and f.despues is not None
    assert f.despues["fecha"] == "2025-04-21" and f.despues["descripcion"] == "Batalla de Tapi"


def test_a_write_and_its_audit_share_one_transaction(oficina: Servicios) -> None:
    antes = _contar(oficina)
    with pytest.raises(RuntimeError), oficina.ctx.tx("prueba") as s:
        x = s.get_one(Expediente, s.scalar(select(Expediente.id).limit(1)))
        x.casilla_judicial = "Casilla 123"
        s.flush()
        assert _contar_en(s) == antes + 1  # written in the transaction...
        raise RuntimeError("falla después del flush")
    assert _contar(oficina) == antes  # ...and gone with it


def _contar(srv: Servicios) -> int:
    with srv.ctx.read() as s:
        return _contar_en(s)


def _contar_en(s: Any) -> int:
    return len(s.scalars(select(Auditoria.id)).all())


# -- the viewer's filters ----------------------------------------------------------------------------------


def test_filter_by_user(aud: AuditoriaService) -> None:
    filas = aud.buscar(usuario="ana.guaman", limite=1000)
    assert filas and {f.usuario for f in filas} == {"ana.guaman"}
    assert {f.accion for f in filas} >= {"generar orden de pago inmediato", "registrar abono"}
    assert aud.contar(FiltroAuditoria(usuario="ana.guaman")) == len(filas)
    assert "ana.guaman" in aud.usuarios() and "administrador" in aud.usuarios()


def test_filter_by_action(aud: AuditoriaService) -> None:
    filas = aud.buscar(accion="sorteo", limite=1000)
    assert filas and {f.accion for f in filas} == {"sorteo"}
    assert {"expediente", "titulo_credito", "sorteo"} <= {f.tabla for f in filas}
    assert "sorteo" in aud.acciones()


def test_filter_by_expediente_includes_its_children(oficina: Servicios, aud: AuditoriaService) -> None:
    juicio = _juicio_de(oficina, "ana.guaman")
    filas = aud.buscar(juicio=juicio, limite=1000)
    tablas = {f.tabla for f in filas}
    assert {"expediente", "titulo_credito", "documento", "folio", "acto", "pago"} <= tablas
    with oficina.ctx.read() as s:
        eid = str(s.scalar(select(Expediente.id).where(Expediente.numero == juicio)))
    for f in filas:
        datos = f.despues or f.antes or {}
        assert f.tabla in {"titulo_credito", "adjunto", "cuota_convenio"} or f.fila_id == eid \
            or datos.get("expediente_id") == eid, f
    otro = [f for f in aud.buscar(limite=5000) if f.tabla == "expediente" and f.fila_id != eid]
    assert otro and not {f.id for f in otro} & {f.id for f in filas}
    assert aud.juicio_de(filas[0]) == juicio
    with pytest.raises(NotFoundError, match="No existe el juicio"):
        aud.buscar(juicio="0601-1999-99999")


def test_filter_by_dates(aud: AuditoriaService) -> None:
    hoy = local_today()
    todas = aud.contar()
    assert aud.contar(FiltroAuditoria(desde=hoy, hasta=hoy)) == todas
    assert aud.contar(FiltroAuditoria(hasta=hoy - timedelta(days=1))) == 0
    assert aud.contar(FiltroAuditoria(desde=hoy + timedelta(days=1))) == 0
    with pytest.raises(ValidationError, match="anterior"):
        aud.buscar(desde=hoy, hasta=hoy - timedelta(days=1))


def test_filters_combine_and_pages_are_newest_first(aud: AuditoriaService) -> None:
    f = FiltroAuditoria(usuario="jefe", accion="sorteo", desde=local_today())
    n = aud.contar(f)
    assert n > 10
    p1, p2 = aud.pagina(f, 0, 5), aud.pagina(f, 5, 5)
    assert len(p1) == len(p2) == 5 and not {x.id for x in p1} & {x.id for x in p2}
    instantes = [x.fecha_hora for x in aud.pagina(f, 0, n)]
    assert instantes == sorted(instantes, reverse=True)


def test_summary_of_a_change(aud: AuditoriaService) -> None:
    f = next(x for x in aud.buscar(accion="actualizar secretario"))
    assert f.operacion_texto == "Modificación"
    assert set(f.cambios()) == {"email"}
    assert f.resumen() == "email: «» → carlos@iess.gob.ec"


def test_only_those_allowed_see_the_audit(oficina: Servicios) -> None:
    usuarios = UsuariosService(oficina.ctx)
    for login, puede in [("jefe", True), ("ejecutor", True), ("admin", True), ("ana.guaman", False),
                         ("citador", False), ("depositario", False)]:
        a = AuditoriaService(con_usuario(oficina, usuarios.autenticar(login, CLAVE)).ctx)
        if puede:
            assert a.contar() > 0
        else:
            with pytest.raises(PermissionDenied, match="ver la auditoría"):
                a.buscar()
            with pytest.raises(PermissionDenied, match="ver la auditoría"):
                a.exportar_xlsx(FiltroAuditoria(), Path("/tmp/no-se-escribe.xlsx"))


# -- export ------------------------------------------------------------------------------------------------


def test_export_to_xlsx_reads_back(oficina: Servicios, aud: AuditoriaService, tmp_path: Path) -> None:
    filtro = FiltroAuditoria(usuario="admin")
    ruta = tmp_path / "sub" / "auditoria.xlsx"
    n = aud.exportar_xlsx(filtro, ruta)
    assert n == aud.contar(filtro) > 0
    wb = load_workbook(ruta, read_only=True)
    ws = wb["Auditoría"]
    filas = list(ws.iter_rows(values_only=True))
    wb.close()
    assert filas[0] == ("Fecha y hora", "Usuario", "Acción", "Operación", "Tabla", "Fila", "Cambios", "Antes",
                        "Después")
    assert len(filas) == n + 1
    assert {f[1] for f in filas[1:]} == {"admin"}
    upd = next(f for f in filas[1:] if f[2] == "actualizar secretario")
    assert upd[3] == "Modificación" and upd[6] == "email: «» → carlos@iess.gob.ec"
    assert '"email": ""' in upd[7] and '"email": "carlos@iess.gob.ec"' in upd[8]
    assert upd[0].date() == local_today()  # a real date-time cell, in Ecuador's time
    assert "$argon2" not in "".join(str(c) for f in filas for c in f)


# -- the audit cannot be changed through the program -------------------------------------------------------


def test_the_orm_refuses_to_change_or_delete_audit_rows(oficina: Servicios) -> None:
    with pytest.raises(RuleError, match="no se modifican"), oficina.ctx.tx("alterar") as s:
        a = s.scalars(select(Auditoria).limit(1)).one()
        a.usuario = "otro"
    with pytest.raises(RuleError, match="no se eliminan"), oficina.ctx.tx("borrar") as s:
        s.delete(s.scalars(select(Auditoria).limit(1)).one())


def test_the_database_refuses_update_and_delete_by_trigger(oficina: Servicios) -> None:
    n = _contar(oficina)
    for stmt in (update(Auditoria).values(usuario="otro"), delete(Auditoria),
                 text("UPDATE auditoria SET antes = NULL"), text("DELETE FROM auditoria")):
        with pytest.raises(DatabaseError, match=r"La auditoría no se (modifica|elimina)"), oficina.ctx.tx("x") as s:
            s.execute(stmt)
    con = sqlite3.connect(oficina.ctx.paths.database)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="no se elimina"):
            con.execute("DELETE FROM auditoria")
    finally:
        con.close()
    assert _contar(oficina) == n
    with oficina.ctx.read() as s:
        assert s.scalar(select(Auditoria.usuario).where(Auditoria.usuario == "otro")) is None


def test_no_code_path_writes_the_audit_except_tracking() -> None:
    """Only app/storage/tracking.py inserts audit rows, and nothing updates or deletes them."""
    escritura = re.compile(r"(update|delete)\(\s*Auditoria|(UPDATE|DELETE\s+FROM)\s+auditoria", re.IGNORECASE)
    insercion = re.compile(r"insert\(\s*Auditoria", re.IGNORECASE)
    for f in (ROOT / "app").rglob("*.py"):
        codigo = f.read_text(encoding="utf-8")
        assert not escritura.search(codigo), f
        if f.name != "tracking.py":
            assert not insercion.search(codigo), f
    assert "auditoria" in inspect(Base.metadata.tables["auditoria"]).name
