"""What may be done on an expediente now, and what should be done next (design.md §4: only what applies is
offered). Pure: the caller (``app.services.actos``) gathers the facts; widgets only show the answer.

- :func:`documentos_disponibles`: for each document type, whether the user may generate it now and, if not,
  why (his permission, the juicio's stage, a término still running, a document already issued). The UI
  disables the action with that reason as its tooltip.
- :func:`proxima_accion`: the next step of the juicio with a traffic light (verde: nothing to do until a
  término runs out; amarillo: a step is due; rojo: the secretario's plazo is over or about to be, or a due
  step has waited too long) and by when, in business days for a término (COA) and calendar days for a plazo.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.common.dates import format_dmy
from app.domain import procedimiento as proc
from app.domain.documentos import REGISTRO
from app.domain.etapas import Etapa
from app.domain.permisos import Permiso, UsuarioActual, roles_con
from app.domain.terminos import PLAZO_SECRETARIO_DIAS, TERMINO_OPI_DIAS, TERMINO_RPV_DIAS, Calendario
from app.domain.tipos import TipoActo, TipoDocumento

#: Acts issued once per juicio (a second one is never offered), named with their article.
UNICOS: dict[TipoActo, str] = {
    TipoActo.RPV: "el requerimiento de pago voluntario",
    TipoActo.RAZON_NO_PAGO: "la razón de no pago",
    TipoActo.OPI: "la orden de pago inmediato",
}

#: Calendar days before the secretario's plazo ends from which the light turns red (C.D. 321: ask for the
#: prórroga or finish before it ends).
AVISO_PLAZO_DIAS = 15
#: Business days a due step may wait before the light turns red.
ESPERA_MAXIMA_HABILES = 10


@dataclass(frozen=True, slots=True)
class Disponible:
    """Whether an action applies now; ``motivo`` says why not (Spanish, for a tooltip), empty when it does."""

    habilitada: bool
    motivo: str = ""


SI = Disponible(True)
AYUDA_ARCHIVO = "Se emite con la deuda pagada (saldo cero): al generarlo se liquida y, si queda saldo, se dice cuánto."


def motivo_permiso(usuario: UsuarioActual, permiso: Permiso, secretario_id: uuid.UUID | None) -> str | None:
    """Why ``usuario`` may not use ``permiso`` on an expediente of ``secretario_id`` (as ``Contexto.exigir``
    says it), or None when he may."""
    if not usuario.puede(permiso):
        quienes = ", ".join(r.etiqueta for r in roles_con(permiso))
        return f"Su rol ({usuario.rol.etiqueta}) no puede {permiso.value}. Pueden hacerlo: {quienes}."
    if not usuario.puede_en(permiso, secretario_id):
        return f"Solo puede {permiso.value} en los expedientes a su cargo."
    return None


def documentos_disponibles(
    usuario: UsuarioActual, secretario_id: uuid.UUID | None, etapa: Etapa, hechos: proc.Hechos,
    tipos: Iterable[TipoDocumento] | None = None,
) -> dict[TipoDocumento, Disponible]:
    """For each document type (default: every one), whether ``usuario`` may generate it on an expediente of
    ``secretario_id`` in ``etapa`` with ``hechos`` (dated the day asked about), and why not.

    The order of the reasons: permission first (a citador is told it is not his to do, not that a término
    runs), then a one-time act already issued, then the procedure's rule, then a prior act the document needs.
    """
    out: dict[TipoDocumento, Disponible] = {}
    for tipo in tipos if tipos is not None else REGISTRO:
        d = REGISTRO[tipo]
        falta = motivo_permiso(usuario, d.permiso, secretario_id)
        if falta is None and d.acto in UNICOS and d.acto in hechos.actos:
            falta = f"Ya consta {UNICOS[d.acto]} en este juicio; se emite una sola vez."
        if falta is None and d.acto is not None and d.acto is not TipoActo.ARCHIVO:
            # The archivo's saldo is computed when the auto is generated (a liquidación): not here.
            regla = proc.motivo(etapa, d.acto, hechos)
            if regla:
                falta = f"No se puede {proc.VERBOS[d.acto]}: {regla}."
        elif falta is None and d.acto is TipoActo.ARCHIVO and etapa not in proc.ABIERTAS:
            falta = f"No se puede {proc.VERBOS[d.acto]}: el juicio está en etapa {etapa.etiqueta}."
        elif falta is None and d.acto is TipoActo.ARCHIVO:
            # Applies in any open stage once the debt is paid: the saldo comes from the liquidación made when it
            # is generated (which refuses with the amount still owed), not from this list.
            out[tipo] = Disponible(True, AYUDA_ARCHIVO)
            continue
        if falta is None and d.requiere is not None and d.requiere not in hechos.actos:
            antes = next((x.titulo for x in REGISTRO.values() if x.acto is d.requiere), proc.NOMBRES[d.requiere])
            falta = f"Antes debe constar el documento «{antes}» en el juicio."
        out[tipo] = Disponible(falta is None, falta or "")
    return out


class Semaforo(StrEnum):
    VERDE = "VERDE"  # waiting for a término to run out: nothing to do yet
    AMARILLO = "AMARILLO"  # a step is due now
    ROJO = "ROJO"  # the secretario's plazo is over or about to be, or a due step has waited too long

    @property
    def etiqueta(self) -> str:
        return {"VERDE": "Al día", "AMARILLO": "Pendiente", "ROJO": "Urgente"}[self.value]


@dataclass(frozen=True, slots=True)
class ProximaAccion:
    """The next step of a juicio.

    Attributes:
        semaforo: the traffic light.
        que: what to do next (Spanish, imperative: «Notificar la orden de pago inmediato»).
        hasta: the date by which (or from which, when ``desde``) it is done; None when no date applies.
        dias: days from today to ``hasta`` (business days when ``habiles``, else calendar days; negative:
            past); None without ``hasta``.
        habiles: True when ``dias`` counts business days (a término), False for calendar days (a plazo).
        desde: True when ``hasta`` is the first day the step may be taken (a término still running).
        motivo: why (the rule, the término and its article).
    """

    semaforo: Semaforo
    que: str
    hasta: date | None = None
    dias: int | None = None
    habiles: bool = False
    desde: bool = False
    motivo: str = ""

    def texto(self) -> str:
        """One line: «Notificar la OPI · hasta el 20/06/2025 (5 días calendario)»."""
        if self.hasta is None:
            return self.que
        unidad = "hábiles" if self.habiles else "calendario"
        if self.dias is None:
            cuando = ""
        elif self.dias < 0:
            cuando = f" (hace {-self.dias} días {unidad})" if -self.dias != 1 else f" (hace 1 día {unidad})"
        elif self.dias == 0:
            cuando = " (hoy)"
        else:
            cuando = f" ({self.dias} días {unidad})" if self.dias != 1 else f" (1 día {unidad})"
        palabra = "desde el" if self.desde else "plazo vencido el" if self.dias is not None and self.dias < 0 \
            else "hasta el"
        return f"{self.que} · {palabra} {format_dmy(self.hasta)}{cuando}"


def _habiles(cal: Calendario, hoy: date, hasta: date) -> int:
    return cal.dias_habiles_entre(hoy, hasta) if hasta >= hoy else -cal.dias_habiles_entre(hasta, hoy)


def proxima_accion(etapa: Etapa, hechos: proc.Hechos, hoy: date, cal: Calendario) -> ProximaAccion:
    """The next step of a juicio in ``etapa`` with ``hechos`` (``hechos.fecha`` is ignored: ``hoy`` is the day
    asked about), using the office's calendar ``cal`` for business days.

    Rules (COA arts. 271, 279; C.D. 321): SORTEADO → emit the RPV; RPV not notified → notify it; RPV
    notified, its 10-día término running → wait (verde) until it lapses, then the OPI; OPI not notified →
    notify it; its 3-día término running → wait, then medidas cautelares / embargo; then avalúo, remate,
    liquidación and archivo. A step that is due is amarillo, rojo when it has waited more than
    :data:`ESPERA_MAXIMA_HABILES` business days or when the secretario's plazo (180 days + prórroga) ends
    within :data:`AVISO_PLAZO_DIAS` days or is over; its deadline is then that plazo.
    """
    if etapa in proc.CERRADAS:
        return ProximaAccion(Semaforo.VERDE, f"Ninguna: {proc._ESTADO_CERRADO[etapa]}")
    if etapa is Etapa.TITULO:
        return ProximaAccion(Semaforo.AMARILLO, "Sortear el título de crédito")
    if etapa is Etapa.SUSPENDIDO:
        return ProximaAccion(Semaforo.VERDE, "Juicio suspendido: registrar la reanudación cuando cese la suspensión",
                             motivo="Un juicio suspendido no corre términos.")
    a = hechos.actos
    plazo = hechos.plazo_secretario_vence

    def debido(que: str, motivo: str, desde: date | None = None) -> ProximaAccion:
        """A step due now: by the secretario's plazo; red when it is (nearly) over or the step waited long."""
        rojo = plazo is not None and (plazo - hoy).days <= AVISO_PLAZO_DIAS
        if desde is not None and _habiles(cal, desde, hoy) > ESPERA_MAXIMA_HABILES:
            rojo = True
            motivo += f" Corresponde desde el {format_dmy(desde)}."
        if plazo is not None:
            motivo += f" El plazo del secretario-abogado ({PLAZO_SECRETARIO_DIAS} días, C.D. 321) vence el " \
                      f"{format_dmy(plazo)}."
        return ProximaAccion(Semaforo.ROJO if rojo else Semaforo.AMARILLO, que, plazo,
                             (plazo - hoy).days if plazo is not None else None, False, False, motivo.strip())

    def espera(que: str, vence: date, motivo: str) -> ProximaAccion:
        """A término running: nothing to do until it lapses (the day after ``vence``)."""
        siguiente = cal.siguiente_habil(vence + timedelta(days=1))
        rojo = plazo is not None and plazo < siguiente
        if rojo:
            motivo += f" El plazo del secretario-abogado vence antes, el {format_dmy(plazo)}: pida la prórroga."
        return ProximaAccion(Semaforo.ROJO if rojo else Semaforo.VERDE, que, siguiente,
                             _habiles(cal, hoy, siguiente), True, True, motivo)

    if etapa is Etapa.SORTEADO:
        return debido("Emitir el requerimiento de pago voluntario",
                      f"El RPV da {TERMINO_RPV_DIAS} días (término) para pagar, desde su notificación (COA art. 271).")
    if etapa is Etapa.RPV:
        if hechos.rpv_vence is None:
            return debido("Notificar el requerimiento de pago voluntario al coactivado",
                          "Su término corre desde la notificación (COA art. 271).")
        if hoy <= hechos.rpv_vence:
            return espera("Esperar el pago voluntario; luego, razón de no pago y orden de pago inmediato",
                          hechos.rpv_vence, f"El término de {TERMINO_RPV_DIAS} días del RPV vence el "
                          f"{format_dmy(hechos.rpv_vence)} (COA art. 271).")
        return debido("Emitir la orden de pago inmediato",
                      f"El término del RPV venció el {format_dmy(hechos.rpv_vence)} sin pago (COA arts. 271, 279).",
                      desde=hechos.rpv_vence)
    if etapa is Etapa.OPI and hechos.notificado_en is None:
        return debido("Notificar la orden de pago inmediato al coactivado",
                      f"El coactivado tiene {TERMINO_OPI_DIAS} días (término) desde la notificación para pagar o "
                      "dimitir bienes (COA art. 279).")
    if etapa in (Etapa.OPI, Etapa.NOTIFICADO):
        if hechos.opi_vence is not None and hoy <= hechos.opi_vence:
            return espera("Esperar el término para pagar o dimitir bienes; luego, medidas cautelares o embargo",
                          hechos.opi_vence, f"El término de {TERMINO_OPI_DIAS} días de la OPI vence el "
                          f"{format_dmy(hechos.opi_vence)} (COA art. 279).")
        return debido("Ordenar medidas cautelares o el embargo",
                      "El término para pagar o dimitir bienes venció (COA arts. 279-281).", desde=hechos.opi_vence)
    if etapa is Etapa.MEDIDAS_CAUTELARES:
        return debido("Registrar las respuestas de las medidas y embargar o secuestrar bienes",
                      "Con las medidas ordenadas, el embargo asegura el cobro (COA art. 282).")
    if etapa is Etapa.EMBARGO:
        return debido("Designar perito y registrar el avalúo de lo embargado", "Sin avalúo no hay remate.")
    if etapa is Etapa.AVALUO:
        return debido("Publicar el aviso de remate", "La base del remate sale del avalúo.")
    if etapa is Etapa.REMATE:
        if TipoActo.REMATE in a:
            return debido("Liquidar la deuda con el producto del remate", "El remate paga la deuda como un abono.")
        return debido("Calificar las posturas y rematar", "Consta el aviso de remate.")
    if etapa is Etapa.LIQUIDADO:
        return debido("Archivar el juicio (auto de archivo) si la deuda está pagada",
                      "Pago total: archivo del juicio.")
    return debido("Continuar el trámite", "")
