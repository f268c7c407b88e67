"""Templates: rendering, unknown fields, the sheet estimator (and, with LibreOffice, its exactness)."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from app.common.errors import ConfigurationError, ValidationError
from app.common.paths import templates_dir
from app.documents.campos import catalogo
from app.documents.hojas import contar_hojas
from app.documents.pdf import convertir_pdf
from app.documents.render import campos_desconocidos, render, variables_de
from tools.plantillas import base


def texto_docx(data: bytes) -> str:
    """All text of a .docx: body paragraphs, table cells, headers and footers."""
    doc = Document(io.BytesIO(data))
    partes = [p.text for p in doc.paragraphs]

    def celdas(tables: Any) -> Iterator[str]:
        for t in tables:
            for row in t.rows:
                for cell in row.cells:
                    yield cell.text
                    yield from celdas(cell.tables)

    partes += list(celdas(doc.tables))
    for s in doc.sections:
        partes += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(partes)


def plantilla_con(tmp_path: Path, *parrafos: str, nombre: str = "p.docx") -> Path:
    doc = Document()
    for p in parrafos:
        doc.add_paragraph(p)
    ruta = tmp_path / nombre
    doc.save(str(ruta))
    return ruta


# -- realistic contexts for the default templates --------------------------------------------

_NOMBRES = [
    "COMPAÑÍA DE TRANSPORTE INTERPROVINCIAL DE PASAJEROS RIOBAMBA CIA. LTDA.", "Ñandú Construcciones S.A.",
    "María Fernanda Guamán Yépez", "José Luis Cáceres Núñez", "PANADERÍA Y PASTELERÍA LA ESPIGA DE ORO CÍA. LTDA.",
    "Distribuidora Farmacéutica Andina DIFARAN S.A.", "Luis Alberto Pilamunga Toapanta", "Inés Ñauñay",
]
_SECRETARIOS = ["Ana Lucía Guamán Paredes", "Carlos Andrade Vera", "María José Paredes Sánchez",
                "Juan Pablo Cevallos Ortiz"]
_OFICINA = {
    "oficina_nombre": "Unidad Provincial de Gestión de Coactiva de Chimborazo", "ciudad": "Riobamba",
    "provincia": "Chimborazo", "lugar_fecha": "Riobamba, 28 de febrero de 2025", "fecha": "28 de febrero de 2025",
    "fecha_corta": "28/02/2025",
}


def contexto_opi(medidas: list[str], deudor: str = _NOMBRES[0]) -> dict[str, Any]:
    return {
        **_OFICINA, "juicio_numero": "0601-2025-00042", "acreedor": "Instituto Ecuatoriano de Seguridad Social (IESS)",
        "deudor_nombre": deudor, "deudor_identificacion": "0690012345001", "deudor_tipo_identificacion": "RUC",
        "titulo_numero": "TC-2025-000123", "titulo_fecha": "15 de enero de 2025",
        "concepto": "Aportes patronales y personales en mora", "periodo": "2024-10",
        "fecha_interes_desde": "15 de noviembre de 2024", "capital": "1.000,00", "interes": "200,00",
        "recargo": "42,50", "total": "1.242,50",
        "total_letras": "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)",
        "termino_dias": 3, "termino_letras": "tres", "vencimiento": "7 de marzo de 2025",
        "vencimiento_dia_semana": "viernes", "medidas": medidas, "secretario_nombre": _SECRETARIOS[0],
        "secretario_cedula": "1710034065", "secretario_cargo": "Secretaria Abogada Externa",
        "secretario_tratamiento": "la Abogada", "secretario_suscrito": "la suscrita", "secretario_articulo": "la",
        "ejecutor_articulo": "el",
        "ejecutor_nombre": "Ing. Patricio Xavier Carrasco Ruiz",
        "ejecutor_cargo": "Director Provincial del IESS Chimborazo, Funcionario Ejecutor",
        # Persona jurídica without representante or co-obligados here (tests/documents/test_plantillas.py fills them).
        "deudor_representante": "", "deudor_representante_cedula": "", "coobligados": [],
        "deudor_designacion": f"{deudor}, con RUC No. 0690012345001",
        "obligados_designacion": f"{deudor}, con RUC No. 0690012345001",
        # the office does not charge the lawyer's fee to the coactivado (issue 12)
        "honorarios_a_cargo": False, "honorarios_porcentaje": "", "honorarios_iva": "", "honorarios_monto": "0,00",
        "total_con_honorarios": "1.242,50",
    }


def contexto_acta(n: int, semilla: int = 1) -> dict[str, Any]:
    rnd = random.Random(semilla)
    asign = [
        {"n": i, "titulo": f"TC-2025-{i:06d}", "juicio": f"0601-2025-{i:05d}", "deudor": rnd.choice(_NOMBRES),
         "identificacion": "0690012345001", "total": f"{rnd.randrange(100, 200000):,}".replace(",", ".") + ",50",
         "secretario": _SECRETARIOS[i % 3]}
        for i in range(1, n + 1)
    ]
    part = [{"n": i + 1, "nombre": s, "cedula": "1710034065", "calidad": "Externo", "asignados": n // 3,
             "cuantia": "12.345,67"} for i, s in enumerate(_SECRETARIOS[:3])]
    return {**_OFICINA, "sorteo_id": "01a1fca3-b201-74e0-96db-3a6d21e454f5", "semilla": "a1b2c3d4e5f6",
            "titulos_texto": f"{n} títulos de crédito", "participantes_texto": "3 secretarios-abogados activos",
            "jefe_nombre": "Ab. Rosa Elena Vallejo Cisneros", "jefe_cargo": "Jefa de la Unidad",
            "total_titulos": n, "total_participantes": 3, "cuantia_total": "1.234.567,89",
            "participantes": part, "asignaciones": asign}


MEDIDA = ("La retención de los fondos que el coactivado mantenga en cuentas corrientes, de ahorros, inversiones y "
          "cualquier otro depósito o valor en las instituciones del sistema financiero nacional. ")


def casos_opi() -> list[tuple[str, dict[str, Any]]]:
    return [(f"opi_{k}_medidas", contexto_opi([f"{MEDIDA * (1 + (i + k) % 3)}" for i in range(k)],
                                              _NOMBRES[k % len(_NOMBRES)]))
            for k in (0, 1, 3, 6, 9, 14)]


def casos_acta() -> list[tuple[str, dict[str, Any]]]:
    return [(f"acta_{n}", contexto_acta(n, n)) for n in (1, 12, 60, 250)]


# -- rendering -----------------------------------------------------------------------------


def test_render_llena_los_campos_y_escapa_xml(tmp_path: Path) -> None:
    ctx = contexto_opi(["Retención de fondos."], deudor="Pérez & Hijos <Cía. Ltda.>")
    data = render(templates_dir() / catalogo.OPI, ctx)
    texto = texto_docx(data)
    assert "JUICIO COACTIVO No. 0601-2025-00042" in texto
    assert "Pérez & Hijos <Cía. Ltda.>" in texto
    assert "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES" in texto
    assert "viernes 7 de marzo de 2025" in texto
    assert "1.\tRetención de fondos." in texto
    assert "{{" not in texto and "{%" not in texto
    assert "Unidad Provincial de Gestión de Coactiva de Chimborazo" in texto  # header rendered too


def test_campo_desconocido_se_rechaza_con_su_nombre(tmp_path: Path) -> None:
    ruta = plantilla_con(tmp_path, "Juicio {{ juicio_numero }}", "Dato: {{ campo_inexistente }}")
    assert campos_desconocidos(ruta, ["juicio_numero"]) == {"campo_inexistente"}
    with pytest.raises(ValidationError, match="campo_inexistente"):
        render(ruta, {"juicio_numero": "0601-2025-00001"})


def test_atributo_mal_escrito_se_rechaza(tmp_path: Path) -> None:
    ruta = plantilla_con(tmp_path, "{% for a in filas %}{{ a.nombre_mal }}{% endfor %}")
    assert campos_desconocidos(ruta, ["filas"]) == set()
    with pytest.raises(ValidationError, match="nombre_mal"):
        render(ruta, {"filas": [{"nombre": "x"}]})


def test_etiqueta_mal_formada_se_rechaza(tmp_path: Path) -> None:
    ruta = plantilla_con(tmp_path, "Juicio {{ juicio_numero }")
    with pytest.raises(ValidationError, match="mal escrito"):
        render(ruta, {"juicio_numero": "1"})


def test_plantilla_inexistente(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"no_existe\.docx"):
        render(tmp_path / "no_existe.docx", {})


def test_las_plantillas_usan_solo_campos_documentados() -> None:
    for nombre, campos in catalogo.CAMPOS.items():
        usados = variables_de(templates_dir() / nombre)
        assert usados <= set(campos), f"{nombre}: {sorted(usados - set(campos))}"
        assert "juicio_numero" in usados or nombre == catalogo.ACTA_SORTEO


def test_plantillas_enviadas_coinciden_con_el_codigo(tmp_path: Path) -> None:
    """resources/templates holds what tools/plantillas builds.

    Regenerate with ``python -m tools.plantillas`` after changing it.
    """
    for ruta in base.generar(tmp_path, verificar_con_libreoffice=False):
        with zipfile.ZipFile(ruta) as nueva, zipfile.ZipFile(templates_dir() / ruta.name) as enviada:
            for parte in ("word/document.xml", "word/styles.xml"):
                assert nueva.read(parte) == enviada.read(parte), f"{ruta.name}:{parte} desactualizada"


def test_render_del_acta_de_5000_titulos_cuenta_sus_hojas() -> None:
    # Its speed is measured by bench/ (no wall-clock assertion in tests: a loaded machine fails it).
    data = render(templates_dir() / catalogo.ACTA_SORTEO, contexto_acta(5000))
    hojas = contar_hojas(data)
    assert hojas > 150


# -- the estimator without LibreOffice --------------------------------------------------------


def _doc_lineas(n: int, *, salto_en: int | None = None) -> bytes:
    """A4, margins 2.5 cm, ``n`` one-line paragraphs of exactly 20 pt each."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin = sec.bottom_margin = sec.left_margin = sec.right_margin = Cm(2.5)
    for i in range(n):
        p = doc.add_paragraph(f"Línea {i}")
        pf = p.paragraph_format
        pf.space_after = pf.space_before = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(20)
        if salto_en == i:
            p.add_run().add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_contar_hojas_lineas_exactas() -> None:
    # (841.9 - 2 * 70.9) / 20 = 35 lines per page
    assert contar_hojas(_doc_lineas(1)) == 1
    assert contar_hojas(_doc_lineas(35)) == 1
    assert contar_hojas(_doc_lineas(36)) == 2
    assert contar_hojas(_doc_lineas(70)) == 2
    assert contar_hojas(_doc_lineas(71)) == 3
    assert contar_hojas(_doc_lineas(3, salto_en=0)) == 2


