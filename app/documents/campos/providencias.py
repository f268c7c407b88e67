"""Fields of the providencias, razones and autos (template family «providencias», as the generators group them): the
requerimiento de pago voluntario, the orden de pago inmediato, the razones de no pago, de notificación and de
archivo, a providencia and the auto de suspensión por convenio."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from app.common.dates import fojas, format_dmy, long_date, number_in_words
from app.common.errors import ValidationError
from app.common.money import amount_in_words
from app.documents import concordancia
from app.documents.campos.comunes import a_fojas, cita, comun, dia_semana, dinero, hora_texto, ordinal, porcentaje, tasa
from app.documents.campos.modelo import (
    Archivo,
    Convenio,
    HonorariosOpi,
    Juicio,
    LiquidacionDocumento,
    Notificacion,
    RefDocumento,
)
from app.domain.terminos import TERMINO_OPI_DIAS, TERMINO_RPV_DIAS


def _termino(fecha_vence: date, dias: int) -> dict[str, Any]:
    return {
        "termino_dias": dias, "termino_letras": number_in_words(dias),
        "vencimiento": long_date(fecha_vence), "vencimiento_dia_semana": dia_semana(fecha_vence),
    }


# --- one builder per document type -------------------------------------------------------------------------


def rpv(j: Juicio, fecha: date, vencimiento: date) -> dict[str, Any]:
    """Requerimiento de pago voluntario (COA art. 271): 10 días término from notification."""
    return {**comun(j, fecha), **_termino(vencimiento, TERMINO_RPV_DIAS)}


def opi(j: Juicio, fecha: date, vencimiento: date, medidas: Sequence[str],
        honorarios: HonorariosOpi | None = None) -> dict[str, Any]:
    """Orden de pago inmediato (COA arts. 279-281): 3 días término, medidas cautelares; the lawyer's fee as its
    own line when the office charges it to the coactivado (``honorarios``)."""
    h = honorarios
    return {**comun(j, fecha), **_termino(vencimiento, TERMINO_OPI_DIAS), "medidas": list(medidas),
            "honorarios_a_cargo": h is not None,
            "honorarios_porcentaje": porcentaje(h.porcentaje) if h else "",
            "honorarios_iva": porcentaje(h.iva_porcentaje) if h else "",
            "honorarios_monto": dinero(h.monto) if h else "0,00",
            "total_con_honorarios": dinero(j.titulo.total + h.monto) if h else dinero(j.titulo.total)}


def razon_no_pago(j: Juicio, fecha: date, rpv_ref: RefDocumento | None, rpv_vence: date | None) -> dict[str, Any]:
    """Razón de no pago of the RPV (its date, folios and the last day of its término)."""
    return {
        **comun(j, fecha),
        "rpv_referencia": cita(rpv_ref, "el requerimiento de pago voluntario de este juicio"),
        "rpv_vencimiento": long_date(rpv_vence) if rpv_vence else "",
        "termino_dias": TERMINO_RPV_DIAS, "termino_letras": number_in_words(TERMINO_RPV_DIAS),
    }


_FORMAS = {
    "PERSONAL": "personalmente",
    "BOLETA": "mediante boleta",
    "PRENSA": "por la prensa",
}


def razon_notificacion(j: Juicio, fecha: date, n: Notificacion) -> dict[str, Any]:
    """Razón de notificación of one attempt (COA arts. 164, 171)."""
    forma = n.forma.upper()
    forma_texto = _FORMAS.get(forma, n.forma.lower())
    if forma == "BOLETA":
        forma_texto = f"mediante {ordinal(n.intento)} boleta"
    return {
        **comun(j, fecha),
        "notificacion_destinatario": n.destinatario, "notificacion_identificacion": n.identificacion,
        "notificacion_calidad": n.calidad, "notificacion_intento": ordinal(n.intento),
        "notificacion_forma": forma_texto, "notificacion_fecha": long_date(n.fecha_hora.date()),
        "notificacion_hora": hora_texto(n.fecha_hora), "notificacion_direccion": n.direccion or "su domicilio",
        "notificacion_recibido_por": n.recibido_por, "notificacion_efectiva": n.efectiva,
        "notificacion_observaciones": n.observaciones,
        "notificacion_representante": n.representante_legal,
        "documento_notificado": cita(n.documento, "el documento dictado en este juicio"),
        "citador_nombre": n.citador_nombre, "citador_cargo": n.citador_cargo,
    }


def providencia(j: Juicio, fecha: date, texto: str, liq: LiquidacionDocumento | None) -> dict[str, Any]:
    """Providencia: the standard header and the order's free text (one paragraph per line)."""
    parrafos = [p.strip() for p in texto.replace("\r\n", "\n").split("\n") if p.strip()]
    if not parrafos:
        raise ValidationError("La providencia no tiene texto: escriba lo que se dispone.")
    return {
        **comun(j, fecha),
        "texto_inicial": parrafos[0], "parrafos": parrafos[1:],
        "liquidacion_referencia": (
            f"la liquidación practicada con corte al {long_date(liq.fecha_corte)}"
            + (f", que obra {a_fojas(liq.documento.desde, liq.documento.hasta)}" if liq.documento else "")
            if liq else ""
        ),
        "liquidacion_total_letras": amount_in_words(liq.total) if liq else "",
    }


def razon_archivo(j: Juicio, fecha: date, a: Archivo) -> dict[str, Any]:
    """Razón de archivo: why, what was paid, how many folios the expediente has before this razón."""
    return {
        **comun(j, fecha),
        "motivo": a.motivo, "total_pagado": dinero(a.total_pagado),
        "total_pagado_letras": amount_in_words(a.total_pagado),
        "fojas_expediente": fojas(j.ultimo_folio), "cuerpos": j.cuerpos,
        "fojas_expediente_texto": concordancia.fojas_utiles(j.ultimo_folio),
        "cuerpos_texto": concordancia.cuerpos(j.cuerpos),
        "auto_archivo_referencia": cita(a.auto, "el auto de archivo dictado en este juicio"),
    }


def auto_suspension(j: Juicio, fecha: date, c: Convenio) -> dict[str, Any]:
    """Auto de suspensión por convenio de pago (APP) with its amortization table."""
    return {
        **comun(j, fecha),
        "convenio_fecha": long_date(c.fecha), "convenio_plazo_meses": c.plazo_meses,
        "convenio_plazo_letras": number_in_words(c.plazo_meses),
        "convenio_monto": dinero(c.monto), "convenio_monto_letras": amount_in_words(c.monto),
        "convenio_cuota_inicial": dinero(c.cuota_inicial),
        "convenio_tasa": tasa(c.tasa_anual), "convenio_sin_honorarios": c.sin_honorarios,
        "cuotas": [
            {"n": k.numero, "vence": format_dmy(k.vence), "capital": dinero(k.capital),
             "interes": dinero(k.interes), "cuota": dinero(k.cuota)}
            for k in c.cuotas
        ],
        "cuotas_total": dinero(sum((k.cuota for k in c.cuotas), Decimal("0"))),
    }
