"""Render the main window offscreen to a PNG (for documentation, reviews and the ``captura`` command)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings

from app.common.errors import ValidationError
from app.services.bootstrap import Servicios

VISTAS = ("inicio", "expedientes", "expediente", "vencimientos", "bienes", "honorarios", "tablero")
#: The dashboard is drawn at the office screen size it must be readable on (issue 13).
TAMANO_TABLERO = (1366, 768)


def capturar(
    servicios: Servicios, vista: str, juicio: str | None, out: Path, size: tuple[int, int] = (1280, 800)
) -> Path:
    """Draw ``vista`` ("inicio": the page the user's role opens on, as the program starts; "expedientes": the
    list, first page loaded; "expediente": juicio ``juicio``'s page,
    or the first of the list when None; "vencimientos": the office's pending terms; "bienes": the inventory of
    seized goods, or a depositario's home when the services act as one; "honorarios": the fee requests of this
    year; "tablero": the jefe's dashboard, at 1366×768 unless ``size`` is given) at ``size`` and save it as PNG
    at ``out``.

    Raises:
        ValidationError: unknown vista, or no expediente to show.
        NotFoundError: unknown juicio.
    """
    if vista not in VISTAS:
        raise ValidationError(f"Vista desconocida «{vista}»: use {' o '.join(VISTAS)}.")
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.app import crear_aplicacion
    from app.ui.main_window import MainWindow

    crear_aplicacion()
    with tempfile.TemporaryDirectory() as tmp:
        # A throwaway settings file: a capture neither uses nor changes the user's window state.
        settings = QSettings(str(Path(tmp) / "captura.ini"), QSettings.Format.IniFormat)
        ventana = MainWindow(servicios, settings)
        try:
            ventana.resize(*size)
            if vista == "expediente":
                numero = juicio
                if numero is None:
                    if ventana.lista.model.rowCount() == 0:
                        raise ValidationError("No hay expedientes que mostrar.")
                    numero = ventana.lista.model.fila(0).numero
                ventana.expediente.mostrar(numero)
                ventana.paginas.setCurrentWidget(ventana.expediente)
                if ventana.expediente.model.rowCount():
                    ventana.expediente.tabla.selectRow(0)
            elif vista == "vencimientos":
                ventana.mostrar_vencimientos()
            elif vista == "bienes":
                ventana.mostrar_pagina("bienes")
                if ventana.bienes.model.rowCount():
                    ventana.bienes.tabla.selectRow(0)
            elif vista == "honorarios":
                ventana.mostrar_honorarios()
            elif vista == "inicio":
                pass  # the window opens on the role's home (app.ui.inicio)
            elif vista == "tablero":
                if size == (1280, 800):
                    ventana.resize(*TAMANO_TABLERO)
                ventana.mostrar_pagina("tablero")
            else:  # the list, even for a role that opens elsewhere (the jefe on his dashboard)
                ventana.mostrar_pagina("expedientes")
                if ventana.lista.model.rowCount():
                    ventana.lista.tabla.selectRow(0)
            ventana.show()
            QCoreApplication.sendPostedEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            if not ventana.grab().save(str(out), "PNG"):
                raise OSError(f"No se pudo guardar la captura en {out}")
        finally:
            ventana.close()
            ventana.deleteLater()
            settings.sync()
    return out
