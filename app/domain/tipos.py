"""Shared vocabulary of the procedure: act types and document types (domain.md §2-3).

The rules about them (which stage an act moves to, which term it opens) live in
:mod:`app.domain.procedimiento`; templates are named here so that every caller agrees.
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
    # Seized goods (issue 10): generated from the goods of the expediente, with the rows they cite.
    ACTA_POSESION = "acta-posesion"
    DESIGNACION_PERITO = "designacion-perito"
    CALIFICACION_POSTURAS = "calificacion-posturas"
    ORDEN_PAGO_HONORARIOS = "orden-pago-honorarios"


#: Spanish title and template file of each document type.
DOCUMENTOS: dict[TipoDocumento, tuple[str, str]] = {
    TipoDocumento.RPV: ("Requerimiento de pago voluntario", "requerimiento_pago_voluntario.docx"),
    TipoDocumento.RAZON_NO_PAGO: ("Razón de no pago", "razon_no_pago.docx"),
    TipoDocumento.OPI: ("Orden de pago inmediato", "orden_pago_inmediato.docx"),
    TipoDocumento.RAZON_NOTIFICACION: ("Razón de notificación", "razon_notificacion.docx"),
    TipoDocumento.OFICIO_RETENCION: ("Oficio de retención de fondos", "oficio_retencion.docx"),
    TipoDocumento.OFICIO_ANT: ("Oficio de prohibición de enajenar vehículos (ANT)", "oficio_ant.docx"),
    TipoDocumento.OFICIO_REGISTRO: ("Oficio de prohibición de enajenar inmuebles (Registro de la Propiedad)",
                                    "oficio_registro_propiedad.docx"),
    TipoDocumento.OFICIO_LEVANTAMIENTO: ("Oficio de levantamiento de medidas", "oficio_levantamiento.docx"),
    TipoDocumento.PROVIDENCIA: ("Providencia", "providencia.docx"),
    TipoDocumento.ACTA_EMBARGO: ("Acta de embargo", "acta_embargo.docx"),
    TipoDocumento.ACTA_SECUESTRO: ("Acta de secuestro", "acta_secuestro.docx"),
    TipoDocumento.LIQUIDACION: ("Liquidación", "liquidacion.docx"),
    TipoDocumento.AVISO_REMATE: ("Aviso de remate", "aviso_remate.docx"),
    TipoDocumento.ACTA_REMATE: ("Acta de remate", "acta_remate.docx"),
    TipoDocumento.RAZON_ARCHIVO: ("Razón de archivo", "razon_archivo.docx"),
    TipoDocumento.AUTO_SUSPENSION: ("Auto de suspensión por convenio de pago", "auto_suspension_convenio.docx"),
    TipoDocumento.CARATULA: ("Carátula del expediente", "caratula.docx"),
    TipoDocumento.INDICE: ("Índice del expediente", "indice_expediente.docx"),
    TipoDocumento.ACTA_SORTEO: ("Acta de sorteo", "acta_sorteo.docx"),
    TipoDocumento.ACTA_POSESION: ("Acta de posesión del depositario judicial", "acta_posesion.docx"),
    TipoDocumento.DESIGNACION_PERITO: ("Providencia de designación de perito", "designacion_perito.docx"),
    TipoDocumento.CALIFICACION_POSTURAS: ("Calificación de posturas y adjudicación", "calificacion_posturas.docx"),
    TipoDocumento.ORDEN_PAGO_HONORARIOS: ("Orden de pago de honorarios", "orden_pago_honorarios.docx"),
}
