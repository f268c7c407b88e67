"""Build the default .docx templates shipped in ``resources/templates/`` (python-docx).

Run once to (re)generate them::

    python -m app.documents.plantillas_base            # writes into resources/templates/
    python -m app.documents.plantillas_base /otra/ruta # writes elsewhere (e.g. an office folder)

The generated files are ordinary Word documents with docxtpl/Jinja tags (``{{ juicio_numero }}``,
``{%tr for a in asignaciones %}`` …). An office may open them in Word or LibreOffice, change wording,
letterhead or logo, and save them in its override folder (``<datos>/plantillas``); the program then
uses the office's copy (see :meth:`app.services.documentos.DocumentosService.plantilla`). A tag that is
not one of the fields listed in :data:`CAMPOS` is rejected with its name when the document is generated.

Layout (all templates): A4 (21 × 29,7 cm); margins top 3,5 cm (the letterhead lives in the page
header), bottom 2,5 cm, left 3 cm (binding side of the expediente), right 2,5 cm; Times New Roman
12 pt (LibreOffice uses the metric-compatible Liberation Serif) with line height *at least* 14 pt, so
that Word and LibreOffice break pages alike; page numbers in the footer ("Página X de Y").
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from app.common.paths import templates_dir

FUENTE = "Times New Roman"

OPI = "orden_pago_inmediato.docx"
ACTA_SORTEO = "acta_sorteo.docx"
INDICE = "indice_expediente.docx"

# The fields each template may use (the context the program provides), with their meaning.
# Offices editing a template can use any of these; anything else is rejected by name.
_OFICINA = {
    "oficina_nombre": "Nombre de la unidad (p. ej. Unidad Provincial de Gestión de Coactiva de Chimborazo)",
    "ciudad": "Ciudad de la unidad",
    "provincia": "Provincia de la unidad",
    "lugar_fecha": "Lugar y fecha del documento («Riobamba, 13 de mayo de 2025»)",
    "fecha": "Fecha del documento en letras («13 de mayo de 2025»)",
    "fecha_corta": "Fecha del documento dd/mm/aaaa",
}
CAMPOS: dict[str, dict[str, str]] = {
    OPI: {
        **_OFICINA,
        "juicio_numero": "Número del juicio coactivo",
        "acreedor": "Acreedor (Instituto Ecuatoriano de Seguridad Social (IESS))",
        "deudor_nombre": "Nombre o razón social del coactivado",
        "deudor_identificacion": "Cédula o RUC del coactivado",
        "deudor_tipo_identificacion": "«RUC» o «cédula de ciudadanía»",
        "titulo_numero": "Número del título de crédito",
        "titulo_fecha": "Fecha de emisión del título, en letras",
        "concepto": "Concepto del título de crédito",
        "periodo": "Período del título de crédito",
        "fecha_interes_desde": "Fecha desde la que corren intereses, en letras",
        "capital": "Capital (USD, 1.234,56)",
        "interes": "Intereses (USD)",
        "recargo": "Recargos y multas (USD)",
        "total": "Total adeudado (USD)",
        "total_letras": "Total en letras y cifras («MIL … 50/100 DÓLARES … (USD 1.242,50)»)",
        "termino_dias": "Días del término para pagar o dimitir bienes (3, COA art. 279)",
        "termino_letras": "Los mismos días en letras («tres»)",
        "vencimiento": "Vencimiento del término si se notifica en la fecha de la orden, en letras",
        "vencimiento_dia_semana": "Día de la semana del vencimiento («viernes»)",
        "medidas": "Lista de medidas cautelares ordenadas (COA arts. 280-281)",
        "secretario_nombre": "Secretario-abogado del juicio",
        "secretario_cedula": "Cédula del secretario-abogado",
        "secretario_cargo": "«Secretario Abogado Externo» o «Secretario Abogado»",
        "ejecutor_nombre": "Funcionario ejecutor (nombre)",
        "ejecutor_cargo": "Funcionario ejecutor (cargo)",
    },
    ACTA_SORTEO: {
        **_OFICINA,
        "sorteo_id": "Identificador del sorteo",
        "semilla": "Semilla del sorteo (permite repetirlo y verificarlo)",
        "total_titulos": "Número de títulos sorteados",
        "total_participantes": "Número de secretarios-abogados participantes",
        "cuantia_total": "Suma de los títulos sorteados (USD)",
        "participantes": "Lista: n, nombre, cedula, calidad, asignados, cuantia",
        "asignaciones": "Lista: n, titulo, juicio, deudor, identificacion, total, secretario",
    },
    INDICE: {
        **_OFICINA,
        "juicio_numero": "Número del juicio coactivo",
        "deudor_nombre": "Nombre del coactivado",
        "deudor_identificacion": "Cédula o RUC del coactivado",
        "secretario_nombre": "Secretario-abogado del juicio",
        "secretario_cargo": "«Secretario Abogado Externo» o «Secretario Abogado»",
        "documentos": "Lista: n, fecha, descripcion, tipo, fojas, hojas, cuerpo",
        "total_fojas": "Total de fojas en cifras y letras («42 (cuarenta y dos)»)",
        "cuerpos": "Número de cuerpos del expediente",
    },
}

_GRIS = "D9D9D9"


# --- low-level helpers ---------------------------------------------------------------------


def _set_fonts(rpr: OxmlElement, nombre: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for k in list(fonts.attrib):
        del fonts.attrib[k]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), nombre)


def _doc_defaults(doc: Document) -> None:
    """Times New Roman 12 pt, Spanish (Ecuador), no paragraph spacing, widow control on."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, FUENTE)
    for tag, val in (("w:sz", "24"), ("w:szCs", "24")):
        el = rpr.find(qn(tag))
        el.set(qn("w:val"), val)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "es-EC")
    lang.set(qn("w:eastAsia"), "es-EC")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(OxmlElement("w:widowControl"))
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)


