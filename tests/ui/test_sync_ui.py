"""The sync as the desktop user meets it (issue 7): the status bar, F9, the timer, Oficina → Servidor central…
and the Conflictos window, against the real central PostgreSQL of tests/sync (127.0.0.1:5432)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog
from sqlalchemy import select, text

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models import Deudor, Expediente
from app.sync.conexion import Servidor
from app.ui import sync_control
from app.ui.conflictos_page import COL_CAMPO, COL_MIA, COL_SERVIDOR
from app.ui.main_window import MainWindow
from app.ui.servidor_dialog import ServidorDialog
from app.ui.sync_estado import hace
from tests.sync import conftest as sync_conftest
from tests.sync.conftest import ADMIN_DSN, Central
from tests.sync.test_sync_basico import _oficina_con_juicios
from tests.ui.conftest import Cajas

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# The real central PostgreSQL and desktops of tests/sync.
servidor_central = sync_conftest.servidor_central
escritorio = sync_conftest.escritorio

Escritorio = Callable[[str], Servicios]
ESPERA_MS = 60_000


@pytest.fixture(autouse=True)
def sin_ciclo_al_abrir(monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's own first cycle would race the F9 the tests press; the timer has its own test."""
    monkeypatch.setattr(sync_control, "INICIO_MS", 600_000)


def _unido(central: Central, escritorio: Escritorio, nombre: str, login: str, datos: bool = False) -> Servicios:
    srv = escritorio(nombre)
    if datos:
        _oficina_con_juicios(srv, 2)
    srv.sincronizacion.configurar(central.usuario(login, Rol.JEFE))
    srv.sincronizacion.sincronizar()
    return srv


def _identificacion(srv: Servicios) -> str:
    with srv.ctx.read() as s:
        return s.scalars(select(Deudor.identificacion).order_by(Deudor.identificacion)).first()


def _direccion(srv: Servicios, ident: str) -> str:
    with srv.ctx.read() as s:
        return s.scalar(select(Deudor.direccion).where(Deudor.identificacion == ident))


def _direccion_central(central: Central, ident: str) -> str:
    with central.engine.connect() as c:
        return c.execute(text("SELECT direccion FROM deudor WHERE identificacion = :i"), {"i": ident}).scalar()


def _recibe(qtbot: Any, srv: Servicios, listo: Callable[[], bool]) -> None:
    """Sync ``srv`` until ``listo()``: a pull reads only changes older than every transaction still open on the
    cluster (commit-safe cursor), so under a busy server a change may need one more cycle."""

    def intento() -> bool:
        srv.sincronizacion.sincronizar()
        return listo()

    qtbot.waitUntil(intento, timeout=ESPERA_MS)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings) -> MainWindow:
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)  # shortcuts (F9) go to the active window
    return w


def test_f9_envia_los_cambios_pendientes_y_el_estado_queda_sincronizado(
    qtbot: Any, settings: QSettings, servidor_central: Central, escritorio: Escritorio,
) -> None:
    a = _unido(servidor_central, escritorio, "a", "jefe", datos=True)
    ident = _identificacion(a)
    for calle in ("Av. Daniel León Borja 22-15", "Primera Constituyente y Pichincha", "Veloz 14-32 y Larrea"):
        a.deudores.actualizar(ident, direccion=calle)
    w = _ventana(qtbot, a, settings)
    estado = w.sync.widget
    assert estado.isVisible()
    assert "Cambios pendientes: 3" in estado.texto()
    assert "Conflictos: 0" in estado.texto()

    # Never two cycles at once: F9 pressed three times runs one cycle and queues one more.
    a_la_vez, ciclos = [0], [0]
    real = a.sincronizacion.sincronizar

    def contando(*args: Any, **kwargs: Any) -> Any:
        a_la_vez[0] += 1
        ciclos[0] += 1
        try:
            assert a_la_vez[0] == 1, "dos ciclos a la vez"
            return real(*args, **kwargs)
        finally:
            a_la_vez[0] -= 1

    a.sincronizacion.sincronizar = contando  # type: ignore[method-assign]
    mensajes: list[str] = []
    w.sync.mensaje.connect(mensajes.append)
    for _ in range(3):
        qtbot.keyClick(w.lista.tabla, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "Sincronizado" in estado.texto() and not w.sync.en_curso(), timeout=ESPERA_MS)
    assert ciclos[0] == 2

    assert "Cambios pendientes" not in estado.texto()
    assert "Última sincronización: hace menos de 1 min" in estado.texto()
    assert _direccion_central(servidor_central, ident) == "Veloz 14-32 y Larrea"
    assert len(mensajes) == 2 and "3 cambios enviados" in mensajes[0] and "enviado" not in mensajes[1]
    assert w.statusBar().currentMessage() == mensajes[-1]


