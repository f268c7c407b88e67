"""Shared vocabulary of the procedure: act types and document types (domain.md §2-3).

The rules about them (which stage an act moves to, which term it opens) live in
:mod:`app.domain.procedimiento`; what each document type is (title, template, act, foliation, permission,
accepted ``datos``, what it cites) lives in the one registry :data:`app.domain.documentos.REGISTRO`.
"""

from __future__ import annotations

from enum import StrEnum


class TipoActo(StrEnum):
    RPV = "RPV"  # requerimiento de pago voluntario, COA art. 271
    RAZON_NO_PAGO = "RAZON_NO_PAGO"
    OPI = "OPI"  # orden de pago inmediato, COA art. 279
    NOTIFICACION = "NOTIFICACION"  # an attempt; the effective one moves to NOTIFICADO
    MEDIDA_CAUTELAR = "MEDIDA_CAUTELAR"  # COA arts. 280-281
    LEVANTAMIENTO = "LEVANTAMIENTO"
    PROVIDENCIA = "PROVIDENCIA"
    EMBARGO = "EMBARGO"
    SECUESTRO = "SECUESTRO"
    AVALUO = "AVALUO"
    AVISO_REMATE = "AVISO_REMATE"
    REMATE = "REMATE"
    LIQUIDACION = "LIQUIDACION"
    ABONO = "ABONO"
    ARCHIVO = "ARCHIVO"
    SUSPENSION = "SUSPENSION"  # convenio (APP) or legal suspension
    REANUDACION = "REANUDACION"  # APP default or end of a legal suspension
    INSOLVENCIA = "INSOLVENCIA"
    BAJA = "BAJA"
    PRORROGA = "PRORROGA"  # C.D. 321: +90 days, once
    CORRECCION = "CORRECCION"  # points at the act it corrects


class TipoDocumento(StrEnum):
    """Document types; the value is the CLI name (``python -m app documento TIPO``)."""

    RPV = "rpv"
    RAZON_NO_PAGO = "razon-no-pago"
    OPI = "opi"
    RAZON_NOTIFICACION = "razon-notificacion"
    OFICIO_RETENCION = "oficio-retencion"
    OFICIO_ANT = "oficio-ant"
    OFICIO_REGISTRO = "oficio-registro"
    OFICIO_LEVANTAMIENTO = "oficio-levantamiento"
    PROVIDENCIA = "providencia"
    ACTA_EMBARGO = "acta-embargo"
    ACTA_SECUESTRO = "acta-secuestro"
    LIQUIDACION = "liquidacion"
    AVISO_REMATE = "aviso-remate"
    ACTA_REMATE = "acta-remate"
    RAZON_ARCHIVO = "razon-archivo"
    AUTO_SUSPENSION = "auto-suspension"
    CARATULA = "caratula"
    INDICE = "indice"
    ACTA_SORTEO = "acta-sorteo"
    TITULO_CREDITO = "titulo-credito"
    AUTO_ARCHIVO = "auto-archivo"
    ORDEN_PAGO_HONORARIOS = "orden-pago-honorarios"
    # Seized goods (issue 10): generated from the goods of the expediente, with the rows they cite.
    ACTA_POSESION = "acta-posesion"
    DESIGNACION_PERITO = "designacion-perito"
    CALIFICACION_POSTURAS = "calificacion-posturas"
