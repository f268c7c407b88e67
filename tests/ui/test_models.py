"""Every table model of the UI passes Qt's model tester."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from app.services.bootstrap import Servicios
from app.ui.expedientes_model import COL_CUANTIA, COL_NUMERO, PAGINA, ExpedientesModel
from app.ui.indice_model import COL_FOJAS, IndiceModel
from app.ui.secretarios_model import COL_ESTADO, SecretariosModel
from app.ui.sorteo_models import AsignacionesModel, PendientesModel, ResumenSorteoModel
from tests.ui.conftest import FECHA_SORTEO
from tests.ui.datos import crear_titulos


def test_expedientes_model_lazy_pages(qtbot: Any, qtmodeltester: Any, srv: Servicios) -> None:
    crear_titulos(srv, 450)
    srv.sorteo.realizar(semilla="m", fecha=FECHA_SORTEO)
    model = ExpedientesModel(srv)
    model.buscar("")
    assert model.total == 452
    assert model.rowCount() == PAGINA
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)  # the tester fetches more pages as it walks the model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 452
    assert not model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.conteo_cambiado, timeout=10000):  # a background query, then a reset
        model.sort(COL_CUANTIA, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == PAGINA
    assert model.data(model.index(0, COL_CUANTIA)) == "987.654,32"
    assert model.data(model.index(0, COL_CUANTIA), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(COL_NUMERO, Qt.Orientation.Horizontal) == "Juicio No."


def test_expedientes_model_empty(qtmodeltester: Any, srv: Servicios) -> None:
    model = ExpedientesModel(srv)
    model.buscar("")
    assert model.rowCount() == 0 and model.total == 0
    qtmodeltester.check(model)


def test_indice_model(qtmodeltester: Any, sorteados: Servicios) -> None:
    numero = sorteados.expedientes.buscar(limite=1)[0].numero
    sorteados.foliacion.agregar(numero, b"uno", "uno.pdf", tipo="ESCRITO", descripcion="Escrito", hojas=3,
                                fecha=date(2025, 5, 14))
    sorteados.foliacion.agregar(numero, b"dos", "dos.pdf", tipo="RESPUESTA", descripcion="Respuesta", hojas=1,
                                fecha=date(2025, 5, 15))
    model = IndiceModel()
    model.set_filas(sorteados.expedientes.indice(numero))
    qtmodeltester.check(model)
    assert [model.data(model.index(r, COL_FOJAS)) for r in range(2)] == ["1–3", "4"]


def test_secretarios_model(qtmodeltester: Any, srv: Servicios) -> None:
    x = srv.secretarios.listar()[0]
    srv.secretarios.actualizar(x.id, activo=False)
    model = SecretariosModel()
    model.set_filas(srv.secretarios.listar())
    qtmodeltester.check(model)
    estados = {model.data(model.index(r, COL_ESTADO)) for r in range(model.rowCount())}
    assert estados == {"Activo", "Inactivo"}


def test_sorteo_models(qtmodeltester: Any, con_titulos: Servicios) -> None:
    pendientes = PendientesModel()
    pendientes.set_filas(con_titulos.sorteo.pendientes())
    assert pendientes.rowCount() == 62
    qtmodeltester.check(pendientes)
    r = con_titulos.sorteo.realizar(semilla="m", fecha=FECHA_SORTEO)
    resumen = ResumenSorteoModel()
    resumen.set_filas(list(r.por_secretario().items()))
    qtmodeltester.check(resumen)
    asignaciones = AsignacionesModel()
    asignaciones.set_filas(r.asignaciones)
    qtmodeltester.check(asignaciones)
    assert asignaciones.rowCount() == 62
