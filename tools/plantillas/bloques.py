"""Shared building blocks of the default .docx templates (see :mod:`tools.plantillas.base`).

Low-level helpers (fonts, styles, A4 page, paragraphs, fields, tables, signatures) and the blocks every
document of an expediente shares: the letterhead and page footer (:func:`_membrete`), the juicio header
with the coactivado, his representante legal and each co-obligado (:func:`_encabezado`), the
«JUZGADO DE COACTIVA …- Ciudad, fecha.-» opening of a providencia (``_JUZGADO``), tables of amounts and
of lists (:func:`_tabla_valores`, :func:`_tabla_lista`), razones (:func:`_razon`) and the signatures
(:func:`_firmas`, :func:`_firma`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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

FUENTE = "Times New Roman"

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
    _estilo(doc, "Encabezado Juicio", size=12, align=L, linea=14, left=1.0, hanging=1.0)
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


def _firma(doc: Document, lineas: Sequence[str]) -> Table:
    """One centred signature block (a borderless table whose row never splits); first line bold."""
    t = _tabla(doc, [7.75], 1, bordes=False, margen_lr_pt=6, margen_tb_pt=0)
    _no_dividir(t)
    cell = t.rows[0].cells[0]
    _celda_p(cell, ["_" * 34], "Firma").paragraph_format.space_before = Pt(42)
    for i, linea in enumerate(lineas):
        _p(cell, [(linea, "b") if i == 0 else linea], "Firma")
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


# --- shared blocks of the documents of an expediente ----------------------------------------

_PIE_JUICIO = "Juicio coactivo No. {{ juicio_numero }}"
_JUZGADO = ("JUZGADO DE COACTIVA DE LA {{ oficina_nombre|upper }} DEL INSTITUTO ECUATORIANO DE SEGURIDAD "
            "SOCIAL.- ", "b")
_EJECUTOR = ["{{ ejecutor_nombre }}", "{{ ejecutor_cargo }}"]
_SECRETARIO = ["Ab. {{ secretario_nombre }}", "{{ secretario_cargo }}"]
Partes = Sequence[str | tuple[str, str]]


def _documento_juicio(titulo: str) -> Document:
    """A new document of an expediente: letterhead, footer with the juicio number and page numbers."""
    doc = _nuevo()
    doc.core_properties.title = titulo
    _membrete(doc, _PIE_JUICIO)
    return doc


def _si(doc: Document, condicion: str, parrafos: Sequence[tuple[Partes, str]]) -> None:
    """Paragraphs printed only when ``condicion`` (Jinja) holds (docxtpl ``{%p if %}``; the tag
    paragraphs disappear when rendered)."""
    _p(doc, [f"{{%p if {condicion} %}}"], parrafos[0][1])
    for partes, estilo in parrafos:
        _p(doc, partes, estilo)
    _p(doc, ["{%p endif %}"], parrafos[-1][1])


def _por_cada(doc: Document, bucle: str, partes: Partes, estilo: str) -> None:
    """One paragraph per item (``bucle`` like ``"c in coobligados"``; docxtpl ``{%p for %}``)."""
    _p(doc, [f"{{%p for {bucle} %}}"], estilo)
    _p(doc, partes, estilo)
    _p(doc, ["{%p endfor %}"], estilo)


def _encabezado(doc: Document, *extra: tuple[str, str]) -> None:
    """The header of a providencia, razón or acta (domain.md §3): «JUICIO COACTIVO No. …», the coactivado
    and his identifier, his representante legal (persona jurídica), each co-obligado in his quality, then
    ``extra`` (bold label with its punctuation, value) lines."""
    _p(doc, [("JUICIO COACTIVO No. {{ juicio_numero }}", "b")], "Encabezado Juicio")
    _p(doc, [("COACTIVADO: ", "b"), "{{ deudor_nombre }}"], "Encabezado Juicio")
    _p(doc, [("{{ deudor_tipo_identificacion|upper }}: ", "b"), "{{ deudor_identificacion }}"], "Encabezado Juicio")
    _si(doc, "deudor_representante", [
        ([("REPRESENTANTE LEGAL: ", "b"), "{{ deudor_representante }}{% if deudor_representante_cedula %} "
          "({{ deudor_representante_cedula }}){% endif %}"], "Encabezado Juicio"),
    ])
    _por_cada(doc, "c in coobligados", [("{{ c.calidad|upper }}: ", "b"), "{{ c.nombre }} ({{ c.identificacion }})"],
              "Encabezado Juicio")
    for etiqueta, valor in extra:
        _p(doc, [(etiqueta, "b"), valor], "Encabezado Juicio")


def _titulo(doc: Document, texto: str) -> Paragraph:
    return _p(doc, [texto], "Titulo Documento")


def _ordinal(doc: Document, rotulo: str, partes: Partes) -> Paragraph:
    """A numbered order of a providencia: «PRIMERO.- RÓTULO.- texto…»."""
    return _p(doc, [(rotulo, "b"), *partes])


def _cierre(doc: Document, partes: Partes) -> Paragraph:
    """The last paragraph before the signatures: kept on the same page as them."""
    fin = _p(doc, partes)
    fin.paragraph_format.keep_with_next = True
    return fin


def _separador(doc: Document) -> None:
    _p(doc, [], "Nota").paragraph_format.space_after = Pt(4)


def _tabla_valores(doc: Document, filas: Sequence[tuple[str, str]], total: tuple[str, str],
                   encabezado: tuple[str, str] = ("Concepto", "Valor (USD)")) -> Table:
    """A two-column table of amounts (concept, USD) closed by a shaded total row; never split."""
    t = _tabla(doc, [11.0, 4.0], len(filas) + 2)
    _no_dividir(t)
    _fila_encabezado(t, 0, list(encabezado))
    for i, (concepto, valor) in enumerate(filas, start=1):
        _celda_p(t.rows[i].cells[0], [concepto])
        _celda_p(t.rows[i].cells[1], [valor], "Tabla Cifra")
    ultima = t.rows[len(filas) + 1]
    _celda_p(ultima.cells[0], [(total[0], "b")])
    _celda_p(ultima.cells[1], [(total[1], "b")], "Tabla Cifra")
    _sombrear(ultima.cells[0])
    _sombrear(ultima.cells[1])
    _separador(doc)
    return t


def _tabla_lista(
    doc: Document, anchos: Sequence[float], titulos: Sequence[str], bucle: str,
    celdas: Sequence[tuple[str, str]], total: Sequence[tuple[str, str]] | None = None,
) -> Table:
    """A table with one row per item of a list (docxtpl ``{%tr for %}``), a repeated header row and an
    optional shaded total row (``total``: one (text, style) per column, "" for an empty cell)."""
    filas = 4 + (1 if total else 0)
    t = _tabla(doc, anchos, filas)
    _fila_encabezado(t, 0, list(titulos))
    _bucle_tabla(t, 1, f"{{%tr for {bucle} %}}", 3)
    for cell, (txt, est) in zip(t.rows[2].cells, celdas, strict=True):
        _celda_p(cell, [txt], est)
    if total:
        for cell, (txt, est) in zip(t.rows[4].cells, total, strict=True):
            _celda_p(cell, [(txt, "b")] if txt else [], est)
            _sombrear(cell)
    _no_dividir(t)
    _separador(doc)
    return t


def _tabla_bienes(doc: Document, columna_valor: str = "Valor estimado (USD)", total: str = "") -> Table:
    return _tabla_lista(
        doc, [1.0, 8.6, 2.1, 3.8], ["No.", "Descripción", "Tipo", columna_valor], "b in bienes",
        [("{{ b.n }}", "Tabla Centro"), ("{{ b.descripcion }}", "Tabla"), ("{{ b.tipo }}", "Tabla Centro"),
         ("{{ b.valor }}", "Tabla Cifra")],
        [("", "Tabla"), ("TOTAL", "Tabla"), ("", "Tabla"), (total, "Tabla Cifra")] if total else None,
    )


def _razon(doc: Document, partes: Partes) -> None:
    """A razón (certified note of the secretario): «RAZÓN.- Siento por tal que …», «Lo certifico.-», the
    place and date, and the secretario's signature."""
    _p(doc, [("RAZÓN.- ", "b"), "Siento por tal que ", *partes])
    _cierre(doc, ["Lo certifico.- {{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)


def _actue_y_notifique(doc: Document, rotulo: str = "") -> None:
    _cierre(doc, [
        (rotulo, "b"),
        "Actúe en el presente juicio {{ secretario_tratamiento }} {{ secretario_nombre }}, en calidad de "
        "{{ secretario_cargo }}. ",
        ("CÚMPLASE Y NOTIFÍQUESE.-", "b"),
    ])
    _firmas(doc, _EJECUTOR, _SECRETARIO)


def _valores_titulo(doc: Document) -> Table:
    return _tabla_valores(doc, [
        ("Capital", "{{ capital }}"),
        ("Intereses (desde el {{ fecha_interes_desde }})", "{{ interes }}"),
        ("Recargos y multas", "{{ recargo }}"),
    ], ("TOTAL ADEUDADO", "{{ total }}"))
