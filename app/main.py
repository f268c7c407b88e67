"""Composition root of the desktop program: args -> paths -> logging -> services (migrated) -> Qt."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.common.logsetup import setup_logging
from app.common.paths import DataPaths

log = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="foja", description="Foja: juzgados de coactiva del IESS.")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="carpeta de datos (por defecto, la carpeta de datos del usuario)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Start the GUI. ``argv`` excludes the program name (None: ``sys.argv[1:]``). Returns the exit code."""
    args, qt_args = _parser().parse_known_args(argv)
    from app.common.plataforma import comprobar_plataforma

    falta = comprobar_plataforma()
    if falta:  # before Qt, which would abort naming the wrong package
        print(falta, file=sys.stderr)
        return 1
    paths = DataPaths(args.data_dir) if args.data_dir else DataPaths.default()
    paths.ensure()
    setup_logging(paths.logs)
    log.info("Iniciando Foja con datos en %s", paths.root)

    from app.services.bootstrap import abrir
    from app.ui.app import crear_aplicacion, ejecutar
    from app.ui.errors import install_excepthook, show_error
    from app.ui.login_dialog import iniciar_sesion

    crear_aplicacion(["foja", *qt_args])
    install_excepthook()
    servicios = _abrir_o_restaurar(paths, abrir, show_error)
    if servicios is None:
        return 1
    try:
        # An APP instalment that fell due unpaid while the program was closed puts the debt back in mora
        # and resumes the juicio (recorded as an act); done as the system, before anyone works on it.
        for r in servicios.convenios.revisar():
            log.info("Acuerdo de pago incumplido: se reanuda el juicio %s", r.juicio)
    except Exception:
        log.exception("No se pudieron revisar los acuerdos de pago")
    try:
        def pedir_usuario():  # type: ignore[no-untyped-def]
            u = iniciar_sesion(servicios.usuarios, oficina=servicios.oficina.datos().nombre)
            if u is not None:
                log.info("Sesión de «%s» (%s)", u.login, u.rol.etiqueta)
            return u

        usuario = pedir_usuario()
        if usuario is None:  # the user chose «Salir»
            return 0
        # «Cerrar sesión» asks for the next login without restarting the program.
        return ejecutar(servicios.como(usuario), pedir_usuario=pedir_usuario)
    finally:
        servicios.close()
        try:  # a good copy in respaldos/ at most a day old, for the restore at a damaged start
            from app.services.arranque import respaldo_del_dia

            respaldo_del_dia(paths)
        except Exception:
            log.exception("No se pudo escribir el respaldo del día")
        log.info("Foja terminó")


def _abrir_o_restaurar(paths: DataPaths, abrir, show_error):  # type: ignore[no-untyped-def]
    """Open the data folder; a damaged database gets the restore dialog (then one more try). None: quit."""
    from app.common.errors import BaseDanada
    from app.services.arranque import restaurar
    from app.ui.arranque_dialog import AvisoActualizacion, ofrecer_restauracion

    aviso = AvisoActualizacion()
    for _ in range(2):
        try:
            return abrir(paths, al_migrar=aviso.mostrar)
        except BaseDanada as exc:
            if not ofrecer_restauracion(exc, lambda r: restaurar(paths, r)):
                return None
        except Exception as exc:  # a migration or database problem: say so before quitting
            aviso.close()
            show_error(None, exc)
            return None
        finally:
            aviso.close()
    return None


if __name__ == "__main__":
    raise SystemExit(main())
