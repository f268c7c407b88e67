from datetime import date

import pytest

from app.common.errors import ValidationError
from app.domain.foliacion import (
    GENESIS,
    EntradaFolio,
    cuerpo_de,
    hash_entrada,
    siguiente_rango,
    verificar_cadena,
)
from app.domain.identificacion import TipoIdentificacion, validar_cedula, validar_identificacion
from app.domain.numeracion import NumeroJuicio, validar_patron
from app.domain.sorteo import es_equitativo, sortear
from app.domain.terminos import Calendario, TipoTermino, calendario


# --- términos -----------------------------------------------------------------------------------
def test_termino_skips_weekend_and_carnaval() -> None:
    # Friday 28 Feb 2025 + 3 días hábiles: Sat/Sun, Carnaval Mon 3 and Tue 4 Mar are not counted.
    assert calendario().sumar_dias_habiles(date(2025, 2, 28), 3) == date(2025, 3, 7)


def test_termino_counts_from_next_day_and_plazo_is_calendar() -> None:
    cal = calendario()
    assert cal.sumar_dias_habiles(date(2025, 5, 13), 3) == date(2025, 5, 16)  # Tue -> Fri
    # A plazo of 3 calendar days from Fri 28/02/2025 ends Mon 03/03, Carnaval: it moves to Wed 05/03/2025
    # (COA art. 158). The earlier expectation (03/03) ended a plazo on a holiday.
    assert cal.vencimiento(date(2025, 2, 28), 3, TipoTermino.PLAZO) == date(2025, 3, 5)
    # 20 days from Sun 20/04/2025 end Sat 10/05/2025 -> Mon 12/05/2025
    assert cal.vencimiento(date(2025, 4, 20), 20, TipoTermino.PLAZO) == date(2025, 5, 12)
    assert cal.vencimiento(date(2025, 5, 13), 3, TipoTermino.PLAZO) == date(2025, 5, 16)  # a Friday: stays


def test_moved_holidays_keep_only_the_observado_day() -> None:
    cal = calendario()
    # Día del Trabajo 2025: Thu 01/05 moved to Fri 02/05; Independencia de Guayaquil: Thu 09/10 -> Fri 10/10.
    assert cal.es_habil(date(2025, 5, 1)) and not cal.es_habil(date(2025, 5, 2))
    assert cal.es_habil(date(2025, 10, 9)) and not cal.es_habil(date(2025, 10, 10))
    assert cal.nombre_feriado(date(2025, 5, 2)) == "Día del Trabajo"
    assert cal.nombre_feriado(date(2025, 10, 10)) == "Independencia de Guayaquil"
    assert cal.nombre_feriado(date(2025, 4, 18)) == "Viernes Santo"
    # An OPI notified Tue 07/10/2025: 3 días hábiles are Wed 08, Thu 09 and Mon 13 (Fri 10 is the moved
    # holiday, then the weekend): due 13/10/2025, not 14/10 as when both days counted as holidays.
    assert cal.sumar_dias_habiles(date(2025, 10, 7), 3) == date(2025, 10, 13)
    # An RPV notified Tue 29/04/2025: 10 días hábiles skip only Fri 02/05: due 14/05/2025.
    assert cal.sumar_dias_habiles(date(2025, 4, 29), 10) == date(2025, 5, 14)


def test_office_adds_decreed_rest_days_and_removes_a_listed_day() -> None:
    # Decreto Ejecutivo 229 (2024, crisis energética): Thu 18 and Fri 19 April 2024 were days off.
    cal = calendario({date(2024, 4, 18): "Suspensión de jornada (D.E. 229)", date(2024, 4, 19): ""},
                     quitados=[date(2025, 8, 11)])
    assert cal.sumar_dias_habiles(date(2024, 4, 17), 1) == date(2024, 4, 22)
    assert cal.nombre_feriado(date(2024, 4, 18)) == "Suspensión de jornada (D.E. 229)"
    assert cal.motivo_inhabil(date(2024, 4, 19)) == "feriado: Feriado local"
    # 11/08/2025 (Primer Grito, observado) removed by the office: a working day there.
    assert cal.es_habil(date(2025, 8, 11)) and not calendario().es_habil(date(2025, 8, 11))
    assert cal.motivo_inhabil(date(2025, 8, 9)) == "sábado"


