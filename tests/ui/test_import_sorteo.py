"""Archivo → Importar títulos… and Sorteo → Realizar sorteo… through the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app.common.errors import ImportRejected, RowProblem
from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from app.ui.sorteo_dialog import SorteoDialog
from app.ui.sorteo_models import COL_RES_EXPEDIENTES, COL_RES_SECRETARIO
from tests.conftest import SAMPLES
from tests.ui.conftest import Cajas

EJEMPLO = SAMPLES / "titulos_ejemplo.csv"
CON_ERRORES = SAMPLES / "titulos_con_errores.csv"


def _elegir_archivo(monkeypatch: pytest.MonkeyPatch, ruta: Path) -> list[tuple[Any, ...]]:
    llamadas: list[tuple[Any, ...]] = []

    def falso(*args: Any, **kwargs: Any) -> tuple[str, str]:
        llamadas.append(args)
        return str(ruta), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", falso)
    return llamadas


def _importar(qtbot: Any, w: MainWindow, cajas: Cajas) -> None:
    vistas = len(cajas.vistas)
    w.importador.accion.trigger()
    qtbot.waitUntil(lambda: len(cajas.vistas) > vistas, timeout=20000)
    qtbot.waitUntil(lambda: w.importador.accion.isEnabled(), timeout=5000)


def test_import_sample_shows_count(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    llamadas = _elegir_archivo(monkeypatch, EJEMPLO)
    _importar(qtbot, ventana, cajas)
    assert llamadas and "*.csv *.xlsx" in llamadas[0][3]
    caja = cajas.ultima()
    assert caja.titulo == "Importación terminada"
    pendientes = srv.sorteo.contar_pendientes()
    assert pendientes > 0
    assert caja.texto == f"Se importaron {pendientes} títulos de crédito de «titulos_ejemplo.csv»."
    assert ventana.settings.value("importacion/carpeta") == str(EJEMPLO.parent)


def test_bad_import_lists_the_bad_rows(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _elegir_archivo(monkeypatch, CON_ERRORES)
    _importar(qtbot, ventana, cajas)
    caja = cajas.ultima()
    assert caja.titulo == "Importación rechazada"
    assert caja.icono == QMessageBox.Icon.Warning
    assert "No se importó nada de «titulos_con_errores.csv»" in caja.texto
    lineas = caja.detalle.splitlines()
    assert len(lineas) >= 2
    assert all(ln.startswith("Línea ") and ", columna «" in ln for ln in lineas)
    assert srv.sorteo.contar_pendientes() == 0


def test_rejected_import_from_any_importer_is_listed(qtbot: Any, srv: Servicios, ventana: MainWindow,
                                                     cajas: Cajas, monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    class Rechaza:
        def importar(self, path: Path, progress: Any) -> Any:
            progress.step(0, 1, "Validando…")
            raise ImportRejected(path.name, [RowProblem(4, "identificacion", "dígito verificador incorrecto"),
                                             RowProblem(9, "fecha_emision", "«31/02/2025» no es una fecha válida")])

    monkeypatch.setattr(srv, "importacion", Rechaza(), raising=False)
    _elegir_archivo(monkeypatch, tmp_path / "lote.xlsx")
    _importar(qtbot, ventana, cajas)
    assert cajas.ultima().detalle.splitlines() == [
        "Línea 4, columna «identificacion»: dígito verificador incorrecto",
        "Línea 9, columna «fecha_emision»: «31/02/2025» no es una fecha válida",
    ]


def test_cancelled_file_dialog_does_nothing(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    ventana.importador.accion.trigger()
    assert ventana.importador.tarea is None
    assert not cajas.vistas


def _con_dialogo_sorteo(monkeypatch: pytest.MonkeyPatch, accion: Any) -> list[SorteoDialog]:
    """Replace SorteoDialog.exec: run ``accion(dlg)`` as the user would, instead of blocking."""
    vistos: list[SorteoDialog] = []

    def exec_falso(dlg: SorteoDialog) -> int:
        vistos.append(dlg)
        accion(dlg)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(SorteoDialog, "exec", exec_falso)
    return vistos


def test_sorteo_dialog_runs_in_background_and_shows_counts(qtbot: Any, con_titulos: Servicios,
                                                            ventana: MainWindow, cajas: Cajas) -> None:
    assert ventana.lista.model.total == 0
    dlg = SorteoDialog(con_titulos, ventana)
    qtbot.addWidget(dlg)
    assert dlg.pendientes_label.text() == "Hay 62 títulos de crédito pendientes de sorteo."
    assert dlg.pendientes.rowCount() == 62
    assert "Participan 3 secretarios-abogados activos" in dlg.participantes_label.text()
    dlg.semilla.setText("semilla-de-prueba")
    with qtbot.waitSignal(dlg.sorteo_realizado, timeout=20000) as senal:
        dlg.boton_realizar.click()
    r = senal.args[0]
    assert r.semilla == "semilla-de-prueba"
    assert cajas.vistas[0].titulo == "Realizar sorteo"  # the confirmation
    assert dlg.paginas.currentIndex() == 1
    resumen = {dlg.resumen.data(dlg.resumen.index(i, COL_RES_SECRETARIO)):
               int(dlg.resumen.data(dlg.resumen.index(i, COL_RES_EXPEDIENTES))) for i in range(dlg.resumen.rowCount())}
    assert sum(resumen.values()) == 62 and len(resumen) == 3
    assert max(resumen.values()) - min(resumen.values()) <= 1  # fair
    assert dlg.asignaciones.rowCount() == 62
    assert "semilla-de-prueba" in dlg.resultado_label.text()
    assert not dlg.boton_acta.isHidden() and dlg.boton_realizar.isHidden()
    assert con_titulos.sorteo.verificar(r.sorteo_id)


def test_sorteo_from_menu_refreshes_the_list(qtbot: Any, con_titulos: Servicios, ventana: MainWindow,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    terminado: list[bool] = []

    def sortear(dlg: SorteoDialog) -> None:
        dlg.sorteo_realizado.connect(lambda _r: terminado.append(True))
        dlg.boton_realizar.click()
        qtbot.waitUntil(lambda: bool(terminado), timeout=20000)

    _con_dialogo_sorteo(monkeypatch, sortear)
    ventana.accion_sorteo.trigger()
    # The list follows the broadcast of what the sorteo changed (no F5).
    qtbot.waitUntil(lambda: ventana.conteo.text() == "62 expedientes", timeout=5000)
    assert ventana.lista.model.total == 62


def test_sorteo_cancel_confirmation_writes_nothing(qtbot: Any, con_titulos: Servicios, ventana: MainWindow,
                                                   cajas: Cajas) -> None:
    cajas.responder = False
    dlg = SorteoDialog(con_titulos, ventana)
    qtbot.addWidget(dlg)
    dlg.boton_realizar.click()
    assert dlg.tarea is None
    assert con_titulos.sorteo.contar_pendientes() == 62


def test_sorteo_without_pending_titles(qtbot: Any, srv: Servicios, ventana: MainWindow) -> None:
    dlg = SorteoDialog(srv, ventana)
    qtbot.addWidget(dlg)
    assert "No hay títulos de crédito pendientes" in dlg.pendientes_label.text()
    assert not dlg.boton_realizar.isEnabled()
