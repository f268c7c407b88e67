"""Títulos de crédito as the Unidad de Cartera sends them: the columns of an import file and the
rules every row must keep (domain.md §2, COA art. 268).

Pure: no files, no database. The import service reads a CSV/XLSX into cells and asks this module
to map the header (:func:`mapear_encabezado`) and to validate each row (:class:`ValidadorTitulos`).
A row is read as the office writes it: Spanish decimals (``1.234,56``), dates ``dd/mm/aaaa``,
accents and stray spaces; spreadsheet cells that are already numbers or dates are accepted too (the cell
readers: :mod:`app.domain.celdas`).

Every problem of a row is reported (not just the first), each as a
:class:`~app.common.errors.RowProblem` with the file line, the column as written in the file's
header, and a Spanish reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from app.common.dates import format_dmy, local_today
from app.common.errors import RowProblem
from app.common.money import CENT, format_usd
from app.common.text import clean_spaces, search_key
from app.domain.celdas import (
    Celda,
    clave_nombre,
    leer_fecha,
    leer_identificacion,
    leer_monto,
    leer_numero_titulo,
    leer_oficina,
    leer_periodo,
    limpiar_nombre,
    texto_celda,
    vacia,
)
from app.domain.identificacion import TipoIdentificacion

T = TypeVar("T")

"""One cell as read from a file: text (CSV, XLSX text cells) or a typed XLSX value."""

FECHA_MINIMA = date(2000, 1, 1)
"""No título or interest date before dollarisation (January 2000): older values would be in sucres."""

LARGO_NOMBRE = 300  # Deudor.nombre
LARGO_CONCEPTO = 300  # TituloCredito.concepto
LARGO_PROVINCIA = 100  # TituloCredito.provincia


@dataclass(frozen=True, slots=True)
class ColumnaTitulo:
    """One column of the import file.

    ``clave`` is the canonical header (Spanish snake_case); ``alias`` are other headers accepted for
    it (compared without case, accents, spaces or punctuation); ``formato`` and ``ejemplo`` document
    it for the user (README table, import dialog).
    """

    clave: str
    descripcion: str
    formato: str
    ejemplo: str
    alias: tuple[str, ...] = ()


COLUMNAS: tuple[ColumnaTitulo, ...] = (
    ColumnaTitulo("numero_titulo", "Número del título de crédito, único en la oficina",
            "texto, hasta 40 caracteres (letras, dígitos, - / . _)", "TC-0601-2025-000123",
            ("numero", "numero_de_titulo", "nro_titulo", "no_titulo", "no_de_titulo", "nro_de_titulo",
             "num_titulo", "titulo", "titulo_credito", "numero_titulo_credito", "titulo_de_credito")),
    ColumnaTitulo("fecha_emision", "Fecha de emisión del título", "dd/mm/aaaa, desde 01/01/2000, no futura",
            "13/05/2025", ("fecha", "fecha_de_emision", "emision", "fecha_titulo")),
    ColumnaTitulo("deudor", "Nombre del coactivado: apellidos y nombres, o razón social", "texto, hasta 300 caracteres",
            "Guamán Paredes Luis Alberto",
            ("nombre", "nombres", "nombre_deudor", "coactivado", "razon_social", "deudor_nombre", "empleador")),
    ColumnaTitulo("identificacion", "Cédula (10 dígitos) o RUC (13 dígitos) del deudor, con dígito verificador válido",
            "solo dígitos (se ignoran espacios y guiones)", "0602910945",
            ("cedula_ruc", "ruc_cedula", "cedula", "ruc", "ci_ruc", "ci", "identificacion_deudor",
             "numero_identificacion", "cedula_o_ruc", "ruc_o_cedula")),
    ColumnaTitulo("concepto", "Concepto de la obligación", "texto, hasta 300 caracteres", "Aportes patronales en mora",
            ("concepto_deuda", "detalle", "descripcion")),
    ColumnaTitulo("periodo", "Período (mes) de la obligación", "aaaa-mm o mm/aaaa", "2024-10",
            ("periodo_mora", "mes", "periodo_aporte")),
    ColumnaTitulo("capital", "Capital adeudado, USD", "1.234,56 (coma decimal), mayor que cero", "1.234,56",
            ("valor_capital", "capital_usd")),
    ColumnaTitulo("interes", "Intereses hasta la emisión, USD", "1.234,56, cero o más", "98,40",
            ("intereses", "valor_interes", "interes_usd")),
    ColumnaTitulo("recargo", "Recargos y multas, USD", "1.234,56, cero o más", "12,35",
            ("recargos", "multa", "multas", "recargos_multas", "recargo_multa", "valor_recargo")),
    ColumnaTitulo("total", "Total del título: capital + interés + recargo, al centavo", "1.234,56", "1.345,31",
            ("valor_total", "total_usd", "total_titulo", "monto", "monto_total")),
    ColumnaTitulo("interes_desde", "Fecha desde la que corren los intereses", "dd/mm/aaaa, no posterior a la emisión",
            "16/11/2024", ("fecha_interes", "fecha_interes_desde", "intereses_desde", "interes_desde_fecha",
                           "fecha_intereses")),
    ColumnaTitulo("provincia", "Provincia de la oficina que emite", "texto", "Chimborazo", ("provincia_oficina",)),
    ColumnaTitulo("oficina", "Código de la oficina (unidad de coactiva); debe ser el de esta oficina", "4 dígitos",
            "0601", ("codigo_oficina", "oficina_codigo", "unidad", "codigo_unidad", "cod_oficina")),
)

ENCABEZADOS: tuple[str, ...] = tuple(c.clave for c in COLUMNAS)
"""Canonical header, in file order."""

_ORDEN = {clave: i for i, clave in enumerate(ENCABEZADOS)}
_MONTOS = ("capital", "interes", "recargo", "total")


def normalizar_encabezado(texto: object) -> str:
    """Header text compared without case, accents, spaces or punctuation.

    ``' Número de Título '`` -> ``'numero_de_titulo'``; ``'Cédula/RUC'`` -> ``'cedula_ruc'``.
    """
    s = search_key("" if texto is None else str(texto)).lower().replace("°", "o")
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


_POR_NOMBRE: dict[str, str] = {}
for _c in COLUMNAS:
    for _nombre in (_c.clave, *_c.alias):
        _POR_NOMBRE[normalizar_encabezado(_nombre)] = _c.clave


def clave_de_encabezado(texto: object) -> str | None:
    """The canonical column (``clave``) a header names, or None if it names none."""
    return _POR_NOMBRE.get(normalizar_encabezado(texto))


@dataclass(frozen=True, slots=True)
class Encabezado:
    """The file's header mapped to canonical columns.

    ``indices``: clave -> 0-based position in the row; ``nombres``: clave -> header text as written in
    the file (used in problems so the user finds the column); ``ancho``: number of header cells;
    ``problemas``: missing or repeated columns (line of the header). Rows can only be validated when
    ``problemas`` is empty.
    """

    indices: dict[str, int]
    nombres: dict[str, str]
    ancho: int
    linea: int = 1
    problemas: list[RowProblem] = field(default_factory=list)

    def nombre(self, clave: str) -> str:
        return self.nombres.get(clave, clave)


def mapear_encabezado(celdas: Sequence[Celda], linea: int = 1) -> Encabezado:
    """Map a header row to the canonical columns (:data:`COLUMNAS`).

    Headers are recognised without case, accents or punctuation, and by their aliases; unknown
    columns are ignored (offices add their own notes). Every canonical column is required.

    Returns:
        An :class:`Encabezado`; its ``problemas`` name each missing column and each column given twice.
    """
    indices: dict[str, int] = {}
    nombres: dict[str, str] = {}
    problemas: list[RowProblem] = []
    ancho = len(celdas)
    while ancho and vacia(celdas[ancho - 1]):
        ancho -= 1
    for i, celda in enumerate(celdas[:ancho]):
        texto = clean_spaces("" if celda is None else str(celda))
        clave = clave_de_encabezado(texto)
        if clave is None:
            continue
        if clave in indices:
            problemas.append(RowProblem(linea, texto, f"la columna repite «{nombres[clave]}» (columna {i + 1})"))
            continue
        indices[clave] = i
        nombres[clave] = texto
    for c in COLUMNAS:
        if c.clave not in indices:
            problemas.append(RowProblem(linea, c.clave, f"falta la columna «{c.clave}» ({c.descripcion.lower()})"))
    return Encabezado(indices, nombres, ancho, linea, problemas)


@dataclass(frozen=True, slots=True)
class FilaTitulo:
    """One validated título, ready to be stored.

    Amounts are USD ``Decimal`` with two places; ``identificacion`` is compacted (digits only);
    ``deudor`` is the cleaned name in uppercase (as the Registro Civil and the SRI write it);
    ``periodo`` is ``YYYY-MM``; ``linea`` is the file line it came from.
    """

    linea: int
    numero: str
    fecha_emision: date
    deudor: str
    identificacion: str
    tipo_identificacion: TipoIdentificacion
    concepto: str
    periodo: str
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    total: Decimal
    interes_desde: date
    provincia: str
    oficina: str


def validar_fila(
    valores: Mapping[str, Celda], linea: int, oficina: str, hoy: date | None = None,
    nombres: Mapping[str, str] | None = None,
) -> tuple[FilaTitulo | None, list[RowProblem]]:
    """Validate one row of a título file, keyed by canonical column (:data:`ENCABEZADOS`).

    Rules (COA art. 268: a título states number, debtor and identification, concept and period,
    itemised amounts, interest-from date, total and issue date):

    - ``numero_titulo``: present, at most 40 characters of letters, digits and ``-/._``;
    - ``fecha_emision``: a real date, not in the future (after ``hoy``) and not before 01/01/2000;
    - ``deudor``: present, at most 300 characters;
    - ``identificacion``: cédula or RUC with valid check digits;
    - ``concepto``, ``provincia``: present;
    - ``periodo``: a month (``2024-10`` or ``10/2024``), not later than the month of issue;
    - ``capital`` > 0; ``interes``, ``recargo``, ``total`` >= 0; at most two decimals;
    - ``total`` == ``capital + interes + recargo`` to the cent;
    - ``interes_desde``: a real date, not before 01/01/2000 and not after ``fecha_emision``;
    - ``oficina``: equals ``oficina`` (the current office's code).

    Args:
        valores: clave -> cell (missing keys count as empty cells).
        linea: file line of the row (1-based, header = line 1), used in the problems.
        oficina: code of the office importing (e.g. ``'0601'``).
        hoy: today's date (default: today in America/Guayaquil).
        nombres: clave -> header text as written in the file (problems name the user's column).

    Returns:
        ``(fila, [])`` when the row is valid, else ``(None, problems)`` with *every* problem of the row.
    """
    hoy = hoy or local_today()
    nombres = nombres or {}
    problemas: list[RowProblem] = []

    def mal(clave: str, razon: str) -> None:
        problemas.append(RowProblem(linea, nombres.get(clave, clave), razon))

    def leer(clave: str, lector: Callable[[Celda], T]) -> T | None:
        try:
            return lector(valores.get(clave))
        except ValueError as exc:
            mal(clave, str(exc))
            return None

    numero = leer("numero_titulo", leer_numero_titulo)
    emision = leer("fecha_emision", leer_fecha)
    identificacion = leer("identificacion", leer_identificacion)
    periodo = leer("periodo", leer_periodo)
    desde = leer("interes_desde", leer_fecha)
    capital, interes, recargo, total = (leer(k, leer_monto) for k in _MONTOS)

    deudor = limpiar_nombre(valores.get("deudor"))
    if not deudor:
        mal("deudor", "falta el nombre del deudor")
    elif len(deudor) > LARGO_NOMBRE:
        mal("deudor", f"el nombre tiene {len(deudor)} caracteres; el máximo es {LARGO_NOMBRE}")
    concepto = texto_celda(valores.get("concepto"))
    if not concepto:
        mal("concepto", "falta el concepto de la obligación")
    elif len(concepto) > LARGO_CONCEPTO:
        mal("concepto", f"el concepto tiene {len(concepto)} caracteres; el máximo es {LARGO_CONCEPTO}")
    provincia = texto_celda(valores.get("provincia"))
    if not provincia:
        mal("provincia", "falta la provincia")
    elif len(provincia) > LARGO_PROVINCIA:
        mal("provincia", f"la provincia tiene {len(provincia)} caracteres; el máximo es {LARGO_PROVINCIA}")
    codigo = leer_oficina(valores.get("oficina"), len(oficina))
    if not codigo:
        mal("oficina", f"falta el código de la oficina (esta oficina es {oficina})")
    elif codigo != oficina:
        mal("oficina", f"el título es de la oficina {codigo}; solo se importan títulos de esta oficina ({oficina})")

    if emision is not None:
        if emision > hoy:
            mal("fecha_emision", f"la fecha de emisión {format_dmy(emision)} es futura")
        elif emision < FECHA_MINIMA:
            mal("fecha_emision", f"la fecha de emisión {format_dmy(emision)} es anterior a {format_dmy(FECHA_MINIMA)}")
    if desde is not None:
        if desde > hoy:
            mal("interes_desde", f"la fecha {format_dmy(desde)} es futura")
        elif desde < FECHA_MINIMA:
            mal("interes_desde", f"la fecha {format_dmy(desde)} es anterior a {format_dmy(FECHA_MINIMA)}")
        elif emision is not None and desde > emision:
            mal("interes_desde",
                f"los intereses no pueden correr desde {format_dmy(desde)}, después de la emisión "
                f"({format_dmy(emision)})")
    if periodo is not None and emision is not None and periodo > f"{emision.year:04d}-{emision.month:02d}":
        mal("periodo", f"el período {periodo} es posterior a la fecha de emisión ({format_dmy(emision)})")

    for clave, valor in zip(_MONTOS, (capital, interes, recargo, total), strict=True):
        if valor is not None and valor < 0:
            mal(clave, f"el valor {format_usd(valor)} es negativo")
    if capital is not None and capital == 0:
        mal("capital", "el capital debe ser mayor que cero")
    if capital is not None and interes is not None and recargo is not None and total is not None:
        suma = capital + interes + recargo
        if abs(total - suma) >= CENT:
            mal("total",
                f"el total {format_usd(total)} no es la suma de capital + interés + recargo "
                f"({format_usd(suma)}); diferencia {format_usd(total - suma)}")

    problemas.sort(key=lambda p: _orden(nombres, p.column))
    if (problemas or numero is None or emision is None or identificacion is None or periodo is None
            or desde is None or capital is None or interes is None or recargo is None or total is None):
        return None, problemas
    return FilaTitulo(
        linea=linea, numero=numero, fecha_emision=emision, deudor=deudor, identificacion=identificacion[0],
        tipo_identificacion=identificacion[1], concepto=concepto, periodo=periodo, capital=capital,
        interes=interes, recargo=recargo, total=total, interes_desde=desde, provincia=provincia, oficina=codigo,
    ), []


class ValidadorTitulos:
    """Validates the rows of one file in order, with the rules that span rows:

    - a título number already given on an earlier line is a problem on the later line;
    - one identificación with two different names (compared without case, accents, punctuation)
      is a problem on the later line: the same cédula/RUC is the same debtor.

    Usage: ``v = ValidadorTitulos(mapear_encabezado(header), '0601')`` then
    ``fila, problemas = v.validar(linea, celdas)`` for each non-empty row.
    """

    def __init__(self, encabezado: Encabezado, oficina: str, hoy: date | None = None) -> None:
        if encabezado.problemas:
            raise ValueError("the header has problems; rows cannot be validated")
        self.encabezado = encabezado
        self.oficina = oficina
        self.hoy = hoy or local_today()
        self._numeros: dict[str, int] = {}
        self._nombres: dict[str, tuple[str, str, int]] = {}  # identificacion -> (clave, nombre, línea)

    def validar(self, linea: int, celdas: Sequence[Celda]) -> tuple[FilaTitulo | None, list[RowProblem]]:
        """Validate the row at file line ``linea``; returns ``(fila, [])`` or ``(None, every problem)``."""
        enc = self.encabezado
        problemas: list[RowProblem] = []
        ancho = len(celdas)
        while ancho > enc.ancho and vacia(celdas[ancho - 1]):
            ancho -= 1
        if ancho > enc.ancho:
            problemas.append(RowProblem(
                linea, "(fila)",
                f"la fila tiene {ancho} valores y el encabezado {enc.ancho}; si el separador es la coma, "
                "encierre entre comillas los valores con coma decimal (\"1.234,56\") o use punto y coma"))
        valores = {clave: (celdas[i] if i < len(celdas) else None) for clave, i in enc.indices.items()}
        fila, propios = validar_fila(valores, linea, self.oficina, self.hoy, enc.nombres)
        problemas.extend(propios)

        numero = fila.numero if fila else _numero_o_nada(valores.get("numero_titulo"))
        if numero:
            anterior = self._numeros.get(numero)
            if anterior is not None:
                problemas.append(RowProblem(linea, enc.nombre("numero_titulo"),
                                            f"el título {numero} ya aparece en la línea {anterior}"))
            else:
                self._numeros[numero] = linea
        if fila is not None:
            clave = clave_nombre(fila.deudor)
            previo = self._nombres.get(fila.identificacion)
            if previo is None:
                self._nombres[fila.identificacion] = (clave, fila.deudor, linea)
            elif previo[0] != clave:
                problemas.append(RowProblem(
                    linea, enc.nombre("deudor"),
                    f"la identificación {fila.identificacion} aparece en la línea {previo[2]} con otro nombre "
                    f"(«{previo[1]}»)"))
        if problemas:
            problemas.sort(key=lambda p: -1 if p.column == "(fila)" else _orden(enc.nombres, p.column))
            return None, problemas
        return fila, []


def _orden(nombres: Mapping[str, str], columna: str) -> int:
    for clave, nombre in nombres.items():
        if nombre == columna:
            return _ORDEN[clave]
    return _ORDEN.get(columna, len(_ORDEN))


def _numero_o_nada(c: Celda) -> str:
    try:
        return leer_numero_titulo(c)
    except ValueError:
        return ""
