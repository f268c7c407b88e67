"""Command line of the jefe's dashboard (issue 13): ``recaudacion importar`` and ``reporte bimensual``.

Kept apart from :mod:`app.cli` so that its edits stay one line per command."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.common.money import format_usd

COMANDOS = frozenset({"recaudacion", "reporte"})
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")


def agregar(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the dashboard's commands to the subparsers ``sub``."""
    r = sub.add_parser("recaudacion", parents=[common], help="tabla nacional de recaudación mensual")
    rs = r.add_subparsers(dest="accion", metavar="ACCION", required=True)
    ri = rs.add_parser("importar", parents=[common], help="importar la tabla (CSV, TSV o XLSX; todo o nada)")
    ri.add_argument("archivo", type=Path)
    ri.add_argument("--anio", type=int, help="año de los meses escritos sin año (p. ej. «enero»)")

    p = sub.add_parser("reporte", parents=[common], help="reportes a la Dirección Nacional")
    ps = p.add_subparsers(dest="accion", metavar="ACCION", required=True)
    pb = ps.add_parser("bimensual", parents=[common], help="reporte bimensual (.docx y .xlsx)")
    pb.add_argument("--desde", required=True, metavar="mm/aaaa", help="primer mes de los dos del reporte")
    pb.add_argument("--out", type=Path, required=True, help="archivo .docx (el .xlsx se escribe al lado)")


def ejecutar(args: argparse.Namespace, srv: Any) -> int:
    """Run a dashboard command; exit status 0 (bad input raises AppError: exit 2 in :func:`app.cli.main`)."""
    if args.comando == "recaudacion":
        r = srv.recaudacion.importar(args.archivo, args.anio)
        meses = ", ".join(f"{MESES[m.month - 1]} {m.year}" for m in r.meses)
        print(f"Importada «{r.archivo}»: {len(r.meses)} meses ({meses}).")
        etiquetas = {"total": "Total", "oportuna": "Oportuna", "mora": "Mora", "planilla_mora": "Planilla en mora",
                     "glosas": "Glosas", "titulos_credito": "Títulos de crédito", "convenios": "Convenios"}
        for k, etiqueta in etiquetas.items():
            codigo = f" [{r.codigos[k]}]" if k in r.codigos else ""
            print(f"  {etiqueta + codigo:<38} USD {format_usd(r.totales[k]):>18}")
        for etiqueta, total in r.ajustes:
            print(f"  Ajuste aparte: {etiqueta}: USD {format_usd(total)}")
        return 0
    from app.services.reporte import ReporteService, leer_mes_anio

    docx, xlsx = ReporteService(srv.ctx).bimensual(leer_mes_anio(args.desde), args.out)
    print(docx)
    print(xlsx)
    return 0
