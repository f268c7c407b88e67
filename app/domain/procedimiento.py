"""Rules of the procedimiento de ejecución coactiva (domain.md §2): which act is allowed in which stage,
the stage it moves to, the terms it opens and the terms it closes. Pure: no I/O, no dates of "today".

Sources: COA (Código Orgánico Administrativo) art. 271 (requerimiento de pago voluntario: 10 días término
counted from its notification), art. 279 (orden de pago inmediato: pagar o dimitir bienes en 3 días término;
issued only once the RPV's término lapsed unpaid — real coactiva rules: "si el RPV está notificado y venció
el término… puede avanzar a OPI"), arts. 280-281 (medidas cautelares, which may be ordered with the OPI),
arts. 164 and 171 (notificación); IESS Resolución C.D. 321 (180 days for the secretario-abogado from handover,
extendable once by up to 90), C.D. 497 (insolvencia). The archivo is ordered by the funcionario ejecutor's
auto de archivo (a document), not by the secretario's razón alone.

The caller (:mod:`app.services.actos`) gathers the facts of the expediente in a :class:`Hechos` and calls
:func:`validar`; the rule answers with the new stage (or ``None``: the stage does not change) or raises
:class:`~app.common.errors.RuleError` with a Spanish reason that says what is missing, e.g.
``"No se puede embargar: la orden de pago inmediato no ha sido notificada."``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.common.dates import format_dmy
from app.common.errors import RuleError
from app.common.money import format_usd
from app.domain.etapas import Etapa
from app.domain.terminos import (
    PLAZO_SECRETARIO_DIAS,
    PRORROGA_SECRETARIO_DIAS,
    TERMINO_OPI_DIAS,
    TERMINO_RPV_DIAS,
    TipoTermino,
)
from app.domain.tipos import TipoActo

# --- stages -------------------------------------------------------------------------------------------------

#: A juicio in one of these stages is over: no act changes it any more (only corrections, notifications of
#: the closing order and levantamientos of medidas).
CERRADAS: frozenset[Etapa] = frozenset({Etapa.ARCHIVADO, Etapa.BAJA, Etapa.INSOLVENCIA})
#: Every stage of a juicio in progress, suspended included.
ABIERTAS: frozenset[Etapa] = frozenset(Etapa) - CERRADAS - {Etapa.TITULO}
#: Open and not suspended: the procedure runs.
ACTIVAS: frozenset[Etapa] = ABIERTAS - {Etapa.SUSPENDIDO}
#: Stages in which the secretario-abogado's 180(+90)-day plazo does not run (over, or suspended).
SIN_PLAZO_SECRETARIO: frozenset[Etapa] = CERRADAS | {Etapa.SUSPENDIDO}
#: Stages after an OPI was issued in which execution acts (embargo, secuestro) may happen.
EJECUCION: frozenset[Etapa] = frozenset(
    {Etapa.OPI, Etapa.NOTIFICADO, Etapa.MEDIDAS_CAUTELARES, Etapa.EMBARGO, Etapa.AVALUO, Etapa.REMATE}
)
_TODAS: frozenset[Etapa] = frozenset(Etapa) - {Etapa.TITULO}

_ESTADO_CERRADO = {
    Etapa.ARCHIVADO: "el juicio está archivado",
    Etapa.BAJA: "el juicio fue dado de baja",
    Etapa.INSOLVENCIA: "el juicio fue remitido a insolvencia",
}

#: What the refusal says the user could not do ("No se puede <verbo>: <motivo>.").
VERBOS: dict[TipoActo, str] = {
    TipoActo.RPV: "emitir el requerimiento de pago voluntario",
    TipoActo.RAZON_NO_PAGO: "sentar la razón de no pago",
    TipoActo.OPI: "emitir la orden de pago inmediato",
    TipoActo.NOTIFICACION: "registrar la notificación",
    TipoActo.MEDIDA_CAUTELAR: "ordenar medidas cautelares",
    TipoActo.LEVANTAMIENTO: "levantar medidas cautelares",
    TipoActo.PROVIDENCIA: "dictar la providencia",
    TipoActo.EMBARGO: "embargar",
    TipoActo.SECUESTRO: "ordenar el secuestro",
    TipoActo.AVALUO: "registrar el avalúo",
    TipoActo.AVISO_REMATE: "publicar el aviso de remate",
    TipoActo.REMATE: "rematar",
    TipoActo.LIQUIDACION: "registrar la liquidación",
    TipoActo.ABONO: "registrar el abono",
    TipoActo.ARCHIVO: "archivar el juicio",
    TipoActo.SUSPENSION: "suspender el juicio",
    TipoActo.REANUDACION: "reanudar el juicio",
    TipoActo.INSOLVENCIA: "remitir el juicio a insolvencia",
    TipoActo.BAJA: "dar de baja el juicio",
    TipoActo.PRORROGA: "conceder la prórroga",
    TipoActo.CORRECCION: "registrar la corrección",
}

#: Spanish name of each act, for histories and messages.
NOMBRES: dict[TipoActo, str] = {
    TipoActo.RPV: "Requerimiento de pago voluntario",
    TipoActo.RAZON_NO_PAGO: "Razón de no pago",
    TipoActo.OPI: "Orden de pago inmediato",
    TipoActo.NOTIFICACION: "Notificación",
    TipoActo.MEDIDA_CAUTELAR: "Medida cautelar",
    TipoActo.LEVANTAMIENTO: "Levantamiento de medidas",
    TipoActo.PROVIDENCIA: "Providencia",
    TipoActo.EMBARGO: "Embargo",
    TipoActo.SECUESTRO: "Secuestro",
    TipoActo.AVALUO: "Avalúo",
    TipoActo.AVISO_REMATE: "Aviso de remate",
    TipoActo.REMATE: "Remate",
    TipoActo.LIQUIDACION: "Liquidación",
    TipoActo.ABONO: "Abono",
    TipoActo.ARCHIVO: "Archivo",
    TipoActo.SUSPENSION: "Suspensión",
    TipoActo.REANUDACION: "Reanudación",
    TipoActo.INSOLVENCIA: "Remisión a insolvencia",
    TipoActo.BAJA: "Baja",
    TipoActo.PRORROGA: "Prórroga del plazo del secretario (C.D. 321)",
    TipoActo.CORRECCION: "Corrección",
}

#: Acts that are supported by a generated document (the act is recorded by the documents service with the
#: documento_id); they cannot be recorded without one.
REQUIEREN_DOCUMENTO: frozenset[TipoActo] = frozenset({
    TipoActo.RPV, TipoActo.RAZON_NO_PAGO, TipoActo.OPI, TipoActo.EMBARGO, TipoActo.SECUESTRO,
    TipoActo.AVISO_REMATE, TipoActo.REMATE, TipoActo.ARCHIVO,
})


# --- facts --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hechos:
    """What the rules need to know about an expediente, gathered by the caller.

    Attributes:
        fecha: date of the act being validated.
        actos: types of the acts already recorded in the expediente.
        rpv_notificado_en: date of the first effective notification of the RPV to the debtor, or None.
        rpv_vence: last day of the RPV's 10-día término counted from that notification (business days, COA
            art. 271), None while the RPV is not notified.
        notificado_en: date of the first effective notification of the OPI to the debtor, or None.
        opi_vence: last day of the 3-día término counted from ``notificado_en`` (business days, COA art. 279).
        etapa_antes_suspension: the stage the last SUSPENSION left (where a REANUDACION returns).
        prorroga_en: date of the PRORROGA already granted, or None.
        plazo_secretario_vence: last day of the secretario's plazo (calendar days from handover, C.D. 321).
        saldo: what the debtor still owes (USD), when the caller knows it (ARCHIVO needs it to be 0).
        notifica: for a NOTIFICACION, the act whose document is notified (OPI, RPV…).
        al_deudor: for a NOTIFICACION, True when the person notified is the debtor (not a co-obligado).
        efectiva: for a NOTIFICACION, True when the person was notified (not a failed attempt).
        destinatario_ya_notificado: for a NOTIFICACION, that person already has an effective one of that act.
        corrige_existe: for a CORRECCION, the act it points at exists in this expediente.
        documento: the document type (CLI value) that records the act, when it is one (the ARCHIVO needs
            ``"auto-archivo"``).
    """

    fecha: date
    actos: frozenset[TipoActo] = field(default_factory=frozenset)
    rpv_notificado_en: date | None = None
    rpv_vence: date | None = None
    notificado_en: date | None = None
    opi_vence: date | None = None
    etapa_antes_suspension: Etapa | None = None
    prorroga_en: date | None = None
    plazo_secretario_vence: date | None = None
    saldo: Decimal | None = None
    notifica: TipoActo | None = None
    al_deudor: bool = True
    efectiva: bool = False
    destinatario_ya_notificado: bool = False
    corrige_existe: bool = False
    documento: str | None = None


@dataclass(frozen=True, slots=True)
class TerminoNuevo:
    """A term an act opens: ``tipo`` TERMINO (``dias`` business days) or PLAZO (calendar days), counted from
    the act's date (that day not counted)."""

    tipo: TipoTermino
    dias: int
    descripcion: str


