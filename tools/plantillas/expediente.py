"""Templates of the expediente itself: carátula, índice and acta de sorteo (see :mod:`tools.plantillas.base`).
"""

from __future__ import annotations

from docx import Document
from docx.shared import Pt

from tools.plantillas.bloques import (
    _SECRETARIO,
    _bucle_tabla,
    _celda_p,
    _cierre,
    _fila_encabezado,
    _firma,
    _membrete,
    _no_dividir,
    _nuevo,
    _p,
    _separador,
    _sombrear,
    _tabla,
    _titulo,
)


def construir_caratula() -> Document:
    """Carátula (cover) of a cuerpo of the expediente (domain.md §3). Not foliated."""
    doc = _nuevo()
    doc.core_properties.title = "Carátula del expediente"
    _membrete(doc, "")
    for texto, tam, antes in (("JUZGADO DE COACTIVA", 16, 24), ("{{ oficina_nombre|upper }}", 12, 4),
                              ("{{ ciudad|upper }} — {{ provincia|upper }}", 12, 4)):
        par = _p(doc, [(texto, "b")], "Titulo Documento")
        par.paragraph_format.space_before = Pt(antes)
        par.paragraph_format.space_after = Pt(4)
        for r in par.runs:
            r.font.size = Pt(tam)
    par = _p(doc, [("JUICIO COACTIVO No. {{ juicio_numero }}", "b")], "Titulo Documento")
    par.paragraph_format.space_before = Pt(36)
    for r in par.runs:
        r.font.size = Pt(20)
    par = _p(doc, [("CUERPO {{ cuerpo }} ({{ cuerpo_letras|upper }})", "b")], "Titulo Documento")
    par.paragraph_format.space_after = Pt(30)
    filas = [
        ("Acreedor", "{{ acreedor }}"),
        ("Coactivado", "{{ deudor_nombre }}"),
        ("Cédula o RUC", "{{ deudor_identificacion }}"),
        ("Representante legal", "{{ deudor_representante or 'No aplica' }}"),
        ("Garantes y coobligados", "{% for c in coobligados %}{{ c.nombre }} ({{ c.identificacion }}, {{ c.calidad }})"
                                   "{% if not loop.last %}; {% endif %}{% endfor %}{% if not coobligados %}Ninguno"
                                   "{% endif %}"),
        ("Título de crédito", "No. {{ titulo_numero }} de {{ titulo_fecha }}"),
        ("Cuantía", "USD {{ cuantia }}"),
        ("Fecha de inicio", "{{ fecha_inicio }}"),
        ("Citación", "{{ fecha_citacion }}{% if forma_citacion %} ({{ forma_citacion }}){% endif %}"),
        ("Casilla judicial", "{{ casilla_judicial }}"),
        ("Abogado del coactivado", "{{ abogado_deudor }}"),
        ("Secretario-abogado", "Ab. {{ secretario_nombre }}, {{ secretario_cargo }}"),
    ]
    t = _tabla(doc, [4.5, 11.0], len(filas), margen_lr_pt=6, margen_tb_pt=4)
    _no_dividir(t)
    for row, (etiqueta, valor) in zip(t.rows, filas, strict=True):
        _celda_p(row.cells[0], [(etiqueta, "b")], "Tabla")
        _sombrear(row.cells[0])
        _celda_p(row.cells[1], [valor], "Tabla")
        for c in row.cells:
            for r in c.paragraphs[0].runs:
                r.font.size = Pt(11)
    _separador(doc)
    _cierre(doc, ["{{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)
    return doc


def construir_acta_sorteo() -> Document:
    """Acta de sorteo de títulos de crédito among secretarios-abogados (IESS Resolución C.D. 497)."""
    doc = _nuevo()
    doc.core_properties.title = "Acta de sorteo de títulos de crédito"
    _membrete(doc, "Acta de sorteo del {{ fecha_corta }}")
    _titulo(doc, "ACTA DE SORTEO DE TÍTULOS DE CRÉDITO")
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}, en la {{ oficina_nombre }} del Instituto Ecuatoriano de "
        "Seguridad Social, de conformidad con la Resolución C.D. 497 del Consejo Directivo del IESS, que "
        "encarga a la unidad sortear los títulos de crédito entre los secretarios-abogados, se procede al "
        "sorteo de {{ titulos_texto }}, por un total de USD {{ cuantia_total }}, entre "
        "{{ participantes_texto }}.",
    ])
    _p(doc, [
        "El sorteo se realiza con el procedimiento aleatorio reproducible del sistema Foja: a partir de la "
        "semilla ", ("{{ semilla }}", "b"), ", de la lista ordenada de participantes y de la lista de títulos "
        "ordenada por número, cualquier persona puede repetir el sorteo y comprobar que produce las mismas "
        "asignaciones. Identificador del sorteo: {{ sorteo_id }}.",
    ])
    _p(doc, ["1. PARTICIPANTES"], "Subtitulo")
    t = _tabla(doc, [1.0, 6.0, 2.5, 1.8, 1.6, 2.6], 5)
    _no_dividir(t)
    _fila_encabezado(t, 0, ["No.", "Secretario-abogado", "Cédula", "Calidad", "Títulos", "Cuantía (USD)"])
    _bucle_tabla(t, 1, "{%tr for x in participantes %}", 3)
    for cell, (txt, est) in zip(t.rows[2].cells, [
        ("{{ x.n }}", "Tabla Centro"), ("{{ x.nombre }}", "Tabla"), ("{{ x.cedula }}", "Tabla Centro"),
        ("{{ x.calidad }}", "Tabla Centro"), ("{{ x.asignados }}", "Tabla Centro"),
        ("{{ x.cuantia }}", "Tabla Cifra"),
    ], strict=True):
        _celda_p(cell, [txt], est)
    total = t.rows[4].cells
    total[0].merge(total[3])
    _celda_p(t.rows[4].cells[0], [("TOTAL", "b")], "Tabla")
    _celda_p(t.rows[4].cells[4], [("{{ total_titulos }}", "b")], "Tabla Centro")
    _celda_p(t.rows[4].cells[5], [("{{ cuantia_total }}", "b")], "Tabla Cifra")
    for c in (t.rows[4].cells[0], t.rows[4].cells[4], t.rows[4].cells[5]):
        _sombrear(c)
    _p(doc, [], "Nota")
    _p(doc, ["2. ASIGNACIONES"], "Subtitulo")
    t = _tabla(doc, [1.0, 2.8, 2.6, 4.5, 1.9, 2.7], 4, margen_lr_pt=3)
    _fila_encabezado(t, 0, ["No.", "Título de crédito", "Juicio coactivo No.", "Coactivado", "Cuantía (USD)",
                            "Secretario-abogado"], "Lista Encabezado")
    _bucle_tabla(t, 1, "{%tr for a in asignaciones %}", 3)
    for cell, (txt, est) in zip(t.rows[2].cells, [
        ("{{ a.n }}", "Lista Centro"), ("{{ a.titulo }}", "Lista"), ("{{ a.juicio }}", "Lista"),
        ("{{ a.deudor }}", "Lista"), ("{{ a.total }}", "Lista Cifra"), ("{{ a.secretario }}", "Lista"),
    ], strict=True):
        _celda_p(cell, [txt], est)
    _no_dividir(t)
    _p(doc, [], "Nota")
    _cierre(doc, [
        "Los expedientes quedan asignados a los secretarios-abogados indicados, quienes disponen del plazo de "
        "ciento ochenta (180) días desde su entrega para gestionar el cobro, prorrogable por una sola vez "
        "hasta por noventa (90) días (Resolución C.D. 321). Para constancia firman:",
    ])
    _firma(doc, ["{{ jefe_nombre }}", "{{ jefe_cargo }}"])
    return doc


