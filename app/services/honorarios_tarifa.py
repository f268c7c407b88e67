"""The office's fee tariff, its table of legal suspensions and whether the coactivado pays the fee
(domain.md §4, all **configurable**), and :func:`regla_de` that the liquidación and the fee requests read.

Office settings (table ``preferencia``):

- ``honorarios.a_cargo_del_coactivado``: ``si:aaaa-mm-dd`` (charged from that date on; plain ``si``: always) or
  ``no`` (default ``no``: the fee is shown in the liquidación but not added to the debt, as before issue 12;
  public sources indicate it is charged to the coactivado — an office that confirms it turns it on, and needs a
  confirmed tariff to do so);
- ``honorarios.tarifa_confirmada``: set when the administrador confirms or edits the tariff (until then the
  UI shows the default as "configurable, sin confirmar");
- ``honorarios.suspensiones_configuradas``: set on the first edit of the suspensions (until then the
  default table applies).

Writes require ``TARIFAS_EDITAR`` (administrador). The first edit of a table copies the defaults into the
office's rows, so that an edit never silently drops the defaults the office did not touch.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.documents.campos import modelo as cm
from app.domain.honorarios import (
    FUENTE_PREDETERMINADA,
    SUSPENSIONES_PREDETERMINADAS,
    TARIFA_PREDETERMINADA,
    ReglaHonorarios,
    Suspension,
    Tarifa,
    validar_suspension,
    validar_tarifa,
)
from app.domain.permisos import Permiso
from app.domain.preferencias import HONORARIOS_A_CARGO, SUSPENSIONES_CONFIGURADAS, TARIFA_CONFIRMADA, CobroAlCoactivado
from app.services.context import Contexto
from app.storage.consultas.expedientes import fecha_sorteo_de
from app.storage.consultas.preferencias import guardar, leer, textos
from app.storage.models import Expediente
from app.storage.models_honorarios import SuspensionHonorarios, TarifaHonorarios


@dataclass(frozen=True, slots=True)
class ConfiguracionHonorarios:
    """What the office has set. ``tarifa_confirmada`` False: the default tariff applies (UI: configurable)."""

    tarifas: tuple[Tarifa, ...]
    suspensiones: tuple[Suspension, ...]
    a_cargo_del_coactivado: bool
    tarifa_confirmada: bool
    suspensiones_configuradas: bool
    a_cargo_desde: date | None = None


def configuracion_de(s: Session, office_id: uuid.UUID) -> ConfiguracionHonorarios:
    """The office's fee settings (defaults where it has none)."""
    trows = s.scalars(select(TarifaHonorarios).where(TarifaHonorarios.office_id == office_id)
                      .order_by(TarifaHonorarios.vigente_desde)).all()
    srows = s.scalars(select(SuspensionHonorarios).where(SuspensionHonorarios.office_id == office_id)
                      .order_by(SuspensionHonorarios.desde)).all()
    p = textos(s, office_id, (TARIFA_CONFIRMADA, SUSPENSIONES_CONFIGURADAS, HONORARIOS_A_CARGO))
    confirmada = TARIFA_CONFIRMADA.valor(p.get(TARIFA_CONFIRMADA.clave)) and bool(trows)
    configuradas = SUSPENSIONES_CONFIGURADAS.valor(p.get(SUSPENSIONES_CONFIGURADAS.clave))
    tarifas = tuple(Tarifa(r.vigente_desde, Decimal(r.porcentaje), Decimal(r.iva_porcentaje), r.fuente)
                    for r in trows) if confirmada else TARIFA_PREDETERMINADA
    suspensiones = tuple(Suspension(r.desde, r.hasta, r.motivo, r.fuente) for r in srows) if configuradas \
        else SUSPENSIONES_PREDETERMINADAS
    cargo = HONORARIOS_A_CARGO.valor(p.get(HONORARIOS_A_CARGO.clave))
    return ConfiguracionHonorarios(tarifas, suspensiones, cargo.si, confirmada, configuradas, cargo.desde)


