"""The procedure in the demo office (``python -m app demo``): juicios brought through the real services to every
stage — requerimiento de pago (not yet notified, its término running, its término lapsed), orden de pago
inmediato waiting for the citador, notificado (término running and lapsed), medidas cautelares with and
without the bank's reply, paid in full and archived, under an acuerdo de pago parcial and remitted to
insolvencia — dated relative to today on business days, so that the vencimientos show términos in the past,
today and the coming days. Embargo, avalúo and remate come from :mod:`app.services.demo_bienes`.

Every step keeps the legal order the services enforce: the OPI only after the RPV was notified and its
10 días hábiles lapsed (COA arts. 271, 279), medidas after the OPI, insolvencia after the OPI and the medidas
came to nothing (C.D. 497).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.common.dates import local_today
from app.common.errors import AppError
from app.domain.etapas import Etapa
from app.domain.terminos import Calendario
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.storage.models import Expediente

log = logging.getLogger(__name__)
ZONA = ZoneInfo("America/Guayaquil")
DIRECCIONES = ("Av. Daniel León Borja 24-15 y Duchicela, Riobamba", "Calle Primera Constituyente 18-40, Riobamba",
               "Av. 9 de Octubre y Juan Montalvo, Guano", "Barrio La Dolorosa, calle Espejo 12-08, Riobamba",
               "Av. Lizarzaburu y Sergio Quirola, Riobamba", "Calle Colón 21-30 y Villarroel, Riobamba")


@dataclass
class _Oficina:
    srv: Servicios
    cal: Calendario
    hoy: date
    rng: random.Random
    libres: list[tuple[str, date]]  # SORTEADO juicios not used yet (numero, fecha_inicio), oldest first
    etapas: dict[str, int] = field(default_factory=dict)
    opis: int = 0

    def atras(self, n: int) -> date:
        """The business day ``n`` business days before today (0: today, or the last business day)."""
        d = self.hoy
        while not self.cal.es_habil(d):
            d -= timedelta(days=1)
        while n > 0:
            d -= timedelta(days=1)
            n -= self.cal.es_habil(d)
        return d

    def juicio(self, antes_de: date) -> str | None:
        """A juicio drawn before ``antes_de`` (at least three business days), preferring the ones drawn in the
        five months before it: recent work is on recent juicios, but not only."""
        tope = antes_de - timedelta(days=5)
        aptos = [i for i, (_n, f) in enumerate(self.libres) if f <= tope]
        if not aptos:
            return None
        cerca = [i for i in aptos if self.libres[i][1] >= tope - timedelta(days=150)]
        i = self.rng.choice(cerca or aptos[-3:])
        return self.libres.pop(i)[0]

    def notificar(self, juicio: str, dia: date, notifica: TipoActo, hora: int = 10) -> None:
        if dia >= self.hoy:  # served this morning: not in the future when the demo is built
            hora = 8
        self.srv.notificaciones.registrar(
            juicio, intento=1, forma="PERSONAL", efectiva=True, notifica=notifica,
            direccion=self.rng.choice(DIRECCIONES),
            fecha_hora=datetime.combine(dia, time(hora, self.rng.choice((0, 15, 30, 45))), ZONA))

    def rpv(self, juicio: str, dia: date, notificar: bool = True) -> date:
        """RPV on ``dia``, notified the next business day; returns the notification's date."""
        self.srv.documentos.generar(TipoDocumento.RPV, juicio, dia)
        notificada = self.cal.sumar_dias_habiles(dia, 1)
        if notificar:
            self.notificar(juicio, notificada, TipoActo.RPV)
        return notificada

    def opi(self, juicio: str, dia: date) -> date:
        """RPV and its notification so that its término lapsed before ``dia``, then the OPI on ``dia``."""
        rpv = dia - timedelta(days=self.rng.randint(24, 40))
        while not self.cal.es_habil(rpv):
            rpv -= timedelta(days=1)
        self.rpv(juicio, rpv)
        self.srv.documentos.generar_opi(juicio, dia)
        self.opis += 1
        return dia


def _rpv_sin_notificar(o: _Oficina, j: str, dia: date) -> None:
    o.rpv(j, dia, notificar=False)


def _rpv_notificado(o: _Oficina, j: str, dia: date) -> None:
    o.rpv(j, dia)


def _opi(o: _Oficina, j: str, dia: date) -> None:
    o.opi(j, dia)


def _notificado(o: _Oficina, j: str, dia: date) -> None:
    """OPI a few business days before ``dia``, notified on ``dia`` (its 3 días run from there)."""
    o.opi(j, o.cal.siguiente_habil(dia - timedelta(days=o.rng.randint(3, 9))))
    o.notificar(j, dia, TipoActo.OPI, hora=o.rng.choice((9, 11, 15)))


def _medidas(o: _Oficina, j: str, dia: date, respuesta: bool = True) -> None:
    """OPI, its notification, then oficios for retention of funds and the ANT on ``dia``; the bank's reply
    a week later (when that is not after today)."""
    _notificado(o, j, o.cal.siguiente_habil(dia - timedelta(days=o.rng.randint(6, 15))))
    m = o.srv.medidas.ordenar(j, "RETENCION", fecha_envio=dia,
                              oficio_numero=f"IESS-CCH-{dia.year}-{o.rng.randint(100, 999)}")
    o.srv.medidas.ordenar(j, "PROHIBICION_VEHICULO", fecha_envio=dia)
    contesta = o.cal.sumar_dias_habiles(dia, 5)
    if respuesta and contesta <= o.hoy:
        monto = f"{o.rng.randint(80, 2400)}.{o.rng.randint(0, 99):02d}" if o.rng.random() < 0.6 else "0"
        o.srv.medidas.registrar_respuesta(
            m.id, contesta, "Se retuvieron los fondos de las cuentas del coactivado." if monto != "0"
            else "El coactivado no registra cuentas con saldo en el sistema financiero.",
            monto_retenido=monto)


