"""The national monthly recovery table (domain.md §6) as the Dirección Nacional de Recaudación y Gestión de
Cartera publishes it: months as rows; columns total, oportuna, mora and, within mora, planilla en mora,
glosas, títulos de crédito and convenios, each header possibly carrying its indicator code
("NC-DNRGC-DP-7 Monto de recuperación de cartera en estado de título de crédito"); Spanish number format;
adjustment rows ("Ajuste …") and a final TOTAL row.

Pure: the service reads the file into cells and asks :func:`leer_tabla` for the rows and every problem.
Every row must add up (oportuna + mora = total; planilla en mora + glosas + títulos de crédito + convenios =
mora) and the TOTAL row must equal the months plus the adjustments, column by column. A problem names the
file line, the column and both figures, so the jefe can find the row in the national system's export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from app.common.errors import RowProblem
from app.common.money import format_usd
from app.domain.celdas import Celda, leer_monto
from app.domain.titulos import normalizar_encabezado

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class ColumnaRecaudacion:
    clave: str
    etiqueta: str
    palabras: tuple[str, ...]  # normalized fragments a header must contain (all of them)


#: In matching order: the specific ones before "mora" and "total", which other headers may also contain.
COLUMNAS: tuple[ColumnaRecaudacion, ...] = (
    ColumnaRecaudacion("planilla_mora", "Planilla en mora", ("planilla",)),
    ColumnaRecaudacion("glosas", "Glosas", ("glosa",)),
    ColumnaRecaudacion("titulos_credito", "Títulos de crédito", ("titulo",)),
    ColumnaRecaudacion("convenios", "Convenios", ("convenio",)),
    ColumnaRecaudacion("oportuna", "Oportuna", ("oportun",)),
    ColumnaRecaudacion("mora", "Mora", ("mora",)),
    ColumnaRecaudacion("total", "Total", ("total",)),
)
#: Display order (as the national report lists them).
ORDEN: tuple[str, ...] = ("total", "oportuna", "mora", "planilla_mora", "glosas", "titulos_credito", "convenios")
ETIQUETAS: dict[str, str] = {c.clave: c.etiqueta for c in COLUMNAS}
PARTES_MORA: tuple[str, ...] = ("planilla_mora", "glosas", "titulos_credito", "convenios")

MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")
_CODIGO = re.compile(r"\b([A-Z]{2,}(?:-[A-Z0-9]+)*-\d+)\b")
_ANIO = re.compile(r"\b(20\d\d|19\d\d)\b")


class TipoFila(StrEnum):
    MES = "MES"
    AJUSTE = "AJUSTE"
    TOTAL = "TOTAL"


@dataclass(frozen=True, slots=True)
class FilaRecaudacion:
    """One row (USD). ``mes``: first day of the month (MES; an AJUSTE only if its label names a month)."""

    linea: int
    tipo: TipoFila
    etiqueta: str
    mes: date | None
    valores: dict[str, Decimal]


@dataclass
class TablaRecaudacion:
    """What :func:`leer_tabla` read. ``codigos``: column -> indicator code found in its header;
    ``nombres``: column -> header text as written; ``problemas``: empty when the table may be imported."""

    filas: list[FilaRecaudacion] = field(default_factory=list)
    codigos: dict[str, str] = field(default_factory=dict)
    nombres: dict[str, str] = field(default_factory=dict)
    problemas: list[RowProblem] = field(default_factory=list)

    @property
    def meses(self) -> list[FilaRecaudacion]:
        return sorted((f for f in self.filas if f.tipo is TipoFila.MES), key=lambda f: f.mes or date.min)

    @property
    def ajustes(self) -> list[FilaRecaudacion]:
        return [f for f in self.filas if f.tipo is TipoFila.AJUSTE]

    @property
    def total_declarado(self) -> FilaRecaudacion | None:
        return next((f for f in self.filas if f.tipo is TipoFila.TOTAL), None)

    def suma(self, incluir_ajustes: bool = True) -> dict[str, Decimal]:
        """Column sums (USD) of the months, plus the adjustments unless ``incluir_ajustes`` is False."""
        filas = [f for f in self.filas if f.tipo is TipoFila.MES or (incluir_ajustes and f.tipo is TipoFila.AJUSTE)]
        return {c: sum((f.valores[c] for f in filas), CERO) for c in ORDEN}


def clave_de_columna(texto: object) -> str | None:
    """The column a header names (``"NC-DNRGC-DP-7 Monto … título de crédito"`` -> ``titulos_credito``)."""
    n = normalizar_encabezado(texto)
    for c in COLUMNAS:
        if all(p in n for p in c.palabras):
            return c.clave
    return None


def _texto(c: Celda) -> str:
    if c is None:
        return ""
    if isinstance(c, datetime | date):
        return c.strftime("%d/%m/%Y")
    if isinstance(c, float) and c.is_integer():
        return str(int(c))
    return " ".join(str(c).split())


def _anio_en(textos: Iterable[str]) -> int | None:
    for t in textos:
        m = _ANIO.search(t)
        if m:
            return int(m.group(1))
    return None


def leer_mes(celda: Celda, anio: int | None) -> date:
    """The month a row label names: ``"enero"``, ``"Enero 2024"``, ``"ene-2024"``, ``"01/2024"``,
    ``"2024-01"`` or a spreadsheet date; a label without a year takes ``anio``.

    Raises:
        ValueError: not a month, or no year anywhere (Spanish message).
    """
    if isinstance(celda, datetime | date):
        return date(celda.year, celda.month, 1)
    t = _texto(celda)
    n = normalizar_encabezado(t)
    m = re.fullmatch(r"(\d{1,2})_(\d{4})", n) or re.fullmatch(r"(\d{4})_(\d{1,2})", n)
    if m:
        a, b = (int(x) for x in m.groups())
        anio_, mes = (b, a) if a <= 12 and b > 12 else (a, b)
        if 1 <= mes <= 12:
            return date(anio_, mes, 1)
    for i, nombre in enumerate(MESES, start=1):
        if n.startswith(nombre[:3]) and nombre.startswith(re.split(r"[_\d]", n)[0] or "#"):
            a2 = _anio_en([t]) or anio
            if a2 is None:
                raise ValueError(f"«{t}» no dice el año: escríbalo (p. ej. «{nombre} 2024») o póngalo en el título")
            return date(a2, i, 1)
    raise ValueError(f"«{t}» no es un mes (use «enero 2024», «01/2024» o «2024-01»)")


def _buscar_encabezado(filas: Sequence[tuple[int, Sequence[Celda]]]) -> int | None:
    """Index (in ``filas``) of the first row naming at least five of the seven columns."""
    for i, (_linea, celdas) in enumerate(filas[:15]):
        if len({k for k in map(clave_de_columna, celdas) if k}) >= 5:
            return i
    return None


def leer_tabla(filas: Sequence[tuple[int, Sequence[Celda]]], nombre_archivo: str = "",
               anio: int | None = None) -> TablaRecaudacion:
    """Read and check the national table from its rows (``(line as the user sees it, cells)``).

    The header is the first row naming at least five of the columns (title lines above it are allowed;
    a year in them, or in ``nombre_archivo``, serves labels like "enero" that carry none; ``anio`` overrides).
    The first column holds the row labels: months, "Ajuste …" rows (kept apart), "TOTAL". Rows with a label
    and no figures (notes, sources) are skipped. Every problem found is listed in ``problemas``.
    """
    out = TablaRecaudacion()
    i = _buscar_encabezado(filas)
    if i is None:
        out.problemas.append(RowProblem(1, "encabezado", "no se encontró la fila de encabezados con las columnas "
                                        "total, oportuna, mora, planilla en mora, glosas, títulos de crédito y "
                                        "convenios"))
        return out
    linea_enc, enc = filas[i]
    indices: dict[str, int] = {}
    for j, celda in enumerate(enc):
        k = clave_de_columna(celda)
        if k is None or j == 0:
            continue
        if k in indices:
            out.problemas.append(RowProblem(linea_enc, _texto(celda), f"la columna «{ETIQUETAS[k]}» está repetida"))
            continue
        indices[k] = j
        out.nombres[k] = _texto(celda)
        m = _CODIGO.search(_texto(celda))
        if m:
            out.codigos[k] = m.group(1)
    for k in ORDEN:
        if k not in indices:
            out.problemas.append(RowProblem(linea_enc, ETIQUETAS[k], "falta la columna"))
    if out.problemas:
        return out
    anio = anio or _anio_en(_texto(c) for _ln, cs in filas[:i] for c in cs) or _anio_en([nombre_archivo])
    vistos: dict[date, int] = {}
    for linea, celdas in filas[i + 1:]:
        etiqueta = _texto(celdas[0]) if celdas else ""
        numeros = [celdas[j] if j < len(celdas) else None for j in indices.values()]
        if all(c is None or not _texto(c) for c in numeros):
            continue
        fila = _leer_fila(out, linea, etiqueta, celdas, indices, anio)
        if fila is None:
            continue
        if fila.tipo is TipoFila.MES and fila.mes is not None:
            if fila.mes in vistos:
                out.problemas.append(RowProblem(linea, out.nombres.get("total", "Mes"),
                                                f"el mes «{etiqueta}» ya está en la línea {vistos[fila.mes]}"))
                continue
            vistos[fila.mes] = linea
        out.filas.append(fila)
    if not out.problemas and not out.meses:
        out.problemas.append(RowProblem(linea_enc + 1, "Mes", "la tabla no tiene meses"))
    if not out.problemas:
        _cuadrar_total(out)
    return out


def _leer_fila(out: TablaRecaudacion, linea: int, etiqueta: str, celdas: Sequence[Celda],
               indices: dict[str, int], anio: int | None) -> FilaRecaudacion | None:
    n = normalizar_encabezado(etiqueta)
    tipo = TipoFila.TOTAL if n.startswith("total") else TipoFila.AJUSTE if n.startswith("ajuste") else TipoFila.MES
    mes: date | None = None
    problemas: list[RowProblem] = []
    if tipo is TipoFila.MES:
        try:
            mes = leer_mes(celdas[0], anio)
        except ValueError as exc:
            problemas.append(RowProblem(linea, "Mes", str(exc)))
    elif tipo is TipoFila.AJUSTE:
        resto = re.sub(r"^ajuste[s]?\s*(de|del|por)?\s*", "", etiqueta, flags=re.IGNORECASE)
        try:
            mes = leer_mes(resto, anio) if resto else None
        except ValueError:
            mes = None  # an adjustment need not name a month ("Ajuste por reclasificación")
    valores: dict[str, Decimal] = {}
    for k, j in indices.items():
        celda = celdas[j] if j < len(celdas) else None
        try:
            valores[k] = CERO if celda is None or not _texto(celda) else leer_monto(celda)
        except ValueError as exc:
            problemas.append(RowProblem(linea, out.nombres[k], str(exc)))
    if problemas:
        out.problemas.extend(problemas)
        return None
    nombre = etiqueta or f"línea {linea}"
    suma = valores["oportuna"] + valores["mora"]
    if suma != valores["total"]:
        out.problemas.append(RowProblem(linea, out.nombres["total"], (
            f"«{nombre}» no cuadra: oportuna {format_usd(valores['oportuna'])} + mora {format_usd(valores['mora'])} "
            f"= {format_usd(suma)}, pero el total dice {format_usd(valores['total'])} "
            f"(diferencia {format_usd(valores['total'] - suma)})")))
    partes = sum((valores[k] for k in PARTES_MORA), CERO)
    if partes != valores["mora"]:
        out.problemas.append(RowProblem(linea, out.nombres["mora"], (
            f"«{nombre}» no cuadra: planilla en mora + glosas + títulos de crédito + convenios = "
            f"{format_usd(partes)}, pero la mora dice {format_usd(valores['mora'])} "
            f"(diferencia {format_usd(valores['mora'] - partes)})")))
    return FilaRecaudacion(linea, tipo, etiqueta, mes, valores)


def _cuadrar_total(out: TablaRecaudacion) -> None:
    totales = [f for f in out.filas if f.tipo is TipoFila.TOTAL]
    if len(totales) > 1:
        out.problemas.append(RowProblem(totales[1].linea, "TOTAL",
                                        f"hay otra fila TOTAL en la línea {totales[0].linea}"))
        return
    if not totales:
        return
    t = totales[0]
    suma = out.suma()
    for k in ORDEN:
        if suma[k] != t.valores[k]:
            out.problemas.append(RowProblem(t.linea, out.nombres[k], (
                f"el TOTAL dice {format_usd(t.valores[k])}, pero los meses y ajustes suman {format_usd(suma[k])} "
                f"(diferencia {format_usd(t.valores[k] - suma[k])})")))
