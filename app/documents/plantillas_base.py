"""Build the default .docx templates shipped in ``resources/templates/`` (python-docx).

Run once to (re)generate them::

    python -m app.documents.plantillas_base            # writes into resources/templates/
    python -m app.documents.plantillas_base /otra/ruta # writes elsewhere (e.g. an office folder)

The generated files are ordinary Word documents with docxtpl/Jinja tags (``{{ juicio_numero }}``,
``{%tr for a in asignaciones %}`` …). An office may open them in Word or LibreOffice, change wording,
letterhead or logo, and save them in its override folder (``<datos>/plantillas``); the program then
uses the office's copy (see :meth:`app.services.documentos.DocumentosService.plantilla`). A tag that is
not one of the fields listed in :data:`CAMPOS` is rejected with its name when the document is generated.

One builder per :class:`~app.domain.tipos.TipoDocumento` (:data:`CONSTRUCTORES`, keyed by template file). The
blocks every document of an expediente shares are built once: the letterhead and page footer
(:func:`_membrete`), the juicio header with the coactivado, his representante legal and each co-obligado
(:func:`_encabezado`), the «JUZGADO DE COACTIVA …- Ciudad, fecha.-» opening of a providencia (``_JUZGADO``),
tables of amounts and of lists (:func:`_tabla_valores`, :func:`_tabla_lista`), razones (:func:`_razon`),
oficios (:func:`_oficio`), actas of goods (:func:`_acta_bienes`) and the signatures (:func:`_firmas`,
:func:`_firma`). The fields each template receives are built by :mod:`app.documents.contexto`.

Layout (all templates): A4 (21 × 29,7 cm); margins top 3,5 cm (the letterhead lives in the page
header), bottom 2,5 cm, left 3 cm (binding side of the expediente), right 2,5 cm; Times New Roman
12 pt (LibreOffice uses the metric-compatible Liberation Serif) with line height *at least* 14 pt, so
that Word and LibreOffice break pages alike; page numbers in the footer ("Página X de Y").
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
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
from app.domain.tipos import DOCUMENTOS, TipoDocumento

FUENTE = "Times New Roman"

OPI = "orden_pago_inmediato.docx"
ACTA_SORTEO = "acta_sorteo.docx"
INDICE = "indice_expediente.docx"


def archivo(tipo: TipoDocumento) -> str:
    """Template file name of a document type (shared vocabulary: :data:`app.domain.tipos.DOCUMENTOS`)."""
    return DOCUMENTOS[tipo][1]


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
_JUICIO = {
    **_OFICINA,
    "juicio_numero": "Número del juicio coactivo",
    "acreedor": "Acreedor (Instituto Ecuatoriano de Seguridad Social (IESS))",
    "deudor_nombre": "Nombre o razón social del coactivado",
    "deudor_identificacion": "Cédula o RUC del coactivado",
    "deudor_tipo_identificacion": "«RUC» o «cédula de ciudadanía»",
    "deudor_es_juridica": "Verdadero si el coactivado es persona jurídica (para {% if %})",
    "deudor_representante": "Representante legal del coactivado persona jurídica (vacío si es persona natural)",
    "deudor_representante_cedula": "Cédula del representante legal",
    "deudor_direccion": "Dirección del coactivado",
    "deudor_designacion": "El coactivado como lo nombra un texto legal («X S.A., con RUC No. …, representada "
                          "legalmente por …»)",
    "coobligados": "Lista de coobligados: n, nombre, identificacion, tipo_identificacion, calidad, direccion, "
                   "designacion",
    "obligados_designacion": "El coactivado y, solidariamente, cada coobligado en su calidad",
    "titulo_numero": "Número del título de crédito",
    "titulo_fecha": "Fecha de emisión del título, en letras",
    "concepto": "Concepto del título de crédito",
    "periodo": "Período del título de crédito",
    "fecha_interes_desde": "Fecha desde la que corren intereses, en letras",
    "capital": "Capital del título (USD, 1.234,56)",
    "interes": "Intereses del título (USD)",
    "recargo": "Recargos y multas del título (USD)",
    "total": "Total del título (USD)",
    "total_letras": "Total del título en letras y cifras («MIL … 50/100 DÓLARES … (USD 1.242,50)»)",
    "cuantia": "Cuantía del juicio (USD)",
    "cuantia_letras": "Cuantía en letras y cifras",
    "opi_referencia": "Cita de la orden de pago inmediato («la orden de pago inmediato de 28 de febrero de 2025, "
                      "que obra a fojas 1 (uno)»)",
    "secretario_nombre": "Secretario-abogado del juicio",
    "secretario_cedula": "Cédula del secretario-abogado",
    "secretario_cargo": "«Secretario Abogado Externo» o «Secretario Abogado»",
    "ejecutor_nombre": "Funcionario ejecutor (nombre)",
    "ejecutor_cargo": "Funcionario ejecutor (cargo)",
}
_TERMINO = {
    "termino_dias": "Días del término (hábiles)",
    "termino_letras": "Los mismos días en letras («tres»)",
    "vencimiento": "Vencimiento del término si se notifica en la fecha del documento, en letras",
    "vencimiento_dia_semana": "Día de la semana del vencimiento («viernes»)",
}
_OFICIO = {
    **_JUICIO,
    "oficio_numero": "Número del oficio",
    "destinatario": "Entidad a la que se oficia",
    "asunto": "Asunto del oficio",
    "monto": "Monto hasta el que rige la medida (USD)",
    "monto_letras": "El monto en letras y cifras",
    "medidas_levantadas": "Lista de medidas que se levantan: n, descripcion, destinatario, oficio, fecha",
    "motivo": "Motivo del levantamiento",
}
_BIENES = {
    "bienes": "Lista de bienes: n, descripcion, tipo, valor, ubicacion",
}
_ACTA_BIENES = {
    **_JUICIO, **_BIENES,
    "hora": "Hora de la diligencia («10h30»; vacío si no se indicó)",
    "lugar_diligencia": "Lugar de la diligencia",
    "bienes_total": "Valor estimado de los bienes (USD)",
    "bienes_total_letras": "El mismo valor en letras y cifras",
    "depositario_nombre": "Depositario judicial que recibe los bienes",
    "depositario_cedula": "Cédula del depositario judicial",
    "lugar_custodia": "Dónde quedan los bienes en custodia",
    "observaciones": "Observaciones del acta",
}
CAMPOS: dict[str, dict[str, str]] = {
    archivo(TipoDocumento.RPV): {**_JUICIO, **_TERMINO},
    archivo(TipoDocumento.RAZON_NO_PAGO): {
        **_JUICIO,
        "rpv_referencia": "Cita del requerimiento de pago voluntario (fecha y fojas)",
        "rpv_vencimiento": "Último día del término del requerimiento, en letras",
        "termino_dias": "Días del término del requerimiento (10, COA art. 271)",
        "termino_letras": "Los mismos días en letras",
    },
    OPI: {**_JUICIO, **_TERMINO, "medidas": "Lista de medidas cautelares ordenadas (COA arts. 280-281)"},
    archivo(TipoDocumento.RAZON_NOTIFICACION): {
        **_JUICIO,
        "notificacion_destinatario": "Persona notificada",
        "notificacion_identificacion": "Cédula o RUC de la persona notificada",
        "notificacion_calidad": "Calidad de la persona notificada («coactivado», «garante»…)",
        "notificacion_intento": "Intento en letras («primera», «segunda»…)",
        "notificacion_forma": "Forma («personalmente», «mediante segunda boleta», «por la prensa»)",
        "notificacion_fecha": "Fecha de la notificación, en letras",
        "notificacion_hora": "Hora de la notificación («10h30»)",
        "notificacion_direccion": "Dirección donde se notificó",
        "notificacion_recibido_por": "Quién recibió la boleta (vacío si nadie)",
        "notificacion_efectiva": "Verdadero si la notificación se practicó (para {% if %})",
        "notificacion_observaciones": "Observaciones del citador",
        "documento_notificado": "Cita del documento notificado (fecha y fojas)",
    },
    archivo(TipoDocumento.OFICIO_RETENCION): _OFICIO,
    archivo(TipoDocumento.OFICIO_ANT): _OFICIO,
    archivo(TipoDocumento.OFICIO_REGISTRO): _OFICIO,
    archivo(TipoDocumento.OFICIO_LEVANTAMIENTO): _OFICIO,
    archivo(TipoDocumento.PROVIDENCIA): {
        **_JUICIO,
        "texto_inicial": "Primer párrafo de lo que se dispone",
        "parrafos": "Lista de los demás párrafos",
        "liquidacion_referencia": "Cita de la liquidación (vacío si no se cita)",
        "liquidacion_total_letras": "Total de la liquidación citada, en letras y cifras",
    },
    archivo(TipoDocumento.ACTA_EMBARGO): _ACTA_BIENES,
    archivo(TipoDocumento.ACTA_SECUESTRO): _ACTA_BIENES,
    archivo(TipoDocumento.LIQUIDACION): {
        **_JUICIO,
        "liq_fecha_corte": "Fecha de corte de la liquidación, en letras",
        "liq_capital": "Capital (USD)",
        "liq_interes": "Intereses hasta la fecha de corte (USD): del título + de mora + del convenio",
        "liq_interes_titulo": "Intereses liquidados en el título de crédito (USD)",
        "liq_interes_mora": "Intereses de mora hasta la fecha de corte (USD)",
        "liq_interes_convenio": "Intereses de financiamiento de un acuerdo de pago parcial (USD)",
        "liq_recargo": "Recargos y multas (USD)",
        "liq_costas": "Costas judiciales (USD)",
        "liq_deuda": "Total de la deuda antes de abonos (USD)",
        "liq_pagos": "Abonos recibidos (USD)",
        "liq_total": "Saldo a pagar a la fecha de corte (USD)",
        "liq_total_letras": "El saldo en letras y cifras",
        "liq_honorarios": "Honorarios del secretario-abogado sobre lo recaudado (USD; no forman parte del saldo)",
        "liq_base_dias": "Días del año para el interés (360 o 365)",
        "tramos": "Cálculo de los intereses de mora: n, desde, hasta, dias, capital, tasa, interes",
        "costas_detalle": "Lista de costas: n, fecha, concepto, monto",
        "pagos_detalle": "Lista de abonos: n, fecha, concepto, monto",
    },
    archivo(TipoDocumento.AVISO_REMATE): {
        **_JUICIO, **_BIENES,
        "remate_fecha": "Fecha del remate, en letras",
        "remate_dia_semana": "Día de la semana del remate",
        "remate_hora": "Hora del remate",
        "remate_lugar": "Lugar o plataforma del remate",
        "avaluo_total": "Avalúo total de los bienes (USD)",
        "avaluo_total_letras": "El avalúo en letras y cifras",
        "base_remate": "Base del remate (USD)",
        "base_remate_letras": "La base en letras y cifras",
        "deposito_porcentaje": "Depósito mínimo de cada postura («10%»)",
        "deposito_letras": "El porcentaje en letras («diez»)",
    },
    archivo(TipoDocumento.ACTA_REMATE): {
        **_JUICIO, **_BIENES,
        "hora": "Hora del remate",
        "aviso_referencia": "Cita del aviso de remate (fecha y fojas)",
        "posturas": "Lista de posturas: n, postor, identificacion, valor, deposito, calificada",
        "adjudicatario_nombre": "Postor adjudicatario",
        "adjudicatario_identificacion": "Cédula o RUC del adjudicatario",
        "adjudicacion_valor": "Valor de la adjudicación (USD)",
        "adjudicacion_letras": "El valor en letras y cifras",
        "saldo_precio": "Saldo del precio que debe consignar el adjudicatario (USD)",
        "saldo_precio_letras": "El saldo en letras y cifras",
    },
    archivo(TipoDocumento.RAZON_ARCHIVO): {
        **_JUICIO,
        "motivo": "Motivo del archivo",
        "total_pagado": "Total recaudado (USD)",
        "total_pagado_letras": "El total recaudado en letras y cifras",
        "fojas_expediente": "Fojas del expediente antes de esta razón («42 (cuarenta y dos)»)",
        "cuerpos": "Número de cuerpos del expediente",
    },
    archivo(TipoDocumento.AUTO_SUSPENSION): {
        **_JUICIO,
        "convenio_fecha": "Fecha del convenio (APP), en letras",
        "convenio_plazo_meses": "Plazo del convenio en meses",
        "convenio_plazo_letras": "El plazo en letras",
        "convenio_monto": "Monto del convenio (USD)",
        "convenio_monto_letras": "El monto en letras y cifras",
        "convenio_cuota_inicial": "Cuota inicial (USD)",
        "convenio_tasa": "Tasa de interés anual (%, «8,50»)",
        "convenio_sin_honorarios": "Verdadero si es un APP sin honorarios (Resolución C.D. 617)",
        "cuotas": "Tabla de amortización: n, vence, capital, interes, cuota",
        "cuotas_total": "Suma de las cuotas (USD)",
    },
    archivo(TipoDocumento.CARATULA): {
        **_JUICIO,
        "cuerpo": "Número del cuerpo",
        "cuerpo_letras": "El número del cuerpo en letras",
        "fecha_inicio": "Fecha de inicio del juicio, en letras",
        "fecha_citacion": "Fecha de la citación, en letras («Sin citar»)",
        "forma_citacion": "Forma de la citación («personal», «por boletas», «por la prensa»)",
        "casilla_judicial": "Casilla judicial del coactivado",
        "abogado_deudor": "Abogado del coactivado",
    },
    INDICE: {
        **_JUICIO,
        "documentos": "Lista: n, fecha, descripcion, tipo, fojas, hojas, cuerpo",
        "total_fojas": "Total de fojas en cifras y letras («42 (cuarenta y dos)»)",
        "cuerpos": "Número de cuerpos del expediente",
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
        "Actúe en el presente juicio el/la Ab. {{ secretario_nombre }}, en calidad de {{ secretario_cargo }}. ",
        ("CÚMPLASE Y NOTIFÍQUESE.-", "b"),
    ])
    _firmas(doc, _EJECUTOR, _SECRETARIO)


def _valores_titulo(doc: Document) -> Table:
    return _tabla_valores(doc, [
        ("Capital", "{{ capital }}"),
        ("Intereses (desde el {{ fecha_interes_desde }})", "{{ interes }}"),
        ("Recargos y multas", "{{ recargo }}"),
    ], ("TOTAL ADEUDADO", "{{ total }}"))


# --- the templates -------------------------------------------------------------------------


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
        "intenté notificar {{ notificacion_forma }}{% endif %} a {{ notificacion_destinatario }}, con identificación "
        "No. {{ notificacion_identificacion }}, en su calidad de {{ notificacion_calidad }}, con "
        "{{ documento_notificado }}, en el juicio coactivo No. {{ juicio_numero }} ({{ notificacion_intento }} "
        "diligencia de notificación).{% if notificacion_recibido_por %} Recibió: {{ notificacion_recibido_por }}."
        "{% endif %}{% if not notificacion_efectiva %} La notificación no pudo practicarse en esta diligencia."
        "{% endif %}",
    ])
    _si(doc, "notificacion_observaciones", [
        ([("Observaciones: ", "b"), "{{ notificacion_observaciones }}"], "Normal"),
    ])
    _cierre(doc, ["Lo certifico.- {{ lugar_fecha }}."])
    _firmas(doc, ["Citador-Notificador", "Juzgado de Coactiva"], _SECRETARIO)
    return doc


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


def _acta_bienes(titulo: str, diligencia: Partes, custodia: str) -> Document:
    doc = _documento_juicio(titulo.capitalize())
    _encabezado(doc, ("CUANTÍA: ", "USD {{ total }}"))
    _titulo(doc, titulo.upper())
    _p(doc, [
        "En la ciudad de {{ ciudad }}, el {{ fecha }}{% if hora %}, a las {{ hora }}{% endif %}, en "
        "{{ lugar_diligencia }}, el/la suscrito/a Ab. {{ secretario_nombre }}, {{ secretario_cargo }} del Juzgado de "
        "Coactiva de la {{ oficina_nombre }}, en cumplimiento de {{ opi_referencia }}, dentro del juicio coactivo No. "
        "{{ juicio_numero }} que el {{ acreedor }} sigue contra {{ obligados_designacion }}, por la cantidad de "
        "{{ total_letras }}, más intereses, costas y recargos de ley, ", *diligencia,
    ])
    _tabla_bienes(doc, total="{{ bienes_total }}")
    _p(doc, [
        "Los bienes detallados, por un valor estimado de {{ bienes_total_letras }}, quedan bajo la custodia del/de "
        "la Depositario/a Judicial ", ("{{ depositario_nombre }}", "b"),
        "{% if depositario_cedula %}, con cédula de ciudadanía No. {{ depositario_cedula }}{% endif %}, quien los "
        f"recibe {custodia} en {{{{ lugar_custodia }}}} y se obliga a conservarlos con el debido cuidado, a no "
        "usarlos, prestarlos ni arrendarlos, a informar periódicamente sobre su estado y a entregarlos cuando este "
        "Juzgado lo ordene.",
    ])
    _si(doc, "observaciones", [([("Observaciones: ", "b"), "{{ observaciones }}"], "Normal")])
    _cierre(doc, ["Para constancia de lo actuado firman el/la Secretario/a y el/la Depositario/a Judicial."])
    _firmas(doc, _SECRETARIO, ["{{ depositario_nombre }}", "Depositario/a Judicial"])
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
        "una providencia dentro de los tres días siguientes a su fecha de corte.{% if liq_honorarios != '0,00' %} Los "
        "honorarios del secretario-abogado sobre lo recaudado, USD {{ liq_honorarios }}, no forman parte del saldo "
        "del coactivado.{% endif %}",
    ])
    _cierre(doc, ["Lo certifico.- {{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)
    return doc


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
        "señalados en {{ aviso_referencia }}, ante el/la {{ ejecutor_cargo }} y el/la Ab. {{ secretario_nombre }}, "
        "{{ secretario_cargo }}, se procede al remate de los siguientes bienes embargados dentro del juicio coactivo "
        "No. {{ juicio_numero }} que el {{ acreedor }} sigue contra {{ obligados_designacion }}:",
    ])
    _tabla_bienes(doc, "Avalúo (USD)")
    _p(doc, ["Se recibieron las siguientes posturas:"]).paragraph_format.keep_with_next = True
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
    _cierre(doc, ["Para constancia firman los intervinientes."])
    _firmas(doc, _EJECUTOR, _SECRETARIO)
    return doc


def construir_razon_archivo() -> Document:
    doc = _documento_juicio("Razón de archivo")
    _encabezado(doc, ("CUANTÍA: ", "USD {{ cuantia }}"))
    _titulo(doc, "RAZÓN DE ARCHIVO")
    _razon(doc, [
        "por {{ motivo }}, habiéndose recaudado la cantidad de {{ total_pagado_letras }}, el juicio coactivo No. "
        "{{ juicio_numero }}, seguido por el {{ acreedor }} contra {{ deudor_designacion }}, se archiva. El "
        "expediente consta de {{ fojas_expediente }} fojas útiles, más la presente razón, en {{ cuerpos }} "
        "cuerpo(s), debidamente numerados, ordenados y foliados.",
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
    _cierre(doc, [
        "Los expedientes quedan asignados a los secretarios-abogados indicados, quienes disponen del plazo de "
        "ciento ochenta (180) días desde su entrega para gestionar el cobro, prorrogable por una sola vez "
        "hasta por noventa (90) días (Resolución C.D. 321). Para constancia firman:",
    ])
    _firmas(doc, ["JEFE DE LA UNIDAD", "{{ oficina_nombre }}"], ["SECRETARIO(A) DE LA UNIDAD", "Certifica"])
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
    _p(doc, ["El expediente consta de {{ total_fojas }} fojas útiles en {{ cuerpos }} cuerpo(s)."])
    _cierre(doc, ["{{ lugar_fecha }}."])
    _firma(doc, _SECRETARIO)
    return doc


#: One builder per template file (every :class:`~app.domain.tipos.TipoDocumento`).
CONSTRUCTORES: dict[str, Callable[[], Document]] = {
    archivo(TipoDocumento.RPV): construir_rpv,
    archivo(TipoDocumento.RAZON_NO_PAGO): construir_razon_no_pago,
    OPI: construir_opi,
    archivo(TipoDocumento.RAZON_NOTIFICACION): construir_razon_notificacion,
    archivo(TipoDocumento.OFICIO_RETENCION): construir_oficio_retencion,
    archivo(TipoDocumento.OFICIO_ANT): construir_oficio_ant,
    archivo(TipoDocumento.OFICIO_REGISTRO): construir_oficio_registro,
    archivo(TipoDocumento.OFICIO_LEVANTAMIENTO): construir_oficio_levantamiento,
    archivo(TipoDocumento.PROVIDENCIA): construir_providencia,
    archivo(TipoDocumento.ACTA_EMBARGO): construir_acta_embargo,
    archivo(TipoDocumento.ACTA_SECUESTRO): construir_acta_secuestro,
    archivo(TipoDocumento.LIQUIDACION): construir_liquidacion,
    archivo(TipoDocumento.AVISO_REMATE): construir_aviso_remate,
    archivo(TipoDocumento.ACTA_REMATE): construir_acta_remate,
    archivo(TipoDocumento.RAZON_ARCHIVO): construir_razon_archivo,
    archivo(TipoDocumento.AUTO_SUSPENSION): construir_auto_suspension,
    archivo(TipoDocumento.CARATULA): construir_caratula,
    INDICE: construir_indice,
    ACTA_SORTEO: construir_acta_sorteo,
}


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
