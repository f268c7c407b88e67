"""The expediente page's tabs and menus: acts enabled or refused with the reason, co-obligados and persona
jurídica, convenio (APP), liquidación, PDF without LibreOffice, batch documents for selected rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QUrl
from PySide6.QtGui import QDesktopServices

from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.services.deudores import CalidadCoobligado, TipoPersona
from app.services.medidas import EstadoMedida
from app.ui.acto_dialog import ActoDialog
from app.ui.convenio_dialog import ConvenioDialog
from app.ui.coobligado_dialog import CoobligadoDialog
from app.ui.generar_dialog import GenerarDocumentoDialog
from app.ui.indice_model import COL_TIPO
from app.ui.lote_action import LoteDialog
from app.ui.main_window import MainWindow
from app.ui.medida_dialogs import LevantarMedidaDialog
from app.ui.notificacion_dialog import NotificacionDialog
from tests.services.helpers import rpv_vencido
from tests.ui.conftest import Cajas
from tests.ui.dialogos import contestar


def _abrir(ventana: MainWindow, fila: int = 0) -> str:
    numero = ventana.lista.model.fila(fila).numero
    ventana.abrir_expediente(numero)
    return numero


def test_acts_enabled_per_rules_with_reason(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _abrir(ventana)
    p = ventana.expediente
    actos = p.actos
    reanudar = actos.botones[TipoActo.REANUDACION]
    assert not reanudar.isEnabled()
    assert reanudar.toolTip() == "No se puede reanudar el juicio: el juicio no está suspendido."
    prorroga = actos.botones[TipoActo.PRORROGA]
    assert not prorroga.isEnabled() and "venció el 09/11/2025" in prorroga.toolTip()  # 13/05/2025 + 180 days
    assert "VENCIDO" in actos.plazo.text()
    assert actos.terminos.rowCount() == 1  # the secretario's plazo

    contestar(monkeypatch, ActoDialog, lambda d: (d.fecha.setDate(QDate(2025, 6, 2)),
                                                  d.descripcion.setPlainText("Ley Orgánica de Apoyo Financiero")))
    actos.botones[TipoActo.SUSPENSION].click()
    assert p.campos["etapa"].text() == "Suspendido"
    assert reanudar.isEnabled() and not actos.botones[TipoActo.SUSPENSION].isEnabled()
    reanudar.click()
    assert p.campos["etapa"].text() == "Sorteado"
    assert actos.historial.rowCount() == 2

    # A correction points at the selected act; the act itself is never edited.
    actos.tabla_historial.selectRow(0)
    contestar(monkeypatch, ActoDialog, lambda d: d.descripcion.setPlainText("La fecha correcta es el 03/06/2025."))
    actos.boton_corregir.click()
    assert actos.historial.rowCount() == 3
    assert actos.historial.fila(2).acto.corrige_id == actos.historial.fila(0).acto.id


def test_document_menu_refuses_an_act_out_of_stage(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                  cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    _abrir(ventana)
    p = ventana.expediente
    dialogos = contestar(monkeypatch, GenerarDocumentoDialog, lambda d: None)
    p.menu_documentos.acciones[TipoDocumento.ACTA_EMBARGO].trigger()
    assert not dialogos  # refused before asking anything
    assert cajas.ultima().texto == "No se puede embargar: no se ha emitido la orden de pago inmediato."
    p.menu_documentos.aboutToShow.emit()
    assert p.menu_documentos.acciones[TipoDocumento.AUTO_ARCHIVO].toolTip().startswith("No se puede archivar")
    assert not p.menu_documentos.acciones[TipoDocumento.RPV].toolTip().startswith("No se puede")
    assert ventana.menu_documento.isEnabled()  # Expedientes ▸ Generar documento, same menu
    ventana.mostrar_lista()
    assert not ventana.menu_documento.isEnabled()


def test_coobligado_and_persona_juridica(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    fila = next(r for r in range(ventana.lista.model.rowCount())
                if ventana.lista.model.fila(r).identificacion == "1760004650001")  # Empresa Ñandú S.A.
    numero = _abrir(ventana, fila)
    partes = ventana.expediente.partes
    assert partes.tipo_persona.currentData() == TipoPersona.JURIDICA.value  # a sociedad's RUC
    assert not partes.aviso.isHidden()
    partes.representante.setText("María Fernanda Logroño")
    partes.representante_cedula.setText("0603001231")
    partes.direccion.setText("Av. 10 de Agosto y Larrea, Riobamba")
    partes.boton_deudor.click()
    d = sorteados.deudores.datos("1760004650001")
    assert (d.tipo_persona, d.representante_legal) == (TipoPersona.JURIDICA, "María Fernanda Logroño")
    assert partes.aviso.isHidden()

    def agregar(dlg: CoobligadoDialog) -> None:
        dlg.calidad.setCurrentIndex(dlg.calidad.findData(CalidadCoobligado.RESPONSABLE_SOLIDARIO.value))
        dlg.identificacion.setText("0926687856")
        dlg.nombre.setText("Jorge Bravo Ortiz")
        dlg.direccion.setText("Cdla. La Primavera, Riobamba")

    contestar(monkeypatch, CoobligadoDialog, agregar)
    partes.boton_agregar.click()
    assert partes.model.rowCount() == 1
    assert sorteados.deudores.coobligados(numero)[0].nombre == "Jorge Bravo Ortiz"

    # The notification dialog offers him as addressee.
    nombres: list[str] = []
    contestar(monkeypatch, NotificacionDialog,
              lambda dlg: nombres.extend(dlg.destinatario.itemText(i) for i in range(dlg.destinatario.count())),
              aceptar=False)
    ventana.expediente.notificaciones.boton_registrar.click()
    assert nombres == ["Empresa Ñandú S.A. (coactivado)", "Jorge Bravo Ortiz (responsable solidario)"]


def test_convenio_suspends_and_liquidacion_registers(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _abrir(ventana, 2)
    p = ventana.expediente

    # Liquidación at a date: figures, then registered with its document.
    liq = p.liquidacion
    liq.fecha.setDate(QDate(2025, 5, 28))
    liq.boton_calcular.click()
    calculada = liq.liquidacion
    assert calculada is not None and calculada.fecha_corte == date(2025, 5, 28)
    assert liq.valores["total"].text().startswith("USD ")
    liq.boton_registrar.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    assert p.model.data(p.model.index(p.model.rowCount() - 1, COL_TIPO)) == "Liquidación"
    assert "Última liquidación registrada: al 28/05/2025" in liq.ultima.text()

    # An APP: 12 monthly instalments; the juicio is suspended while it is kept; the auto is generated.
    def suscribir(dlg: ConvenioDialog) -> None:
        dlg.fecha.setDate(QDate(2025, 6, 2))
        dlg.meses.setValue(12)

    contestar(monkeypatch, ConvenioDialog, suscribir)
    p.convenio.boton_nuevo.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    assert p.campos["etapa"].text() == "Suspendido"
    assert p.convenio.model.rowCount() == 12
    assert "vigente (juicio suspendido)" in p.convenio.resumen.text()
    assert not p.convenio.boton_nuevo.isEnabled()
    assert p.convenio.boton_abrir.isEnabled()  # its auto de suspensión
    assert p.model.data(p.model.index(p.model.rowCount() - 1, COL_TIPO)) == "Auto de suspensión por convenio de pago"


def test_pdf_without_libreoffice_says_how_to_get_it(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                   cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.documents import pdf

    monkeypatch.delenv("FOJA_LIBREOFFICE", raising=False)
    monkeypatch.setattr(pdf, "ejecutable_libreoffice", lambda: None)
    numero = _abrir(ventana)
    sorteados.documentos.generar(TipoDocumento.RPV, numero, date(2025, 5, 14))
    p = ventana.expediente
    p.actualizar()
    p.tabla.selectRow(0)
    assert p.boton_pdf.isEnabled()
    p.boton_pdf.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    assert "Instale LibreOffice" in cajas.ultima().texto


def test_pdf_opens_the_converted_file(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services import documentos_exportacion

    def convertir(docx: Any, outdir: Any) -> Any:
        destino = outdir / (docx.stem + ".pdf")
        destino.write_bytes(b"%PDF-1.4")
        return destino

    monkeypatch.setattr(documentos_exportacion, "convertir_pdf", convertir)
    abiertas: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertas.append(url) or True)
    numero = _abrir(ventana)
    sorteados.documentos.generar(TipoDocumento.RPV, numero, date(2025, 5, 14))
    p = ventana.expediente
    p.actualizar()
    p.tabla.selectRow(0)
    p.boton_pdf.click()
    qtbot.waitUntil(lambda: bool(abiertas), timeout=30000)
    assert abiertas[0].toLocalFile().endswith(".pdf")


def _seleccionar(ventana: MainWindow, filas: tuple[int, ...]) -> list[str]:
    lista = ventana.lista
    lista.tabla.selectRow(filas[0])
    for row in filas[1:]:
        lista.tabla.selectionModel().select(
            lista.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    return lista.numeros_seleccionados()


def test_batch_rpv_for_selected_rows(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    numeros = _seleccionar(ventana, (0, 1, 2))

    def elegir(dlg: LoteDialog) -> None:
        assert dlg.seleccionados.isChecked() and "13/05/2025" in dlg.sorteo.text()
        dlg.tipo.setCurrentIndex(dlg.tipo.findData(TipoDocumento.RPV.value))
        dlg.fecha.setDate(QDate(2025, 5, 14))

    contestar(monkeypatch, LoteDialog, elegir)
    vistas = len(cajas.vistas)
    ventana.lote.accion.trigger()
    qtbot.waitUntil(lambda: len(cajas.vistas) > vistas, timeout=60000)
    assert cajas.ultima().texto == "Requerimiento de pago voluntario: 3 documentos generados."
    for n in numeros:
        assert [e.tipo for e in sorteados.expedientes.indice(n)] == ["TITULO_CREDITO", "RPV"]

    # Again: every one already has it, so nothing is generated and each reason is listed.
    qtbot.waitUntil(lambda: ventana.lote.accion.isEnabled(), timeout=5000)
    assert _seleccionar(ventana, (0, 1, 2)) == numeros  # the list was reloaded: select them again
    ventana.lote.accion.trigger()
    qtbot.waitUntil(lambda: len(cajas.vistas) > vistas + 1, timeout=60000)
    assert cajas.ultima().texto.startswith("No se generó ningún documento")
    assert all(n in cajas.ultima().texto for n in numeros)


def test_batch_with_blocked_juicios_generates_the_rest_and_lists_them(
        qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    numeros = _seleccionar(ventana, (0, 1, 2, 3))
    sorteados.documentos.generar(TipoDocumento.RPV, numeros[1], date(2025, 5, 14))  # already has its RPV

    def elegir(dlg: LoteDialog) -> None:
        assert dlg.seleccionados.text() == "Los 4 expedientes seleccionados en la lista"
        dlg.tipo.setCurrentIndex(dlg.tipo.findData(TipoDocumento.RPV.value))
        dlg.fecha.setDate(QDate(2025, 5, 14))

    contestar(monkeypatch, LoteDialog, elegir)
    ventana.lote.accion.trigger()
    qtbot.waitUntil(lambda: bool(cajas.vistas), timeout=60000)
    caja = cajas.ultima()
    assert caja.texto == "Requerimiento de pago voluntario: 3 documentos generados; 1 juicio no se generó."
    assert f"• {numeros[1]}: No se puede emitir el requerimiento" in caja.informativo
    assert caja.detalle.startswith(f"{numeros[1]}: ")
    for n in (numeros[0], numeros[2], numeros[3]):
        assert [e.tipo for e in sorteados.expedientes.indice(n)] == ["TITULO_CREDITO", "RPV"]


def test_batch_for_the_latest_sorteo(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def elegir(dlg: LoteDialog) -> None:
        assert not dlg.seleccionados.isEnabled() and dlg.sorteo.isChecked()
        dlg.tipo.setCurrentIndex(dlg.tipo.findData(TipoDocumento.CARATULA.value))

    contestar(monkeypatch, LoteDialog, elegir)
    ventana.lista.tabla.clearSelection()
    ventana.lote.accion.trigger()
    qtbot.waitUntil(lambda: bool(cajas.vistas), timeout=60000)
    assert cajas.ultima().texto == "Carátula del expediente: 62 documentos generados."


def test_levantar_medida_with_its_oficio(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    numero = ventana.lista.model.fila(0).numero
    rpv_vencido(sorteados, numero, date(2025, 6, 16))
    sorteados.documentos.generar(TipoDocumento.OPI, numero, date(2025, 6, 16))
    sorteados.medidas.ordenar(numero, "PROHIBICION_VEHICULO", fecha_envio=date(2025, 6, 17))
    ventana.abrir_expediente(numero)
    p = ventana.expediente
    medidas = p.medidas
    medidas.tabla.selectRow(0)
    assert medidas.boton_levantar.isEnabled() and medidas.boton_oficio.isEnabled()
    contestar(monkeypatch, LevantarMedidaDialog, lambda d: (d.fecha.setDate(QDate(2025, 6, 24)),
                                                            d.motivo.setText("haberse suscrito un convenio")))
    medidas.boton_levantar.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    m = medidas.model.fila(0)
    assert m.estado is EstadoMedida.LEVANTADA and m.levantamiento_documento_id is not None
    assert p.model.data(p.model.index(p.model.rowCount() - 1, COL_TIPO)) == "Oficio de levantamiento de medidas"
    medidas.tabla.selectRow(0)
    assert not medidas.boton_levantar.isEnabled()


def test_batch_can_be_cancelled(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    def lote_lento(tipo: Any, numeros: list[str], progress: Any, fecha: Any = None, datos: Any = None,
                   **_kw: Any) -> Any:
        for i in range(10_000):
            progress.step(i, 10_000, f"Documento {i + 1}")
            threading.Event().wait(0.002)
        raise AssertionError("no se canceló")

    monkeypatch.setattr(sorteados.documentos, "generar_lote", lote_lento)
    _seleccionar(ventana, (0, 1))
    contestar(monkeypatch, LoteDialog, lambda d: d.fecha.setDate(QDate(2025, 5, 14)))  # a business day
    ventana.lote.accion.trigger()
    assert ventana.lote.ocupado and not ventana.lote.accion.isEnabled()
    ventana.lote.tarea.cancelar()  # the progress dialog's «Cancelar»
    qtbot.waitUntil(lambda: bool(cajas.vistas), timeout=10000)
    assert cajas.ultima().texto == "Generación cancelada."
    qtbot.waitUntil(lambda: ventana.lote.accion.isEnabled(), timeout=5000)
