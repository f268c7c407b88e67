"""Vencimientos: terms due today, this week and overdue, per secretario and for the office; CLI text."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.common.errors import NotFoundError, ValidationError
from app.domain.terminos import TipoTermino
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.vencimientos import (
    DESCRIPCION_PLAZO,
    EstadoVencimiento,
    VencimientosService,
    formatear_vencimientos,
)
from app.storage.models import Expediente, Secretario
from tests.services.test_actos import TZ, abrir_juicios, acto_con_documento, notificar_opi, rpv_notificada


@pytest.fixture
def oficina(con_secretarios: Servicios) -> tuple[Servicios, list[str]]:
    """Four juicios drawn on 03/02/2025: an RPV, a notified OPI, an un-notified OPI, and one untouched."""
    srv = con_secretarios
    numeros = abrir_juicios(srv, 4)
    rpv_notificada(srv, numeros[0])  # notified 03/02/2025: término to 17/02/2025
    rpv_notificada(srv, numeros[1])
    acto_con_documento(srv, numeros[1], TipoActo.OPI, date(2025, 2, 20))
    notificar_opi(srv, numeros[1], datetime(2025, 2, 28, 10, 0, tzinfo=TZ))  # término to 07/03/2025
    rpv_notificada(srv, numeros[2])
    acto_con_documento(srv, numeros[2], TipoActo.OPI, date(2025, 2, 20))
    return srv, numeros


def test_due_today_this_week_and_overdue(oficina: tuple[Servicios, list[str]]) -> None:
    srv, n = oficina
    v = VencimientosService(srv.ctx)
    hoy = date(2025, 3, 5)  # Wednesday after Carnaval
    sin_plazo = {"incluir_plazo_secretario": False}
    vencidos = v.listar(hoy, alcance="vencidos", **sin_plazo)
    assert [(x.juicio, x.vence, x.estado, x.dias_restantes) for x in vencidos] == [
        (n[0], date(2025, 2, 17), EstadoVencimiento.VENCIDO, -10),  # 18/02..05/03 minus Carnaval: 10 hábiles
    ]
    semana = v.listar(hoy, alcance="semana", **sin_plazo)
    assert [(x.juicio, x.vence, x.estado, x.dias_restantes, x.tipo) for x in semana] == [
        (n[1], date(2025, 3, 7), EstadoVencimiento.SEMANA, 2, TipoTermino.TERMINO),
    ]
    assert semana[0].descripcion == "Término para pagar o dimitir bienes (COA art. 279)"
    assert v.listar(date(2025, 3, 7), alcance="hoy", **sin_plazo)[0].estado is EstadoVencimiento.HOY
    assert [x.juicio for x in v.listar(hoy, alcance="pendientes", **sin_plazo)] == [n[0], n[1]]


def test_secretario_plazo_of_180_days_and_prorroga(oficina: tuple[Servicios, list[str]]) -> None:
    srv, n = oficina
    v = VencimientosService(srv.ctx)
    # Handover 03/02/2025 + 180 calendar days = 02/08/2025 (a Saturday: plazos count calendar days).
    hoy = date(2025, 7, 30)
    plazos = [x for x in v.listar(hoy, alcance="semana") if x.descripcion == DESCRIPCION_PLAZO]
    assert sorted(x.juicio for x in plazos) == sorted(n)
    assert {(x.vence, x.dias_restantes, x.tipo) for x in plazos} == {(date(2025, 8, 2), 3, TipoTermino.PLAZO)}
    ActosService(srv.ctx).registrar(n[3], TipoActo.PRORROGA, date(2025, 7, 15))
    plazos = [x for x in v.listar(hoy, alcance="todos") if x.descripcion == DESCRIPCION_PLAZO]
    assert {x.juicio: x.vence for x in plazos}[n[3]] == date(2025, 10, 31)
    # An archived juicio has no running plazo.
    acto_con_documento(srv, n[2], TipoActo.ARCHIVO, date(2025, 7, 16), {"saldo": 0, "documento": "auto-archivo"})
    assert n[2] not in {x.juicio for x in v.listar(hoy, alcance="todos")}
    assert v.listar(hoy, alcance="hoy") == []


def test_per_secretario_and_sorted_by_due_date(oficina: tuple[Servicios, list[str]]) -> None:
    srv, n = oficina
    v = VencimientosService(srv.ctx)
    todos = v.listar(date(2025, 3, 5), alcance="todos")
    assert [x.vence for x in todos] == sorted(x.vence for x in todos)
    with srv.ctx.read() as s:
        dueno = dict(s.execute(select(Expediente.numero, Secretario.cedula)
                               .join(Secretario, Secretario.id == Expediente.secretario_id)).all())
    cedula = dueno[n[1]]
    suyos = v.listar(date(2025, 3, 5), secretario_cedula=cedula, alcance="todos")
    assert suyos and {x.secretario_cedula for x in suyos} == {cedula}
    assert {x.juicio for x in suyos} == {k for k, c in dueno.items() if c == cedula}
    with pytest.raises(NotFoundError, match="No hay un secretario-abogado con cédula 0999999999"):
        v.listar(secretario_cedula="0999999999")
    with pytest.raises(ValidationError, match="Alcance «mañana» desconocido"):
        v.listar(alcance="mañana")  # type: ignore[arg-type]
    assert v.listar(date(2025, 3, 5), alcance="todos", limite=2) == todos[:2]


def test_counts_and_closed_terms_disappear(oficina: tuple[Servicios, list[str]]) -> None:
    srv, n = oficina
    v = VencimientosService(srv.ctx)
    hoy = date(2025, 3, 5)
    assert v.contar(hoy) == {EstadoVencimiento.VENCIDO: 1, EstadoVencimiento.HOY: 0,
                             EstadoVencimiento.SEMANA: 1, EstadoVencimiento.PROXIMO: 4}
    acto_con_documento(srv, n[1], TipoActo.EMBARGO, date(2025, 3, 10))
    assert v.contar(date(2025, 3, 5), incluir_plazo_secretario=False)[EstadoVencimiento.SEMANA] == 0


def test_text_for_the_command_line(oficina: tuple[Servicios, list[str]]) -> None:
    srv, n = oficina
    hoy = date(2025, 3, 5)
    texto = formatear_vencimientos(VencimientosService(srv.ctx).listar(hoy), hoy)
    lineas = texto.splitlines()
    assert lineas[0] == "Vencimientos al 05/03/2025: 2 — vencidos 1, hoy 0, esta semana 1, próximos 0"
    assert f"Vencido     17/02/2025   -10h  {n[0]}" in texto
    assert f"Esta semana 07/03/2025     2h  {n[1]}" in texto
    assert formatear_vencimientos([], hoy) == "Sin términos vencidos ni por vencer al 05/03/2025."
    v = VencimientosService(srv.ctx)
    pagina = formatear_vencimientos(v.listar(hoy, limite=1), hoy, v.contar(hoy))
    assert pagina.splitlines()[:2] == ["Vencimientos al 05/03/2025: 1 — vencidos 1, hoy 0, esta semana 1",
                                       "Se muestran 1 de 2 (los más antiguos primero)."]