# --- rules --------------------------------------------------------------------------------------------------

_Condicion = Callable[[Etapa, "Hechos"], str | None]


@dataclass(frozen=True, slots=True)
class Regla:
    """``desde``: stages in which the act is allowed; ``destino``: the stage it moves to, but only from the
    stages in ``mueve_desde`` (None: from every allowed stage); ``condicion`` returns what is missing."""

    desde: frozenset[Etapa]
    destino: Etapa | None = None
    mueve_desde: frozenset[Etapa] | None = None
    condicion: _Condicion | None = None


def _cond_razon_no_pago(_e: Etapa, h: Hechos) -> str | None:
    if TipoActo.RAZON_NO_PAGO in h.actos:
        return "ya consta la razón de no pago del requerimiento"
    if TipoActo.RPV not in h.actos:
        return "no consta el requerimiento de pago voluntario"
    if h.rpv_vence is None:
        return ("el requerimiento de pago voluntario no ha sido notificado al coactivado: el término de "
                f"{TERMINO_RPV_DIAS} días corre desde su notificación (COA art. 271)")
    if h.fecha <= h.rpv_vence:
        return (f"el término de {TERMINO_RPV_DIAS} días del requerimiento de pago voluntario vence el "
                f"{format_dmy(h.rpv_vence)} (COA art. 271)")
    return None


