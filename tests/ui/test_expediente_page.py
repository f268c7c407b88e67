"""The expediente page: carátula, índice, adding a PDF, verifying the foliation, opening and exporting."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.documents.paginas import paginas_pdf
from app.services.bootstrap import Servicios
from app.ui.documento_dialog import AgregarDocumentoDialog
from app.ui.expedientes_model import COL_DEUDOR
from app.ui.indice_model import COL_DESCRIPCION, COL_FOJAS, COL_TIPO
from app.ui.main_window import MainWindow
from tests.ui.conftest import Cajas


def _pdf(paginas: int) -> bytes:
    w = PdfWriter()
    for _ in range(paginas):
        w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _abrir_con_doble_clic(qtbot: Any, w: MainWindow, row: int) -> str:
    tabla = w.lista.tabla
    numero = w.lista.model.fila(row).numero
    idx = w.lista.model.index(row, COL_DEUDOR)
    tabla.scrollTo(idx)
    rect = tabla.visualRect(idx)
    # QAbstractItemView needs the press before the double click, as a real double click sends it.
    qtbot.mouseClick(tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tabla.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.paginas.currentWidget() is w.expediente, timeout=3000)
    assert w.expediente.numero == numero
    return numero


def _agregar(monkeypatch: pytest.MonkeyPatch, archivo: Path, descripcion: str = "") -> dict[str, Any]:
    visto: dict[str, Any] = {}

    def exec_falso(dlg: AgregarDocumentoDialog) -> int:
        dlg.set_archivo(archivo)
        if descripcion:
            dlg.descripcion.setText(descripcion)
        visto["hojas"] = dlg.hojas.value()
        visto["nota"] = dlg.nota_hojas.text()
        dlg.aceptar.click()  # «Agregar y foliar»: the dialog saves and closes (or stays open on a refusal)
        return dlg.result()

    monkeypatch.setattr(AgregarDocumentoDialog, "exec", exec_falso)
    return visto


def test_double_click_shows_caratula(qtbot: Any, sorteados: Servicios, ventana: MainWindow) -> None:
    numero = _abrir_con_doble_clic(qtbot, ventana, 0)
    c = sorteados.expedientes.caratula(numero)
    campos = ventana.expediente.campos
    assert ventana.expediente.titulo.text() == f"Juicio coactivo No. {numero}"
    assert campos["deudor"].text() == c.deudor
    assert campos["identificacion"].text().startswith(c.identificacion)
    assert campos["secretario"].text().startswith(c.secretario)
    assert campos["fecha_inicio"].text() == "13/05/2025"
    assert campos["etapa"].text() == "Sorteado"
    assert campos["juzgado"].text() == "Juzgado de Coactiva de Riobamba (Chimborazo)"
    assert campos["folios"].text() == "ninguna"
    assert ventana.expediente.model.rowCount() == 0
    assert not ventana.expediente.boton_abrir.isEnabled()


def test_add_pdf_prefills_pages_and_appears_in_indice(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    archivo = tmp_path / "escrito_del_coactivado.pdf"
    archivo.write_bytes(_pdf(3))
    assert paginas_pdf(archivo) == 3
    numero = _abrir_con_doble_clic(qtbot, ventana, 1)
    visto = _agregar(monkeypatch, archivo, "Escrito del coactivado dimitiendo bienes")
    ventana.expediente.boton_agregar.click()
    assert visto["hojas"] == 3
    assert "El PDF tiene 3 páginas;" in visto["nota"]
    page = ventana.expediente
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, COL_FOJAS)) == "1–3"
    assert page.model.data(page.model.index(0, COL_TIPO)) == "Escrito"
    assert page.model.data(page.model.index(0, COL_DESCRIPCION)) == "Escrito del coactivado dimitiendo bienes"
    assert page.campos["folios"].text() == "3 (tres)"
    assert page.boton_abrir.isEnabled()  # the new row is selected
    assert sorteados.foliacion.indice(numero)[0].hasta == 3


def test_verify_foliation_intact_then_broken(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                            cajas: Cajas) -> None:
    numero = ventana.lista.model.fila(0).numero
    sorteados.foliacion.agregar(numero, b"%PDF uno", "uno.pdf", tipo="ESCRITO", descripcion="Escrito", hojas=2,
                                fecha=date(2025, 5, 14))
    ventana.abrir_expediente(numero)
    ventana.expediente.boton_verificar.click()
    caja = cajas.ultima()
    assert caja.icono == QMessageBox.Icon.Information
    assert caja.texto == f"Foliación del juicio {numero} íntegra: 1 documento, fojas 1 a 2."
    # Someone edits the stored file after it was foliated.
    sha = sorteados.foliacion.indice(numero)[0].sha256
    sorteados.ctx.blobs.path(sha).write_bytes(b"%PDF alterado")
    ventana.expediente.boton_verificar.click()
    caja = cajas.ultima()
    assert caja.icono == QMessageBox.Icon.Warning
    assert "ALTERADA" in caja.texto and "uno.pdf" in caja.texto


@dataclass
class DocumentosFalso:
    """Stands in for servicios.documentos where the test is about the UI wiring only."""

    carpeta: Path
    exportados: list[uuid.UUID] = field(default_factory=list)
    indices: list[tuple[str, Path]] = field(default_factory=list)

    def exportar(self, documento_id: uuid.UUID, destino: Path | None = None) -> Path:
        self.exportados.append(documento_id)
        ruta = self.carpeta / f"{documento_id}.pdf"
        ruta.write_bytes(b"%PDF")
        return ruta

    def exportar_indice(self, numero: str, destino: Path) -> Path:
        self.indices.append((numero, destino))
        destino.write_bytes(b"docx")
        return destino


def test_open_document_with_system_app(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    falso = DocumentosFalso(tmp_path)
    monkeypatch.setattr(sorteados, "documentos", falso, raising=False)
    abiertas: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertas.append(url) or True)
    numero = ventana.lista.model.fila(0).numero
    entrada = sorteados.foliacion.agregar(numero, b"%PDF x", "x.pdf", tipo="ESCRITO", descripcion="X", hojas=1,
                                          fecha=date(2025, 5, 14))
    ventana.abrir_expediente(numero)
    page = ventana.expediente
    page.tabla.selectRow(0)
    page.boton_abrir.click()
    assert falso.exportados == [entrada.documento_id]
    assert [u.toLocalFile() for u in abiertas] == [str(tmp_path / f"{entrada.documento_id}.pdf")]


def test_export_indice_asks_where(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    falso = DocumentosFalso(tmp_path)
    monkeypatch.setattr(sorteados, "documentos", falso, raising=False)
    destino = tmp_path / "indice.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(destino), "Documento de Word (*.docx)"))
    numero = ventana.lista.model.fila(0).numero
    ventana.abrir_expediente(numero)
    ventana.expediente.boton_exportar.click()
    assert falso.indices == [(numero, destino)]
    assert str(destino) in ventana.statusBar().currentMessage()


def test_unknown_juicio_is_a_clear_message(qtbot: Any, sorteados: Servicios, ventana: MainWindow,
                                           cajas: Cajas) -> None:
    ventana.abrir_expediente("0601-2025-99999")
    assert cajas.ultima().texto == "No existe el juicio coactivo No. 0601-2025-99999 en esta oficina."
    assert ventana.paginas.currentWidget() is ventana.lista
