"""DocumentosService: OPI generation and foliation, acta de sorteo, índice, export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from app.common.errors import CancelledError, ConfigurationError, RuleError, ValidationError
from app.common.paths import templates_dir
from app.common.progress import Progress
from app.documents import pdf as pdf_mod
from app.documents import plantillas_base as base
from app.documents.pdf import libreoffice_disponible
from app.documents.render import contar_hojas
from app.services.bootstrap import Servicios
from app.services.documentos import DocumentosService
from app.services.sorteo import ResultadoSorteo, SorteoService
from app.storage.models import Documento, Expediente, Folio
from tests.documents.test_render import SIN_LO, texto_docx
from tests.services.helpers import crear_titulos

VIERNES = date(2025, 2, 28)  # Carnaval: lunes 3 y martes 4 de marzo de 2025


def sortear(srv: Servicios, n: int) -> tuple[DocumentosService, ResultadoSorteo]:
    crear_titulos(srv, n, total=Decimal("1242.50"))
    docs = DocumentosService(srv.ctx)
    r = SorteoService(srv.ctx, acta=docs.acta_sorteo_en).realizar(semilla="x", fecha=VIERNES)
    return docs, r


def texto(ruta: Path) -> str:
    return texto_docx(ruta.read_bytes())


def test_opi_contenido_y_termino(con_secretarios: Servicios) -> None:
    docs, r = sortear(con_secretarios, 2)
    a = r.asignaciones[0]
    g = docs.generar_opi(a.juicio, fecha=VIERNES)
    assert g.tipo == "OPI" and g.juicio == a.juicio
    # 3 días término from Friday 28 Feb 2025: skips the weekend and Carnaval (3-4 Mar) -> Friday 7 Mar.
    assert g.vencimiento == date(2025, 3, 7)
    assert g.ruta.is_file() and g.ruta.parent == con_secretarios.ctx.paths.exports / a.juicio
    t = texto(g.ruta)
    assert f"JUICIO COACTIVO No. {a.juicio}" in t
    assert a.deudor in t and a.identificacion in t
    assert "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)" in t
    assert "Riobamba, 28 de febrero de 2025" in t
    assert "viernes 7 de marzo de 2025" in t
    assert "artículo 279 del COA" in t and "280 y 281 del COA" in t
    for entidad in ("Superintendencia de Bancos", "Agencia Nacional de Tránsito (ANT)", "Registro de la Propiedad"):
        assert entidad in t
    assert f"Ab. {a.secretario}" in t and "Secretario Abogado Externo" in t
    assert "{{" not in t


def test_opi_entra_al_expediente_como_folios(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    g = docs.generar_opi(juicio, fecha=VIERNES)
    hojas = contar_hojas(g.ruta.read_bytes())
    assert (g.desde, g.hasta) == (1, hojas)
    indice = srv.foliacion.indice(juicio)
    assert [(e.tipo, e.desde, e.hasta) for e in indice] == [("OPI", 1, hojas)]
    assert srv.foliacion.verificar(juicio).intacta
    with srv.ctx.read() as s:
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == juicio)) == "OPI"
    # A second providencia continues the numbering.
    g2 = docs.generar_opi(juicio, fecha=date(2025, 3, 10), medidas=[])
    assert g2.desde == hojas + 1
    salida = docs.exportar_indice(juicio, srv.ctx.paths.root)
    assert salida.name == f"Indice_{juicio}.docx"
    t = texto(salida)
    assert "ÍNDICE DEL EXPEDIENTE" in t and juicio in t
    assert f"1 a {hojas}" in t or hojas == 1
    assert "Orden de pago inmediato (28/02/2025)" in t and "28/02/2025" in t
    # The índice is an export, not a document of the expediente.
    assert len(srv.foliacion.indice(juicio)) == 2


def test_plantilla_con_campo_desconocido_no_escribe_nada(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    propia = srv.ctx.paths.root / "plantillas"
    propia.mkdir()
    d = Document(str(templates_dir() / base.OPI))
    d.add_paragraph("Observación: {{ campo_inexistente }}")
    d.save(str(propia / base.OPI))
    assert docs.plantilla("orden_pago_inmediato") == propia / base.OPI
    with pytest.raises(ValidationError, match="campo_inexistente"):
        docs.generar_opi(juicio, fecha=VIERNES)
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == 0
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "OPI")) == 0
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == juicio)) == "SORTEADO"
    assert not (srv.ctx.paths.exports / juicio).exists()


def test_plantilla_instalada_y_faltante(servicios: Servicios) -> None:
    docs = DocumentosService(servicios.ctx)
    assert docs.plantilla(base.ACTA_SORTEO) == templates_dir() / base.ACTA_SORTEO
    with pytest.raises(ConfigurationError, match=r"no_existe\.docx"):
        docs.plantilla("no_existe")


def test_opi_en_juicio_archivado_se_rechaza(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    with srv.ctx.tx("test: archivar") as s:
        s.scalars(select(Expediente).where(Expediente.numero == juicio)).one().etapa = "ARCHIVADO"
    with pytest.raises(RuleError, match="Archivado"):
        docs.generar_opi(juicio)


def test_acta_de_sorteo_lista_cada_asignacion(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 7)
    assert r.acta_documento_id is not None
    with srv.ctx.read() as s:
        doc = s.get_one(Documento, r.acta_documento_id)
        assert doc.tipo == "ACTA_SORTEO" and doc.expediente_id is None and doc.hojas >= 1
    ruta = docs.exportar(r.acta_documento_id)
    assert ruta.parent == srv.ctx.paths.exports / "oficina"
    assert ruta.read_bytes() == srv.ctx.blobs.get(doc.archivo_sha256)
    d = Document(str(ruta))
    asign = d.tables[1]
    filas = [[c.text for c in row.cells] for row in asign.rows[1:]]
    assert [(f[1], f[2], f[5]) for f in filas] == [(a.titulo, a.juicio, a.secretario) for a in r.asignaciones]
    participantes = {row.cells[1].text: int(row.cells[4].text) for row in d.tables[0].rows[1:-1]}
    assert participantes == r.por_secretario()
    t = texto(ruta)
    assert "ACTA DE SORTEO DE TÍTULOS DE CRÉDITO" in t
    assert "En la ciudad de Riobamba, el 28 de febrero de 2025" in t
    assert "semilla x" in t and str(r.sorteo_id) in t
    assert "JEFE DE LA UNIDAD" in t and "SECRETARIO(A) DE LA UNIDAD" in t


def test_lote_con_progreso_y_cancelacion(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 3)
    numeros = [a.juicio for a in r.asignaciones]
    pasos: list[tuple[int, int]] = []
    hechos = docs.generar_opi_lote(numeros, Progress(lambda d, t, _m: pasos.append((d, t))))
    assert [g.juicio for g in hechos] == numeros
    assert pasos[0] == (0, 3) and pasos[-1] == (3, 3)
    assert len({g.ruta for g in hechos}) == 3

    progreso: list[Progress] = []

    def cancelar_tras_el_primero(done: int, _t: int, _m: str) -> None:
        if done == 1:
            progreso[0].cancel()

    progreso.append(Progress(cancelar_tras_el_primero))
    with pytest.raises(CancelledError):
        docs.generar_opi_lote(numeros, progreso[0])
    # Cancelled while the 2nd was being generated: it completes, the 3rd never starts (3 + 2 in total).
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "OPI")) == 5


def test_lote_valida_todo_antes_de_generar(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 2)
    with pytest.raises(ValidationError, match="0601-2025-09999: no existe"):
        docs.generar_opi_lote([r.asignaciones[0].juicio, "0601-2025-09999"])
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == 0


def test_exportar_a_destino(con_secretarios: Servicios, tmp_path: Path) -> None:
    docs, r = sortear(con_secretarios, 1)
    g = docs.generar_opi(r.asignaciones[0].juicio, fecha=VIERNES)
    destino = docs.exportar(g.documento_id, tmp_path / "copia.docx")
    assert destino.read_bytes() == g.ruta.read_bytes()
    assert docs.exportar(g.documento_id, tmp_path) == tmp_path / g.nombre_archivo


def test_pdf_sin_libreoffice_explica_como_instalarlo(
    con_secretarios: Servicios, monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs, r = sortear(con_secretarios, 1)
    monkeypatch.setattr(pdf_mod, "ejecutable_libreoffice", lambda: None)
    with pytest.raises(ConfigurationError, match="Instale LibreOffice: sudo apt install libreoffice-writer"):
        docs.exportar_pdf(r.acta_documento_id)


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice_disponible(), reason=SIN_LO)
def test_exportar_pdf_con_libreoffice(con_secretarios: Servicios) -> None:
    from pypdf import PdfReader

    docs, r = sortear(con_secretarios, 2)
    g = docs.generar_opi(r.asignaciones[0].juicio, fecha=VIERNES)
    pdf = docs.exportar_pdf(g.documento_id)
    assert pdf.suffix == ".pdf" and pdf.is_file()
    assert len(PdfReader(str(pdf)).pages) == g.hasta - g.desde + 1
