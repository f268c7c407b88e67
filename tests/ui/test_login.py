"""Login as each role and see its home page; wrong password and lock-out messages; first start; a refused
action shows its message; the users page of the administrador."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from app.domain import claves
from app.domain.permisos import Permiso, Rol, UsuarioActual
from app.services.bootstrap import Servicios
from app.services.sesion import cedula_del_secretario, con_usuario, contexto_de
from app.services.tablero import TableroService
from app.services.usuarios import MENSAJE_CREDENCIALES, UsuariosService
from app.ui import inicio
from app.ui.bienes_page import BienesPage
from app.ui.cambiar_clave_dialog import CambiarClaveDialog
from app.ui.expedientes_page import ExpedientesPage
from app.ui.login_dialog import CrearAdministradorDialog, LoginDialog, iniciar_sesion
from app.ui.secretarios_page import SecretariosPage
from app.ui.tablero_page import TableroPage
from app.ui.usuarios_page import NuevoUsuarioDialog, RestablecerClaveDialog, UsuariosPage
from app.ui.vencimientos_panel import VencimientosPanel
from tests.conftest import CEDULAS
from tests.cuentas import CLAVE, LOGINS, crear_usuarios, hasher_rapido
from tests.ui.conftest import Cajas

ACEPTADO = QDialog.DialogCode.Accepted.value
ESPERADO = {
    Rol.SECRETARIO: inicio.EXPEDIENTES,
    Rol.CITADOR: inicio.EXPEDIENTES,
    Rol.DEPOSITARIO: inicio.BIENES,
    Rol.JEFE: inicio.TABLERO,
    Rol.EJECUTOR: inicio.TABLERO,
    Rol.ADMINISTRADOR: inicio.USUARIOS,
}


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


@pytest.fixture
def oficina(sorteados: Servicios) -> Servicios:
    """62 expedientes drawn among 3 secretarios; one user per role with password CLAVE."""
    crear_usuarios(sorteados)
    return sorteados


def _ingresar(qtbot: Any, srv: Servicios, login: str, clave: str) -> LoginDialog:
    dlg = LoginDialog(UsuariosService(srv.ctx), oficina="Unidad de Chimborazo")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.login, login)
    qtbot.keyClicks(dlg.clave, clave)
    dlg.ingresar.click()
    return dlg


def pagina_de_inicio(srv: Servicios, u: UsuarioActual) -> QWidget:
    """The home page the main window shows ``u`` (see the wiring in the report)."""
    como = con_usuario(srv, u)
    nombre = inicio.pagina_inicial(u.rol)
    if nombre == inicio.EXPEDIENTES:
        p: QWidget = ExpedientesPage(como)
        p.cargar()
    elif nombre == inicio.BIENES:
        p = BienesPage(como)
        p.cargar()
    elif nombre == inicio.TABLERO:
        p = TableroPage(TableroService(como.ctx))
        p.cargar()
    else:
        p = UsuariosPage(UsuariosService(como.ctx))
        p.cargar()
    return p


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.name)
def test_each_role_logs_in_and_sees_its_home_page(qtbot: Any, oficina: Servicios, cajas: Cajas, rol: Rol) -> None:
    dlg = _ingresar(qtbot, oficina, LOGINS[rol].upper(), CLAVE)
    assert dlg.result() == ACEPTADO and dlg.mensaje.isHidden()
    u = dlg.usuario
    assert u is not None and u.rol is rol and u.login == LOGINS[rol]
    assert inicio.pagina_inicial(rol) == ESPERADO[rol]
    pagina = pagina_de_inicio(oficina, u)
    qtbot.addWidget(pagina)
    pagina.show()
    if isinstance(pagina, ExpedientesPage):
        m = pagina.model
        secretarios = {m.fila(r).secretario for r in range(m.rowCount())}
        if rol is Rol.SECRETARIO:  # his own expedientes
            assert secretarios == {"Ana Lucía Guamán"} and 0 < m.total < oficina.expedientes.contar()
        else:
            assert m.total == oficina.expedientes.contar() == 62 and len(secretarios) == 3
        assert inicio.con_panel_vencimientos(u) is (rol is Rol.SECRETARIO)
    elif isinstance(pagina, BienesPage):
        # His home: the goods in his custody (none: his login is not yet linked to a depositario of the register).
        assert pagina.es_depositario and pagina.model.rowCount() == 0
        assert "no está vinculado a un depositario judicial" in pagina.pie.text()
    elif isinstance(pagina, TableroPage):
        assert pagina.resumen.text().startswith("<b>62</b> expedientes")
        qtbot.waitUntil(pagina.completo)  # the per-secretario figures follow the first screen
        assert pagina.datos is not None and sum(r.expedientes for r in pagina.datos.secretarios) == 62
    else:
        assert isinstance(pagina, UsuariosPage) and pagina.model.rowCount() == 8
    assert not cajas.vistas


def test_wrong_password_message(qtbot: Any, oficina: Servicios) -> None:
    for login in ("jefe", "no.existe"):
        dlg = _ingresar(qtbot, oficina, login, "equivocada-1")
        assert dlg.result() != ACEPTADO and dlg.usuario is None
        assert not dlg.mensaje.isHidden() and dlg.mensaje.text() == MENSAJE_CREDENCIALES
        assert dlg.clave.text() == "" and dlg.login.text() == login


def test_lock_out_message(qtbot: Any, oficina: Servicios) -> None:
    dlg = LoginDialog(UsuariosService(oficina.ctx))
    qtbot.addWidget(dlg)
    dlg.login.setText("jefe")
    for _ in range(claves.MAX_INTENTOS):
        dlg.clave.setText("equivocada-1")
        dlg.ingresar.click()
    assert dlg.mensaje.text().startswith("Cuenta bloqueada por 5 intentos fallidos")
    dlg.clave.setText(CLAVE)  # even the right password, while locked
    dlg.ingresar.click()
    assert "Cuenta bloqueada" in dlg.mensaje.text() and dlg.result() != ACEPTADO


def test_first_start_creates_the_administrador(qtbot: Any, srv: Servicios) -> None:
    us = UsuariosService(srv.ctx)
    assert not us.hay_administrador()
    dlg = CrearAdministradorDialog(us)
    qtbot.addWidget(dlg)
    assert dlg.login.text() == "admin" and dlg.clave.text() == ""  # no default password
    dlg.nombres.setText("Administradora de la oficina")
    dlg.clave.setText("Primera-clave-1")
    dlg.repetir.setText("Primera-clave-2")
    dlg.crear.click()
    assert "no coinciden" in dlg.mensaje.text() and dlg.result() != ACEPTADO
    dlg.clave.setText("corta")
    dlg.repetir.setText("corta")
    dlg.crear.click()
    assert "al menos 10 caracteres" in dlg.mensaje.text()
    dlg.clave.setText("Primera-clave-1")
    dlg.repetir.setText("Primera-clave-1")
    dlg.crear.click()
    assert dlg.result() == ACEPTADO and dlg.usuario is not None and dlg.usuario.rol is Rol.ADMINISTRADOR
    assert us.hay_administrador()


def _exec_que_rellena(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], campos: dict[str, str],
                      vistos: list[str] | None = None) -> list[str]:
    """Replace ``cls.exec``: fill ``campos``, press the accept button, report the result (names in ``vistos``)."""
    vistos = [] if vistos is None else vistos

    def exec_falso(dlg: Any) -> int:
        vistos.append(cls.__name__)
        for nombre, valor in campos.items():
            getattr(dlg, nombre).setText(valor)
        dlg.intentar()
        return dlg.result()

    monkeypatch.setattr(cls, "exec", exec_falso)
    return vistos


def test_login_flow_first_start(qtbot: Any, srv: Servicios, monkeypatch: pytest.MonkeyPatch) -> None:
    vistos = _exec_que_rellena(monkeypatch, CrearAdministradorDialog,
                               {"nombres": "Admin", "clave": "Primera-clave-1", "repetir": "Primera-clave-1"})
    u = iniciar_sesion(UsuariosService(srv.ctx))
    assert vistos == ["CrearAdministradorDialog"] and u is not None and u.login == "admin"


def test_login_flow_forces_changing_an_assigned_password(
    qtbot: Any, oficina: Servicios, monkeypatch: pytest.MonkeyPatch,
) -> None:
    us = UsuariosService(oficina.ctx)
    us.restablecer_clave("jefe", "Asignada-clave-1")  # the administrador assigned it
    vistos = _exec_que_rellena(monkeypatch, LoginDialog, {"login": "jefe", "clave": "Asignada-clave-1"})
    _exec_que_rellena(monkeypatch, CambiarClaveDialog,
                      {"actual": "Asignada-clave-1", "nueva": "Propia-clave-22", "repetir": "Propia-clave-22"}, vistos)
    u = iniciar_sesion(us)
    assert vistos == ["LoginDialog", "CambiarClaveDialog"]
    assert u is not None and u.rol is Rol.JEFE and not u.debe_cambiar_clave
    assert not us.autenticar("jefe", "Propia-clave-22").debe_cambiar_clave


def test_login_flow_cancelled(qtbot: Any, oficina: Servicios, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LoginDialog, "exec", lambda _self: QDialog.DialogCode.Rejected.value)
    assert iniciar_sesion(UsuariosService(oficina.ctx)) is None


def test_change_password_dialog_errors(qtbot: Any, oficina: Servicios) -> None:
    us = UsuariosService(oficina.ctx)
    jefe = us.autenticar("jefe", CLAVE)
    dlg = CambiarClaveDialog(UsuariosService(contexto_de(oficina.ctx, jefe)))
    qtbot.addWidget(dlg)
    dlg.actual.setText("equivocada-1")
    dlg.nueva.setText("Propia-clave-22")
    dlg.repetir.setText("Propia-clave-22")
    dlg.guardar.click()
    assert dlg.mensaje.text() == "La contraseña actual no es correcta." and dlg.result() != ACEPTADO
    dlg.actual.setText(CLAVE)
    dlg.repetir.setText("Otra")
    dlg.guardar.click()
    assert "no coinciden" in dlg.mensaje.text()
    dlg.repetir.setText("Propia-clave-22")
    dlg.guardar.click()
    assert dlg.result() == ACEPTADO


# -- refused actions show their message ----------------------------------------------------------------------


def test_a_refused_action_shows_its_message(qtbot: Any, oficina: Servicios, cajas: Cajas) -> None:
    us = UsuariosService(oficina.ctx)
    jefe = us.autenticar("jefe", CLAVE)
    pagina = UsuariosPage(UsuariosService(contexto_de(oficina.ctx, jefe)))
    qtbot.addWidget(pagina)
    pagina.cargar()
    assert cajas.ultima().texto == ("Permiso denegado: Jefe de Unidad «jefe» no puede administrar usuarios. "
                                    "Pueden hacerlo: Administrador.")
    # A secretario-abogado on the (first version's) secretarios page: refused by the service, with its message.
    ana = us.autenticar("ana.guaman", CLAVE)
    sec = SecretariosPage(con_usuario(oficina, ana))
    qtbot.addWidget(sec)
    sec.cargar()
    sec.tabla.selectRow(1)
    sec.alternar_activo()
    assert "no puede administrar secretarios-abogados" in cajas.ultima().texto
    assert len(oficina.secretarios.listar(solo_activos=True)) == 3  # nothing changed


def test_menu_actions_follow_the_role(qtbot: Any) -> None:
    from PySide6.QtGui import QAction

    sorteo, usuarios = QAction("Sorteo"), QAction("Usuarios")
    acciones = {sorteo: Permiso.SORTEO_REALIZAR, usuarios: Permiso.USUARIOS_ADMINISTRAR}
    inicio.aplicar_permisos(acciones, UsuarioActual("jefe", Rol.JEFE))
    assert sorteo.isVisible() and not usuarios.isVisible()
    inicio.aplicar_permisos(acciones, UsuarioActual("admin", Rol.ADMINISTRADOR))
    assert not sorteo.isVisible() and usuarios.isVisible()


# -- the administrador's users page -------------------------------------------------------------------------


@pytest.fixture
def admin_page(qtbot: Any, oficina: Servicios) -> UsuariosPage:
    admin = UsuariosService(oficina.ctx).autenticar("admin", CLAVE)
    p = UsuariosPage(UsuariosService(contexto_de(oficina.ctx, admin)))
    qtbot.addWidget(p)
    p.cargar()
    return p


def test_create_a_secretario_user(qtbot: Any, admin_page: UsuariosPage, oficina: Servicios,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    dlg = NuevoUsuarioDialog(admin_page._usuarios)
    qtbot.addWidget(dlg)
    dlg.nombres.setText("Jorge Villacís")
    dlg.nombres.textEdited.emit("Jorge Villacís")  # as typed (QTest types ASCII only)
    assert dlg.login.text() == "jorge.villacis"  # suggested as the name is typed
    dlg.elegir_rol(Rol.SECRETARIO)
    assert dlg.externo.isEnabled()
    dlg.generar_clave()
    assert dlg.clave.text() == dlg.repetir.text() and not claves.problemas_clave(dlg.clave.text())
    dlg.aceptar.click()
    assert "Cédula inválida" in dlg.mensaje.text() and dlg.result() != ACEPTADO
    dlg.cedula.setText(CEDULAS[3])
    dlg.aceptar.click()
    assert dlg.result() == ACEPTADO and dlg.creado is not None and dlg.creado.secretario_id is not None
    assert "Jorge Villacís" in {x.nombres for x in oficina.secretarios.listar(solo_activos=True)}


def test_reset_and_deactivate_from_the_page(qtbot: Any, admin_page: UsuariosPage, oficina: Servicios,
                                            monkeypatch: pytest.MonkeyPatch, cajas: Cajas) -> None:
    monkeypatch.setattr(RestablecerClaveDialog, "exec", lambda d: (d.clave.setText("Nueva-clave-77"),
                                                                   d.repetir.setText("Nueva-clave-77"),
                                                                   d.intentar(), d.result())[-1])
    admin_page.seleccionar("citador")
    admin_page.boton_clave.click()
    assert UsuariosService(oficina.ctx).autenticar("citador", "Nueva-clave-77").debe_cambiar_clave
    admin_page.seleccionar("citador")
    assert admin_page.boton_activar.text() == "Desactivar"
    admin_page.boton_activar.click()  # confirmed (the test's message boxes answer yes)
    assert "¿Desactivar el usuario «citador»?" in cajas.ultima().texto
    fila = admin_page.seleccionado()
    assert fila is not None and fila.login == "citador" and fila.estado == "Inactivo"
    assert admin_page.boton_activar.text() == "Activar"


def test_models(qtmodeltester: Any, admin_page: UsuariosPage, oficina: Servicios) -> None:
    qtmodeltester.check(admin_page.model)
    tablero = TableroPage(TableroService(oficina.ctx))
    tablero.cargar()
    tablero._completar(tablero._generacion)
    for tarjeta in tablero.tarjetas:
        qtmodeltester.check(tarjeta.modelo)


def test_vencimientos_panel_shows_only_his(qtbot: Any, qtmodeltester: Any, oficina: Servicios) -> None:
    ana = UsuariosService(oficina.ctx).autenticar("ana.guaman", CLAVE)
    como = con_usuario(oficina, ana)
    panel = VencimientosPanel(como.vencimientos, cedula_del_secretario(como, ana))
    qtbot.addWidget(panel)
    panel.cargar()
    assert panel.model.rowCount() > 0
    assert {v.secretario for v in panel.model.filas()} == {"Ana Lucía Guamán"}
    assert panel.resumen.text().startswith("Vencidos:")
    qtmodeltester.check(panel.model)
    with qtbot.waitSignal(panel.abrir) as señal:
        panel.tabla.doubleClicked.emit(panel.model.index(0, 0))
    assert señal.args == [panel.model.fila(0).juicio]