def regla_de(s: Session, e: Expediente, config: ConfiguracionHonorarios | None = None) -> ReglaHonorarios:
    """The fee rule of expediente ``e``: office tariff and suspensions, its sorteo date, who pays."""
    c = config or configuracion_de(s, e.office_id)
    return ReglaHonorarios(c.tarifas, c.suspensiones, fecha_sorteo_de(s, e), c.a_cargo_del_coactivado,
                           c.a_cargo_desde)


def honorarios_opi(s: Session, e: Expediente, fecha: date) -> cm.HonorariosOpi | None:
    """What an OPI of ``e`` dated ``fecha`` says about the fee: None when the office does not charge it to
    the coactivado; else the tariff in force on ``fecha`` and that fee on the título's total."""
    regla = regla_de(s, e)
    if not regla.cobra_en(fecha):
        return None
    t = regla.tarifa_en(fecha)
    return cm.HonorariosOpi(t.porcentaje, t.iva_porcentaje, regla.honorario(e.titulo.total, fecha))


def _porcentaje(valor: Decimal | str, que: str) -> Decimal:
    try:
        return Decimal(str(valor).strip().replace(",", "."))
    except InvalidOperation as exc:
        raise ValidationError(f"«{valor}» no es un {que} válido.") from exc


class TarifaHonorariosService:
    """The administrador's fee settings (see the module docstring)."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def configuracion(self) -> ConfiguracionHonorarios:
        with self.ctx.read() as s:
            return configuracion_de(s, self.ctx.office_id)

    def _materializar_tarifa(self, s: Session) -> None:
        c = configuracion_de(s, self.ctx.office_id)
        if not c.tarifa_confirmada:
            existentes = {r.vigente_desde for r in s.scalars(
                select(TarifaHonorarios).where(TarifaHonorarios.office_id == self.ctx.office_id))}
            confirmada = f"10 % de lo recuperado, confirmado por la unidad el {format_dmy(local_today())}"
            for t in TARIFA_PREDETERMINADA:
                if t.vigente_desde not in existentes:
                    s.add(TarifaHonorarios(office_id=self.ctx.office_id, vigente_desde=t.vigente_desde,
                                           porcentaje=t.porcentaje, iva_porcentaje=t.iva_porcentaje,
                                           fuente=t.fuente.replace(FUENTE_PREDETERMINADA, confirmada)))
            guardar(s, self.ctx.office_id, TARIFA_CONFIRMADA, True)
            s.flush()

    def confirmar_tarifa(self) -> ConfiguracionHonorarios:
        """The office confirms the tariff in use (the default becomes its own table, no longer marked
        configurable). Raises PermissionDenied (administrador only)."""
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        with self.ctx.tx("confirmar tarifa de honorarios") as s:
            self._materializar_tarifa(s)
        return self.configuracion()

    def agregar_tarifa(self, vigente_desde: date, porcentaje: Decimal | str, iva_porcentaje: Decimal | str,
                       fuente: str) -> ConfiguracionHonorarios:
        """Add a tariff row in force from ``vigente_desde`` (percent of the recovery, IVA percent, legal source).

        Raises:
            PermissionDenied: not the administrador.
            ValidationError: percents outside 0..100, no source, a row already in force from that date.
        """
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        p, i = _porcentaje(porcentaje, "porcentaje"), _porcentaje(iva_porcentaje, "porcentaje de IVA")
        fuente = " ".join((fuente or "").split())
        validar_tarifa(p, i, fuente)
        with self.ctx.tx("agregar tarifa de honorarios") as s:
            self._materializar_tarifa(s)
            existe = s.scalar(select(TarifaHonorarios.id).where(
                TarifaHonorarios.office_id == self.ctx.office_id, TarifaHonorarios.vigente_desde == vigente_desde))
            if existe is not None:
                raise ValidationError(f"Ya hay una tarifa de honorarios vigente desde el {format_dmy(vigente_desde)}.")
            s.add(TarifaHonorarios(office_id=self.ctx.office_id, vigente_desde=vigente_desde, porcentaje=p,
                                   iva_porcentaje=i, fuente=fuente))
        return self.configuracion()

    def eliminar_tarifa(self, vigente_desde: date) -> ConfiguracionHonorarios:
        """Remove the office's tariff row in force from ``vigente_desde`` (requests already made keep the
        tariff they used).

        Raises:
            PermissionDenied, NotFoundError, ValidationError (the last row cannot be removed).
        """
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        with self.ctx.tx("eliminar tarifa de honorarios") as s:
            self._materializar_tarifa(s)
            rows = s.scalars(select(TarifaHonorarios).where(TarifaHonorarios.office_id == self.ctx.office_id)).all()
            row = next((r for r in rows if r.vigente_desde == vigente_desde), None)
            if row is None:
                raise NotFoundError(f"No hay tarifa de honorarios vigente desde el {format_dmy(vigente_desde)}.")
            if len(rows) <= 1:
                raise ValidationError("La tabla de honorarios necesita al menos una tarifa.")
            s.delete(row)
        return self.configuracion()

    def cobrar_al_coactivado(self, si: bool, desde: date | None = None) -> ConfiguracionHonorarios:
        """Whether the fee is a line of the coactivado's debt (liquidación, OPI, imputation of abonos), from
        ``desde`` on (default today: recoveries before it carry no fee for the coactivado).

        Raises:
            PermissionDenied: not the administrador.
            RuleError: charging it before the office confirmed its tariff (a document would print the
                default as if it were the office's rule).
        """
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        with self.ctx.tx("configurar cobro de honorarios") as s:
            if si and not configuracion_de(s, self.ctx.office_id).tarifa_confirmada:
                raise RuleError("Confirme la tarifa de honorarios de la unidad antes de cobrarlos al coactivado: "
                                "la liquidación y la orden de pago inmediato la citarán.")
            valor = CobroAlCoactivado(True, desde or local_today()) if si else CobroAlCoactivado(False)
            guardar(s, self.ctx.office_id, HONORARIOS_A_CARGO, valor)
        return self.configuracion()

    def _materializar_suspensiones(self, s: Session) -> None:
        if not leer(s, self.ctx.office_id, SUSPENSIONES_CONFIGURADAS):
            for x in SUSPENSIONES_PREDETERMINADAS:
                s.add(SuspensionHonorarios(office_id=self.ctx.office_id, desde=x.desde, hasta=x.hasta,
                                           motivo=x.motivo, fuente=x.fuente))
            guardar(s, self.ctx.office_id, SUSPENSIONES_CONFIGURADAS, True)
            s.flush()

    def agregar_suspension(self, desde: date, hasta: date, motivo: str, fuente: str = "") -> ConfiguracionHonorarios:
        """Add a legal suspension (both days included) during which recoveries generate no fees.

        Raises:
            PermissionDenied, ValidationError (reversed dates, no reason).
        """
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        motivo = " ".join((motivo or "").split())
        validar_suspension(desde, hasta, motivo)
        with self.ctx.tx("agregar suspensión de honorarios") as s:
            self._materializar_suspensiones(s)
            s.add(SuspensionHonorarios(office_id=self.ctx.office_id, desde=desde, hasta=hasta, motivo=motivo[:300],
                                       fuente=(fuente or "").strip()))
        return self.configuracion()

    def eliminar_suspension(self, desde: date, hasta: date) -> ConfiguracionHonorarios:
        """Remove the suspension ``desde``..``hasta`` from the office's table. Raises PermissionDenied,
        NotFoundError."""
        self.ctx.exigir(Permiso.TARIFAS_EDITAR)
        with self.ctx.tx("eliminar suspensión de honorarios") as s:
            self._materializar_suspensiones(s)
            row = s.scalars(select(SuspensionHonorarios).where(
                SuspensionHonorarios.office_id == self.ctx.office_id, SuspensionHonorarios.desde == desde,
                SuspensionHonorarios.hasta == hasta)).first()
            if row is None:
                raise NotFoundError(f"No hay suspensión del {format_dmy(desde)} al {format_dmy(hasta)}.")
            s.delete(row)
        return self.configuracion()
