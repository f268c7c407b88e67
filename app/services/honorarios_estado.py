"""The recoveries of an expediente with their fee under the office's rule.

The state of each request and the recoveries a live request holds are read in
:mod:`app.storage.consultas.honorarios`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.honorarios import CalculoHonorarios, Recuperacion, calcular
from app.services.honorarios_tarifa import regla_de
from app.storage.models import Expediente
from app.storage.models_juicio import Convenio, Pago


def referencia_de(p: Pago) -> str:
    if p.corrige_id is not None:
        return f"Reverso del comprobante {p.referencia}"
    return f"Abono, comprobante {p.referencia}"


def recuperaciones_de(s: Session, e: Expediente, hasta: date | None = None
                      ) -> tuple[list[Pago], CalculoHonorarios]:
    """The payments of ``e`` (up to ``hasta``) and the fee of each (tariff, exclusions) under the office's rule.

    Raises:
        ValidationError: the tariff table does not cover a payment's date.
    """
    q = select(Pago).where(Pago.expediente_id == e.id)
    if hasta is not None:
        q = q.where(Pago.fecha <= hasta)
    pagos = list(s.scalars(q.order_by(Pago.fecha, Pago.created_at)))
    sin = {c.id for c in s.scalars(select(Convenio).where(Convenio.expediente_id == e.id, Convenio.sin_honorarios))}
    regla = regla_de(s, e)
    calc = calcular((Recuperacion(str(p.id), p.fecha, p.monto - p.a_honorarios, referencia_de(p),
                                  p.convenio_id in sin, str(p.corrige_id) if p.corrige_id else None)
                     for p in pagos), regla)
    return pagos, calc
