"""Data of the document types issue 8 added (registered into :class:`app.services.documentos_datos.Preparador`):
the certified copy of the título de crédito (foja 1) and the funcionario ejecutor's auto de archivo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.documents.campos import legales as cl
from app.documents.campos import modelo as cm
from app.domain.terminos import Calendario
from app.domain.tipos import TipoDocumento
from app.services import documentos_entrada as entrada
from app.services.documentos_datos import Preparado, Preparador
from app.storage.models import Expediente
from app.storage.models_juicio import Pago


def _p_titulo_credito(prep: Preparador, s: Session, e: Expediente, j: cm.Juicio, fecha: date,
                      datos: dict[str, Any], cal: Calendario) -> Preparado:
    return Preparado(cl.titulo_credito(j, fecha),
                     f"Copia certificada del título de crédito No. {j.titulo.numero} ({format_dmy(fecha)})")


def _p_auto_archivo(prep: Preparador, s: Session, e: Expediente, j: cm.Juicio, fecha: date,
                    datos: dict[str, Any], cal: Calendario) -> Preparado:
    pagado = Decimal(str(s.scalar(select(func.coalesce(func.sum(Pago.monto), 0))
                                  .where(Pago.expediente_id == e.id, Pago.fecha <= fecha)) or 0))
    saldo = entrada.monto(datos["saldo"], "saldo") if datos.get("saldo") not in (None, "") else Decimal("0.00")
    motivo = entrada.texto(datos, "motivo") or "el pago total de la obligación"
    return Preparado(cl.auto_archivo(j, fecha, motivo, pagado, saldo), f"Auto de archivo ({format_dmy(fecha)})")


Preparador._POR_TIPO[TipoDocumento.TITULO_CREDITO] = _p_titulo_credito
Preparador._POR_TIPO[TipoDocumento.AUTO_ARCHIVO] = _p_auto_archivo
