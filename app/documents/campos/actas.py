"""Fields of the actas of goods and of the remate (template family «actas», as the generators group them): acta de
embargo or secuestro, aviso de remate and acta de remate. Which bid wins is a rule of
:mod:`app.domain.bienes`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from app.common.dates import long_date, number_in_words
from app.common.errors import ValidationError
from app.common.money import amount_in_words
from app.documents import concordancia
from app.documents.campos.comunes import cita, comun, dia_semana, dinero
from app.documents.campos.modelo import ActaBienes, ActaRemate, AvisoRemate, Bien, Juicio
from app.domain.bienes import DEPOSITO_MINIMO, adjudicataria

_TIPOS_BIEN = {"INMUEBLE": "Inmueble", "VEHICULO": "Vehículo", "MUEBLE": "Mueble", "FONDOS": "Fondos"}


def _bienes(bienes: Sequence[Bien]) -> list[dict[str, Any]]:
    return [
        {"n": i, "descripcion": b.descripcion,
         "tipo": _TIPOS_BIEN.get(b.tipo.upper(), b.tipo.capitalize()) if b.tipo else "—",
         "valor": dinero(b.valor) if b.valor is not None else "—", "ubicacion": b.ubicacion}
        for i, b in enumerate(bienes, start=1)
    ]


def _suma(bienes: Sequence[Bien]) -> Decimal:
    return sum((b.valor for b in bienes if b.valor is not None), Decimal("0"))


def acta_bienes(j: Juicio, fecha: date, a: ActaBienes) -> dict[str, Any]:
    """Acta de embargo or de secuestro: the goods, their value and the depositario who takes custody."""
    if not a.bienes:
        raise ValidationError("El acta necesita al menos un bien (datos «bienes»).")
    total = _suma(a.bienes)
    return {
        **comun(j, fecha),
        "hora": a.hora, "lugar_diligencia": a.lugar_diligencia or j.deudor.direccion or j.oficina.ciudad,
        "bienes": _bienes(a.bienes), "bienes_total": dinero(total), "bienes_total_letras": amount_in_words(total),
        "depositario_nombre": a.depositario_nombre, "depositario_cedula": a.depositario_cedula,
        "depositario_cargo": concordancia.cargo_depositario(a.depositario_genero),
        "depositario_articulo": concordancia.articulo(a.depositario_genero),
        "depositario_del": concordancia.del_(a.depositario_genero),
        "lugar_custodia": a.lugar_custodia or "las bodegas del Instituto Ecuatoriano de Seguridad Social",
        "observaciones": a.observaciones,
    }


def aviso_remate(j: Juicio, fecha: date, a: AvisoRemate) -> dict[str, Any]:
    """Aviso de remate: date, time and place, the goods with their appraisal, the base and the deposit."""
    if not a.bienes:
        raise ValidationError("El aviso de remate necesita al menos un bien (datos «bienes»).")
    avaluo = _suma(a.bienes)
    return {
        **comun(j, fecha),
        "remate_fecha": long_date(a.fecha_remate), "remate_dia_semana": dia_semana(a.fecha_remate),
        "remate_hora": a.hora, "remate_lugar": a.lugar, "bienes": _bienes(a.bienes),
        "avaluo_total": dinero(avaluo), "avaluo_total_letras": amount_in_words(avaluo),
        "base_remate": dinero(a.base), "base_remate_letras": amount_in_words(a.base),
        "deposito_porcentaje": f"{int(DEPOSITO_MINIMO * 100)}%",
        "deposito_letras": number_in_words(int(DEPOSITO_MINIMO * 100)),
    }


def acta_remate(j: Juicio, fecha: date, a: ActaRemate) -> dict[str, Any]:
    """Acta de remate: the bids received, which qualify (10% deposit), the adjudication."""
    k = adjudicataria(a.posturas, a.adjudicatario)
    ganadora = a.posturas[k]
    return {
        **comun(j, fecha),
        "hora": a.hora, "aviso_referencia": cita(a.aviso, "el aviso de remate publicado en este juicio"),
        "bienes": _bienes(a.bienes),
        "posturas": [
            {"n": i, "postor": p.postor, "identificacion": p.identificacion, "valor": dinero(p.valor),
             "deposito": dinero(p.deposito), "calificada": "Sí" if p.calificada else "No"}
            for i, p in enumerate(a.posturas, start=1)
        ],
        "adjudicatario_nombre": ganadora.postor, "adjudicatario_identificacion": ganadora.identificacion,
        "adjudicacion_valor": dinero(ganadora.valor), "adjudicacion_letras": amount_in_words(ganadora.valor),
        "saldo_precio": dinero(ganadora.valor - ganadora.deposito),
        "saldo_precio_letras": amount_in_words(ganadora.valor - ganadora.deposito),
        "base_remate": dinero(a.base) if a.base is not None else "",
        "producto_aplicado": a.a_deuda is not None,
        "producto_a_deuda_letras": amount_in_words(a.a_deuda) if a.a_deuda is not None else "",
        "sobrante_letras": amount_in_words(a.sobrante), "hay_sobrante": a.sobrante > 0,
    }
