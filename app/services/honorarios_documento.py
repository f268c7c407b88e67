"""Fields of the orden de pago de honorarios, read from the request being approved (used by the documents
service's :class:`~app.services.documentos_datos.Preparador`, inside the approval's transaction)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.common.errors import NotFoundError, RuleError
from app.documents.campos import modelo as cm
from app.documents.campos.honorarios import LineaOrden, OrdenHonorarios, TarifaOrden, orden_pago_honorarios
from app.services.context import Contexto
from app.services.documentos_datos import Preparado
from app.storage.models import Expediente
from app.storage.models_honorarios import HonorarioRecuperacion, SolicitudHonorarios

CARGO_JEFE = "Jefe de la Unidad Provincial de Gestión de Coactiva"


def preparar_orden(ctx: Contexto, s: Session, e: Expediente, j: cm.Juicio, fecha: date,
                   datos: dict[str, Any]) -> Preparado:
    """The order's fields from request ``datos["solicitud_id"]`` of ``e``.

    Raises:
        RuleError: no request named (the order is generated when the jefe approves one).
        NotFoundError: the request is not of this expediente.
    """
    if not datos.get("solicitud_id"):
        raise RuleError("La orden de pago de honorarios se genera al aprobar una solicitud de honorarios "
                        "(Honorarios → Revisar).")
    try:
        sid = uuid.UUID(str(datos["solicitud_id"]))
    except ValueError as exc:
        raise NotFoundError("La solicitud de honorarios indicada no existe.") from exc
    sol = s.get(SolicitudHonorarios, sid)
    if sol is None or sol.expediente_id != e.id:
        raise NotFoundError(f"La solicitud de honorarios no es del juicio {e.numero}.")
    lineas = s.scalars(select(HonorarioRecuperacion).where(HonorarioRecuperacion.solicitud_id == sol.id)
                       .order_by(HonorarioRecuperacion.fecha, HonorarioRecuperacion.created_at)).all()
    detalle = sol.detalle or {}
    excl = {x["pago_id"]: x for x in detalle.get("exclusiones", [])}
    orden_lineas = []
    for x in lineas:
        ex = excl.get(str(x.pago_id))
        orden_lineas.append(LineaOrden(
            x.fecha, ex["referencia"] if ex else _referencia(s, x.pago_id), x.monto,
            None if ex else Decimal(x.porcentaje), None if ex else Decimal(x.iva_porcentaje), x.honorario, x.iva,
            ex["motivo"] if ex else "",
        ))
    tarifas = tuple(TarifaOrden(date.fromisoformat(t["desde"]), Decimal(t["porcentaje"]),
                                Decimal(t["iva_porcentaje"]), t["fuente"]) for t in detalle.get("tarifas", []))
    u = ctx.usuario
    o = OrdenHonorarios(
        solicitud_fecha=sol.fecha, jefe_nombre=u.nombres or u.login, jefe_cargo=CARGO_JEFE,
        lineas=tuple(orden_lineas), recuperado=sol.recuperado, excluido=sol.excluido, base=sol.base,
        honorario=sol.honorario, iva=sol.iva, total=sol.total, tarifas=tarifas,
        tarifa_confirmada=bool(detalle.get("tarifa_confirmada")),
        revision=("foliación verificada", "documentos presentes", "liquidación vigente", "sin términos abiertos"),
        observaciones=str(datos.get("observaciones") or "").strip(),
    )
    return Preparado(orden_pago_honorarios(j, fecha, o),
                     f"Orden de pago de honorarios del Ab. {j.secretario.nombres} ({format_dmy(fecha)})")


def _referencia(s: Session, pago_id: uuid.UUID) -> str:
    from app.services.honorarios_estado import referencia_de
    from app.storage.models_juicio import Pago

    p = s.get(Pago, pago_id)
    return referencia_de(p) if p is not None else ""
