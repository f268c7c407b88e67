"""Rules of seized goods: states, form checks, report periods, proportionality, remate figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.common.errors import RuleError, ValidationError
from app.domain.bienes import (
    EstadoBien as E,
)
from app.domain.bienes import (
    ReglasBienes,
    TipoBien,
    aplicar_producto,
    base_remate,
    digito_vin,
    fecha_minima_remate,
    motivo_descalificacion,
    normalizar_chasis,
    normalizar_clave_catastral,
    normalizar_placa,
    proporcionalidad,
    proximo_informe,
    sumar_meses,
    validar_postura,
    validar_transicion,
)
from app.domain.bienes_campos import validar_campos


@pytest.mark.parametrize(("desde", "hacia"), [
    (E.EMBARGADO, E.EN_CUSTODIA), (E.SECUESTRADO, E.EN_CUSTODIA), (E.EN_CUSTODIA, E.AVALUADO),
    (E.AVALUADO, E.AVALUADO), (E.AVALUADO, E.EN_REMATE), (E.EN_REMATE, E.REMATADO), (E.EN_REMATE, E.AVALUADO),
    (E.EMBARGADO, E.LEVANTADO), (E.EN_CUSTODIA, E.DEVUELTO), (E.EN_REMATE, E.LEVANTADO),
])
def test_transiciones_permitidas(desde: E, hacia: E) -> None:
    validar_transicion(TipoBien.VEHICULO, desde, hacia)


@pytest.mark.parametrize(("desde", "hacia", "motivo"), [
    (E.EMBARGADO, E.AVALUADO, "puede pasar a: en custodia, devuelto, levantado"),
    (E.EN_CUSTODIA, E.EN_REMATE, "no puede pasar a en remate"),
    (E.AVALUADO, E.REMATADO, "no puede pasar a rematado"),
    (E.REMATADO, E.DEVUELTO, "ya está rematado"),
    (E.LEVANTADO, E.EN_CUSTODIA, "ya está levantado"),
])
def test_transiciones_rechazadas_dicen_por_que(desde: E, hacia: E, motivo: str) -> None:
    with pytest.raises(RuleError, match=motivo):
        validar_transicion(TipoBien.MUEBLE, desde, hacia)


def test_fondos_no_se_avaluan_ni_rematan() -> None:
    with pytest.raises(RuleError, match="no se avalúan ni se rematan"):
        validar_transicion(TipoBien.FONDOS, E.EN_CUSTODIA, E.AVALUADO)
    validar_transicion(TipoBien.FONDOS, E.EN_CUSTODIA, E.LEVANTADO)


@pytest.mark.parametrize(("texto", "placa"), [("hbc 1234", "HBC-1234"), ("PBA-123", "PBA-123"),
                                              ("ab123c", "AB123C"), ("AB-123C", "AB123C")])
def test_placas_validas(texto: str, placa: str) -> None:
    assert normalizar_placa(texto) == placa


@pytest.mark.parametrize("texto", ["HB-1234", "1234-ABC", "HBCD-123", "", "ABC-12345"])
def test_placas_invalidas(texto: str) -> None:
    with pytest.raises(ValidationError, match="placa ecuatoriana"):
        normalizar_placa(texto)


def test_vin_digito_verificador() -> None:
    assert digito_vin("1M8GDM9AXKP042788") == "X"
    assert normalizar_chasis("1m8gdm9a-xkp042788") == "1M8GDM9AXKP042788"
    with pytest.raises(ValidationError, match="debería ser «X»"):
        normalizar_chasis("1M8GDM9A1KP042788")
    with pytest.raises(ValidationError, match="no usa las letras I, O ni Q"):
        normalizar_chasis("1M8GDM9AXKP04278O")
    # A South American VIN (first character 8 or 9) carries no check digit: accepted as written.
    assert normalizar_chasis("8LBETF3E0K0012345") == "8LBETF3E0K0012345"
    # An old non-VIN chassis number.
    assert normalizar_chasis("TFR54-123456") == "TFR54123456"


def test_clave_catastral() -> None:
    assert normalizar_clave_catastral("06 01 50-01-02-03") == "060150-01-02-03"
    with pytest.raises(ValidationError, match="solo lleva dígitos"):
        normalizar_clave_catastral("06-01-AB")
    with pytest.raises(ValidationError, match="tiene 4 dígitos"):
        normalizar_clave_catastral("0601")


def test_campos_de_vehiculo_exigen_placa_o_chasis_y_ano_posible() -> None:
    base = {"marca": "Chevrolet", "modelo": "D-Max", "anio": "2019"}
    with pytest.raises(ValidationError, match="placa o su chasis"):
        validar_campos(TipoBien.VEHICULO, base, 2026)
    with pytest.raises(ValidationError, match="año del vehículo"):
        validar_campos(TipoBien.VEHICULO, {**base, "anio": "2031", "placa": "HBC1234"}, 2026)
    with pytest.raises(ValidationError, match="Falta «Clave catastral»"):
        validar_campos(TipoBien.INMUEBLE, {"canton": "Riobamba"}, 2026)
    assert validar_campos(TipoBien.VEHICULO, {**base, "placa": "hbc1234"}, 2026)["placa"] == "HBC-1234"


def test_sumar_meses_al_fin_de_mes() -> None:
    assert sumar_meses(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert sumar_meses(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert sumar_meses(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert sumar_meses(date(2025, 8, 31), 3) == date(2025, 11, 30)


def test_informe_vencido_a_traves_del_fin_de_mes() -> None:
    # Custody from 31 January: due on 28 February; overdue from 1 March.
    assert not proximo_informe(date(2025, 1, 31), date(2025, 2, 28)).vencido
    venc = proximo_informe(date(2025, 1, 31), date(2025, 3, 1))
    assert venc.vence == date(2025, 2, 28) and venc.vencido and venc.dias_vencido == 1
    assert proximo_informe(date(2025, 1, 31), date(2025, 4, 1), meses=2).vence == date(2025, 3, 31)


def test_proporcionalidad() -> None:
    assert proporcionalidad(D("1000"), D("1900"), D("0"), D("2")).motivo is None
    p = proporcionalidad(D("1000"), D("2500"), D("0"), D("2"))
    assert p.motivo and "más de 2 veces" in p.motivo and "USD 2.500,00" in p.mensaje()
    assert "ya cubren la deuda" in (proporcionalidad(D("1000"), D("10"), D("1000"), D("2")).motivo or "")


def test_remate_base_fecha_posturas_y_producto() -> None:
    assert base_remate(D("18500"), D("0.6667")) == D("12333.95")
    assert fecha_minima_remate(date(2025, 4, 21), 20) == date(2025, 5, 11)
    with pytest.raises(RuleError, match=r"USD 11\.000,00 es inferior a la base del remate \(USD 12\.000,00\): faltan"):
        validar_postura(D("11000"), D("12000"))
    validar_postura(D("12000"), D("12000"))
    assert motivo_descalificacion(D("13000"), D("1299.99"), D("12000")) == "depósito inferior al 10 % (USD 1.300,00)"
    assert motivo_descalificacion(D("13000"), D("1300"), D("12000")) is None
    p = aplicar_producto(D("13000"), D("1331.77"))
    assert (p.a_deuda, p.sobrante) == (D("1331.77"), D("11668.23"))
    p = aplicar_producto(D("900"), D("1331.77"))
    assert (p.a_deuda, p.sobrante) == (D("900.00"), D("0.00"))


def test_reglas_configurables_con_limites() -> None:
    assert ReglasBienes().informe_meses == 1 and ReglasBienes().base_remate == 1
    with pytest.raises(ValidationError, match="1 a 12 meses"):
        ReglasBienes(informe_meses=0)
    with pytest.raises(ValidationError, match="fracción del avalúo"):
        ReglasBienes(base_remate=D("1.5"))