@pytest.mark.parametrize(("eleccion", "gana"), [("mia", "b"), ("servidor", "a"), ("combinada", "a")])
def test_un_conflicto_se_abre_en_la_vista_conflictos_y_se_resuelve(
    qtbot: Any, settings: QSettings, servidor_central: Central, escritorio: Escritorio, cajas: Cajas,
    eleccion: str, gana: str,
) -> None:
    a = _unido(servidor_central, escritorio, "a", "jefe", datos=True)
    b = _unido(servidor_central, escritorio, "b", "sec")
    ident = _identificacion(a)
    calles = {"a": "Colón 23-45 y Orozco", "b": "Av. 9 de Octubre 12-30"}
    a.deudores.actualizar(ident, direccion=calles["a"])
    a.sincronizacion.sincronizar()
    b.deudores.actualizar(ident, direccion=calles["b"])  # the same field, offline on the other desktop

    w = _ventana(qtbot, b, settings)
    estado = w.sync.widget
    qtbot.keyClick(w.lista.tabla, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "Conflictos: 1" in estado.texto(), timeout=ESPERA_MS)
    assert _direccion(b, ident) == calles["b"]  # nothing overwritten silently

    qtbot.mouseClick(estado.conflictos, Qt.MouseButton.LeftButton)
    dlg = w.sync.conflictos_dialogo
    assert dlg is not None and dlg.isVisible()
    assert dlg.lista.rowCount() == 1
    assert dlg.lista.item(0, 0).text() == "Deudor"
    primera = dlg.detalle
    assert primera.item(0, COL_CAMPO).text() == "Dirección"  # the conflicting field first
    assert (primera.item(0, COL_MIA).text(), primera.item(0, COL_SERVIDOR).text()) == (calles["b"], calles["a"])
    assert primera.item(0, COL_MIA).background().color() != primera.item(1, COL_MIA).background().color()

    if eleccion == "mia":
        qtbot.mouseClick(dlg.boton_mia, Qt.MouseButton.LeftButton)
    elif eleccion == "servidor":
        qtbot.mouseClick(dlg.boton_servidor, Qt.MouseButton.LeftButton)
    else:
        dlg.marcar("direccion", mia=False)
        qtbot.mouseClick(dlg.boton_combinar, Qt.MouseButton.LeftButton)

    assert "Conflictos: 0" in estado.texto()
    assert dlg.lista.rowCount() == 0 and dlg.vacio.isVisible()
    assert _direccion(b, ident) == calles[gana]
    # The resolution goes to the server by itself, without another F9.
    qtbot.waitUntil(lambda: "Sincronizado" in estado.texto(), timeout=ESPERA_MS)
    assert _direccion_central(servidor_central, ident) == calles[gana]
    _recibe(qtbot, a, lambda: _direccion(a, ident) == calles[gana])
    assert not cajas.vistas


def test_el_dialogo_servidor_central_une_un_equipo_nuevo_y_cambia_la_clave_temporal(
    qtbot: Any, settings: QSettings, servidor_central: Central, escritorio: Escritorio, cajas: Cajas,
) -> None:
    a = _unido(servidor_central, escritorio, "a", "jefe", datos=True)
    servidor = servidor_central.usuario("nuevo", Rol.SECRETARIO)
    b = escritorio("b")
    w = _ventana(qtbot, b, settings)
    assert w.sync.widget.isHidden()  # a standalone desktop shows nothing about a server
    assert not w.sync.accion_sincronizar.isEnabled()

    dlg = ServidorDialog(b.sincronizacion, w.sync, w)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.puerto.value() == 5432 and dlg.sslmode.currentData() == "prefer"
    qtbot.keyClicks(dlg.host, "127.0.0.1")
    qtbot.keyClicks(dlg.base, servidor.base)
    qtbot.keyClicks(dlg.usuario, servidor.usuario)
    qtbot.keyClicks(dlg.clave, "temporal-123")
    dlg.primera.setChecked(True)
    assert dlg.nueva.isVisible()
    qtbot.keyClicks(dlg.nueva, "Riobamba-2026")
    qtbot.keyClicks(dlg.repetir, "Riobamba-2026")
    qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.result() == dlg.DialogCode.Accepted, timeout=ESPERA_MS)

    assert dlg.resultado is not None and dlg.resultado.instantanea
    assert w.sync.clave == "Riobamba-2026"  # kept for this session's cycles, in memory only
    assert "Riobamba" not in (b.sincronizacion.estado().servidor or "")
    with psycopg.connect(ADMIN_DSN) as c:
        assert c.execute("SELECT rolpassword IS NOT NULL FROM pg_authid WHERE rolname = %s",
                         (servidor.usuario,)).fetchone() == (True,)
    with b.ctx.read() as s, a.ctx.read() as sa:
        assert sorted(s.scalars(select(Expediente.numero))) == sorted(sa.scalars(select(Expediente.numero)))
    assert not w.sync.widget.isHidden()
    qtbot.waitUntil(lambda: "Sincronizado" in w.sync.widget.texto() and not w.sync.en_curso(), timeout=ESPERA_MS)
    assert w.sync.accion_sincronizar.isEnabled()

    # Opened again it shows the server and this session's password; moving to another base asks first.
    otro = ServidorDialog(b.sincronizacion, w.sync, w)
    qtbot.addWidget(otro)
    otro.show()
    assert (otro.host.text(), otro.base.text(), otro.usuario.text(), otro.clave.text()) == (
        "127.0.0.1", servidor.base, servidor.usuario, "Riobamba-2026")
    otro.base.setText("otra_base")
    cajas.responder = False
    qtbot.mouseClick(otro.aceptar, Qt.MouseButton.LeftButton)
    assert "ya sincroniza" in cajas.ultima().texto
    assert otro.isVisible() and b.sincronizacion.servidor() == servidor


