"""Write the sample national recovery tables: Chimborazo 2024 (domain.md §6) as CSV, TSV and XLSX.

Run from the repository root: ``python resources/samples/generar_recaudacion.py``. Every published
Chimborazo 2024 figure is kept; the published mora breakdown exceeds the published mora by 122.471,11, shown
as an «Ajuste» row on títulos de crédito. Only NC-DNRGC-DP-7 is a published indicator code; the others are
illustrative.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.services.demo_tablero import escribir_tabla, tabla_nacional

AQUI = Path(__file__).resolve().parent

if __name__ == "__main__":
    filas = tabla_nacional(date(2024, 1, 1), 12)
    for sufijo in ("csv", "tsv", "xlsx"):
        print(escribir_tabla(filas, AQUI / f"recaudacion_chimborazo_2024.{sufijo}"))