def construir_indice() -> Document:
    """Índice of an expediente: each document with its date and folio range (domain.md §3)."""
    doc = _nuevo()
    doc.core_properties.title = "Índice del expediente"
    _membrete(doc, "Índice del juicio coactivo No. {{ juicio_numero }}")
    _titulo(doc, "ÍNDICE DEL EXPEDIENTE")
    _p(doc, [("JUICIO COACTIVO No. ", "b"), "{{ juicio_numero }}"], "Encabezado Juicio")
    _p(doc, [("COACTIVADO: ", "b"), "{{ deudor_nombre }} ({{ deudor_identificacion }})"], "Encabezado Juicio")
    sec = _p(doc, [("SECRETARIO-ABOGADO: ", "b"), "{{ secretario_nombre }}"], "Encabezado Juicio")
    sec.paragraph_format.space_after = Pt(10)
    t = _tabla(doc, [1.0, 2.2, 6.7, 2.6, 1.4, 1.6], 4)
    _fila_encabezado(t, 0, ["No.", "Fecha", "Documento", "Fojas", "Hojas", "Cuerpo"])
    _bucle_tabla(t, 1, "{%tr for d in documentos %}", 3)
    for cell, (txt, est) in zip(t.rows[2].cells, [
        ("{{ d.n }}", "Tabla Centro"), ("{{ d.fecha }}", "Tabla Centro"), ("{{ d.descripcion }}", "Tabla"),
        ("{{ d.fojas }}", "Tabla Centro"), ("{{ d.hojas }}", "Tabla Centro"), ("{{ d.cuerpo }}", "Tabla Centro"),
    ], strict=True):
        _celda_p(cell, [txt], est)
    _no_dividir(t)
    _p(doc, [], "Nota")
    _p(doc, ["El expediente consta de {{ total_fojas_texto }} en {{ cuerpos_texto }}."])
    _cierre(doc, ["{{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)
    return doc
