"""An expediente read from the database into the plain data of :mod:`app.documents.campos.modelo`: the juicio
(office, coactivado, co-obligados, título, secretario, folios so far), the documents it cites by date and
folios, and a recorded liquidación with its costs and payments. Read-only; inside the caller's session.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.documents.campos import modelo as cm
from app.domain.tipos import TipoDocumento
from app.storage.models import Deudor, Documento, Expediente, Folio, Oficina, Secretario, TituloCredito
from app.storage.models_juicio import Coobligado, Costa, Liquidacion, Pago

#: How a razón or oficio cites an earlier document of each type («que obra a fojas …»).
_CITA = {
    TipoDocumento.OPI.name: "la orden de pago inmediato",
    TipoDocumento.RPV.name: "el requerimiento de pago voluntario",
    TipoDocumento.RAZON_NO_PAGO.name: "la razón de no pago",
    TipoDocumento.PROVIDENCIA.name: "la providencia",
    TipoDocumento.ACTA_EMBARGO.name: "el acta de embargo",
    TipoDocumento.ACTA_SECUESTRO.name: "el acta de secuestro",
    TipoDocumento.AVISO_REMATE.name: "el aviso de remate",
    TipoDocumento.ACTA_REMATE.name: "el acta de remate",
    TipoDocumento.LIQUIDACION.name: "la liquidación",
    TipoDocumento.AUTO_SUSPENSION.name: "el auto de suspensión",
    TipoDocumento.AUTO_ARCHIVO.name: "el auto de archivo",
    TipoDocumento.TITULO_CREDITO.name: "la copia certificada del título de crédito",
}


def ref(session: Session, expediente_id: uuid.UUID, tipo: str) -> cm.RefDocumento | None:
    """The latest document of ``tipo`` in the expediente, cited by its date and folios."""
    row = session.execute(
        select(Documento.fecha, Folio.desde, Folio.hasta)
        .join(Folio, Folio.documento_id == Documento.id)
        .where(Documento.expediente_id == expediente_id, Documento.tipo == tipo)
        .order_by(Folio.posicion.desc()).limit(1)
    ).first()
    if row is None:
        return None
    return cm.RefDocumento(_CITA.get(tipo, "el documento"), row[0], row[1], row[2])


def ref_documento(session: Session, documento_id: uuid.UUID | None) -> cm.RefDocumento | None:
    if documento_id is None:
        return None
    row = session.execute(
        select(Documento.tipo, Documento.descripcion, Documento.fecha, Folio.desde, Folio.hasta)
        .join(Folio, Folio.documento_id == Documento.id).where(Documento.id == documento_id)
    ).first()
    if row is None:
        return None
    tipo, descripcion, fecha, desde, hasta = row
    return cm.RefDocumento(_CITA.get(tipo, f"el documento «{descripcion}»"), fecha, desde, hasta)


def oficina_de(o: Oficina) -> cm.Oficina:
    return cm.Oficina(o.nombre, o.ciudad, o.provincia, o.ejecutor_nombre, o.ejecutor_cargo, o.ejecutor_genero or "",
                      o.jefe_nombre or "", o.jefe_cargo or "", o.jefe_genero or "")


def _persona(d: Deudor) -> cm.Persona:
    return cm.Persona(
        nombre=d.nombre, identificacion=d.identificacion, tipo_identificacion=d.tipo_identificacion,
        tipo_persona=d.tipo_persona or "NATURAL", representante_legal=d.representante_legal or "",
        representante_cedula=d.representante_cedula or "", direccion=d.direccion or "",
    )


def juicio_de(session: Session, e: Expediente) -> cm.Juicio:
    """Everything the documents of ``e`` say about it, read inside ``session`` (folios up to now)."""
    o = session.get_one(Oficina, e.office_id)
    t = session.get_one(TituloCredito, e.titulo_id)
    d = session.get_one(Deudor, e.deudor_id)
    x = session.get_one(Secretario, e.secretario_id)
    coob = session.scalars(
        select(Coobligado).where(Coobligado.expediente_id == e.id).order_by(Coobligado.created_at, Coobligado.nombre)
    ).all()
    ultimo, cuerpos = session.execute(
        select(func.max(Folio.hasta), func.max(Folio.cuerpo_hasta)).where(Folio.expediente_id == e.id)
    ).one()
    return cm.Juicio(
        numero=e.numero, oficina=oficina_de(o), deudor=_persona(d),
        titulo=cm.Titulo(t.numero, t.fecha_emision, t.concepto, t.periodo, t.capital, t.interes, t.recargo, t.total,
                         t.fecha_interes_desde),
        secretario=cm.Secretario(x.nombres, x.cedula, x.externo, x.genero or ""),
        coobligados=tuple(
            cm.Persona(nombre=c.nombre, identificacion=c.identificacion,
                       tipo_identificacion="RUC" if len(c.identificacion) == 13 else "CEDULA",
                       direccion=c.direccion or "", calidad=c.calidad)
            for c in coob
        ),
        cuantia=e.cuantia, fecha_inicio=e.fecha_inicio, casilla_judicial=e.casilla_judicial or "",
        abogado_deudor=e.abogado_deudor or "", fecha_citacion=e.fecha_citacion, forma_citacion=e.forma_citacion or "",
        ultimo_folio=ultimo or 0, cuerpos=cuerpos or 1, opi=ref(session, e.id, TipoDocumento.OPI.name),
    )


def _movimientos_hasta(session: Session, e: Expediente, hasta: date) -> tuple[tuple[cm.Movimiento, ...],
                                                                               tuple[cm.Movimiento, ...]]:
    costas = session.execute(
        select(Costa.fecha, Costa.concepto, Costa.monto).where(Costa.expediente_id == e.id, Costa.fecha <= hasta)
        .order_by(Costa.fecha, Costa.created_at)
    ).all()
    pagos = session.execute(
        select(Pago.fecha, Pago.referencia, Pago.monto).where(Pago.expediente_id == e.id, Pago.fecha <= hasta)
        .order_by(Pago.fecha, Pago.created_at)
    ).all()
    return (tuple(cm.Movimiento(f, c, m) for f, c, m in costas),
            tuple(cm.Movimiento(f, r or "Abono", m) for f, r, m in pagos))


def _dec(valor: Any, defecto: Decimal = Decimal("0.00")) -> Decimal:
    try:
        return Decimal(str(valor)) if valor not in (None, "") else defecto
    except ArithmeticError:
        return defecto


def liquidacion_de(session: Session, e: Expediente, row: Liquidacion) -> cm.LiquidacionDocumento:
    """A recorded liquidación (row + its stored breakdown) as plain data, with its costs and payments."""
    det = dict(row.detalle or {})
    tramos = tuple(
        cm.TramoInteres(date.fromisoformat(t["desde"]), date.fromisoformat(t["hasta"]), int(t["dias"]),
                        _dec(t["capital"]), _dec(t["tasa_anual"]), _dec(t["interes"]))
        for t in det.get("tramos", []) if isinstance(t, dict)
    )
    costas, pagos = _movimientos_hasta(session, e, row.fecha_corte)
    doc = ref_documento(session, row.documento_id)
    if doc is None:
        doc = _ref_liquidacion(session, e.id, row.fecha_corte)
    return cm.LiquidacionDocumento(
        fecha_corte=row.fecha_corte, capital=row.capital, interes=row.interes, recargo=row.recargo,
        costas=row.costas, honorarios=row.honorarios, pagos=row.pagos, total=row.total,
        interes_titulo=_dec(det["interes_titulo"]) if "interes_titulo" in det else None,
        interes_mora=_dec(det.get("interes_mora")), interes_convenio=_dec(det.get("interes_convenio")),
        tramos=tramos, base_dias=int(det.get("base_dias", 360)), costas_detalle=costas, pagos_detalle=pagos,
        documento=doc, honorarios_a_cargo=bool((det.get("honorarios") or {}).get("a_cargo")),
    )


def descripcion_liquidacion(fecha_corte: date) -> str:
    return f"Liquidación con corte al {format_dmy(fecha_corte)}"


def _ref_liquidacion(session: Session, expediente_id: uuid.UUID, fecha_corte: date) -> cm.RefDocumento | None:
    """The liquidación document of ``fecha_corte`` (a Liquidacion row is append-only: the document is found by
    its description)."""
    row = session.execute(
        select(Documento.fecha, Folio.desde, Folio.hasta).join(Folio, Folio.documento_id == Documento.id)
        .where(Documento.expediente_id == expediente_id, Documento.tipo == TipoDocumento.LIQUIDACION.name,
               Documento.descripcion == descripcion_liquidacion(fecha_corte))
        .order_by(Folio.posicion.desc()).limit(1)
    ).first()
    return cm.RefDocumento("la liquidación", row[0], row[1], row[2]) if row else None


def ultima_liquidacion(session: Session, expediente_id: uuid.UUID) -> Liquidacion | None:
    return session.scalars(
        select(Liquidacion).where(Liquidacion.expediente_id == expediente_id)
        .order_by(Liquidacion.fecha_corte.desc(), Liquidacion.created_at.desc()).limit(1)
    ).first()
