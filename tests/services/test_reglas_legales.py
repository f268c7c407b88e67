"""Issue 8 through the services: signatories from the office's data, the page count's source, the office's
calendar, the monthly rate table imported from a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from sqlalchemy import select

from app.common.errors import ConfigurationError, PermissionDenied, ValidationError
from app.common.paths import templates_dir
from app.domain.permisos import Rol, UsuarioActual
from app.services.bootstrap import Servicios
from app.services.liquidacion import LiquidacionService
from app.services.tasas import importar_tasas
from app.storage.models import Documento
from tests.services.helpers import crear_titulos


def _sorteado(srv: Servicios) -> str:
    crear_titulos(srv, 1)
    return srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 20)).asignaciones[0].juicio


def test_an_office_without_signatories_is_told_before_the_first_document(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _sorteado(srv)
    assert srv.documentos.firmantes_faltantes() == []
    srv.oficina.actualizar(ejecutor_nombre="")
    x = srv.secretarios.listar()[0]
    srv.secretarios.actualizar(x.id, genero="")
    faltan = srv.documentos.firmantes_faltantes()
    assert faltan[0].startswith("nombre, cargo y género del funcionario ejecutor")
    assert any(x.nombres in f and "abogado o abogada" in f for f in faltan)
    with pytest.raises(ConfigurationError, match="No se puede firmar requerimiento de pago voluntario: faltan datos"):
        srv.documentos.generar("rpv", juicio, date(2025, 1, 21))
    assert srv.foliacion.indice(juicio) == []  # nothing rendered, nothing foliated


def test_each_document_records_where_its_sheet_count_comes_from(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _sorteado(srv)
    srv.documentos.generar("rpv", juicio, date(2025, 1, 21))
    with srv.ctx.read() as s:
        fuentes = dict(s.execute(select(Documento.tipo, Documento.hojas_fuente)
                                 .where(Documento.expediente_id.is_not(None))).all())
    # The shipped templates are verified against LibreOffice (resources/templates/verificadas.json): their
    # documents are counted by the estimator, with no LibreOffice run per document.
    esperado = "estimador-verificado" if (templates_dir() / "verificadas.json").is_file() else "estimador"
    assert fuentes == {"TITULO_CREDITO": esperado, "RPV": esperado}


@pytest.mark.libreoffice
@pytest.mark.slow
def test_a_template_edited_in_word_that_prints_more_sheets_is_refused(con_secretarios: Servicios,
                                                                      tmp_path: Path) -> None:
    srv = con_secretarios
    d = Document(str(templates_dir() / "orden_pago_inmediato.docx"))
    for p in d.paragraphs:  # what an office may do in Word: Calibri, double line spacing
        p.paragraph_format.line_spacing = 2.0
        for r in p.runs:
            r.font.name = "Calibri"
            r.font.size = Pt(12)
    editada = tmp_path / "opi_word.docx"
    d.save(str(editada))
    with pytest.raises(ValidationError, match=r"se imprime en \d+ hojas, pero el conteo para la foliación da \d+"):
        srv.documentos.reemplazar_plantilla("opi", editada)
    assert not (srv.ctx.paths.root / "plantillas" / "orden_pago_inmediato.docx").exists()
    # The shipped one, unchanged, is accepted and its verification recorded for the office.
    copia = tmp_path / "opi.docx"
    copia.write_bytes((templates_dir() / "orden_pago_inmediato.docx").read_bytes())
    srv.documentos.reemplazar_plantilla("opi", copia)
    assert (srv.ctx.paths.root / "plantillas" / "verificadas.json").is_file()


def test_the_office_adds_decreed_days_and_removes_a_listed_one(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    srv.oficina.agregar_feriado(date(2024, 4, 19), "Suspensión de la jornada laboral (D.E. 229, crisis energética)")
    srv.oficina.quitar_feriado(date(2025, 8, 11), "Decreto: se trabaja el lunes 11 de agosto")
    cal = srv.oficina.calendario()
    assert not cal.es_habil(date(2024, 4, 19)) and cal.es_habil(date(2025, 8, 11))
    assert cal.nombre_feriado(date(2024, 4, 19)).startswith("Suspensión de la jornada")
    with pytest.raises(ValidationError, match="no es un feriado nacional de la lista"):
        srv.oficina.quitar_feriado(date(2025, 8, 12), "x")
    with pytest.raises(ValidationError, match="ya consta"):
        srv.oficina.agregar_feriado(date(2024, 4, 19), "otra vez")


def test_the_rate_table_is_imported_from_xlsx_and_csv_all_or_nothing(con_secretarios: Servicios,
                                                                      tmp_path: Path) -> None:
    srv = con_secretarios
    liq = LiquidacionService(srv.ctx)
    wb = Workbook()
    ws = wb.active
    ws.append(["Mes", "Tasa anual", "Fuente"])
    ws.append(["2025-01", 12.5, "BCE, boletín de enero de 2025"])
    ws.append(["2025-02", "11,75", "BCE, boletín de febrero de 2025"])
    wb.save(tmp_path / "tasas.xlsx")
    tabla = importar_tasas(liq, tmp_path / "tasas.xlsx")
    assert [(t.vigente_desde, t.tasa_anual, t.fuente) for t in tabla] == [
        (date(2025, 1, 1), Decimal("12.5000"), "BCE, boletín de enero de 2025"),
        (date(2025, 2, 1), Decimal("11.7500"), "BCE, boletín de febrero de 2025")]
    csv = tmp_path / "tasas.csv"
    csv.write_text("mes;tasa_anual;fuente\n03/2025;11,50;BCE marzo\n02/2025;11,00;BCE febrero\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="Ya hay tasa para febrero de 2025; no se cargó ninguna fila"):
        importar_tasas(liq, csv)
    assert len(liq.tasas()) == 2
    sec = UsuarioActual(login="sec", rol=Rol.SECRETARIO)
    with pytest.raises(PermissionDenied):
        importar_tasas(LiquidacionService(srv.ctx.__class__(**{**srv.ctx.__dict__, "usuario": sec})), csv)