def _cond_opi(_e: Etapa, h: Hechos) -> str | None:
    """The OPI comes only once the RPV, notified, let its 10-día término lapse unpaid (COA arts. 271, 279)."""
    return _cond_razon_no_pago(_e, h) if TipoActo.RAZON_NO_PAGO not in h.actos else None


def _cond_embargo(_e: Etapa, h: Hechos) -> str | None:
    if TipoActo.OPI not in h.actos:
        return "no se ha emitido la orden de pago inmediato"
    if h.notificado_en is None:
        return "la orden de pago inmediato no ha sido notificada"
    if h.fecha < h.notificado_en:
        return f"la orden de pago inmediato se notificó el {format_dmy(h.notificado_en)}, después de esa fecha"
    if h.opi_vence is not None and h.fecha <= h.opi_vence:
        return (f"el término de {TERMINO_OPI_DIAS} días para pagar o dimitir bienes vence el "
                f"{format_dmy(h.opi_vence)} (COA art. 279)")
    return None


def _cond_notificacion(_e: Etapa, h: Hechos) -> str | None:
    if h.notifica is not None and h.notifica not in h.actos:
        return f"no consta el acto que se notifica ({NOMBRES[h.notifica].lower()})"
    return None


def _cond_levantamiento(_e: Etapa, h: Hechos) -> str | None:
    if not h.actos & {TipoActo.MEDIDA_CAUTELAR, TipoActo.EMBARGO, TipoActo.SECUESTRO}:
        return "no hay medidas cautelares ni embargos que levantar"
    return None


