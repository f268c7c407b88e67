"""Issue 8's rules with their dates and amounts written out: APP by date, sorteo date, the registry of document
types, gender and number agreement, the rate table file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import ValidationError
from app.documents import concordancia as c
from app.domain.convenio import tabla_amortizacion
from app.domain.documentos import REGISTRO, grupos, tipo_doc, validar_claves
from app.domain.reglas_app import regla_para, validar_por_fecha
from app.domain.sorteo import titulos_posteriores
from app.domain.tasas_archivo import leer_tasas
from app.domain.tipos import TipoActo, TipoDocumento


# --- acuerdos de pago parcial by date (C.D. 658 / C.D. 671) ---------------------------------------------------
def test_cd_658_until_28_02_2024_72_months_without_cuota_inicial() -> None:
    assert regla_para(date(2024, 2, 28)).plazo_maximo(D("50000")) == 72
    validar_por_fecha(date(2024, 2, 28), D("50000.00"), 72, D("0"), D("0"))
    with pytest.raises(ValidationError, match="sin cuota inicial"):
        validar_por_fecha(date(2024, 2, 28), D("50000.00"), 72, D("500.00"), D("0"))
    # From 29/02/2024: up to 4 years, with the cuota inicial the office configures (here 10 %).
    with pytest.raises(ValidationError, match="hasta 48 meses"):
        validar_por_fecha(date(2024, 3, 1), D("50000.00"), 72, D("5000.00"), D("10"))
    with pytest.raises(ValidationError, match="exige cuota inicial"):
        validar_por_fecha(date(2024, 3, 1), D("50000.00"), 48, D("0"), D("10"))


@pytest.mark.parametrize(("monto", "plazo"), [
    ("1000.00", 12), ("1000.01", 24), ("2800.00", 24), ("2800.01", 30), ("3700.00", 30), ("3700.01", 36),
    ("9100.00", 66), ("9100.01", 72), ("250000.00", 72),
])
def test_cd_671_plazo_by_amount(monto: str, plazo: int) -> None:
    r = regla_para(date(2025, 6, 2))
    assert r.resolucion == "C.D. 671" and r.plazo_maximo(D(monto)) == plazo
    validar_por_fecha(date(2025, 6, 2), D(monto), plazo, D("0"), D("0"))
    with pytest.raises(ValidationError, match=f"hasta {plazo} meses; se pidieron {plazo + 1}"):
        validar_por_fecha(date(2025, 6, 2), D(monto), plazo + 1, D("0"), D("0"))


def test_minimum_instalment_is_configurable() -> None:
    with pytest.raises(ValidationError, match=r"cuota mensual \(USD 20.00\) es menor que la mínima de USD 25.00"):
        validar_por_fecha(date(2025, 6, 2), D("240.00"), 12, D("0"), D("0"), D("20.00"), D("25.00"))


def test_no_interest_on_interest_in_the_amortization_table() -> None:
    # USD 1.264,50 owed = 1.100,00 capital + 164,50 interest/surcharges; 3 months at 12 % (1 % a month).
    # Interest only on the 1.100,00: French instalment 1100 × 0.01 × 1.030301 / 0.030301 = 374.02;
    # 164.50 / 3 = 54.83 a month without interest.
    # k=1: interest 11.00, capital 363.02 + 54.83 -> instalment 428.85
    # k=2: interest 7.37 (736.98 × 1 %), capital 366.65 + 54.83 -> 428.85
    # k=3: interest 3.70 (370.33 × 1 %), capital 370.33 + 54.84 -> 428.87
    t = tabla_amortizacion(D("1264.50"), 3, D("12"), date(2025, 2, 13), sin_interes=D("164.50"))
    assert [(x.interes, x.cuota) for x in t] == [(D("11.00"), D("428.85")), (D("7.37"), D("428.85")),
                                                  (D("3.70"), D("428.87"))]
    assert sum(x.capital for x in t) == D("1264.50")
    # Interest on the whole 1.264,50 (the old table: 12.65 + 8.47 + 4.26 = 25.38) charged 3.31 more: interest
    # on interest.
    viejo = tabla_amortizacion(D("1264.50"), 3, D("12"), date(2025, 2, 13))
    assert sum(x.interes for x in viejo) - sum(x.interes for x in t) == D("3.31")


# --- sorteo ----------------------------------------------------------------------------------------------------
def test_sorteo_cannot_be_dated_before_its_titulos_issue() -> None:
    emitidos = [("TC-1", date(2025, 5, 12)), ("TC-2", date(2025, 5, 14))]
    assert titulos_posteriores(date(2025, 5, 13), emitidos) == ["TC-2 (emitido el 14/05/2025)"]
    assert titulos_posteriores(date(2025, 5, 14), emitidos) == []


# --- the registry of document types ---------------------------------------------------------------------------
def test_every_document_type_is_one_registry_entry() -> None:
    assert set(REGISTRO) == set(TipoDocumento)
    assert {t for g in grupos() for t in g} == set(TipoDocumento)
    assert REGISTRO[TipoDocumento.AUTO_ARCHIVO].acto is TipoActo.ARCHIVO
    assert REGISTRO[TipoDocumento.RAZON_ARCHIVO].acto is None
    assert REGISTRO[TipoDocumento.RAZON_ARCHIVO].requiere is TipoActo.ARCHIVO
    assert not REGISTRO[TipoDocumento.INDICE].foliado and REGISTRO[TipoDocumento.TITULO_CREDITO].foliado
    assert "ejecutor" in REGISTRO[TipoDocumento.OPI].firmantes
    assert all(d.cita or not d.foliado for d in REGISTRO.values())  # every foliated document says what it rests on
    assert tipo_doc("auto_archivo").tipo is TipoDocumento.AUTO_ARCHIVO
    with pytest.raises(ValidationError, match="datos desconocidos a, b"):
        validar_claves(TipoDocumento.RPV, {"a": 1, "b": 2})


# --- gender and number ------------------------------------------------------------------------------------------
def test_gender_and_number_agree() -> None:
    assert c.cargo_secretario(True, "F") == "Secretaria Abogada Externa"
    assert c.cargo_secretario(True, "M") == "Secretario Abogado Externo"
    assert c.cargo_secretario(False, "F") == "Secretaria Abogada"
    assert (c.articulo("F"), c.abogado("F"), c.articulo("M"), c.abogado("M")) == ("la", "Abogada", "el", "Abogado")
    assert c.fojas_utiles(1) == "una foja útil"
    assert c.fojas_utiles(21) == "21 (veintiuna) fojas útiles"
    assert c.contar(320, "título de crédito", "títulos de crédito") == "320 títulos de crédito"
    assert c.contar(1, "título de crédito", "títulos de crédito") == "un título de crédito"
    assert c.cuerpos(1) == "un cuerpo" and c.cuerpos(2) == "2 (dos) cuerpos"
    assert c.cargo_depositario("F") == "Depositaria Judicial" and c.cargo_citador("F") == "Citadora-Notificadora"


# --- the rate table file --------------------------------------------------------------------------------------
def test_rate_table_rows_need_month_rate_and_source() -> None:
    filas = [["Mes", "Tasa anual", "Fuente"], ["2025-10", "12,50", "BCE, boletín de octubre de 2025"],
             ["11/2025", 11.9, "BCE, boletín de noviembre de 2025"]]
    assert leer_tasas(filas) == [(date(2025, 10, 1), D("12.50"), "BCE, boletín de octubre de 2025"),
                                 (date(2025, 11, 1), D("11.9"), "BCE, boletín de noviembre de 2025")]
    with pytest.raises(ValidationError) as err:
        leer_tasas([["mes", "tasa_anual", "fuente"], ["2025-13", "12", "x"], ["2025-12", "doce", "x"],
                    ["2025-12", "12", ""]])
    assert "línea 2: «2025-13» no es un mes" in err.value.message
    assert "línea 3: «doce» no es una tasa" in err.value.message
    assert "línea 4: falta la fuente" in err.value.message
    with pytest.raises(ValidationError, match="Faltan columnas en la tabla de tasas: fuente"):
        leer_tasas([["mes", "tasa"], ["2025-10", "12"]])
