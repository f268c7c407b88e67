"""Ayuda → Guía de uso (F1) opens the Spanish user guide on the page of the user's role, offline (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.ui.ayuda import GUIA, GuiaDialog
from app.ui.main_window import MainWindow
from tests.cuentas import CLAVE, LOGINS, crear_usuarios, hasher_rapido


@pytest.fixture(autouse=True)
def _rapido(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)


def _ventana(qtbot: Any, srv: Servicios, settings: QSettings, rol: Rol) -> MainWindow:
    crear_usuarios(srv)
    w = MainWindow(srv.como(srv.usuarios.autenticar(LOGINS[rol], CLAVE)), settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize(("rol", "titulo"), [(Rol.SECRETARIO, "Secretario-abogado"),
                                             (Rol.DEPOSITARIO, "Depositario judicial"),
                                             (Rol.ADMINISTRADOR, "Guía de Foja")])
def test_f1_opens_the_guide_on_the_roles_page(qtbot: Any, srv: Servicios, settings: QSettings, rol: Rol,
                                              titulo: str) -> None:
    w = _ventana(qtbot, srv, settings, rol)
    ayuda = next(m for m in w.menuBar().actions() if m.text() == "A&yuda").menu()
    assert w.accion_guia in ayuda.actions() and w.accion_guia.shortcut() == QKeySequence("F1")
    w.accion_guia.trigger()  # as the menu or F1 does (offscreen, the window may not be the active one)
    guia = w.findChild(GuiaDialog)
    assert guia is not None and guia.isVisible()
    texto = guia.navegador.toPlainText()
    assert texto.startswith(titulo)
    assert "No se encontró" not in texto


def test_links_between_pages_and_the_screenshots_are_local_files(qtbot: Any) -> None:
    d = GuiaDialog(pagina="index.md")
    qtbot.addWidget(d)
    assert "Primeros pasos" in d.navegador.toPlainText()
    d.navegador.setSource(d.navegador.source().resolved("jefe.md"))
    assert d.pagina() == "jefe.md" and d.navegador.toPlainText().startswith("Jefe de unidad")
    d.navegador.backward()
    assert d.pagina() == "index.md"
    # every image and page a guide page names is there (the packaged program ships the folder as it is)
    import re

    for md in GUIA.glob("*.md"):
        for ref in re.findall(r"\]\(([^)#]+)\)", md.read_text(encoding="utf-8")):
            assert (GUIA / ref).is_file(), f"{md.name} nombra {ref}, que no existe"
