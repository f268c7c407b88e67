"""A realistic demo office: secretarios, títulos imported through the real import, sorteos, documents,
and one user per role with a random password (printed with the login).

Used by ``python -m app demo --size N`` and by the benchmarks (domain.md §7 sizes: a large office
has ~196,000 juicios and 52 external lawyers).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.common.dates import local_today
from app.domain.claves import generar_clave
from app.domain.permisos import Rol
from app.services import demo_legal
from app.services.arranque import respaldo_del_dia
from app.services.bootstrap import Servicios
from app.services.demo_bienes import crear_bienes_demo
from app.services.demo_etapas import crear_etapas_demo
from app.services.demo_tablero import demo_tablero
from app.services.generador import digito_cedula, escribir_csv, generar_titulos
from app.services.honorarios_demo import crear_honorarios_demo
from app.services.usuarios import UsuariosService

LOTE = 20_000
NOMBRES = ["Ana Lucía", "Carlos Andrés", "María José", "Diego Fernando", "Verónica Alexandra", "Jorge Luis",
           "Paola Estefanía", "Luis Alberto", "Gabriela Fernanda", "Santiago Javier", "Daniela Carolina",
           "Fernando Xavier", "Mónica Patricia", "Pablo Esteban", "Cristina Elizabeth", "Andrés Sebastián"]
APELLIDOS = ["Guamán", "Andrade", "Paredes", "Yépez", "Cárdenas", "Villacís", "Naranjo", "Chávez", "Logroño",
             "Orozco", "Bonilla", "Samaniego", "Vallejo", "Tapia", "Zambrano", "Mejía", "Ruiz", "Castillo"]


@dataclass(frozen=True, slots=True)
class ResultadoDemo:
    secretarios: int
    titulos: int
    expedientes: int
    documentos: int
    segundos: float
    usuarios: tuple[tuple[Rol, str, str], ...] = ()  # (rol, login, contraseña)

    def texto(self) -> str:
        out = (f"Oficina de demostración lista: {self.secretarios} secretarios-abogados, {self.titulos} títulos, "
               f"{self.expedientes} expedientes sorteados, {self.documentos} órdenes de pago generadas "
               f"({self.segundos:.1f} s).")
        if self.usuarios:
            out += "\nUsuarios de demostración (usuario / contraseña):"
            for rol, login, clave in self.usuarios:
                out += f"\n  {rol.etiqueta:<22} {login} / {clave}"
        return out


LOGINS_DEMO = {
    Rol.ADMINISTRADOR: ("admin", "Administrador de la demostración"),
    Rol.JEFE: ("jefe", "Jefe de Unidad de la demostración"),
    Rol.EJECUTOR: ("ejecutor", "Funcionario Ejecutor de la demostración"),
    Rol.DEPOSITARIO: ("depositario", "Depositario Judicial de la demostración"),
    Rol.CITADOR: ("citador", "Citador-Notificador de la demostración"),
}


def crear_usuarios_demo(srv: Servicios) -> tuple[tuple[Rol, str, str], ...]:
    """One user per role, each with a fresh random password (``secrets``) that need not be changed.

    The secretario-abogado is the user of the first secretario (by cédula). A login that already exists
    gets a new password (running the demo again prints working logins)."""
    usuarios = UsuariosService(srv.ctx)
    existentes = {u.login: u for u in usuarios.listar()}
    out: list[tuple[Rol, str, str]] = []
    for rol in Rol:
        clave = generar_clave()
        if rol is Rol.SECRETARIO:
            primero = min((u for u in existentes.values() if u.rol is Rol.SECRETARIO and u.activo),
                          key=lambda u: u.cedula, default=None)
            if primero is None:
                continue
            login = primero.login
        else:
            login, nombres = LOGINS_DEMO[rol]
            if login not in existentes:
                usuarios.crear(login, nombres, rol, clave=clave, debe_cambiar_clave=False)
                out.append((rol, login, clave))
                continue
        usuarios.restablecer_clave(login, clave, debe_cambiar_clave=False)
        out.append((rol, login, clave))
    return tuple(out)


def cedula_valida(rng: random.Random) -> str:
    """A random cédula with a correct check digit (province 01-24)."""
    base = f"{rng.randint(1, 24):02d}{rng.randint(0, 5)}{rng.randint(0, 999999):06d}"
    return base + digito_cedula(base)


def crear_demo(
    srv: Servicios, size: int, semilla: int = 1, documentos: int = 10,
    progreso: Callable[[str], None] = lambda _m: None,
) -> ResultadoDemo:
    """Fill the installation with ``size`` títulos drawn into expedientes.

    Títulos are generated (``app.services.generador``) with issue dates over the three years before today,
    written as the office's CSV and imported with the real import service in batches of 20,000, then drawn
    in about monthly sorteos (at most 36), each taking the títulos issued by its date. Then juicios go through
    every stage of the procedure (:mod:`app.services.demo_etapas`), recoveries over 24 months
    (:mod:`app.services.demo_tablero`), seized goods and fees. ``documentos=0`` leaves out the procedure
    (benchmarks that draw their own documents).
    """
    t0 = time.perf_counter()
    rng = random.Random(semilla)
    n_sec = 52 if size >= 100_000 else max(3, min(52, size // 3000 + 3))
    existentes = {x.cedula for x in srv.secretarios.listar()}
    while len(existentes) < n_sec:
        nombre = f"{rng.choice(NOMBRES)} {rng.choice(APELLIDOS)} {rng.choice(APELLIDOS)}"
        cedula = cedula_valida(rng)
        if cedula in existentes:
            continue
        srv.secretarios.crear(nombre, cedula, externo=rng.random() < 0.85)
        existentes.add(cedula)
    progreso(f"{n_sec} secretarios-abogados")
    hoy = local_today()
    demo_legal.preparar_oficina_demo(srv, date(hoy.year - 5, 1, 1))

    # Three years of work: títulos issued up to a week ago, drawn in about monthly sorteos since three years ago.
    oficina = srv.oficina.datos()
    primero, ultimo = hoy - timedelta(days=3 * 365), hoy - timedelta(days=7)
    lotes = max(1, -(-size // LOTE))
    hechos = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(lotes):
            n = min(LOTE, size - hechos)
            filas = generar_titulos(n, semilla=semilla * 1000 + k, oficina=oficina.codigo,
                                    provincia=oficina.provincia, primer_numero=hechos + 1,
                                    emision=(primero - timedelta(days=25), ultimo - timedelta(days=2)))
            csv = Path(tmp) / f"titulos_{k}.csv"
            escribir_csv(filas, csv)
            srv.importacion.importar(csv)
            hechos += n
            progreso(f"{hechos} de {size} títulos importados")
    sorteos = max(1, min(36, size // 8))
    for k in range(sorteos):
        fecha = primero + (ultimo - primero) * k / max(1, sorteos - 1) + timedelta(days=rng.randint(0, 3))
        ids = demo_legal.pendientes_hasta(srv, None if k == sorteos - 1 else fecha)
        if ids:
            fecha = demo_legal.primer_dia_de_sorteo(srv, min(fecha, ultimo) if k < sorteos - 1 else fecha, ids)
            srv.sorteo.realizar(ids, semilla=f"demo-{semilla}-{k}", fecha=fecha)
    progreso(f"{hechos} títulos sorteados en {sorteos} sorteos")
    _etapas, opis = crear_etapas_demo(srv, size, semilla, progreso) if documentos else ({}, 0)
    demo_tablero(srv, semilla, progreso)  # recoveries over 24 months and the national table (issue 13)
    usuarios = crear_usuarios_demo(srv)
    crear_bienes_demo(srv, progreso)
    progreso(crear_honorarios_demo(srv, semilla))
    progreso(f"Respaldo en «respaldos»: {getattr(respaldo_del_dia(srv.ctx.paths, horas=0), 'name', '—')}")
    return ResultadoDemo(n_sec, hechos, srv.expedientes.contar(), opis, time.perf_counter() - t0, usuarios)
