"""Fields of the oficios of medidas cautelares (retention of funds, ANT, Registro de la Propiedad) and of
their levantamiento (template family «oficios», as the generators group them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.common.dates import long_date
from app.common.money import amount_in_words
from app.documents.campos.comunes import comun, dinero
from app.documents.campos.modelo import Juicio, Oficio
from app.domain.tipos import TipoDocumento

_ASUNTOS = {
    TipoDocumento.OFICIO_RETENCION: "Retención de fondos",
    TipoDocumento.OFICIO_ANT: "Prohibición de enajenar vehículos",
    TipoDocumento.OFICIO_REGISTRO: "Prohibición de enajenar bienes inmuebles",
    TipoDocumento.OFICIO_LEVANTAMIENTO: "Levantamiento de medidas cautelares",
}


def oficio(j: Juicio, fecha: date, tipo: TipoDocumento, o: Oficio) -> dict[str, Any]:
    """Oficio of a medida cautelar (retention, ANT, Registro de la Propiedad) or of its levantamiento."""
    return {
        **comun(j, fecha),
        "oficio_numero": o.numero, "destinatario": o.destinatario, "asunto": _ASUNTOS[tipo],
        "monto": dinero(o.monto), "monto_letras": amount_in_words(o.monto),
        "medidas_levantadas": [
            {"n": i, "descripcion": m.descripcion, "destinatario": m.destinatario, "oficio": m.oficio_numero,
             "fecha": long_date(m.fecha)}
            for i, m in enumerate(o.medidas, start=1)
        ],
        "motivo": o.motivo,
    }
