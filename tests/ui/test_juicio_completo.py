"""The issue's scenario in the real window: one expediente carried through RPV, OPI, notificación, medida
cautelar, embargo (refused first, while the OPI's 3-día término runs) and archivo after paying the debt.
After each step the stage label and the índice are checked."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.services.medidas import TipoMedida
from app.services.notificaciones import FormaNotificacion
from app.ui.actos_tab import COL_H_ETAPA
from app.ui.expediente_page import ExpedientePage
from app.ui.generar_dialog import GenerarDocumentoDialog
from app.ui.indice_model import COL_FOJAS, COL_TIPO
from app.ui.main_window import MainWindow
from app.ui.medida_dialogs import OrdenarMedidaDialog, RespuestaMedidaDialog
from app.ui.notificacion_dialog import NotificacionDialog
from app.ui.pago_dialogs import AbonoDialog
from tests.ui.conftest import Cajas
from tests.ui.dialogos import contestar

T = TipoDocumento

SB_SEPS = "Superintendencia de Bancos y Superintendencia de Economía Popular y Solidaria (SEPS)"


def ultimo_tipo(p: ExpedientePage) -> str:
    return p.model.data(p.model.index(p.model.rowCount() - 1, COL_TIPO))


def generar(qtbot: Any, monkeypatch: pytest.MonkeyPatch, p: ExpedientePage, tipo: TipoDocumento, fecha: date,
            **campos: str) -> str | None:
    """Documento ▸ <tipo>…: the dialog gets the date (and text fields), then the background generation ends.
    Returns the warning the dialog showed for that date (None: the act is allowed then)."""
    aviso: list[str | None] = []

    def llenar(dlg: GenerarDocumentoDialog) -> None:
        dlg.poner_fecha(fecha)
        for clave, valor in campos.items():
            dlg.campos[clave].setText(valor)
        aviso.append(None if dlg.aviso.isHidden() else dlg.aviso.text())

    contestar(monkeypatch, GenerarDocumentoDialog, llenar)
    p.menu_documentos.acciones[tipo].trigger()
    assert aviso, "no se abrió el diálogo del documento"
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    return aviso[0]


def test_rpv_opi_notificacion_embargo_archivo(qtbot: Any, sorteados: Servicios, ventana: MainWindow, cajas: Cajas,
                                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    numero = ventana.lista.model.fila(0).numero
    ventana.abrir_expediente(numero)
    p = ventana.expediente
    etapa = p.campos["etapa"]
    assert etapa.text() == "Sorteado"
    assert p.model.rowCount() == 0

    # 1. Requerimiento de pago voluntario (10 días término).
    generar(qtbot, monkeypatch, p, T.RPV, date(2025, 5, 14))
    assert etapa.text() == "Requerimiento de pago"
    assert ultimo_tipo(p) == "Requerimiento de pago voluntario"
    assert p.model.data(p.model.index(0, COL_FOJAS)) == "1"  # the título de crédito's certified copy
    assert "Requerimiento de pago voluntario generado: fojas 2" in ventana.statusBar().currentMessage()
    # ... notified to the coactivado on 15/05/2025: its 10 días hábiles run to 30/05/2025 (COA art. 271).
    sorteados.notificaciones.registrar(numero, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                       direccion="Av. Daniel León Borja 24-15, Riobamba",
                                       fecha_hora=datetime(2025, 5, 15, 10, 0, tzinfo=ZoneInfo("America/Guayaquil")))
    ventana.abrir_expediente(numero)

    # 2. Orden de pago inmediato, once that término lapsed unpaid.
    generar(qtbot, monkeypatch, p, T.OPI, date(2025, 6, 2))
    assert etapa.text() == "Orden de pago inmediato"
    assert ultimo_tipo(p) == "Orden de pago inmediato"

    # 3. Notificación personal, efectiva, with a photo chosen in the native file dialog.
    foto = tmp_path / "fachada.jpg"
    imagen = QImage(64, 48, QImage.Format.Format_RGB32)
    imagen.fill(QColor("darkgreen"))
    assert imagen.save(str(foto), "JPG")  # a real JPEG: the notifications tab shows it as a thumbnail
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(foto)], ""))

    def notificar(dlg: NotificacionDialog) -> None:
        assert dlg.intento.value() == 1
        dlg.fecha_hora.setDateTime(QDateTime(QDate(2025, 6, 3), QTime(10, 30)))
        dlg.forma.setCurrentIndex(dlg.forma.findData(FormaNotificacion.PERSONAL.value))
        dlg.direccion.setText("Av. Daniel León Borja 24-15, Riobamba")
        dlg.efectiva.setChecked(True)
        dlg.boton_adjuntar.click()

    contestar(monkeypatch, NotificacionDialog, notificar)
    p.ir_a(p.notificaciones)
    p.notificaciones.boton_registrar.click()
    assert etapa.text() == "Notificado"
    n = p.notificaciones.model.fila(1)  # the first one is the RPV's
    assert n.efectiva and n.adjuntos and n.vence == date(2025, 6, 6)  # 3 business days
    tipos = [p.model.data(p.model.index(r, COL_TIPO)) for r in range(p.model.rowCount())]
    assert "Foto o escaneo de notificación" in tipos
    assert "El término vence el 06/06/2025" in ventana.statusBar().currentMessage()

    # 4. Medida cautelar: bank retention, its oficio generated, then the bank's reply with the amount.
    def ordenar(dlg: OrdenarMedidaDialog) -> None:
        dlg.tipo.setCurrentIndex(dlg.tipo.findData(TipoMedida.RETENCION.value))
        dlg.fecha.setDate(QDate(2025, 6, 3))
        assert dlg.destinatario.text() == SB_SEPS

    contestar(monkeypatch, OrdenarMedidaDialog, ordenar)
    p.ir_a(p.medidas)
    p.medidas.boton_ordenar.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    assert etapa.text() == "Medidas cautelares"
    assert ultimo_tipo(p) == "Oficio de retención de fondos"

    def responder(dlg: RespuestaMedidaDialog) -> None:
        dlg.fecha.setDate(QDate(2025, 6, 4))
        dlg.respuesta.setPlainText("Se retuvieron fondos en la cuenta de ahorros No. 2200114455.")
        dlg.monto.setText("150,00")

    contestar(monkeypatch, RespuestaMedidaDialog, responder)
    p.ir_a(p.medidas)
    p.medidas.tabla.selectRow(0)
    p.medidas.boton_respuesta.click()
    assert p.medidas.model.fila(0).monto_retenido == 150

    # 5. Embargo before the término of the OPI has run: refused with the reason, nothing written.
    filas = p.model.rowCount()
    aviso = generar(qtbot, monkeypatch, p, T.ACTA_EMBARGO, date(2025, 6, 5), depositario="Pedro Pérez Yépez")
    assert aviso is not None and "06/06/2025" in aviso  # the dialog warned while the date was chosen
    assert cajas.ultima().texto == ("No se puede embargar: el término de 3 días para pagar o dimitir bienes vence "
                                    "el 06/06/2025 (COA art. 279).")
    assert etapa.text() == "Medidas cautelares"
    assert p.model.rowCount() == filas

    # ... and after it: the embargo of the retained funds, with a depositario.
    assert generar(qtbot, monkeypatch, p, T.ACTA_EMBARGO, date(2025, 6, 9), depositario="Pedro Pérez Yépez") is None
    assert etapa.text() == "Embargo"
    assert ultimo_tipo(p) == "Acta de embargo"

    # 6. An abono of the whole saldo: the app proposes the archivo, the user accepts, the razón is generated.
    def abonar(dlg: AbonoDialog) -> None:
        dlg.fecha.setDate(QDate(2025, 6, 10))
        dlg.pagar_todo.click()
        dlg.referencia.setText("Depósito BanEcuador 778899")

    contestar(monkeypatch, AbonoDialog, abonar)
    p.ir_a(p.pagos)
    p.pagos.boton_abono.click()
    qtbot.waitUntil(lambda: not p.ocupado, timeout=30000)
    propuesta = next(c for c in cajas.vistas if c.titulo == "Archivo del juicio")
    assert propuesta.texto == "La deuda está pagada. ¿Generar el auto de archivo del juicio?"
    assert "Imputación:" in propuesta.informativo and "Saldo: USD 0,00" in propuesta.informativo
    assert etapa.text() == "Archivado"
    assert ultimo_tipo(p) == "Auto de archivo"
    assert p.pagos.pagos.rowCount() == 1
    assert "saldo a hoy: USD 0,00" in p.pagos.resumen.text()

    # The history shows every move as an act; the closed juicio refuses further acts, saying why.
    historial = p.actos.historial
    etapas = [historial.data(historial.index(r, COL_H_ETAPA)) for r in range(historial.rowCount())]
    assert [e for e in etapas if e != "—"] == [
        "→ Requerimiento de pago", "→ Orden de pago inmediato", "→ Notificado", "→ Medidas cautelares",
        "→ Embargo", "→ Archivado",
    ]
    boton = p.actos.botones[next(iter(p.actos.botones))]
    assert not boton.isEnabled() and "archivado" in boton.toolTip()
    assert not p.pagos.boton_abono.isEnabled()
    assert not cajas.crashes()
