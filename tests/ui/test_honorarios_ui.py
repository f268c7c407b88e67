"""Honorarios in the window: the lawyer requests from the expediente's tab, the jefe reviews from the
Honorarios page (an incomplete checklist is refused and the dialog keeps his input), approves, and the orden
de pago de honorarios appears in the expediente's folios; then he records the payment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from app.domain.honorarios import EstadoSolicitud
from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models import Expediente
from app.ui.honorarios_dialogs import PagoHonorariosDialog, RevisionDialog, SolicitudDialog
from app.ui.main_window import MainWindow
from app.ui.tarifa_honorarios_dialog import TarifaHonorariosDialog
from tests.cuentas import CLAVE, LOGINS, crear_usuarios, hasher_rapido
from tests.ui.conftest import Cajas


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings, rol: Rol) -> MainWindow:
    w = MainWindow(srv.como(srv.usuarios.autenticar(LOGINS[rol], CLAVE)), settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _usuario(monkeypatch: pytest.MonkeyPatch, clase: type[QDialog], llenar: Callable[[Any], None]) -> list[Any]:
    """``clase.exec`` runs ``llenar`` (the user's clicks) and returns what the dialog ended with."""
    vistos: list[Any] = []

    def exec_falso(dlg: Any) -> int:
        vistos.append(dlg)
        llenar(dlg)
        return dlg.result()

    monkeypatch.setattr(clase, "exec", exec_falso)
    return vistos


def test_lawyer_requests_jefe_approves_order_in_folios(qtbot: Any, sorteados: Servicios, settings: QSettings,
                                                      cajas: Cajas, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Any) -> None:
    srv = sorteados
    usuarios = crear_usuarios(srv)
    with srv.ctx.read() as s:
        numero = s.query(Expediente.numero).filter(
            Expediente.secretario_id == usuarios[Rol.SECRETARIO].secretario_id).order_by(Expediente.numero).first()[0]
    # the test office already carries its monthly rate table (tests/ui/conftest.py)
    srv.documentos.generar("rpv", numero, date(2025, 5, 14))  # the expediente has a document (foja 1)
    srv.pagos.registrar_abono(numero, date(2025, 6, 2), D("400.00"), "DEP-001")
    srv.liquidacion.registrar(numero, date(2025, 6, 2))

    # the lawyer, from his expediente's Honorarios tab
    abogado = _ventana(qtbot, srv, settings, Rol.SECRETARIO)
    abogado.abrir_expediente(numero)
    tab = abogado.expediente.honorarios
    assert tab.lineas.rowCount() == 1 and "46,00" in tab.resumen.text()
    assert tab.boton_solicitar.isEnabled()
    _usuario(monkeypatch, SolicitudDialog, lambda d: (d.observaciones.setText("Entrego el expediente"),
                                                      d.aceptar.click()))
    tab.boton_solicitar.click()
    qtbot.waitUntil(lambda: tab.solicitudes.rowCount() == 1)
    assert tab.solicitudes.fila(0).estado is EstadoSolicitud.SOLICITADO
    assert not tab.boton_solicitar.isEnabled() and "ya están solicitadas" in tab.boton_solicitar.toolTip()
    abogado.accion_honorarios.trigger()
    assert abogado.paginas.currentWidget() is abogado.honorarios
    assert not abogado.honorarios.boton_revisar.isVisible()
    abogado.close()

    # the jefe, from the office's Honorarios page
    jefe = _ventana(qtbot, srv, settings, Rol.JEFE)
    jefe.accion_honorarios.trigger()
    pagina = jefe.honorarios
    assert pagina.model.rowCount() == 1 and "pendiente de revisión USD 46,00" in pagina.totales.text()
    pagina.tabla.selectRow(0)
    assert pagina.boton_revisar.isEnabled() and not pagina.boton_pagar.isEnabled()
    intentos: list[str] = []

    def revisar(d: RevisionDialog) -> None:
        d.observaciones.setText("Revisado en un cuerpo")
        d.casillas["foliacion_verificada"].setChecked(True)
        d.boton_aprobar.click()  # incomplete checklist: refused, the dialog stays with the input
        intentos.append(cajas.ultima().texto)
        assert d.result() != QDialog.DialogCode.Accepted and d.observaciones.text() == "Revisado en un cuerpo"
        for cb in d.casillas.values():
            cb.setChecked(True)
        d.boton_aprobar.click()

    _usuario(monkeypatch, RevisionDialog, revisar)
    pagina.boton_revisar.click()
    assert "verifique en el expediente" in intentos[0]
    qtbot.waitUntil(lambda: pagina.model.rowCount() == 1 and pagina.model.fila(0).estado is EstadoSolicitud.APROBADO)
    assert pagina.model.fila(0).documento_id is not None

    # the order is in the expediente's folios
    pagina.tabla.selectRow(0)
    pagina.boton_expediente.click()
    assert jefe.paginas.currentWidget() is jefe.expediente
    descripciones = [e.descripcion for e in jefe.expediente.model.filas()]
    assert any(x.startswith("Orden de pago de honorarios") for x in descripciones), descripciones
    assert srv.foliacion.verificar(numero).intacta

    # payment with its comprobante
    jefe.accion_honorarios.trigger()
    pagina.tabla.selectRow(0)
    _usuario(monkeypatch, PagoHonorariosDialog, lambda d: (d.comprobante.setText("CUR 2025-123"), d.aceptar.click()))
    pagina.boton_pagar.click()
    qtbot.waitUntil(lambda: pagina.model.fila(0).estado is EstadoSolicitud.PAGADO)
    assert "pagado <b>USD 46,00</b>" in pagina.totales.text()
    # export the view
    destino = tmp_path / "honorarios.xlsx"
    monkeypatch.setattr("app.ui.honorarios_page.QFileDialog.getSaveFileName", lambda *a, **k: (str(destino), ""))
    pagina.boton_exportar.click()
    from openpyxl import load_workbook

    ws = load_workbook(destino).active
    assert ws["B3"].value == numero and ws["F3"].value == "Pagado"


def test_administrador_confirms_the_tariff(qtbot: Any, sorteados: Servicios, settings: QSettings,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    crear_usuarios(sorteados)
    w = _ventana(qtbot, sorteados, settings, Rol.ADMINISTRADOR)
    assert w.accion_tarifa_honorarios.isVisible()

    def usar(d: TarifaHonorariosDialog) -> None:
        assert "configurable" in d.estado.text() and not d.confirmar.isHidden()
        d.confirmar.click()
        assert "confirmó" in d.estado.text() and d.confirmar.isHidden()
        d.fuente.setText("Resolución de prueba")
        d.porcentaje.setText("8")
        d.agregar_tarifa()
        assert d.tarifas.rowCount() == 5

    _usuario(monkeypatch, TarifaHonorariosDialog, usar)
    w.accion_tarifa_honorarios.trigger()
    assert sorteados.honorarios_tarifa.configuracion().tarifa_confirmada


def test_reversing_the_last_payment_from_the_pagos_tab(qtbot: Any, sorteados: Servicios, settings: QSettings,
                                                       monkeypatch: pytest.MonkeyPatch, cajas: Cajas) -> None:
    srv = sorteados
    with srv.ctx.read() as s:
        numero = s.query(Expediente.numero).order_by(Expediente.numero).first()[0]
    # the test office already carries its monthly rate table (tests/ui/conftest.py)
    srv.pagos.registrar_abono(numero, date(2025, 6, 2), D("400.00"), "DEP-001")
    srv.honorarios.solicitar(numero)
    w = MainWindow(srv, settings)
    qtbot.addWidget(w)
    w.abrir_expediente(numero)
    tab = w.expediente.pagos
    assert tab.boton_revertir.isEnabled()
    monkeypatch.setattr("app.ui.pagos_tab.QInputDialog.getText", lambda *a, **k: ("", True))
    tab.boton_revertir.click()  # no reason: refused, nothing reversed
    assert "motivo del reverso" in cajas.ultima().texto
    monkeypatch.setattr("app.ui.pagos_tab.QInputDialog.getText", lambda *a, **k: ("Cheque protestado", True))
    tab.boton_revertir.click()
    qtbot.waitUntil(lambda: not tab.boton_revertir.isEnabled())
    assert srv.pagos.historial(numero).total_pagado == D("0.00")
    assert srv.honorarios_consultas.listar()[0].estado is EstadoSolicitud.REVERTIDO
    assert w.expediente.honorarios.solicitudes.fila(0).estado is EstadoSolicitud.REVERTIDO
