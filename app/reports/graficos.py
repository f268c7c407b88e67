"""The dashboard's charts as matplotlib Figures (object API: no pyplot, no global state), from plain data.

Each builder returns a :class:`Grafico`: the Figure, its title, and the same figures as a table (columns and
rows of plain values: str, int, Decimal USD) for the table view and the XLSX export. Every clickable bar
carries a ``gid`` (``"etapa:RPV"``, ``"mes:2025-03:CONVENIO"``, ``"asignado:<id>"``…) that
:meth:`app.services.tablero.TableroService.expedientes` turns into the list of expedientes behind it.
Labels are Spanish; amounts are shown in Ecuadorian format (``12.742.937,65``; axes ``1,2 M``, ``350 mil``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from app.common.money import format_usd

TAMANO = (6.4, 3.5)  # inches at 100 dpi: half of a 1366-pixel-wide screen
COLORES = ("#1f5f8b", "#e08a2e", "#3b9c5a", "#8c5aa8", "#c4453c", "#6b7b8c")
GRIS = "#b8c4cf"
LETRA = 8
MESES_CORTOS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


@dataclass
class Grafico:
    """A chart: ``clave`` (stable id), ``titulo``, the Figure, its table (``columnas``, ``filas``) and ``nota``
    (why it is empty, or what it leaves out)."""

    clave: str
    titulo: str
    figura: Figure
    columnas: tuple[str, ...]
    filas: list[tuple[Any, ...]] = field(default_factory=list)
    nota: str = ""
    nota_en_figura: bool = False  # the Figure already shows ``nota`` (the view need not repeat it)
    vacio: bool = False  # nothing to plot: a view may give it less room

    def series(self) -> list[str]:
        """Labels of the plotted series (legend entries), for checks."""
        return [t.get_text() for ax in self.figura.axes if ax.get_legend() for t in ax.get_legend().get_texts()]

    def barras(self) -> dict[str, tuple[float, float, float, float]]:
        """Each clickable bar by its key: its extent in data coordinates (x0, y0, x1, y1), for checks."""
        out = {}
        for ax in self.figura.axes:
            for col in ax.collections:
                for clave, path in zip(getattr(col, "claves", ()), col.get_paths(), strict=False):
                    if clave:
                        e = path.get_extents()
                        out[clave] = (e.x0, e.y0, e.x1, e.y1)
        return out


def compacto(v: float) -> str:
    """An axis amount: ``950`` -> ``'950'``, ``350000`` -> ``'350 mil'``, ``1250000`` -> ``'1,2 M'``."""
    a = abs(v)
    if a >= 1_000_000:
        return f"{v / 1_000_000:,.1f} M".replace(".", ",")
    if a >= 1_000:
        k = v / 1_000
        texto = f"{k:,.0f}" if a >= 100_000 or k == int(k) else f"{k:,.1f}"
        return texto.replace(",", "_").replace(".", ",").replace("_", ".") + " mil"
    return f"{v:,.0f}".replace(",", ".")


def etiqueta_mes(m: str, con_anio: bool) -> str:
    """``'2025-01'`` -> ``'ene\\n2025'`` (with the year) or ``'ene'``."""
    anio, mes = m.split("-")
    corto = MESES_CORTOS[int(mes) - 1]
    return f"{corto}\n{anio}" if con_anio else corto


def mes_texto(m: str) -> str:
    """``'2025-01'`` -> ``'ene 2025'`` (table rows)."""
    return etiqueta_mes(m, True).replace("\n", " ")


def miles(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def corto(texto: str, n: int = 26) -> str:
    return texto if len(texto) <= n else texto[: n - 1] + "…"


def _figura() -> Figure:
    # Fixed margins per chart instead of a layout engine: constrained layout measured every text twice and was
    # over half the drawing time of the dashboard (bench/bench_tablero.py).
    fig = Figure(figsize=TAMANO, dpi=100)
    fig.set_facecolor("white")
    return fig


#: (left, right, top, bottom) as fractions of the figure, per chart shape.
MARGENES = {
    "meses": (0.1, 0.98, 0.88, 0.15),
    "meses2": (0.1, 0.9, 0.88, 0.2),
    "etapas": (0.27, 0.97, 0.88, 0.14),
    "columnas": (0.13, 0.98, 0.88, 0.12),
    "nombres": (0.32, 0.97, 0.88, 0.2),
    "bienes": (0.32, 0.97, 0.88, 0.27),
    "vacio": (0.02, 0.98, 0.88, 0.02),
}


def _ejes(fig: Figure, titulo: str, forma: str = "meses") -> Any:
    left, right, top, bottom = MARGENES[forma]
    fig.subplots_adjust(left=left, right=right, top=top, bottom=bottom)
    fig.text(0.012, 0.975, titulo, ha="left", va="top", fontsize=LETRA + 2, fontweight="bold")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=LETRA)
    for lado in ("top", "right"):
        ax.spines[lado].set_visible(False)
    return ax


def _barras(ax: Any, pos: Sequence[float], largo: Sequence[float], grosor: float, color: Any,
            etiqueta: str | None = None, claves: Sequence[str | None] | None = None,
            base: Sequence[float] | None = None, horizontal: bool = False) -> PolyCollection:
    """One series of bars as one collection: bar ``i`` at ``pos[i]`` (center), ``largo[i]`` long from ``base[i]``
    (default 0), ``grosor`` wide. One artist instead of a Rectangle per bar: a 24-month chart of four series drew
    96 patches, the larger part of its drawing time (bench/bench_tablero.py). ``claves``: each bar's drill-down
    key (None: not clickable), read back by the view's pick handler from the collection's ``claves``."""
    base = base or [0.0] * len(pos)
    m = grosor / 2
    verts = []
    for p, n, b in zip(pos, largo, base, strict=True):
        x0, x1, y0, y1 = (b, b + n, p - m, p + m) if horizontal else (p - m, p + m, b, b + n)
        verts.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    col = PolyCollection(verts, facecolors=color, edgecolors="none", label=etiqueta)
    col.claves = list(claves or [])  # type: ignore[attr-defined]
    if claves:
        col.set_picker(True)
    # The value axis starts at zero with no margin below it (as Axes.bar does with its sticky edges).
    (col.sticky_edges.x if horizontal else col.sticky_edges.y).append(0)
    ax.add_collection(col)
    return col


def _usd_eje(ax: Any, eje: str = "y") -> None:
    fmt = FuncFormatter(lambda v, _p: compacto(v))
    (ax.yaxis if eje == "y" else ax.xaxis).set_major_formatter(fmt)


def _meses_eje(ax: Any, meses: Sequence[str]) -> None:
    paso = 1 if len(meses) <= 13 else 2
    pos = list(range(0, len(meses), paso))
    etiquetas, anterior = [], ""
    for i in pos:  # the year under the first tick of each year
        etiquetas.append(etiqueta_mes(meses[i], meses[i][:4] != anterior))
        anterior = meses[i][:4]
    ax.set_xticks(pos, etiquetas, fontsize=LETRA - 0.5)
    ax.set_xlim(-0.6, len(meses) - 0.4)


def sin_datos(clave: str, titulo: str, mensaje: str) -> Grafico:
    """An empty chart that says why (e.g. a module not yet in this version)."""
    fig = _figura()
    ax = _ejes(fig, titulo, "vacio")
    ax.set_axis_off()
    ax.text(0.5, 0.5, mensaje, ha="center", va="center", fontsize=LETRA + 1, color="#555", wrap=True,
            transform=ax.transAxes)
    return Grafico(clave, titulo, fig, ("Estado",), [(mensaje,)], nota=mensaje, nota_en_figura=True,
                   vacio=True)


def recaudacion_mensual(meses: Sequence[str], series: Sequence[tuple[str, str, Sequence[Decimal]]]) -> Grafico:
    """Recovered per month (USD) stacked by state of the portfolio. ``series``: (key, label, amount per month)."""
    titulo = "Recaudación mensual por estado de la cartera (USD)"
    fig = _figura()
    ax = _ejes(fig, titulo)
    base = [0.0] * len(meses)
    x = list(range(len(meses)))
    for i, (clave, etiqueta, valores) in enumerate(series):
        alto = [float(v) for v in valores]
        _barras(ax, x, alto, 0.75, COLORES[i % len(COLORES)], etiqueta, [f"mes:{m}:{clave}" for m in meses],
                base=base)
        base = [a + b for a, b in zip(base, alto, strict=True)]
    _meses_eje(ax, meses)
    _usd_eje(ax)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=LETRA - 0.5, ncols=2, loc="upper left", frameon=False)
    ax.set_ylim(0, (max(base, default=0) or 1) * 1.3)  # room for the legend above the bars
    filas = [(mes_texto(m), *(v[i] for _c, _e, v in series), sum((v[i] for _c, _e, v in series), Decimal(0)))
             for i, m in enumerate(meses)]
    return Grafico("recaudacion", titulo, fig, ("Mes", *(e for _c, e, _v in series), "Total"), filas)


def nacional_vs_foja(meses: Sequence[str], nacional: Sequence[Decimal | None], foja: Sequence[Decimal],
                     ajustes: Sequence[tuple[str, Decimal]], columna: str = "Títulos de crédito") -> Grafico:
    """The national table's «títulos de crédito» column per month (bars, left axis) beside what this office
    recovered (line, right axis), USD; the national adjustment rows are listed apart, never spread over months."""
    titulo = "Recaudación nacional y de la oficina (USD)"
    fig = _figura()
    ax = _ejes(fig, titulo, "meses2")
    x = list(range(len(meses)))
    _barras(ax, x, [float(v or 0) for v in nacional], 0.75, GRIS, f"{columna} (tabla nacional, eje izq.)",
            [f"mes:{m}" for m in meses])
    ax2 = ax.twinx()
    ax2.plot(x, [float(v) for v in foja], color=COLORES[0], marker="o", markersize=3, linewidth=1.8,
             label="Recuperado por la oficina (eje der.)")
    ax2.tick_params(labelsize=LETRA)
    ax2.spines["top"].set_visible(False)
    _usd_eje(ax)
    _usd_eje(ax2)
    _meses_eje(ax, meses)
    ax.grid(axis="y", alpha=0.3)
    alto = max((float(v or 0) for v in nacional), default=0)
    ax.set_ylim(0, (alto or 1) * 1.35)
    ax2.set_ylim(0, (max((float(v) for v in foja), default=0) or 1) * 1.35)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, fontsize=LETRA - 0.5, loc="upper left", frameon=False, ncols=1)
    nota = ""
    if not any(v is not None for v in nacional):
        nota = "Sin tabla nacional para el período: impórtela con «Importar tabla nacional…» del tablero."
    elif ajustes:
        nota = "Ajustes de la tabla nacional (aparte): " + "; ".join(f"{e}: {format_usd(v)}" for e, v in ajustes)
    if nota:
        fig.text(0.5, 0.01, corto(nota, 110), ha="center", va="bottom", fontsize=LETRA - 1, color="#444")
    filas: list[tuple[Any, ...]] = [(mes_texto(m), n, f) for m, n, f in zip(meses, nacional, foja, strict=True)]
    filas += [(e, v, None) for e, v in ajustes]
    return Grafico("nacional", titulo, fig, ("Mes", f"{columna} (nacional)", "Recuperado por la oficina"), filas,
                   nota=nota, nota_en_figura=bool(nota))


def embudo(etapas: Sequence[tuple[str, str, int, Decimal]]) -> Grafico:
    """Juicios per stage in procedure order (a funnel), with their cuantía. ``etapas``: (key, label, n, USD)."""
    titulo = "Juicios por etapa (a la fecha)"
    fig = _figura()
    ax = _ejes(fig, titulo, "etapas")
    y = list(range(len(etapas)))
    _barras(ax, y, [n for _k, _e, n, _c in etapas], 0.7, COLORES[0], None, [f"etapa:{k}" for k, *_r in etapas],
            horizontal=True)
    for (_k, _e, n, c), yy in zip(etapas, y, strict=True):
        if n:
            ax.text(n, yy, f" {miles(n)} · USD {compacto(float(c))}", va="center", fontsize=LETRA - 0.5)
    ax.set_yticks(y, [e for _k, e, _n, _c in etapas], fontsize=LETRA)
    ax.invert_yaxis()
    ax.set_xlim(0, max((n for *_x, n, _c in etapas), default=1) * 1.45 or 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: miles(int(v))))
    ax.set_xlabel("Expedientes", fontsize=LETRA)
    filas = [(e, n, c) for _k, e, n, c in etapas]
    return Grafico("etapas", titulo, fig, ("Etapa", "Expedientes", "Cuantía (USD)"), filas)


def antiguedad(bandas: Sequence[tuple[int, str, int, Decimal]]) -> Grafico:
    """Juicios in progress by age since the sorteo. ``bandas``: (index, label, n, USD)."""
    titulo = "Juicios en trámite por antigüedad"
    fig = _figura()
    ax = _ejes(fig, titulo, "columnas")
    x = list(range(len(bandas)))
    _barras(ax, x, [n for _i, _e, n, _c in bandas], 0.65, COLORES[1], None, [f"banda:{i}" for i, *_r in bandas])
    for (_i, _e, n, c), xx in zip(bandas, x, strict=True):
        if n:
            ax.text(xx, n, f"{miles(n)}\nUSD {compacto(float(c))}", ha="center", va="bottom", fontsize=LETRA - 0.5)
    ax.set_xticks(x, [e for _i, e, _n, _c in bandas], fontsize=LETRA)
    ax.set_ylim(0, max((n for *_x, n, _c in bandas), default=1) * 1.3 or 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: miles(int(v))))
    ax.set_ylabel("Expedientes", fontsize=LETRA)
    filas = [(e, n, c) for _i, e, n, c in bandas]
    return Grafico("antiguedad", titulo, fig, ("Antigüedad", "Expedientes", "Cuantía (USD)"), filas)


def secretarios(filas: Sequence[tuple[str, str, Decimal, Decimal, int, int]], maximo: int = 12) -> Grafico:
    """Recovered in the period against the cuantía assigned, per secretario-abogado, and his plazo compliance
    (juicios in progress within the 180-day plazo, C.D. 321). ``filas``: (id, name, assigned USD, recovered USD,
    in progress, plazo vencido), largest assignment first; the chart shows the first ``maximo``."""
    titulo = "Recuperación por secretario-abogado frente a lo asignado"
    fig = _figura()
    ax = _ejes(fig, titulo, "nombres")
    vista = list(filas[:maximo])
    y = list(range(len(vista)))
    _barras(ax, y, [float(a) for _i, _n, a, *_r in vista], 0.75, GRIS, "Asignado (cuantía)",
            [f"asignado:{f[0]}" for f in vista], horizontal=True)
    _barras(ax, y, [float(r) for _i, _n, _a, r, *_x in vista], 0.45, COLORES[2], "Recuperado en el período",
            [f"recuperado:{f[0]}" for f in vista], horizontal=True)
    for (_sid, _n, a, r, tramite, venc), yy in zip(vista, y, strict=True):
        pct = f"{float(r / a * 100):.1f} %".replace(".", ",") if a else "—"
        plazo = f"{(1 - venc / tramite) * 100:.0f} %" if tramite else "—"
        ax.text(float(a), yy, f" {pct} · en plazo {plazo}", va="center", fontsize=LETRA - 1)
    ax.set_yticks(y, [corto(n, 30) for _i, n, *_r in vista], fontsize=LETRA - 0.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max((float(a) for _i, _n, a, *_r in vista), default=1) * 1.55 or 1)
    _usd_eje(ax, "x")
    ax.legend(fontsize=LETRA - 0.5, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, frameon=False)
    nota = f"Se muestran {len(vista)} de {len(filas)} (los de mayor cuantía asignada; todos en la tabla)." \
        if len(filas) > len(vista) else ""
    tabla = [(n, a, r, (r / a * 100).quantize(Decimal("0.1")) if a else None, t, v,
              Decimal((1 - v / t) * 100).quantize(Decimal("0.1")) if t else None)
             for _i, n, a, r, t, v in filas]
    return Grafico("secretarios", titulo, fig, ("Secretario-abogado", "Asignado (USD)", "Recuperado (USD)",
                                                "% recuperado", "En trámite", "Plazo vencido", "% en plazo"),
                   tabla, nota=nota)


def vencidos(filas: Sequence[tuple[str, str, int, int]], maximo: int = 12) -> Grafico:
    """Overdue per secretario-abogado: juicios past the 180-day plazo and open terms past due (most first).
    ``filas``: (id, name, plazos vencidos, términos vencidos)."""
    titulo = "Plazos y términos vencidos por secretario-abogado"
    fig = _figura()
    ax = _ejes(fig, titulo, "nombres")
    orden = sorted(filas, key=lambda f: -(f[2] + f[3]))
    vista = [f for f in orden if f[2] + f[3]][:maximo]
    y = list(range(len(vista)))
    _barras(ax, y, [p for _i, _n, p, _t in vista], 0.7, COLORES[4], "Plazo de 180 días vencido",
            [f"plazo:{f[0]}" for f in vista], horizontal=True)
    _barras(ax, y, [t for _i, _n, _p, t in vista], 0.7, COLORES[1], "Términos vencidos",
            [f"terminos:{f[0]}" for f in vista], base=[p for _i, _n, p, _t in vista], horizontal=True)
    for (_sid, _n, p, t), yy in zip(vista, y, strict=True):
        ax.text(p + t, yy, f" {miles(p + t)}", va="center", fontsize=LETRA - 1)
    ax.set_yticks(y, [corto(n, 30) for _i, n, _p, _t in vista], fontsize=LETRA - 0.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max((p + t for _i, _n, p, t in vista), default=1) * 1.2 or 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: miles(int(v))))
    ax.legend(fontsize=LETRA - 0.5, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, frameon=False)
    if not vista:
        ax.text(0.5, 0.5, "Sin plazos ni términos vencidos.", ha="center", va="center", transform=ax.transAxes,
                fontsize=LETRA + 1, color="#555")
    tabla = [(n, p, t, p + t) for _i, n, p, t in orden]
    return Grafico("vencidos", titulo, fig, ("Secretario-abogado", "Plazo vencido", "Términos vencidos", "Total"),
                   tabla)


def honorarios(filas: Sequence[tuple[str, int, Decimal]]) -> Grafico:
    """Fee requests of the period by where they stand (USD with IVA). ``filas``: (label, requests, USD)."""
    titulo = "Honorarios solicitados, aprobados y pagados en el período (USD)"
    fig = _figura()
    ax = _ejes(fig, titulo, "columnas")
    x = list(range(len(filas)))
    _barras(ax, x, [float(t) for _e, _n, t in filas], 0.6, [COLORES[0], COLORES[2], COLORES[4], COLORES[3]])
    for (_e, n, t), xx in zip(filas, x, strict=True):
        ax.text(xx, float(t), f"USD {format_usd(t)}\n{miles(n)} solicitudes", ha="center", va="bottom",
                fontsize=LETRA - 0.5)
    ax.set_xticks(x, [e for e, _n, _t in filas], fontsize=LETRA)
    alto = max((float(t) for _e, _n, t in filas), default=0)
    ax.set_ylim(0, (alto or 1) * 1.35)
    _usd_eje(ax)
    if not any(n for _e, n, _t in filas):
        ax.text(0.5, 0.5, "Sin solicitudes de honorarios en el período.", ha="center", va="center",
                transform=ax.transAxes, fontsize=LETRA + 1, color="#555")
    return Grafico("honorarios", titulo, fig, ("Estado", "Solicitudes", "Total (USD)"), list(filas))


def bienes(estados: Sequence[str], filas: Sequence[tuple[str, str, Sequence[tuple[str, int]], Decimal, int]],
           maximo: int = 10) -> Grafico:
    """Goods still in the juicios per depositario, stacked by state, with his overdue reports (domain.md §5).
    ``estados``: the state labels, in the order of each row's counts; ``filas``: (depositario key or
    ``"ninguno"``, name, [(state key, goods)], estimated value USD, overdue reports), in display order. The chart
    shows the first ``maximo`` rows; the red «n informes vencidos» after a bar is clickable too."""
    titulo = "Bienes en custodia por depositario y estado"
    fig = _figura()
    ax = _ejes(fig, titulo, "bienes")
    vista = list(filas[:maximo])
    y = list(range(len(vista)))
    base = [0] * len(vista)
    colores = (COLORES[5], COLORES[3], COLORES[0], COLORES[1], COLORES[4])
    for k, etiqueta in enumerate(estados):
        alto = [f[2][k][1] for f in vista]
        if not any(alto):
            continue  # a state no good is in: no legend entry
        _barras(ax, y, alto, 0.65, colores[k % len(colores)], etiqueta,
                [f"bienes:{fila[0]}:{fila[2][k][0]}" if n else None for fila, n in zip(vista, alto, strict=True)],
                base=base, horizontal=True)
        base = [a + b for a, b in zip(base, alto, strict=True)]
    for (clave, _n, _e, valor, vencidos), total, yy in zip(vista, base, y, strict=True):
        ax.text(total, yy, f" {miles(total)} · USD {compacto(float(valor))}", va="center", fontsize=LETRA - 1)
        if vencidos:  # a column of its own at the right: the jefe's alert reads down one edge
            aviso = ax.annotate(f"{miles(vencidos)} {'informe vencido' if vencidos == 1 else 'informes vencidos'}",
                                (1.0, yy), xycoords=("axes fraction", "data"), ha="right", va="center",
                                fontsize=LETRA - 1, color=COLORES[4], fontweight="bold")
            aviso.set_gid(f"informes:{clave}")
            aviso.set_picker(True)
    ax.set_yticks(y, [corto(n, 30) for _c, n, *_r in vista], fontsize=LETRA - 0.5)
    ax.invert_yaxis()
    ax.set_xlim(0, max(base, default=1) * 1.9 or 1)  # room for the value and the overdue reports
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: miles(int(v))))
    ax.set_xlabel("Bienes", fontsize=LETRA)
    if vista:
        ax.legend(fontsize=LETRA - 0.5, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=3, frameon=False)
    else:
        ax.text(0.5, 0.5, "Sin bienes embargados ni en custodia.", ha="center", va="center", transform=ax.transAxes,
                fontsize=LETRA + 1, color="#555")
    nota = f"Se muestran {len(vista)} de {len(filas)} (los de más bienes; todos en la tabla)." \
        if len(filas) > len(vista) else ""
    tabla = [(n, *(c for _k, c in e), sum(c for _k, c in e), v, iv) for _c, n, e, v, iv in filas]
    return Grafico("bienes", titulo, fig, ("Depositario", *estados, "Bienes", "Valor estimado (USD)",
                                           "Informes vencidos"), tabla, nota=nota)
