"""Each Figure has the expected series, labels and titles, and tags its bars for the drill-down."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.reports import graficos
from app.reports.tablas import exportar_xlsx

D = Decimal
MESES = ["2025-11", "2025-12", "2026-01"]


def _textos(fig) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_recaudacion_mensual_stacks_the_states() -> None:
    g = graficos.recaudacion_mensual(MESES, [("A", "Juicio en trámite", [D(1), D(2), D(3)]),
                                             ("B", "Acuerdo de pago (APP)", [D(10), D(0), D("0.5")])])
    ax = g.figura.axes[0]
    assert g.figura.texts[0].get_text() == "Recaudación mensual por estado de la cartera (USD)" == g.titulo
    assert g.series() == ["Juicio en trámite", "Acuerdo de pago (APP)"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["nov\n2025", "dic", "ene\n2026"]
    barras = g.barras()
    assert barras["mes:2025-11:B"][1::2] == (1.0, 11.0)  # stacked on A's 1
    assert len(barras) == 6 and ax.collections[0].get_picker()
    assert g.filas[2] == ("ene 2026", D(3), D("0.5"), D("3.5"))
    assert g.columnas == ("Mes", "Juicio en trámite", "Acuerdo de pago (APP)", "Total")


def test_nacional_vs_foja_lists_adjustments_apart() -> None:
    g = graficos.nacional_vs_foja(MESES, [D("150000.00"), None, D("180000.00")], [D(10), D(20), D(30)],
                                  [("Ajuste por reclasificación", D("-122471.11"))])
    assert g.series() == ["Títulos de crédito (tabla nacional, eje izq.)", "Recuperado por la oficina (eje der.)"]
    assert "Ajuste por reclasificación: -122.471,11" in g.nota and g.nota_en_figura
    assert g.filas[-1] == ("Ajuste por reclasificación", D("-122471.11"), None)
    assert list(g.barras()) == ["mes:2025-11", "mes:2025-12", "mes:2026-01"]
    assert g.figura.axes[0].yaxis.get_major_formatter()(150000, 0) == "150 mil"


def test_funnel_ages_secretarios_and_overdue() -> None:
    e = graficos.embudo([("SORTEADO", "Sorteado", 1200, D("2500000")), ("RPV", "Requerimiento de pago", 0, D(0))])
    assert [t.get_text() for t in e.figura.axes[0].get_yticklabels()] == ["Sorteado", "Requerimiento de pago"]
    assert " 1.200 · USD 2,5 M" in _textos(e.figura) and e.figura.axes[0].get_xlabel() == "Expedientes"
    a = graficos.antiguedad([(0, "Hasta 6 meses", 3, D(10)), (1, "6 a 12 meses", 0, D(0))])
    assert list(a.barras()) == ["banda:0", "banda:1"] and a.barras()["banda:0"][3] == 3
    s = graficos.secretarios([(f"id{i}", f"Secretario {i}", D(1000 - i), D(100), 10, 2) for i in range(15)])
    assert s.series() == ["Asignado (cuantía)", "Recuperado en el período"]
    assert len(s.figura.axes[0].get_yticklabels()) == 12 and "12 de 15" in s.nota and len(s.filas) == 15
    assert " 10,0 % · en plazo 80 %" in _textos(s.figura)
    v = graficos.vencidos([("x", "Ana", 2, 3), ("y", "Luis", 0, 0)])
    assert v.series() == ["Plazo de 180 días vencido", "Términos vencidos"]
    assert set(v.barras()) == {"plazo:x", "terminos:x"} and v.barras()["terminos:x"][0::2] == (2, 5)
    assert v.filas == [("Ana", 2, 3, 5), ("Luis", 0, 0, 0)]


def test_a_table_exports_to_xlsx_with_numbers(tmp_path: Path) -> None:
    g = graficos.embudo([("OPI", "Orden de pago inmediato", 7, D("12742937.65"))])
    ruta = exportar_xlsx(g.titulo, g.columnas, g.filas, tmp_path / "t.xlsx")
    ws = load_workbook(ruta).active
    assert ws["A1"].value == "Juicios por etapa (a la fecha)"
    assert [c.value for c in ws[3]] == ["Etapa", "Expedientes", "Cuantía (USD)"]
    assert ws["C4"].value == 12742937.65 and ws["C4"].number_format == "#,##0.00"


def test_figures_save_as_png_and_pdf(tmp_path: Path) -> None:
    g = graficos.sin_datos("bienes", "Bienes en custodia", "Sin datos: aún no.")
    g.figura.savefig(tmp_path / "b.png")
    g.figura.savefig(tmp_path / "b.pdf")
    assert (tmp_path / "b.png").read_bytes()[:4] == b"\x89PNG" and (tmp_path / "b.pdf").read_bytes()[:4] == b"%PDF"


def test_fees_and_goods_figures() -> None:
    h = graficos.honorarios([("Solicitados", 3, D("1234.50")), ("Aprobados", 2, D("800.00")),
                             ("Rechazados", 0, D(0)), ("Pagados", 1, D("400.00"))])
    assert h.titulo == "Honorarios solicitados, aprobados y pagados en el período (USD)" == h.figura.texts[0].get_text()
    assert [t.get_text() for t in h.figura.axes[0].get_xticklabels()] == ["Solicitados", "Aprobados", "Rechazados",
                                                                         "Pagados"]
    assert "USD 1.234,50\n3 solicitudes" in _textos(h.figura)
    vacio = graficos.honorarios([("Solicitados", 0, D(0))])
    assert "Sin solicitudes de honorarios en el período." in _textos(vacio.figura)
    b = graficos.bienes(["Embargado", "En custodia"], [
        ("d1", "Ana", [("EMBARGADO", 0), ("EN_CUSTODIA", 2)], D("1500.00"), 2),
        ("ninguno", "Sin depositario designado", [("EMBARGADO", 1), ("EN_CUSTODIA", 0)], D(0), 0)])
    assert b.series() == ["Embargado", "En custodia"] and b.figura.axes[0].get_xlabel() == "Bienes"
    assert set(b.barras()) == {"bienes:d1:EN_CUSTODIA", "bienes:ninguno:EMBARGADO"}
    assert " 2 · USD 1,5 mil" in _textos(b.figura) and "2 informes vencidos" in _textos(b.figura)
    assert b.filas[0] == ("Ana", 0, 2, 2, D("1500.00"), 2)
    assert "Sin bienes embargados ni en custodia." in _textos(graficos.bienes(["Embargado"], []).figura)
