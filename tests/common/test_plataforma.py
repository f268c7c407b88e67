"""Before Qt starts, a missing xcb library gets the exact apt-get line (issue 11: make run on a fresh desktop)."""

from __future__ import annotations

import pytest

from app.common.plataforma import BIBLIOTECAS_XCB, comprobar_plataforma, usa_xcb
from app.main import main


def _sin(*faltan: str):  # a loader that cannot load ``faltan``
    return lambda so: so not in faltan


def test_a_missing_xcb_library_names_its_debian_package_in_the_apt_line() -> None:
    msg = comprobar_plataforma({"DISPLAY": ":0"}, _sin("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert msg is not None
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in msg
    assert "libxcb-icccm.so.4" in msg and "faltan bibliotecas" in msg


def test_nothing_missing_or_offscreen_or_wayland_starts_qt() -> None:
    assert comprobar_plataforma({"DISPLAY": ":0"}, _sin()) is None
    todo_falta = _sin(*BIBLIOTECAS_XCB)
    assert comprobar_plataforma({"QT_QPA_PLATFORM": "offscreen"}, todo_falta) is None
    assert comprobar_plataforma({"WAYLAND_DISPLAY": "wayland-0"}, todo_falta) is None
    assert comprobar_plataforma({"QT_QPA_PLATFORM": "xcb"}, todo_falta) is not None
    assert not usa_xcb({}, plataforma="win32")
    sin_pantalla = comprobar_plataforma({}, _sin())
    assert sin_pantalla is not None and "DISPLAY" in sin_pantalla


def test_the_program_exits_with_the_message_before_starting_qt(monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import app.common.plataforma as plataforma

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(plataforma, "_carga", _sin("libxcb-cursor.so.0"))
    monkeypatch.setattr(plataforma.comprobar_plataforma, "__defaults__", (None, plataforma._carga))
    assert main([]) == 1
    assert "sudo apt-get install libxcb-cursor0" in capsys.readouterr().err
