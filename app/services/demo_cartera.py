"""The older part of the demo office's portfolio, finished as a real office finishes it (issue 11).

Called with one line from :func:`app.services.demo.crear_demo` after the procedure's stages
(:mod:`app.services.demo_etapas`). Of the juicios drawn more than 180 days ago and still «Sorteado», about
two thirds were paid in full within their 180-day plazo and archived with the funcionario ejecutor's auto de
archivo, a few were dadas de baja by resolution, and the ones near the end of their plazo got the 90-day
prórroga (C.D. 321) before it ran out; the rest stay overdue, as in a real office. Each step goes through the
real services (payments, documents with their folios, acts), dated on business days, none in the future.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.common.dates import local_today
from app.common.errors import AppError
from app.domain.etapas import Etapa
from app.domain.terminos import PLAZO_SECRETARIO_DIAS, Calendario
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.storage.models import Expediente

log = logging.getLogger(__name__)
#: Share of the old idle juicios paid in full and archived, dados de baja; the rest stay open.
ARCHIVADOS, BAJAS = 0.64, 0.07
#: Juicios kept idle for the goods demo (:func:`app.services.demo_bienes.crear_bienes_demo` takes the 8 most
#: recent drawn 240 days ago or before), with a margin.
RESERVA_BIENES, EDAD_BIENES = 12, 240
#: A debt above this (USD) is not paid in full at once in the demo.
GRANDE = Decimal("20000")
#: At most this many juicios closed (a large benchmark office stays quick to build).
TOPE = 2500
BAJA = ("Baja del título de crédito por resolución de la Dirección Provincial: el empleador justificó el pago "
        "de las planillas antes de la emisión del título.")
PRORROGA = "Prórroga del plazo del secretario-abogado por 90 días, solicitada antes de su vencimiento (C.D. 321)."


def cerrar_cartera_antigua(srv: Servicios, semilla: int = 1,
                           progreso: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Finish most of the juicios drawn more than 180 days ago still in «Sorteado» (see the module).

    Returns ``{"archivados": n, "bajas": n, "prorrogas": n}``. A juicio the rules refuse is left as it is."""
    hoy = local_today()
    cal = srv.oficina.calendario()
    rng = random.Random(semilla * 31 + 7)
    with srv.ctx.read() as s:
        filas = s.execute(select(Expediente.numero, Expediente.fecha_inicio).where(
            Expediente.office_id == srv.ctx.office_id, Expediente.etapa == Etapa.SORTEADO.value,
            Expediente.fecha_inicio < hoy - timedelta(days=PLAZO_SECRETARIO_DIAS - 30))
            .order_by(Expediente.fecha_inicio, Expediente.numero)).all()
    reserva = {n for n, f in sorted((x for x in filas if x[1] <= hoy - timedelta(days=EDAD_BIENES)),
                                    key=lambda x: (x[1], x[0]), reverse=True)[:RESERVA_BIENES]}
    hechos = {"archivados": 0, "bajas": 0, "prorrogas": 0}
    for numero, inicio in filas:
        if numero in reserva or hechos["archivados"] + hechos["bajas"] >= TOPE:
            continue
        vence = inicio + timedelta(days=PLAZO_SECRETARIO_DIAS)
        r = rng.random()
        try:
            if vence < hoy and r < ARCHIVADOS:
                # paid within the plazo (most debtors pay in the first months), the auto de archivo days later
                pago = min(inicio + timedelta(days=rng.randint(20, PLAZO_SECRETARIO_DIAS - 10)),
                           hoy - timedelta(days=10))
                pago = cal.siguiente_habil(pago)
                saldo = srv.liquidacion.calcular(numero, pago).total
                if saldo > GRANDE:  # a large debtor does not pay it all at once: his juicio stays open
                    continue
                srv.pagos.registrar_abono(numero, pago, saldo, f"DEP-{rng.randint(100000, 999999)}")
                auto = cal.sumar_dias_habiles(pago, rng.randint(1, 4))
                srv.documentos.generar(TipoDocumento.AUTO_ARCHIVO, numero, min(auto, _habil_antes(cal, hoy)))
                hechos["archivados"] += 1
            elif vence < hoy and r < ARCHIVADOS + BAJAS:
                srv.actos.registrar(numero, TipoActo.BAJA, cal.siguiente_habil(
                    min(inicio + timedelta(days=rng.randint(60, 400)), hoy - timedelta(days=5))), BAJA)
                hechos["bajas"] += 1
            elif (hoy - timedelta(days=90) < vence < hoy and r < 0.93) or (vence >= hoy and r < 0.3):
                # the prórroga asked for in time, days before the plazo ran out: it runs 90 days more
                dia = _habil_antes(cal, min(vence - timedelta(days=rng.randint(3, 20)), hoy))
                srv.actos.registrar(numero, TipoActo.PRORROGA, dia, PRORROGA, datos={"dias": 90})
                hechos["prorrogas"] += 1
        except AppError as exc:  # the demo keeps to the rules: a refused step leaves the juicio as it is
            log.info("demo: %s quedó como estaba: %s", numero, exc.message)
    progreso(f"Cartera antigua: {hechos['archivados']} juicios pagados y archivados, {hechos['bajas']} dados de "
             f"baja, {hechos['prorrogas']} con prórroga del plazo")
    return hechos


def _habil_antes(cal: Calendario, d: date) -> date:
    """``d`` or the last business day before it."""
    while not cal.es_habil(d):
        d -= timedelta(days=1)
    return d