def test_local_holiday_moves_the_due_date() -> None:
    sin = calendario()
    con = Calendario(frozenset({date(2025, 4, 21)}))  # Riobamba's independence day
    assert sin.sumar_dias_habiles(date(2025, 4, 17), 2) == date(2025, 4, 22)  # Good Friday 18/04 skipped
    assert con.sumar_dias_habiles(date(2025, 4, 17), 2) == date(2025, 4, 23)
    assert con.nombre_feriado(date(2025, 4, 21)) == "Feriado local"


# --- identificadores ----------------------------------------------------------------------------
def test_identifiers_check_digits() -> None:
    assert validar_identificacion("1760004650001") == ("1760004650001", TipoIdentificacion.RUC)
    assert validar_identificacion(" 1710034065 ") == ("1710034065", TipoIdentificacion.CEDULA)
    with pytest.raises(ValueError, match="dígito verificador"):
        validar_identificacion("1710034066")
    with pytest.raises(ValueError, match="10 dígitos"):
        validar_identificacion("12345")
    with pytest.raises(ValueError, match="es un RUC"):
        validar_cedula("1760004650001")


# --- numeración ---------------------------------------------------------------------------------
def test_juicio_number_format_and_pattern_validation() -> None:
    assert NumeroJuicio("0601", 2025, 42).formatear() == "0601-2025-00042"
    assert NumeroJuicio("0601", 2025, 42).formatear("JC-{year}-{office}-{seq:06d}") == "JC-2025-0601-000042"
    with pytest.raises(ValidationError, match="seq"):
        validar_patron("{office}-{year}")
    with pytest.raises(ValidationError):
        validar_patron("{office}-{year}-{seq:zz}")


# --- foliación ----------------------------------------------------------------------------------
def test_folio_ranges_are_consecutive_and_cuerpos_continue() -> None:
    r1 = siguiente_rango(0, 3)
    r2 = siguiente_rango(r1.hasta, 198)
    r3 = siguiente_rango(r2.hasta, 5)
    assert (r1.desde, r1.hasta, r2.desde, r2.hasta, r3.desde, r3.hasta) == (1, 3, 4, 201, 202, 206)
    assert r2.cuerpos() == (1, 2)
    assert cuerpo_de(200) == 1 and cuerpo_de(201) == 2 and cuerpo_de(401) == 3
    with pytest.raises(ValueError):
        siguiente_rango(3, 0)


def _chain(ranges: list[tuple[int, int]]) -> list[EntradaFolio]:
    prev, out = GENESIS, []
    for i, (a, b) in enumerate(ranges):
        sha = f"{i:064x}"
        h = hash_entrada(prev, "EXP", sha, a, b, f"doc{i}")
        out.append(EntradaFolio(f"doc{i}", a, b, sha, prev, h))
        prev = h
    return out


def test_chain_intact_and_first_broken_link_named() -> None:
    chain = _chain([(1, 3), (4, 4), (5, 9)])
    assert verificar_cadena("EXP", chain) is None
    tampered = list(chain)
    e = tampered[1]
    tampered[1] = EntradaFolio(e.documento_id, e.desde, e.hasta, "f" * 64, e.hash_anterior, e.hash)
    r = verificar_cadena("EXP", tampered)
    assert r is not None and r.posicion == 2 and "alterada" in r.motivo
    gap = _chain([(1, 3), (5, 6)])
    r = verificar_cadena("EXP", gap)
    assert r is not None and r.posicion == 2 and "foja 4" in r.motivo
    assert verificar_cadena("OTRO", chain) is not None  # a chain is bound to its expediente


# --- sorteo -------------------------------------------------------------------------------------
def test_sorteo_is_fair_and_reproducible() -> None:
    titulos = [f"T{i:04d}" for i in range(1001)]
    abogados = [f"A{i}" for i in range(7)]
    a = sortear(titulos, abogados, "semilla-1")
    b = sortear(titulos, abogados, "semilla-1")
    c = sortear(titulos, abogados, "semilla-2")
    assert a == b
    assert a != c
    assert es_equitativo(a, abogados)
    assert [x.titulo for x in a] == titulos


def test_sorteo_needs_participants() -> None:
    with pytest.raises(ValueError, match="secretarios"):
        sortear(["T1"], [], "x")
