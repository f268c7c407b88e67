"""Fields of the liquidación (template family «valores», as the generators group them): capital, interest by period,
surcharges, costs, payments and the balance at a cut-off date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from app.common.dates import format_dmy, long_date
from app.common.money import amount_in_words
from app.documents.campos.comunes import comun, dinero, tasa
from app.documents.campos.modelo import Juicio, LiquidacionDocumento, Movimiento


def _movimientos(ms: Sequence[Movimiento]) -> list[dict[str, Any]]:
    return [{"n": i, "fecha": format_dmy(m.fecha), "concepto": m.concepto, "monto": dinero(m.monto)}
            for i, m in enumerate(ms, start=1)]



def liquidacion(j: Juicio, fecha: date, liq: LiquidacionDocumento) -> dict[str, Any]:
    """Liquidación at a cut-off date: capital, interest (título, mora by period, convenio), surcharges, costs,
    payments, total; the lawyer's fees apart."""
    deuda = liq.capital + liq.interes + liq.recargo + liq.costas + (liq.honorarios if liq.honorarios_a_cargo else 0)
    titulo = liq.interes if liq.interes_titulo is None else liq.interes_titulo
    return {
        **comun(j, fecha),
        "liq_fecha_corte": long_date(liq.fecha_corte), "liq_capital": dinero(liq.capital),
        "liq_interes": dinero(liq.interes), "liq_interes_titulo": dinero(titulo),
        "liq_interes_mora": dinero(liq.interes_mora), "liq_interes_convenio": dinero(liq.interes_convenio),
        "liq_recargo": dinero(liq.recargo), "liq_costas": dinero(liq.costas), "liq_deuda": dinero(deuda),
        "liq_pagos": dinero(liq.pagos), "liq_total": dinero(liq.total), "liq_total_letras": amount_in_words(liq.total),
        "liq_honorarios": dinero(liq.honorarios), "liq_base_dias": liq.base_dias,
        "liq_honorarios_a_cargo": liq.honorarios_a_cargo,
        "tramos": [
            {"n": i, "desde": format_dmy(t.desde), "hasta": format_dmy(t.hasta), "dias": t.dias,
             "capital": dinero(t.capital), "tasa": f"{tasa(t.tasa_anual)} %", "interes": dinero(t.interes)}
            for i, t in enumerate(liq.tramos, start=1)
        ],
        "costas_detalle": _movimientos(liq.costas_detalle), "pagos_detalle": _movimientos(liq.pagos_detalle),
    }
