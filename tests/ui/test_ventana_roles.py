"""The main window after the login: each role opens on its own page; menus follow the role; the login flow
of app/main.py. (Needs the wiring of bootstrap.py / main_window.py / main.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.ui import inicio
from app.ui.main_window import MainWindow
from tests.cuentas import CLAVE, LOGINS, crear_usuarios, hasher_rapido
from tests.ui.conftest import Cajas


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings, rol: Rol) -> MainWindow:
    u = srv.usuarios.autenticar(LOGINS[rol], CLAVE)
    w = MainWindow(srv.como(u), settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.name)
def test_each_role_opens_on_its_page(qtbot: Any, sorteados: Servicios, settings: QSettings, cajas: Cajas,
                                     rol: Rol) -> None:
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, rol)
    esperado = {inicio.EXPEDIENTES: w.lista, inicio.BIENES: w.bienes, inicio.TABLERO: w.tablero,
                inicio.USUARIOS: w.usuarios, inicio.POR_NOTIFICAR: w.por_notificar}[inicio.pagina_inicial(rol)]
    assert w.paginas.currentWidget() is esperado
    assert (w.panel_vencimientos is not None) is (rol is Rol.SECRETARIO)
    if rol is Rol.SECRETARIO:
        assert 0 < w.lista.model.total < sorteados.expedientes.contar()
    assert w.accion_sorteo.isVisible() is (rol is Rol.JEFE)
    assert w.accion_usuarios.isVisible() is (rol is Rol.ADMINISTRADOR)
    assert w.accion_auditoria.isVisible() is (rol in (Rol.JEFE, Rol.EJECUTOR, Rol.ADMINISTRADOR))
    assert w.accion_clave.isVisible()
    assert LOGINS[rol] in w.oficina_label.text()
    assert not cajas.vistas


def test_the_command_line_principal_keeps_the_list(ventana: MainWindow) -> None:
    assert ventana.paginas.currentWidget() is ventana.lista and not ventana.accion_clave.isVisible()


def test_menu_pages(qtbot: Any, sorteados: Servicios, settings: QSettings) -> None:
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, Rol.ADMINISTRADOR)
    w.accion_auditoria.trigger()
    assert w.paginas.currentWidget() is w.auditoria and w.auditoria.model.total > 0
    w.accion_tablero.trigger()
    assert w.paginas.currentWidget() is w.tablero
    w.accion_volver.trigger()
    assert w.paginas.currentWidget() is w.lista


def test_main_asks_to_log_in_before_the_window(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import app.main as principal
    import app.ui.app as ui_app
    import app.ui.login_dialog as login

    vistos: list[Any] = []
    monkeypatch.setattr(login, "iniciar_sesion", lambda usuarios, **_k: vistos.append(usuarios) or None)
    monkeypatch.setattr(ui_app, "ejecutar", lambda *_a: pytest.fail("no window without a login"))
    assert principal.main(["--data-dir", str(tmp_path / "datos")]) == 0
    assert len(vistos) == 1
