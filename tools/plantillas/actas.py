"""Templates of the actas of goods and of the remate (see :mod:`tools.plantillas.base`).

The embargo and secuestro actas are built by :func:`_acta_bienes`.
"""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _EJECUTOR,
    _JUZGADO,
    _SECRETARIO,
    Partes,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firmas,
    _p,
    _si,
    _tabla_bienes,
    _tabla_lista,
    _titulo,
)


def _acta_bienes(titulo: str, diligencia: Partes, custodia: str) -> Document:
    doc = _documento_juicio(titulo.capitalize())
    _encabezado(doc, ("CUANTÍA: ", "USD {{ total }}"))
    _titulo(doc, titulo.upper())
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}{% if hora %}, a las {{ hora }}{% endif %}, en "
        "{{ lugar_diligencia }}, {{ secretario_suscrito }} Ab. {{ secretario_nombre }}, {{ secretario_cargo }} del "
        "Juzgado de Coactiva de la {{ oficina_nombre }}, en cumplimiento de {{ opi_referencia }}, dentro del juicio "
        "coactivo No. {{ juicio_numero }} que el {{ acreedor }} sigue contra {{ obligados_designacion }}, por la "
        "cantidad de {{ total_letras }}, más intereses, costas y recargos de ley, ", *diligencia,
    ])
    _tabla_bienes(doc, total="{{ bienes_total }}")
    _p(doc, [
        "Los bienes detallados, por un valor estimado de {{ bienes_total_letras }}, quedan bajo la custodia "
        "{{ depositario_del }} {{ depositario_cargo }} ", ("{{ depositario_nombre }}", "b"),
        "{% if depositario_cedula %}, con cédula de ciudadanía No. {{ depositario_cedula }}{% endif %}, quien los "
        f"recibe {custodia} en {{{{ lugar_custodia }}}} y se obliga a conservarlos con el debido cuidado, a no "
        "usarlos, prestarlos ni arrendarlos, a informar periódicamente sobre su estado y a entregarlos cuando este "
        "Juzgado lo ordene.",
    ])
    _si(doc, "observaciones", [([("Observaciones: ", "b"), "{{ observaciones }}"], "Normal")])
    _cierre(doc, ["Para constancia de lo actuado firman {{ secretario_articulo }} {{ secretario_cargo }} y "
                  "{{ depositario_articulo }} {{ depositario_cargo }}."])
    _firmas(doc, _SECRETARIO, ["{{ depositario_nombre }}", "{{ depositario_cargo }}"])
    return doc


def construir_acta_embargo() -> Document:
    return _acta_bienes("acta de embargo", [
        "vencido el término para pagar o dimitir bienes sin que la obligación haya sido satisfecha, procede al ",
        ("EMBARGO", "b"), " de los siguientes bienes de propiedad del coactivado:",
    ], "en calidad de bienes embargados")


def construir_acta_secuestro() -> Document:
    return _acta_bienes("acta de secuestro", [
        "como medida cautelar para asegurar el pago de la obligación (COA arts. 280 y 281), procede al ",
        ("SECUESTRO", "b"), " de los siguientes bienes de propiedad del coactivado:",
    ], "en calidad de bienes secuestrados")


def construir_aviso_remate() -> Document:
    """Aviso de remate: date, time, place, goods with their appraisal, base and the 10% deposit of each bid."""
    doc = _documento_juicio("Aviso de remate")
    _titulo(doc, "AVISO DE REMATE")
    _p(doc, [
        _JUZGADO, ("JUICIO COACTIVO No. {{ juicio_numero }}.- ", "b"),
        "Se pone en conocimiento del público que el ", ("{{ remate_dia_semana }} {{ remate_fecha }}", "b"),
        ", a las {{ remate_hora }}, en {{ remate_lugar }}, se llevará a cabo el remate en pública subasta de los "
        "bienes embargados dentro del juicio coactivo No. {{ juicio_numero }} que el {{ acreedor }} sigue contra "
        "{{ obligados_designacion }}, que se detallan a continuación:",
    ])
    _tabla_bienes(doc, "Avalúo (USD)", "{{ avaluo_total }}")
    _p(doc, [
        "El avalúo total de los bienes es de {{ avaluo_total_letras }}. La base del remate es de ",
        ("{{ base_remate_letras }}", "b"), ". ",
        "Las posturas se presentarán por escrito en el Juzgado de Coactiva hasta la hora señalada, acompañadas de "
        "al menos el {{ deposito_letras }} por ciento ({{ deposito_porcentaje }}) del valor ofrecido, en efectivo o "
        "cheque certificado a la orden del IESS; no se admitirán posturas sin este depósito.",
    ])
    _cierre(doc, ["{{ lugar_fecha }}."])
    _firmas(doc, _EJECUTOR, _SECRETARIO)
    return doc


def construir_acta_remate() -> Document:
    """Acta de remate: bids, which qualify (10% deposit), adjudication."""
    doc = _documento_juicio("Acta de remate")
    _encabezado(doc, ("CUANTÍA: ", "USD {{ total }}"))
    _titulo(doc, "ACTA DE REMATE")
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}{% if hora %}, a las {{ hora }}{% endif %}, día y hora "
        "señalados en {{ aviso_referencia }}, ante {{ ejecutor_articulo }} {{ ejecutor_cargo }} y "
        "{{ secretario_tratamiento }} {{ secretario_nombre }}, "
        "{{ secretario_cargo }}, se procede al remate de los siguientes bienes embargados dentro del juicio coactivo "
        "No. {{ juicio_numero }} que el {{ acreedor }} sigue contra {{ obligados_designacion }}:",
    ])
    _tabla_bienes(doc, "Avalúo (USD)")
    _p(doc, ["{% if base_remate %}La base del remate es de USD {{ base_remate }}. {% endif %}"
             "Se recibieron las siguientes posturas:"]).paragraph_format.keep_with_next = True
    _tabla_lista(
        doc, [1.0, 4.9, 2.6, 2.4, 2.4, 2.2],
        ["No.", "Postor", "Identificación", "Postura (USD)", "Depósito (USD)", "Calificada"], "x in posturas",
        [("{{ x.n }}", "Tabla Centro"), ("{{ x.postor }}", "Tabla"), ("{{ x.identificacion }}", "Tabla Centro"),
         ("{{ x.valor }}", "Tabla Cifra"), ("{{ x.deposito }}", "Tabla Cifra"), ("{{ x.calificada }}", "Tabla Centro")],
    )
    _p(doc, [
        "Calificadas las posturas, de las cuales solo se admiten las que consignaron al menos el diez por ciento "
        "de su valor, se adjudican los bienes rematados a ", ("{{ adjudicatario_nombre }}", "b"),
        ", con identificación No. {{ adjudicatario_identificacion }}, por la cantidad de ",
        ("{{ adjudicacion_letras }}", "b"),
        ", quien deberá consignar el saldo del precio, {{ saldo_precio_letras }}, dentro del término legal, bajo "
        "prevención de perder el depósito efectuado.",
    ])
    _si(doc, "producto_aplicado", [([
        "El producto del remate se imputa a la deuda del coactivado por ", ("{{ producto_a_deuda_letras }}", "b"),
        ", en el mismo orden que los abonos{% if hay_sobrante %}; el sobrante de {{ sobrante_letras }} queda a "
        "favor del coactivado, a quien se le devolverá{% endif %}.",
    ], "Normal")])
    _cierre(doc, ["Para constancia firman los intervinientes."])
    _firmas(doc, _EJECUTOR, _SECRETARIO)
    return doc
