"""Oficina → Plantillas…: a template with an unknown field is refused naming it; a valid one replaces the
office's template; preview opens the sample render; restore goes back to the shipped one."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.domain.tipos import TipoDocumento
from app.services.bootstrap import Servicios
from app.ui.main_window import MainWindow
from app.ui.plantillas_page import COL_ORIGEN, PlantillasDialog
from tests.ui.conftest import Cajas
from tests.ui.dialogos import contestar


def _fila(dlg: PlantillasDialog, tipo: TipoDocumento) -> int:
    return next(r for r, p in enumerate(dlg.model.filas()) if p.tipo is tipo)


def _abrir(ventana: MainWindow, monkeypatch: pytest.MonkeyPatch, accion: Any) -> None:
    """Oficina → Plantillas…, then ``accion(dialog)`` as the user."""
    contestar(monkeypatch, PlantillasDialog, accion)
    ventana.accion_plantillas.trigger()


def test_unknown_field_is_named(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    mala = tmp_path / "rpv_oficina.docx"
    d = Document()
    d.add_paragraph("REQUERIMIENTO {{ numero_de_cedula_del_perro }}")
    d.save(str(mala))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mala), ""))
    origenes: list[str] = []

    def usar(dlg: PlantillasDialog) -> None:
        dlg.tabla.selectRow(_fila(dlg, TipoDocumento.RPV))
        assert dlg.boton_reemplazar.isEnabled()
        dlg.boton_reemplazar.click()
        origenes.append(dlg.model.data(dlg.model.index(_fila(dlg, TipoDocumento.RPV), COL_ORIGEN)))

    _abrir(ventana, monkeypatch, usar)
    assert "numero_de_cedula_del_perro" in cajas.ultima().texto
    assert origenes == ["Incluida en Foja"]  # nothing changed
    assert not any(p.propia for p in srv.documentos.plantillas())


def test_replace_preview_restore(qtbot: Any, srv: Servicios, ventana: MainWindow, cajas: Cajas,
                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    buena = tmp_path / "opi_oficina.docx"
    shutil.copyfile(srv.documentos.plantilla(TipoDocumento.OPI), buena)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(buena), ""))
    abiertas: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertas.append(url) or True)
    estados: list[str] = []

    def usar(dlg: PlantillasDialog) -> None:
        fila = _fila(dlg, TipoDocumento.OPI)
        dlg.tabla.selectRow(fila)
        assert not dlg.boton_restaurar.isEnabled()  # the shipped one is in use
        dlg.boton_reemplazar.click()
        estados.append(dlg.model.data(dlg.model.index(fila, COL_ORIGEN)))
        dlg.boton_previa.click()
        assert dlg.boton_restaurar.isEnabled()
        dlg.boton_restaurar.click()  # confirmed by the test's message-box stand-in
        estados.append(dlg.model.data(dlg.model.index(fila, COL_ORIGEN)))

    _abrir(ventana, monkeypatch, usar)
    assert estados == ["Propia de la oficina", "Incluida en Foja"]
    assert any("es ahora la de la oficina" in c.texto for c in cajas.vistas)
    assert abiertas and abiertas[0].toLocalFile().endswith("Vista_previa_opi.docx")
    assert Path(abiertas[0].toLocalFile()).is_file()


def test_field_list_shown_and_the_help_example_is_accepted(qtbot: Any, srv: Servicios, ventana: MainWindow,
                                                           cajas: Cajas, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    import re

    from app.documents.campos.muestras import muestra

    plantilla = tmp_path / "opi_oficina.docx"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(plantilla), ""))
    vistos: dict[str, Any] = {}

    def usar(dlg: PlantillasDialog) -> None:
        dlg.tabla.selectRow(_fila(dlg, TipoDocumento.OPI))
        m = dlg.campos
        filas = {m.data(m.index(r, 0)): m.data(m.index(r, 2)) for r in range(m.rowCount())}
        vistos["filas"] = filas
        assert "Campos de «Orden de pago inmediato»" in dlg.titulo_campos.text()
        # The help's examples are real fields: a template written with them is accepted.
        ejemplos = re.findall(r"\{\{ *(\w+) *\}\}", dlg.ayuda.text())
        assert ejemplos and "juicio" not in ejemplos
        d = Document()
        d.add_paragraph("ORDEN DE PAGO " + " ".join(f"{{{{ {e} }}}}" for e in ejemplos))
        d.save(str(plantilla))
        dlg.boton_reemplazar.click()
        dlg.grab().save(str(tmp_path / "plantillas.png"))

    _abrir(ventana, monkeypatch, usar)
    filas = vistos["filas"]
    assert filas["{{ juicio_numero }}"] == "0601-2025-00042"
    assert {re.sub(r"^\{\{ (\w+) \}\}$|^\{% for x in (\w+) %\}$", r"\1\2", k) for k in filas} == set(
        muestra(TipoDocumento.OPI))
    assert any(k == "{% for x in medidas %}" for k in filas)
    assert cajas.ultima().texto.startswith("La plantilla de «Orden de pago inmediato» es ahora la de la oficina")
