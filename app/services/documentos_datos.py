"""What each document of an expediente says, read from the database: the juicio (office, coactivado,
co-obligados, título, secretario, folios so far: :mod:`app.services.documentos_lectura`) and, per document type,
the rows it cites (the RPV and its término, a notificación, a medida cautelar, a liquidación, a convenio…) and
the ``datos`` the caller gives (parsed by :mod:`app.services.documentos_entrada`).

:class:`Preparador` turns them into the template's fields (through :mod:`app.documents.campos`), the
document's description in the índice, the ``datos`` of its act and what to link once it is stored (an oficio
to its medida, an auto de suspensión to its convenio). Used by :mod:`app.services.documentos`, inside its
transaction; nothing here writes except :meth:`Preparador.preparar` for a liquidación document without a
recorded liquidación of that date, which records it (:func:`app.services.liquidacion.registrar_liquidacion_en`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, to_local
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.text import plural
from app.documents.campos import actas, comunes, oficios, providencias, valores
from app.documents.campos import modelo as cm
from app.documents.concordancia import normalizar_genero
from app.domain.documentos import REGISTRO
from app.domain.liquidacion import DIAS_VIGENCIA_PROVIDENCIA, vigente_para_providencia
from app.domain.terminos import TERMINO_OPI_DIAS, TERMINO_RPV_DIAS, Calendario
from app.domain.tipos import TipoActo, TipoDocumento
from app.services import documentos_entrada as entrada
from app.services import documentos_lectura as lectura
from app.services.context import Contexto
from app.services.firmantes import citador_de
from app.services.honorarios_tarifa import honorarios_opi
from app.services.liquidacion import registrar_liquidacion_en
from app.services.medidas import vincular_documento_en
from app.storage.models import Documento, Expediente, Folio
from app.storage.models_juicio import (
    Acto,
    Convenio,
    Coobligado,
    CuotaConvenio,
    Liquidacion,
    MedidaCautelar,
    Notificacion,
    Pago,
    Termino,
)

_MEDIDA_DE_OFICIO = {
    TipoDocumento.OFICIO_RETENCION: "RETENCION",
    TipoDocumento.OFICIO_ANT: "PROHIBICION_VEHICULO",
    TipoDocumento.OFICIO_REGISTRO: "PROHIBICION_INMUEBLE",
}
_ETIQUETA_MEDIDA = {
    "RETENCION": "Retención de fondos",
    "PROHIBICION_VEHICULO": "Prohibición de enajenar vehículos",
    "PROHIBICION_INMUEBLE": "Prohibición de enajenar bienes inmuebles",
}



def medidas_por_defecto(ciudad: str, *, coobligados: bool = False, juridica: bool = False) -> list[str]:
    """The medidas cautelares an OPI orders unless told otherwise (COA arts. 280-281; domain.md §2.6). They
    reach the co-obligados when there are any (as the oficios do: one per medida, for every obligado), and a
    company's participaciones and shares through the Superintendencia de Compañías."""
    quien = "del coactivado y de cada uno de los coobligados" if coobligados else "del coactivado"
    que = "que el coactivado y cada uno de los coobligados mantengan" if coobligados else "que el coactivado mantenga"
    out = [
        f"La retención de los fondos {que} en cuentas corrientes, de ahorros, inversiones y cualquier otro "
        "depósito o valor en las instituciones del sistema financiero nacional, hasta por el monto adeudado, para "
        "lo cual se oficiará a la Superintendencia de Bancos y a la Superintendencia de Economía Popular y "
        "Solidaria (SEPS), a fin de que lo comuniquen a las entidades bajo su control.",
        f"La prohibición de enajenar los vehículos de propiedad {quien}, para lo cual se oficiará a la Agencia "
        "Nacional de Tránsito (ANT) y a la agencia de tránsito local competente.",
        f"La prohibición de enajenar los bienes inmuebles de propiedad {quien}, para lo cual se oficiará al "
        f"Registro de la Propiedad del cantón {ciudad} y a los demás registros de la propiedad del país.",
    ]
    if juridica:
        out.append(
            "La prohibición de enajenar las acciones y participaciones que la compañía coactivada y sus socios "
            "mantengan en ella, para lo cual se oficiará a la Superintendencia de Compañías, Valores y Seguros.")
    return out


@dataclass(slots=True)
class Preparado:
    """What a document needs besides the template: its fields, its description in the índice, the act's
    ``datos``, the término it grants and what to link once it is stored."""

    campos: dict[str, Any]
    descripcion: str
    datos_acto: dict[str, Any] = field(default_factory=dict)
    vencimiento: date | None = None
    vincular: Callable[[Documento], None] | None = None