def _cond_remate(_e: Etapa, h: Hechos) -> str | None:
    if TipoActo.AVISO_REMATE not in h.actos:
        return "no se ha publicado el aviso de remate"
    return None


def _cond_archivo(_e: Etapa, h: Hechos) -> str | None:
    if h.documento is None:
        return "el archivo se ordena con el auto de archivo del funcionario ejecutor (genere ese documento)"
    if h.saldo is None:
        return "no consta el pago total de la deuda (indique el saldo, que debe ser cero)"
    if h.saldo > 0:
        return f"la deuda no está pagada: queda un saldo de USD {format_usd(h.saldo)}"
    return None


def _cond_reanudacion(_e: Etapa, h: Hechos) -> str | None:
    if h.etapa_antes_suspension is None:
        return "no consta la etapa en que se suspendió el juicio"
    return None


def _cond_prorroga(_e: Etapa, h: Hechos) -> str | None:
    if h.prorroga_en is not None:
        return (f"la prórroga ya fue concedida el {format_dmy(h.prorroga_en)}; procede una sola vez "
                "(C.D. 321)")
    if h.plazo_secretario_vence is not None and h.fecha > h.plazo_secretario_vence:
        return (f"el plazo de {PLAZO_SECRETARIO_DIAS} días venció el {format_dmy(h.plazo_secretario_vence)}; la "
                "prórroga se pide antes de que venza (C.D. 321)")
    return None


def _cond_correccion(_e: Etapa, h: Hechos) -> str | None:
    if not h.corrige_existe:
        return "indique un acto de este expediente que se corrige"
    return None


_A_EMBARGO = frozenset({Etapa.OPI, Etapa.NOTIFICADO, Etapa.MEDIDAS_CAUTELARES})

REGLAS: dict[TipoActo, Regla] = {
    TipoActo.RPV: Regla(frozenset({Etapa.SORTEADO}), Etapa.RPV),
    TipoActo.RAZON_NO_PAGO: Regla(frozenset({Etapa.RPV}), condicion=_cond_razon_no_pago),
    TipoActo.OPI: Regla(frozenset({Etapa.RPV}), Etapa.OPI, condicion=_cond_opi),
    TipoActo.NOTIFICACION: Regla(_TODAS, condicion=_cond_notificacion),  # moves: see _destino_notificacion
    TipoActo.MEDIDA_CAUTELAR: Regla(
        EJECUCION, Etapa.MEDIDAS_CAUTELARES, mueve_desde=frozenset({Etapa.OPI, Etapa.NOTIFICADO})
    ),
    TipoActo.LEVANTAMIENTO: Regla(_TODAS, condicion=_cond_levantamiento),
    TipoActo.PROVIDENCIA: Regla(ABIERTAS),
    TipoActo.EMBARGO: Regla(
        EJECUCION, Etapa.EMBARGO, mueve_desde=_A_EMBARGO, condicion=_cond_embargo,
    ),
    TipoActo.SECUESTRO: Regla(
        EJECUCION, Etapa.EMBARGO, mueve_desde=_A_EMBARGO, condicion=_cond_embargo,
    ),
    TipoActo.AVALUO: Regla(frozenset({Etapa.EMBARGO, Etapa.AVALUO}), Etapa.AVALUO),
    TipoActo.AVISO_REMATE: Regla(frozenset({Etapa.AVALUO, Etapa.REMATE}), Etapa.REMATE),
    TipoActo.REMATE: Regla(frozenset({Etapa.AVALUO, Etapa.REMATE}), Etapa.REMATE, condicion=_cond_remate),
    TipoActo.LIQUIDACION: Regla(ABIERTAS, Etapa.LIQUIDADO, mueve_desde=frozenset({Etapa.REMATE})),
    TipoActo.ABONO: Regla(ABIERTAS),
    TipoActo.ARCHIVO: Regla(ABIERTAS, Etapa.ARCHIVADO, condicion=_cond_archivo),
    TipoActo.SUSPENSION: Regla(ACTIVAS, Etapa.SUSPENDIDO),
    TipoActo.REANUDACION: Regla(frozenset({Etapa.SUSPENDIDO}), condicion=_cond_reanudacion),
    TipoActo.INSOLVENCIA: Regla(ABIERTAS, Etapa.INSOLVENCIA),
    TipoActo.BAJA: Regla(ABIERTAS, Etapa.BAJA),
    TipoActo.PRORROGA: Regla(ABIERTAS, condicion=_cond_prorroga),
    TipoActo.CORRECCION: Regla(_TODAS, condicion=_cond_correccion),
}

