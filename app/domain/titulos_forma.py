"""The shape of a títulos sheet as offices make it: a title row above the header, a totals row under the table
(issue 9). Pure: the import service asks these before validating rows (:mod:`app.domain.titulos`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.domain.celdas import Celda, vacia
from app.domain.titulos import Encabezado, clave_de_encabezado, normalizar_encabezado

MINIMO_COLUMNAS_ENCABEZADO = 4
FILAS_BUSCADAS = 10


def buscar_encabezado(filas: Sequence[tuple[int, Sequence[Celda]]]) -> int | None:
    """Index in ``filas`` (the file's non-empty rows, in order) of the header row: the first of the first
    :data:`FILAS_BUSCADAS` that names at least :data:`MINIMO_COLUMNAS_ENCABEZADO` known columns. Rows above
    it are titles ("TÍTULOS DE CRÉDITO — ENERO 2025") that offices put on top of the table. None when no row
    qualifies (the first row is then taken as the header, and its missing columns are reported)."""
    for i, (_linea, celdas) in enumerate(filas[:FILAS_BUSCADAS]):
        conocidas = {clave_de_encabezado(c) for c in celdas if not vacia(c)} - {None}
        if len(conocidas) >= MINIMO_COLUMNAS_ENCABEZADO:
            return i
    return None


_TOTALES = re.compile(r"^(total|totales|suma|sumas|gran_total|total_general)(_|$)")


def es_fila_de_totales(celdas: Sequence[Celda], encabezado: Encabezado) -> bool:
    """True for a row a spreadsheet adds under the table with the sums ("TOTAL", "Totales", "Suma"): some
    text cell says so and the row has no cédula/RUC."""
    ident = encabezado.indices.get("identificacion")
    if ident is not None and ident < len(celdas) and not vacia(celdas[ident]) \
            and not _TOTALES.match(normalizar_encabezado(celdas[ident])):
        return False
    return any(isinstance(c, str) and _TOTALES.match(normalizar_encabezado(c)) for c in celdas)
