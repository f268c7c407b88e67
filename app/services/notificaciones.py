"""Notificaciones (citación) of the debtor and each co-obligado: attempts, form, who received it, photos.

Rules kept deliberately simple (COA arts. 164 and 171, domain.md §2.5):
- every person named in the OPI (the debtor and each co-obligado) is notified on his own; each attempt is a
  record (append-only) and a NOTIFICACION act in the expediente's history;
- attempts are numbered per person and per notified act: attempt ``n`` needs a failed attempt ``n - 1``;
  nothing more is recorded for a person once he was effectively notified of that act;
- at the domicile, notification is PERSONAL or by BOLETA, up to three attempts;
- by PRENSA (the press) only after at least one failed attempt at the domicile (personal or boleta), as its
  next attempt;
- the first effective notification of the OPI to the DEBTOR moves the juicio to NOTIFICADO (when it is in
  stage OPI), records the citation date and form on the carátula and opens the 3-día término of COA
  art. 279; a co-obligado's effective notification opens his own 3-día término but does not move the stage.
Photos and scans are stored by their SHA-256 and foliated into the expediente (one sheet per photo, PDF
pages counted with pypdf: :func:`app.documents.paginas.contar_archivo`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, to_local
from app.common.errors import RuleError, ValidationError
from app.common.ids import new_id
from app.documents.paginas import contar_archivo
from app.domain.etapas import Etapa
from app.domain.permisos import Permiso
from app.domain.procedimiento import NOMBRES
from app.domain.tipos import TipoActo
from app.services.actos import registrar_acto_en
from app.services.context import Contexto
from app.services.foliacion import agregar_documento_en
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Deudor, Documento, Expediente, Folio
from app.storage.models_juicio import Acto, Adjunto, Coobligado, Notificacion, Termino

TIPO_ADJUNTO = "ADJUNTO_NOTIFICACION"
MAX_INTENTOS_DOMICILIO = 3

#: Optional hook for the documents service: renders and foliates the razón de notificación of a notification
#: about to be stored (``id`` and every field set, not yet flushed) and returns its Documento id. Called inside
#: the same transaction, before the (append-only) row is written, so that ``razon_documento_id`` is set at
#: insert time.
RazonFactory = Callable[[Session, Notificacion], uuid.UUID | None]


class FormaNotificacion(StrEnum):
    PERSONAL = "PERSONAL"
    BOLETA = "BOLETA"
    PRENSA = "PRENSA"

    @property
    def etiqueta(self) -> str:
        return {"PERSONAL": "personal", "BOLETA": "por boleta", "PRENSA": "por la prensa"}[self.value]


@dataclass(frozen=True, slots=True)
class AdjuntoFoliado:
    documento_id: uuid.UUID
    nombre_archivo: str
    hojas: int
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class DatosNotificacion:
    """A recorded attempt. ``coobligado_id`` None: the debtor. ``vence``: last day of the 3-día término it
    opened (None if none). ``etapa``: the juicio's stage after it."""

    id: uuid.UUID
    juicio: str
    notifica: TipoActo | None
    documento_notificado_id: uuid.UUID | None
    destinatario: str
    identificacion: str
    coobligado_id: uuid.UUID | None
    intento: int
    forma: FormaNotificacion
    fecha_hora: datetime
    direccion: str
    recibido_por: str
    efectiva: bool
    observaciones: str
    acto_id: uuid.UUID | None
    razon_documento_id: uuid.UUID | None
    adjuntos: tuple[AdjuntoFoliado, ...]
    autor: str
    vence: date | None
    etapa: Etapa


