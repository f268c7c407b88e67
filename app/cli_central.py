"""Command line of the central server and of the sync (issue 7), kept apart from :mod:`app.cli`.

- ``central init --url postgresql://OWNER@HOST/DB``: create or upgrade the central schema and its server-only
  parts (idempotent; run again after updating the program).
- ``central add-user LOGIN --rol ROL --oficina CODE [--nombres …]``: the user's PostgreSQL login role, with a
  one-time password he replaces at his first login.
- ``central status --url …``: schema version, offices, users, pending conflicts.
- ``central podar --dias N --url …``: drop change-log entries older than N days (longer than any offline time).
- ``sincronizar --servidor postgresql://USER@HOST/DB``: one push-and-pull cycle. Exit 0; 3 when the server
  can't be reached (local data untouched); 4 when conflicts remain; 2 on bad input.

Passwords come from ``PGPASSWORD`` or ``~/.pgpass``, as with PostgreSQL's own tools.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.common.errors import AppError
from app.common.text import plural

SALIDA_SIN_CONEXION = 3
SALIDA_CONFLICTOS = 4


def agregar_comandos(sub: Any, common: argparse.ArgumentParser) -> None:
    from app.domain.permisos import Rol

    c = sub.add_parser("central", help="administrar el servidor central PostgreSQL (informática de la oficina)")
    csub = c.add_subparsers(dest="accion", metavar="ACCION", required=True)
    ini = csub.add_parser("init", help="crear o actualizar el esquema central")
    ini.add_argument("--url", required=True, help="postgresql://PROPIETARIO@HOST/BASE")
    au = csub.add_parser("add-user", help="crear el usuario de PostgreSQL de una persona de la oficina")
    au.add_argument("login")
    au.add_argument("--rol", required=True, choices=[r.name.lower() for r in Rol],
                    help="secretario, citador, depositario, jefe, ejecutor o administrador")
    au.add_argument("--oficina", required=True, help="código de la oficina (p. ej. 0601)")
    au.add_argument("--nombres", default="", help="apellidos y nombres")
    au.add_argument("--url", required=True, help="postgresql://PROPIETARIO@HOST/BASE")
    po = csub.add_parser("podar", help="borrar del registro de cambios lo más antiguo que N días")
    po.add_argument("--dias", type=int, required=True,
                    help="más que el mayor tiempo que un escritorio pasa sin conexión (p. ej. 180)")
    po.add_argument("--url", required=True, help="postgresql://PROPIETARIO@HOST/BASE")
    st = csub.add_parser("status", help="versión del esquema, oficinas, usuarios y conflictos pendientes")
    st.add_argument("--url", required=True, help="postgresql://PROPIETARIO@HOST/BASE")

    s = sub.add_parser("sincronizar", parents=[common], help="enviar y recibir cambios con el servidor central")
    s.add_argument("--servidor", help="postgresql://USUARIO@HOST/BASE (la primera vez; luego se recuerda)")


def central(args: argparse.Namespace) -> int:
    """``central init|add-user|status``; 0 on success, 2 on a refused input, 3 when unreachable."""
    from app.domain.permisos import Rol
    from app.sync import central as c
    from app.sync.conexion import ErrorDeConexion, mensaje_conexion

    engine = c.motor_propietario(args.url)
    try:
        if args.accion == "init":
            version = c.inicializar(engine)
            print(f"Servidor central listo: esquema {version}, con registro de cambios, contadores, seguridad por "
                  "oficina, roles de grupo y protección de los registros legales.")
            return 0
        if args.accion == "add-user":
            u = c.agregar_usuario(engine, args.login, Rol[args.rol.upper()], args.oficina, args.nombres)
            print(f"Usuario «{u.login}» ({u.rol.etiqueta}, oficina {u.oficina}) creado.")
            print(f"Contraseña temporal (entréguela en persona; debe cambiarla al conectarse): {u.clave_temporal}")
            return 0
        if args.accion == "podar":
            n = c.podar(engine, args.dias)
            eliminadas = "eliminada" if n == 1 else "eliminadas"
            print(f"Registro de cambios: {plural(n, 'entrada')} de más de {args.dias} días {eliminadas}. Un "
                  "escritorio que no se sincronizó desde entonces descargará su oficina completa.")
            return 0
        e = c.estado(engine)
        print(f"Esquema del servidor: {e.version} (este programa: {e.version_programa})")
        print("Oficinas:")
        for codigo, nombre, n in e.oficinas:
            print(f"  {codigo}\t{nombre}\t{plural(n, 'expediente')}")
        print("Usuarios:")
        for login, rol, codigo in e.usuarios:
            print(f"  {login}\t{rol}\t{codigo}")
        print(f"Conflictos pendientes: {e.conflictos_pendientes}")
        print(f"Cambios registrados: {e.cambios_registrados}")
        return 0
    except ErrorDeConexion as exc:
        print(f"error: {mensaje_conexion(exc)}", file=sys.stderr)
        return SALIDA_SIN_CONEXION
    except AppError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()


def sincronizar(args: argparse.Namespace, srv: Any) -> int:
    """One cycle; prints what was pushed, pulled and left in conflict."""
    from app.sync.conexion import Servidor, SinConexion, VersionIncompatible

    if args.servidor:
        srv.sincronizacion.configurar(Servidor.desde_url(args.servidor))
    try:
        r = srv.sincronizacion.sincronizar()
    except SinConexion as exc:
        print(f"sin conexión: {exc.message} Los datos locales no cambiaron.", file=sys.stderr)
        return SALIDA_SIN_CONEXION
    except VersionIncompatible as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    if r.subida_inicial:
        print(f"Subida inicial de la oficina: {r.subida_inicial} filas.")
    if r.instantanea:
        print(f"Descarga inicial de la oficina: {r.recibidos} filas.")
    repetidos = f" ({r.repetidos} ya estaban en el servidor)" if r.repetidos else ""
    print(f"Enviados: {plural(r.enviados, 'cambio')}{repetidos}.")
    print(f"Recibidos: {plural(r.recibidos, 'fila')}.")
    pendientes = f", {r.archivos_pendientes} {'pendiente' if r.archivos_pendientes == 1 else 'pendientes'}" \
        if r.archivos_pendientes else ""
    print(f"Archivos: {r.archivos_subidos} {'subido' if r.archivos_subidos == 1 else 'subidos'}, "
          f"{r.archivos_bajados} {'descargado' if r.archivos_bajados == 1 else 'descargados'}{pendientes}.")
    for c in r.conflictos_nuevos:
        print(f"Conflicto: {c}")
    print(f"Conflictos pendientes: {r.conflictos_pendientes}.")
    return SALIDA_CONFLICTOS if r.conflictos_pendientes else 0
