"""Templates added by issue 8 (see :mod:`tools.plantillas.base`): the certified copy of the título de
crédito, foja 1 of every expediente (COA art. 268; domain.md §3), and the funcionario ejecutor's auto de
archivo, without which a juicio is not archived (the secretario's razón de archivo follows it)."""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _EJECUTOR,
    _JUZGADO,
    _SECRETARIO,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firma,
    _firmas,
    _ordinal,
    _p,
    _titulo,
    _valores_titulo,
)


def construir_titulo_credito() -> Document:
    """Copia certificada del título de crédito: issuer, debtor, concept, period, itemised amounts, cut date."""
    doc = _documento_juicio("Copia certificada del título de crédito")
    _encabezado(doc, ("TÍTULO DE CRÉDITO No. ", "{{ titulo_numero }}"))
    _titulo(doc, "COPIA CERTIFICADA DEL TÍTULO DE CRÉDITO")
    _p(doc, [
        "El {{ acreedor }}, por medio de su Unidad de Cartera, emitió el {{ titulo_fecha }} el título de crédito No. ",
        ("{{ titulo_numero }}", "b"), " en contra de {{ deudor_designacion }}, por concepto de {{ concepto }}, "
        "período {{ periodo }}, por la cantidad de ", ("{{ total_letras }}", "b"),
        ", que contiene una obligación determinada, líquida y de plazo vencido (COA arts. 267 y 268), con el "
        "detalle siguiente; los intereses constan liquidados desde el {{ fecha_interes_desde }} hasta la fecha de "
        "emisión, {{ titulo_corte }}:",
    ])
    _valores_titulo(doc)
    _cierre(doc, [
        ("CERTIFICO: ", "b"),
        "que la presente es fiel copia del título de crédito que se ejecuta en el juicio coactivo No. "
        "{{ juicio_numero }}, el cual se agrega al expediente como su primera foja.- {{ lugar_fecha }}.",
    ])
    _firma(doc, _SECRETARIO)
    return doc


def construir_auto_archivo() -> Document:
    """Auto de archivo: the funcionario ejecutor declares the obligation paid and orders the archivo."""
    doc = _documento_juicio("Auto de archivo")
    _encabezado(doc, ("CUANTÍA: ", "USD {{ cuantia }}"))
    _titulo(doc, "AUTO DE ARCHIVO")
    _p(doc, [
        _JUZGADO, "{{ lugar_fecha }}.- ", ("VISTOS: ", "b"),
        "Del expediente consta que {{ deudor_designacion }}, ha satisfecho la obligación contenida en el título de "
        "crédito No. {{ titulo_numero }}, por {{ motivo }}, habiéndose recaudado la cantidad de ",
        ("{{ total_pagado_letras }}", "b"), ", con lo cual el saldo de la deuda a esta fecha es de USD {{ saldo }}. "
        "En consecuencia, se dispone:",
    ])
    _ordinal(doc, "PRIMERO.- ", [
        "Declarar extinguida la obligación que se ejecuta en el presente juicio coactivo y ordenar su archivo.",
    ])
    _ordinal(doc, "SEGUNDO.- ", [
        "Levantar las medidas cautelares que se hubieren ordenado, para lo cual se oficiará a las entidades "
        "correspondientes.",
    ])
    _cierre(doc, [
        ("TERCERO.- ", "b"),
        "Actúe en el presente juicio {{ secretario_tratamiento }} {{ secretario_nombre }}, en calidad de "
        "{{ secretario_cargo }}, quien sentará la razón de archivo. ", ("CÚMPLASE Y NOTIFÍQUESE.-", "b"),
    ])
    _firmas(doc, _EJECUTOR, _SECRETARIO)
    return doc
