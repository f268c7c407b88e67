"""Each role's working day (issue 11): screens refresh after a write without F5 (the broadcast of Cambios), only
the actions that apply are enabled (with the reason as tooltip), each expediente shows its next action, the
vencimientos keep the 180-day plazo apart and group by juicio, and «Cerrar sesión» switches user."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog

from app.domain.acciones import Semaforo
from app.domain.permisos import Rol, UsuarioActual
from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.ui.app import Sesiones
from app.ui.main_window import MainWindow
from app.ui.vencimientos_page import COL_DESCRIPCION, COL_JUICIO
from tests.conftest import SAMPLES
from tests.cuentas import CLAVE, LOGINS, crear_usuarios, hasher_rapido
from tests.services.helpers import rpv_vencido
from tests.ui.conftest import Cajas

TZ = ZoneInfo("America/Guayaquil")
OPI = date(2025, 6, 16)


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    hasher_rapido(monkeypatch)
    yield
    QApplication.setQuitOnLastWindowClosed(True)  # as Qt's default, for the next tests (Sesiones turns it off)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings, rol: Rol) -> MainWindow:
    w = MainWindow(srv.como(srv.usuarios.autenticar(LOGINS[rol], CLAVE)), settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _de_ana(srv: Servicios) -> str:
    """A juicio of Ana Lucía Guamán (the secretario-abogado user of tests.cuentas)."""
    return next(e.numero for e in srv.expedientes.buscar(limite=200) if e.secretario == "Ana Lucía Guamán")


def _notificar_opi(srv: Servicios, numero: str) -> None:
    srv.documentos.generar(TipoDocumento.OPI, numero, OPI)
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", efectiva=True, notifica="OPI",
                                 direccion="Av. Daniel León Borja 24-15",
                                 fecha_hora=datetime(2025, 6, 17, 9, 0, tzinfo=TZ).astimezone(UTC))


def test_after_an_import_the_jefes_counts_change_without_f5(qtbot: Any, srv: Servicios, settings: QSettings,
                                                             cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    crear_usuarios(srv)
    w = _ventana(qtbot, srv, settings, Rol.JEFE)
    assert w.paginas.currentWidget() is w.tablero
    assert "0 títulos pendientes de sorteo" in w.tablero.resumen.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(SAMPLES / "titulos_ejemplo.csv"), ""))
    w.importador.accion.trigger()
    qtbot.waitUntil(lambda: bool(cajas.vistas), timeout=20000)
    pendientes = srv.sorteo.contar_pendientes()
    assert pendientes > 0
    # No F5: the dashboard follows the broadcast of what the import changed.
    qtbot.waitUntil(lambda: f"{pendientes} títulos pendientes de sorteo" in w.tablero.resumen.text(), timeout=5000)


def test_a_citador_sees_no_enabled_generar_opi(qtbot: Any, sorteados: Servicios, settings: QSettings) -> None:
    numero = sorteados.expedientes.buscar(limite=1)[0].numero
    rpv_vencido(sorteados, numero, OPI)
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, Rol.CITADOR)
    w.abrir_expediente(numero)
    boton = w.expediente.boton_opi
    assert not boton.isEnabled()
    assert "Citador-Notificador" in boton.toolTip() and "Secretario-Abogado" in boton.toolTip()
    accion = w.expediente.menu_documentos.acciones[TipoDocumento.OPI]
    assert not accion.isEnabled() and accion.toolTip() == boton.toolTip()
    # What he does is notify: that stays offered.
    assert w.expediente.menu_documentos.acciones[TipoDocumento.RAZON_NOTIFICACION].isEnabled()
    assert not w.expediente.boton_agregar.isEnabled()
    # Nor the batch of órdenes de pago from the list: not his to do.
    assert not w.opi_lote.accion.isVisible() and not w.lote.accion.isVisible()


def test_generar_opi_disabled_once_the_opi_exists(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    numero = ventana.lista.model.fila(0).numero
    ventana.abrir_expediente(numero)
    boton = ventana.expediente.boton_opi
    assert not boton.isEnabled()  # just drawn: no RPV yet
    assert "etapa Sorteado" in boton.toolTip()
    assert ventana.expediente.situacion is not None
    assert "requerimiento de pago voluntario" in ventana.expediente.proxima.text().lower()

    rpv_vencido(sorteados, numero, OPI)
    # The page follows the writes made elsewhere: the RPV lapsed, the OPI applies now.
    qtbot.waitUntil(boton.isEnabled, timeout=5000)
    assert "Emitir la orden de pago inmediato" in ventana.expediente.proxima.text()

    sorteados.documentos.generar(TipoDocumento.OPI, numero, OPI)
    qtbot.waitUntil(lambda: not boton.isEnabled(), timeout=5000)
    assert boton.toolTip() == "Ya consta la orden de pago inmediato en este juicio; se emite una sola vez."
    assert "Notificar la orden de pago inmediato" in ventana.expediente.proxima.text()


def test_the_acta_de_remate_is_not_offered_while_notificado(qtbot: Any, sorteados: Servicios,
                                                              ventana: MainWindow) -> None:
    numero = ventana.lista.model.fila(2).numero
    rpv_vencido(sorteados, numero, OPI)
    _notificar_opi(sorteados, numero)
    ventana.abrir_expediente(numero)
    assert ventana.expediente.caratula is not None and ventana.expediente.caratula.etapa.value == "NOTIFICADO"
    menu = ventana.expediente.menu_documentos
    menu.aboutToShow.emit()  # as when the user opens it
    remate = menu.acciones[TipoDocumento.ACTA_REMATE]
    assert not remate.isEnabled()
    assert "etapa Notificado" in remate.toolTip()
    # The term lapsed long ago: the embargo applies; the next action says so.
    assert menu.acciones[TipoDocumento.ACTA_EMBARGO].isEnabled()
    assert "Ordenar medidas cautelares o el embargo" in ventana.expediente.proxima.text()
    assert ventana.expediente.proxima.property("semaforo") == Semaforo.ROJO.value


def test_vencimientos_grouped_by_juicio_with_the_plazo_apart(qtbot: Any, sorteados: Servicios,
                                                              ventana: MainWindow) -> None:
    numero = ventana.lista.model.fila(1).numero
    for d in ("Término para contestar el escrito", "Término para presentar el avalúo"):
        sorteados.actos.registrar(numero, "PROVIDENCIA", date(2025, 6, 2),
                                  datos={"termino": {"tipo": "TERMINO", "dias": 5, "descripcion": d}})
    ventana.mostrar_vencimientos()
    v = ventana.vencimientos
    v.elegir("todos", cedula=None)
    # Two términos of one juicio: one row, naming the other; the 62 secretario plazos in their own tab.
    assert v.proxy.rowCount() == 1
    assert v.proxy.data(v.proxy.index(0, COL_JUICIO)) == numero
    assert v.proxy.data(v.proxy.index(0, COL_DESCRIPCION)).endswith("(y 1 más)")
    assert v.proxy_plazos.rowCount() == 62
    assert v.tabla_plazos.isColumnHidden(COL_DESCRIPCION)
    assert v.secciones.tabText(0) == "Términos del juicio (1 juicio)"


def test_the_dock_and_the_page_agree_after_a_write(qtbot: Any, sorteados: Servicios, settings: QSettings) -> None:
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, Rol.SECRETARIO)
    assert w.panel_vencimientos is not None and w.panel_vencimientos.model.rowCount() == 0
    w.mostrar_vencimientos()
    w.vencimientos.elegir("pendientes")
    assert w.vencimientos.proxy.rowCount() == 0
    numero = _de_ana(sorteados)
    w._srv.actos.registrar(numero, "PROVIDENCIA", date(2025, 6, 2),
                           datos={"termino": {"tipo": "TERMINO", "dias": 5, "descripcion": "Término de prueba"}})
    # No F5: both follow the write.
    qtbot.waitUntil(lambda: w.panel_vencimientos.model.rowCount() == 1, timeout=5000)
    assert w.vencimientos.proxy.rowCount() == 1
    assert w.panel_vencimientos.model.fila(0).juicio == numero == w.vencimientos.model.fila(0).juicio
    # Closed by mistake, the dock comes back from «Ver».
    w.dock_vencimientos.close()
    assert not w.dock_vencimientos.isVisible()
    ver = w.dock_vencimientos.toggleViewAction()
    assert ver in w.menu_ver.actions()
    ver.trigger()
    assert w.dock_vencimientos.isVisible()


def test_cerrar_sesion_returns_to_the_login_and_another_user_logs_in(qtbot: Any, sorteados: Servicios,
                                                                      settings: QSettings) -> None:
    usuarios = crear_usuarios(sorteados)
    pedidos: list[bool] = []

    def login() -> UsuarioActual:
        pedidos.append(True)
        return sorteados.usuarios.autenticar(LOGINS[Rol.CITADOR], CLAVE)

    sesiones = Sesiones(sorteados, login, settings)
    primera = sesiones.abrir(usuarios[Rol.JEFE])  # not given to qtbot: «Cerrar sesión» deletes it
    qtbot.waitExposed(primera)
    assert primera.accion_cerrar_sesion.isVisible()
    primera.accion_cerrar_sesion.trigger()
    qtbot.waitUntil(lambda: sesiones.ventana is not None and sesiones.ventana is not primera, timeout=5000)
    segunda = sesiones.ventana
    assert segunda is not None
    qtbot.addWidget(segunda)
    assert pedidos == [True]
    qtbot.waitUntil(lambda: not shiboken6.isValid(primera), timeout=5000)  # the jefe's window is gone
    assert segunda._srv.ctx.usuario.login == LOGINS[Rol.CITADOR]
    assert segunda.paginas.currentWidget() is segunda.por_notificar
    assert LOGINS[Rol.CITADOR] in segunda.oficina_label.text()


def test_the_citador_opens_on_his_pending_notifications(qtbot: Any, sorteados: Servicios,
                                                        settings: QSettings) -> None:
    a, b = (f.numero for f in sorteados.expedientes.buscar(limite=2))
    sorteados.documentos.generar(TipoDocumento.RPV, a, date(2025, 5, 20))  # RPV to notify
    rpv_vencido(sorteados, b, OPI)
    sorteados.documentos.generar(TipoDocumento.OPI, b, OPI)  # OPI to notify
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, Rol.CITADOR)
    p = w.por_notificar
    assert w.paginas.currentWidget() is p
    assert [(f.juicio, f.notifica.value) for f in p.model.filas()] == [(a, "RPV"), (b, "OPI")]
    assert "2 juicios por notificar" in p.resumen.text()
    _notificar_opi_solo(w._srv, b)  # through his own window: the screens follow
    qtbot.waitUntil(lambda: p.model.rowCount() == 1, timeout=5000)


def _notificar_opi_solo(srv: Servicios, numero: str) -> None:
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", efectiva=True, notifica="OPI",
                                 direccion="Su domicilio",
                                 fecha_hora=datetime(2025, 6, 17, 9, 0, tzinfo=TZ).astimezone(UTC))


def test_the_auto_de_archivo_is_offered_and_refused_with_the_saldo(qtbot: Any, sorteados: Servicios,
                                                                    ventana: MainWindow, cajas: Cajas,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.generar_dialog import GenerarDocumentoDialog
    from tests.ui.dialogos import contestar

    numero = ventana.lista.model.fila(4).numero
    ventana.abrir_expediente(numero)
    auto = ventana.expediente.menu_documentos.acciones[TipoDocumento.AUTO_ARCHIVO]
    assert auto.isEnabled() and "saldo" in auto.toolTip()
    dialogos = contestar(monkeypatch, GenerarDocumentoDialog, lambda d: None)
    auto.trigger()
    assert dialogos  # the dialog opens: the saldo is known only from the liquidación made when generating
    qtbot.waitUntil(lambda: bool(cajas.vistas) and not ventana.expediente.ocupado, timeout=30000)
    assert "queda un saldo de USD" in cajas.ultima().texto
    assert ventana.expediente.caratula is not None and ventana.expediente.caratula.etapa.value == "SORTEADO"


def test_main_asks_for_the_next_login_after_cerrar_sesion(qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Any) -> None:
    """The program's own loop (app/main.py): «Cerrar sesión» shows the login again and the next user's window
    opens, without restarting."""
    from PySide6.QtCore import QTimer

    import app.main as principal
    import app.ui.login_dialog as login

    vistos: list[str] = []
    pedidos: list[bool] = []

    def ventana_visible() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

    def cerrar_sesion() -> None:
        w = ventana_visible()
        assert w is not None
        vistos.append(w._srv.ctx.usuario.login)
        w.accion_cerrar_sesion.trigger()

    def salir() -> None:
        w = ventana_visible()
        assert w is not None
        vistos.append(w._srv.ctx.usuario.login)
        w.close()  # the last window: the program ends

    def iniciar_sesion(usuarios: Any, **_k: Any) -> UsuarioActual | None:
        pedidos.append(True)
        if len(pedidos) == 1:
            for nombre, rol in (("jefe", Rol.JEFE), ("citador", Rol.CITADOR)):
                usuarios.crear(nombre, f"Usuario {nombre}", rol, clave=CLAVE, debe_cambiar_clave=False)
            QTimer.singleShot(0, cerrar_sesion)
            return usuarios.autenticar("jefe", CLAVE)
        QTimer.singleShot(0, salir)
        return usuarios.autenticar("citador", CLAVE)

    monkeypatch.setattr(login, "iniciar_sesion", iniciar_sesion)
    QTimer.singleShot(30000, QApplication.quit)  # a safety net: the test fails below instead of hanging
    assert principal.main(["--data-dir", str(tmp_path / "datos")]) == 0
    assert len(pedidos) == 2 and vistos == ["jefe", "citador"]
