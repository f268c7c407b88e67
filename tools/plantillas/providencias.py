"""Templates of providencias, razones and autos (see :mod:`tools.plantillas.base`).
"""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _JUZGADO,
    _actue_y_notifique,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firmas,
    _ordinal,
    _p,
    _por_cada,
    _razon,
    _si,
    _tabla_lista,
    _titulo,
    _valores_titulo,
)


def construir_rpv() -> Document:
    """Requerimiento de pago voluntario (COA art. 271): 10 días término to pay."""
    doc = _documento_juicio("Requerimiento de pago voluntario")
    _encabezado(doc, ("TÍTULO DE CRÉDITO No. ", "{{ titulo_numero }}"), ("CUANTÍA: ", "USD {{ total }}"))
    _titulo(doc, "REQUERIMIENTO DE PAGO VOLUNTARIO")
    _p(doc, [
        _JUZGADO, "{{ lugar_fecha }}.- ",
        "De conformidad con el artículo 271 del Código Orgánico Administrativo (COA), se requiere a "
        "{{ obligados_designacion }}, el pago voluntario de la obligación contenida en el título de crédito No. "
        "{{ titulo_numero }}, emitido el {{ titulo_fecha }} a favor del {{ acreedor }} por concepto de "
        "{{ concepto }}, período {{ periodo }}, por la cantidad de ", ("{{ total_letras }}", "b"),
        ", según el detalle siguiente, más los intereses que se generen hasta la fecha efectiva del pago:",
    ])
    _valores_titulo(doc)
    _p(doc, [
        ("PLAZO PARA EL PAGO.- ", "b"),
        "El pago deberá efectuarse dentro del término de {{ termino_letras }} ({{ termino_dias }}) días contados "
        "desde el día siguiente al de la notificación del presente requerimiento, en las oficinas del IESS o en las "
        "entidades financieras autorizadas. De notificarse en la fecha de este requerimiento, el término vence el ",
        ("{{ vencimiento_dia_semana }} {{ vencimiento }}", "b"), ".",
    ])
    _p(doc, [
        ("ADVERTENCIA.- ", "b"),
        "Vencido el término sin que se haya efectuado el pago, se sentará la razón correspondiente y se emitirá la "
        "orden de pago inmediato, con las medidas cautelares que aseguren el cobro (COA arts. 279 a 281).",
    ])
    _p(doc, [
        ("CASILLA JUDICIAL O CORREO ELECTRÓNICO.- ", "b"),
        "Se previene al coactivado{% if coobligados %} y a los coobligados{% endif %} de la obligación de señalar "
        "una casilla judicial o una dirección de correo electrónico para recibir las notificaciones que le "
        "correspondan en este juicio; de no hacerlo, las notificaciones posteriores se practicarán en su domicilio "
        "o por los medios previstos en los artículos 164 y siguientes del Código Orgánico Administrativo.",
    ])
    _actue_y_notifique(doc)
    return doc


def construir_razon_no_pago() -> Document:
    """Razón de no pago of the RPV once its término has run out."""
    doc = _documento_juicio("Razón de no pago")
    _encabezado(doc, ("TÍTULO DE CRÉDITO No. ", "{{ titulo_numero }}"))
    _titulo(doc, "RAZÓN DE NO PAGO")
    _razon(doc, [
        "{{ deudor_designacion }}, no ha pagado la obligación de ", ("{{ total_letras }}", "b"),
        ", contenida en el título de crédito No. {{ titulo_numero }}, que le fue requerida mediante "
        "{{ rpv_referencia }}, dentro del término de {{ termino_letras }} ({{ termino_dias }}) días previsto en el "
        "artículo 271 del Código Orgánico Administrativo{% if rpv_vencimiento %}, que venció el "
        "{{ rpv_vencimiento }}{% endif %}, según consta de los registros de recaudación del IESS.",
    ])
    return doc


