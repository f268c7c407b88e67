"""The national recovery table: a valid table (with an adjustment row) is imported; one that does not add up
is refused naming the row, and nothing is stored."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.common.errors import ImportRejected, PermissionDenied
from app.domain.recaudacion import TipoFila, clave_de_columna, leer_mes
from app.services.bootstrap import Servicios
from tests.conftest import SAMPLES

MUESTRA = SAMPLES / "recaudacion_chimborazo_2024.csv"
D = Decimal


@pytest.mark.parametrize("sufijo", ["csv", "tsv", "xlsx"])
def test_the_chimborazo_sample_is_imported_with_its_adjustment_apart(servicios: Servicios, sufijo: str) -> None:
    r = servicios.recaudacion.importar(SAMPLES / f"recaudacion_chimborazo_2024.{sufijo}")
    assert r.meses == tuple(date(2024, m, 1) for m in range(1, 13))
    assert r.totales["total"] == D("150251586.37")  # domain.md §6
    assert r.totales["oportuna"] == D("141075907.92") and r.totales["mora"] == D("9175678.45")
    assert r.totales["planilla_mora"] == D("6059776.33") and r.totales["glosas"] == D("602083.11")
    assert r.totales["convenios"] == D("454506.05")
    assert r.ajustes == (("Ajuste por reclasificación de cartera", D("-122471.11")),)
    assert r.codigos["titulos_credito"] == "NC-DNRGC-DP-7"
    meses = servicios.recaudacion.meses()
    assert [m.tipo for m in meses] == [TipoFila.MES] * 12 + [TipoFila.AJUSTE]
    assert sum((m.valores["titulos_credito"] for m in meses if m.tipo is TipoFila.MES), D(0)) == D("2181784.07")


def _editar(origen: Path, destino: Path, viejo: str, nuevo: str) -> Path:
    texto = origen.read_text(encoding="utf-8")
    assert viejo in texto
    destino.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")
    return destino


def test_a_row_whose_parts_do_not_add_up_is_refused_naming_it(servicios: Servicios, tmp_path: Path) -> None:
    linea = next(ln for ln in MUESTRA.read_text(encoding="utf-8").splitlines() if ln.startswith("Marzo 2024"))
    glosas = linea.split(";")[5]
    mala = _editar(MUESTRA, tmp_path / "mala.csv", linea, linea.replace(glosas, "1,00"))
    with pytest.raises(ImportRejected) as e:
        servicios.recaudacion.importar(mala)
    assert len(e.value.problems) == 1
    p = e.value.problems[0]
    assert p.line == 5 and "Marzo 2024" in p.reason and "no cuadra" in p.reason and "mora" in p.reason
    assert servicios.recaudacion.meses() == []  # all or nothing


def test_a_total_that_does_not_match_is_refused(servicios: Servicios, tmp_path: Path) -> None:
    mala = _editar(MUESTRA, tmp_path / "total.csv", "TOTAL;150.251.586,37;141.075.907,92",
                   "TOTAL;150.251.596,37;141.075.917,92")
    with pytest.raises(ImportRejected) as e:
        servicios.recaudacion.importar(mala)
    assert {p.line for p in e.value.problems} == {16}  # title 1, header 2, months 3-14, ajuste 15
    assert any("el TOTAL dice 150.251.596,37" in p.reason and "diferencia 10,00" in p.reason
               for p in e.value.problems)


def test_spanish_months_without_year_take_it_from_the_title(servicios: Servicios, tmp_path: Path) -> None:
    texto = MUESTRA.read_text(encoding="utf-8").replace(" 2024;", ";")
    (tmp_path / "sin_anio.csv").write_text(texto, encoding="utf-8")
    assert servicios.recaudacion.importar(tmp_path / "sin_anio.csv").meses[0] == date(2024, 1, 1)
    assert leer_mes("2024-03", None) == date(2024, 3, 1) and leer_mes("ene-2025", None) == date(2025, 1, 1)
    with pytest.raises(ValueError, match="no dice el año"):
        leer_mes("marzo", None)
    assert clave_de_columna("NC-DNRGC-DP-4 Planilla en mora") == "planilla_mora"


def test_a_newer_import_replaces_the_months_it_covers(servicios: Servicios, tmp_path: Path) -> None:
    servicios.recaudacion.importar(MUESTRA)
    shutil.copy(MUESTRA, tmp_path / "otra.csv")
    servicios.recaudacion.importar(tmp_path / "otra.csv")
    assert len([m for m in servicios.recaudacion.meses() if m.tipo is TipoFila.MES]) == 12


def test_only_who_imports_titulos_imports_it(servicios: Servicios) -> None:
    from app.domain.permisos import Rol, UsuarioActual
    from app.services.sesion import con_usuario

    citador = con_usuario(servicios, UsuarioActual("citador", Rol.CITADOR))
    with pytest.raises(PermissionDenied):
        citador.recaudacion.importar(MUESTRA)
