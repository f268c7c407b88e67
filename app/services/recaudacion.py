"""Import of the national monthly recovery table (domain.md §6) and its months for the dashboard.

``importar`` reads a CSV, TSV or XLSX (first sheet), checks it with :func:`app.domain.recaudacion.leer_tabla`
and stores it all or nothing (``RecaudacionImportacion`` + one ``RecaudacionFila`` per month, adjustment and
TOTAL row). A table that does not add up raises :class:`~app.common.errors.ImportRejected` naming each row.
Importing a corrected table later is a new import: for each month the newest import is the one shown.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from app.common.errors import ImportRejected, ValidationError
from app.domain.celdas import Celda
from app.domain.permisos import Permiso
from app.domain.recaudacion import ORDEN, TablaRecaudacion, TipoFila, clave_de_columna, leer_tabla
from app.services.context import Contexto
from app.services.importacion import decodificar
from app.storage.models_recaudacion import RecaudacionFila, RecaudacionImportacion

EXTENSIONES = frozenset({".csv", ".tsv", ".txt", ".xlsx", ".xlsm"})
_DELIMITADORES = ("\t", ";", ",", "|")


@dataclass(frozen=True, slots=True)
class ResultadoRecaudacion:
    """An imported table: its months (first day of each), the column sums of months + adjustments (USD, keys
    of :data:`app.domain.recaudacion.ORDEN`), the adjustment rows (label, total) and the indicator codes."""

    importacion_id: str
    archivo: str
    meses: tuple[date, ...]
    totales: dict[str, Decimal]
    ajustes: tuple[tuple[str, Decimal], ...]
    codigos: dict[str, str]


@dataclass(frozen=True, slots=True)
class MesNacional:
    """One month (or adjustment) of the national table as last imported (USD by column key)."""

    mes: date | None
    tipo: TipoFila
    etiqueta: str
    valores: dict[str, Decimal]


def leer_celdas(path: Path) -> list[tuple[int, Sequence[Celda]]]:
    """The rows of a CSV/TSV (separator detected: tab, ``;``, ``,`` or ``|``; UTF-8 or Windows-1252) or of the
    first sheet of an XLSX, as ``(line, cells)``.

    Raises:
        ValidationError: missing, unreadable or unsupported file (Spanish message).
    """
    if path.suffix.lower() not in EXTENSIONES:
        raise ValidationError(f"«{path.name}» no es CSV, TSV ni XLSX: exporte la tabla en uno de esos formatos.")
    try:
        datos = path.read_bytes()
    except FileNotFoundError as exc:
        raise ValidationError(f"No se encontró el archivo «{path}».") from exc
    except OSError as exc:
        raise ValidationError(f"No se pudo leer «{path.name}»: {exc.strerror or exc}.") from exc
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _leer_xlsx(path.name, datos)
    texto = decodificar(datos)
    delim = _delimitador(texto)
    try:
        return [(n, fila) for n, fila in enumerate(csv.reader(io.StringIO(texto, newline=""), delimiter=delim), 1)]
    except csv.Error as exc:
        raise ValidationError(f"«{path.name}» está mal formado: {exc}. Revise las comillas.") from exc


def _delimitador(texto: str) -> str:
    """The separator that splits some line of the first 15 into the most known columns."""
    mejor, puntos = ";", 0
    for linea in texto.splitlines()[:15]:
        for d in _DELIMITADORES:
            celdas = next(csv.reader([linea], delimiter=d), [])
            n = len({k for k in map(clave_de_columna, celdas) if k})
            if n > puntos:
                mejor, puntos = d, n
    return mejor


def _leer_xlsx(nombre: str, datos: bytes) -> list[tuple[int, Sequence[Celda]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(io.BytesIO(datos), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError(f"«{nombre}» no es un libro de Excel (.xlsx) válido o está dañado.") from exc
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()
        return [(n, [v if v is None or isinstance(v, str | int | float | Decimal | date) else str(v) for v in fila])
                for n, fila in enumerate(ws.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()


class RecaudacionService:
    """The national recovery table: import and read back."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def revisar(self, path: Path, anio: int | None = None) -> TablaRecaudacion:
        """Read and check ``path`` without storing anything (``problemas`` empty when it may be imported).

        Raises:
            ValidationError: unreadable file.
        """
        return leer_tabla(leer_celdas(path), path.name, anio)

    def importar(self, path: Path, anio: int | None = None) -> ResultadoRecaudacion:
        """Import the table in ``path`` (all or nothing); ``anio`` for month labels without a year.

        Raises:
            PermissionDenied: only who imports títulos (the jefe) imports it.
            ImportRejected: a row that does not add up, a TOTAL that does not match, a bad cell (each named).
            ValidationError: unreadable file.
        """
        self.ctx.exigir(Permiso.TITULOS_IMPORTAR)  # the jefe imports, as he imports títulos
        tabla = self.revisar(path, anio)
        if tabla.problemas:
            raise ImportRejected(path.name, tabla.problemas)
        meses = [f.mes for f in tabla.meses if f.mes is not None]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.ctx.tx("importar tabla nacional de recaudación") as s:
            imp = RecaudacionImportacion(
                office_id=self.ctx.office_id, archivo=path.name[:300], sha256=sha, desde=min(meses),
                hasta=max(meses), meses=len(meses), codigos=dict(tabla.codigos))
            s.add(imp)
            s.flush()
            for f in tabla.filas:
                s.add(RecaudacionFila(office_id=self.ctx.office_id, importacion_id=imp.id, tipo=f.tipo.value,
                                      mes=f.mes, etiqueta=f.etiqueta[:120], linea=f.linea, **f.valores))
            s.flush()
            imp_id = str(imp.id)
        return ResultadoRecaudacion(
            imp_id, path.name, tuple(meses), tabla.suma(),
            tuple((f.etiqueta, f.valores["total"]) for f in tabla.ajustes), dict(tabla.codigos))

    def meses(self, desde: date | None = None, hasta: date | None = None) -> list[MesNacional]:
        """The months (newest import of each) in [desde, hasta] in order, then the adjustment rows of the imports
        that cover the range (shown apart, never spread over the months)."""
        oid = self.ctx.office_id
        with self.ctx.read() as s:
            ultima = (select(RecaudacionFila.mes, func.max(RecaudacionFila.created_at).label("c"))
                      .where(RecaudacionFila.office_id == oid, RecaudacionFila.tipo == TipoFila.MES.value)
                      .group_by(RecaudacionFila.mes).subquery())
            q = (select(RecaudacionFila)
                 .join(ultima, (ultima.c.mes == RecaudacionFila.mes) & (ultima.c.c == RecaudacionFila.created_at))
                 .where(RecaudacionFila.tipo == TipoFila.MES.value).order_by(RecaudacionFila.mes))
            if desde is not None:
                q = q.where(RecaudacionFila.mes >= desde)
            if hasta is not None:
                q = q.where(RecaudacionFila.mes <= hasta)
            filas = list(s.scalars(q))
            imps = {f.importacion_id for f in filas}
            ajustes = list(s.scalars(select(RecaudacionFila).where(
                RecaudacionFila.importacion_id.in_(imps), RecaudacionFila.tipo == TipoFila.AJUSTE.value)
                .order_by(RecaudacionFila.linea))) if imps else []
            return [MesNacional(f.mes, TipoFila(f.tipo), f.etiqueta, {k: getattr(f, k) for k in ORDEN})
                    for f in [*filas, *ajustes]]