def construir_opi() -> Document:
    """Orden de pago inmediato (COA arts. 279-281), the former auto de pago; names each co-obligado."""
    doc = _documento_juicio("Orden de pago inmediato")
    _encabezado(doc, ("TÍTULO DE CRÉDITO No. ", "{{ titulo_numero }}"), ("CUANTÍA: ", "USD {{ total }}"))
    _titulo(doc, "ORDEN DE PAGO INMEDIATO")
    _p(doc, [
        _JUZGADO, "{{ lugar_fecha }}.- ", ("VISTOS: ", "b"),
        "En ejercicio de la jurisdicción coactiva que el artículo 287 de la Ley de Seguridad Social confiere al "
        "Instituto Ecuatoriano de Seguridad Social (IESS), y conforme al Libro III del Código Orgánico "
        "Administrativo (COA), avoco conocimiento del título de crédito No. {{ titulo_numero }}, emitido el "
        "{{ titulo_fecha }} por concepto de {{ concepto }}, período {{ periodo }}, en contra de "
        "{{ deudor_designacion }}, que contiene una obligación determinada, líquida y de plazo vencido a favor del "
        "IESS (COA arts. 267 y 268). Por cuanto la obligación no ha sido satisfecha, de conformidad con el "
        "artículo 279 del COA, se dispone:",
    ])
    _ordinal(doc, "PRIMERO.- ORDEN DE PAGO INMEDIATO.- ", [
        "Se ordena que {{ obligados_designacion }}, pague{% if coobligados %}n{% endif %} inmediatamente al IESS "
        "la cantidad de ", ("{{ total_letras }}", "b"),
        ", según el detalle siguiente, más los intereses que se generen hasta la fecha efectiva del pago, las "
        "costas y demás recargos de ley; o que dimita{% if coobligados %}n{% endif %} bienes equivalentes dentro "
        "del término de {{ termino_letras }} ({{ termino_dias }}) días contados desde el día siguiente al de su "
        "notificación, con la advertencia de que, de no hacerlo, se embargarán bienes equivalentes al total de la "
        "deuda por el capital, intereses y costas (COA art. 279). De notificarse en la fecha de esta orden, el "
        "término vence el ", ("{{ vencimiento_dia_semana }} {{ vencimiento }}", "b"), ".",
    ])
    _valores_titulo(doc)
    _si(doc, "honorarios_a_cargo", [([
        "Además, de conformidad con la tarifa de honorarios de la unidad, el coactivado pagará los honorarios del "
        "secretario-abogado: {{ honorarios_porcentaje }} de lo que se recaude, más IVA del {{ honorarios_iva }} "
        "sobre ellos; calculados sobre el total adeudado ascienden a USD {{ honorarios_monto }}, esto es, USD ",
        ("{{ total_con_honorarios }}", "b"), " en total.",
    ], "Normal")])
    _ordinal(doc, "SEGUNDO.- MEDIDAS CAUTELARES.- ", [
        "Con fundamento en los artículos 280 y 281 del COA, para asegurar el pago de la obligación se ordenan "
        "las siguientes medidas cautelares, para cuyo cumplimiento se oficiará a las entidades "
        "correspondientes:",
    ])
    _por_cada(doc, "m in medidas", ["{{ loop.index }}.\t{{ m }}"], "Medida")
    _ordinal(doc, "TERCERO.- NOTIFICACIÓN.- ", [
        "Notifíquese al coactivado{% if coobligados %} y a cada uno de los coobligados{% endif %} con la presente "
        "orden de pago inmediato en su domicilio o por los medios previstos en los artículos 164 y siguientes del "
        "COA, haciéndole{% if coobligados %}s{% endif %} saber que puede{% if coobligados %}n{% endif %} pagar la "
        "obligación en las oficinas del IESS o en las entidades financieras autorizadas.",
    ])
    _p(doc, [
        ("CASILLA JUDICIAL O CORREO ELECTRÓNICO.- ", "b"),
        "Se previene al coactivado{% if coobligados %} y a los coobligados{% endif %} de la obligación de señalar "
        "una casilla judicial o una dirección de correo electrónico para recibir las notificaciones que le "
        "correspondan en este juicio; de no hacerlo, las notificaciones posteriores se practicarán en su domicilio "
        "o por los medios previstos en los artículos 164 y siguientes del Código Orgánico Administrativo.",
    ])
    _actue_y_notifique(doc, "CUARTO.- ")
    return doc


def construir_razon_notificacion() -> Document:
    """Razón de notificación of one attempt (COA arts. 164, 171): who, when, where, how, who received it."""
    doc = _documento_juicio("Razón de notificación")
    _encabezado(doc)
    _titulo(doc, "RAZÓN DE NOTIFICACIÓN")
    _p(doc, [
        ("RAZÓN.- ", "b"),
        "Siento por tal que el {{ notificacion_fecha }}, a las {{ notificacion_hora }}, en "
        "{{ notificacion_direccion }}, {% if notificacion_efectiva %}notifiqué {{ notificacion_forma }}{% else %}"
        "intenté notificar {{ notificacion_forma }}{% endif %} a {% if notificacion_representante %}"
        "{{ deudor_nombre }}, con RUC No. {{ deudor_identificacion }}, en la persona de su representante legal, "
        "{{ notificacion_representante }}{% else %}{{ notificacion_destinatario }}, con identificación No. "
        "{{ notificacion_identificacion }}, en su calidad de {{ notificacion_calidad }}{% endif %}, con "
        "{{ documento_notificado }}, en el juicio coactivo No. {{ juicio_numero }} ({{ notificacion_intento }} "
        "diligencia de notificación).{% if notificacion_recibido_por %} Recibió: {{ notificacion_recibido_por }}."
        "{% endif %}{% if not notificacion_efectiva %} La notificación no pudo practicarse en esta diligencia."
        "{% endif %}",
    ])
    _si(doc, "notificacion_observaciones", [
        ([("Observaciones: ", "b"), "{{ notificacion_observaciones }}"], "Normal"),
    ])
    _cierre(doc, ["Lo certifico.- {{ lugar_fecha }}."])
    _firmas(doc, ["{{ citador_nombre }}", "{{ citador_cargo }}"],
            ["{% if notificacion_efectiva %}Recibí: {{ notificacion_recibido_por or notificacion_destinatario }}"
             "{% else %}Persona notificada o constancia de su negativa a firmar{% endif %}",
             "C.C. No. ____________________"])
    return doc