class Preparador:
    """Fields, description, act ``datos`` and links of each document type (see the module docstring)."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def preparar(self, s: Session, tipo: TipoDocumento, e: Expediente, j: cm.Juicio, fecha: date,
                 datos: dict[str, Any], cal: Calendario) -> Preparado:
        """What document ``tipo`` of ``e`` (read as ``j``) dated ``fecha`` needs, from the rows and ``datos``.

        Raises:
            NotFoundError: a row named in ``datos`` is not of this expediente.
            RuleError: nothing to cite (no notification, no medida to lift, no convenio in force, a liquidación
                too old for a providencia…).
            ValidationError: missing or bad ``datos``.
        """
        from app.services.documentos_bienes import preparador  # the goods' documents read their own rows

        propio = preparador(tipo, datos)
        if propio is not None:
            campos, descripcion, datos_acto = propio(s, e, j, fecha, datos)
            return Preparado(campos, descripcion, datos_acto)
        return self._POR_TIPO[tipo](self, s, e, j, fecha, datos, cal)
    def _p_rpv(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
               cal: Calendario) -> Preparado:
        vence = cal.sumar_dias_habiles(fecha, TERMINO_RPV_DIAS)
        return Preparado(providencias.rpv(j, fecha, vence), f"Requerimiento de pago voluntario ({format_dmy(fecha)})",
                          vencimiento=vence)

    def _p_opi(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
               cal: Calendario) -> Preparado:
        vence = cal.sumar_dias_habiles(fecha, TERMINO_OPI_DIAS)
        medidas = datos.get("medidas")
        if medidas is None:
            lista = medidas_por_defecto(j.oficina.ciudad, coobligados=bool(j.coobligados),
                                        juridica=j.deudor.tipo_persona.upper() == "JURIDICA")
        elif isinstance(medidas, list | tuple):
            lista = [str(m).strip() for m in medidas if str(m).strip()]
        else:
            raise ValidationError("«medidas» debe ser una lista de textos.")
        return Preparado(providencias.opi(j, fecha, vence, lista, honorarios_opi(s, e, fecha)),
                          f"Orden de pago inmediato ({format_dmy(fecha)})", vencimiento=vence)

    def _p_razon_no_pago(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                         cal: Calendario) -> Preparado:
        ref = lectura.ref(s, e.id, TipoDocumento.RPV.name)
        # The RPV's término runs from its notification to the coactivado (COA art. 271): that act opened it.
        vence = s.scalar(
            select(Termino.vence).join(Acto, Acto.id == Termino.acto_id)
            .where(Termino.expediente_id == e.id, Acto.tipo.in_([TipoActo.NOTIFICACION.value, TipoActo.RPV.value]),
                   Termino.dias == TERMINO_RPV_DIAS, Termino.descripcion.like("Término para el pago voluntario%"))
            .order_by(Termino.desde).limit(1)
        )
        return Preparado(providencias.razon_no_pago(j, fecha, ref, vence), f"Razón de no pago ({format_dmy(fecha)})")

    def _p_razon_notificacion(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                              cal: Calendario) -> Preparado:
        if datos.get("notificacion_id"):
            n = s.get(Notificacion, entrada.identificador(datos["notificacion_id"], "notificacion_id"))
            if n is None or n.expediente_id != e.id:
                raise NotFoundError(f"La notificación indicada no es del juicio {e.numero}.")
        else:
            n = s.scalars(
                select(Notificacion).where(Notificacion.expediente_id == e.id)
                .order_by(Notificacion.fecha_hora.desc(), Notificacion.created_at.desc()).limit(1)
            ).first()
            if n is None:
                raise RuleError(f"El juicio {e.numero} no tiene notificaciones registradas: registre primero la "
                                "notificación.")
        if n.razon_documento_id is not None:
            # One razón per diligencia: a second one would foliate the same act twice.
            desde = s.scalar(select(Folio.desde).where(Folio.documento_id == n.razon_documento_id))
            donde = f" (a fojas {desde})" if desde else ""
            raise RuleError(f"Ya consta la razón de esta notificación a {n.destinatario}{donde}: no se sienta dos "
                            "veces. Si tiene un error, registre una corrección.")
        return self.razon(s, e, j, fecha, n)

    def razon(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date,
                        n: Notificacion) -> Preparado:
        if n.coobligado_id is not None:
            c = s.get(Coobligado, n.coobligado_id)
            calidad = comunes.calidad(c.calidad) if c is not None else "coobligado"
        elif j.deudor.tipo_persona.upper() == "JURIDICA" and j.deudor.representante_legal \
                and n.destinatario.strip().lower() == j.deudor.representante_legal.strip().lower():
            calidad = "representante legal del coactivado"
        else:
            calidad = "coactivado"
        citador, cargo = citador_de(s, n.office_id, n.created_by or self.ctx.actor, self.ctx.usuario)
        representante = ""
        if n.coobligado_id is None and j.deudor.tipo_persona.upper() == "JURIDICA":
            representante = j.deudor.representante_legal  # COA art. 165: a company is notified in that person
        datos_n = cm.Notificacion(
            destinatario=n.destinatario, identificacion=n.destinatario_identificacion, intento=n.intento,
            forma=n.forma, fecha_hora=to_local(n.fecha_hora).replace(tzinfo=None), direccion=n.direccion or "",
            recibido_por=n.recibido_por or "", efectiva=bool(n.efectiva), observaciones=n.observaciones or "",
            calidad=calidad, documento=lectura.ref_documento(s, n.documento_notificado_id),
            citador_nombre=citador, citador_cargo=cargo, representante_legal=representante,
        )
        return Preparado(
            providencias.razon_notificacion(j, fecha, datos_n),
            f"Razón de notificación a {n.destinatario}, {comunes.ordinal(n.intento)} diligencia "
            f"({format_dmy(to_local(n.fecha_hora).date())})",
        )

    def _numero_oficio(self, s: Session, e: Expediente) -> str:
        n = s.scalar(select(func.count()).select_from(Documento).where(
            Documento.expediente_id == e.id, Documento.tipo.like("OFICIO_%")))
        return f"{e.numero}-OF-{(n or 0) + 1:03d}"

    def _p_oficio(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                  cal: Calendario, tipo: TipoDocumento) -> Preparado:
        esperado = _MEDIDA_DE_OFICIO[tipo]
        vincular = None
        if datos.get("medida_id"):
            m = self._medida(s, e, datos["medida_id"])
            if m.tipo != esperado:
                raise ValidationError(
                    f"La medida indicada es de {_ETIQUETA_MEDIDA.get(m.tipo, m.tipo).lower()}: no corresponde a un "
                    f"{REGISTRO[tipo].titulo.lower()}."
                )
            numero, destinatario = m.oficio_numero or self._numero_oficio(s, e), m.destinatario
            if m.documento_id is None:
                medida = m

                def vincular(doc: Documento) -> None:
                    # The oficio now exists: the medida records its document and, if it had none, its number.
                    vincular_documento_en(s, medida.id, doc.id)
                    if not medida.oficio_numero:
                        medida.oficio_numero = numero
        else:
            numero = self._numero_oficio(s, e)
            destinatario = entrada.texto(datos, "destinatario") or {
                TipoDocumento.OFICIO_RETENCION: ("Superintendencia de Bancos y Superintendencia de Economía Popular y "
                                                 "Solidaria (SEPS)"),
                TipoDocumento.OFICIO_ANT: "Agencia Nacional de Tránsito (ANT)",
                TipoDocumento.OFICIO_REGISTRO: f"Registro de la Propiedad del cantón {j.oficina.ciudad}",
            }[tipo]
        return Preparado(
            oficios.oficio(j, fecha, tipo, cm.Oficio(numero, destinatario, j.titulo.total)),
            f"{REGISTRO[tipo].titulo} No. {numero}, a {destinatario} ({format_dmy(fecha)})", vincular=vincular,
        )

    def _medida(self, s: Session, e: Expediente, medida_id: Any) -> MedidaCautelar:
        m = s.get(MedidaCautelar, entrada.identificador(medida_id, "medida_id"))
        if m is None or m.expediente_id != e.id:
            raise NotFoundError(f"La medida cautelar indicada no es del juicio {e.numero}.")
        return m

    def _p_oficio_retencion(self, *a: Any) -> Preparado:
        return self._p_oficio(*a, tipo=TipoDocumento.OFICIO_RETENCION)

    def _p_oficio_ant(self, *a: Any) -> Preparado:
        return self._p_oficio(*a, tipo=TipoDocumento.OFICIO_ANT)

    def _p_oficio_registro(self, *a: Any) -> Preparado:
        return self._p_oficio(*a, tipo=TipoDocumento.OFICIO_REGISTRO)

    def _p_oficio_levantamiento(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                                cal: Calendario) -> Preparado:
        if datos.get("medida_id"):
            medidas = [self._medida(s, e, datos["medida_id"])]
        else:
            medidas = list(s.scalars(
                select(MedidaCautelar).where(MedidaCautelar.expediente_id == e.id)
                .order_by(MedidaCautelar.fecha_envio, MedidaCautelar.created_at)
            ))
            vigentes = [m for m in medidas if m.estado != "LEVANTADA" and m.levantamiento_documento_id is None]
            destinos = {m.destinatario for m in vigentes}
            if not vigentes:
                raise RuleError(f"El juicio {e.numero} no tiene medidas cautelares vigentes que levantar.")
            if len(destinos) > 1:
                lista = "; ".join(f"{m.id} ({_ETIQUETA_MEDIDA.get(m.tipo, m.tipo)}, {m.destinatario})"
                                  for m in vigentes)
                raise ValidationError(
                    "Cada oficio de levantamiento va a una sola entidad: indique la medida (datos «medida_id»): "
                    f"{lista}."
                )
            medidas = vigentes
        destinatario = medidas[0].destinatario
        motivo = entrada.texto(datos, "motivo") or "haberse cancelado la totalidad de la obligación"
        numero = self._numero_oficio(s, e)
        refs = tuple(cm.MedidaRef(_ETIQUETA_MEDIDA.get(m.tipo, m.tipo), m.destinatario,
                                  m.oficio_numero or "s/n", m.fecha_envio) for m in medidas)
        ids = [m.id for m in medidas if m.levantamiento_documento_id is None]

        def vincular(doc: Documento) -> None:
            for mid in ids:
                vincular_documento_en(s, mid, doc.id, levantamiento=True)

        return Preparado(
            oficios.oficio(j, fecha, TipoDocumento.OFICIO_LEVANTAMIENTO,
                           cm.Oficio(numero, destinatario, j.titulo.total, refs, motivo)),
            f"Oficio de levantamiento de medidas No. {numero}, a {destinatario} ({format_dmy(fecha)})",
            vincular=vincular,
        )

    def _p_providencia(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                       cal: Calendario) -> Preparado:
        texto = entrada.texto(datos, "texto")
        if not texto:
            raise ValidationError("La providencia no tiene texto: escriba lo que se dispone (datos «texto»).")
        liq = None
        if datos.get("liquidacion_id"):
            if str(datos["liquidacion_id"]).lower() == "ultima":
                row = lectura.ultima_liquidacion(s, e.id)
                if row is None:
                    raise RuleError(f"El juicio {e.numero} no tiene liquidación registrada: registre una antes de "
                                    "citarla.")
            else:
                row = s.get(Liquidacion, entrada.identificador(datos["liquidacion_id"], "liquidacion_id"))
                if row is None or row.expediente_id != e.id:
                    raise NotFoundError(f"La liquidación indicada no es del juicio {e.numero}.")
            if not vigente_para_providencia(row.fecha_corte, fecha):
                raise RuleError(
                    f"La liquidación del {format_dmy(row.fecha_corte)} no puede citarse en una providencia del "
                    f"{format_dmy(fecha)}: una providencia solo cita una liquidación de hasta "
                    f"{DIAS_VIGENCIA_PROVIDENCIA} días (domain.md §2.10). Registre una nueva liquidación."
                )
            liq = lectura.liquidacion_de(s, e, row)
        resumen = " ".join(texto.split())
        return Preparado(providencias.providencia(j, fecha, texto, liq),
                          f"Providencia ({format_dmy(fecha)}): {resumen[:120]}{'…' if len(resumen) > 120 else ''}",
                          datos_acto={"liquidacion_id": str(datos["liquidacion_id"])} if liq else {})

    def _p_acta_bienes(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                       embargo: bool) -> Preparado:
        if datos.get("bienes") not in (None, []):
            bienes = entrada.bienes_de(datos["bienes"])
        elif embargo:
            retenidas = s.execute(
                select(MedidaCautelar.destinatario, MedidaCautelar.oficio_numero, MedidaCautelar.monto_retenido)
                .where(MedidaCautelar.expediente_id == e.id, MedidaCautelar.tipo == "RETENCION",
                       MedidaCautelar.monto_retenido > 0, MedidaCautelar.estado != "LEVANTADA")
                .order_by(MedidaCautelar.fecha_envio)
            ).all()
            if not retenidas:
                raise ValidationError("Indique los bienes que se embargan (datos «bienes»): el juicio no tiene fondos "
                                      "retenidos.")
            bienes = tuple(cm.Bien(f"Fondos retenidos en el sistema financiero (oficio No. {o or 's/n'}, dirigido a "
                                   f"{d})", "FONDOS", m) for d, o, m in retenidas)
        else:
            raise ValidationError("Indique los bienes que se secuestran (datos «bienes»).")
        depositario = entrada.texto(datos, "depositario")
        if not depositario:
            raise ValidationError("Indique el depositario judicial que recibe los bienes (datos «depositario»).")
        genero = normalizar_genero(entrada.texto(datos, "depositario_genero"))
        if not genero:
            raise ValidationError("Indique si quien recibe los bienes es depositario o depositaria judicial "
                                  "(datos «depositario_genero»: M o F).")
        acta = cm.ActaBienes(depositario_genero=genero,

            bienes=bienes, depositario_nombre=depositario,
            depositario_cedula=entrada.texto(datos, "depositario_cedula"),
            lugar_diligencia=entrada.texto(datos, "lugar"),
            lugar_custodia=entrada.texto(datos, "lugar_custodia") or (
                "las entidades financieras que los retienen, a órdenes de este Juzgado"
                if all(b.tipo == "FONDOS" for b in bienes) else ""),
            hora=entrada.texto(datos, "hora"), observaciones=entrada.texto(datos, "observaciones"),
        )
        nombre = "Acta de embargo" if embargo else "Acta de secuestro"
        total = sum((b.valor for b in bienes if b.valor is not None), Decimal("0"))
        return Preparado(
            actas.acta_bienes(j, fecha, acta), f"{nombre} ({format_dmy(fecha)}): {plural(len(bienes), 'bien')}",
            datos_acto={"bienes": len(bienes), "valor": str(total), "depositario": depositario},
        )

    def _p_acta_embargo(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                        cal: Calendario) -> Preparado:
        return self._p_acta_bienes(s, e, j, fecha, datos, embargo=True)

    def _p_acta_secuestro(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                          cal: Calendario) -> Preparado:
        return self._p_acta_bienes(s, e, j, fecha, datos, embargo=False)

    def _p_liquidacion(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                       cal: Calendario) -> Preparado:
        if datos.get("liquidacion_id"):
            row = s.get(Liquidacion, entrada.identificador(datos["liquidacion_id"], "liquidacion_id"))
            if row is None or row.expediente_id != e.id:
                raise NotFoundError(f"La liquidación indicada no es del juicio {e.numero}.")
        else:
            row = s.scalars(
                select(Liquidacion).where(Liquidacion.expediente_id == e.id, Liquidacion.fecha_corte == fecha)
                .order_by(Liquidacion.created_at.desc()).limit(1)
            ).first()
            if row is None:
                # Records the liquidación at ``fecha`` (append-only row + LIQUIDACION act) in this transaction.
                registrada = registrar_liquidacion_en(s, self.ctx, e, fecha)
                row = s.get_one(Liquidacion, registrada.id)
        liq = lectura.liquidacion_de(s, e, row)
        return Preparado(valores.liquidacion(j, fecha, liq), lectura.descripcion_liquidacion(row.fecha_corte))

    def _p_aviso_remate(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                        cal: Calendario) -> Preparado:
        if not datos.get("fecha_remate"):
            raise ValidationError("Indique la fecha del remate (datos «fecha_remate», dd/mm/aaaa).")
        fecha_remate = entrada.fecha(datos["fecha_remate"], "fecha_remate")
        if fecha_remate <= fecha:
            raise ValidationError(f"La fecha del remate ({format_dmy(fecha_remate)}) debe ser posterior a la del "
                                  f"aviso ({format_dmy(fecha)}).")
        bienes = entrada.bienes_de(datos.get("bienes") or [], con_valor=True)
        if not bienes:
            raise ValidationError("Indique los bienes que se rematan con su avalúo (datos «bienes»).")
        avaluo = sum((b.valor for b in bienes if b.valor is not None), Decimal("0"))
        base_remate = entrada.monto(datos["base"], "base") if datos.get("base") not in (None, "") else avaluo
        lugar = entrada.texto(datos, "lugar") or (f"las oficinas del Juzgado de Coactiva de la {j.oficina.nombre}, "
                                                  f"en {j.oficina.ciudad}")
        aviso = cm.AvisoRemate(fecha_remate, entrada.texto(datos, "hora") or "10h00", lugar, bienes, base_remate)
        return Preparado(
            actas.aviso_remate(j, fecha, aviso),
            f"Aviso de remate para el {format_dmy(fecha_remate)} ({format_dmy(fecha)})",
            datos_acto={"fecha_remate": fecha_remate.isoformat(), "base": str(base_remate),
                        "bienes": [{"descripcion": b.descripcion, "tipo": b.tipo, "valor": str(b.valor)}
                                   for b in bienes]},
        )

    def _p_razon_archivo(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                         cal: Calendario) -> Preparado:
        pagado = s.scalar(select(func.coalesce(func.sum(Pago.monto), 0)).where(Pago.expediente_id == e.id))
        motivo = entrada.texto(datos, "motivo") or "el pago total de la obligación"
        auto = lectura.ref(s, e.id, TipoDocumento.AUTO_ARCHIVO.name)
        return Preparado(providencias.razon_archivo(j, fecha, cm.Archivo(motivo, Decimal(str(pagado or 0)), auto)),
                          f"Razón de archivo ({format_dmy(fecha)})")

    def _p_auto_suspension(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                           cal: Calendario) -> Preparado:
        if datos.get("convenio_id"):
            c = s.get(Convenio, entrada.identificador(datos["convenio_id"], "convenio_id"))
            if c is None or c.expediente_id != e.id:
                raise NotFoundError(f"El convenio indicado no es del juicio {e.numero}.")
        else:
            c = s.scalars(
                select(Convenio).where(Convenio.expediente_id == e.id, Convenio.estado == "VIGENTE")
                .order_by(Convenio.fecha.desc(), Convenio.created_at.desc()).limit(1)
            ).first()
            if c is None:
                raise RuleError(f"El juicio {e.numero} no tiene un acuerdo de pago parcial vigente: regístrelo antes "
                                "de dictar el auto de suspensión.")
        cuotas = s.scalars(
            select(CuotaConvenio).where(CuotaConvenio.convenio_id == c.id).order_by(CuotaConvenio.numero)
        ).all()
        convenio = cm.Convenio(
            fecha=c.fecha, plazo_meses=c.plazo_meses, monto=c.monto, cuota_inicial=c.cuota_inicial,
            tasa_anual=Decimal(c.tasa_anual), sin_honorarios=bool(c.sin_honorarios),
            cuotas=tuple(cm.Cuota(k.numero, k.vence, k.capital, k.interes, k.cuota) for k in cuotas),
        )
        vincular = None
        if c.documento_id is None:
            def vincular(doc: Documento) -> None:
                c.documento_id = doc.id
        return Preparado(providencias.auto_suspension(j, fecha, convenio),
                          f"Auto de suspensión por convenio de pago del {format_dmy(c.fecha)} ({format_dmy(fecha)})",
                          vincular=vincular)

    def _p_orden_pago_honorarios(self, s: Session, e: Expediente, j: cm.Juicio, fecha: date, datos: dict[str, Any],
                                 cal: Calendario) -> Preparado:
        from app.services.honorarios_documento import preparar_orden  # it builds on this module

        return preparar_orden(self.ctx, s, e, j, fecha, datos)

    _POR_TIPO: ClassVar[dict[TipoDocumento, Callable[..., Preparado]]] = {
        TipoDocumento.RPV: _p_rpv,
        TipoDocumento.RAZON_NO_PAGO: _p_razon_no_pago,
        TipoDocumento.OPI: _p_opi,
        TipoDocumento.RAZON_NOTIFICACION: _p_razon_notificacion,
        TipoDocumento.OFICIO_RETENCION: _p_oficio_retencion,
        TipoDocumento.OFICIO_ANT: _p_oficio_ant,
        TipoDocumento.OFICIO_REGISTRO: _p_oficio_registro,
        TipoDocumento.OFICIO_LEVANTAMIENTO: _p_oficio_levantamiento,
        TipoDocumento.PROVIDENCIA: _p_providencia,
        TipoDocumento.ACTA_EMBARGO: _p_acta_embargo,
        TipoDocumento.ACTA_SECUESTRO: _p_acta_secuestro,
        TipoDocumento.LIQUIDACION: _p_liquidacion,
        TipoDocumento.AVISO_REMATE: _p_aviso_remate,
        TipoDocumento.RAZON_ARCHIVO: _p_razon_archivo,
        TipoDocumento.AUTO_SUSPENSION: _p_auto_suspension,
        TipoDocumento.ORDEN_PAGO_HONORARIOS: _p_orden_pago_honorarios,
    }
