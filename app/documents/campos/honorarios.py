"""Fields of the orden de pago de honorarios (template family «honorarios», as the generators group them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.common.dates import format_dmy, long_date
from app.common.money import amount_in_words
from app.documents.campos.comunes import comun, dinero, porcentaje
from app.documents.campos.modelo import Juicio


@dataclass(frozen=True, slots=True)
class LineaOrden:
    """A recovery in the order (USD); ``motivo`` set: recovered without fees."""

    fecha: date
    referencia: str
    monto: Decimal
    porcentaje: Decimal | None = None
    iva_porcentaje: Decimal | None = None
    honorario: Decimal = Decimal("0.00")
    iva: Decimal = Decimal("0.00")
    motivo: str = ""


@dataclass(frozen=True, slots=True)
class TarifaOrden:
    desde: date
    porcentaje: Decimal
    iva_porcentaje: Decimal
    fuente: str


@dataclass(frozen=True, slots=True)
class OrdenHonorarios:
    """What the order says: the request's date, who approved it, each recovery, totals (USD)."""

    solicitud_fecha: date
    jefe_nombre: str
    jefe_cargo: str
    lineas: tuple[LineaOrden, ...]
    recuperado: Decimal
    excluido: Decimal
    base: Decimal
    honorario: Decimal
    iva: Decimal
    total: Decimal
    tarifas: tuple[TarifaOrden, ...]
    tarifa_confirmada: bool
    revision: tuple[str, ...]
    observaciones: str = ""


def _pct(p: Decimal | None) -> str:
    return "" if p is None else porcentaje(p)


def orden_pago_honorarios(j: Juicio, fecha: date, o: OrdenHonorarios) -> dict[str, Any]:
    cobradas = [x for x in o.lineas if not x.motivo]
    excluidas = [x for x in o.lineas if x.motivo]
    return {
        **comun(j, fecha),
        "solicitud_fecha": long_date(o.solicitud_fecha), "aprobacion_fecha": long_date(fecha),
        "jefe_nombre": o.jefe_nombre, "jefe_cargo": o.jefe_cargo,
        "recuperaciones": [
            {"n": i, "fecha": format_dmy(x.fecha), "referencia": x.referencia, "monto": dinero(x.monto),
             "porcentaje": _pct(x.porcentaje), "honorario": dinero(x.honorario),
             "iva_porcentaje": _pct(x.iva_porcentaje), "iva": dinero(x.iva), "total": dinero(x.honorario + x.iva)}
            for i, x in enumerate(cobradas, start=1)
        ],
        "exclusiones": [
            {"n": i, "fecha": format_dmy(x.fecha), "referencia": x.referencia, "monto": dinero(x.monto),
             "motivo": x.motivo}
            for i, x in enumerate(excluidas, start=1)
        ],
        "hon_recuperado": dinero(o.recuperado), "hon_excluido": dinero(o.excluido), "hon_base": dinero(o.base),
        "hon_honorario": dinero(o.honorario), "hon_iva": dinero(o.iva), "hon_total": dinero(o.total),
        "hon_total_letras": amount_in_words(o.total),
        "tarifas": [{"desde": format_dmy(t.desde), "porcentaje": _pct(t.porcentaje),
                     "iva_porcentaje": _pct(t.iva_porcentaje), "fuente": t.fuente} for t in o.tarifas],
        "tarifa_confirmada": o.tarifa_confirmada,
        "revision": list(o.revision),
        "observaciones": o.observaciones,
    }