def construir_providencia() -> Document:
    """Providencia: the standard header, then the order's free text."""
    doc = _documento_juicio("Providencia")
    _encabezado(doc)
    _titulo(doc, "PROVIDENCIA")
    _p(doc, [_JUZGADO, "{{ lugar_fecha }}.- ", "{{ texto_inicial }}"])
    _por_cada(doc, "parrafo in parrafos", ["{{ parrafo }}"], "Normal")
    _si(doc, "liquidacion_referencia", [
        (["Conforme a {{ liquidacion_referencia }}, la obligación asciende a {{ liquidacion_total_letras }}."],
         "Normal"),
    ])
    _actue_y_notifique(doc)
    return doc


def construir_razon_archivo() -> Document:
    doc = _documento_juicio("Razón de archivo")
    _encabezado(doc, ("CUANTÍA: ", "USD {{ cuantia }}"))
    _titulo(doc, "RAZÓN DE ARCHIVO")
    _razon(doc, [
        "por {{ motivo }}, habiéndose recaudado la cantidad de {{ total_pagado_letras }}, el juicio coactivo No. "
        "{{ juicio_numero }}, seguido por el {{ acreedor }} contra {{ deudor_designacion }}, se archiva según lo "
        "dispuesto en {{ auto_archivo_referencia }}. El expediente consta de {{ fojas_expediente_texto }}, más la "
        "presente razón, en {{ cuerpos_texto }}, debidamente numerados, ordenados y foliados.",
    ])
    return doc


def construir_auto_suspension() -> Document:
    """Auto de suspensión por convenio de pago (APP): suspends the juicio while the convenio is current."""
    doc = _documento_juicio("Auto de suspensión por convenio de pago")
    _encabezado(doc, ("CUANTÍA: ", "USD {{ cuantia }}"))
    _titulo(doc, "AUTO DE SUSPENSIÓN POR CONVENIO DE PAGO")
    _p(doc, [
        _JUZGADO, "{{ lugar_fecha }}.- ", ("VISTOS: ", "b"),
        "{{ obligados_designacion }}, ha{% if coobligados %}n{% endif %} suscrito con el IESS, el "
        "{{ convenio_fecha }}, un acuerdo de pago parcial de la obligación que se ejecuta en este juicio por ",
        ("{{ convenio_monto_letras }}", "b"),
        ", pagadero en {{ convenio_plazo_letras }} ({{ convenio_plazo_meses }}) cuotas mensuales con una tasa de "
        "interés anual del {{ convenio_tasa }}%{% if convenio_sin_honorarios %}, sin honorarios y sin cuota "
        "inicial, conforme a la Resolución C.D. 617 del Consejo Directivo del IESS{% else %}, con una cuota "
        "inicial de USD {{ convenio_cuota_inicial }}{% endif %}. En consecuencia, se dispone:",
    ])
    _ordinal(doc, "PRIMERO.- ", [
        "Suspender la sustanciación del presente juicio coactivo mientras el acuerdo de pago parcial se encuentre "
        "vigente.",
    ])
    _ordinal(doc, "SEGUNDO.- ", ["El acuerdo se pagará conforme a la siguiente tabla de amortización:"]) \
        .paragraph_format.keep_with_next = True
    _tabla_lista(
        doc, [1.2, 3.2, 3.7, 3.7, 3.7], ["No.", "Vencimiento", "Capital (USD)", "Interés (USD)", "Cuota (USD)"],
        "k in cuotas",
        [("{{ k.n }}", "Tabla Centro"), ("{{ k.vence }}", "Tabla Centro"), ("{{ k.capital }}", "Tabla Cifra"),
         ("{{ k.interes }}", "Tabla Cifra"), ("{{ k.cuota }}", "Tabla Cifra")],
        [("", "Tabla"), ("TOTAL", "Tabla"), ("", "Tabla"), ("", "Tabla"), ("{{ cuotas_total }}", "Tabla Cifra")],
    )
    _ordinal(doc, "TERCERO.- ", [
        "El incumplimiento en el pago de una sola cuota dejará sin efecto el acuerdo: la deuda volverá a estado de "
        "mora y se reanudará la sustanciación del juicio por el saldo pendiente.",
    ])
    _actue_y_notifique(doc, "CUARTO.- ")
    return doc
