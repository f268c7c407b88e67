"""Test data made through the ORM, for services whose input path (import) is tested elsewhere."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.common.text import search_key
from app.services.bootstrap import Servicios
from app.storage.models import Deudor, TituloCredito

DEUDORES = [
    ("1760004650001", "RUC", "Comercial Ñandú Cía. Ltda."),
    ("1710034065", "CEDULA", "José Andrés Núñez Pérez"),
]


def crear_titulos(srv: Servicios, n: int, total: Decimal = Decimal("1242.50")) -> None:
    """``n`` pending títulos, alternating between two debtors; capital+interes+recargo = total."""
    with srv.ctx.tx("test: títulos") as s:
        deudores = []
        for ident, tipo, nombre in DEUDORES:
            d = Deudor(office_id=srv.ctx.office_id, identificacion=ident, tipo_identificacion=tipo,
                       nombre=nombre, nombre_busqueda=search_key(nombre))
            s.add(d)
            deudores.append(d)
        s.flush()
        for i in range(n):
            s.add(TituloCredito(
                office_id=srv.ctx.office_id, numero=f"TC-0601-2025-{i + 1:06d}", fecha_emision=date(2024, 12, 15),
                deudor_id=deudores[i % 2].id, concepto="Aportes patronales en mora", periodo="2024-11",
                capital=total - Decimal("142.50"), interes=Decimal("100.00"), recargo=Decimal("42.50"), total=total,
                fecha_interes_desde=date(2024, 11, 15), provincia="Chimborazo",
            ))


def rpv_vencido(srv: Servicios, juicio: str, opi: date) -> date:
    """Bring ``juicio`` to where an OPI dated ``opi`` is allowed (COA arts. 271, 279): its RPV dated about four
    weeks before (a business day), personally notified to the coactivado the next business day at 10h00, so that
    the 10 días hábiles have lapsed by ``opi``. Returns the RPV's date."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from app.domain.terminos import calendario

    cal = calendario()
    fecha = opi - timedelta(days=28)
    while not cal.es_habil(fecha):
        fecha -= timedelta(days=1)
    notificada = cal.sumar_dias_habiles(fecha, 1)
    assert cal.sumar_dias_habiles(notificada, 10) < opi
    srv.documentos.generar("rpv", juicio, fecha)
    srv.notificaciones.registrar(
        juicio, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV", direccion="Su domicilio",
        fecha_hora=datetime.combine(notificada, datetime.min.time().replace(hour=10),
                                    ZoneInfo("America/Guayaquil")).astimezone(UTC),
    )
    return fecha


def tasas_de_prueba(srv: Servicios, tasa: str = "12") -> None:
    """A monthly rate table for every month of 2024-2026, its source saying it is a test table."""
    from app.services.liquidacion import LiquidacionService

    LiquidacionService(srv.ctx).agregar_tasa(date(2024, 1, 1), Decimal(tasa), "Tabla de prueba (no oficial)",
                                             hasta=date(2026, 12, 1))


def honorario_pagado(srv: Servicios, abono: Decimal, comprobante: str) -> str:
    """One juicio (drawn 10/03/2025, rates from 2024) with an ``abono`` whose fee was requested, approved with
    the whole checklist and paid with ``comprobante``. Returns the juicio number. Needs a secretario."""
    from app.common.dates import local_today
    from app.domain.honorarios import Checklist

    crear_titulos(srv, 1)
    numero = srv.sorteo.realizar(semilla="x", fecha=date(2025, 3, 10)).asignaciones[0].juicio
    srv.liquidacion.agregar_tasa(date(2024, 1, 1), Decimal("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    srv.documentos.generar("rpv", numero, date(2025, 3, 10))
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), abono, "R-1")
    sid = srv.honorarios.solicitar(numero)
    srv.liquidacion.registrar(numero, local_today())
    srv.honorarios.revisar(sid, True, Checklist(True, True, True, True, "Expediente entregado completo"))
    srv.honorarios.registrar_pago(sid, local_today(), comprobante)
    return numero
