"""Before Qt starts: are the system libraries of Qt's X11 (xcb) platform plugin installed?

Without them Qt aborts with «Could not load the Qt platform plugin "xcb"» and a hint that names the wrong
package (today ``libxcb-cursor0`` only, while a fresh Debian/Ubuntu desktop also lacks ``libxcb-icccm4`` and
``libxcb-keysyms1``). Foja checks first and prints the exact ``apt-get install`` line.

The list is what PySide6 6.x's ``plugins/platforms/libqxcb.so`` and its ``libQt6XcbQpa.so.6`` link against
(``ldd``, PySide6-Essentials 6.12), with the Debian/Ubuntu package that ships each library
(``dpkg -S``). Pure standard library: no Qt import.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

#: soname -> Debian/Ubuntu package, for Qt's xcb platform plugin (plus the GL/EGL/fontconfig every Qt needs).
BIBLIOTECAS_XCB: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def _carga(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def usa_xcb(entorno: Mapping[str, str] | None = None, plataforma: str | None = None) -> bool:
    """Whether Qt will start on its xcb (X11) platform: Linux and ``QT_QPA_PLATFORM`` unset or ``xcb``; not
    offscreen, wayland, vnc… A Wayland session without ``QT_QPA_PLATFORM`` uses Qt's wayland plugin."""
    entorno = os.environ if entorno is None else entorno
    if not (plataforma or sys.platform).startswith("linux"):
        return False
    pedido = entorno.get("QT_QPA_PLATFORM", "").strip().lower()
    if pedido:
        return pedido.split(";")[0].split(":")[0] == "xcb"
    return not entorno.get("WAYLAND_DISPLAY")


def bibliotecas_faltantes(carga: Callable[[str], bool] = _carga) -> list[str]:
    """The sonames of :data:`BIBLIOTECAS_XCB` that ``carga`` (default: ``ctypes.CDLL``) cannot load."""
    return [so for so in BIBLIOTECAS_XCB if not carga(so)]


def mensaje_faltantes(faltantes: list[str]) -> str:
    """Spanish explanation with the exact command that installs the missing libraries' packages."""
    paquetes = sorted({BIBLIOTECAS_XCB[so] for so in faltantes})
    return ("Foja no puede abrir su ventana: faltan bibliotecas del sistema que Qt necesita para dibujar en el "
            f"escritorio (X11/xcb): {', '.join(faltantes)}.\n"
            "Instálelas (una sola vez) con:\n\n"
            f"    sudo apt-get install {' '.join(paquetes)}\n\n"
            "y vuelva a abrir Foja. (Sin pantalla, QT_QPA_PLATFORM=offscreen no las necesita.)")


def comprobar_plataforma(entorno: Mapping[str, str] | None = None,
                         carga: Callable[[str], bool] = _carga) -> str | None:
    """None when Qt can start (not on xcb, or every library is there and a display is set); else the message
    of :func:`mensaje_faltantes`, or the one saying there is no display."""
    entorno = os.environ if entorno is None else entorno
    if not usa_xcb(entorno):
        return None
    faltan = bibliotecas_faltantes(carga)
    if faltan:
        return mensaje_faltantes(faltan)
    if not entorno.get("DISPLAY"):  # Qt would abort with «could not connect to display»
        return ("Foja no puede abrir su ventana: no hay un escritorio gráfico (la variable DISPLAY está vacía). "
                "Ábralo desde la sesión del escritorio; sin pantalla, use QT_QPA_PLATFORM=offscreen.")
    return None
