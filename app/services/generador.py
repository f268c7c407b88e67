"""Realistic títulos de crédito as the Unidad de Cartera writes them, for samples, demos and benchmarks.

Pure and seeded: the same arguments give the same rows. Each row is a ``dict`` keyed by the
import columns (:data:`app.domain.titulos.ENCABEZADOS`) with *text* values written the office's
way: Spanish decimals (``1.234,56``), dates ``dd/mm/aaaa``, período ``aaaa-mm``.

What makes the data realistic (domain.md §7-8):

- debtors: personas naturales with a cédula (employers of domestic workers), personas naturales with
  a RUC (cédula + ``001``) and sociedades (RUC with third digit 9), all with correct check digits;
  most cédulas carry the office's province prefix; names are Ecuadorian, with accents;
- several títulos per debtor, a few debtors with many;
- amounts heavily skewed: capital lognormal with a median in the low hundreds of USD and a tail
  above USD 100,000 (mostly responsabilidad patronal); interest from the month after the period to
  the issue date at about 1% a month; surcharges on about half the títulos;
- issue dates on weekdays of 2023-2025; título numbers ``TC-{oficina}-{año}-{seq:06d}`` in date order.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.domain.titulos import ENCABEZADOS
from app.reports.tablas import Formateado, escribir_xlsx_flujo

NOMBRES_H = (
    "Luis", "Carlos", "José", "Juan", "Jorge", "Édison", "Marco", "Segundo", "Ángel", "Víctor", "Fabián",
    "Patricio", "Wilson", "Darwin", "Byron", "Raúl", "Germán", "Héctor", "Andrés", "Sebastián", "Mateo",
    "Nicolás", "Iván", "Julio", "Manuel", "Alberto", "Fernando", "Rodrigo", "Efraín", "Ramón", "Ítalo",
)
NOMBRES_M = (
    "María", "Rosa", "Ana", "Lucía", "Mónica", "Verónica", "Gabriela", "Jéssica", "Mercedes", "Carmen",
    "Gloria", "Martha", "Sofía", "Valentina", "Belén", "Inés", "Patricia", "Fernanda", "Dolores", "Elena",
    "Susana", "Marlene", "Janeth", "Nelly", "Zoila", "Raquel", "Tránsito", "Ximena", "Maribel", "Sandra",
)
APELLIDOS = (
    "Guamán", "Paredes", "Andrade", "Vera", "Núñez", "Yánez", "Chávez", "Cáceres", "Pérez", "García",
    "Rodríguez", "López", "Sánchez", "Ramírez", "Vásconez", "Naranjo", "Guevara", "Tenemaza", "Yépez",
    "Inca", "Cepeda", "Tapia", "Sagñay", "Lema", "Caiza", "Quishpe", "Chimbo", "Morocho", "Pilco", "Ortiz",
    "Castillo", "Cárdenas", "Jácome", "Muñoz", "Benítez", "Zúñiga", "Montenegro", "Villacrés", "Ávila",
    "Oleas", "Bonilla", "Herrera", "Samaniego", "Merino", "Orozco", "Logroño", "Larrea", "Dávalos",
    "Ati", "Guaranga", "Cuji", "Yaucán", "Allauca", "Padilla", "Salazar", "Espinoza", "Gallegos", "Haro",
)
EMPRESA_GIRO = (
    "Comercial", "Distribuidora", "Constructora", "Agrícola", "Transportes", "Industrias", "Importadora",
    "Servicios", "Inmobiliaria", "Florícola", "Avícola", "Ferretería", "Panificadora", "Textiles",
    "Consultora", "Farmacias", "Lácteos", "Hormigonera", "Hostería", "Metalmecánica", "Seguridad Privada",
)
EMPRESA_NOMBRE = (
    "Andina", "Los Andes", "Chimborazo", "del Pacífico", "Sierra Centro", "El Altar", "San José",
    "La Dolorosa", "Puruhá", "Riobamba", "Cotopaxi", "Tungurahua", "del Sur", "Ecuatoriana", "Santa Rosa",
    "El Progreso", "Guano", "Alausí", "Colta", "Chambo", "Nueva Esperanza", "Sol de América",
    "Mitad del Mundo", "Igualata", "Carihuairazo", "Los Elenes", "Guamote", "Penipe", "Pallatanga",
    "La Condamine", "Sangay", "Chunchi", "Cumandá", "Tixán", "Licto", "San Andrés",
)
EMPRESA_SUFIJO = ("Cía. Ltda.", "Cía. Ltda.", "Cía. Ltda.", "S.A.", "S.A.", "S.A.S.", "C.A.")

CONCEPTOS = (
    ("Aportes patronales en mora", 45),
    ("Fondos de reserva", 20),
    ("Responsabilidad patronal", 12),
    ("Aportes personales retenidos no depositados", 8),
    ("Préstamos quirografarios retenidos no depositados", 8),
    ("Glosa por diferencias de aportes", 7),
)
_CONCEPTO_NOMBRES = tuple(c for c, _ in CONCEPTOS)
_CONCEPTO_PESOS = tuple(float(w) for _, w in CONCEPTOS)
_CONCEPTO_ACUM = tuple(sum(_CONCEPTO_PESOS[: i + 1]) for i in range(len(_CONCEPTO_PESOS)))

EMISION_DESDE = date(2023, 1, 2)
EMISION_HASTA = date(2025, 12, 19)

# Capital: lognormal, median ≈ USD 380 (mu = ln 380), sigma 1.45; a minority of large debts
# (median ≈ USD 25,000) gives the tail above USD 100,000 that domain.md §7 describes.
_MU, _SIGMA = math.log(380), 1.45
_MU_GRANDE, _SIGMA_GRANDE = math.log(25_000), 1.2
_CAPITAL_MIN_CENTS, _CAPITAL_MAX_CENTS = 500, 250_000_000


def digito_cedula(nueve: str) -> str:
    """Check digit of a cédula from its first nine digits (module 10, coefficients 2,1,2,1,…;
    products above 9 lose 9), as verified by ``stdnum.ec.ci``."""
    total = 0
    for i, ch in enumerate(nueve):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p - 9 if p > 9 else p
    return str((10 - total % 10) % 10)


def digito_ruc_sociedad(nueve: str) -> str | None:
    """Check digit of a sociedad's RUC (third digit 9) from its first nine digits (module 11,
    coefficients 4,3,2,7,6,5,4,3,2), as verified by ``stdnum.ec.ruc``; None when no digit fits (10)."""
    total = sum(int(c) * w for c, w in zip(nueve, (4, 3, 2, 7, 6, 5, 4, 3, 2), strict=True))
    d = (11 - total % 11) % 11
    return None if d == 10 else str(d)


def formato_monto(cents: int) -> str:
    """Integer cents as the office writes them: ``123456`` -> ``'1.234,56'`` (same as
    :func:`app.common.money.format_usd`, without babel, for speed)."""
    signo = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{signo}{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


def _fecha(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


class _Deudores:
    """Debtors made on demand, unique identificaciones."""

    def __init__(self, rng: random.Random, provincia_codigo: int) -> None:
        self.rng = rng
        self.provincia = provincia_codigo
        self.usadas: set[str] = set()

    def _prov(self) -> str:
        r = self.rng.random()
        if r < 0.75 and 1 <= self.provincia <= 24:
            return f"{self.provincia:02d}"
        return f"{self.rng.randint(1, 24):02d}"

    def cedula(self) -> str:
        while True:
            nueve = self._prov() + str(self.rng.randint(0, 5)) + f"{self.rng.randint(0, 999_999):06d}"
            ced = nueve + digito_cedula(nueve)
            if ced not in self.usadas and ced + "001" not in self.usadas:
                return ced

    def ruc_sociedad(self) -> str:
        while True:
            nueve = self._prov() + "9" + f"{self.rng.randint(0, 999_999):06d}"
            d = digito_ruc_sociedad(nueve)
            if d is None:
                continue
            ruc = nueve + d + "001"
            if ruc not in self.usadas:
                return ruc

    def persona(self) -> str:
        r = self.rng
        nombres = " ".join(r.sample(NOMBRES_H if r.random() < 0.5 else NOMBRES_M, 2))
        return f"{r.choice(APELLIDOS)} {r.choice(APELLIDOS)} {nombres}"

    def empresa(self) -> str:
        r = self.rng
        medio = r.choice(EMPRESA_NOMBRE) if r.random() < 0.75 else f"{r.choice(APELLIDOS)} & {r.choice(APELLIDOS)}"
        return f"{r.choice(EMPRESA_GIRO)} {medio} {r.choice(EMPRESA_SUFIJO)}"

    def nuevo(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.35:
            ident, nombre = self.cedula(), self.persona()
        elif r < 0.70:
            ident, nombre = self.cedula() + "001", self.persona()
        else:
            ident, nombre = self.ruc_sociedad(), self.empresa()
        self.usadas.add(ident)
        return ident, nombre


def _ensuciar_nombre(rng: random.Random, nombre: str) -> str:
    r = rng.random()
    if r < 0.3:
        nombre = nombre.upper()
    elif r < 0.5:
        nombre = nombre.lower()
    elif r < 0.7:
        partes = nombre.split(" ")
        nombre = " ".join(p.upper() if i % 2 == 0 else p.lower() for i, p in enumerate(partes))
    return "  " + nombre.replace(" ", "   ", 1) + " "


def generar_titulos(
    n: int, semilla: int = 1, oficina: str = "0601", provincia: str = "Chimborazo", primer_numero: int = 1,
    deudores: int | None = None, ruido: float = 0.0, emision: tuple[date, date] | None = None,
) -> list[dict[str, str]]:
    """Generate ``n`` valid títulos de crédito as text rows, keyed by :data:`ENCABEZADOS`.

    Args:
        n: number of títulos (rows).
        semilla: random seed; same arguments, same rows.
        oficina: office code written in column ``oficina`` and in the título numbers; its first two
            digits are the province prefix of most cédulas (``06`` Chimborazo).
        provincia: province name for column ``provincia``.
        primer_numero: sequence of the first título (``TC-0601-2024-000001`` for 1); numbers grow by one
            in issue-date order, so a later batch with a higher ``primer_numero`` does not collide.
        deudores: number of distinct debtors (default ``n // 3``, at least 1): every debtor has at least
            one título when ``deudores <= n``; the rest go mostly to a few debtors.
        ruido: share of rows (0..1) written carelessly but still valid: stray spaces, names in
            mixed case, ``USD`` before amounts, dates without leading zeros, período ``mm/aaaa``.
        emision: first and last issue date (default :data:`EMISION_DESDE`..:data:`EMISION_HASTA`); the
            demo office passes dates relative to today.

    Returns:
        ``n`` dicts of str, sorted by título number.
    """
    if n <= 0:
        return []
    rng = random.Random(semilla)
    try:
        codigo_prov = int(oficina[:2])
    except ValueError:
        codigo_prov = 0
    fabrica = _Deudores(rng, codigo_prov)
    d = max(1, deudores if deudores is not None else n // 3)
    lista = [fabrica.nuevo() for _ in range(d)]

    asignados = list(range(min(n, d)))
    asignados += [int(d * rng.random() ** 1.6) for _ in range(n - len(asignados))]
    rng.shuffle(asignados)

    primera, ultima = emision or (EMISION_DESDE, EMISION_HASTA)
    desde = primera.toordinal()
    dias = ultima.toordinal() - desde
    emisiones: list[date] = []
    for _ in range(n):
        e = date.fromordinal(desde + rng.randint(0, dias))
        if e.weekday() >= 5:
            e -= timedelta(days=e.weekday() - 4)
        emisiones.append(e)
    emisiones.sort()

    filas: list[dict[str, str]] = []
    random_ = rng.random
    for i, (emision, k) in enumerate(zip(emisiones, asignados, strict=True)):
        ident, nombre = lista[k]
        x = random_() * _CONCEPTO_ACUM[-1]
        concepto = next(c for c, acum in zip(_CONCEPTO_NOMBRES, _CONCEPTO_ACUM, strict=True) if x < acum)
        grande = random_() < (0.12 if concepto == "Responsabilidad patronal" else 0.01)
        mu, sigma = (_MU_GRANDE, _SIGMA_GRANDE) if grande else (_MU, _SIGMA)
        capital = min(max(int(rng.lognormvariate(mu, sigma) * 100), _CAPITAL_MIN_CENTS), _CAPITAL_MAX_CENTS)

        atraso = rng.randint(2, 24)  # months between the period and the issue
        m = emision.year * 12 + emision.month - 1 - atraso
        anio_p, mes_p = divmod(m, 12)
        mes_p += 1
        anio_v, mes_v = divmod(m + 1, 12)  # due on the 15th of the following month
        interes_desde = date(anio_v, mes_v + 1, 16)
        meses = (emision - interes_desde).days / 30.4
        tasa = 0.0085 + random_() * 0.003
        interes = int(capital * tasa * meses)
        recargo = 0 if random_() < 0.45 else int(capital * (0.01 + random_() * 0.09))
        total = capital + interes + recargo

        fila = {
            "numero_titulo": f"TC-{oficina}-{emision.year}-{primer_numero + i:06d}",
            "fecha_emision": _fecha(emision),
            "deudor": nombre,
            "identificacion": ident,
            "concepto": concepto,
            "periodo": f"{anio_p}-{mes_p:02d}",
            "capital": formato_monto(capital),
            "interes": formato_monto(interes),
            "recargo": formato_monto(recargo),
            "total": formato_monto(total),
            "interes_desde": _fecha(interes_desde),
            "provincia": provincia,
            "oficina": oficina,
        }
        if ruido and random_() < ruido:
            _ensuciar(rng, fila, emision, interes_desde, anio_p, mes_p)
        filas.append(fila)
    return filas


def _ensuciar(rng: random.Random, fila: dict[str, str], emision: date, desde: date, anio: int, mes: int) -> None:
    fila["deudor"] = _ensuciar_nombre(rng, fila["deudor"])
    r = rng.random()
    if r < 0.3:
        fila["identificacion"] = f" {fila['identificacion']} "
    if r < 0.4:
        fila["total"] = "USD " + fila["total"]
    elif r < 0.6:
        fila["capital"] = f" {fila['capital']}  "
    if rng.random() < 0.4:
        fila["fecha_emision"] = f"{emision.day}/{emision.month}/{emision.year}"
        fila["interes_desde"] = f" {desde.day}/{desde.month}/{desde.year}"
    if rng.random() < 0.4:
        fila["periodo"] = f"{mes:02d}/{anio}"
    if rng.random() < 0.3:
        fila["concepto"] = fila["concepto"] + "  "
        fila["provincia"] = " " + fila["provincia"].upper()


def escribir_csv(filas: Iterable[dict[str, str]], path: Path, columnas: Sequence[str] = ENCABEZADOS) -> Path:
    """Write rows as Excel writes a CSV in a Spanish locale: UTF-8 with BOM, ``;`` separator, CRLF.

    Returns ``path``. Keys missing in a row are written empty; extra keys are ignored.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(columnas)
        w.writerows([fila.get(c, "") for c in columnas] for fila in filas)
    return path


_COLUMNAS_MONTO = frozenset({"capital", "interes", "recargo", "total"})
_COLUMNAS_FECHA = frozenset({"fecha_emision", "interes_desde"})


def escribir_xlsx(
    filas: Iterable[dict[str, str]], path: Path, columnas: Sequence[str] = ENCABEZADOS, tipado: bool = True,
) -> Path:
    """Write rows to an .xlsx workbook (one sheet «Títulos», header in row 1).

    With ``tipado`` the amounts become numeric cells (format ``#,##0.00``) and the dates date cells
    (``dd/mm/yyyy``), as a person editing the file in a spreadsheet leaves them; the identificación,
    período and office code stay text (a number cell would lose the leading zero). Values that do
    not parse are written as text. Returns ``path``.
    """
    from app.common.dates import parse_date
    from app.common.money import parse_amount

    def celda(c: str, v: str) -> object:
        try:
            if tipado and c in _COLUMNAS_MONTO:
                return Formateado(Decimal(parse_amount(v)), "#,##0.00")
            if tipado and c in _COLUMNAS_FECHA:
                return Formateado(parse_date(v), "dd/mm/yyyy")
        except ValueError:
            pass
        return v

    filas_xlsx = ([celda(c, fila.get(c, "")) for c in columnas] for fila in filas)
    anchos = [34 if c in ("deudor", "concepto") else 16 for c in columnas]
    escribir_xlsx_flujo(path, "Títulos", list(columnas), filas_xlsx, anchos)
    return path
