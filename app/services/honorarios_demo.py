"""Fees in the demo office (``python -m app demo``): recoveries dated relative to today and fee requests in
every state — pending review, approved (with its orden de pago foliated), paid, rejected and requested again —
plus recoveries without fees (an APP exonerated of fees, a payment during the legal suspension when the juicio
is old enough) and a reversed payment. The jefe's decisions are made as the demo's jefe user."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.common.dates import local_today
from app.common.errors import AppError
from app.common.money import q
from app.common.text import plural
from app.domain.honorarios import Checklist
from app.domain.permisos import Rol, UsuarioActual
from app.services.bootstrap import Servicios
from app.storage.models import Expediente, Usuario
from app.storage.models_juicio import Termino

REVISADO = Checklist(True, True, True, True, "Expediente entregado y revisado")
_RECHAZADO = "rechazado y solicitado otra vez"
_PLURALES = {_RECHAZADO: "rechazados y solicitados otra vez"}


def _jefe(srv: Servicios) -> Servicios:
    with srv.ctx.read() as s:
        u = s.scalars(select(Usuario).where(Usuario.office_id == srv.ctx.office_id, Usuario.rol == Rol.JEFE.value,
                                            Usuario.activo.is_(True)).order_by(Usuario.login)).first()
    if u is None:
        return srv
    return srv.como(UsuarioActual(login=u.login, rol=Rol.JEFE, nombres=u.nombres, id=u.id))


def _candidatos(srv: Servicios, n: int) -> list[tuple[str, date]]:
    """``n`` juicios still in SORTEADO with no term running, oldest first (juicio, start date)."""
    with srv.ctx.read() as s:
        con_termino = select(Termino.expediente_id)
        filas = s.execute(select(Expediente.numero, Expediente.fecha_inicio)
                          .where(Expediente.office_id == srv.ctx.office_id, Expediente.etapa == "SORTEADO",
                                 Expediente.id.not_in(con_termino))
                          .order_by(Expediente.fecha_inicio, Expediente.numero).limit(n * 4)).all()
    return [(x, f) for x, f in filas][:: max(1, len(filas) // n)][:n]


def crear_honorarios_demo(srv: Servicios, semilla: int = 1) -> str:
    """Record the demo's recoveries and fee requests; returns a one-line summary (Spanish)."""
    rng = random.Random(semilla)
    hoy = local_today()
    jefe = _jefe(srv)
    estados: dict[str, int] = {}
    for i, (numero, inicio) in enumerate(_candidatos(srv, 12)):
        try:
            _uno(srv, jefe, numero, inicio, i, rng, hoy, estados)
        except AppError:  # a juicio the demo cannot use (e.g. nothing owed): skip it
            continue
    partes = ", ".join(plural(n, e, _PLURALES.get(e)) for e, n in sorted(estados.items()))
    return f"Honorarios de demostración: {partes or 'ninguno'}."


def _abono(srv: Servicios, numero: str, fecha: date, fraccion: str, ref: str) -> None:
    saldo = srv.liquidacion.calcular(numero, fecha).total
    srv.pagos.registrar_abono(numero, fecha, q(saldo * Decimal(fraccion)), ref)


def _uno(srv: Servicios, jefe: Servicios, numero: str, inicio: date, i: int, rng: random.Random, hoy: date,
         estados: dict[str, int]) -> None:
    dias = rng.randint(40, 90)
    f1 = max(inicio + timedelta(days=1), hoy - timedelta(days=dias))
    f2 = min(hoy, f1 + timedelta(days=rng.randint(5, 25)))
    tipo = i % 6
    # the RPV: a document in the expediente (its término lapsed long ago)
    srv.documentos.generar("rpv", numero, max(inicio, min(f1, date(2025, 1, 15)) - timedelta(days=20)))
    if tipo == 5 and inicio < date(2025, 1, 15):  # a payment during the legal suspension: no fee on it
        _abono(srv, numero, date(2025, 1, 15), "0.15", f"SUSP-{i:03d}")
    if tipo == 4:  # an APP exonerated of fees, and a payment to it
        _abono(srv, numero, f1, "0.20", f"DEP-{i:03d}")
        srv.convenios.crear(numero, f1 + timedelta(days=1), 6, sin_honorarios=True)
        _abono(srv, numero, max(f2, f1 + timedelta(days=2)), "0.10", f"APP-{i:03d}")
    else:
        _abono(srv, numero, f1, "0.25", f"DEP-{i:03d}")
        _abono(srv, numero, f2, "0.15", f"TRF-{i:03d}")
    if tipo == 3:  # the last payment was a bounced cheque: reversed, and its fee with it
        ultimo = srv.pagos.historial(numero).pagos[-1]
        srv.reversos.revertir_pago(numero, ultimo.id, "Cheque protestado por el banco")
    ultima = srv.pagos.historial(numero).pagos[-1].fecha
    sid = srv.honorarios.solicitar(numero, fecha=min(hoy, ultima + timedelta(days=2)))
    estado = ("pendiente", "aprobado", "pagado", "pagado", "rechazado", "aprobado")[tipo]
    if estado == "pendiente":
        estados["pendiente"] = estados.get("pendiente", 0) + 1
        return
    srv.liquidacion.registrar(numero, hoy)
    if estado == "rechazado":
        jefe.honorarios.revisar(sid, False, Checklist(True, False, True, True),
                                "Falta la razón de notificación de la orden de pago inmediato", fecha=hoy)
        srv.honorarios.solicitar(numero, fecha=hoy, observaciones="Se agregó la razón que faltaba")
        estados[_RECHAZADO] = estados.get(_RECHAZADO, 0) + 1
        return
    jefe.honorarios.revisar(sid, True, REVISADO, fecha=hoy)
    if estado == "pagado":
        jefe.honorarios.registrar_pago(sid, hoy, f"CUR {hoy.year}-{1000 + i}")
    clave = "pagado" if estado == "pagado" else "aprobado"
    estados[clave] = estados.get(clave, 0) + 1
