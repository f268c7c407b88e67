"""What the documents of seized goods say, read from their rows (inside the documents service's transaction):
the acta de posesión (from the custody entries just recorded), the designación de perito, the calificación de
posturas, and the aviso and acta de remate of a registered :class:`~app.storage.models_bienes.Remate`.

Each function takes ``(session, expediente, juicio, fecha, datos)`` and returns
``(campos, descripcion, datos_acto)``; :class:`app.services.documentos_datos.Preparador` wraps it. The acta de
remate is only produced from a registered remate: the free-form path (posturas typed in ``datos``) adjudicated
at any price without touching the debt, and is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.text import plural
from app.documents.campos import actas
from app.documents.campos import bienes as cb
from app.documents.campos import modelo as cm
from app.domain.bienes import EstadoBien, TipoBien, motivo_descalificacion
from app.domain.bienes_campos import identificacion
from app.domain.tipos import TipoDocumento
from app.services import documentos_entrada as entrada
from app.storage.models import Documento, Folio
from app.storage.models_bienes import Avaluo, Bien, DesignacionPerito, Postura, Remate

Resultado = tuple[dict[str, Any], str, dict[str, Any]]

#: Documents generated from the goods of an expediente (not from the «Documento» menu).
GENERADOS_DESDE_BIENES = frozenset({
    TipoDocumento.ACTA_POSESION, TipoDocumento.DESIGNACION_PERITO, TipoDocumento.CALIFICACION_POSTURAS,
    TipoDocumento.ACTA_REMATE,
})


def _uuid(v: Any, campo: str) -> uuid.UUID:
    try:
        return v if isinstance(v, uuid.UUID) else uuid.UUID(str(v))
    except ValueError as exc:
        raise ValidationError(f"«{campo}»: «{v}» no es un identificador válido.") from exc


def _ref_doc(s: Session, documento_id: uuid.UUID | None, nombre: str) -> cm.RefDocumento | None:
    if documento_id is None:
        return None
    row = s.execute(select(Documento.fecha, Folio.desde, Folio.hasta).join(Folio, Folio.documento_id == Documento.id)
                    .where(Documento.id == documento_id)).first()
    return cm.RefDocumento(nombre, row[0], row[1], row[2]) if row else None


def _avaluos(s: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Decimal]:
    out: dict[uuid.UUID, Decimal] = {}
    for bid, v in s.execute(select(Avaluo.bien_id, Avaluo.valor).where(Avaluo.bien_id.in_(ids))
                            .order_by(Avaluo.fecha, Avaluo.created_at)):
        out[bid] = v
    return out


def inventario(s: Session, bienes: list[Bien], con_avaluo: bool = False) -> tuple[cb.BienInventario, ...]:
    """The goods as inventory lines (value: the last avalúo when ``con_avaluo``, else the estimate)."""
    av = _avaluos(s, [b.id for b in bienes]) if con_avaluo else {}
    return tuple(cb.BienInventario(
        b.descripcion, TipoBien(b.tipo).etiqueta,
        "; ".join(x for x in (identificacion(TipoBien(b.tipo), {**(b.detalle or {}), "placa": b.placa,
                                                                 "chasis": b.chasis,
                                                                 "clave_catastral": b.clave_catastral}),) if x),
        b.condicion, av.get(b.id, b.valor_estimado) if con_avaluo else b.valor_estimado,
    ) for b in bienes)


def _bienes(s: Session, e_id: uuid.UUID, ids: list[Any]) -> list[Bien]:
    filas = list(s.scalars(select(Bien).where(Bien.id.in_([_uuid(i, "bienes") for i in ids]))))
    if len(filas) != len(ids) or any(b.expediente_id != e_id for b in filas):
        raise NotFoundError("Los bienes indicados no son todos de este juicio.")
    return filas


def acta_posesion(s: Session, e: Any, j: cm.Juicio, fecha: date, datos: dict[str, Any]) -> Resultado:
    from app.services.bienes_comun import reglas_de  # reads the office's report period
    from app.storage.models_bienes import Depositario

    if not datos.get("bien_ids") or not datos.get("depositario_id"):
        raise ValidationError("El acta de posesión se genera al designar al depositario judicial de los bienes.")
    dep = s.get(Depositario, _uuid(datos["depositario_id"], "depositario_id"))
    if dep is None or dep.office_id != e.office_id:
        raise NotFoundError("El depositario judicial no existe en esta oficina.")
    bienes = _bienes(s, e.id, list(datos["bien_ids"]))
    ajenos = [b.descripcion for b in bienes if b.depositario_id != dep.id]
    if ajenos:
        raise RuleError(f"{dep.nombres} no custodia: {'; '.join(ajenos)}. Designe primero al depositario.")
    acta = _ref_doc(s, bienes[0].acta_documento_id,
                    "el acta de embargo" if bienes[0].acta_tipo == "EMBARGO" else "el acta de secuestro")
    p = cb.Posesion(dep.nombres, dep.cedula, inventario(s, bienes),
                    entrada.texto(datos, "entrega") or "el coactivado",
                    entrada.texto(datos, "lugar") or bienes[0].ubicacion,
                    reglas_de(s, e.office_id).informe_meses, acta)
    return (cb.acta_posesion(j, fecha, p),
            f"Acta de posesión del depositario {dep.nombres} ({format_dmy(fecha)}): {plural(len(bienes), 'bien')}",
            {})


def designacion_perito(s: Session, e: Any, j: cm.Juicio, fecha: date, datos: dict[str, Any]) -> Resultado:
    if not datos.get("designacion_id"):
        raise ValidationError("La designación de perito se genera al designarlo desde los bienes del expediente.")
    d = s.get(DesignacionPerito, _uuid(datos["designacion_id"], "designacion_id"))
    if d is None or d.expediente_id != e.id:
        raise NotFoundError("La designación de perito no es de este juicio.")
    bienes = _bienes(s, e.id, list(d.bienes))
    ctx = cb.designacion_perito(j, fecha, cb.Designacion(d.perito_nombre, d.perito_cedula, d.plazo_dias,
                                                         inventario(s, bienes)))
    return ctx, f"Designación de perito: {d.perito_nombre} ({format_dmy(fecha)})", {"designacion_id": str(d.id)}


def _remate(s: Session, e: Any, datos: dict[str, Any]) -> Remate:
    r = s.get(Remate, _uuid(datos["remate_id"], "remate_id"))
    if r is None or r.expediente_id != e.id:
        raise NotFoundError("El remate indicado no es de este juicio.")
    return r


def aviso_remate(s: Session, e: Any, j: cm.Juicio, fecha: date, datos: dict[str, Any]) -> Resultado:
    r = _remate(s, e, datos)
    bienes = _bienes(s, e.id, list(r.bienes))
    av = _avaluos(s, [b.id for b in bienes])
    lista = tuple(cm.Bien(b.descripcion, b.tipo, av.get(b.id), b.ubicacion) for b in bienes)
    aviso = cm.AvisoRemate(r.fecha_remate, r.hora, r.lugar, lista, r.base)
    return (actas.aviso_remate(j, fecha, aviso),
            f"Aviso de remate para el {format_dmy(r.fecha_remate)} ({format_dmy(fecha)})",
            {"remate_id": str(r.id), "fecha_remate": r.fecha_remate.isoformat(), "base": str(r.base),
             "bienes": [{"descripcion": b.descripcion, "tipo": b.tipo, "valor": str(av.get(b.id))} for b in bienes]})


def _posturas(s: Session, r: Remate) -> list[Postura]:
    return list(s.scalars(select(Postura).where(Postura.remate_id == r.id).order_by(Postura.fecha,
                                                                                      Postura.created_at)))


def _calificar(p: Postura, base: Decimal) -> tuple[bool, str]:
    motivo = motivo_descalificacion(p.valor, p.deposito, base)
    return motivo is None, motivo or ""


def calificacion(s: Session, e: Any, j: cm.Juicio, fecha: date, datos: dict[str, Any]) -> Resultado:
    if not datos.get("remate_id"):
        raise ValidationError("La calificación de posturas se genera al adjudicar el remate desde los bienes.")
    r = _remate(s, e, datos)
    if r.postura_id is None or r.precio is None or r.a_deuda is None:
        raise RuleError("El remate todavía no se ha adjudicado.")
    ps = _posturas(s, r)
    calif = tuple(cb.PosturaCalificada(p.postor, p.identificacion, p.valor, p.deposito, *_calificar(p, r.base))
                  for p in ps)
    k = next(i for i, p in enumerate(ps) if p.id == r.postura_id)
    bienes = _bienes(s, e.id, list(r.bienes))
    from app.services.liquidacion import liquidar_expediente  # the saldo before the price is applied

    c = cb.Calificacion(inventario(s, bienes, con_avaluo=True), r.avaluo, r.base, calif, k,
                        liquidar_expediente(s, e, fecha).total, r.a_deuda, r.sobrante or Decimal("0.00"),
                        _ref_doc(s, r.aviso_documento_id, "el aviso de remate"))
    ctx = cb.calificacion_posturas(j, fecha, c)
    return ctx, f"Calificación de posturas y adjudicación a {ps[k].postor} ({format_dmy(fecha)})", {}


def acta_remate(s: Session, e: Any, j: cm.Juicio, fecha: date, datos: dict[str, Any]) -> Resultado:
    if not datos.get("remate_id"):
        raise RuleError("El acta de remate se genera al adjudicar un remate registrado (pestaña Bienes → Remate): "
                        "así se verifica la base y el producto se imputa a la deuda.")
    r = _remate(s, e, datos)
    if r.postura_id is None or r.a_deuda is None:
        raise RuleError("El remate todavía no se ha adjudicado.")
    ps = _posturas(s, r)
    k = next(i for i, p in enumerate(ps) if p.id == r.postura_id)
    bienes = _bienes(s, e.id, list(r.bienes))
    av = _avaluos(s, [b.id for b in bienes])
    acta = cm.ActaRemate(
        tuple(cm.Bien(b.descripcion, b.tipo, av.get(b.id), b.ubicacion) for b in bienes),
        tuple(cm.Postura(p.postor, p.identificacion, p.valor, p.deposito) for p in ps), r.hora,
        _ref_doc(s, r.aviso_documento_id, "el aviso de remate"), k, base=r.base, a_deuda=r.a_deuda,
        sobrante=r.sobrante or Decimal("0.00"),
    )
    g = ps[k]
    return (actas.acta_remate(j, fecha, acta), f"Acta de remate ({format_dmy(fecha)}): adjudicado a {g.postor}",
            {"remate_id": str(r.id), "adjudicatario": g.postor, "identificacion": g.identificacion,
             "valor": str(g.valor)})


PREPARADORES: dict[TipoDocumento, Callable[[Session, Any, cm.Juicio, date, dict[str, Any]], Resultado]] = {
    TipoDocumento.ACTA_POSESION: acta_posesion,
    TipoDocumento.DESIGNACION_PERITO: designacion_perito,
    TipoDocumento.CALIFICACION_POSTURAS: calificacion,
    TipoDocumento.ACTA_REMATE: acta_remate,
}


def preparador(tipo: TipoDocumento, datos: dict[str, Any]) -> Callable[..., Resultado] | None:
    """The preparer of ``tipo`` when it is a goods' document (the aviso de remate only with a ``remate_id``)."""
    if tipo is TipoDocumento.AVISO_REMATE:
        return aviso_remate if datos.get("remate_id") else None
    return PREPARADORES.get(tipo)


__all__ = ["GENERADOS_DESDE_BIENES", "PREPARADORES", "EstadoBien", "preparador"]
