"""Command-line subcommands of issue 8: the office's signatories, its monthly rate table and its calendar.

``python -m app oficina --ejecutor-nombre … --ejecutor-genero M --jefe-nombre …``,
``python -m app tasas [--importar ARCHIVO]``, ``python -m app feriados [--agregar FECHA DESCRIPCION]
[--quitar FECHA MOTIVO] [--anio AAAA]``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.common.dates import local_today, parse_date


def agregar(sub: Any, common: argparse.ArgumentParser) -> None:
    o = sub.add_parser("oficina", parents=[common], help="datos de la oficina y de quienes firman sus documentos")
    for campo in ("ejecutor-nombre", "ejecutor-cargo", "ejecutor-genero", "jefe-nombre", "jefe-cargo",
                  "jefe-genero"):
        o.add_argument(f"--{campo}", default=None)
    t = sub.add_parser("tasas", parents=[common], help="tabla mensual de tasas de interés (con su fuente)")
    t.add_argument("--importar", type=Path, metavar="ARCHIVO", help="CSV o XLSX con columnas mes, tasa_anual, fuente")
    f = sub.add_parser("feriados", parents=[common], help="días no laborables de la oficina")
    f.add_argument("--agregar", nargs=2, metavar=("FECHA", "DESCRIPCION"), help="feriado local o descanso decretado")
    f.add_argument("--quitar", nargs=2, metavar=("FECHA", "MOTIVO"), help="un feriado nacional que se trabaja")
    f.add_argument("--anio", type=int, default=None)


def ejecutar(args: argparse.Namespace, srv: Any) -> int | None:
    """Run the subcommand if it is one of these (its exit code), else None."""
    if args.comando == "oficina":
        campos = {k: getattr(args, k) for k in ("ejecutor_nombre", "ejecutor_cargo", "ejecutor_genero",
                                                "jefe_nombre", "jefe_cargo", "jefe_genero") if getattr(args, k)}
        d = srv.oficina.actualizar(**campos) if campos else srv.oficina.datos()
        print(f"{d.nombre} ({d.codigo})\nFuncionario ejecutor: {d.ejecutor_nombre or '(falta)'} — "
              f"{d.ejecutor_cargo or '(falta)'} [{d.ejecutor_genero or 'género: falta'}]\n"
              f"Jefe de la unidad: {d.jefe_nombre or '(falta)'} — {d.jefe_cargo or '(falta)'}")
        for falta in srv.documentos.firmantes_faltantes():
            print(f"falta: {falta}")
        return 0
    if args.comando == "tasas":
        from app.services.liquidacion import LiquidacionService
        from app.services.tasas import importar_tasas

        liq = LiquidacionService(srv.ctx)
        tabla = importar_tasas(liq, args.importar) if args.importar else liq.tasas()
        for t in tabla:
            print(f"{t.vigente_desde:%Y-%m}\t{t.tasa_anual}\t{t.fuente}")
        if not tabla:
            print("La oficina no tiene tabla de tasas: ninguna liquidación con interés de mora se puede calcular.")
        return 0
    if args.comando == "feriados":
        if args.agregar:
            srv.oficina.agregar_feriado(parse_date(args.agregar[0]), args.agregar[1])
        if args.quitar:
            srv.oficina.quitar_feriado(parse_date(args.quitar[0]), args.quitar[1])
        anio = args.anio or local_today().year
        cal = srv.oficina.calendario()
        d = date(anio, 1, 1)
        while d.year == anio:
            nombre = cal.nombre_feriado(d)
            if nombre:
                print(f"{d:%d/%m/%Y}\t{nombre}")
            d = date.fromordinal(d.toordinal() + 1)
        return 0
    return None
