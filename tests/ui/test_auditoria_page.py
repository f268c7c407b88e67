"""The audit viewer: lazy table, filters, before/after details, XLSX export in the background, refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSettings

from app.common.dates import local_today
from app.domain.permisos import Rol
from app.services.auditoria import AuditoriaService
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario
from app.services.usuarios import UsuariosService
from app.ui.auditoria_model import COL_USUARIO, PAGINA, AuditoriaModel
from app.ui.auditoria_page import SIN_FECHA, AuditoriaPage
from tests.cuentas import CLAVE, crear_usuarios, hasher_rapido
from tests.ui.conftest import Cajas


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


@pytest.fixture
def oficina(con_titulos: Servicios) -> Servicios:
    """62 títulos drawn by the jefe (hundreds of audit rows), an OPI by the secretario, an e-mail changed."""
    u = crear_usuarios(con_titulos)
    con_usuario(con_titulos, u[Rol.JEFE]).sorteo.realizar(semilla="ui", fecha=date(2025, 5, 13))
    sec = con_usuario(con_titulos, u[Rol.SECRETARIO])
    numero = sec.expedientes.buscar()[0].numero
    sec.documentos.generar("rpv", numero, date(2025, 5, 14))
    sec.notificaciones.registrar(numero, intento=1, forma="PERSONAL", direccion="Veloz 1", efectiva=True,
                                 notifica="RPV", fecha_hora=datetime(2025, 5, 15, 14, 0, tzinfo=UTC))
    sec.documentos.generar_opi(numero, fecha=date(2025, 6, 2))
    admin = con_usuario(con_titulos, u[Rol.ADMINISTRADOR])
    admin.secretarios.actualizar(admin.secretarios.listar()[1].id, email="carlos@iess.gob.ec")
    return con_titulos


def _servicio(srv: Servicios, login: str) -> AuditoriaService:
    return AuditoriaService(con_usuario(srv, UsuariosService(srv.ctx).autenticar(login, CLAVE)).ctx)


@pytest.fixture
def pagina(qtbot: Any, oficina: Servicios, settings: QSettings) -> AuditoriaPage:
    p = AuditoriaPage(_servicio(oficina, "jefe"), settings=settings)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.cargar()
    return p


def test_loads_lazily_newest_first(pagina: AuditoriaPage) -> None:
    m = pagina.model
    assert m.total > PAGINA and m.rowCount() == PAGINA
    assert pagina.conteo.text().startswith(f"{PAGINA} de ")
    assert m.canFetchMore(pagina.tabla.rootIndex())
    m.fetchMore(pagina.tabla.rootIndex())
    assert m.rowCount() == min(2 * PAGINA, m.total)
    instantes = [m.fila(r).fecha_hora for r in range(m.rowCount())]
    assert instantes == sorted(instantes, reverse=True)


def test_filter_choices_and_user_filter(pagina: AuditoriaPage) -> None:
    usuarios = [pagina.usuario.itemText(i) for i in range(pagina.usuario.count())]
    acciones = [pagina.accion.itemText(i) for i in range(pagina.accion.count())]
    assert usuarios[0] == "(todos)" and {"jefe", "ana.guaman", "admin", "administrador"} <= set(usuarios)
    assert acciones[0] == "(todas)" and {"sorteo", "actualizar secretario"} <= set(acciones)
    pagina.usuario.setCurrentText("ana.guaman")
    pagina.boton_buscar.click()
    m = pagina.model
    assert 0 < m.rowCount() == m.total
    assert {m.data(m.index(r, COL_USUARIO)) for r in range(m.rowCount())} == {"ana.guaman"}
    assert pagina.conteo.text() == f"{m.total} registros"


def test_action_and_date_filters(pagina: AuditoriaPage) -> None:
    pagina.accion.setCurrentText("actualizar secretario")
    pagina.boton_buscar.click()
    assert pagina.model.total == 1
    hoy = local_today()
    pagina.desde.setDate(QDate(hoy.year, hoy.month, hoy.day).addDays(1))
    pagina.boton_buscar.click()
    assert pagina.model.total == 0 and pagina.conteo.text() == "Ningún registro coincide con los filtros."
    pagina.boton_limpiar.click()
    assert pagina.desde.date() == SIN_FECHA and pagina.accion.currentIndex() == 0
    assert pagina.model.total > PAGINA


def test_expediente_filter_and_details(pagina: AuditoriaPage, oficina: Servicios) -> None:
    juicio = oficina.expedientes.buscar()[0].numero
    pagina.filtrar_juicio(juicio)
    m = pagina.model
    tablas = {m.fila(r).tabla for r in range(m.rowCount())}
    assert {"expediente", "titulo_credito"} <= tablas
    pagina.tabla.selectRow(next(r for r in range(m.rowCount()) if m.fila(r).tabla == "titulo_credito"
                                and m.fila(r).operacion == "UPDATE"))
    texto = pagina.detalle.toPlainText()
    assert "jefe · sorteo" in texto and f"juicio {juicio}" in texto
    assert "estado" in texto and "PENDIENTE  →  SORTEADO" in texto


def test_unknown_juicio_shows_its_message(pagina: AuditoriaPage, cajas: Cajas) -> None:
    pagina.juicio.setText("0601-1999-99999")
    pagina.boton_buscar.click()
    assert "No existe el juicio coactivo No. 0601-1999-99999" in cajas.ultima().texto


def test_export_xlsx(qtbot: Any, pagina: AuditoriaPage, tmp_path: Path, cajas: Cajas) -> None:
    pagina.usuario.setCurrentText("admin")
    pagina.boton_buscar.click()
    total = pagina.model.total
    tarea = pagina.exportar_a(tmp_path / "auditoria")
    with qtbot.waitSignal(tarea.finalizada, timeout=20000):
        pass
    ruta = tmp_path / "auditoria.xlsx"
    assert ruta.exists() and pagina.boton_exportar.isEnabled()
    assert cajas.ultima().titulo == "Exportación terminada"
    wb = load_workbook(ruta, read_only=True)
    filas = list(wb.active.iter_rows(values_only=True))
    wb.close()
    assert len(filas) == total + 1 and {f[1] for f in filas[1:]} == {"admin"}


def test_refused_to_a_secretario(qtbot: Any, oficina: Servicios, cajas: Cajas) -> None:
    p = AuditoriaPage(_servicio(oficina, "ana.guaman"))
    qtbot.addWidget(p)
    p.cargar()
    assert cajas.ultima().texto.startswith(
        "Permiso denegado: Secretario-Abogado «ana.guaman» no puede ver la auditoría")
    assert p.model.rowCount() == 0


def test_the_page_offers_no_way_to_change_the_audit(pagina: AuditoriaPage) -> None:
    from PySide6.QtCore import Qt

    m = pagina.model
    idx = m.index(0, 0)
    assert not (m.flags(idx) & Qt.ItemFlag.ItemIsEditable)
    assert not m.setData(idx, "x")
    assert pagina.detalle.isReadOnly()


def test_model(qtmodeltester: Any, oficina: Servicios) -> None:
    m = AuditoriaModel(_servicio(oficina, "admin"))
    m.buscar()
    qtmodeltester.check(m)  # walks the lazy pages too
