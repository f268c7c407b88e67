"""Every table model of the juicio's tabs, the vencimientos view and the templates passes Qt's model tester."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.ui.actos_tab import COL_H_DOCUMENTO, COL_T_ESTADO, FilaHistorial, HistorialModel, TerminosModel
from app.ui.convenio_tab import COL_NUMERO, CuotasModel
from app.ui.coobligados_tab import COL_CALIDAD, CoobligadosModel
from app.ui.medidas_tab import COL_MONTO, MedidasModel
from app.ui.notificaciones_tab import COL_RESULTADO, NotificacionesModel
from app.ui.pagos_tab import COL_C_MONTO, COL_P_CAPITAL, CostasModel, PagosModel
from app.ui.plantillas_page import COL_ORIGEN, PlantillasModel
from app.ui.vencimientos_page import COL_DIAS, ROL_ORDEN, VencimientosModel

TZ = ZoneInfo("America/Guayaquil")


@pytest.fixture
def tramitado(sorteados: Servicios) -> tuple[Servicios, str]:
    """One expediente with a bit of everything: RPV, OPI, two notifications, a co-obligado, two medidas
    (one answered), a cost and an abono; another one with an APP."""
    srv = sorteados
    numero, otro = (f.numero for f in srv.expedientes.buscar(limite=2))
    srv.deudores.agregar_coobligado(numero, "0602910945", "Luis Pilamunga", "GARANTE", "Av. Colón 12")
    srv.documentos.generar(TipoDocumento.RPV, numero, date(2025, 5, 14))
    # notified on 15/05/2025: its 10 días hábiles run to 30/05/2025 (23/05, Batalla de Pichincha, moved)
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 5, 15, 9, tzinfo=TZ),
                                 direccion="Veloz 1", efectiva=True, notifica="RPV")
    srv.documentos.generar(TipoDocumento.OPI, numero, date(2025, 6, 2))
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 6, 3, 9, tzinfo=TZ),
                                 direccion="Veloz 1", efectiva=False)
    srv.notificaciones.registrar(numero, intento=2, forma="BOLETA", fecha_hora=datetime(2025, 6, 4, 9, tzinfo=TZ),
                                 direccion="Veloz 1", recibido_por="Rosa", efectiva=True,
                                 adjuntos=[("boleta.jpg", b"\xff\xd8jpeg")])
    m = srv.medidas.ordenar(numero, "RETENCION", fecha_envio=date(2025, 6, 4))
    srv.medidas.registrar_respuesta(m.id, date(2025, 6, 6), "Retenido", "80.00")
    srv.medidas.ordenar(numero, "PROHIBICION_INMUEBLE", fecha_envio=date(2025, 6, 4))
    srv.pagos.registrar_costa(numero, date(2025, 6, 5), "Publicación", "25.00")
    srv.pagos.registrar_abono(numero, date(2025, 6, 9), "50.00", "REC-1")
    srv.convenios.crear(otro, date(2025, 6, 2), 6)
    return srv, numero


def test_historial_and_terminos(qtmodeltester: Any, tramitado: tuple[Servicios, str]) -> None:
    srv, numero = tramitado
    h = HistorialModel()
    h.set_filas([FilaHistorial(a, "1" if a.documento_id else "") for a in srv.actos.historial(numero)])
    qtmodeltester.check(h)
    assert h.data(h.index(0, COL_H_DOCUMENTO)) == "fojas 1"
    t = TerminosModel()
    t.set_filas(srv.actos.terminos(numero))
    qtmodeltester.check(t)
    estados = {t.data(t.index(r, COL_T_ESTADO)) for r in range(t.rowCount())}
    # the RPV's término ended with the OPI; the OPI's 3 días (from 04/06) are overdue today
    assert estados == {"VENCIDO", "Cumplido el 02/06/2025"}


def test_notificaciones_medidas_pagos_partes(qtmodeltester: Any, tramitado: tuple[Servicios, str]) -> None:
    srv, numero = tramitado
    n = NotificacionesModel()
    n.set_filas(srv.notificaciones.listar(numero))
    qtmodeltester.check(n)
    assert [n.data(n.index(r, COL_RESULTADO)) for r in range(3)] == ["Efectiva", "Fallida", "Efectiva"]
    m = MedidasModel()
    m.set_filas(srv.medidas.listar(numero))
    qtmodeltester.check(m)
    assert m.data(m.index(0, COL_MONTO)) == "80,00"
    h = srv.pagos.historial(numero)
    p = PagosModel()
    p.set_filas(h.pagos)
    qtmodeltester.check(p)
    assert p.data(p.index(0, COL_P_CAPITAL)) == "0,00"
    c = CostasModel()
    c.set_filas(h.costas)
    qtmodeltester.check(c)
    assert c.data(c.index(0, COL_C_MONTO)) == "25,00"
    co = CoobligadosModel()
    co.set_filas(srv.deudores.coobligados(numero))
    qtmodeltester.check(co)
    assert co.data(co.index(0, COL_CALIDAD)) == "Garante"


def test_cuotas(qtmodeltester: Any, tramitado: tuple[Servicios, str]) -> None:
    srv, _ = tramitado
    otro = srv.expedientes.buscar(limite=2)[1].numero
    model = CuotasModel()
    model.set_filas(srv.convenios.tabla(otro).cuotas)
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert model.data(model.index(0, COL_NUMERO)) == "1"
    assert sum(c.capital for c in model.filas()) > Decimal(0)


def test_vencimientos_and_proxy(qtmodeltester: Any, tramitado: tuple[Servicios, str]) -> None:
    srv, _ = tramitado
    model = VencimientosModel()
    model.set_filas(srv.vencimientos.listar(date(2026, 1, 5), alcance="todos"))
    qtmodeltester.check(model)
    assert model.data(model.index(0, COL_DIAS), ROL_ORDEN) < 0
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(ROL_ORDEN)
    proxy.sort(COL_DIAS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_plantillas(qtmodeltester: Any, srv: Servicios) -> None:
    model = PlantillasModel()
    model.set_filas(srv.documentos.plantillas())
    qtmodeltester.check(model)
    assert model.rowCount() == len(TipoDocumento)
    assert model.data(model.index(0, COL_ORIGEN)) == "Incluida en Foja"
