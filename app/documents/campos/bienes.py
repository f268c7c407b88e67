"""Fields of the documents of seized goods (issue 10): the acta de posesión of a depositario, the providencia
designating a perito and the auto de calificación de posturas y adjudicación. Plain data in, template context
out (see :mod:`app.documents.campos.comunes` for the shared juicio fields).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.common.dates import number_in_words
from app.common.money import amount_in_words
from app.documents.campos.comunes import cita, comun, dinero
from app.documents.campos.modelo import Juicio, RefDocumento


@dataclass(frozen=True, slots=True)
class BienInventario:
    """One good as an inventory line: ``detalle`` names its identifiers (placa, chasis, clave catastral…)."""

    descripcion: str
    tipo: str
    detalle: str = ""
    condicion: str = ""
    valor: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Posesion:
    """An acta de posesión: the depositario takes the goods from ``entrega`` at ``lugar``."""

    depositario_nombre: str
    depositario_cedula: str
    bienes: tuple[BienInventario, ...]
    entrega: str
    lugar: str
    informe_meses: int
    acta: RefDocumento | None = None


@dataclass(frozen=True, slots=True)
class Designacion:
    perito_nombre: str
    perito_cedula: str
    plazo_dias: int
    bienes: tuple[BienInventario, ...]


@dataclass(frozen=True, slots=True)
class PosturaCalificada:
    postor: str
    identificacion: str
    valor: Decimal
    deposito: Decimal
    calificada: bool
    motivo: str = ""


@dataclass(frozen=True, slots=True)
class Calificacion:
    """The auto de calificación de posturas y adjudicación, with how the price is applied to the debt."""

    bienes: tuple[BienInventario, ...]
    avaluo: Decimal
    base: Decimal
    posturas: tuple[PosturaCalificada, ...]
    adjudicatario: int  # index into posturas
    saldo_deuda: Decimal
    a_deuda: Decimal
    sobrante: Decimal
    aviso: RefDocumento | None = None


def _inventario(bienes: Sequence[BienInventario]) -> list[dict[str, Any]]:
    return [
        {"n": i, "descripcion": b.descripcion, "tipo": b.tipo, "detalle": b.detalle, "condicion": b.condicion or "—",
         "valor": dinero(b.valor) if b.valor is not None else "—"}
        for i, b in enumerate(bienes, start=1)
    ]


def _periodo(meses: int) -> str:
    return "mensualmente" if meses == 1 else f"cada {number_in_words(meses)} meses"


def acta_posesion(j: Juicio, fecha: date, p: Posesion) -> dict[str, Any]:
    """Acta de posesión del depositario judicial: who, which goods (the inventory), from whom, where, and his
    duties (domain.md §5)."""
    total = sum((b.valor for b in p.bienes if b.valor is not None), Decimal("0"))
    return {
        **comun(j, fecha),
        "depositario_nombre": p.depositario_nombre, "depositario_cedula": p.depositario_cedula,
        "inventario": _inventario(p.bienes), "inventario_total": dinero(total),
        "entrega": p.entrega, "lugar_custodia": p.lugar, "informe_periodo": _periodo(p.informe_meses),
        "acta_referencia": cita(p.acta, "el acta de embargo o secuestro de este juicio"),
    }


def designacion_perito(j: Juicio, fecha: date, d: Designacion) -> dict[str, Any]:
    """Providencia que designa perito avaluador de los bienes, con su plazo (días calendario)."""
    return {
        **comun(j, fecha),
        "perito_nombre": d.perito_nombre, "perito_cedula": d.perito_cedula, "plazo_dias": d.plazo_dias,
        "plazo_letras": number_in_words(d.plazo_dias), "inventario": _inventario(d.bienes),
    }


def calificacion_posturas(j: Juicio, fecha: date, c: Calificacion) -> dict[str, Any]:
    """Auto de calificación de posturas y adjudicación: the base, each bid and why it qualifies or not, the
    winner and how the price pays the debt (and the surplus owed back to the debtor)."""
    g = c.posturas[c.adjudicatario]
    return {
        **comun(j, fecha),
        "inventario": _inventario(c.bienes), "aviso_referencia": cita(c.aviso, "el aviso de remate de este juicio"),
        "avaluo_total": dinero(c.avaluo), "base_remate": dinero(c.base),
        "base_remate_letras": amount_in_words(c.base),
        "posturas": [
            {"n": i, "postor": p.postor, "identificacion": p.identificacion, "valor": dinero(p.valor),
             "deposito": dinero(p.deposito), "calificada": "Sí" if p.calificada else "No", "motivo": p.motivo}
            for i, p in enumerate(c.posturas, start=1)
        ],
        "adjudicatario_nombre": g.postor, "adjudicatario_identificacion": g.identificacion,
        "adjudicacion_valor": dinero(g.valor), "adjudicacion_letras": amount_in_words(g.valor),
        "saldo_deuda": dinero(c.saldo_deuda), "producto_a_deuda": dinero(c.a_deuda),
        "producto_a_deuda_letras": amount_in_words(c.a_deuda),
        "sobrante": dinero(c.sobrante), "sobrante_letras": amount_in_words(c.sobrante),
        "hay_sobrante": c.sobrante > 0,
    }
