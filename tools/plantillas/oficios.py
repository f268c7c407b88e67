"""Templates of the oficios (see :mod:`tools.plantillas.base`).

All built by :func:`_oficio`.
"""

from __future__ import annotations

from docx import Document
from docx.shared import Pt

from tools.plantillas.bloques import (
    _EJECUTOR,
    _SECRETARIO,
    Partes,
    _cierre,
    _documento_juicio,
    _firmas,
    _p,
    _por_cada,
)


def _oficio(titulo: str, disposicion: Partes, *, levantamiento: bool = False) -> Document:
    """An oficio (domain.md §3): number, place and date, addressee, «Dentro del juicio coactivo No. X que se
    sigue contra [name], con cédula/RUC Y, …», what is asked, signatures."""
    doc = _documento_juicio(titulo)
    _p(doc, [("Oficio No. {{ oficio_numero }}", "b")], "Encabezado Juicio")
    fecha = _p(doc, ["{{ lugar_fecha }}"], "Encabezado Juicio")
    fecha.paragraph_format.space_after = Pt(12)
    _p(doc, ["Señores"], "Encabezado Juicio")
    _p(doc, [("{{ destinatario }}", "b")], "Encabezado Juicio")
    presente = _p(doc, ["Presente.-"], "Encabezado Juicio")
    presente.paragraph_format.space_after = Pt(12)
    asunto = _p(doc, [("ASUNTO: ", "b"), "{{ asunto }} — Juicio coactivo No. {{ juicio_numero }}"],
                "Encabezado Juicio")
    asunto.paragraph_format.space_after = Pt(12)
    _p(doc, ["De mi consideración:"])
    _p(doc, [
        "Dentro del juicio coactivo No. {{ juicio_numero }} que el {{ acreedor }} sigue contra "
        "{{ obligados_designacion }}, por la cantidad de {{ cuantia_letras }}, más intereses, costas y recargos de "
        "ley, ", *disposicion,
    ])
    if levantamiento:
        _por_cada(doc, "m in medidas_levantadas", [
            "{{ m.n }}.\t{{ m.descripcion }}, ordenada mediante oficio No. {{ m.oficio }} de {{ m.fecha }}, dirigido "
            "a {{ m.destinatario }}."], "Medida")
        _p(doc, [
            "En tal virtud, sírvase dejar sin efecto las medidas indicadas respecto del coactivado"
            "{% if coobligados %} y de sus coobligados{% endif %}, y comunicar a este Juzgado de Coactiva su "
            "cumplimiento.",
        ])
    _p(doc, ["Particular que comunico para los fines legales consiguientes."]).paragraph_format.keep_with_next = True
    _cierre(doc, ["Atentamente,"])
    _firmas(doc, _EJECUTOR, _SECRETARIO)
    return doc


def construir_oficio_retencion() -> Document:
    return _oficio("Oficio de retención de fondos", [
        "mediante {{ opi_referencia }}, se ordenó como medida cautelar la retención de los fondos del coactivado "
        "(COA arts. 280 y 281). En tal virtud, sírvase disponer a las entidades del sistema financiero bajo su "
        "control la retención inmediata de los fondos que {{ deudor_nombre }}{% if coobligados %} y sus "
        "coobligados{% endif %} mantenga{% if coobligados %}n{% endif %} en cuentas corrientes, de ahorros, "
        "inversiones y cualquier otro depósito o valor, hasta por el monto de ", ("{{ monto_letras }}", "b"),
        ", e informar a este Juzgado de Coactiva los valores retenidos, con indicación de la entidad y del número "
        "de cuenta.",
    ])


def construir_oficio_ant() -> Document:
    return _oficio("Oficio de prohibición de enajenar vehículos", [
        "mediante {{ opi_referencia }}, se ordenó como medida cautelar la prohibición de enajenar los vehículos "
        "de propiedad del coactivado (COA arts. 280 y 281). En tal virtud, sírvase registrar la prohibición de "
        "enajenar de los vehículos que consten a nombre de {{ deudor_nombre }}{% if coobligados %} y de sus "
        "coobligados{% endif %}, e informar a este Juzgado de Coactiva los vehículos registrados, con su placa, "
        "marca, modelo y año de fabricación.",
    ])


def construir_oficio_registro() -> Document:
    return _oficio("Oficio de prohibición de enajenar inmuebles", [
        "mediante {{ opi_referencia }}, se ordenó como medida cautelar la prohibición de enajenar los bienes "
        "inmuebles de propiedad del coactivado (COA arts. 280 y 281). En tal virtud, sírvase inscribir la "
        "prohibición de enajenar de los bienes inmuebles que consten a nombre de {{ deudor_nombre }}"
        "{% if coobligados %} y de sus coobligados{% endif %}, y remitir a este Juzgado de Coactiva el certificado "
        "de propiedad y gravámenes de cada uno de ellos.",
    ])


def construir_oficio_levantamiento() -> Document:
    return _oficio("Oficio de levantamiento de medidas", [
        "por {{ motivo }}, se ha dispuesto el levantamiento de las siguientes medidas cautelares:",
    ], levantamiento=True)
