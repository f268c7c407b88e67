"""What the services of seized goods share inside their transactions: the office's rules, who may act on a
good (the secretario of its juicio, or the depositario who keeps it), state acts, photos, and the rows read
as plain data (:class:`DatosBien`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy
from app.common.errors import (
    AppError,
    ConfigurationError,
    NotFoundError,
    PermissionDenied,
    RuleError,
    ValidationError,
)
from app.common.money import q
from app.domain.bienes import (
    BAJO_CUSTODIA,
    EstadoBien,
    EstadoInforme,
    ReglasBienes,
    TipoBien,
    proximo_informe,
    validar_transicion,
)
from app.domain.bienes_campos import identificacion
from app.domain.permisos import Permiso, Rol
from app.domain.preferencias import BASE_REMATE, FACTOR_PROPORCIONALIDAD, INFORME_MESES, PUBLICACION_DIAS
from app.domain.tipos import TipoDocumento
from app.services.context import Contexto
from app.services.foliacion import guardar_archivo
from app.services.liquidacion import liquidar_expediente
from app.storage.consultas.bienes import fotos_de, ultima_referencia_informe
from app.storage.consultas.preferencias import guardar, textos
from app.storage.models import Deudor, Documento, Expediente, TituloCredito
from app.storage.models_bienes import ActoBien, Avaluo, Bien, Depositario, FotoBien
from app.storage.models_juicio import Costa, Pago

#: Generates a foliated document inside the caller's transaction (``DocumentosService.generar_en``): the
#: goods' services take it, so that an act and its document commit together.
GenerarEn = Callable[[Session, TipoDocumento, Expediente, date, dict], Documento]

TIPO_FOTO = "FOTO_BIEN"
MAX_FOTO = 25 * 1024 * 1024
_EXT_FOTO = (".jpg", ".jpeg", ".png", ".pdf", ".tif", ".tiff", ".webp")

#: The office preferences of the goods' rules (app.domain.preferencias), in ReglasBienes' field order.
_AJUSTES_BIENES = (INFORME_MESES, FACTOR_PROPORCIONALIDAD, BASE_REMATE, PUBLICACION_DIAS)


def reglas_de(s: Session, office_id: uuid.UUID) -> ReglasBienes:
    """The office's rules of goods (defaults of :class:`ReglasBienes` where not set).

    Raises:
        ConfigurationError: a stored value is not valid (names the key).
    """
    p = textos(s, office_id, _AJUSTES_BIENES)
    informe, factor, base, publicacion = (a.valor(p.get(a.clave)) for a in _AJUSTES_BIENES)
    try:
        return ReglasBienes(informe_meses=informe, factor_proporcionalidad=factor, base_remate=base,
                            publicacion_dias=publicacion)
    except ValidationError as exc:
        raise ConfigurationError(f"Preferencias de bienes inválidas ({', '.join(sorted(p))}): {exc}") from exc


def guardar_reglas(s: Session, office_id: uuid.UUID, r: ReglasBienes) -> None:
    valores = (r.informe_meses, r.factor_proporcionalidad, r.base_remate, r.publicacion_dias)
    for ajuste, valor in zip(_AJUSTES_BIENES, valores, strict=True):
        guardar(s, office_id, ajuste, valor)


def depositario_del_usuario(s: Session, ctx: Contexto) -> Depositario | None:
    """The depositario row of the acting user (a depositario judicial with a linked login), else None."""
    if ctx.usuario.sistema or ctx.usuario.id is None:
        return None
    return s.scalars(select(Depositario).where(Depositario.usuario_id == ctx.usuario.id)).first()


def es_depositario(ctx: Contexto) -> bool:
    return not ctx.usuario.sistema and ctx.usuario.rol is Rol.DEPOSITARIO


def bien_de(s: Session, ctx: Contexto, bien_id: uuid.UUID) -> tuple[Bien, Expediente]:
    b = s.get(Bien, bien_id)
    if b is None or b.office_id != ctx.office_id:
        raise NotFoundError("El bien no existe en esta oficina.")
    return b, s.get_one(Expediente, b.expediente_id)


def exigir_tramite(ctx: Contexto, e: Expediente) -> None:
    """The secretario of the juicio (or the jefe/system) orders acts on its goods."""
    ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR, secretario_id=e.secretario_id)


def exigir_custodio(s: Session, ctx: Contexto, b: Bien) -> Depositario:
    """The depositario who keeps ``b`` (or, acting for him, whoever may tramitar the juicio: the secretario
    records a report handed in on paper). Returns the custodian.

    Raises:
        RuleError-like PermissionDenied: another depositario's good, or no permission.
        ValidationError: the good has no depositario.
    """
    if b.depositario_id is None:
        raise ValidationError("El bien no tiene depositario judicial designado.")
    dep = s.get_one(Depositario, b.depositario_id)
    if es_depositario(ctx):
        ctx.exigir(Permiso.BIENES_REGISTRAR)
        propio = depositario_del_usuario(s, ctx)
        if propio is None or propio.id != b.depositario_id:
            raise PermissionDenied("Permiso denegado: el bien no está bajo su custodia.")
    else:
        exigir_tramite(ctx, s.get_one(Expediente, b.expediente_id))
    return dep


def mover_estado_en(s: Session, b: Bien, nuevo: EstadoBien, fecha: date, descripcion: str,
                    documento_id: uuid.UUID | None = None, datos: dict[str, Any] | None = None) -> ActoBien:
    """Record a state act of ``b`` (append-only) and move its current state.

    Raises:
        RuleError: the move is not allowed (:func:`app.domain.bienes.validar_transicion`), or dated before the
            good's last act.
    """
    actual = EstadoBien(b.estado)
    validar_transicion(TipoBien(b.tipo), actual, nuevo)
    ultima = s.scalar(select(func.max(ActoBien.fecha)).where(ActoBien.bien_id == b.id))
    if ultima is not None and fecha < ultima:
        raise RuleError(f"El bien tiene actos registrados hasta el {format_dmy(ultima)}: la fecha "
                        f"{format_dmy(fecha)} es anterior.")
    a = ActoBien(office_id=b.office_id, bien_id=b.id, expediente_id=b.expediente_id, fecha=fecha,
                 estado_anterior=actual.value, estado_nuevo=nuevo.value, descripcion=descripcion,
                 documento_id=documento_id, datos=datos)
    s.add(a)
    b.estado = nuevo.value
    return a


def validar_fotos(fotos: Sequence[tuple[str, bytes]]) -> None:
    """Photos and scans: named, not empty, an image or PDF, at most 25 MB each.

    Raises:
        ValidationError: naming the file.
    """
    for nombre, data in fotos:
        if not nombre.strip() or not data:
            raise ValidationError(f"La foto «{nombre}» está vacía.")
        if not nombre.lower().endswith(_EXT_FOTO):
            raise ValidationError(f"«{nombre}» no es una foto ni un escaneo (JPG, PNG, TIFF, WEBP o PDF).")
        if len(data) > MAX_FOTO:
            raise ValidationError(f"«{nombre}» pesa más de 25 MB.")


def guardar_fotos_en(s: Session, ctx: Contexto, e: Expediente, bien_id: uuid.UUID, tabla: str, fila_id: uuid.UUID,
                     fotos: Sequence[tuple[str, bytes]], descripcion: str, fecha: date) -> list[uuid.UUID]:
    """Store photos (SHA-256 blobs) as documents of the expediente, attached (:class:`FotoBien`) to row
    ``fila_id`` of ``tabla`` about good ``bien_id``. They are evidence kept with the record, not folios.
    Returns the document ids."""
    ids = []
    for i, (nombre, data) in enumerate(fotos, start=1):
        digest = guardar_archivo(s, ctx, data, nombre)
        d = Documento(office_id=e.office_id, expediente_id=e.id, tipo=TIPO_FOTO,
                      descripcion=f"{descripcion} — foto {i}"[:300], fecha=fecha, hojas=1, archivo_sha256=digest,
                      nombre_archivo=nombre.strip()[:300])
        s.add(d)
        s.flush()
        s.add(FotoBien(office_id=e.office_id, bien_id=bien_id, tabla=tabla, fila_id=fila_id, documento_id=d.id))
        ids.append(d.id)
    return ids


def saldo_aproximado(s: Session, e: Expediente, fecha: date) -> tuple[Decimal, bool]:
    """The saldo owed at ``fecha`` (USD) and whether it is exact: without a rate table covering the period the
    mora interest cannot be computed, so the saldo is the título + costs − payments (a lower bound)."""
    try:
        return liquidar_expediente(s, e, fecha).total, True
    except AppError:
        t = s.get_one(TituloCredito, e.titulo_id)
        costas = s.scalar(select(func.coalesce(func.sum(Costa.monto), 0)).where(Costa.expediente_id == e.id))
        pagos = s.scalar(select(func.coalesce(func.sum(Pago.monto), 0)).where(Pago.expediente_id == e.id))
        return q(Decimal(t.total) + Decimal(str(costas)) - Decimal(str(pagos))), False


# --- reading goods as plain data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DatosBien:
    """A good as the lists show it. ``informe`` is None when no report is owed (not in custody)."""

    id: uuid.UUID
    juicio: str
    expediente_id: uuid.UUID
    deudor: str
    deudor_identificacion: str
    tipo: TipoBien
    descripcion: str
    identificacion: str
    estado: EstadoBien
    depositario_id: uuid.UUID | None
    depositario: str
    ubicacion: str
    condicion: str
    valor_estimado: Decimal | None
    avaluo: Decimal | None
    placa: str
    chasis: str
    clave_catastral: str
    fecha_acta: date
    acta_tipo: str
    detalle: dict[str, Any]
    informe: EstadoInforme | None
    foto_sha256: str | None


def datos_de(s: Session, bienes: Sequence[Bien], hoy: date, reglas: ReglasBienes) -> list[DatosBien]:
    """Plain data of ``bienes`` (one query per related table, not per good)."""
    if not bienes:
        return []
    ids = [b.id for b in bienes]
    exp = {r[0]: r[1:] for r in s.execute(
        select(Expediente.id, Expediente.numero, Deudor.nombre, Deudor.identificacion)
        .join(Deudor, Deudor.id == Expediente.deudor_id)
        .where(Expediente.id.in_({b.expediente_id for b in bienes})))}
    deps = dict(s.execute(select(Depositario.id, Depositario.nombres).where(
        Depositario.id.in_({b.depositario_id for b in bienes if b.depositario_id}))).all())
    avaluos: dict[uuid.UUID, Decimal] = {}
    for bid, valor in s.execute(select(Avaluo.bien_id, Avaluo.valor).where(Avaluo.bien_id.in_(ids))
                                .order_by(Avaluo.fecha, Avaluo.created_at)):
        avaluos[bid] = valor
    desde = ultima_referencia_informe(s, bienes)
    fotos = fotos_de(s, Bien.__tablename__, ids)
    out = []
    for b in bienes:
        numero, deudor, ident = exp[b.expediente_id]
        estado = EstadoBien(b.estado)
        informe = None
        if estado in BAJO_CUSTODIA and b.depositario_id is not None and b.id in desde:
            informe = proximo_informe(desde[b.id], hoy, reglas.informe_meses)
        detalle = {**(b.detalle or {}), **{k: getattr(b, k) for k in ('placa', 'chasis', 'clave_catastral')
                                           if getattr(b, k)}}
        out.append(DatosBien(
            id=b.id, juicio=numero, expediente_id=b.expediente_id, deudor=deudor, deudor_identificacion=ident,
            tipo=TipoBien(b.tipo), descripcion=b.descripcion, identificacion=identificacion(TipoBien(b.tipo), detalle),
            estado=estado, depositario_id=b.depositario_id, depositario=deps.get(b.depositario_id, ""),
            ubicacion=b.ubicacion, condicion=b.condicion, valor_estimado=b.valor_estimado, avaluo=avaluos.get(b.id),
            placa=b.placa or "", chasis=b.chasis or "", clave_catastral=b.clave_catastral or "",
            fecha_acta=b.fecha_acta, acta_tipo=b.acta_tipo, detalle=detalle, informe=informe,
            foto_sha256=fotos[b.id][0].sha256 if b.id in fotos else None,
        ))
    return out


