"""Templates of money documents: the liquidación (see :mod:`tools.plantillas.base`).
"""

from __future__ import annotations

from docx import Document

from tools.plantillas.bloques import (
    _SECRETARIO,
    _cierre,
    _documento_juicio,
    _encabezado,
    _firma,
    _p,
    _tabla_lista,
    _tabla_valores,
    _titulo,
)


def construir_liquidacion() -> Document:
    """Liquidación of the obligation at a cut-off date (domain.md §2.10: valid 3 days for a providencia)."""
    doc = _documento_juicio("Liquidación")
    _encabezado(doc, ("TÍTULO DE CRÉDITO No. ", "{{ titulo_numero }}"))
    _titulo(doc, "LIQUIDACIÓN DE LA OBLIGACIÓN")
    _p(doc, [
        "Dentro del juicio coactivo No. {{ juicio_numero }} que el {{ acreedor }} sigue contra "
        "{{ obligados_designacion }}, se practica la liquidación de la obligación contenida en el título de crédito "
        "No. {{ titulo_numero }}, emitido el {{ titulo_fecha }} por concepto de {{ concepto }}, período "
        "{{ periodo }}, con corte al ", ("{{ liq_fecha_corte }}", "b"), ":",
    ])
    _tabla_valores(doc, [
        ("Capital", "{{ liq_capital }}"),
        ("Intereses liquidados en el título de crédito", "{{ liq_interes_titulo }}"),
        ("Intereses de mora hasta el {{ liq_fecha_corte }}", "{{ liq_interes_mora }}"),
        ("Intereses del acuerdo de pago parcial", "{{ liq_interes_convenio }}"),
        ("Recargos y multas", "{{ liq_recargo }}"),
        ("Costas judiciales", "{{ liq_costas }}"),
        ("Honorarios del secretario-abogado{% if not liq_honorarios_a_cargo %} (no se cobran al coactivado)"
         "{% endif %}", "{% if liq_honorarios_a_cargo %}{{ liq_honorarios }}{% else %}—{% endif %}"),
        ("Total de la deuda", "{{ liq_deuda }}"),
        ("(−) Abonos recibidos", "{{ liq_pagos }}"),
    ], ("SALDO A PAGAR", "{{ liq_total }}"))
    _p(doc, ["{%p if tramos %}"], "Subtitulo")
    _p(doc, ["Cálculo de los intereses de mora (interés simple, año de {{ liq_base_dias }} días)"], "Subtitulo")
    _tabla_lista(doc, [1.0, 2.4, 2.4, 1.6, 3.0, 2.1, 3.0],
                 ["No.", "Desde", "Hasta", "Días", "Capital (USD)", "Tasa anual", "Interés (USD)"], "t in tramos",
                 [("{{ t.n }}", "Tabla Centro"), ("{{ t.desde }}", "Tabla Centro"),
                  ("{{ t.hasta }}", "Tabla Centro"), ("{{ t.dias }}", "Tabla Centro"),
                  ("{{ t.capital }}", "Tabla Cifra"), ("{{ t.tasa }}", "Tabla Centro"),
                  ("{{ t.interes }}", "Tabla Cifra")])
    _p(doc, ["{%p endif %}"], "Subtitulo")
    _p(doc, ["{%p if costas_detalle %}"], "Subtitulo")
    _p(doc, ["Detalle de costas judiciales"], "Subtitulo")
    _tabla_lista(doc, [1.0, 2.4, 8.6, 3.0], ["No.", "Fecha", "Concepto", "Valor (USD)"], "x in costas_detalle",
                 [("{{ x.n }}", "Tabla Centro"), ("{{ x.fecha }}", "Tabla Centro"), ("{{ x.concepto }}", "Tabla"),
                  ("{{ x.monto }}", "Tabla Cifra")])
    _p(doc, ["{%p endif %}"], "Subtitulo")
    _p(doc, ["{%p if pagos_detalle %}"], "Subtitulo")
    _p(doc, ["Detalle de abonos"], "Subtitulo")
    _tabla_lista(doc, [1.0, 2.4, 8.6, 3.0], ["No.", "Fecha", "Referencia", "Valor (USD)"], "x in pagos_detalle",
                 [("{{ x.n }}", "Tabla Centro"), ("{{ x.fecha }}", "Tabla Centro"), ("{{ x.concepto }}", "Tabla"),
                  ("{{ x.monto }}", "Tabla Cifra")])
    _p(doc, ["{%p endif %}"], "Subtitulo")
    _p(doc, [
        "El saldo adeudado al {{ liq_fecha_corte }} asciende a ", ("{{ liq_total_letras }}", "b"),
        ". Los intereses continúan generándose hasta la fecha efectiva del pago. Esta liquidación puede citarse en "
        "una providencia dentro de los tres días siguientes a su fecha de corte.{% if liq_honorarios != '0,00' and not "
        "liq_honorarios_a_cargo %} Los "
        "honorarios del secretario-abogado sobre lo recaudado, USD {{ liq_honorarios }}, no forman parte del saldo "
        "del coactivado.{% endif %}",
    ])
    _cierre(doc, ["Lo certifico.- {{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)
    return doc
