"""Spanish everywhere: Qt's own dialogs translated («Ver en:», «archivo», not «Look in:» or «fichero»), counts
with the noun in the right number, the window title naming «Foja» once (issue 11)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app.common.text import plural, segun
from app.ui.app import instalar_traducciones


def test_qt_dialogs_in_spanish_with_archivo(qtbot: Any, qapp: QApplication) -> None:
    traductor = instalar_traducciones(qapp)
    assert traductor is not None, "falta qtbase_es en la instalación de Qt"
    try:
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "Ver en:"
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Nombre de archivo:"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Archivos de tipo:"
        dlg = QFileDialog(None, "Guardar")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dlg)
        textos = {lbl.text() for lbl in dlg.findChildren(QLabel)}
        assert "&Nombre de archivo:" in textos
        assert not any("ichero" in t or "Look in" in t for t in textos)
    finally:
        qapp.removeTranslator(traductor)


def test_plurals() -> None:
    assert plural(1, "expediente") == "1 expediente"
    assert plural(2, "término") == "2 términos"
    assert plural(0, "expediente") == "0 expedientes"
    assert plural(1200, "expediente seleccionado") == "1.200 expedientes seleccionados"
    assert plural(3, "bien") == "3 bienes" and plural(2, "acción") == "2 acciones"
    assert plural(2, "secretario-abogado activo") == "2 secretarios-abogados activos"
    assert plural(5, "título de crédito", "títulos de crédito") == "5 títulos de crédito"
    assert plural(1, "título de crédito", "títulos de crédito") == "1 título de crédito"
    assert plural(2, "informe vencido") == "2 informes vencidos" and plural(2, "lunes") == "2 lunes"
    assert f"{plural(1, 'juicio')} no {segun(1, 'se generó', 'se generaron')}" == "1 juicio no se generó"
