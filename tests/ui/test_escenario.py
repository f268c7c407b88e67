"""The issue's scenario through the real window: import the sample, run a sorteo, open an expediente,
generate the orden de pago inmediato, see its folios in the índice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog

from app.services.bootstrap import Servicios
from app.ui.expedientes_model import COL_DEUDOR, COL_ETAPA
from app.ui.main_window import MainWindow
from app.ui.sorteo_dialog import SorteoDialog
from tests.conftest import SAMPLES
from tests.ui.conftest import Cajas

EJEMPLO = SAMPLES / "titulos_ejemplo.csv"


def test_import_sorteo_open_generate_opi(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lista = ventana.lista

    # 1. Archivo → Importar títulos… (background task), the sample file chosen in the file dialog.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(EJEMPLO), ""))
    ventana.importador.accion.trigger()
    qtbot.waitUntil(lambda: bool(cajas.vistas), timeout=30000)
    assert cajas.ultima().texto.startswith("Se importaron ")
    importados = ventana._srv.sorteo.contar_pendientes()
    assert importados > 0
    assert lista.model.total == 0  # títulos wait for the sorteo

    # 2. Sorteo → Realizar sorteo… (background), then the dialog offers the acta.
    abiertas: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertas.append(url) or True)
    resultados: list[Any] = []

    def sortear(dlg: SorteoDialog) -> int:  # the user's part of SorteoDialog.exec()
        dlg.show()
        dlg.sorteo_realizado.connect(resultados.append)
        dlg.boton_realizar.click()
        qtbot.waitUntil(lambda: bool(resultados), timeout=60000)
        assert dlg.boton_acta.isEnabled() == (resultados[0].acta_documento_id is not None)
        if dlg.boton_acta.isEnabled():  # when Servicios wires the acta de sorteo
            dlg.boton_acta.click()
            assert abiertas and abiertas[0].toLocalFile().endswith(".docx")
        dlg.accept()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(SorteoDialog, "exec", sortear)
    ventana.accion_sorteo.trigger()
    assert resultados, "el sorteo no terminó"
    assert len(resultados[0].asignaciones) == importados
    qtbot.waitUntil(lambda: lista.model.total == importados, timeout=5000)  # the broadcast of the sorteo's changes
    assert ventana.conteo.text() == (f"200 de {importados} expedientes" if importados > 200
                                     else f"{importados} expedientes")

    # 3. Search as you type: a name prefix narrows the list (SQL, after the debounce).
    primero = lista.model.fila(0)
    palabra = primero.deudor.split()[0][:4]
    if palabra.isascii():
        qtbot.keyClicks(lista.busqueda, palabra)
    else:  # QTest types ASCII only
        lista.busqueda.setText(palabra)
    qtbot.waitUntil(lambda: lista.model.texto == palabra, timeout=3000)
    esperado = ventana._srv.expedientes.contar(palabra)
    assert 0 < lista.model.total == esperado < importados
    assert ventana.conteo.text().endswith(f"{esperado} expediente{'s' if esperado > 1 else ''}")

    # 4. Double-click a row: the expediente page shows its carátula.
    idx = lista.model.index(0, COL_DEUDOR)
    numero = lista.model.fila(0).numero
    rect = lista.tabla.visualRect(idx)
    qtbot.mouseClick(lista.tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(lista.tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pagina = ventana.expediente
    assert ventana.paginas.currentWidget() is pagina
    assert pagina.titulo.text() == f"Juicio coactivo No. {numero}"
    assert pagina.campos["deudor"].text() == lista.model.fila(0).deudor
    assert pagina.campos["etapa"].text() == "Sorteado"
    filas_antes = pagina.model.rowCount()

    # 5. «Generar orden de pago inmediato» on a juicio just drawn: the OPI comes only after the RPV, notified,
    # let its 10 días hábiles lapse (COA arts. 271, 279): the button is not offered, its tooltip says why, and
    # a click foliates nothing.
    vistas = len(cajas.vistas)
    assert not pagina.boton_opi.isEnabled()
    assert "corresponde a la etapa Requerimiento de pago" in pagina.boton_opi.toolTip()
    pagina.boton_opi.click()
    assert not pagina.ocupado and len(cajas.vistas) == vistas
    assert pagina.model.rowCount() == filas_antes
    assert pagina.campos["etapa"].text() == "Sorteado"

    # 6. Back to the list with Esc.
    qtbot.waitUntil(ventana.isActiveWindow, timeout=3000)
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Escape)
    assert ventana.paginas.currentWidget() is lista
    fila_lista = lista.model.fila_de_numero(numero)
    assert lista.model.data(lista.model.index(fila_lista, COL_ETAPA)) == "Sorteado"


def test_batch_opi_for_selected_rows(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas) -> None:
    lista = ventana.lista
    lista.tabla.selectRow(0)
    for row in (1, 2):
        lista.tabla.selectionModel().select(
            lista.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    numeros = lista.numeros_seleccionados()
    assert len(numeros) == 3
    vistas = len(cajas.vistas)
    ventana.opi_lote.accion.trigger()
    cajas.responder = True  # confirm (and, today being a non-working day, date it today anyway)

    def refusal() -> bool:
        return any("Requerimiento de pago" in c.texto + c.informativo + c.detalle for c in cajas.vistas[vistas:])

    qtbot.waitUntil(refusal, timeout=60000)
    # Juicios just drawn have no notified RPV: the batch is refused naming each one, and nothing is generated.
    texto = " ".join(c.texto + c.informativo + c.detalle for c in cajas.vistas[vistas:])
    assert all(n in texto for n in numeros) and "corresponde a la etapa Requerimiento de pago" in texto, texto
    for n in numeros:
        assert sorteados.expedientes.indice(n) == []
