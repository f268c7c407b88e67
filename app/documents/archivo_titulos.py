"""Reading an import file of títulos (CSV or XLSX) as users really send it (issue 9).

Checked before the whole file is read into memory: its size, that a CSV is text (no NUL bytes, no binary
junk) and has no line longer than :data:`LINEA_MAXIMA` (a huge single field), that an XLSX is a zip whose
contents stay within :data:`XLSX_MAXIMO` unpacked. Then, in an XLSX: formulas saved without their computed value
(a file written by a program that does not calculate) are refused with what to do, and merged cells are
returned so the import can name them. Every refusal is a :class:`~app.common.errors.ValidationError` in Spanish
that names the file.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import iterparse

from app.common.errors import ValidationError
from app.domain.celdas import Celda
from app.domain.titulos import clave_de_encabezado

EXTENSIONES_CSV = frozenset({".csv", ".txt"})
EXTENSIONES_XLSX = frozenset({".xlsx", ".xlsm"})
TAMANO_MAXIMO = 64 * 1024 * 1024  # bytes; 200.000 títulos in CSV take about 40 MB
LINEA_MAXIMA = 64 * 1024  # characters between line breaks; a título row takes under 2.000
XLSX_MAXIMO = 512 * 1024 * 1024  # bytes unpacked (a "zip bomb" is refused before opening)
BLOQUE = 1024 * 1024
_DELIMITADORES = (";", ",", "\t", "|")

Fila = tuple[int, Sequence[Celda]]  # (line as the user sees it, cells)


@dataclass(frozen=True, slots=True)
class Combinada:
    """A merged range of an XLSX sheet: ``ref`` as Excel writes it (``A5:A7``) and its rows."""

    ref: str
    fila_desde: int
    fila_hasta: int


@dataclass(frozen=True, slots=True)
class Hoja:
    """The rows of a file (1-based line numbers) and, for an XLSX, its merged ranges."""

    filas: list[Fila]
    combinadas: list[Combinada] = field(default_factory=list)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB".replace(".", ",")


def leer_bytes(path: Path) -> bytes:
    """The file's bytes, once it passed the checks above.

    Raises:
        ValidationError: wrong extension, missing, unreadable, too big, binary, a huge field, or an XLSX
            that is not a zip or unpacks too big (Spanish, naming the file).
    """
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ValidationError(f"«{path.name}» está en el formato antiguo de Excel (.xls): ábralo y guárdelo como "
                              ".xlsx o como CSV, y vuelva a importarlo.")
    if suffix not in EXTENSIONES_CSV | EXTENSIONES_XLSX:
        raise ValidationError(f"«{path.name}» no es un archivo CSV ni XLSX: importe un archivo .csv o .xlsx.")
    try:
        tamano = path.stat().st_size
        if tamano > TAMANO_MAXIMO:
            raise ValidationError(f"«{path.name}» pesa {_mb(tamano)}; un archivo de títulos pesa a lo más "
                                  f"{_mb(TAMANO_MAXIMO)}. Divídalo en varios archivos o revise que sea el correcto.")
        with path.open("rb") as fh:
            inicio = fh.read(8)
            if suffix in EXTENSIONES_XLSX:
                if not inicio.startswith(b"PK\x03\x04"):
                    raise ValidationError(f"«{path.name}» no es un libro de Excel (.xlsx) válido o está dañado: "
                                          "ábralo en la hoja de cálculo y guárdelo de nuevo.")
            else:
                if inicio.startswith(b"PK\x03\x04"):
                    raise ValidationError(f"«{path.name}» es un libro de Excel con extensión .csv: cámbiele la "
                                          "extensión a .xlsx o guárdelo como «CSV UTF-8».")
                fh.seek(0)
                _revisar_texto(path, fh)
        datos = path.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"No se encontró el archivo «{path}».") from exc
    except OSError as exc:
        raise ValidationError(f"No se pudo leer «{path.name}»: {exc.strerror or exc}.") from exc
    if suffix in EXTENSIONES_XLSX:
        _revisar_zip(path, datos)
    return datos


def _revisar_texto(path: Path, fh: io.BufferedReader) -> None:
    # One pass in blocks: a binary file or a line with a huge field is refused as soon as it shows, without
    # holding more than one block.
    linea, largo, primero = 1, 0, True
    while bloque := fh.read(BLOQUE):
        if b"\x00" in bloque:
            raise ValidationError(f"«{path.name}» no es un CSV de texto (contiene bytes nulos, como un archivo "
                                  "binario): guárdelo desde la hoja de cálculo como «CSV UTF-8» o como .xlsx.")
        if primero:
            muestra = bloque[:65536]
            raros = sum(1 for b in muestra if b < 32 and b not in (9, 10, 13))
            if raros > max(8, len(muestra) // 100):
                raise ValidationError(f"«{path.name}» no es un CSV de texto (tiene caracteres de control, como un "
                                      "archivo binario): guárdelo desde la hoja de cálculo como «CSV UTF-8».")
            primero = False
        inicio = 0
        while (fin := bloque.find(b"\n", inicio)) != -1:
            if largo + fin - inicio > LINEA_MAXIMA:
                raise _linea_enorme(path, linea)
            linea, largo, inicio = linea + 1, 0, fin + 1
        largo += len(bloque) - inicio
        if largo > LINEA_MAXIMA:
            raise _linea_enorme(path, linea)


def _linea_enorme(path: Path, linea: int) -> ValidationError:
    return ValidationError(
        f"La línea {linea} de «{path.name}» tiene más de {LINEA_MAXIMA:,} caracteres sin salto de línea "
        "(un campo enorme, o no es un archivo de títulos): no se leyó el resto del archivo. Revise esa línea "
        "en la hoja de cálculo.".replace(",", "."))


def _revisar_zip(path: Path, datos: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(datos)) as z:
            total = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError(f"«{path.name}» no es un libro de Excel (.xlsx) válido o está dañado: "
                              "ábralo en la hoja de cálculo y guárdelo de nuevo.") from exc
    if total > XLSX_MAXIMO:
        raise ValidationError(f"«{path.name}» ocupa {_mb(total)} al descomprimirse; un libro de títulos ocupa a lo "
                              f"más {_mb(XLSX_MAXIMO)}. Revise que sea el archivo correcto.")


# --- CSV ----------------------------------------------------------------------------------------------------


def decodificar(datos: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), else Windows-1252 (Excel «CSV» on Windows), else Latin-1."""
    try:
        return datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return datos.decode("cp1252")
    except UnicodeDecodeError:
        return datos.decode("latin-1")


