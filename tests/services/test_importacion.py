"""Importing títulos de crédito (Archivo → Importar títulos): all or nothing, every bad cell named."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.common.errors import CancelledError, ImportRejected, ValidationError
from app.common.money import parse_amount
from app.common.progress import Progress
from app.domain.titulos import ENCABEZADOS
from app.services.bootstrap import Servicios
from app.services.generador import escribir_csv, escribir_xlsx, generar_titulos
from app.services.importacion import ImportacionService
from app.storage.models import Auditoria, Deudor, Importacion, Outbox, TituloCredito
from tests.conftest import SAMPLES

EJEMPLO_CSV = SAMPLES / "titulos_ejemplo.csv"
EJEMPLO_XLSX = SAMPLES / "titulos_ejemplo.xlsx"
CON_ERRORES = SAMPLES / "titulos_con_errores.csv"

# (line, column) of every deliberate error in titulos_con_errores.csv (see generar_muestras.ERRORES)
ERRORES_ESPERADOS = {
    (3, "identificacion"), (5, "total"), (7, "fecha_emision"), (9, "fecha_emision"), (11, "deudor"),
    (13, "capital"), (15, "numero_titulo"), (17, "oficina"), (19, "identificacion"), (19, "capital"),
    (20, "interes_desde"),
}


@pytest.fixture
def imp(servicios: Servicios) -> ImportacionService:
    return ImportacionService(servicios.ctx)


def contar(servicios: Servicios, modelo: type) -> int:
    with servicios.ctx.read() as s:
        return s.scalar(select(func.count()).select_from(modelo)) or 0


def nada_importado(servicios: Servicios) -> None:
    for modelo in (TituloCredito, Deudor, Importacion):
        assert contar(servicios, modelo) == 0, modelo
    with servicios.ctx.read() as s:
        assert s.scalar(select(func.count()).where(Auditoria.accion == "importar títulos")) == 0
        assert s.scalar(select(func.count()).where(
            Outbox.tabla.in_(["titulo_credito", "deudor", "importacion"]))) == 0


def leer_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_muestra_importa_todas_las_filas_y_crea_los_deudores(servicios: Servicios, imp: ImportacionService) -> None:
    filas = leer_csv(EJEMPLO_CSV)
    assert len(filas) >= 300
    assert imp.validar(EJEMPLO_CSV) == []

    r = imp.importar(EJEMPLO_CSV)

    idents = {f["identificacion"].strip() for f in filas}
    assert r.archivo == "titulos_ejemplo.csv"
    assert r.filas == len(filas) == contar(servicios, TituloCredito)
    assert r.deudores_nuevos == len(idents) == contar(servicios, Deudor)
    assert len(idents) < len(filas) / 2  # several títulos per debtor
    assert r.total == sum(parse_amount(f["total"]) for f in filas)
    with servicios.ctx.read() as s:
        imp_row = s.get_one(Importacion, r.importacion_id)
        assert imp_row.filas == r.filas and len(imp_row.sha256) == 64
        estados = set(s.scalars(select(TituloCredito.estado)))
        assert estados == {"PENDIENTE"}
        assert s.scalar(select(func.count()).where(TituloCredito.importacion_id == r.importacion_id)) == r.filas
    assert servicios.sorteo.contar_pendientes() == r.filas


def test_valores_como_los_escribe_la_oficina_quedan_limpios(servicios: Servicios, imp: ImportacionService,
                                                           tmp_path: Path) -> None:
    filas = generar_titulos(3, semilla=3)
    filas[0].update(deudor="  guamán   PAREDES  luis alberto ", identificacion=" 0602910945 ",
                    capital=" 1.234,56 ", interes="98,4", recargo="USD 12,35", total="1.345,31",
                    periodo="10/2024", fecha_emision="13/5/2025", interes_desde=" 16/11/2024",
                    numero_titulo=" tc-0601-2025-000777 ", concepto="Aportes  patronales en mora ")
    r = imp.importar(escribir_csv(filas, tmp_path / "sucio.csv"))
    assert r.filas == 3
    with servicios.ctx.read() as s:
        t = s.scalars(select(TituloCredito).where(TituloCredito.numero == "TC-0601-2025-000777")).one()
        assert (t.capital, t.interes, t.recargo, t.total) == (
            Decimal("1234.56"), Decimal("98.40"), Decimal("12.35"), Decimal("1345.31"))
        assert t.periodo == "2024-10"
        assert t.fecha_emision.isoformat() == "2025-05-13"
        assert t.fecha_interes_desde.isoformat() == "2024-11-16"
        assert t.concepto == "Aportes patronales en mora"
        assert t.deudor.nombre == "GUAMÁN PAREDES LUIS ALBERTO"
        assert t.deudor.nombre_busqueda == "GUAMAN PAREDES LUIS ALBERTO"
        assert t.deudor.identificacion == "0602910945"
        assert t.deudor.tipo_identificacion == "CEDULA"


def test_muestra_con_errores_no_importa_nada_y_nombra_cada_celda(servicios: Servicios,
                                                                 imp: ImportacionService) -> None:
    with pytest.raises(ImportRejected) as info:
        imp.importar(CON_ERRORES)
    problemas = info.value.problems
    assert {(p.line, p.column) for p in problemas} == ERRORES_ESPERADOS
    por_celda = {(p.line, p.column): p.reason for p in problemas}
    assert "dígito verificador" in por_celda[(3, "identificacion")]
    assert "31/02/2025" in por_celda[(7, "fecha_emision")]
    assert "futura" in por_celda[(9, "fecha_emision")]
    assert "línea 4" in por_celda[(15, "numero_titulo")]
    assert "0901" in por_celda[(17, "oficina")]
    assert [p.line for p in problemas] == sorted(p.line for p in problemas)
    assert "titulos_con_errores.csv" in info.value.message and "línea 3" in info.value.message
    nada_importado(servicios)
    # the preview reports the same problems without writing
    assert {(p.line, p.column) for p in imp.validar(CON_ERRORES)} == ERRORES_ESPERADOS


def test_reimportar_el_mismo_archivo_se_rechaza_nombrando_los_duplicados(servicios: Servicios,
                                                                        imp: ImportacionService) -> None:
    r = imp.importar(EJEMPLO_CSV)
    with pytest.raises(ImportRejected) as info:
        imp.importar(EJEMPLO_CSV)
    problemas = info.value.problems
    assert len(problemas) == r.filas
    assert {p.column for p in problemas} == {"numero_titulo"}
    primera = leer_csv(EJEMPLO_CSV)[0]["numero_titulo"].strip().upper()
    assert problemas[0].line == 2
    assert primera in problemas[0].reason and "titulos_ejemplo.csv" in problemas[0].reason
    assert contar(servicios, TituloCredito) == r.filas
    assert contar(servicios, Importacion) == 1


def test_un_solo_titulo_ya_importado_rechaza_todo_el_archivo(servicios: Servicios, imp: ImportacionService,
                                                            tmp_path: Path) -> None:
    primero = generar_titulos(10, semilla=4, primer_numero=1)
    imp.importar(escribir_csv(primero, tmp_path / "a.csv"))
    segundo = generar_titulos(10, semilla=4, primer_numero=100)
    segundo[6]["numero_titulo"] = primero[2]["numero_titulo"]
    with pytest.raises(ImportRejected) as info:
        imp.importar(escribir_csv(segundo, tmp_path / "b.csv"))
    assert [(p.line, p.column) for p in info.value.problems] == [(8, "numero_titulo")]
    assert contar(servicios, TituloCredito) == 10


def test_deudores_existentes_se_reutilizan(servicios: Servicios, imp: ImportacionService, tmp_path: Path) -> None:
    r1 = imp.importar(escribir_csv(generar_titulos(60, semilla=8), tmp_path / "a.csv"))
    # same seed, later numbers: the same debtors with new títulos
    r2 = imp.importar(escribir_csv(generar_titulos(60, semilla=8, primer_numero=1000), tmp_path / "b.csv"))
    assert r1.deudores_nuevos == 20
    assert r2.deudores_nuevos == 0
    assert contar(servicios, Deudor) == 20
    assert contar(servicios, TituloCredito) == 120


def test_xlsx_con_celdas_numericas_y_de_fecha(servicios: Servicios, imp: ImportacionService) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(EJEMPLO_XLSX, read_only=True)
    fila2 = next(wb.worksheets[0].iter_rows(min_row=2, max_row=2, values_only=True))
    wb.close()
    assert any(isinstance(v, float | int) for v in fila2[6:10])  # real numbers, not text
    assert hasattr(fila2[1], "year")  # a real date cell

    r = imp.importar(EJEMPLO_XLSX)
    assert r.filas == 50
    assert contar(servicios, TituloCredito) == 50
    with servicios.ctx.read() as s:
        t = s.scalars(select(TituloCredito).order_by(TituloCredito.numero).limit(1)).one()
        assert t.numero == fila2[0]
        assert t.fecha_emision == fila2[1].date()
        assert t.total == t.capital + t.interes + t.recargo


def test_xlsx_con_errores_usa_el_numero_de_fila_de_la_hoja(servicios: Servicios, imp: ImportacionService,
                                                          tmp_path: Path) -> None:
    filas = generar_titulos(6, semilla=12)
    filas[3]["identificacion"] = "0602910946"
    p = escribir_xlsx(filas, tmp_path / "malo.xlsx")
    with pytest.raises(ImportRejected) as info:
        imp.importar(p)
    assert [(p.line, p.column) for p in info.value.problems] == [(5, "identificacion")]
    assert contar(servicios, TituloCredito) == 0


def test_csv_con_coma_cp1252_y_encabezados_escritos_a_mano(servicios: Servicios, imp: ImportacionService,
                                                          tmp_path: Path) -> None:
    cab = ["Nº Título", "Fecha de emisión", "Razón social", "Cédula/RUC", "Concepto", "Período", "Capital",
           "Intereses", "Multas", "Valor total", "Intereses desde", "Provincia", "Código oficina", "Observación"]
    filas = generar_titulos(5, semilla=21)
    p = tmp_path / "manual.csv"
    with p.open("w", encoding="cp1252", newline="") as f:
        w = csv.writer(f, delimiter=",", lineterminator="\r\n")
        w.writerow(cab)
        w.writerow([])  # a blank line between header and data: skipped, but it counts as a line
        for fila in filas:
            w.writerow([fila[c] for c in ENCABEZADOS] + ["revisado"])
    # an unquoted Spanish decimal splits the row: named with its line, nothing imported
    texto = p.read_text(encoding="cp1252").splitlines()
    partes = next(csv.reader([texto[3]]))
    texto[3] = ",".join(partes)  # writes 1.234,56 without quotes
    p2 = tmp_path / "sin_comillas.csv"
    p2.write_text("\r\n".join(texto), encoding="cp1252")
    with pytest.raises(ImportRejected) as info:
        imp.importar(p2)
    assert {p.line for p in info.value.problems} == {4}
    assert any("comillas" in p.reason for p in info.value.problems)
    nada_importado(servicios)

    r = imp.importar(p)
    assert r.filas == 5
    with servicios.ctx.read() as s:
        nombres = set(s.scalars(select(Deudor.nombre)))
    assert nombres == {f["deudor"].upper() for f in filas}


def test_encabezado_sin_columnas_obligatorias(imp: ImportacionService, tmp_path: Path) -> None:
    p = tmp_path / "incompleto.csv"
    p.write_text("numero_titulo;deudor;total\nTC-1;Juan;10,00\n", encoding="utf-8")
    problemas = imp.validar(p)
    assert {pr.line for pr in problemas} == {1}
    assert {"fecha_emision", "identificacion", "capital", "oficina"} <= {pr.column for pr in problemas}


def test_archivos_que_no_se_pueden_leer(imp: ImportacionService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="No se encontró"):
        imp.importar(tmp_path / "no_existe.csv")
    (tmp_path / "viejo.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match=r"\.xls"):
        imp.importar(tmp_path / "viejo.xls")
    (tmp_path / "roto.xlsx").write_bytes(b"no es un zip")
    with pytest.raises(ValidationError, match="dañado"):
        imp.importar(tmp_path / "roto.xlsx")
    (tmp_path / "vacio.csv").write_text("", encoding="utf-8")
    with pytest.raises(ImportRejected, match="vacío"):
        imp.importar(tmp_path / "vacio.csv")
    (tmp_path / "solo_cabecera.csv").write_text(";".join(ENCABEZADOS) + "\n\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="no tiene filas"):
        imp.importar(tmp_path / "solo_cabecera.csv")


def cancelar_al_guardar() -> tuple[Progress, list[tuple[int, int, str]]]:
    vistos: list[tuple[int, int, str]] = []
    progreso: Progress

    def cb(done: int, total: int, msg: str) -> None:
        vistos.append((done, total, msg))
        if msg.startswith("Guardando"):
            progreso.cancel()  # the next step raises CancelledError

    progreso = Progress(cb)
    return progreso, vistos


def test_importacion_cancelada_no_deja_nada(servicios: Servicios, imp: ImportacionService, tmp_path: Path) -> None:
    p = escribir_csv(generar_titulos(1000, semilla=9), tmp_path / "mil.csv")
    progreso, vistos = cancelar_al_guardar()
    with pytest.raises(CancelledError):
        imp.importar(p, progreso)
    assert any(m.startswith("Guardando") for _, _, m in vistos)  # cancelled while writing, after a flush
    nada_importado(servicios)
    # and the same file imports afterwards
    assert imp.importar(p).filas == 1000


def test_progreso_avanza_hasta_el_total(imp: ImportacionService, tmp_path: Path) -> None:
    p = escribir_csv(generar_titulos(450, semilla=10), tmp_path / "t.csv")
    vistos: list[tuple[int, int]] = []
    imp.importar(p, Progress(lambda d, t, _m: vistos.append((d, t))))
    con_total = [(d, t) for d, t in vistos if t]
    assert con_total[-1] == (900, 900)
    assert [d for d, _ in con_total] == sorted(d for d, _ in con_total)


def test_la_importacion_queda_auditada(servicios: Servicios, imp: ImportacionService) -> None:
    servicios.ctx.central = True  # a desktop joined to a central server queues its changes
    r = imp.importar(EJEMPLO_XLSX)
    with servicios.ctx.read() as s:
        por_tabla = dict(s.execute(
            select(Auditoria.tabla, func.count()).where(Auditoria.accion == "importar títulos")
            .group_by(Auditoria.tabla)).all())
        usuarios = set(s.scalars(select(Auditoria.usuario).where(Auditoria.accion == "importar títulos")))
        en_outbox = s.scalar(select(func.count()).where(Outbox.tabla == "titulo_credito")) or 0
    assert por_tabla == {"importacion": 1, "deudor": r.deudores_nuevos, "titulo_credito": r.filas}
    assert usuarios == {servicios.ctx.actor}
    assert en_outbox == r.filas


@pytest.mark.parametrize(("escribir", "sufijo"), [(escribir_csv, ".csv"), (escribir_xlsx, ".xlsx")])
def test_archivo_generado_con_ruido_se_importa_completo(servicios: Servicios, imp: ImportacionService,
                                                      tmp_path: Path, escribir: Callable[..., Path],
                                                      sufijo: str) -> None:
    # Speed is measured in bench/, not here; this checks that messy generated data round-trips.
    p = escribir(generar_titulos(2_000, semilla=11, ruido=0.1), tmp_path / f"titulos{sufijo}")
    r = imp.importar(p)
    assert r.filas == 2_000 == contar(servicios, TituloCredito)
