"""The command line is a stable interface: exit codes and output that scripts depend on."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import create_engine, text

from app.cli import main
from tests.conftest import CEDULAS, SAMPLES
from tests.manipulacion import quitar_protecciones


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def oficina(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    d = tmp_path / "datos"
    for nombre, cedula, genero in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS,
                                      "FMF", strict=False):
        assert run(capsys, "secretario", "--nombres", nombre, "--cedula", cedula, "--genero", genero,
                   "--data-dir", str(d))[0] == 0
    code, out, _ = run(capsys, "oficina", "--data-dir", str(d))
    assert code == 0 and "falta: nombre, cargo y género del funcionario ejecutor" in out
    code, out, _ = run(capsys, "oficina", "--ejecutor-nombre", "Ing. Patricio Carrasco Ruiz", "--ejecutor-genero", "M",
                       "--jefe-nombre", "Ab. Rosa Vallejo", "--jefe-cargo", "Jefa de la Unidad", "--data-dir", str(d))
    assert code == 0 and "falta" not in out
    return d


def test_import_sorteo_document_verify(oficina: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "importar", str(SAMPLES / "titulos_ejemplo.csv"), "--data-dir", str(oficina))
    assert code == 0 and out.startswith("Importados 320 títulos")

    # The sample's títulos were issued up to 19/12/2025: a sorteo dated before that is refused.
    code, _, err = run(capsys, "--data-dir", str(oficina), "sorteo", "--todos", "--semilla", "abc",
                       "--fecha", "13/05/2025")
    assert code == 2 and "no puede asignar títulos emitidos después" in err
    code, out, _ = run(capsys, "--data-dir", str(oficina), "sorteo", "--todos", "--semilla", "abc",
                       "--fecha", "22/12/2025")
    assert code == 0
    lines = [ln for ln in out.splitlines() if ln.startswith("0601-2025-")]
    assert len(lines) == 320 and lines[0].startswith("0601-2025-00001\t")
    counts = sorted(int(ln.rsplit(": ", 1)[1]) for ln in out.splitlines() if ln.startswith("# "))
    assert counts[-1] - counts[0] <= 1 and sum(counts) == 320

    out_docx = tmp_path / "rpv.docx"
    code, out, _ = run(capsys, "documento", "rpv", "0601-2025-00007", "--out", str(out_docx),
                       "--fecha", "23/12/2025", "--data-dir", str(oficina))
    # The título's certified copy is foja 1; the RPV follows. Notified that day, its 10 días hábiles skip
    # Christmas and New Year's Day: 08/01/2026.
    assert code == 0 and "fojas 2" in out and "vence el 08/01/2026" in out
    body = "\n".join(p.text for p in Document(str(out_docx)).paragraphs)
    assert "0601-2025-00007" in body

    code, out, _ = run(capsys, "verificar", "0601-2025-00007", "--data-dir", str(oficina))
    assert code == 0 and "íntegra" in out

    engine = create_engine(f"sqlite:///{oficina / 'foja.sqlite3'}")
    with engine.begin() as c:
        quitar_protecciones(c)
        c.execute(text("UPDATE folio SET hasta = hasta + 1"))
    engine.dispose()
    code, _, err = run(capsys, "verificar", "0601-2025-00007", "--data-dir", str(oficina))
    assert code == 1 and "Entrada 1" in err
    code, out, _ = run(capsys, "documento", "opi", "0601-2025-00008", "--out", str(tmp_path / "opi.docx"),
                       "--fecha", "23/12/2025", "--data-dir", str(oficina))
    assert code == 2


def test_bad_input_exits_2_with_reasons(oficina: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "importar", str(SAMPLES / "titulos_con_errores.csv"), "--data-dir", str(oficina))
    assert code == 2 and out == ""
    assert "No se importó nada" in err and "línea " in err and "columna «identificacion»" in err

    code, _, err = run(capsys, "verificar", "0601-2025-99999", "--data-dir", str(oficina))
    assert code == 2 and "No existe el juicio" in err

    code, _, err = run(capsys, "sorteo", "--todos", "--data-dir", str(oficina))
    assert code == 2 and "No hay títulos" in err

    with pytest.raises(SystemExit) as exc:
        main(["documento", "--data-dir", str(oficina)])
    assert exc.value.code == 2


def test_document_types_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "documento", "--lista")
    tipos = [ln.split("\t")[0] for ln in out.splitlines()]
    assert code == 0 and {"rpv", "opi", "razon-notificacion", "oficio-retencion", "providencia", "acta-embargo",
                          "liquidacion", "aviso-remate", "acta-remate", "razon-archivo", "auto-suspension",
                          "caratula", "indice"} <= set(tipos)


@pytest.mark.slow
def test_demo_builds_a_usable_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--size", "120", "--data-dir", str(tmp_path / "demo"))
    assert code == 0 and "120 títulos, 120 expedientes sorteados" in out
    code, out, _ = run(capsys, "verificar", "0601-2025-00001", "--data-dir", str(tmp_path / "demo"))
    assert code == 0


def test_vencimientos_lists_the_rpv_term(oficina: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.common.paths import DataPaths
    from app.services.bootstrap import abrir

    run(capsys, "importar", str(SAMPLES / "titulos_ejemplo.csv"), "--data-dir", str(oficina))
    run(capsys, "sorteo", "--todos", "--semilla", "abc", "--fecha", "22/12/2025", "--data-dir", str(oficina))
    code, _, err = run(capsys, "documento", "rpv", "0601-2025-00003", "--out", str(tmp_path / "rpv.docx"),
                       "--fecha", "23/12/2025", "--data-dir", str(oficina))
    assert code == 0, err
    srv = abrir(DataPaths(oficina))
    try:
        srv.notificaciones.registrar("0601-2025-00003", intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                     direccion="Riobamba",
                                     fecha_hora=datetime(2026, 1, 5, 10, tzinfo=ZoneInfo("America/Guayaquil")))
    finally:
        srv.close()
    code, out, _ = run(capsys, "vencimientos", "--fecha", "07/01/2026", "--alcance", "todos",
                       "--data-dir", str(oficina))
    assert code == 0
    # RPV: 10 días (término) from its notification on Mon 05/01/2026: runs to Mon 19/01/2026.
    assert any("0601-2025-00003" in ln and "19/01/2026" in ln for ln in out.splitlines()), out
    code, _, err = run(capsys, "vencimientos", "--secretario", "1234567890", "--data-dir", str(oficina))
    assert code == 2 and err.startswith("error:")


def test_convenios_resumes_a_juicio_whose_instalment_went_unpaid(
    oficina: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date
    from decimal import Decimal

    from app.common.paths import DataPaths
    from app.services.bootstrap import abrir

    run(capsys, "importar", str(SAMPLES / "titulos_ejemplo.csv"), "--data-dir", str(oficina))
    run(capsys, "sorteo", "--todos", "--semilla", "abc", "--fecha", "22/12/2025", "--data-dir", str(oficina))
    srv = abrir(DataPaths(oficina))
    try:
        srv.liquidacion.agregar_tasa(date(2023, 1, 1), Decimal("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
        srv.convenios.crear("0601-2025-00005", date(2026, 1, 13), 3, tasa_anual=Decimal("0"))
    finally:
        srv.close()
    code, out, _ = run(capsys, "convenios", "--fecha", "10/02/2026", "--data-dir", str(oficina))
    assert code == 0 and out.startswith("0 acuerdos de pago incumplidos")  # first instalment not due yet
    code, out, _ = run(capsys, "convenios", "--fecha", "14/02/2026", "--data-dir", str(oficina))
    assert code == 0
    assert out.splitlines()[0].startswith("0601-2025-00005\tcuota 1 vencida el 13/02/2026 e impaga\tvuelve a Sorteado")