#: Terms closed by each act, named by the type of the act that opened them (None: every open term).
#: RPV's término (opened by its notification) ends with the razón de no pago or the OPI;
#: the OPI's 3 días end with the embargo; a closing
#: act or a suspension closes every term (a suspended juicio runs no terms; on resumption new acts open new
#: ones).
CIERRA: dict[TipoActo, frozenset[TipoActo] | None] = {
    TipoActo.RAZON_NO_PAGO: frozenset({TipoActo.RPV, TipoActo.NOTIFICACION}),
    TipoActo.OPI: frozenset({TipoActo.RPV, TipoActo.NOTIFICACION}),
    TipoActo.EMBARGO: frozenset({TipoActo.NOTIFICACION}),
    TipoActo.SECUESTRO: frozenset({TipoActo.NOTIFICACION}),
    TipoActo.ARCHIVO: None,
    TipoActo.BAJA: None,
    TipoActo.INSOLVENCIA: None,
    TipoActo.SUSPENSION: None,
}

TERMINO_RPV = TerminoNuevo(TipoTermino.TERMINO, TERMINO_RPV_DIAS, "Término para el pago voluntario (COA art. 271)")
TERMINO_OPI = TerminoNuevo(
    TipoTermino.TERMINO, TERMINO_OPI_DIAS, "Término para pagar o dimitir bienes (COA art. 279)"
)


def _etiqueta(e: Etapa) -> str:
    return e.etiqueta


def _lista(etapas: frozenset[Etapa]) -> str:
    orden = [e for e in Etapa if e in etapas]
    nombres = [_etiqueta(e) for e in orden]
    if len(nombres) == 1:
        return nombres[0]
    return ", ".join(nombres[:-1]) + " o " + nombres[-1]


def motivo(etapa: Etapa, acto: TipoActo, hechos: Hechos) -> str | None:
    """Why ``acto`` cannot be recorded now (Spanish, without the "No se puede…" prefix), or None if it can."""
    regla = REGLAS[acto]
    if etapa not in regla.desde:
        if etapa in CERRADAS:
            return _ESTADO_CERRADO[etapa]
        if etapa is Etapa.SUSPENDIDO:
            return "el juicio está suspendido; registre primero su reanudación"
        # Execution acts say what is missing in the facts before naming the stage.
        if regla.condicion is _cond_embargo:
            falta = _cond_embargo(etapa, hechos)
            if falta:
                return falta
        if acto is TipoActo.SUSPENSION:
            return "el juicio ya está suspendido"
        if acto is TipoActo.REANUDACION:
            return "el juicio no está suspendido"
        return f"el juicio está en etapa {_etiqueta(etapa)}; corresponde a la etapa {_lista(regla.desde)}"
    if regla.condicion is not None:
        return regla.condicion(etapa, hechos)
    return None


def _destino_notificacion(etapa: Etapa, h: Hechos) -> Etapa | None:
    if (etapa is Etapa.OPI and h.notifica is TipoActo.OPI and h.al_deudor and h.efectiva
            and h.notificado_en is None):
        return Etapa.NOTIFICADO
    return None


