"""Debtors (personas naturales or jurídicas with a representante legal), co-obligados of an expediente
(garantes, responsables solidarios: each named in the OPI and notified on his own) and the carátula data
the secretario fills in (casilla judicial, the debtor's lawyer). domain.md §2-3, §8.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import NotFoundError, PermissionDenied, RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.identificacion import tipo_persona as tipo_persona_de
from app.domain.identificacion import validar_cedula, validar_identificacion
from app.domain.permisos import Permiso
from app.domain.procedimiento import CERRADAS
from app.services.context import Contexto
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Deudor, Expediente
from app.storage.models_juicio import Coobligado


class TipoPersona(StrEnum):
    NATURAL = "NATURAL"
    JURIDICA = "JURIDICA"


class CalidadCoobligado(StrEnum):
    GARANTE = "GARANTE"
    RESPONSABLE_SOLIDARIO = "RESPONSABLE_SOLIDARIO"

    @property
    def etiqueta(self) -> str:
        return {"GARANTE": "Garante", "RESPONSABLE_SOLIDARIO": "Responsable solidario"}[self.value]


@dataclass(frozen=True, slots=True)
class DatosDeudor:
    id: uuid.UUID
    identificacion: str
    tipo_identificacion: str
    nombre: str
    tipo_persona: TipoPersona
    representante_legal: str
    representante_cedula: str
    direccion: str


@dataclass(frozen=True, slots=True)
class DatosCoobligado:
    id: uuid.UUID
    juicio: str
    identificacion: str
    nombre: str
    calidad: CalidadCoobligado
    direccion: str


@dataclass(frozen=True, slots=True)
class DatosCaratula:
    """The carátula fields the secretario edits (the rest comes from the título and the sorteo)."""

    juicio: str
    casilla_judicial: str
    abogado_deudor: str


def _deudor(d: Deudor) -> DatosDeudor:
    return DatosDeudor(
        id=d.id, identificacion=d.identificacion, tipo_identificacion=d.tipo_identificacion, nombre=d.nombre,
        tipo_persona=TipoPersona(d.tipo_persona or "NATURAL"), representante_legal=d.representante_legal or "",
        representante_cedula=d.representante_cedula or "", direccion=d.direccion or "",
    )


def _coobligado(c: Coobligado, juicio: str) -> DatosCoobligado:
    return DatosCoobligado(
        id=c.id, juicio=juicio, identificacion=c.identificacion, nombre=c.nombre,
        calidad=CalidadCoobligado(c.calidad), direccion=c.direccion or "",
    )


class DeudoresService:
    """Debtor data, co-obligados and carátula fields."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def datos(self, identificacion: str) -> DatosDeudor:
        """The debtor with that cédula/RUC. Raises NotFoundError."""
        with self.ctx.read() as s:
            return _deudor(self._buscar(s, identificacion))

    def actualizar(
        self,
        identificacion: str,
        *,
        tipo_persona: TipoPersona | str | None = None,
        representante_legal: str | None = None,
        representante_cedula: str | None = None,
        direccion: str | None = None,
    ) -> DatosDeudor:
        """Change a debtor's kind, legal representative and address (None leaves a field as it is).

        A persona jurídica (a sociedad's RUC: third digit 6 or 9, SRI) has a representante legal, whose
        cédula is validated (check digit, python-stdnum); a persona natural (a cédula, or a persona natural's
        RUC) has none.

        Raises:
            NotFoundError: no debtor with that identification in the office.
            ValidationError: unknown kind, a kind that contradicts the identification, a jurídica without
                representante legal, a natural with one, or an invalid cédula.
            PermissionDenied: the user may not handle any of this debtor's expedientes.
        """
        with self.ctx.tx("actualizar deudor") as s:
            d = self._buscar(s, identificacion)
            self._exigir_deudor(s, d)
            if tipo_persona is not None or representante_legal is not None or representante_cedula is not None:
                # Only a change of kind or representative is checked: an address change never fails on
                # imported data whose kind was not set yet.
                tipo = TipoPersona(d.tipo_persona or "NATURAL")
                if tipo_persona is not None:
                    try:
                        tipo = TipoPersona(str(tipo_persona).upper())
                    except ValueError as exc:
                        raise ValidationError(
                            f"Tipo de persona «{tipo_persona}» desconocido: use NATURAL o JURIDICA.") from exc
                esperado = tipo_persona_de(d.identificacion)
                if len(d.identificacion) == 10 and tipo is TipoPersona.JURIDICA:
                    raise ValidationError(f"{d.identificacion} es una cédula: corresponde a una persona natural.")
                if esperado == "JURIDICA" and tipo is TipoPersona.NATURAL:
                    raise ValidationError(f"El RUC {d.identificacion} es de una sociedad: corresponde a una persona "
                                          "jurídica.")
                rep = d.representante_legal if representante_legal is None else representante_legal.strip()
                ced = d.representante_cedula if representante_cedula is None else representante_cedula.strip()
                if tipo is TipoPersona.NATURAL:
                    if (representante_legal or "").strip() or (representante_cedula or "").strip():
                        raise ValidationError("Una persona natural no tiene representante legal.")
                    rep, ced = "", ""  # a persona natural keeps no representative
                else:
                    if not rep:
                        raise ValidationError(f"Indique el representante legal de {d.nombre} (persona jurídica).")
                    if ced:
                        try:
                            ced = validar_cedula(ced)
                        except ValueError as exc:
                            raise ValidationError(f"Cédula del representante legal: {exc}.") from exc
                d.tipo_persona = tipo.value
                d.representante_legal = (rep or "")[:300]
                d.representante_cedula = ced or ""
            if direccion is not None:
                d.direccion = direccion.strip()[:300]
            s.flush()
            return _deudor(d)

    def agregar_coobligado(
        self, numero: str, identificacion: str, nombre: str, calidad: CalidadCoobligado | str, direccion: str = "",
    ) -> DatosCoobligado:
        """Add a co-obligado (garante or responsable solidario) to juicio ``numero``; he is then named in the
        OPI and notified on his own (:mod:`app.services.notificaciones`).

        Raises:
            NotFoundError: unknown juicio.
            ValidationError: invalid cédula/RUC, empty name, unknown calidad, the debtor himself, or already a
                co-obligado of this juicio.
            RuleError: the juicio is closed.
            PermissionDenied: not the user's expediente.
        """
        try:
            ident, _ = validar_identificacion(identificacion)
        except ValueError as exc:
            raise ValidationError(f"Identificación del co-obligado: {exc}.") from exc
        if not nombre.strip():
            raise ValidationError("Indique el nombre del co-obligado.")
        try:
            cal = CalidadCoobligado(str(calidad).upper())
        except ValueError as exc:
            raise ValidationError(f"Calidad «{calidad}» desconocida: use GARANTE o RESPONSABLE_SOLIDARIO.") from exc
        with self.ctx.tx("agregar co-obligado") as s:
            e = self._expediente(s, numero)
            if Etapa(e.etapa) in CERRADAS:
                raise RuleError(f"El juicio {e.numero} está cerrado ({Etapa(e.etapa).etiqueta}): no se agregan "
                                "co-obligados.")
            if s.scalar(select(Deudor.identificacion).where(Deudor.id == e.deudor_id)) == ident:
                raise ValidationError(f"{ident} es el deudor del juicio, no un co-obligado.")
            if s.scalar(select(Coobligado.id).where(Coobligado.expediente_id == e.id,
                                                    Coobligado.identificacion == ident)):
                raise ValidationError(f"{ident} ya es co-obligado del juicio {e.numero}.")
            c = Coobligado(office_id=e.office_id, expediente_id=e.id, identificacion=ident,
                           nombre=" ".join(nombre.split())[:300], calidad=cal.value, direccion=direccion.strip()[:300])
            s.add(c)
            s.flush()
            return _coobligado(c, e.numero)

    def coobligados(self, numero: str) -> list[DatosCoobligado]:
        """The co-obligados of juicio ``numero`` in the order they were added. Raises NotFoundError."""
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            filas = s.scalars(select(Coobligado).where(Coobligado.expediente_id == e.id)
                              .order_by(Coobligado.created_at)).all()
            return [_coobligado(c, e.numero) for c in filas]

    def actualizar_caratula(
        self, numero: str, *, casilla_judicial: str | None = None, abogado_deudor: str | None = None
    ) -> DatosCaratula:
        """Set the casilla judicial and the debtor's lawyer shown on the carátula (None leaves a field).

        Raises:
            NotFoundError: unknown juicio.
            PermissionDenied: not the user's expediente.
        """
        with self.ctx.tx("actualizar carátula") as s:
            e = self._expediente(s, numero)
            if casilla_judicial is not None:
                e.casilla_judicial = casilla_judicial.strip()[:120]
            if abogado_deudor is not None:
                e.abogado_deudor = " ".join(abogado_deudor.split())[:300]
            s.flush()
            return DatosCaratula(e.numero, e.casilla_judicial or "", e.abogado_deudor or "")

    # -- helpers --
    def _buscar(self, s: Session, identificacion: str) -> Deudor:
        ident = "".join((identificacion or "").split())
        d = s.scalar(select(Deudor).where(Deudor.office_id == self.ctx.office_id, Deudor.identificacion == ident))
        if d is None:
            raise NotFoundError(f"No existe un deudor con cédula/RUC {ident} en esta oficina.")
        return d

    def _expediente(self, s: Session, numero: str) -> Expediente:
        e = expediente_por_numero(s, self.ctx.office_id, numero)
        self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=e.secretario_id)
        return e

    def _exigir_deudor(self, s: Session, d: Deudor) -> None:
        """A secretario edits a debtor only when one of the debtor's expedientes is his."""
        self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR)
        u = self.ctx.usuario
        if u.sistema or u.secretario_id is None:
            return
        suyo = s.scalar(select(Expediente.id).where(Expediente.deudor_id == d.id,
                                                    Expediente.secretario_id == u.secretario_id).limit(1))
        if suyo is None:
            raise PermissionDenied(
                f"Permiso denegado: «{u.login}» solo puede {Permiso.EXPEDIENTE_TRAMITAR.value} en los expedientes a "
                "su cargo."
            )
