"""Permissions are enforced in the services (not only by hiding buttons): every write of every service, tried by
every role, is allowed exactly for the roles that hold its permission; a refusal names the permission and
writes nothing; a secretario-abogado acts only on his own expedientes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.common.dates import LOCAL_TZ
from app.common.errors import PermissionDenied
from app.common.paths import DataPaths
from app.domain.documentos import REGISTRO
from app.domain.honorarios import Checklist
from app.domain.permisos import PERMISOS, Permiso, Rol, UsuarioActual
from app.domain.tipos import TipoDocumento
from app.services.auditoria import AuditoriaService, FiltroAuditoria
from app.services.bootstrap import Servicios, abrir
from app.services.sesion import con_usuario
from app.services.usuarios import UsuariosService
from app.storage.models import Auditoria, Expediente
from tests.conftest import CEDULAS, FIRMANTES, ROOT, SAMPLES
from tests.cuentas import crear_usuarios, hasher_rapido
from tests.services.helpers import crear_titulos, rpv_vencido, tasas_de_prueba

FECHA_SORTEO = date(2025, 4, 1)
PLANTILLA_OPI = ROOT / "resources" / "templates" / REGISTRO[TipoDocumento.OPI].plantilla


@dataclass
class Oficina:
    """A prepared office: 3 secretarios, 4 expedientes drawn, 2 títulos pending, one user per role."""

    paths: DataPaths
    usuarios: dict[Rol, UsuarioActual]
    propio: str  # a juicio of the secretario-abogado user
    ajeno: str  # a juicio of another secretario
    otro_secretario: Any
    solicitud: Any = None  # a fee request pending review (in ``propio``)


@pytest.fixture(scope="module")
def plantilla(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oficina]:
    with pytest.MonkeyPatch.context() as mp:
        hasher_rapido(mp)
        paths = DataPaths(tmp_path_factory.mktemp("permisos") / "foja")
        srv = abrir(paths)
        srv.oficina.actualizar(**FIRMANTES)
        for n, c, g in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, "FMF",
                           strict=False):
            srv.secretarios.crear(n, c, genero=g)
        crear_titulos(srv, 6)
        tasas_de_prueba(srv)
        pendientes = srv.sorteo.pendientes()
        srv.sorteo.realizar([t.id for t in pendientes[:4]], semilla="permisos", fecha=FECHA_SORTEO)
        usuarios = crear_usuarios(srv)
        sid = usuarios[Rol.SECRETARIO].secretario_id
        with srv.ctx.read() as s:
            exps = s.execute(select(Expediente.numero, Expediente.secretario_id).order_by(Expediente.numero)).all()
        propio = next(n for n, x in exps if x == sid)
        ajeno, otro = next((n, x) for n, x in exps if x != sid)
        for j in (propio, ajeno):
            rpv_vencido(srv, j, date(2025, 5, 14))
            srv.documentos.generar_opi(j, fecha=date(2025, 5, 14))
        srv.pagos.registrar_abono(propio, date(2025, 5, 20), Decimal("50.00"), "REC-0")
        solicitud = srv.honorarios.solicitar(propio, fecha=date(2025, 5, 21))
        srv.close()
        yield Oficina(paths, usuarios, propio, ajeno, otro, solicitud)


@pytest.fixture
def oficina(plantilla: Oficina, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Oficina, Servicios]]:
    """A fresh copy of the prepared office for each test (actions change it)."""
    hasher_rapido(monkeypatch)
    copia = DataPaths(tmp_path / "foja")
    shutil.copytree(plantilla.paths.root, copia.root)
    srv = abrir(copia)
    yield Oficina(copia, plantilla.usuarios, plantilla.propio, plantilla.ajeno, plantilla.otro_secretario,
                  plantilla.solicitud), srv
    srv.close()


Accion = Callable[[Servicios, Oficina, Path], Any]


def _notificar(juicio: str) -> Accion:
    return lambda srv, o, _t: srv.notificaciones.registrar(
        juicio, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 5, 20, 10, 30, tzinfo=LOCAL_TZ),
        direccion="Av. Daniel León Borja y Carabobo", recibido_por="", efectiva=True)


def _providencia(srv: Servicios, juicio: str) -> Any:
    return srv.documentos.generar(TipoDocumento.PROVIDENCIA, juicio, fecha=date(2025, 5, 15),
                                  datos={"texto": "Agréguese al expediente el escrito presentado."})


# (name, permission, action, writes to the database)
ACCIONES: list[tuple[str, Permiso, Accion, bool]] = [
    ("importar títulos", Permiso.TITULOS_IMPORTAR,
     lambda srv, _o, _t: srv.importacion.importar(SAMPLES / "titulos_ejemplo.csv"), True),
    ("realizar sorteo", Permiso.SORTEO_REALIZAR,
     lambda srv, _o, _t: srv.sorteo.realizar(semilla="s", fecha=date(2025, 12, 22)), True),
    ("crear secretario", Permiso.SECRETARIOS_ADMINISTRAR,
     lambda srv, _o, _t: srv.secretarios.crear("Pedro Paz Villacís", CEDULAS[3]), True),
    ("actualizar secretario", Permiso.SECRETARIOS_ADMINISTRAR,
     lambda srv, o, _t: srv.secretarios.actualizar(o.otro_secretario, email="abogado@iess.gob.ec"), True),
    ("configurar oficina", Permiso.OFICINA_CONFIGURAR,
     lambda srv, _o, _t: srv.oficina.actualizar(ejecutor_nombre="Dr. Juan Pérez"), True),
    ("agregar feriado", Permiso.FERIADOS_EDITAR,
     lambda srv, _o, _t: srv.oficina.agregar_feriado(date(2025, 4, 21), "Batalla de Tapi"), True),
    ("agregar tasa", Permiso.TARIFAS_EDITAR,
     lambda srv, _o, _t: srv.liquidacion.agregar_tasa(date(2020, 1, 1), Decimal("9.33"), "Tabla de prueba"), True),
    ("reemplazar plantilla", Permiso.PLANTILLAS_EDITAR,
     lambda srv, _o, _t: srv.documentos.reemplazar_plantilla(TipoDocumento.OPI, PLANTILLA_OPI), False),
    ("crear usuario", Permiso.USUARIOS_ADMINISTRAR,
     lambda srv, _o, _t: UsuariosService(srv.ctx).crear("nuevo.usuario", "Nuevo Usuario", Rol.CITADOR), True),
    ("restablecer contraseña", Permiso.USUARIOS_ADMINISTRAR,
     lambda srv, _o, _t: UsuariosService(srv.ctx).restablecer_clave("citador", "Nueva-clave-123"), True),
    ("desactivar usuario", Permiso.USUARIOS_ADMINISTRAR,
     lambda srv, _o, _t: UsuariosService(srv.ctx).desactivar("depositario"), True),
    ("ver auditoría", Permiso.AUDITORIA_VER, lambda srv, _o, _t: AuditoriaService(srv.ctx).buscar(), False),
    ("exportar auditoría", Permiso.AUDITORIA_VER,
     lambda srv, _o, t: AuditoriaService(srv.ctx).exportar_xlsx(FiltroAuditoria(), t / "a.xlsx"), False),
    ("agregar documento (foliación)", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: srv.foliacion.agregar(o.propio, b"%PDF-1.4 escrito", "escrito.pdf", tipo="ESCRITO",
                                              descripcion="Escrito del coactivado", hojas=2, fecha=date(2025, 6, 2)),
     True),
    ("generar documento", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: _providencia(srv, o.propio), True),
    ("registrar abono", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: srv.pagos.registrar_abono(o.propio, date(2025, 6, 2), Decimal("100.00"), "REC-1"), True),
    ("rechazar honorarios", Permiso.HONORARIOS_APROBAR,
     lambda srv, o, _t: srv.honorarios.revisar(o.solicitud, False, Checklist(), "Falta la razón de notificación"),
     True),
    ("registrar notificación", Permiso.NOTIFICACION_REGISTRAR, lambda srv, o, t: _notificar(o.propio)(srv, o, t),
     True),
]

# A secretario-abogado's own permission, tried on another secretario's expediente.
AJENAS: list[tuple[str, Permiso, Accion]] = [
    ("agregar documento (foliación)", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: srv.foliacion.agregar(o.ajeno, b"%PDF-1.4 escrito", "escrito.pdf", tipo="ESCRITO",
                                              descripcion="Escrito", hojas=1, fecha=date(2025, 6, 2))),
    ("generar documento", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: _providencia(srv, o.ajeno)),
    ("registrar abono", Permiso.EXPEDIENTE_TRAMITAR,
     lambda srv, o, _t: srv.pagos.registrar_abono(o.ajeno, date(2025, 6, 2), Decimal("100.00"), "REC-1")),
    ("registrar notificación", Permiso.NOTIFICACION_REGISTRAR, lambda srv, o, t: _notificar(o.ajeno)(srv, o, t)),
]


def _auditadas(srv: Servicios) -> int:
    with srv.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(Auditoria)) or 0


def test_every_permission_used_by_a_service_is_in_the_table() -> None:
    # Not yet reached by any service: re-foliation and goods (their issues come later).
    pendientes = {Permiso.FOLIACION_CORREGIR, Permiso.BIENES_REGISTRAR}
    assert {p for _n, p, _a, _w in ACCIONES} == set(Permiso) - pendientes


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.name)
@pytest.mark.parametrize(("nombre", "permiso", "accion", "escribe"), ACCIONES, ids=[a[0] for a in ACCIONES])
def test_each_write_allowed_only_to_its_roles(
    oficina: tuple[Oficina, Servicios], tmp_path: Path, rol: Rol, nombre: str, permiso: Permiso, accion: Accion,
    escribe: bool,
) -> None:
    o, srv = oficina
    u = o.usuarios[rol]
    como = con_usuario(srv, u)
    antes = _auditadas(srv)
    with srv.ctx.read() as s:
        ids_antes = set(s.scalars(select(Auditoria.id)))
    if permiso in PERMISOS[rol]:
        accion(como, o, tmp_path)
        if escribe:
            with srv.ctx.read() as s:
                quienes = dict(s.execute(select(Auditoria.id, Auditoria.usuario)).all())
            assert len(quienes) > antes
            assert {x for k, x in quienes.items() if k not in ids_antes} == {u.login}
    else:
        with pytest.raises(PermissionDenied) as exc:
            accion(como, o, tmp_path)
        assert permiso.value in exc.value.message and u.login in exc.value.message
        assert exc.value.message.startswith("Permiso denegado")
        assert _auditadas(srv) == antes  # nothing written


@pytest.mark.parametrize(("nombre", "permiso", "accion"), AJENAS, ids=[a[0] for a in AJENAS])
def test_a_secretario_only_on_his_own_expedientes(
    oficina: tuple[Oficina, Servicios], tmp_path: Path, nombre: str, permiso: Permiso, accion: Accion,
) -> None:
    o, srv = oficina
    sec = con_usuario(srv, o.usuarios[Rol.SECRETARIO])
    antes = _auditadas(srv)
    with pytest.raises(PermissionDenied, match=r"solo puede .* en los expedientes a su cargo") as exc:
        accion(sec, o, tmp_path)
    assert permiso.value in exc.value.message
    assert _auditadas(srv) == antes


def test_the_citador_notifies_on_any_expediente(oficina: tuple[Oficina, Servicios], tmp_path: Path) -> None:
    o, srv = oficina
    citador = o.usuarios[Rol.CITADOR]
    hecha = _notificar(o.ajeno)(con_usuario(srv, citador), o, tmp_path)
    # Recorded on the other secretario's juicio, in the citador's name, and listed there.
    assert (hecha.juicio, hecha.autor, hecha.efectiva) == (o.ajeno, citador.login, True)
    assert hecha.id in {n.id for n in srv.notificaciones.listar(o.ajeno)}


def test_a_secretario_lists_his_own_expedientes_and_may_read_the_office(oficina: tuple[Oficina, Servicios]) -> None:
    o, srv = oficina
    sec = con_usuario(srv, o.usuarios[Rol.SECRETARIO])
    mios = sec.expedientes.buscar()
    assert mios and {f.numero for f in mios} == {f.numero for f in srv.expedientes.buscar()
                                                  if f.secretario == "Ana Lucía Guamán"}
    assert sec.expedientes.contar() == len(mios) < srv.expedientes.contar()
    assert sec.expedientes.contar(solo_mios=False) == srv.expedientes.contar()
    assert len(sec.expedientes.buscar(solo_mios=False)) == srv.expedientes.contar()
    assert sec.expedientes.caratula(o.ajeno).numero == o.ajeno  # read access to the office's
    # Other roles see the whole office by default; "mine" is empty for someone with no expedientes.
    jefe = con_usuario(srv, o.usuarios[Rol.JEFE])
    assert jefe.expedientes.contar() == srv.expedientes.contar()
    assert jefe.expedientes.contar(solo_mios=True) == 0


def test_the_command_line_acts_as_administrador(oficina: tuple[Oficina, Servicios], tmp_path: Path) -> None:
    o, srv = oficina
    for _n, _p, accion, _w in ACCIONES:
        accion(srv, o, tmp_path)  # the unattended principal may do everything
    with srv.ctx.read() as s:
        assert "administrador" in set(s.scalars(select(Auditoria.usuario)))
