"""Fields of the documents issue 8 added: the certified copy of the título de crédito (foja 1 of the expediente)
and the ejecutor's auto de archivo. Built on :func:`app.documents.contexto.comun`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from app.common.money import amount_in_words
from app.documents import contexto as cx
from app.domain.tipos import TipoDocumento


def titulo_credito(j: cx.Juicio, fecha: date) -> dict[str, Any]:
    """Copia certificada del título de crédito (COA art. 268): its itemised amounts, as foja 1."""
    return {**cx.comun(j, fecha), "titulo_corte": cx.long_date(j.titulo.fecha_emision)}


def auto_archivo(j: cx.Juicio, fecha: date, motivo: str, total_pagado: Decimal, saldo: Decimal) -> dict[str, Any]:
    """Auto de archivo of the funcionario ejecutor: the obligation is extinguished (saldo 0) by ``motivo``."""
    return {
        **cx.comun(j, fecha), "motivo": motivo, "total_pagado": cx.dinero(total_pagado),
        "total_pagado_letras": amount_in_words(total_pagado), "saldo": cx.dinero(saldo),
    }


MUESTRAS: dict[TipoDocumento, Callable[[cx.Juicio, date], dict[str, Any]]] = {
    TipoDocumento.TITULO_CREDITO: titulo_credito,
    TipoDocumento.AUTO_ARCHIVO: lambda j, f: auto_archivo(j, f, "el pago total de la obligación",
                                                         Decimal("1363.68"), Decimal("0.00")),
}
