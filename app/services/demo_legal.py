"""What the demo office needs for issue 8's rules (called from :mod:`app.services.demo` with one line):

- the office's signatories (funcionario ejecutor and jefe, with cargo and gender) and each secretario's gender;
- an **illustrative** monthly rate table, every row's source saying so (it is not the legal rate: the office
  loads its own, domain.md §4), from the oldest título's month to today's;
- the sorteos' dates: which títulos were issued by a date, and a sorteo not dated before its títulos' issue.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.common.dates import local_today
from app.domain.intereses import siguiente_mes
from app.services.bootstrap import Servicios
from app.services.liquidacion import LiquidacionService

FUENTE_ILUSTRATIVA = "Tabla ILUSTRATIVA de la oficina de demostración: no es una tasa oficial"
FEMENINOS = ("Ana", "María", "Verónica", "Paola", "Gabriela", "Daniela", "Mónica", "Cristina")
TZ = ZoneInfo("America/Guayaquil")


def preparar_oficina_demo(srv: Servicios, desde: date) -> None:
    """Signatories, genders and the illustrative rate table (monthly, from ``desde``'s month to today)."""
    srv.oficina.actualizar(
        ejecutor_nombre="Ing. Patricio Xavier Carrasco Ruiz (demostración)", ejecutor_genero="M",
        ejecutor_cargo="Director Provincial del IESS Chimborazo, Funcionario Ejecutor",
        jefe_nombre="Ab. Rosa Elena Vallejo Cisneros (demostración)", jefe_genero="F",
        jefe_cargo="Jefa de la Unidad Provincial de Gestión de Coactiva")
    for x in srv.secretarios.listar():
        srv.secretarios.actualizar(x.id, genero="F" if x.nombres.split()[0] in FEMENINOS else "M")
    liq = LiquidacionService(srv.ctx)
    tiene = {t.vigente_desde for t in liq.tasas()}
    filas = []
    mes, hoy = desde.replace(day=1), local_today()
    while mes <= hoy:
        if mes not in tiene:
            # 9,5 % to 11,5 % a year, moving slowly: shaped like the BCE's published rates, invented.
            tasa = Decimal("10.50") + Decimal((mes.year * 12 + mes.month) % 5 - 2) / 2
            filas.append((mes, tasa, FUENTE_ILUSTRATIVA))
        mes = siguiente_mes(mes)
    if filas:
        liq.cargar_tasas(filas)


def pendientes_hasta(srv: Servicios, fecha: date | None) -> list:
    """Ids of the títulos waiting for the sorteo issued on or before ``fecha`` (None: all of them)."""
    from sqlalchemy import select

    from app.domain.etapas import EstadoTitulo
    from app.storage.models import TituloCredito

    q = select(TituloCredito.id).where(TituloCredito.office_id == srv.ctx.office_id,
                                       TituloCredito.estado == EstadoTitulo.PENDIENTE.value)
    if fecha is not None:
        q = q.where(TituloCredito.fecha_emision <= fecha)
    with srv.ctx.read() as s:
        return list(s.scalars(q))


def primer_dia_de_sorteo(srv: Servicios, fecha: date, ids: list | None = None) -> date:
    """``fecha``, or the last issue date of the títulos waiting for the sorteo (only ``ids`` when given) when
    later (a sorteo cannot be dated before its títulos' issue), moved to a business day."""
    from sqlalchemy import func, select

    from app.domain.etapas import EstadoTitulo
    from app.storage.models import TituloCredito

    q = select(func.max(TituloCredito.fecha_emision)).where(
        TituloCredito.office_id == srv.ctx.office_id, TituloCredito.estado == EstadoTitulo.PENDIENTE.value)
    if ids is not None:
        q = q.where(TituloCredito.id.in_(ids)) if len(ids) <= 30000 else q
    with srv.ctx.read() as s:
        ultima = s.scalar(q)
    fecha = max(fecha, ultima or fecha)
    return srv.oficina.calendario().siguiente_habil(fecha)