def detectar_delimitador(texto: str) -> str:
    """The separator that splits a header into the most known columns (``;`` wins ties, as Excel writes CSV
    in a Spanish locale), looking at the first lines (a title line may come first); csv.Sniffer when no
    candidate finds any column."""
    lineas = [ln for ln in texto.splitlines()[:20] if ln.strip()][:10]
    mejor, puntos = ";", 0
    for d in _DELIMITADORES:
        for linea in lineas:
            celdas = next(csv.reader([linea], delimiter=d), [])
            n = sum(1 for c in celdas if clave_de_encabezado(c))
            if n > puntos:
                mejor, puntos = d, n
    if puntos == 0 and lineas:
        try:
            return csv.Sniffer().sniff(lineas[0], delimiters="".join(_DELIMITADORES)).delimiter
        except csv.Error:
            return ";"
    return mejor


def leer_csv(datos: bytes) -> Hoja:
    texto = decodificar(datos)
    if "\x00" in texto:
        raise ValidationError("El archivo no es un CSV de texto (contiene bytes nulos): "
                              "guárdelo desde la hoja de cálculo como «CSV UTF-8» o como .xlsx.")
    reader = csv.reader(io.StringIO(texto, newline=""), delimiter=detectar_delimitador(texto))
    anterior = 0
    filas: list[Fila] = []
    try:
        for celdas in reader:
            filas.append((anterior + 1, celdas))
            anterior = reader.line_num
    except csv.Error as exc:
        raise ValidationError(f"El CSV está mal formado cerca de la línea {reader.line_num}: {exc}. "
                              "Revise las comillas de esa línea.") from exc
    return Hoja(filas)