def test_contar_hojas_tabla_con_encabezado_repetido() -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21)
    sec.top_margin = sec.bottom_margin = Cm(2.5)
    t = doc.add_table(rows=101, cols=2)
    for row in t.rows:
        row.height = Pt(35)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        for c in row.cells:
            c.paragraphs[0].paragraph_format.space_after = Pt(0)
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    buf = io.BytesIO()
    doc.save(buf)
    # 700 pt per page / 35 = 20 rows: header + 19 data rows per page -> 100 rows need 6 pages.
    assert contar_hojas(buf.getvalue()) == 6


def test_contar_hojas_rechaza_lo_que_no_es_docx() -> None:
    with pytest.raises(ValidationError):
        contar_hojas(b"no soy un docx")


# -- exactness against LibreOffice ------------------------------------------------------------


def _paginas_pdf(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(
    ("nombre", "plantilla", "ctx"),
    [(n, catalogo.OPI, c) for n, c in casos_opi()] + [(n, catalogo.ACTA_SORTEO, c) for n, c in casos_acta()],
)
def test_estimacion_igual_a_libreoffice(tmp_path: Path, nombre: str, plantilla: str, ctx: dict[str, Any]) -> None:
    data = render(templates_dir() / plantilla, ctx)
    docx = tmp_path / f"{nombre}.docx"
    docx.write_bytes(data)
    pdf = convertir_pdf(docx, tmp_path)
    assert contar_hojas(data) == _paginas_pdf(pdf), nombre
