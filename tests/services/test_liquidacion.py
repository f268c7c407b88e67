"""Liquidación service: computed at a date from the office's rate table, recorded append-only with its act,
valid for a providencia 3 calendar days; the rate table is edited only with the tariffs permission."""

import dataclasses
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.permisos import Rol, UsuarioActual
from app.domain.preferencias import BASE_DIAS
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.liquidacion import LiquidacionService
from app.services.pagos import PagosService
from app.storage.models import Preferencia
from app.storage.models_juicio import Liquidacion
from tests.services.helpers import crear_titulos


def _juicio(srv: Servicios) -> str:
    """Título capital 1100.00, interés 100.00 (15 Nov -> 15 Dec 2024), recargo 42.50, issued 15 Dec 2024 (its
    cut date: mora runs from there); opened 20 Jan 2025."""
    crear_titulos(srv, 1)
    return srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 20)).asignaciones[0].juicio


def test_rate_change_in_the_middle_of_the_period(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    liq = LiquidacionService(srv.ctx)
    liq.agregar_tasa(date(2024, 11, 1), D("12"), "BCE, boletín de prueba", hasta=date(2024, 12, 31))
    tabla = liq.agregar_tasa(date(2025, 1, 1), D("15.5"), "BCE, boletín de enero", hasta=date(2025, 12, 1))
    assert [(t.vigente_desde, t.tasa_anual, t.fuente) for t in tabla][:3] == [
        (date(2024, 11, 1), D("12"), "BCE, boletín de prueba"), (date(2024, 12, 1), D("12"), "BCE, boletín de prueba"),
        (date(2025, 1, 1), D("15.5"), "BCE, boletín de enero")]
    r = liq.calcular(numero, date(2025, 2, 13))
    # The título's USD 100.00 cover 15 Nov -> 15 Dec 2024; mora runs from its issue, 15 Dec 2024:
    # 15 Dec -> 1 Jan: 17 d × 1100 × 12.0 % / 360 = 6.233333
    #  1 Jan -> 13 Feb: 43 d × 1100 × 15.5 % / 360 = 20.365278
    # mora 26.598611 -> 26.60; total = 1100.00 + 100.00 + 26.60 + 42.50 = 1269.10
    assert [t.dias for t in r.tramos] == [17, 43]
    assert (r.interes_mora, r.interes, r.total) == (D("26.60"), D("126.60"), D("1269.10"))
    assert [(t.tasa_anual, t.interes_redondeado) for t in r.tramos] == [(D("12"), D("6.23")), (D("15.5"), D("20.37"))]


def test_without_a_rate_for_a_month_the_liquidacion_refuses_naming_it(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    liq = LiquidacionService(srv.ctx)
    assert liq.tasas() == []  # no built-in rate is ever used as if it were law
    with pytest.raises(ValidationError,
                       match="faltan las tasas de interés de diciembre de 2024, enero de 2025 y febrero de 2025"):
        liq.calcular(numero, date(2025, 2, 13))
    liq.agregar_tasa(date(2024, 12, 1), D("10"), "BCE", hasta=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="falta la tasa de interés de febrero de 2025;"):
        liq.calcular(numero, date(2025, 2, 13))
    with pytest.raises(ValidationError, match="Indique la fuente"):
        liq.agregar_tasa(date(2025, 2, 1), D("10"), " ")


def test_registrar_is_append_only_with_its_act_and_ultima(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    liq = LiquidacionService(srv.ctx)
    liq.agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    assert liq.ultima(numero) is None
    liq.calcular(numero, date(2025, 2, 13))
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Liquidacion)) == 0  # calcular writes nothing
    PagosService(srv.ctx).registrar_abono(numero, date(2025, 2, 13), D("200.00"), "R1")
    a = liq.registrar(numero, date(2025, 2, 13))
    b = liq.registrar(numero, date(2025, 3, 15))
    # 13 Feb 2025 is in the legal suspension of the default table: no fee on the 200.00
    assert (a.total, a.pagos, a.honorarios) == (D("1064.50"), D("200.00"), D("0.00"))
    # 15 Mar: mora 22.00 + 30 d × 1064.50 × 12 % / 360 (10.645) = 32.645 -> 32.65 (rounded once, half up)
    # total = 1100.00 + (100.00 + 32.65) + 42.50 − 200.00 = 1075.15
    assert b.total == D("1075.15")
    assert b.detalle["saldos"]["capital"] == "1064.50"
    assert liq.ultima(numero).id == b.id
    actos = [x for x in ActosService(srv.ctx).historial(numero) if x.tipo is TipoActo.LIQUIDACION]
    assert [x.datos["liquidacion_id"] for x in actos] == [str(a.id), str(b.id)]
    with pytest.raises(RuleError, match="no se modifican"), srv.ctx.tx("test: editar") as s:
        s.get_one(Liquidacion, a.id).total = D("1.00")


def test_providencia_may_cite_a_liquidacion_three_calendar_days_old(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    liq = LiquidacionService(srv.ctx)
    with pytest.raises(RuleError, match="no tiene liquidación"):
        liq.vigente(numero, date(2025, 5, 12))
    liq.agregar_tasa(date(2024, 12, 1), D("12"), "Tabla de prueba", hasta=date(2025, 12, 1))
    liq.registrar(numero, date(2025, 5, 9))  # a Friday
    assert liq.vigente(numero, date(2025, 5, 12)).fecha_corte == date(2025, 5, 9)  # Monday: 3 days
    with pytest.raises(RuleError, match="hasta 3 días"):
        liq.vigente(numero, date(2025, 5, 13))


def test_only_the_administrator_edits_rates(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    sec = UsuarioActual(login="sec", rol=Rol.SECRETARIO)
    with pytest.raises(PermissionDenied, match="tarifas y tasas"):
        LiquidacionService(dataclasses.replace(srv.ctx, usuario=sec)).agregar_tasa(date(2025, 1, 1), D("9"), "BCE")
    liq = LiquidacionService(srv.ctx)
    liq.agregar_tasa(date(2025, 1, 1), D("9"), "BCE")
    with pytest.raises(ValidationError, match="Ya hay tasa para enero de 2025"):
        liq.agregar_tasa(date(2025, 1, 20), D("10"), "BCE")
    with pytest.raises(ValidationError, match="entre 0 y 100"):
        liq.agregar_tasa(date(2025, 2, 1), D("100"), "BCE")


def test_day_count_base_is_an_office_setting(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    LiquidacionService(srv.ctx).agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    with srv.ctx.tx("test: preferencia") as s:
        s.add(Preferencia(office_id=srv.ctx.office_id, clave=BASE_DIAS.clave, valor="365"))
    # 60 d × 1100 × 12 % / 365 = 21.6986… -> 21.70
    r = LiquidacionService(srv.ctx).calcular(numero, date(2025, 2, 13))
    assert (r.base_dias, r.interes_mora) == (365, D("21.70"))