def test_un_error_del_dialogo_lo_deja_abierto_con_lo_escrito(
    qtbot: Any, settings: QSettings, servidor_central: Central, escritorio: Escritorio, cajas: Cajas,
) -> None:
    b = escritorio("b")
    w = _ventana(qtbot, b, settings)
    dlg = ServidorDialog(b.sincronizacion, w.sync, w)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.host, "127.0.0.1")
    qtbot.keyClicks(dlg.usuario, "postgres")
    qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
    assert cajas.ultima().texto == "Falta la base de datos."
    assert dlg.isVisible() and dlg.host.text() == "127.0.0.1"

    qtbot.keyClicks(dlg.base, "no_existe_esta_base")
    qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(cajas.vistas) == 2, timeout=ESPERA_MS)
    assert cajas.ultima().texto == "La base de datos indicada no existe en el servidor central."
    assert dlg.isVisible() and dlg.result() != dlg.DialogCode.Accepted
    assert (dlg.host.text(), dlg.base.text(), dlg.usuario.text()) == ("127.0.0.1", "no_existe_esta_base", "postgres")
    assert dlg.aceptar.isEnabled()
    assert "Sin conexión" in w.sync.widget.texto()


def test_el_temporizador_sincroniza_sin_dialogo_y_sin_conexion_no_interrumpe(
    qtbot: Any, settings: QSettings, servidor_central: Central, escritorio: Escritorio, cajas: Cajas,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sync_control, "INTERVALO_MS", 300)
    a = _unido(servidor_central, escritorio, "a", "jefe", datos=True)
    ident = _identificacion(a)
    a.deudores.actualizar(ident, direccion="García Moreno 10-20")
    w = _ventana(qtbot, a, settings)
    estado = w.sync.widget
    assert "Cambios pendientes: 1" in estado.texto()
    dialogos: list[QProgressDialog] = []
    w.sync.timer.timeout.connect(
        lambda: dialogos.extend(d for d in QApplication.topLevelWidgets() if isinstance(d, QProgressDialog)))
    qtbot.waitUntil(lambda: "Sincronizado" in estado.texto(), timeout=ESPERA_MS)
    assert _direccion_central(servidor_central, ident) == "García Moreno 10-20"

    # The server goes away (here: a port nobody listens on): the status bar says so, no message box
    # interrupts, and local work goes on.
    s = servidor_central.usuario("jefe2", Rol.JEFE)
    a.sincronizacion.configurar(Servidor("127.0.0.1", 1, s.base, s.usuario))
    qtbot.waitUntil(lambda: "Sin conexión" in estado.texto(), timeout=ESPERA_MS)
    a.deudores.actualizar(ident, direccion="Sin red 1-1")
    qtbot.waitUntil(lambda: "Cambios pendientes: 1" in estado.texto(), timeout=ESPERA_MS)
    assert "Sin conexión" in estado.texto()
    assert not cajas.vistas
    assert not [d for d in dialogos if d.isVisible()]
    assert "conectar" in estado.conexion.toolTip()


def test_hace_cuanto_fue_la_ultima_sincronizacion() -> None:
    ahora = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)
    assert hace(None, ahora) == "nunca"
    assert hace(ahora - timedelta(seconds=20), ahora) == "hace menos de 1 min"
    assert hace(ahora - timedelta(minutes=7, seconds=50), ahora) == "hace 7 min"
    assert hace(ahora - timedelta(hours=3, minutes=59), ahora) == "hace 3 h"
    assert hace(ahora - timedelta(days=2), ahora) == "el 27/11/2026 15:00"  # Ecuador's clock (UTC-5)
