"""From an expediente: register a vehicle with two photos, appoint its depositario (acta de posesión foliated);
the jefe sees the overdue report; the depositario logs in, files his report with a photo; the jefe's alert clears."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from app.common.dates import local_today
from app.domain.bienes import EstadoBien, TipoBien
from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.ui.bien_dialogs import DesignarDepositarioDialog, InformeDialog, RegistrarBienDialog
from app.ui.campos import poner_fecha
from app.ui.main_window import MainWindow
from tests.cuentas import hasher_rapido
from tests.services.bienes_helpers import CEDULA_DEPOSITARIO, PNG, VIN, juicio_embargado
from tests.ui.conftest import Cajas
from tests.ui.dialogos import contestar

CLAVE = "Clave-Segura-2025"


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings, login: str | None = None) -> MainWindow:
    w = MainWindow(srv.como(srv.usuarios.autenticar(login, CLAVE)) if login else srv, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_vehiculo_depositario_informe_y_alerta_del_jefe(qtbot: Any, srv: Servicios, settings: QSettings,
                                                         cajas: Cajas, monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    j, _acta = juicio_embargado(srv)
    srv.usuarios.crear("jorge", "Jorge Luis Naranjo Chávez", Rol.DEPOSITARIO, clave=CLAVE, debe_cambiar_clave=False)
    srv.usuarios.crear("jefa", "Jefa de la Unidad", Rol.JEFE, clave=CLAVE, debe_cambiar_clave=False)
    srv.depositarios.crear("Jorge Luis Naranjo Chávez", CEDULA_DEPOSITARIO, "0991234567", login="jorge")
    fotos = []
    for nombre in ("frente.png", "placa.png"):
        (tmp_path / nombre).write_bytes(PNG + nombre.encode())
        fotos.append(tmp_path / nombre)

    # -- the secretario (here the data dir's principal) registers the vehicle from the expediente
    w = _ventana(qtbot, srv, settings)
    w.abrir_expediente(j)
    tab = w.expediente.bienes
    w.expediente.ir_a(tab)

    def llenar_bien(d: RegistrarBienDialog) -> None:
        d.elegir_tipo(TipoBien.VEHICULO)
        for clave, valor in {"placa": "hbc 1234", "chasis": VIN, "marca": "Chevrolet", "modelo": "D-Max",
                             "anio": "2019", "color": "blanco"}.items():
            d.campos[clave].setText(valor)
        d.valor.setText("900,00")
        d.ubicacion.setText("Av. Daniel León Borja 24-15")
        d.fotos.agregar_rutas(fotos)
        assert d.fotos.lista.count() == 2

    contestar(monkeypatch, RegistrarBienDialog, llenar_bien)
    tab.botones["registrar"].click()
    assert tab.model.rowCount() == 1
    bien = tab.model.fila(0)
    assert bien.placa == "HBC-1234" and bien.estado is EstadoBien.EMBARGADO and bien.foto_sha256
    assert len(srv.bienes.ficha(bien.id).fotos) == 2

    # -- appoint the depositario (custody 40 days ago: his first report is already overdue)
    tab.tabla.selectRow(0)
    posesion = local_today() - timedelta(days=40)

    def llenar_designacion(d: DesignarDepositarioDialog) -> None:
        assert d.depositario.count() == 1
        poner_fecha(d.fecha, posesion)
        d.lugar.setText("Patio de la Unidad, Riobamba")

    contestar(monkeypatch, DesignarDepositarioDialog, llenar_designacion)
    folios_antes = srv.foliacion.indice(j)[-1].hasta
    tab.botones["designar"].click()
    indice = srv.foliacion.indice(j)
    assert indice[-1].tipo == "ACTA_POSESION" and indice[-1].desde == folios_antes + 1
    assert srv.foliacion.verificar(j).intacta
    assert w.expediente.model.rowCount() == len(indice)  # the page's índice shows the acta
    assert tab.model.fila(0).estado is EstadoBien.EN_CUSTODIA and tab.model.fila(0).depositario
    w.close()

    # -- the jefe sees the overdue report
    jefe = _ventana(qtbot, srv, settings, "jefa")
    assert "1 informe de depositario vencido" in jefe.statusBar().currentMessage()
    jefe.accion_bienes.trigger()
    assert jefe.paginas.currentWidget() is jefe.bienes
    assert "1 informe de depositario vencido" in jefe.bienes.alerta.text()
    jefe.bienes.solo_vencidos.setChecked(True)
    assert jefe.bienes.model.rowCount() == 1

    # -- the depositario logs in: his home shows the good, overdue; he files the report with a photo
    dep = _ventana(qtbot, srv, settings, "jorge")
    pagina = dep.bienes
    assert dep.paginas.currentWidget() is pagina
    assert pagina.model.rowCount() == 1 and "Vencido" in pagina.model.index(0, 8).data()
    assert "Tiene 1 informe de depositario vencido" in pagina.alerta.text()
    pagina.tabla.selectRow(0)

    def llenar_informe(d: InformeDialog) -> None:
        assert d.ubicacion.text() == "Patio de la Unidad, Riobamba"
        d.condicion.setCurrentText("Buena")
        d.observaciones.setPlainText("Sin novedad; se encendió el motor.")
        d.costo.setText("35,00")
        d.concepto.setText("parqueadero del mes")
        d.fotos.agregar_rutas(fotos[:1])

    contestar(monkeypatch, InformeDialog, llenar_informe)
    pagina.boton_informe.click()
    assert "Informes al día" in pagina.alerta.text()
    assert "Hasta el" in pagina.model.index(0, 8).data()

    # -- the jefe's alert clears (F5)
    jefe.actualizar()
    assert "Informes al día" in jefe.bienes.alerta.text()
    assert jefe.bienes.model.rowCount() == 0  # «solo vencidos» still checked: nothing overdue
    assert not [c for c in cajas.vistas if c.icono.name != "Information"]
    costas = srv.liquidacion.calcular(j, local_today()).costas
    assert costas == 35


def test_un_error_deja_el_dialogo_abierto_con_lo_escrito(qtbot: Any, srv: Servicios, settings: QSettings,
                                                         cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    j, _acta = juicio_embargado(srv)
    w = _ventana(qtbot, srv, settings)
    w.abrir_expediente(j)
    tab = w.expediente.bienes
    vistos: list[tuple[str, str]] = []

    def llenar(d: RegistrarBienDialog) -> None:
        d.show()
        # The user types a VIN with a wrong check digit and presses «Registrar»: refused, the dialog stays open.
        d.elegir_tipo(TipoBien.VEHICULO)
        for clave, valor in {"chasis": "1M8GDM9A1KP042788", "marca": "Chevrolet", "modelo": "D-Max",
                             "anio": "2019"}.items():
            d.campos[clave].setText(valor)
        d.aceptar.click()
        assert d.isVisible()
        vistos.append((d.campos["chasis"].text(), d.campos["marca"].text()))
        d.campos["chasis"].setText(VIN)  # he fixes the one character
        d.aceptar.click()
        vistos.append((d.campos["chasis"].text(), d.campos["marca"].text()))

    contestar(monkeypatch, RegistrarBienDialog, llenar)
    tab.botones["registrar"].click()
    assert vistos == [("1M8GDM9A1KP042788", "Chevrolet"), (VIN, "Chevrolet")]
    assert "dígito verificador" in cajas.vistas[0].texto and "debería ser «X»" in cajas.vistas[0].texto
    assert tab.model.rowCount() == 1 and tab.model.fila(0).chasis == VIN


def test_reglas_configurables_desde_la_pagina(qtbot: Any, srv: Servicios, settings: QSettings,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.reglas_bienes_dialog import ReglasBienesDialog

    w = _ventana(qtbot, srv, settings)
    w.accion_bienes.trigger()
    assert w.bienes.boton_reglas.isVisible()

    def llenar(d: ReglasBienesDialog) -> None:
        assert d.meses.value() == 1 and d.base.value() == 100
        d.meses.setValue(2)
        d.base.setValue(66.67)

    contestar(monkeypatch, ReglasBienesDialog, llenar)
    w.bienes.boton_reglas.click()
    r = srv.depositarios.reglas()
    assert r.informe_meses == 2 and str(r.base_remate) == "0.6667"