def _archivo(o: _Oficina, j: str, dia: date) -> None:
    """OPI notified, then the debtor pays everything on ``dia``: the funcionario ejecutor's auto de archivo."""
    _notificado(o, j, o.cal.siguiente_habil(dia - timedelta(days=o.rng.randint(5, 20))))
    saldo = o.srv.liquidacion.calcular(j, dia).total
    o.srv.pagos.registrar_abono(j, dia, saldo, f"DEP-{o.rng.randint(100000, 999999)}")
    o.srv.documentos.generar(TipoDocumento.AUTO_ARCHIVO, j, dia)


def _convenio(o: _Oficina, j: str, dia: date) -> None:
    """OPI notified, then an acuerdo de pago parcial signed on ``dia`` with its cuotas paid up to today."""
    from decimal import Decimal

    _notificado(o, j, o.cal.siguiente_habil(dia - timedelta(days=o.rng.randint(5, 20))))
    conv = o.srv.convenios.crear(j, dia, plazo_meses=12, tasa_anual=Decimal("9.5"))
    for c in conv.cuotas:
        if c.vence > o.hoy:
            break
        o.srv.pagos.registrar_abono(j, c.vence, c.cuota, f"APP-{o.rng.randint(100000, 999999)}")


def _insolvencia(o: _Oficina, j: str, dia: date) -> None:
    """OPI notified and medidas that found nothing, ~4 months before ``dia``; remitted to Patrocinio on ``dia``."""
    _medidas(o, j, o.cal.siguiente_habil(dia - timedelta(days=120)), respuesta=False)
    o.srv.actos.registrar(j, TipoActo.INSOLVENCIA, dia,
                          "Sin bienes ni fondos que embargar: se remite el expediente a Patrocinio para el juicio "
                          "de insolvencia (C.D. 497, Disposición General Sexta).")


#: (what, recipe, how many business days before today its last step falls, days its first act comes before
#: that last step at most, juicios per 1,000 in the office, at least; spread evenly over the range)
RECETAS: tuple[tuple[str, Callable[[_Oficina, str, date], None], tuple[int, int], int, int, int], ...] = (
    ("requerimiento sin notificar", _rpv_sin_notificar, (0, 4), 0, 4, 1),
    ("requerimiento con término corriendo", _rpv_notificado, (1, 8), 0, 4, 1),
    ("requerimiento con término vencido", _rpv_notificado, (14, 40), 0, 3, 1),
    ("orden de pago por notificar", _opi, (0, 6), 42, 4, 1),
    ("notificado con término corriendo", _notificado, (0, 2), 52, 3, 1),
    ("notificado con término vencido", _notificado, (8, 60), 52, 3, 1),
    ("medidas cautelares", _medidas, (5, 200), 70, 6, 1),
    ("archivado por pago total", _archivo, (10, 640), 75, 3, 2),
    ("acuerdo de pago parcial", _convenio, (30, 400), 75, 2, 1),
    ("remitido a insolvencia", _insolvencia, (60, 500), 195, 3, 1),
)


def crear_etapas_demo(srv: Servicios, size: int, semilla: int = 1,
                      progreso: Callable[[str], None] = lambda _m: None) -> tuple[dict[str, int], int]:
    """Bring some drawn juicios (about 35 per 1,000, at least one per recipe when the office has room) through
    the procedure. Returns ({recipe: juicios}, OPIs generated). A juicio the rules refuse is left as it is."""
    hoy = local_today()
    with srv.ctx.read() as s:
        libres = [(n, f) for n, f in s.execute(
            select(Expediente.numero, Expediente.fecha_inicio).where(
                Expediente.office_id == srv.ctx.office_id, Expediente.etapa == Etapa.SORTEADO.value)
            .order_by(Expediente.fecha_inicio, Expediente.numero)).all()]
    o = _Oficina(srv, srv.oficina.calendario(), hoy, random.Random(semilla * 7 + 3), libres)
    escala = min(size, 1000) / 1000
    for nombre, receta, (a, b), antes, por_mil, minimo in RECETAS:
        n = max(minimo, round(por_mil * escala)) if size >= 60 else 1
        for i in range(n):
            dia = o.atras(a + (b - a) * i // (n - 1) if n > 1 else o.rng.randint(a, b))
            j = o.juicio(dia - timedelta(days=antes))
            if j is None:
                continue
            try:
                receta(o, j, dia)
            except AppError as exc:  # the demo keeps to the rules: a refused step leaves the juicio as it is
                log.info("demo: %s (%s) quedó a medias: %s", j, nombre, exc.message)
                continue
            o.etapas[nombre] = o.etapas.get(nombre, 0) + 1
    progreso(f"Procedimiento: {sum(o.etapas.values())} juicios en trámite ({o.opis} órdenes de pago inmediato)")
    return o.etapas, o.opis
