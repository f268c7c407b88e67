"""Procedural acts of an expediente: every stage move is an act with date, author and supporting document.

:func:`registrar_acto_en` is the one way to record an act (the documents, notification, medidas and payment
services call it inside their own transaction); :class:`ActosService` offers the history, the acts without a
document (suspensión legal, insolvencia, baja, prórroga…) and ``puede`` for the UI to enable its buttons.
The rules live in :mod:`app.domain.procedimiento`. Acts are append-only (``Acto.__append_only__``): a wrong
act is corrected by a CORRECCION act pointing at it, never edited.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import local_today
from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain import procedimiento as proc
from app.domain.etapas import Etapa
from app.domain.permisos import Permiso
from app.domain.terminos import Calendario, TipoTermino
from app.domain.tipos import TipoActo
from app.services.context import Contexto
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.consultas.oficina import calendario_de
from app.storage.models import Documento, Expediente
from app.storage.models_juicio import Acto, Termino


@dataclass(frozen=True, slots=True)
class EntradaHistorial:
    """One act of an expediente's history, oldest first. ``autor`` is the login that recorded it;
    ``etapa_nueva`` is None when the act did not move the stage."""

    id: uuid.UUID
    tipo: TipoActo
    nombre: str
    fecha: date
    etapa_anterior: Etapa | None
    etapa_nueva: Etapa | None
    descripcion: str
    documento_id: uuid.UUID | None
    corrige_id: uuid.UUID | None
    autor: str
    registrado: datetime
    datos: dict[str, Any]


@dataclass(frozen=True, slots=True)
class TerminoExpediente:
    """A term of an expediente: ``tipo`` TERMINO (business days) or PLAZO (calendar days), from ``desde``
    (not counted) to ``vence`` (last day)."""

    id: uuid.UUID
    descripcion: str
    tipo: TipoTermino
    dias: int
    desde: date
    vence: date
    cerrado: bool
    cerrado_en: date | None
    acto_id: uuid.UUID | None


def _permiso(tipo: TipoActo) -> Permiso:
    return Permiso.NOTIFICACION_REGISTRAR if tipo is TipoActo.NOTIFICACION else Permiso.EXPEDIENTE_TRAMITAR


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValidationError(f"«{value}» no es un saldo válido.") from exc


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise ValidationError(f"«{value}» no es un identificador de acto válido.") from exc


def hechos_de(
    session: Session, expediente: Expediente, fecha: date, datos: dict[str, Any] | None, cal: Calendario
) -> proc.Hechos:
    """Gather the facts :func:`app.domain.procedimiento.validar` needs about ``expediente`` for an act dated
    ``fecha`` with ``datos`` (``saldo``, ``notifica``, ``efectiva``, ``coobligado_id``, ``corrige_id``).
    Terms are computed with ``cal`` (the office's business-day calendar)."""
    datos = datos or {}
    filas = session.execute(
        select(Acto.id, Acto.tipo, Acto.fecha, Acto.etapa_anterior, Acto.datos)
        .where(Acto.expediente_id == expediente.id)
        .order_by(Acto.fecha, Acto.created_at)
    ).all()
    tipos: set[TipoActo] = set()
    rpv_notificado_en = notificado_en = prorroga_en = None
    etapa_susp: Etapa | None = None
    notifica = TipoActo(datos["notifica"]) if datos.get("notifica") else None
    cooblig = str(datos["coobligado_id"]) if datos.get("coobligado_id") else None
    ya_notificado = False
    ids: set[uuid.UUID] = set()
    for aid, tipo_s, f, etapa_ant, d in filas:
        ids.add(aid)
        try:
            tipo = TipoActo(tipo_s)
        except ValueError:
            continue
        tipos.add(tipo)
        d = d or {}
        if tipo is TipoActo.NOTIFICACION and d.get("efectiva"):
            if d.get("notifica") == TipoActo.OPI and not d.get("coobligado_id") and notificado_en is None:
                notificado_en = f
            if d.get("notifica") == TipoActo.RPV and not d.get("coobligado_id") and rpv_notificado_en is None:
                rpv_notificado_en = f
            if notifica is not None and d.get("notifica") == notifica and (d.get("coobligado_id") or None) == cooblig:
                ya_notificado = True
        elif tipo is TipoActo.SUSPENSION and etapa_ant:
            etapa_susp = Etapa(etapa_ant)
        elif tipo is TipoActo.PRORROGA and prorroga_en is None:
            prorroga_en = f
    corrige = _uuid(datos.get("corrige_id"))
    return proc.Hechos(
        fecha=fecha,
        actos=frozenset(tipos),
        rpv_notificado_en=rpv_notificado_en,
        rpv_vence=(cal.vencimiento(rpv_notificado_en, proc.TERMINO_RPV.dias, proc.TERMINO_RPV.tipo)
                   if rpv_notificado_en else None),
        notificado_en=notificado_en,
        opi_vence=cal.sumar_dias_habiles(notificado_en, proc.TERMINO_OPI.dias) if notificado_en else None,
        etapa_antes_suspension=etapa_susp,
        prorroga_en=prorroga_en,
        plazo_secretario_vence=proc.plazo_secretario(expediente.fecha_inicio, expediente.prorroga_dias or 0),
        saldo=_decimal(datos.get("saldo")),
        notifica=notifica,
        al_deudor=cooblig is None,
        efectiva=bool(datos.get("efectiva")),
        destinatario_ya_notificado=ya_notificado,
        corrige_existe=corrige is not None and corrige in ids,
        documento=str(datos["documento"]) if datos.get("documento") else None,
    )


def _termino_extra(datos: dict[str, Any]) -> proc.TerminoNuevo | None:
    t = datos.get("termino")
    if not t:
        return None
    try:
        tipo = TipoTermino(str(t.get("tipo", "TERMINO")).upper())
        dias = int(t["dias"])
        descripcion = str(t.get("descripcion", "")).strip()
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ValidationError("El término del acto debe indicar tipo (TERMINO o PLAZO), días y descripción.") from exc
    if dias < 1 or not descripcion:
        raise ValidationError("El término del acto debe tener al menos un día y una descripción.")
    return proc.TerminoNuevo(tipo, dias, descripcion)


def registrar_acto_en(
    session: Session,
    ctx: Contexto,
    expediente: Expediente,
    *,
    tipo: TipoActo,
    fecha: date,
    descripcion: str = "",
    documento_id: uuid.UUID | None = None,
    datos: dict[str, Any] | None = None,
) -> Acto:
    """Validate and record an act of ``expediente`` inside the caller's transaction (``session``).

    Checks the permission (EXPEDIENTE_TRAMITAR, or NOTIFICACION_REGISTRAR for a NOTIFICACION, on the
    expediente's secretario) and the procedure rules (:func:`app.domain.procedimiento.validar`) before
    writing anything; then inserts the :class:`Acto` (append-only), moves ``expediente.etapa``, closes the
    terms the act satisfies and opens the terms it starts (due dates from the office's calendar: términos
    in business days without weekends, national or local holidays; plazos in calendar days).

    ``datos`` (JSON-able; UUID, Decimal and dates are stored as text) carries what some acts need:
      - ARCHIVO: ``saldo`` (Decimal or str, USD) must be 0;
      - NOTIFICACION: ``notifica`` (TipoActo notified, e.g. "OPI"), ``efectiva`` (bool), ``coobligado_id``
        (None for the debtor), ``forma`` (PERSONAL/BOLETA/PRENSA), ``destinatario`` (name);
      - PRORROGA: ``dias`` (1..90, default 90, calendar days; C.D. 321), added to the secretario's plazo;
      - CORRECCION: ``corrige_id`` (the act corrected, same expediente);
      - any act: ``termino`` = {"tipo": "TERMINO"|"PLAZO", "dias": int, "descripcion": str} opens that term too.
    ``documento_id`` is the document supporting the act; the acts in
    :data:`app.domain.procedimiento.REQUIEREN_DOCUMENTO` (RPV, OPI, razón de no pago, embargo…) need one.

    Returns the flushed Acto (``etapa_nueva`` None when the stage did not change).

    Raises:
        PermissionDenied: the user may not act on this expediente.
        RuleError: the procedure does not allow the act now (Spanish reason: what is missing).
        ValidationError: bad ``datos``, missing or foreign document.
    """
    tipo = TipoActo(tipo)
    ctx.exigir(_permiso(tipo), secretario_id=expediente.secretario_id)
    datos = dict(datos or {})
    if documento_id is None and tipo in proc.REQUIEREN_DOCUMENTO:
        raise ValidationError(
            f"El acto «{proc.NOMBRES[tipo]}» se registra con su documento: genérelo desde los documentos del "
            "expediente."
        )
    if documento_id is not None:
        doc_exp = session.scalar(select(Documento.expediente_id).where(Documento.id == documento_id))
        if doc_exp != expediente.id:
            raise ValidationError("El documento del acto no pertenece a este expediente.")
    cal = calendario_de(session, expediente.office_id)
    hechos = hechos_de(session, expediente, fecha, datos, cal)
    nueva = proc.validar(Etapa(expediente.etapa), tipo, hechos)
    dias_prorroga = proc.validar_dias_prorroga(int(datos.get("dias", 90))) if tipo is TipoActo.PRORROGA else 0
    extra = _termino_extra(datos)

    acto = Acto(
        office_id=expediente.office_id,
        expediente_id=expediente.id,
        tipo=tipo.value,
        fecha=fecha,
        etapa_anterior=expediente.etapa,
        etapa_nueva=nueva.value if nueva is not None else None,
        descripcion=descripcion.strip() or proc.NOMBRES[tipo],
        documento_id=documento_id,
        corrige_id=_uuid(datos.get("corrige_id")) if tipo is TipoActo.CORRECCION else None,
        datos=_json(datos) or None,
    )
    session.add(acto)
    session.flush()

    _cerrar_terminos(session, expediente, acto, proc.terminos_que_cierra(tipo), fecha)
    nuevos = proc.terminos_que_abre(tipo, hechos)
    if extra is not None:
        nuevos.append(extra)
    for t in nuevos:
        desc = t.descripcion
        if tipo is TipoActo.NOTIFICACION and not hechos.al_deudor and datos.get("destinatario"):
            desc = f"{desc} — {datos['destinatario']}"
        session.add(Termino(
            office_id=expediente.office_id, expediente_id=expediente.id, acto_id=acto.id, descripcion=desc[:300],
            tipo=t.tipo.value, dias=t.dias, desde=fecha, vence=cal.vencimiento(fecha, t.dias, t.tipo),
        ))
    if nueva is not None:
        expediente.etapa = nueva.value
    if tipo is TipoActo.PRORROGA:
        expediente.prorroga_dias = dias_prorroga
    if (tipo is TipoActo.NOTIFICACION and hechos.notifica in (TipoActo.RPV, TipoActo.OPI) and hechos.efectiva
            and hechos.al_deudor and expediente.fecha_citacion is None):
        expediente.fecha_citacion = fecha
        expediente.forma_citacion = str(datos.get("forma", ""))[:20]
    session.flush()
    return acto


def _cerrar_terminos(
    session: Session, expediente: Expediente, acto: Acto, cierra: frozenset[TipoActo] | None, fecha: date
) -> None:
    if cierra is not None and not cierra:
        return
    q = select(Termino).where(Termino.expediente_id == expediente.id, Termino.cerrado.is_(False))
    if cierra is not None:
        q = q.join(Acto, Acto.id == Termino.acto_id).where(Acto.tipo.in_([t.value for t in cierra]))
    for t in session.scalars(q):
        t.cerrado = True
        t.cerrado_en = fecha
        t.cerrado_por_acto_id = acto.id


def _entrada(a: Acto) -> EntradaHistorial:
    tipo = TipoActo(a.tipo)
    return EntradaHistorial(
        id=a.id, tipo=tipo, nombre=proc.NOMBRES[tipo], fecha=a.fecha,
        etapa_anterior=Etapa(a.etapa_anterior) if a.etapa_anterior else None,
        etapa_nueva=Etapa(a.etapa_nueva) if a.etapa_nueva else None,
        descripcion=a.descripcion, documento_id=a.documento_id, corrige_id=a.corrige_id, autor=a.created_by,
        registrado=a.created_at, datos=dict(a.datos or {}),
    )


def terminos_de(session: Session, expediente_id: uuid.UUID) -> list[TerminoExpediente]:
    """Every term of an expediente, by due date (open and closed)."""
    rows = session.scalars(
        select(Termino).where(Termino.expediente_id == expediente_id).order_by(Termino.vence, Termino.created_at)
    ).all()
    return [
        TerminoExpediente(
            id=t.id, descripcion=t.descripcion, tipo=TipoTermino(t.tipo), dias=t.dias, desde=t.desde,
            vence=t.vence, cerrado=t.cerrado, cerrado_en=t.cerrado_en, acto_id=t.acto_id,
        )
        for t in rows
    ]


@dataclass(frozen=True, slots=True)
class PlazoSecretario:
    """The secretario-abogado's plazo of a juicio (180 calendar days from the handover, + the prórroga; C.D.
    321), as the domain computes it. ``termino`` is the row the terms table shows (``dias`` = 180 + prórroga);
    ``restantes``: calendar days from ``hoy`` to ``termino.vence`` (negative: overdue by that many)."""

    termino: TerminoExpediente
    prorroga_dias: int
    restantes: int


class ActosService:
    """History of acts, acts without a document, and what may be done next (for the UI's buttons)."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def historial(self, numero: str) -> list[EntradaHistorial]:
        """Every act of juicio ``numero``, by date then by recording order. Never edited: corrections are
        acts of their own (``corrige_id``).

        Raises:
            NotFoundError: unknown juicio number.
        """
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            actos = s.scalars(
                select(Acto).where(Acto.expediente_id == e.id).order_by(Acto.fecha, Acto.created_at)
            ).all()
            return [_entrada(a) for a in actos]

    def plazo_secretario(self, numero: str, hoy: date | None = None) -> PlazoSecretario:
        """The secretario-abogado's plazo of juicio ``numero`` on ``hoy`` (default: today in Guayaquil); closed
        when the juicio has concluded.

        Raises:
            NotFoundError: unknown juicio number.
        """
        hoy = hoy or local_today()
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            prorroga = e.prorroga_dias or 0
            vence = proc.plazo_secretario(e.fecha_inicio, prorroga)
            termino = TerminoExpediente(
                id=e.id, descripcion="Plazo del secretario-abogado para recaudar (C.D. 321)", tipo=TipoTermino.PLAZO,
                dias=proc.dias_plazo_secretario(prorroga), desde=e.fecha_inicio, vence=vence,
                cerrado=Etapa(e.etapa) in proc.CERRADAS, cerrado_en=None, acto_id=None,
            )
        return PlazoSecretario(termino, prorroga, (vence - hoy).days)

    def terminos(self, numero: str) -> list[TerminoExpediente]:
        """Every term (open and closed) of juicio ``numero`` by due date.

        Raises:
            NotFoundError: unknown juicio number.
        """
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            return terminos_de(s, e.id)

    def registrar(
        self, numero: str, tipo: TipoActo | str, fecha: date, descripcion: str = "",
        datos: dict[str, Any] | None = None, *, documento_id: uuid.UUID | None = None,
    ) -> EntradaHistorial:
        """Record an act that needs no generated document (suspensión legal, reanudación, insolvencia, baja,
        prórroga with ``datos={"dias": 90}``, archivo with ``datos={"saldo": "0"}``, corrección with
        ``datos={"corrige_id": …}``, providencia, abono…). See :func:`registrar_acto_en` for ``datos``.

        Raises:
            NotFoundError: unknown juicio number.
            PermissionDenied, RuleError, ValidationError: as :func:`registrar_acto_en`.
        """
        tipo = TipoActo(tipo)
        with self.ctx.tx(f"registrar acto {tipo.value}") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            acto = registrar_acto_en(
                s, self.ctx, e, tipo=tipo, fecha=fecha, descripcion=descripcion, documento_id=documento_id,
                datos=datos,
            )
            return _entrada(acto)

    def puede(
        self, numero: str, tipo: TipoActo | str, fecha: date | None = None, datos: dict[str, Any] | None = None
    ) -> tuple[bool, str]:
        """Whether act ``tipo`` could be recorded on juicio ``numero`` on ``fecha`` (default today) by the
        current user: ``(True, "")`` or ``(False, reason in Spanish)``. Writes nothing.

        Raises:
            NotFoundError: unknown juicio number.
        """
        return self.acciones(numero, fecha, [TipoActo(tipo)], datos)[TipoActo(tipo)]

    def acciones(
        self, numero: str, fecha: date | None = None, tipos: list[TipoActo] | None = None,
        datos: dict[str, Any] | None = None,
    ) -> dict[TipoActo, tuple[bool, str]]:
        """:meth:`puede` for several act types at once (default: all), with one read of the expediente."""
        fecha = fecha or local_today()
        tipos = tipos or list(TipoActo)
        out: dict[TipoActo, tuple[bool, str]] = {}
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            cal = calendario_de(s, e.office_id)
            hechos = hechos_de(s, e, fecha, datos, cal)
            for t in tipos:
                try:
                    self.ctx.exigir(_permiso(t), secretario_id=e.secretario_id)
                except PermissionDenied as exc:
                    out[t] = (False, exc.message)
                    continue
                try:
                    proc.validar(Etapa(e.etapa), t, hechos)
                except RuleError as exc:
                    out[t] = (False, exc.message)
                    continue
                out[t] = (True, "")
        return out