class NotificacionesService:
    """Record and list the notification attempts of an expediente."""

    def __init__(self, ctx: Contexto, razon: RazonFactory | None = None) -> None:
        self.ctx = ctx
        self.razon = razon

    def registrar(
        self,
        numero: str,
        *,
        destinatario: uuid.UUID | str | None = None,
        intento: int,
        forma: FormaNotificacion | str,
        fecha_hora: datetime,
        direccion: str = "",
        recibido_por: str = "",
        efectiva: bool,
        observaciones: str = "",
        adjuntos: Sequence[tuple[str, bytes]] = (),
        notifica: TipoActo | str = TipoActo.OPI,
    ) -> DatosNotificacion:
        """Record one notification attempt of the act ``notifica`` (default the OPI) in juicio ``numero``.

        Args:
            destinatario: None or "DEUDOR" for the debtor, else the id of one of the expediente's co-obligados.
            intento: attempt number for that person and act, 1..3 at the domicile (PRENSA: the next one).
            forma: PERSONAL, BOLETA or PRENSA (COA arts. 164, 171; see the module docstring).
            fecha_hora: when it happened, time-zone aware (stored in UTC; its date in Ecuador is the act date).
            direccion: where; defaults to the person's address on file (required except for PRENSA).
            recibido_por: who received it (personal: defaults to the person notified).
            efectiva: True when the person was notified; False for a failed attempt.
            adjuntos: ``(file name, bytes)`` photos/scans, each foliated as a document of tipo
                ``ADJUNTO_NOTIFICACION`` (1 sheet per photo, a PDF's page count).

        Returns the recorded attempt (with its folio ranges, the término it opened and the new stage).

        Raises:
            NotFoundError: unknown juicio.
            ValidationError: bad field (naive datetime, unknown form or co-obligado, missing address, no
                name or empty file in an attachment).
            RuleError: out-of-order attempt, person already notified, press before a failed attempt, or the
                procedure does not allow it (e.g. the OPI was not issued; closed juicio).
            PermissionDenied: the user may not register notifications on this expediente.
        """
        try:
            forma = FormaNotificacion(str(forma).upper())
        except ValueError as exc:
            raise ValidationError(f"Forma de notificación «{forma}» desconocida: use PERSONAL, BOLETA o PRENSA.") \
                from exc
        notifica = TipoActo(notifica)
        if fecha_hora.tzinfo is None or fecha_hora.utcoffset() is None:
            raise ValidationError("La fecha y hora de la notificación debe indicar su zona horaria.",
                                  campo="fecha_hora")
        for nombre, data in adjuntos:
            if not nombre.strip() or not data:
                raise ValidationError("Cada adjunto necesita nombre de archivo y contenido.", campo="adjuntos")
        fecha = to_local(fecha_hora).date()
        with self.ctx.tx("registrar notificación") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            self.ctx.exigir(Permiso.NOTIFICACION_REGISTRAR, secretario_id=e.secretario_id)
            coob_id, nombre, ident, dir_archivo = self._persona(s, e, destinatario)
            direccion = (direccion or "").strip() or dir_archivo
            if forma is not FormaNotificacion.PRENSA and not direccion:
                raise ValidationError(f"Indique la dirección en que se notificó a {nombre}.", campo="direccion")
            recibido = (recibido_por or "").strip()
            if efectiva and forma is FormaNotificacion.PERSONAL and not recibido:
                recibido = nombre
            self._validar_intento(s, e, coob_id, nombre, notifica, intento, forma)
            nid = new_id()
            documento_notificado = s.scalar(
                select(Acto.documento_id).where(Acto.expediente_id == e.id, Acto.tipo == notifica.value)
                .order_by(Acto.fecha.desc(), Acto.created_at.desc()).limit(1)
            )
            estado = "efectiva" if efectiva else "fallida"
            acto = registrar_acto_en(
                s, self.ctx, e, tipo=TipoActo.NOTIFICACION, fecha=fecha,
                descripcion=(f"Notificación {forma.etiqueta} a {nombre} ({NOMBRES[notifica]}), intento {intento}: "
                             f"{estado}"),
                datos={"notifica": notifica.value, "efectiva": efectiva, "coobligado_id": coob_id, "forma": forma.value,
                       "destinatario": nombre, "intento": intento, "notificacion_id": nid},
            )
            n = Notificacion(
                id=nid, office_id=e.office_id, expediente_id=e.id, documento_notificado_id=documento_notificado,
                destinatario=nombre[:300], destinatario_identificacion=ident, coobligado_id=coob_id,
                intento=intento, forma=forma.value, fecha_hora=fecha_hora, direccion=direccion[:300],
                recibido_por=recibido[:300], efectiva=efectiva, observaciones=(observaciones or "").strip(),
                acto_id=acto.id, razon_documento_id=None,
            )
            if self.razon is not None:
                n.razon_documento_id = self.razon(s, n)
            s.add(n)
            s.flush()
            for i, (archivo, data) in enumerate(adjuntos, start=1):
                conteo = contar_archivo(archivo, data)
                doc, _ = agregar_documento_en(
                    s, self.ctx, e, tipo=TIPO_ADJUNTO,
                    descripcion=(f"Notificación a {nombre} ({format_dmy(fecha)}, intento {intento}): adjunto {i} "
                                 f"«{archivo.strip()}»")[:300],
                    fecha=fecha, data=data, nombre_archivo=archivo.strip(), hojas=conteo.hojas,
                    hojas_fuente=conteo.fuente,
                )
                s.add(Adjunto(office_id=e.office_id, tabla=Notificacion.__tablename__, fila_id=nid,
                              documento_id=doc.id))
            s.flush()
            return self._datos(s, e, [n])[0]

    def listar(self, numero: str) -> list[DatosNotificacion]:
        """Every notification attempt of juicio ``numero``, in the order they happened.

        Raises:
            NotFoundError: unknown juicio.
        """
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            filas = s.scalars(
                select(Notificacion).where(Notificacion.expediente_id == e.id)
                .order_by(Notificacion.fecha_hora, Notificacion.created_at)
            ).all()
            return self._datos(s, e, list(filas))

    # -- helpers --
    def _persona(
        self, s: Session, e: Expediente, destinatario: uuid.UUID | str | None
    ) -> tuple[uuid.UUID | None, str, str, str]:
        if destinatario is None or (isinstance(destinatario, str) and destinatario.strip().upper() in {"", "DEUDOR"}):
            d = s.get_one(Deudor, e.deudor_id)
            return None, d.nombre, d.identificacion, d.direccion or ""
        try:
            cid = destinatario if isinstance(destinatario, uuid.UUID) else uuid.UUID(str(destinatario))
        except ValueError as exc:
            raise ValidationError(f"«{destinatario}» no es un co-obligado de este juicio.") from exc
        c = s.get(Coobligado, cid)
        if c is None or c.expediente_id != e.id:
            raise ValidationError(f"El co-obligado indicado no consta en el juicio {e.numero}.")
        return c.id, c.nombre, c.identificacion, c.direccion or ""

    @staticmethod
    def _validar_intento(
        s: Session, e: Expediente, coob_id: uuid.UUID | None, nombre: str, notifica: TipoActo, intento: int,
        forma: FormaNotificacion,
    ) -> None:
        if intento < 1:
            raise ValidationError("El número de intento empieza en 1.")
        previos = s.execute(
            select(Notificacion.intento, Notificacion.forma, Notificacion.efectiva, Notificacion.fecha_hora,
                   Acto.datos)
            .join(Acto, Acto.id == Notificacion.acto_id)
            .where(Notificacion.expediente_id == e.id,
                   Notificacion.coobligado_id.is_(None) if coob_id is None else Notificacion.coobligado_id == coob_id)
            .order_by(Notificacion.intento)
        ).all()
        previos = [p for p in previos if (p.datos or {}).get("notifica") == notifica.value]
        que = NOMBRES[notifica].lower()
        efectiva = next((p for p in previos if p.efectiva), None)
        if efectiva is not None:
            raise RuleError(
                f"{nombre} ya fue notificado de {que} el {format_dmy(to_local(efectiva.fecha_hora).date())} "
                f"(intento {efectiva.intento})."
            )
        esperado = len(previos) + 1
        if intento != esperado:
            if intento > esperado:
                raise RuleError(
                    f"No se puede registrar el intento {intento} de notificación a {nombre}: falta el intento "
                    f"{esperado} fallido."
                )
            raise RuleError(f"El intento {intento} de notificación a {nombre} ya está registrado; el siguiente es "
                            f"el {esperado}.")
        if forma is FormaNotificacion.PRENSA:
            if not previos:
                raise RuleError(
                    f"No se puede notificar a {nombre} por la prensa: primero debe constar un intento fallido de "
                    "notificación personal o por boleta en su domicilio (COA arts. 164, 171)."
                )
        elif intento > MAX_INTENTOS_DOMICILIO:
            raise RuleError(
                f"Ya constan {MAX_INTENTOS_DOMICILIO} intentos en el domicilio de {nombre}: corresponde notificar "
                "por la prensa."
            )

    def _datos(self, s: Session, e: Expediente, filas: list[Notificacion]) -> list[DatosNotificacion]:
        if not filas:
            return []
        ids = [n.id for n in filas]
        adj: dict[uuid.UUID, list[AdjuntoFoliado]] = {}
        for fila_id, doc_id, nombre, hojas, desde, hasta in s.execute(
            select(Adjunto.fila_id, Documento.id, Documento.nombre_archivo, Documento.hojas, Folio.desde, Folio.hasta)
            .join(Documento, Documento.id == Adjunto.documento_id)
            .join(Folio, Folio.documento_id == Documento.id)
            .where(Adjunto.tabla == Notificacion.__tablename__, Adjunto.fila_id.in_(ids))
            .order_by(Folio.posicion)
        ):
            adj.setdefault(fila_id, []).append(AdjuntoFoliado(doc_id, nombre, hojas, desde, hasta))
        actos = {a.id: a for a in s.scalars(select(Acto).where(Acto.id.in_([n.acto_id for n in filas if n.acto_id])))}
        vences = dict(s.execute(
            select(Termino.acto_id, Termino.vence).where(Termino.acto_id.in_(list(actos)))
        ).all()) if actos else {}
        out = []
        for n in filas:
            a = actos.get(n.acto_id) if n.acto_id else None
            notif = (a.datos or {}).get("notifica") if a else None
            out.append(DatosNotificacion(
                id=n.id, juicio=e.numero, notifica=TipoActo(notif) if notif else None,
                documento_notificado_id=n.documento_notificado_id, destinatario=n.destinatario,
                identificacion=n.destinatario_identificacion, coobligado_id=n.coobligado_id, intento=n.intento,
                forma=FormaNotificacion(n.forma), fecha_hora=n.fecha_hora, direccion=n.direccion,
                recibido_por=n.recibido_por, efectiva=n.efectiva, observaciones=n.observaciones, acto_id=n.acto_id,
                razon_documento_id=n.razon_documento_id, adjuntos=tuple(adj.get(n.id, [])), autor=n.created_by,
                vence=vences.get(n.acto_id), etapa=Etapa(e.etapa),
            ))
        return out