# --- XLSX ---------------------------------------------------------------------------------------------------


def _celda_xlsx(v: object) -> Celda:
    if isinstance(v, bool):  # before int: bool is an int
        return str(v)
    if v is None or isinstance(v, str | int | float | Decimal | date):
        return v
    return str(v)  # time, timedelta: not a value of any column; shown as text in the problem


def _filas_de(datos: bytes, data_only: bool) -> tuple[list[list[object]], str | None]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(datos), read_only=True, data_only=data_only)
    try:
        if not wb.worksheets:
            return [], None
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers store a wrong sheet size; read every row
        return [list(r) for r in ws.iter_rows(min_row=1, values_only=True)], getattr(ws, "_worksheet_path", None)
    finally:
        wb.close()


_REF = re.compile(r"^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$")


def _combinadas(datos: bytes, hoja_xml: str | None) -> list[Combinada]:
    if not hoja_xml:
        return []
    out: list[Combinada] = []
    with zipfile.ZipFile(io.BytesIO(datos)) as z, z.open(hoja_xml.lstrip("/")) as fh:
        for _evento, elem in iterparse(fh):
            if elem.tag.endswith("}mergeCell") or elem.tag == "mergeCell":
                m = _REF.match(elem.get("ref", ""))
                if m:
                    desde = int(m.group(2))
                    out.append(Combinada(elem.get("ref", ""), desde, int(m.group(4) or desde)))
            elif elem.tag.endswith("}row"):
                elem.clear()
    return out


def leer_xlsx(path: Path, datos: bytes) -> Hoja:
    """The first sheet's rows and merged ranges.

    Raises:
        ValidationError: not a workbook, or formulas saved without their computed value (names the cells).
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        valores, hoja_xml = _filas_de(datos, data_only=True)
        sin_valor = [(n, i) for n, fila in enumerate(valores, start=1) for i, v in enumerate(fila)
                     if v is None and any(x is not None for x in fila)]
        if sin_valor:
            formulas, _ = _filas_de(datos, data_only=False)
            celdas = [f"{get_column_letter(i + 1)}{n}" for n, i in sin_valor
                      if n <= len(formulas) and i < len(formulas[n - 1])
                      and isinstance(formulas[n - 1][i], str) and formulas[n - 1][i].startswith("=")]
            if celdas:
                lista = ", ".join(celdas[:6]) + (f" y {len(celdas) - 6} más" if len(celdas) > 6 else "")
                raise ValidationError(
                    f"«{path.name}» tiene fórmulas sin su valor calculado (celdas {lista}): lo generó un programa "
                    "que no calcula las fórmulas. Ábralo en Excel o LibreOffice Calc, guárdelo (así se guardan "
                    "los resultados) y vuelva a importarlo.")
        combinadas = _combinadas(datos, hoja_xml)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError(f"«{path.name}» no es un libro de Excel (.xlsx) válido o está dañado: "
                              "ábralo en la hoja de cálculo y guárdelo de nuevo.") from exc
    filas: list[Fila] = [(n, [_celda_xlsx(v) for v in fila]) for n, fila in enumerate(valores, start=1)]
    return Hoja(filas, combinadas)


def leer_hoja(path: Path, datos: bytes) -> Hoja:
    """The rows of ``datos`` (read from ``path``) as a CSV or an XLSX, by extension."""
    if path.suffix.lower() in EXTENSIONES_XLSX:
        return leer_xlsx(path, datos)
    return leer_csv(datos)
