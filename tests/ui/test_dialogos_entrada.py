"""No dialog loses what was typed: a refusal keeps it open with the field marked; dates stay as typed; a
payment dated before the OPI is confirmed first (issue 11)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog

from app.common.dates import local_today
from app.domain.fechas_pago import revisar_fecha_pago
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.services.notificaciones import FormaNotificacion
from app.ui.campos import campo_fecha, fecha_de
from app.ui.fotos import VisorFotos
from app.ui.main_window import MainWindow
from app.ui.notificacion_dialog import NotificacionDialog
from app.ui.pago_dialogs import AbonoDialog
from tests.services.helpers import rpv_vencido
from tests.ui.conftest import Cajas
from tests.ui.dialogos import contestar

ACEPTADO = QDialog.DialogCode.Accepted.value


def _foto(tmp_path: Path) -> Path:
    img = QImage(64, 48, QImage.Format.Format_RGB32)
    img.fill(QColor("darkgreen"))
    ruta = tmp_path / "fachada.png"
    assert img.save(str(ruta))
    return ruta


def test_notification_without_address_stays_open_and_keeps_fields_and_photos(
        qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    numero = ventana.lista.model.fila(0).numero
    sorteados.documentos.generar(TipoDocumento.RPV, numero, date(2025, 5, 14))
    ventana.abrir_expediente(numero)
    tab = ventana.expediente.notificaciones
    foto = _foto(tmp_path)

    def llenar(dlg: NotificacionDialog) -> None:
        dlg.show()
        qtbot.waitExposed(dlg)
        # The coactivado has no address on file: the placeholder says the field is required.
        assert "no tiene dirección registrada" in dlg.direccion.placeholderText()
        dlg.notifica.setCurrentIndex(dlg.notifica.findData(TipoActo.RPV.value))
        dlg.fecha_hora.setDateTime(QDateTime(QDate(2025, 5, 15), QTime(10, 30)))
        dlg.forma.setCurrentIndex(dlg.forma.findData(FormaNotificacion.PERSONAL.value))
        dlg.recibido_por.setText("El propio coactivado")
        dlg.observaciones.setPlainText("Casa esquinera, portón verde")
        dlg.agregar_adjunto(foto)
        assert dlg.adjuntos.count() == 1 and not dlg.adjuntos.item(0).icon().isNull()  # a thumbnail

        qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
        # Refused: still open, the address marked, nothing typed or attached lost, nothing recorded.
        assert dlg.isVisible() and dlg.result() != ACEPTADO
        assert cajas.ultima().texto.startswith("Indique la dirección en que se notificó")
        assert dlg.marcados() == [dlg.direccion] and "Indique la dirección" in dlg.direccion.toolTip()
        assert dlg.recibido_por.text() == "El propio coactivado"
        assert dlg.observaciones.toPlainText() == "Casa esquinera, portón verde"
        assert dlg.fecha_hora.dateTime() == QDateTime(QDate(2025, 5, 15), QTime(10, 30))
        assert dlg.adjuntos.count() == 1 and dlg.datos().adjuntos[0][0] == "fachada.png"
        assert sorteados.notificaciones.listar(numero) == []

        # A refusal by the service (the OPI was not issued) also keeps everything.
        dlg.direccion.setText("Av. Daniel León Borja 24-15, Riobamba")
        dlg.notifica.setCurrentIndex(dlg.notifica.findData(TipoActo.OPI.value))
        vistas = len(cajas.vistas)
        qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
        assert dlg.isVisible() and len(cajas.vistas) == vistas + 1
        assert dlg.marcados() == [] and dlg.direccion.styleSheet() == ""  # the earlier mark is gone
        assert dlg.adjuntos.count() == 1 and dlg.direccion.text() == "Av. Daniel León Borja 24-15, Riobamba"

        dlg.notifica.setCurrentIndex(dlg.notifica.findData(TipoActo.RPV.value))
        qtbot.mouseClick(dlg.aceptar, Qt.MouseButton.LeftButton)
        assert dlg.result() == ACEPTADO and not dlg.isVisible()

    contestar(monkeypatch, NotificacionDialog, llenar)
    tab.boton_registrar.click()
    [n] = sorteados.notificaciones.listar(numero)
    assert n.direccion == "Av. Daniel León Borja 24-15, Riobamba" and n.recibido_por == "El propio coactivado"
    assert [a.nombre_archivo for a in n.adjuntos] == ["fachada.png"]
    assert tab.model.rowCount() == 1

    # The photo shows as a thumbnail under the list; double-click opens it large.
    tab.tabla.selectRow(0)
    assert tab.fotos.count() == 1 and not tab.fotos.item(0).icon().isNull()
    grandes: list[tuple[str, int]] = []
    monkeypatch.setattr(VisorFotos, "exec", lambda v: grandes.append((v.nombre.text(), v.imagen.pixmap().width())))
    tab.fotos.itemActivated.emit(tab.fotos.item(0))
    assert grandes == [("fachada.png  (1 de 1)", 64)]
    tab.boton_adjuntos.click()  # «Ver fotos»
    assert len(grandes) == 2


def test_date_typed_then_tab_stays_as_typed(qtbot: Any) -> None:
    dlg = AbonoDialog("0601-2025-00001", lambda _f: __import__("decimal").Decimal("100.00"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    for tecleado, esperado in (("15/03/2025", date(2025, 3, 15)), ("5/3/2025", date(2025, 3, 5)),
                               ("31/01/2025", date(2025, 1, 31)), ("07/04/25", date(2025, 4, 7)),
                               ("28022025", date(2025, 2, 28))):
        dlg.fecha.setDate(QDate(2025, 2, 28))  # Qt alone jumps to the month after a «3» typed over February
        dlg.fecha.setFocus()
        qtbot.waitUntil(dlg.fecha.hasFocus)
        qtbot.keyClicks(dlg.fecha, tecleado)
        qtbot.keyClick(dlg.fecha, Qt.Key.Key_Tab)
        assert fecha_de(dlg.fecha) == esperado, tecleado
        assert dlg.fecha.text() == esperado.strftime("%d/%m/%Y")
        assert dlg.monto.hasFocus(), "Tab deja el campo de la fecha"
    # A date that does not exist is not silently changed into another: the form refuses it, marked.
    dlg.fecha.setFocus()
    qtbot.waitUntil(dlg.fecha.hasFocus)
    qtbot.keyClicks(dlg.fecha, "31/02/2025")
    qtbot.keyClick(dlg.fecha, Qt.Key.Key_Tab)
    dlg.monto.setText("10,00")
    dlg.referencia.setText("R-1")
    dlg.aceptar.click()
    assert dlg.isVisible() and dlg.marcados() == [dlg.fecha]
    assert "31/02/2025 no existe" in dlg.fecha.toolTip()


def test_date_field_calendar_popup() -> None:
    assert campo_fecha(None).calendarPopup()  # type: ignore[arg-type]


def _con_opi(srv: Servicios, numero: str) -> None:
    rpv_vencido(srv, numero, date(2025, 6, 16))
    srv.documentos.generar(TipoDocumento.OPI, numero, date(2025, 6, 16))


def test_payment_before_the_opi_asks_confirmation(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                  cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    numero = ventana.lista.model.fila(0).numero
    _con_opi(sorteados, numero)
    ventana.abrir_expediente(numero)
    tab = ventana.expediente.pagos

    def llenar(dlg: AbonoDialog) -> None:
        dlg.show()
        dlg.fecha.setDate(QDate(2025, 6, 10))
        dlg.monto.setText("25,00")
        dlg.referencia.setText("Depósito 7781")
        cajas.responder = False  # «Corregir la fecha»
        dlg.aceptar.click()
        caja = cajas.ultima()
        assert caja.titulo == "Confirmar la fecha del pago"
        assert caja.texto == ("La fecha del pago (10/06/2025) es anterior a la orden de pago inmediato del "
                              "16/06/2025.")
        assert dlg.isVisible() and dlg.marcados() == [dlg.fecha] and dlg.monto.text() == "25,00"
        assert not sorteados.pagos.historial(numero).pagos
        cajas.responder = True  # «Registrar con esa fecha»
        dlg.aceptar.click()
        assert dlg.result() == ACEPTADO

    contestar(monkeypatch, AbonoDialog, llenar)
    tab.boton_abono.click()
    [p] = sorteados.pagos.historial(numero).pagos
    assert p.fecha == date(2025, 6, 10) and p.referencia == "Depósito 7781"


def test_payment_in_the_future_is_marked_to_correct(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                    cajas: Cajas, monkeypatch: pytest.MonkeyPatch) -> None:
    numero = ventana.lista.model.fila(0).numero
    _con_opi(sorteados, numero)
    ventana.abrir_expediente(numero)
    manana = local_today() + timedelta(days=1)

    def llenar(dlg: AbonoDialog) -> None:
        dlg.fecha.setDate(QDate(manana.year, manana.month, manana.day))
        dlg.monto.setText("25,00")
        dlg.referencia.setText("Depósito 7782")
        dlg.aceptar.click()
        assert "es posterior a hoy" in cajas.ultima().texto
        assert dlg.marcados() == [dlg.fecha] and dlg.referencia.text() == "Depósito 7782"

    vistos = contestar(monkeypatch, AbonoDialog, llenar)
    ventana.expediente.pagos.boton_abono.click()
    assert vistos and not sorteados.pagos.historial(numero).pagos


def test_payment_date_rule() -> None:
    hoy, opi = date(2025, 7, 1), date(2025, 6, 16)
    assert revisar_fecha_pago(date(2025, 6, 20), hoy, opi).confirmar == ()
    assert revisar_fecha_pago(date(2025, 6, 20), hoy, opi).error == ""
    assert revisar_fecha_pago(date(2025, 6, 2), hoy, None).confirmar == ()  # no OPI yet: nothing to compare
    assert "anterior a la orden de pago inmediato del 16/06/2025" in revisar_fecha_pago(date(2025, 6, 2), hoy,
                                                                                         opi).confirmar[0]
    assert "posterior a hoy (01/07/2025)" in revisar_fecha_pago(date(2025, 7, 2), hoy, opi).error