def validar(etapa: Etapa | str, acto: TipoActo | str, hechos: Hechos) -> Etapa | None:
    """Check that ``acto`` may be recorded in ``etapa`` given ``hechos``; return the stage it moves the
    expediente to, or None when the stage does not change.

    Raises:
        RuleError: "No se puede <verbo>: <motivo>." naming what is missing (notification, a término and its
            last day, the stage it belongs to…).
    """
    etapa, acto = Etapa(etapa), TipoActo(acto)
    falta = motivo(etapa, acto, hechos)
    if falta:
        raise RuleError(f"No se puede {VERBOS[acto]}: {falta}.")
    if acto is TipoActo.NOTIFICACION:
        return _destino_notificacion(etapa, hechos)
    if acto is TipoActo.REANUDACION:
        return hechos.etapa_antes_suspension
    regla = REGLAS[acto]
    if regla.destino is None or (regla.mueve_desde is not None and etapa not in regla.mueve_desde):
        return None
    return regla.destino if regla.destino is not etapa else None


def puede(etapa: Etapa | str, acto: TipoActo | str, hechos: Hechos) -> tuple[bool, str]:
    """``(True, "")`` when :func:`validar` would accept, else ``(False, "No se puede …: motivo.")``."""
    try:
        validar(etapa, acto, hechos)
    except RuleError as exc:
        return False, exc.message
    return True, ""


def terminos_que_abre(acto: TipoActo | str, hechos: Hechos) -> list[TerminoNuevo]:
    """Terms ``acto`` opens, counted from ``hechos.fecha``:

    - an effective NOTIFICACION of the RPV to the debtor (his first): 10 días término to pay voluntarily,
      counted from that notification (COA art. 271);
    - an effective NOTIFICACION of the OPI: 3 días término to pay or dimitir bienes (COA art. 279), for the
      debtor and for each co-obligado on his own, only on that person's first effective notification.
    Other acts open none (a caller may add a term of its own, see ``app.services.actos``).
    """
    acto = TipoActo(acto)
    if (acto is TipoActo.NOTIFICACION and hechos.notifica is TipoActo.RPV and hechos.efectiva and hechos.al_deudor
            and not hechos.destinatario_ya_notificado):
        return [TERMINO_RPV]
    if (acto is TipoActo.NOTIFICACION and hechos.notifica is TipoActo.OPI and hechos.efectiva
            and not hechos.destinatario_ya_notificado):
        return [TERMINO_OPI]
    return []


def terminos_que_cierra(acto: TipoActo | str) -> frozenset[TipoActo] | None:
    """Types of the acts whose open terms ``acto`` closes; ``None`` means every open term; empty: none."""
    acto = TipoActo(acto)
    if acto not in CIERRA:
        return frozenset()
    return CIERRA[acto]


def dias_plazo_secretario(prorroga_dias: Any = 0) -> Any:
    """Calendar days of the secretario-abogado's plazo: 180, + the prórroga granted (up to 90, once; C.D. 321).

    Plain arithmetic, so that it also takes a SQL column expression (``func.coalesce(Expediente.prorroga_dias,
    0)``) and the services filter in SQL with this rule, not with a copy of it."""
    return PLAZO_SECRETARIO_DIAS + prorroga_dias


def plazo_secretario(fecha_inicio: date, prorroga_dias: int = 0) -> date:
    """Last day of the secretario-abogado's plazo: ``fecha_inicio`` (handover) + 180 calendar days, + the
    prórroga granted (up to 90, once; C.D. 321)."""
    return fecha_inicio + timedelta(days=dias_plazo_secretario(prorroga_dias))


def inicio_del_plazo(vence: date, prorroga_dias: int = 0) -> date:
    """The handover date whose plazo (with ``prorroga_dias``) ends on ``vence``: the inverse of
    :func:`plazo_secretario`, for range filters on ``fecha_inicio`` (which the database indexes)."""
    return vence - timedelta(days=dias_plazo_secretario(prorroga_dias))


def validar_dias_prorroga(dias: int) -> int:
    """The days of a prórroga: 1..90 (C.D. 321). Raises RuleError otherwise."""
    if not 1 <= dias <= PRORROGA_SECRETARIO_DIAS:
        raise RuleError(f"La prórroga es de 1 a {PRORROGA_SECRETARIO_DIAS} días (C.D. 321).")
    return dias
