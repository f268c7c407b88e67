"""Templates of the documents of seized goods (see :mod:`tools.plantillas.base`): the acta de posesión
of the depositario judicial, the providencia designating a perito and the auto de calificación de posturas y
adjudicación. Their fields are built by :mod:`app.documents.campos.bienes`.
"""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _JUZGADO,
    _SECRETARIO,
    _actue_y_notifique,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firmas,
    _ordinal,
    _p,
    _si,
    _tabla_lista,
    _titulo,
)


def _tabla_inventario(doc: Document, total: str = "") -> None:
    _tabla_lista(
        doc, [0.9, 4.4, 1.8, 4.4, 1.6, 2.4], ["No.", "Bien", "Tipo", "Identificación", "Estado", "Valor (USD)"],
        "b in inventario",
        [("{{ b.n }}", "Tabla Centro"), ("{{ b.descripcion }}", "Tabla"), ("{{ b.tipo }}", "Tabla Centro"),
         ("{{ b.detalle }}", "Tabla"), ("{{ b.condicion }}", "Tabla Centro"), ("{{ b.valor }}", "Tabla Cifra")],
        [("", "Tabla"), ("TOTAL", "Tabla"), ("", "Tabla"), ("", "Tabla"), ("", "Tabla"), (total, "Tabla Cifra")]
        if total else None,
    )


def construir_acta_posesion() -> Document:
    """Acta de posesión: the depositario receives the goods by inventory and accepts his duties."""
    doc = _documento_juicio("Acta de posesión del depositario judicial")
    _encabezado(doc, ("DEPOSITARIO JUDICIAL: ", "{{ depositario_nombre }}"))
    _titulo(doc, "ACTA DE POSESIÓN DEL DEPOSITARIO JUDICIAL")
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}, ante {{ secretario_tratamiento }} {{ secretario_nombre }}, "
        "{{ secretario_cargo }} "
        "del Juzgado de Coactiva de la {{ oficina_nombre }}, dentro del juicio coactivo No. {{ juicio_numero }} que "
        "el {{ acreedor }} sigue contra {{ obligados_designacion }}, comparece ",
        ("{{ depositario_nombre }}", "b"),
        "{% if depositario_cedula %}, con cédula de ciudadanía No. {{ depositario_cedula }}{% endif %}, "
        "a quien se confía el cargo de depositario judicial; toma posesión de él y recibe de {{ entrega }} los bienes "
        "descritos en {{ acta_referencia }}, conforme al inventario que se detalla:",
    ])
    _tabla_inventario(doc, "{{ inventario_total }}")
    _p(doc, [
        "Quien comparece declara recibir los bienes en el estado que se indica y los mantendrá en ",
        ("{{ lugar_custodia }}", "b"),
        ". Se obliga a conservarlos con el debido cuidado; a no usarlos, prestarlos ni arrendarlos; a pagar y "
        "justificar los gastos de su conservación; a informar {{ informe_periodo }} a este Juzgado sobre su estado, "
        "ubicación y costos, con fotografías; y a entregarlos cuando este Juzgado lo ordene. Acepta el cargo y "
        "promete desempeñarlo fiel y legalmente.",
    ])
    _cierre(doc, ["Para constancia firman {{ secretario_articulo }} {{ secretario_cargo }} y quien recibe los "
                  "bienes en depósito."])
    _firmas(doc, _SECRETARIO, ["{{ depositario_nombre }}", "Depositario judicial"])
    return doc


def construir_designacion_perito() -> Document:
    """Providencia designating the perito who appraises the goods, with his term."""
    doc = _documento_juicio("Designación de perito")
    _encabezado(doc)
    _p(doc, [_JUZGADO, "{{ lugar_fecha }}.- ", "Dentro del juicio coactivo No. {{ juicio_numero }} que el "
             "{{ acreedor }} sigue contra {{ obligados_designacion }}, habiéndose embargado los bienes que se "
             "detallan, se dispone:"])
    _ordinal(doc, "PRIMERO.- ", [
        "Desígnase como perito avaluador a ", ("{{ perito_nombre }}", "b"),
        "{% if perito_cedula %}, con cédula de ciudadanía No. {{ perito_cedula }}{% endif %}, para que practique el "
        "avalúo de los siguientes bienes:",
    ])
    _tabla_inventario(doc)
    _ordinal(doc, "SEGUNDO.- ", [
        "El perito se posesionará de su cargo y presentará su informe en el plazo de {{ plazo_letras }} "
        "({{ plazo_dias }}) días, contados desde su posesión, con el valor de cada bien, su estado y los criterios "
        "de valoración empleados.",
    ])
    _actue_y_notifique(doc, "TERCERO.- ")
    return doc


def construir_calificacion_posturas() -> Document:
    """Auto de calificación de posturas y adjudicación, with how the price pays the debt."""
    doc = _documento_juicio("Calificación de posturas y adjudicación")
    _encabezado(doc)
    _titulo(doc, "AUTO DE CALIFICACIÓN DE POSTURAS Y ADJUDICACIÓN")
    _p(doc, [_JUZGADO, "{{ lugar_fecha }}.- ", "Dentro del juicio coactivo No. {{ juicio_numero }} que el "
             "{{ acreedor }} sigue contra {{ obligados_designacion }}, realizado el remate anunciado en "
             "{{ aviso_referencia }}, de los bienes avaluados en USD {{ avaluo_total }}, con una base de ",
             ("{{ base_remate_letras }}", "b"), ", se califican las posturas recibidas:"])
    _tabla_lista(
        doc, [1.0, 3.4, 2.6, 2.2, 2.2, 2.0, 2.1],
        ["No.", "Postor", "Identificación", "Postura (USD)", "Depósito (USD)", "Calificada", "Motivo"],
        "x in posturas",
        [("{{ x.n }}", "Tabla Centro"), ("{{ x.postor }}", "Tabla"), ("{{ x.identificacion }}", "Tabla Centro"),
         ("{{ x.valor }}", "Tabla Cifra"), ("{{ x.deposito }}", "Tabla Cifra"), ("{{ x.calificada }}", "Tabla Centro"),
         ("{{ x.motivo }}", "Tabla")],
    )
    _ordinal(doc, "PRIMERO.- ", [
        "Por ser la mejor postura calificada, se adjudican los bienes rematados a ",
        ("{{ adjudicatario_nombre }}", "b"),
        ", con identificación No. {{ adjudicatario_identificacion }}, por ", ("{{ adjudicacion_letras }}", "b"), ".",
    ])
    _ordinal(doc, "SEGUNDO.- ", [
        "El producto del remate se imputa a la deuda, cuyo saldo a esta fecha es de USD {{ saldo_deuda }}, por ",
        ("{{ producto_a_deuda_letras }}", "b"), ", en el mismo orden que los abonos.",
    ])
    _si(doc, "hay_sobrante", [([
        ("TERCERO.- ", "b"), "El sobrante de ", ("{{ sobrante_letras }}", "b"),
        " queda a disposición del coactivado, a quien se le devolverá.",
    ], "Normal")])
    _actue_y_notifique(doc)
    return doc
