"""Deterministic test títulos de crédito for the UI tests and screenshots (written through the ORM,
as an import would, so the tests do not depend on the import service)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from stdnum.ec import ci, ruc

from app.common.ids import new_id
from app.common.text import search_key
from app.services.bootstrap import Servicios
from app.storage.models import Deudor, TituloCredito

NOMBRES = ["José", "María", "Luis", "Ana", "Carlos", "Rosa", "Jorge", "Carmen", "Segundo", "Blanca", "Víctor",
           "Mariana", "Édgar", "Lucía", "Ángel", "Gloria", "Fausto", "Nelly", "Patricio", "Inés"]
APELLIDOS = ["Guamán", "Andrade", "Paredes", "Yépez", "Naranjo", "Cevallos", "Chávez", "Moreno", "Tenesaca",
             "Aguirre", "Villacís", "Muñoz", "Salazar", "Zambrano", "Ortiz", "Logroño", "Bravo", "Ñauñay"]
EMPRESAS = ["Comercial", "Industrias", "Transportes", "Agrícola", "Constructora", "Textiles", "Ferretería",
            "Distribuidora", "Lácteos", "Florícola", "Hacienda", "Servicios"]
LUGARES = ["Chimborazo", "Riobamba", "Andino", "del Pacífico", "Los Andes", "Guano", "Alausí", "Colta",
           "San Andrés", "Cumandá", "Chambo", "El Altar"]
FORMAS = ["S.A.", "Cía. Ltda.", "C.A.", "S.A.S."]


def _cedula(rng: random.Random) -> str:
    while True:
        base = f"06{rng.randrange(0, 6)}{rng.randrange(0, 10**6):06d}"
        for d in range(10):
            if ci.is_valid(base + str(d)):
                return base + str(d)


def _ruc_sociedad(rng: random.Random) -> str:
    while True:
        base = f"069{rng.randrange(0, 10**6):06d}"
        for d in range(10):
            if ruc.is_valid(base + str(d) + "001"):
                return base + str(d) + "001"


def _monto(rng: random.Random) -> Decimal:
    # Heavily skewed: median in the hundreds, a tail above USD 100.000 (domain.md §7).
    return Decimal(str(round(min(max(rng.lognormvariate(6.2, 1.6), 20), 450_000), 2))).quantize(Decimal("0.01"))


def crear_titulos(servicios: Servicios, n: int, semilla: int = 7, deudores_fijos: bool = True,
                  prefijo: str = "TC-2025") -> int:
    """Create ``n`` pending títulos (plus two fixed, easy-to-search debtors when ``deudores_fijos``).

    Fixed debtors: "Empresa Ñandú S.A." RUC ``1760004650001`` (título TC-FIJO-1, USD 987.654,32, the
    biggest) and "José Núñez Yépez" cédula ``1710034065`` (título TC-FIJO-2, USD 12,50).
    Generated amounts lie between USD 20 and 450.000; the fixed debtors have one título each.
    Returns the number of títulos created.
    """
    rng = random.Random(semilla)
    oid = servicios.ctx.office_id
    creados = 0
    with servicios.ctx.tx("datos de prueba") as s:
        deudores: list[Deudor] = []

        def deudor(nombre: str, ident: str, tipo: str, reusable: bool = True) -> Deudor:
            d = Deudor(id=new_id(), office_id=oid, identificacion=ident, tipo_identificacion=tipo, nombre=nombre,
                       nombre_busqueda=search_key(nombre))
            s.add(d)
            if reusable:
                deudores.append(d)
            return d

        def titulo(numero: str, d: Deudor, total: Decimal, emision: date) -> None:
            capital = (total * Decimal("0.85")).quantize(Decimal("0.01"))
            interes = (total * Decimal("0.10")).quantize(Decimal("0.01"))
            s.add(TituloCredito(
                office_id=oid, numero=numero, fecha_emision=emision, deudor_id=d.id,
                concepto="Aportes patronales en mora", periodo=f"{emision.year - 1}-{rng.randrange(1, 13):02d}",
                capital=capital, interes=interes, recargo=total - capital - interes, total=total,
                fecha_interes_desde=emision - timedelta(days=rng.randrange(30, 400)), provincia="Chimborazo",
            ))

        if deudores_fijos:
            titulo("TC-FIJO-1", deudor("Empresa Ñandú S.A.", "1760004650001", "RUC", False), Decimal("987654.32"),
                   date(2025, 3, 3))
            titulo("TC-FIJO-2", deudor("José Núñez Yépez", "1710034065", "CEDULA", False), Decimal("12.50"),
                   date(2025, 3, 4))
            creados += 2
        s.flush()
        for i in range(n):
            if deudores and rng.random() < 0.15:
                d = rng.choice(deudores)
            elif rng.random() < 0.45:
                nombre = f"{rng.choice(EMPRESAS)} {rng.choice(LUGARES)} {rng.choice(FORMAS)}"
                d = deudor(nombre, _ruc_sociedad(rng), "RUC")
            else:
                nombre = (f"{rng.choice(APELLIDOS)} {rng.choice(APELLIDOS)} {rng.choice(NOMBRES)} "
                          f"{rng.choice(NOMBRES)}")
                d = deudor(nombre, _cedula(rng), "CEDULA")
            s.flush()
            emision = date(2025, 1, 2) + timedelta(days=rng.randrange(0, 120))
            titulo(f"{prefijo}-{i + 1:06d}", d, _monto(rng), emision)
            creados += 1
    return creados