def _estilo(
    doc: Document, nombre: str, *, base: str = "Normal", size: float | None = None, bold: bool | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None, after: float = 0, before: float = 0, linea: float | None = None,
    keep_next: bool = False, left: float | None = None, hanging: float | None = None,
) -> None:
    st = doc.styles[nombre] if nombre in [s.name for s in doc.styles] else doc.styles.add_style(
        nombre, WD_STYLE_TYPE.PARAGRAPH)
    if nombre != "Normal":
        st.base_style = doc.styles[base]
        st.quick_style = True
    f = st.font
    if size is not None:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    pf = st.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    if linea is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        pf.line_spacing = Pt(linea)
    if keep_next:
        pf.keep_with_next = True
    if left is not None:
        pf.left_indent = Cm(left)
    if hanging is not None:
        pf.first_line_indent = Cm(-hanging)


def _estilos(doc: Document) -> None:
    J, C, L = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    _estilo(doc, "Normal", size=12, align=J, after=8, linea=14)
    _estilo(doc, "Membrete", size=11, bold=True, align=C, linea=13)
    _estilo(doc, "Membrete Oficina", base="Membrete", size=10, bold=False)
    _estilo(doc, "Encabezado Juicio", size=12, align=L, linea=14)
    _estilo(doc, "Titulo Documento", size=13, bold=True, align=C, before=10, after=10, linea=15, keep_next=True)
    _estilo(doc, "Subtitulo", size=12, bold=True, align=L, before=4, after=6, linea=14, keep_next=True)
    _estilo(doc, "Medida", size=12, align=J, after=6, linea=14, left=1.0, hanging=0.6)
    _estilo(doc, "Tabla", size=10, align=L, linea=12)
    _estilo(doc, "Tabla Cifra", base="Tabla", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _estilo(doc, "Tabla Centro", base="Tabla", align=C)
    _estilo(doc, "Tabla Encabezado", base="Tabla", bold=True, align=C)
    _estilo(doc, "Lista", size=9, align=L, linea=11)
    _estilo(doc, "Lista Cifra", base="Lista", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _estilo(doc, "Lista Centro", base="Lista", align=C)
    _estilo(doc, "Lista Encabezado", base="Lista", bold=True, align=C)
    _estilo(doc, "Firma", size=11, align=C, linea=13)
    _estilo(doc, "Pie", size=9, align=C, linea=11)
    _estilo(doc, "Nota", size=10, align=J, linea=12, after=4)


def _pagina(doc: Document) -> None:
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(3.5), Cm(2.5)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.5)
    sec.header_distance, sec.footer_distance = Cm(1.2), Cm(1.2)


def ancho_util_cm() -> float:
    """Text width of the default templates: 21 − 3 − 2,5 = 15,5 cm."""
    return 15.5


def _p(
    container: Document | _Cell | object, partes: Iterable[str | tuple[str, str]] = (), estilo: str = "Normal",
) -> Paragraph:
    """A paragraph of ``partes``: plain strings, or ``(texto, "b")`` for bold / ``"i"`` italic / ``"bi"``."""
    par = container.add_paragraph(style=estilo)  # type: ignore[attr-defined]
    for parte in partes:
        texto, fmt = (parte, "") if isinstance(parte, str) else parte
        run = par.add_run(texto)
        if "b" in fmt:
            run.bold = True
        if "i" in fmt:
            run.italic = True
    return par


def _celda_p(cell: _Cell, partes: Iterable[str | tuple[str, str]], estilo: str = "Tabla") -> Paragraph:
    """Write into the cell's first (empty) paragraph."""
    par = cell.paragraphs[0]
    par.style = estilo
    for parte in partes:
        texto, fmt = (parte, "") if isinstance(parte, str) else parte
        run = par.add_run(texto)
        run.bold = True if "b" in fmt else None
    return par


def _campo(par: Paragraph, instr: str, muestra: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin/instr/separate/result/end runs."""
    def fld(tipo: str) -> OxmlElement:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), tipo)
        return el

    r = par.add_run()
    r._r.append(fld("begin"))
    r = par.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r._r.append(it)
    r = par.add_run()
    r._r.append(fld("separate"))
    par.add_run(muestra)
    r = par.add_run()
    r._r.append(fld("end"))


def _borde_inferior(par: Paragraph) -> None:
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", "000000")):
        b.set(qn(k), v)
    bdr.append(b)
    ppr.append(bdr)


def _membrete(doc: Document, pie: str) -> None:
    """Letterhead in the page header; ``pie`` (may hold tags) + page numbers in the footer."""
    sec = doc.sections[0]
    h = sec.header
    h.is_linked_to_previous = False
    first = h.paragraphs[0]
    first.style = "Membrete"
    first.add_run("INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL")
    _p(h, ["{{ oficina_nombre }}"], "Membrete Oficina")
    last = _p(h, ["JUZGADO DE COACTIVA"], "Membrete")
    _borde_inferior(last)
    f = sec.footer
    f.is_linked_to_previous = False
    par = f.paragraphs[0]
    par.style = "Pie"
    if pie:
        par.add_run(pie + " — ")
    par.add_run("Página ")
    _campo(par, "PAGE", "1")
    par.add_run(" de ")
    _campo(par, "NUMPAGES", "1")


def _tabla(
    doc: Document, anchos_cm: Sequence[float], filas: int, *, bordes: bool = True,
    margen_lr_pt: float = 4, margen_tb_pt: float = 1.5,
) -> Table:
    """A fixed-layout table of ``filas`` rows with explicit column widths, centred, thin borders."""
    t = doc.add_table(rows=filas, cols=len(anchos_cm))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tblpr = t._tbl.tblPr
    for old in tblpr.findall(qn("w:tblStyle")):
        tblpr.remove(old)
    w = OxmlElement("w:tblW")
    w.set(qn("w:w"), str(round(sum(anchos_cm) * 567)))
    w.set(qn("w:type"), "dxa")
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblpr.append(w)
    if bordes:
        bdr = OxmlElement("w:tblBorders")
        for lado in ("top", "left", "bottom", "right", "insideH", "insideV"):
            b = OxmlElement(f"w:{lado}")
            for k, v in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                b.set(qn(k), v)
            bdr.append(b)
        tblpr.append(bdr)
    mar = OxmlElement("w:tblCellMar")
    for lado, val in (("top", margen_tb_pt), ("left", margen_lr_pt), ("bottom", margen_tb_pt),
                      ("right", margen_lr_pt)):
        m = OxmlElement(f"w:{lado}")
        m.set(qn("w:w"), str(round(val * 20)))
        m.set(qn("w:type"), "dxa")
        mar.append(m)
    tblpr.append(mar)
    grid = t._tbl.tblGrid
    for col, ancho in zip(grid.findall(qn("w:gridCol")), anchos_cm, strict=True):
        col.set(qn("w:w"), str(round(ancho * 567)))
    for row in t.rows:
        for cell, ancho in zip(row.cells, anchos_cm, strict=True):
            cell.width = Cm(ancho)
    return t


def _sombrear(cell: _Cell, color: str = _GRIS) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), color)
    tcpr.append(shd)


def _fila_encabezado(t: Table, idx: int, titulos: Sequence[str], estilo: str = "Tabla Encabezado") -> None:
    row = t.rows[idx]
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    trpr.append(OxmlElement("w:cantSplit"))
    for cell, titulo in zip(row.cells, titulos, strict=True):
        _celda_p(cell, [titulo], estilo)
        _sombrear(cell)


def _no_dividir(t: Table) -> None:
    for row in t.rows:
        trpr = row._tr.get_or_add_trPr()
        if trpr.find(qn("w:cantSplit")) is None:
            trpr.append(OxmlElement("w:cantSplit"))


def _fila_minima(t: Table, idx: int, alto_pt: float) -> None:
    row = t.rows[idx]
    row.height = Pt(alto_pt)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _bucle_tabla(t: Table, fila_for: int, apertura: str, fila_fin: int) -> None:
    """Rows carrying ``{%tr for … %}`` / ``{%tr endfor %}`` (docxtpl removes them when rendering)."""
    _celda_p(t.rows[fila_for].cells[0], [apertura])
    _celda_p(t.rows[fila_fin].cells[0], ["{%tr endfor %}"])


def _firmas(doc: Document, izquierda: Sequence[str], derecha: Sequence[str]) -> Table:
    """Two signature blocks side by side (a borderless table whose row never splits)."""
    t = _tabla(doc, [7.75, 7.75], 1, bordes=False, margen_lr_pt=6, margen_tb_pt=0)
    _no_dividir(t)
    for cell, lineas in ((t.rows[0].cells[0], izquierda), (t.rows[0].cells[1], derecha)):
        _celda_p(cell, ["_" * 34], "Firma").paragraph_format.space_before = Pt(42)
        for i, linea in enumerate(lineas):
            par = cell.add_paragraph(style="Firma")
            run = par.add_run(linea)
            if i == 0:
                run.bold = True
    return t


def _nuevo() -> Document:
    doc = Document()
    _doc_defaults(doc)
    _estilos(doc)
    _pagina(doc)
    core = doc.core_properties
    core.author = "Foja — IESS Juzgado de Coactiva"
    core.comments = "Plantilla editable de Foja: conserve los campos entre llaves dobles (vea la documentación)."
    # Document() starts with one empty paragraph in the body; drop it.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return doc


# --- the templates -------------------------------------------------------------------------


def construir_opi() -> Document:
    """Orden de pago inmediato (COA arts. 279-281), the former auto de pago."""
    doc = _nuevo()
    doc.core_properties.title = "Orden de pago inmediato"
    _membrete(doc, "Juicio coactivo No. {{ juicio_numero }}")
    _p(doc, [("JUICIO COACTIVO No. {{ juicio_numero }}", "b")], "Encabezado Juicio")
    _p(doc, [("COACTIVADO: ", "b"), "{{ deudor_nombre }}"], "Encabezado Juicio")
    _p(doc, [("{{ deudor_tipo_identificacion|upper }}: ", "b"), "{{ deudor_identificacion }}"],
       "Encabezado Juicio")
    _p(doc, [("TÍTULO DE CRÉDITO No. ", "b"), "{{ titulo_numero }}"], "Encabezado Juicio")
    _p(doc, [("CUANTÍA: ", "b"), "USD {{ total }}"], "Encabezado Juicio")
    _p(doc, ["ORDEN DE PAGO INMEDIATO"], "Titulo Documento")
    _p(doc, [
        ("JUZGADO DE COACTIVA DE LA {{ oficina_nombre|upper }} DEL INSTITUTO ECUATORIANO DE SEGURIDAD "
         "SOCIAL.- ", "b"),
        "{{ lugar_fecha }}.- ", ("VISTOS: ", "b"),
        "En ejercicio de la jurisdicción coactiva que el artículo 287 de la Ley de Seguridad Social confiere al "
        "Instituto Ecuatoriano de Seguridad Social (IESS), y conforme al Libro III del Código Orgánico "
        "Administrativo (COA), avoco conocimiento del título de crédito No. {{ titulo_numero }}, emitido el "
        "{{ titulo_fecha }} por concepto de {{ concepto }}, período {{ periodo }}, en contra de "
        "{{ deudor_nombre }}, con {{ deudor_tipo_identificacion }} No. {{ deudor_identificacion }}, que "
        "contiene una obligación determinada, líquida y de plazo vencido a favor del IESS (COA arts. 267 y "
        "268). Por cuanto la obligación no ha sido satisfecha, de conformidad con el artículo 279 del COA, "
        "se dispone:",
    ])
    _p(doc, [
        ("PRIMERO.- ORDEN DE PAGO INMEDIATO.- ", "b"),
        "Se ordena que {{ deudor_nombre }} pague inmediatamente al IESS la cantidad de ",
        ("{{ total_letras }}", "b"),
        ", según el detalle siguiente, más los intereses que se generen hasta la fecha efectiva del pago, las "
        "costas y demás recargos de ley; o que dimita bienes equivalentes dentro del término de "
        "{{ termino_letras }} ({{ termino_dias }}) días contados desde el día siguiente al de su notificación, "
        "con la advertencia de que, de no hacerlo, se embargarán bienes equivalentes al total de la deuda por "
        "el capital, intereses y costas (COA art. 279). De notificarse en la fecha de esta orden, el término "
        "vence el ",
        ("{{ vencimiento_dia_semana }} {{ vencimiento }}", "b"), ".",
    ])
    t = _tabla(doc, [11.0, 4.0], 5)
    _no_dividir(t)
    _fila_encabezado(t, 0, ["Concepto", "Valor (USD)"])
    filas = [
        ("Capital", "{{ capital }}"),
        ("Intereses (desde el {{ fecha_interes_desde }})", "{{ interes }}"),
        ("Recargos y multas", "{{ recargo }}"),
    ]
    for i, (concepto, valor) in enumerate(filas, start=1):
        _celda_p(t.rows[i].cells[0], [concepto])
        _celda_p(t.rows[i].cells[1], [valor], "Tabla Cifra")
    _celda_p(t.rows[4].cells[0], [("TOTAL ADEUDADO", "b")])
    _celda_p(t.rows[4].cells[1], [("{{ total }}", "b")], "Tabla Cifra")
    _sombrear(t.rows[4].cells[0])
    _sombrear(t.rows[4].cells[1])
    sep = _p(doc, [], "Nota")
    sep.paragraph_format.space_after = Pt(4)
    _p(doc, [
        ("SEGUNDO.- MEDIDAS CAUTELARES.- ", "b"),
        "Con fundamento en los artículos 280 y 281 del COA, para asegurar el pago de la obligación se ordenan "
        "las siguientes medidas cautelares, para cuyo cumplimiento se oficiará a las entidades "
        "correspondientes:",
    ])
    _p(doc, ["{%p for m in medidas %}"], "Medida")
    _p(doc, ["{{ loop.index }}.\t{{ m }}"], "Medida")
    _p(doc, ["{%p endfor %}"], "Medida")
    _p(doc, [
        ("TERCERO.- NOTIFICACIÓN.- ", "b"),
        "Notifíquese al coactivado con la presente orden de pago inmediato en su domicilio o por los medios "
        "previstos en los artículos 164 y siguientes del COA, haciéndole saber que puede pagar la obligación en "
        "las oficinas del IESS o en las entidades financieras autorizadas.",
    ])
    fin = _p(doc, [
        ("CUARTO.- ", "b"),
        "Actúe en el presente juicio el/la Ab. {{ secretario_nombre }}, en calidad de {{ secretario_cargo }}. ",
        ("CÚMPLASE Y NOTIFÍQUESE.-", "b"),
    ])
    fin.paragraph_format.keep_with_next = True
    _firmas(doc, ["{{ ejecutor_nombre }}", "{{ ejecutor_cargo }}"],
            ["Ab. {{ secretario_nombre }}", "{{ secretario_cargo }}"])
    return doc


def construir_acta_sorteo() -> Document:
    """Acta de sorteo de títulos de crédito among secretarios-abogados (IESS Resolución C.D. 497)."""
    doc = _nuevo()
    doc.core_properties.title = "Acta de sorteo de títulos de crédito"
    _membrete(doc, "Acta de sorteo del {{ fecha_corta }}")
    _p(doc, ["ACTA DE SORTEO DE TÍTULOS DE CRÉDITO"], "Titulo Documento")
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}, en la {{ oficina_nombre }} del Instituto Ecuatoriano de "
        "Seguridad Social, de conformidad con la Resolución C.D. 497 del Consejo Directivo del IESS, que "
        "encarga a la unidad sortear los títulos de crédito entre los secretarios-abogados, se procede al "
        "sorteo de {{ total_titulos }} título(s) de crédito, por un total de USD {{ cuantia_total }}, entre "
        "{{ total_participantes }} secretario(s)-abogado(s) activo(s).",
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
    fin = _p(doc, [
        "Los expedientes quedan asignados a los secretarios-abogados indicados, quienes disponen del plazo de "
        "ciento ochenta (180) días desde su entrega para gestionar el cobro, prorrogable por una sola vez "
        "hasta por noventa (90) días (Resolución C.D. 321). Para constancia firman:",
    ])
    fin.paragraph_format.keep_with_next = True
    _firmas(doc, ["JEFE DE LA UNIDAD", "{{ oficina_nombre }}"], ["SECRETARIO(A) DE LA UNIDAD", "Certifica"])
    return doc


def construir_indice() -> Document:
    """Índice of an expediente: each document with its date and folio range (domain.md §3)."""
    doc = _nuevo()
    doc.core_properties.title = "Índice del expediente"
    _membrete(doc, "Índice del juicio coactivo No. {{ juicio_numero }}")
    _p(doc, ["ÍNDICE DEL EXPEDIENTE"], "Titulo Documento")
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
    _p(doc, ["El expediente consta de {{ total_fojas }} fojas útiles en {{ cuerpos }} cuerpo(s)."])
    fin = _p(doc, ["{{ lugar_fecha }}."])
    fin.paragraph_format.keep_with_next = True
    t = _tabla(doc, [7.75], 1, bordes=False, margen_lr_pt=6, margen_tb_pt=0)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_dividir(t)
    cell = t.rows[0].cells[0]
    _celda_p(cell, ["_" * 34], "Firma").paragraph_format.space_before = Pt(42)
    _p(cell, [("Ab. {{ secretario_nombre }}", "b")], "Firma")
    _p(cell, ["{{ secretario_cargo }}"], "Firma")
    return doc


CONSTRUCTORES = {OPI: construir_opi, ACTA_SORTEO: construir_acta_sorteo, INDICE: construir_indice}


def generar(destino: Path | None = None) -> list[Path]:
    """Write the default templates into ``destino`` (default: ``resources/templates``).

    Returns the written paths. Overwrites existing files of the same name.
    """
    destino = destino or templates_dir()
    destino.mkdir(parents=True, exist_ok=True)
    out = []
    for nombre, construir in CONSTRUCTORES.items():
        path = destino / nombre
        construir().save(str(path))
        out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for p in generar(Path(args[0]) if args else None):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
