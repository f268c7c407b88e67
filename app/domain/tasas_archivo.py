"""Rows of a monthly interest-rate table file (CSV/XLSX) an office imports (issue 8; domain.md §4).

Columns (header row; names matched without accents or case): ``mes`` (``2025-10``, ``10/2025`` or a date of
the month), ``tasa_anual`` (percent per year, ``12,50`` or ``12.5``; also ``tasa``), ``fuente`` (where the
figure comes from: "BCE, tasa activa efectiva máxima, boletín de octubre de 2025"). Every row needs all three:
no rate enters the table without its source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.common.errors import ValidationError

COLUMNAS = {"mes": ("mes", "periodo", "mes_vigencia"), "tasa_anual": ("tasa_anual", "tasa", "tasa_anual_pct"),
            "fuente": ("fuente", "origen", "referencia")}


def _clave(texto: object) -> str:
    t = unicodedata.normalize("NFKD", str(texto or "")).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[^a-z0-9]+", "_", t).strip("_")


def _mes(valor: object) -> date:
    if isinstance(valor, datetime):
        return valor.date().replace(day=1)
    if isinstance(valor, date):
        return valor.replace(day=1)
    texto = str(valor or "").strip()
    for patron, orden in ((r"^(\d{4})[-/](\d{1,2})$", "am"), (r"^(\d{1,2})[-/](\d{4})$", "ma"),
                          (r"^(\d{1,2})/(\d{1,2})/(\d{4})$", "dma"), (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "amd")):
        m = re.match(patron, texto)
        if m:
            g = [int(x) for x in m.groups()]
            anio, mes = (g[0], g[1]) if orden in ("am", "amd") else (g[1], g[0]) if orden == "ma" else (g[2], g[1])
            if 1 <= mes <= 12 and 2000 <= anio <= 2100:
                return date(anio, mes, 1)
    raise ValueError(f"«{texto}» no es un mes (use aaaa-mm o mm/aaaa)")


def _tasa(valor: object) -> Decimal:
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        return Decimal(str(valor))
    texto = str(valor or "").strip().replace("%", "").replace(" ", "")
    if "," in texto:
        texto = texto.replace(".", "").replace(",", ".")
    try:
        return Decimal(texto)
    except InvalidOperation as exc:
        raise ValueError(f"«{valor}» no es una tasa (use 12,50)") from exc


def leer_tasas(filas: Iterable[Sequence[object]]) -> list[tuple[date, Decimal, str]]:
    """``(mes, tasa_anual, fuente)`` of each data row; the first non-empty row is the header.

    Raises:
        ValidationError: a missing column, or bad rows (every problem listed with its line).
    """
    it = iter(filas)
    encabezado: dict[str, int] = {}
    linea = 0
    for fila in it:
        linea += 1
        if any(str(c or "").strip() for c in fila):
            claves = [_clave(c) for c in fila]
            for campo, nombres in COLUMNAS.items():
                for i, k in enumerate(claves):
                    if k in nombres:
                        encabezado[campo] = i
                        break
            break
    faltan = [c for c in COLUMNAS if c not in encabezado]
    if faltan:
        raise ValidationError(f"Faltan columnas en la tabla de tasas: {', '.join(faltan)} (se esperan mes, "
                              "tasa_anual y fuente).")
    out: list[tuple[date, Decimal, str]] = []
    problemas: list[str] = []
    for fila in it:
        linea += 1
        if not any(str(c or "").strip() for c in fila):
            continue
        celda = {c: (fila[i] if i < len(fila) else "") for c, i in encabezado.items()}
        try:
            fuente = str(celda["fuente"] or "").strip()
            if not fuente:
                raise ValueError("falta la fuente de la tasa")
            out.append((_mes(celda["mes"]), _tasa(celda["tasa_anual"]), fuente))
        except ValueError as exc:
            problemas.append(f"línea {linea}: {exc}")
    if problemas:
        lista = "\n  - ".join(problemas[:50])
        raise ValidationError(f"La tabla de tasas tiene errores; no se cargó nada:\n  - {lista}")
    if not out:
        raise ValidationError("La tabla de tasas no tiene filas.")
    return out
