"""Write the sample files of títulos de crédito shipped in resources/samples (re-runnable, fixed seeds).

    .venv/bin/python resources/samples/generar_muestras.py

- ``titulos_ejemplo.csv``: 320 valid títulos of 106 debtors (office 0601, Chimborazo; seed 2059 gives a
  median capital of about USD 450 and three above USD 100,000) as Excel writes a CSV in a Spanish
  locale (UTF-8 with BOM, ``;``); about 15% of the rows are written carelessly but validly (stray
  spaces, names in mixed case, ``USD`` before amounts, ``mm/aaaa`` periods) to show cleaning.
- ``titulos_ejemplo.xlsx``: 50 valid títulos with numeric amount cells and date cells; numbers from
  5001, so both samples can be imported into the same database.
- ``titulos_con_errores.csv``: 20 títulos, several deliberately bad (see ``ERRORES``); importing it
  must import nothing and name each bad cell. tests/services/test_importacion.py relies on it.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

AQUI = Path(__file__).resolve().parent
sys.path.insert(0, str(AQUI.parents[1]))

from app.common.dates import format_dmy, parse_date  # noqa: E402
from app.services.generador import escribir_csv, escribir_xlsx, generar_titulos  # noqa: E402

# line in the file (header = line 1) -> (columns with a problem, what was done)
ERRORES: dict[int, tuple[tuple[str, ...], str]] = {
    3: (("identificacion",), "cédula con dígito verificador incorrecto"),
    5: (("total",), "total distinto de capital + interés + recargo"),
    7: (("fecha_emision",), "fecha imposible 31/02/2025"),
    9: (("fecha_emision",), "fecha de emisión futura"),
    11: (("deudor",), "nombre vacío"),
    13: (("capital",), "capital negativo"),
    15: (("numero_titulo",), "número de título repetido (el de la línea 4)"),
    17: (("oficina",), "título de otra oficina (0901)"),
    19: (("identificacion", "capital"), "dos problemas en la misma fila: letras en la cédula y valor ilegible"),
    20: (("interes_desde",), "intereses desde una fecha posterior a la emisión"),
}


def filas_con_errores() -> list[dict[str, str]]:
    """20 títulos of office 0601; the lines listed in :data:`ERRORES` are broken on purpose."""
    filas = generar_titulos(20, semilla=99, primer_numero=9001)

    def fila(linea: int) -> dict[str, str]:
        return filas[linea - 2]

    fila(3)["identificacion"] = "0602910946"  # 0602910945 is valid
    f = fila(5)
    f["total"] = f["total"][:-4] + ("1" if f["total"][-4] != "1" else "2") + f["total"][-3:]
    fila(7)["fecha_emision"] = "31/02/2025"
    fila(9)["fecha_emision"] = "15/01/2099"
    fila(11)["deudor"] = "   "
    fila(13).update(capital="-150,00", interes="200,00", recargo="0,00", total="50,00")
    fila(15)["numero_titulo"] = fila(4)["numero_titulo"]
    fila(17)["oficina"] = "0901"
    fila(19).update(identificacion="06029109A5", capital="12,34,5")
    f = fila(20)
    f["interes_desde"] = format_dmy(parse_date(f["fecha_emision"]) + timedelta(days=5))
    return filas


def main() -> None:
    escribir_csv(generar_titulos(320, semilla=2059, ruido=0.15), AQUI / "titulos_ejemplo.csv")
    escribir_xlsx(generar_titulos(50, semilla=7, primer_numero=5001, ruido=0.1), AQUI / "titulos_ejemplo.xlsx")
    escribir_csv(filas_con_errores(), AQUI / "titulos_con_errores.csv")
    for nombre in ("titulos_ejemplo.csv", "titulos_ejemplo.xlsx", "titulos_con_errores.csv"):
        print(AQUI / nombre)


if __name__ == "__main__":
    main()
