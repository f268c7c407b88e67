"""Command line over the same services as the desktop (stable: scripts and checks depend on it).

Every command takes ``--data-dir DIR``. Exit status: 0 success, 2 bad input (reasons on stderr),
1 for ``verificar`` when the foliation chain is broken. With no command the desktop program starts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app.common.dates import parse_date
from app.common.errors import AppError, ImportRejected
from app.common.money import format_usd
from app.common.paths import DataPaths

log = logging.getLogger(__name__)

TIPOS_DOCUMENTO = {"opi": "Orden de pago inmediato (COA art. 279)"}


def _fecha(text: str):  # type: ignore[no-untyped-def]
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="carpeta de datos (por omisión, la del usuario)")
    common.add_argument("--oficina", default=argparse.SUPPRESS, help="código de la oficina (p. ej. 0601)")

    p = argparse.ArgumentParser(prog="python -m app", description="Foja: juzgados de coactiva del IESS.",
                                parents=[common])
    sub = p.add_subparsers(dest="comando", metavar="COMANDO")

    d = sub.add_parser("demo", parents=[common], help="crear una oficina de demostración realista")
    d.add_argument("--size", type=int, default=1000, help="número de títulos/expedientes (por omisión 1000)")
    d.add_argument("--semilla", type=int, default=1)

    i = sub.add_parser("importar", parents=[common], help="importar títulos de crédito (CSV o XLSX)")
    i.add_argument("archivo", type=Path)

    s = sub.add_parser("sorteo", parents=[common], help="sortear títulos pendientes entre los secretarios")
    s.add_argument("--todos", action="store_true", required=True, help="sortear todos los títulos pendientes")
    s.add_argument("--semilla", help="semilla del sorteo (se guarda; por omisión, aleatoria)")
    s.add_argument("--fecha", type=_fecha, help="fecha del sorteo dd/mm/aaaa (por omisión, hoy)")

    doc = sub.add_parser("documento", parents=[common], help="generar y foliar un documento del expediente")
    doc.add_argument("--lista", action="store_true", help="listar los tipos de documento")
    doc.add_argument("tipo", nargs="?", choices=sorted(TIPOS_DOCUMENTO))
    doc.add_argument("juicio", nargs="?")
    doc.add_argument("--out", type=Path, help="archivo .docx de salida")
    doc.add_argument("--fecha", type=_fecha, help="fecha del documento dd/mm/aaaa (por omisión, hoy)")

    v = sub.add_parser("verificar", parents=[common], help="verificar la cadena de foliación de un juicio")
    v.add_argument("juicio")

    c = sub.add_parser("captura", parents=[common], help="guardar una imagen PNG de la ventana")
    c.add_argument("--vista", choices=["expedientes", "expediente"], required=True)
    c.add_argument("--juicio")
    c.add_argument("--out", type=Path, required=True)

    sec = sub.add_parser("secretario", parents=[common], help="registrar un secretario-abogado")
    sec.add_argument("--nombres", required=True)
    sec.add_argument("--cedula", required=True)
    sec.add_argument("--interno", action="store_true", help="abogado interno (por omisión, externo)")
    return p


def _paths(args: argparse.Namespace) -> DataPaths:
    data_dir = getattr(args, "data_dir", None)
    return DataPaths(data_dir) if data_dir else DataPaths.default()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.comando is None:
        from app.main import main as gui_main

        return gui_main(argv)
    if args.comando == "documento" and args.lista:
        for k, v in TIPOS_DOCUMENTO.items():
            print(f"{k}\t{v}")
        return 0
    if args.comando == "documento" and not (args.tipo and args.juicio and args.out):
        parser.error("documento necesita TIPO JUICIO --out ARCHIVO.docx (o --lista)")
    if args.comando == "captura" and args.vista == "expediente" and not args.juicio:
        parser.error("--vista expediente necesita --juicio JUICIO")

    from app.common.logsetup import setup_logging
    from app.services.bootstrap import abrir

    paths = _paths(args)
    try:
        setup_logging(paths.logs)
        srv = abrir(paths, oficina=getattr(args, "oficina", None))
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    try:
        return _run(args, srv)
    except ImportRejected as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    finally:
        srv.close()


def _run(args: argparse.Namespace, srv) -> int:  # type: ignore[no-untyped-def]
    cmd = args.comando
    if cmd == "importar":
        r = srv.importacion.importar(args.archivo)
        print(f"Importados {r.filas} títulos de «{r.archivo}» ({r.deudores_nuevos} deudores nuevos, "
              f"USD {format_usd(r.total)}).")
        return 0
    if cmd == "sorteo":
        r = srv.sorteo.realizar(semilla=args.semilla, fecha=args.fecha)
        print(f"Sorteo del {r.fecha:%d/%m/%Y}, semilla {r.semilla}: {len(r.asignaciones)} títulos.")
        print("juicio\ttitulo\tidentificacion\tdeudor\tsecretario")
        for a in r.asignaciones:
            print(f"{a.juicio}\t{a.titulo}\t{a.identificacion}\t{a.deudor}\t{a.secretario}")
        for nombre, n in r.por_secretario().items():
            print(f"# {nombre}: {n}")
        return 0
    if cmd == "documento":
        g = srv.documentos.generar_opi(args.juicio, fecha=args.fecha)
        out = srv.documentos.exportar(g.documento_id, args.out)
        venc = f", vence el {g.vencimiento:%d/%m/%Y}" if g.vencimiento else ""
        print(f"{out}: {TIPOS_DOCUMENTO[args.tipo]} del juicio {g.juicio}, fojas {g.desde}-{g.hasta}{venc}.")
        return 0
    if cmd == "verificar":
        r = srv.foliacion.verificar(args.juicio)
        print(r.mensaje(), file=sys.stdout if r.intacta else sys.stderr)
        return 0 if r.intacta else 1
    if cmd == "captura":
        from app.ui.capture import capturar

        out = capturar(srv, args.vista, args.juicio, args.out)
        print(out)
        return 0
    if cmd == "secretario":
        x = srv.secretarios.crear(args.nombres, args.cedula, externo=not args.interno)
        print(f"Registrado {x.nombres} ({x.cedula}, {x.tipo}).")
        return 0
    if cmd == "demo":
        from app.services.demo import crear_demo

        r = crear_demo(srv, args.size, semilla=args.semilla, progreso=lambda m: print(m, file=sys.stderr))
        print(r.texto())
        return 0
    raise AssertionError(cmd)  # pragma: no cover - argparse restricts commands
