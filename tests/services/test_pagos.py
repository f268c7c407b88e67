"""Abonos: imputation with the liquidación at the payment date, saldo, archivo proposal, costs, order."""

import dataclasses
import uuid
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.permisos import Rol, UsuarioActual
from app.domain.preferencias import ORDEN_IMPUTACION
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.liquidacion import LiquidacionService
from app.services.pagos import PagosService
from app.storage.models import Preferencia
from app.storage.models_juicio import Pago
from tests.services.helpers import crear_titulos


def _juicio(srv: Servicios) -> str:
    """One expediente opened on 20 Jan 2025: título capital 1100.00, interés 100.00, recargo 42.50,
    mora from its issue on 15 Dec 2024 (its own interest covers 15 Nov -> 15 Dec); the office's rate table:
    12 % every month from January 2024 (actual/360)."""
    crear_titulos(srv, 1)
    r = srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 20))
    LiquidacionService(srv.ctx).agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    return r.asignaciones[0].juicio


def test_abono_applied_to_costs_interest_surcharge_then_capital(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    pagos = PagosService(srv.ctx)
    pagos.registrar_costa(numero, date(2025, 2, 1), "Publicación por la prensa", D("30.00"))
    # 15 Dec -> 13 Feb = 60 days: 1100 × 12 % × 60 / 360 = 22.00; interés 100.00 + 22.00 = 122.00
    # 200.00 -> costas 30.00, interés 122.00, recargo 42.50, capital 200 − 194.50 = 5.50
    r = pagos.registrar_abono(numero, date(2025, 2, 13), D("200.00"), "Depósito 123456")
    assert (r.a_costas, r.a_interes, r.a_recargo, r.a_capital) == (D("30.00"), D("122.00"), D("42.50"), D("5.50"))
    # saldo = 1100 + 122 + 42.50 + 30 − 200 = 1094.50
    assert r.saldo == D("1094.50")
    assert not r.propone_archivo
    assert "Saldo: USD 1.094,50" in r.mensaje()

    h = pagos.historial(numero)
    assert [(p.monto, p.referencia, p.a_capital) for p in h.pagos] == [(D("200.00"), "Depósito 123456", D("5.50"))]
    assert h.total_costas == D("30.00")
    actos = ActosService(srv.ctx).historial(numero)
    abono = [a for a in actos if a.tipo is TipoActo.ABONO]
    assert len(abono) == 1 and "USD 200,00" in abono[0].descripcion and abono[0].etapa_nueva is None


def test_interest_keeps_running_on_the_capital_left(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    pagos = PagosService(srv.ctx)
    pagos.registrar_costa(numero, date(2025, 2, 1), "Publicación por la prensa", D("30.00"))
    pagos.registrar_abono(numero, date(2025, 2, 13), D("200.00"), "Depósito 123456")
    liq = LiquidacionService(srv.ctx).calcular(numero, date(2025, 3, 15))
    # mora: 22.00 (to 13 Feb on 1100.00) + 30 d × 1094.50 × 12 % / 360 = 10.945 -> 32.945 -> 32.95 (half up)
    assert liq.interes_mora == D("32.95")
    # total = 1100.00 + 132.95 + 42.50 + 30.00 − 200.00 = 1105.45
    assert liq.total == D("1105.45")
    assert (liq.saldo_interes, liq.saldo_capital) == (D("10.95"), D("1094.50"))
    # the 200.00 were paid on 13 Feb 2025, during the legal suspension of the Ley Orgánica de Apoyo Financiero
    # (default table of suspensions): they generate no fee
    assert liq.honorarios == D("0.00")
    assert liq.detalle_honorarios.recuperado_sin_honorarios == D("200.00")


def test_payment_of_the_whole_debt_proposes_archivo(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    pagos = PagosService(srv.ctx)
    total = LiquidacionService(srv.ctx).calcular(numero, date(2025, 2, 13)).total
    assert total == D("1264.50")  # 1100.00 + 122.00 + 42.50
    with pytest.raises(ValidationError, match=r"excede el saldo de la deuda al 13/02/2025 \(USD 1\.264,50\)"):
        pagos.registrar_abono(numero, date(2025, 2, 13), D("1264.51"), "Recibo 9")
    r = pagos.registrar_abono(numero, date(2025, 2, 13), D("1264.50"), "Recibo 9")
    assert r.saldo == D("0.00") and r.propone_archivo
    assert "corresponde archivar" in r.mensaje()
    # nothing accrues afterwards, and the archivo act is accepted with that saldo
    assert LiquidacionService(srv.ctx).calcular(numero, date(2025, 12, 31)).total == D("0.00")
    # the archivo is the ejecutor's auto (a document), dated after the payment
    srv.documentos.generar("auto-archivo", numero, date(2025, 2, 14))
    assert srv.expedientes.caratula(numero).etapa is Etapa.ARCHIVADO
    with pytest.raises(RuleError, match="archivado"):
        pagos.registrar_abono(numero, date(2025, 2, 15), D("1.00"), "Recibo 10")


def test_bad_abonos_are_refused_and_nothing_is_written(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    pagos = PagosService(srv.ctx)
    with pytest.raises(ValidationError, match="mayor que cero"):
        pagos.registrar_abono(numero, date(2025, 2, 13), D("0"), "R1")
    with pytest.raises(ValidationError, match="más de dos decimales"):
        pagos.registrar_abono(numero, date(2025, 2, 13), D("1.005"), "R1")
    with pytest.raises(ValidationError, match="coma flotante"):
        pagos.registrar_abono(numero, date(2025, 2, 13), 10.5, "R1")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="referencia"):
        pagos.registrar_abono(numero, date(2025, 2, 13), D("10.00"), "  ")
    with pytest.raises(ValidationError, match="anterior al inicio del juicio"):
        pagos.registrar_abono(numero, date(2025, 1, 19), D("10.00"), "R1")
    with pytest.raises(ValidationError, match="posterior a hoy"):
        pagos.registrar_abono(numero, date(2999, 1, 1), D("10.00"), "R1")
    pagos.registrar_abono(numero, date(2025, 3, 1), D("10.00"), "R1")
    with pytest.raises(RuleError, match="orden de fecha"):
        pagos.registrar_abono(numero, date(2025, 2, 28), D("10.00"), "R2")
    with srv.ctx.read() as s:
        assert len(s.scalars(select(Pago)).all()) == 1


def test_payments_are_append_only(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 2, 13), D("50.00"), "R1")
    with pytest.raises(RuleError, match="no se modifican"), srv.ctx.tx("test: editar pago") as s:
        s.get_one(Pago, r.pago_id).monto = D("5.00")


def test_imputation_order_is_configurable(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    with srv.ctx.tx("test: preferencia") as s:
        s.add(Preferencia(office_id=srv.ctx.office_id, clave=ORDEN_IMPUTACION.clave,
                          valor="COSTAS,INTERES,CAPITAL,RECARGO"))
    # 200.00 -> interés 122.00, capital 78.00, recargo nothing
    r = PagosService(srv.ctx).registrar_abono(numero, date(2025, 2, 13), D("200.00"), "R1")
    assert (r.a_interes, r.a_capital, r.a_recargo) == (D("122.00"), D("78.00"), D("0.00"))


def test_only_the_assigned_secretario_records_payments(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    otro = UsuarioActual(login="otro", rol=Rol.SECRETARIO, secretario_id=uuid.uuid4())
    ajeno = PagosService(dataclasses.replace(srv.ctx, usuario=otro))
    with pytest.raises(PermissionDenied, match="a su cargo"):
        ajeno.registrar_abono(numero, date(2025, 2, 13), D("10.00"), "R1")
    with pytest.raises(PermissionDenied):
        ajeno.registrar_costa(numero, date(2025, 2, 13), "Custodia", D("10.00"))
    jefe = PagosService(dataclasses.replace(srv.ctx, usuario=UsuarioActual(login="jefe", rol=Rol.JEFE)))
    with pytest.raises(PermissionDenied):
        jefe.registrar_abono(numero, date(2025, 2, 13), D("10.00"), "R1")
    assert ajeno.historial(numero).pagos == ()  # reading is allowed


def test_costs_need_a_concept_and_an_amount(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    pagos = PagosService(srv.ctx)
    with pytest.raises(ValidationError, match="concepto"):
        pagos.registrar_costa(numero, date(2025, 2, 1), " ", D("10.00"))
    with pytest.raises(ValidationError, match="mayor que cero"):
        pagos.registrar_costa(numero, date(2025, 2, 1), "Avalúo", D("-3.00"))
    c = pagos.registrar_costa(numero, date(2025, 2, 1), "  Avalúo   del perito ", "45,5".replace(",", "."))
    assert (c.concepto, c.monto) == ("Avalúo del perito", D("45.50"))
