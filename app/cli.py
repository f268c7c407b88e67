"""Command line over the same services as the desktop (stable: scripts and checks depend on it).

Every command takes ``--data-dir DIR``. Exit status: 0 success, 2 bad input (reasons on stderr),
1 for ``verificar`` when the foliation chain is broken. With no command the desktop program starts.

Commands act as the data dir's administrador (recorded as "administrador" in the audit) unless
``--usuario NOMBRE`` is given: then they act as that user, with the password taken from ``FOJA_PASSWORD``
(missing or wrong password: exit 2), and his permissions apply.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import cli_tablero
from app.common.dates import parse_date
from app.common.errors import AppError, ImportRejected
from app.common.money import format_usd
from app.common.paths import DataPaths
from app.common.text import plural

log = logging.getLogger(__name__)

ENV_CLAVE = "FOJA_PASSWORD"

def _fecha(text: str):  # type: ignore[no-untyped-def]
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _datos_json(texto: str | None) -> dict | None:  # type: ignore[type-arg]
    """``--datos``: inline JSON or ``@file.json``. Raises ValidationError (exit 2) on bad JSON."""
    if not texto:
        return None
    import json

    from app.common.errors import ValidationError

    try:
        raw = Path(texto[1:]).read_text(encoding="utf-8") if texto.startswith("@") else texto
        datos = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ValidationError(f"--datos no es JSON válido: {exc}") from exc
    if not isinstance(datos, dict):
        raise ValidationError("--datos debe ser un objeto JSON ({…}).")
    return datos


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="carpeta de datos (por omisión, la del usuario)")
    common.add_argument("--oficina", default=argparse.SUPPRESS, help="código de la oficina (p. ej. 0601)")
    common.add_argument("--usuario", default=argparse.SUPPRESS, metavar="NOMBRE",
                        help=f"actuar como este usuario, con la contraseña de la variable {ENV_CLAVE} "
                             "(por omisión, como el administrador de la carpeta de datos)")

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
    doc.add_argument("tipo", nargs="?", help="tipo de documento (vea --lista)")
    doc.add_argument("juicio", nargs="?")
    doc.add_argument("--out", type=Path, help="archivo .docx de salida")
    doc.add_argument("--fecha", type=_fecha, help="fecha del documento dd/mm/aaaa (por omisión, hoy)")
    doc.add_argument("--datos", help="datos propios del tipo, en JSON o @archivo.json "
                                      "(p. ej. providencia: '{\"texto\": \"…\"}')")
    doc.add_argument("--pdf", action="store_true", help="convertir también a PDF (requiere LibreOffice)")

    ven = sub.add_parser("vencimientos", parents=[common], help="términos y plazos por vencer y vencidos")
    ven.add_argument("--secretario", metavar="CEDULA", help="solo los expedientes de este secretario-abogado")
    ven.add_argument("--alcance", choices=["pendientes", "hoy", "semana", "vencidos", "todos"], default="pendientes",
                     help="pendientes = vencidos, de hoy y de los próximos 7 días (por omisión)")
    ven.add_argument("--limite", type=int, default=200, help="filas a mostrar (por omisión 200; 0 = todas)")
    ven.add_argument("--fecha", type=_fecha, help="fecha de referencia dd/mm/aaaa (por omisión, hoy)")

    conv = sub.add_parser("convenios", parents=[common],
                          help="revisar los acuerdos de pago: una cuota vencida e impaga reanuda el juicio")
    conv.add_argument("--fecha", type=_fecha, help="fecha de revisión dd/mm/aaaa (por omisión, hoy)")

    hon = sub.add_parser("honorarios", parents=[common],
                         help="solicitudes de honorarios de un período (por secretario-abogado), con totales")
    hon.add_argument("--secretario", metavar="CEDULA", help="solo las de este secretario-abogado")
    hon.add_argument("--desde", type=_fecha, help="desde dd/mm/aaaa (fecha de la solicitud)")
    hon.add_argument("--hasta", type=_fecha, help="hasta dd/mm/aaaa (incluido)")
    hon.add_argument("--out", type=Path, help="exportar también a este archivo .xlsx")

    v = sub.add_parser("verificar", parents=[common],
                       help="verificar la foliación y los actos de un juicio, o de toda la oficina (--todos)")
    v.add_argument("juicio", nargs="?")
    v.add_argument("--todos", action="store_true", help="verificar todos los expedientes, con progreso")

    r = sub.add_parser("restaurar", parents=[common],
                       help="reemplazar una base de datos dañada por el último respaldo bueno")
    r.add_argument("--respaldo", type=Path, help="archivo de respaldo (por omisión, el último que abre)")

    c = sub.add_parser("captura", parents=[common], help="guardar una imagen PNG de la ventana")
    c.add_argument("--vista", choices=["inicio", "expedientes", "expediente", "vencimientos", "bienes", "honorarios",
                                        "tablero"], required=True,
                   help="inicio: la página con que abre el rol del usuario; bienes: el inventario (o, con --usuario "
                        "de un depositario, su página de inicio)")
    c.add_argument("--juicio")
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--tamano", default="", metavar="ANCHOxALTO", help="tamaño de la ventana (p. ej. 1366x768)")

    from app import cli_legal

    cli_legal.agregar(sub, common)
    cli_tablero.agregar(sub, common)

    inv = sub.add_parser("inventario", parents=[common], help="exportar el inventario de bienes embargados a XLSX")
    inv.add_argument("--out", type=Path, required=True, help="archivo .xlsx de salida")
    inv.add_argument("--buscar", default="", help="placa, chasis, clave catastral, juicio o coactivado")
    inv.add_argument("--estado", help="solo los bienes en este estado (EMBARGADO, EN_CUSTODIA, AVALUADO…)")
    inv.add_argument("--vencidos", action="store_true", help="solo los bienes con el informe del depositario vencido")

    sec = sub.add_parser("secretario", parents=[common], help="registrar un secretario-abogado")
    sec.add_argument("--nombres", required=True)
    sec.add_argument("--cedula", required=True)
    sec.add_argument("--interno", action="store_true", help="abogado interno (por omisión, externo)")
    sec.add_argument("--genero", choices=["F", "M"], default="", help="F (abogada) o M (abogado), para los documentos")

    from app.cli_central import agregar_comandos

    agregar_comandos(sub, common)
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
        from app.domain.documentos import REGISTRO

        for tipo, d in REGISTRO.items():
            print(f"{tipo.value}\t{d.titulo}")
        return 0
    if args.comando == "central":
        from app.cli_central import central

        return central(args)
    if args.comando == "documento" and not (args.tipo and args.juicio and args.out):
        parser.error("documento necesita TIPO JUICIO --out ARCHIVO.docx (o --lista)")
    if args.comando == "verificar" and not (args.juicio or args.todos):
        parser.error("verificar necesita JUICIO o --todos")
    if args.comando == "restaurar":
        return _restaurar(_paths(args), args.respaldo)

    from app.common.logsetup import setup_logging
    from app.services.bootstrap import abrir

    paths = _paths(args)
    login = getattr(args, "usuario", None)
    if login is not None and not os.environ.get(ENV_CLAVE):
        print(f"error: falta la contraseña de «{login}»: defínala en la variable de entorno {ENV_CLAVE}.",
              file=sys.stderr)
        return 2
    try:
        setup_logging(paths.logs)
        srv = abrir(paths, oficina=getattr(args, "oficina", None))
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    try:
        if login is not None:
            srv = _como_usuario(srv, login, os.environ[ENV_CLAVE])
        return _run(args, srv)
    except ImportRejected as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    finally:
        srv.close()


def _restaurar(paths: DataPaths, respaldo: Path | None) -> int:
    from app.services.arranque import restaurar, ultimo_respaldo_bueno

    try:
        if respaldo is None:
            bueno = ultimo_respaldo_bueno(paths)
            if bueno is None:
                print("error: no hay un respaldo bueno en la carpeta «respaldos».", file=sys.stderr)
                return 2
            respaldo = bueno.ruta
        apartada = restaurar(paths, respaldo)
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(f"Restaurado el respaldo «{respaldo.name}». La base dañada quedó en «{apartada}».")
    return 0


def _como_usuario(srv, login: str, clave: str):  # type: ignore[no-untyped-def]
    """The services acting as ``login`` (checked like the login dialog: lock-out included)."""
    from app.services.sesion import con_usuario
    from app.services.usuarios import UsuariosService

    usuario = UsuariosService(srv.ctx).autenticar(login, clave)
    if usuario.debe_cambiar_clave:
        print(f"aviso: «{usuario.login}» debe cambiar su contraseña al entrar al programa.", file=sys.stderr)
    return con_usuario(srv, usuario)


def _run(args: argparse.Namespace, srv) -> int:  # type: ignore[no-untyped-def]
    cmd = args.comando
    if cmd in cli_tablero.COMANDOS:
        return cli_tablero.ejecutar(args, srv)
    if cmd == "importar":
        r = srv.importacion.importar(args.archivo)
        print(f"Importados {r.filas} títulos de «{r.archivo}» ({r.deudores_nuevos} deudores nuevos, "
              f"USD {format_usd(r.total)}).")
        for aviso in r.avisos:
            print(f"aviso: {aviso}", file=sys.stderr)
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
        g = srv.documentos.generar(args.tipo, args.juicio, fecha=args.fecha, datos=_datos_json(args.datos),
                                   destino=args.out)
        folios = f", fojas {g.desde}-{g.hasta}" if g.foliado else " (no se folia)"
        venc = f", vence el {g.vencimiento:%d/%m/%Y}" if g.vencimiento else ""
        from app.domain.documentos import REGISTRO
        from app.domain.tipos import TipoDocumento

        titulo = REGISTRO[TipoDocumento(args.tipo)].titulo
        print(f"{g.ruta}: {titulo} del juicio {g.juicio}{folios}{venc}.")
        if args.pdf:
            print(srv.documentos.convertir_pdf(g.ruta))
        return 0
    if cmd == "convenios":
        reanudados = srv.convenios.revisar(args.fecha)
        for r in reanudados:
            print(f"{r.juicio}\tcuota {r.cuota} vencida el {r.vence:%d/%m/%Y} e impaga\tvuelve a {r.etapa.etiqueta}")
        print(f"{plural(len(reanudados), 'acuerdo de pago incumplido', 'acuerdos de pago incumplidos')}; "
              f"{'juicio reanudado' if len(reanudados) == 1 else 'juicios reanudados'}.")
        return 0
    if cmd == "vencimientos":
        from app.services.vencimientos import formatear_vencimientos

        v = srv.vencimientos
        lista = v.listar(hoy=args.fecha, secretario_cedula=args.secretario, alcance=args.alcance,
                         limite=args.limite or None)
        print(formatear_vencimientos(lista, totales=v.contar(hoy=args.fecha, secretario_cedula=args.secretario)))
        return 0
    if cmd == "verificar" and args.todos:
        from app.common.progress import Progress

        def _avance(hechos: int, total: int, texto: str) -> None:
            print(f"\r{texto}", end="", file=sys.stderr, flush=True)

        resumen = srv.foliacion.verificar_todos(Progress(_avance))
        print(file=sys.stderr)
        print(resumen.mensaje(), file=sys.stdout if resumen.intacta else sys.stderr)
        return 0 if resumen.intacta else 1
    if cmd == "honorarios":
        from app.services.honorarios_consultas import formatear

        filas = srv.honorarios_consultas.listar(secretario_cedula=args.secretario, desde=args.desde,
                                                hasta=args.hasta)
        print(formatear(filas))
        if args.out:
            periodo = " ".join(x for x in (f"desde {args.desde:%d/%m/%Y}" if args.desde else "",
                                            f"hasta {args.hasta:%d/%m/%Y}" if args.hasta else "") if x)
            titulo = f"Honorarios {periodo}".strip() + (f" — secretario {args.secretario}" if args.secretario else "")
            print(srv.honorarios_consultas.exportar_xlsx(args.out, filas, titulo), file=sys.stderr)
        return 0
    if cmd == "verificar":
        r = srv.foliacion.verificar(args.juicio)
        print(r.mensaje(), file=sys.stdout if r.intacta else sys.stderr)
        if srv.ctx.central:  # the central server is the external anchor (design.md §3)
            diferencia = srv.sincronizacion.verificar_con_central(args.juicio)
            if diferencia:
                print(diferencia, file=sys.stderr)
                return 1
        return 0 if r.intacta else 1
    if cmd == "captura":
        from app.common.errors import ValidationError as Invalido
        from app.ui.capture import capturar

        tamano = (1280, 800)
        if args.tamano:
            try:
                ancho, alto = (int(x) for x in args.tamano.lower().split("x"))
            except ValueError:
                raise Invalido(f"Tamaño «{args.tamano}» no válido: escriba ANCHOxALTO, p. ej. 1366x768.") \
                    from None
            tamano = (ancho, alto)
        out = capturar(srv, args.vista, args.juicio, args.out, tamano)
        print(out)
        return 0
    from app import cli_legal

    hecho = cli_legal.ejecutar(args, srv)
    if hecho is not None:
        return hecho
    if cmd == "inventario":
        from app.domain.bienes import EstadoBien
        from app.services.bienes import Filtro

        try:
            estado = EstadoBien(args.estado.upper()) if args.estado else None
        except ValueError:
            from app.common.errors import ValidationError

            raise ValidationError(f"Estado «{args.estado}» desconocido: use {', '.join(e.value for e in EstadoBien)}."
                                  ) from None
        n = srv.bienes.exportar_inventario(args.out, Filtro(args.buscar, estado=estado, solo_vencidos=args.vencidos))
        vencidos = srv.depositarios.contar_informes_vencidos()
        informes = plural(vencidos, "informe de depositario vencido", "informes de depositario vencidos")
        print(f"{args.out}: {plural(n, 'bien')}; {informes} en la oficina.")
        return 0
    if cmd == "secretario":
        x = srv.secretarios.crear(args.nombres, args.cedula, externo=not args.interno, genero=args.genero)
        print(f"Registrado {x.nombres} ({x.cedula}, {x.tipo}).")
        return 0
    if cmd == "sincronizar":
        from app.cli_central import sincronizar

        return sincronizar(args, srv)
    if cmd == "demo":
        from app.services.demo import crear_demo

        r = crear_demo(srv, args.size, semilla=args.semilla, progreso=lambda m: print(m, file=sys.stderr))
        print(r.texto())
        return 0
    raise AssertionError(cmd)  # pragma: no cover - argparse restricts commands
