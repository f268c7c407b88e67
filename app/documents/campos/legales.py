"""Fields of the documents issue 8 added: the certified copy of the título de crédito (foja 1 of the expediente)
and the ejecutor's auto de archivo. Built on :func:`app.documents.campos.comunes.comun`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from app.common.dates import long_date
from app.common.money import amount_in_words
from app.documents.campos.comunes import comun, dinero
from app.documents.campos.modelo import Juicio


def titulo_credito(j: Juicio, fecha: date) -> dict[str, Any]:
    """Copia certificada del título de crédito (COA art. 268): its itemised amounts, as foja 1."""
    return {**comun(j, fecha), "titulo_corte": long_date(j.titulo.fecha_emision)}


def auto_archivo(j: Juicio, fecha: date, motivo: str, total_pagado: Decimal, saldo: Decimal) -> dict[str, Any]:
    """Auto de archivo of the funcionario ejecutor: the obligation is extinguished (saldo 0) by ``motivo``."""
    return {
        **comun(j, fecha), "motivo": motivo, "total_pagado": dinero(total_pagado),
        "total_pagado_letras": amount_in_words(total_pagado), "saldo": dinero(saldo),
    }
