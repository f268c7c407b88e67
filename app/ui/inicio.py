"""Which page each role opens on, and the menu actions each user may see.

The services refuse what a role may not do (``ctx.exigir``); hiding an action here only spares the user
a refusal. Page names are the keys the main window registers its pages under.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction

from app.domain.permisos import Permiso, Rol, UsuarioActual

EXPEDIENTES = "expedientes"
"""The list of expedientes (a secretario-abogado's shows his own; with the vencimientos panel beside it)."""
BIENES = "bienes"
"""The depositario's home (his goods, reports due); for the others, the office's inventory of goods."""
TABLERO = "tablero"
"""The office dashboard: counts by stage and by secretario."""
USUARIOS = "usuarios"
"""The administrador's users page."""
AUDITORIA = "auditoria"
"""The audit viewer."""
POR_NOTIFICAR = "por_notificar"
"""The citador-notificador's home: the requerimientos and órdenes de pago waiting to be notified."""

INICIO: dict[Rol, str] = {
    Rol.SECRETARIO: EXPEDIENTES,
    Rol.CITADOR: POR_NOTIFICAR,
    Rol.DEPOSITARIO: BIENES,
    Rol.JEFE: TABLERO,
    Rol.EJECUTOR: TABLERO,
    Rol.ADMINISTRADOR: USUARIOS,
}


def pagina_inicial(rol: Rol) -> str:
    """The page ``rol`` opens on: the secretario his expedientes (and vencimientos), the citador the
    juicios waiting to be notified (he records each notification in the expediente), the depositario his
    goods, the jefe and the funcionario ejecutor the office dashboard, the administrador the users."""
    return INICIO[rol]


def con_panel_vencimientos(usuario: UsuarioActual) -> bool:
    """Whether the main window shows the vencimientos panel beside the list (a secretario-abogado's own)."""
    return not usuario.sistema and usuario.rol is Rol.SECRETARIO


def solo_sus_expedientes(usuario: UsuarioActual) -> bool:
    """Whether ``usuario``'s list shows only his own expedientes (a secretario-abogado's)."""
    return usuario.limitado_a_sus_expedientes


def aplicar_permisos(acciones: Mapping[QAction, Permiso], usuario: UsuarioActual) -> None:
    """Show only the actions ``usuario`` may use (the services refuse the others anyway)."""
    for accion, permiso in acciones.items():
        accion.setVisible(usuario.puede(permiso))
