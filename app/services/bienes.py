"""Inventory of seized goods (domain.md §5): register a good of an expediente against its acta de embargo or
secuestro, with photos; search the office's inventory; a good's whole history; return or release it; export
the inventory to XLSX.

A good is born EMBARGADO or SECUESTRADO (as its acta says). Seizing goods worth far more than the saldo, or when
retained funds already cover it, needs ``confirmar_desproporcion=True``: without it
:class:`DesproporcionError` carries the figures for the user to confirm (the confirmation is recorded in the
good's first act).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.money import format_usd
from app.common.text import search_key
from app.domain.bienes import FINALES, EstadoBien, Proporcionalidad, TipoBien, proporcionalidad
from app.domain.bienes_campos import COLUMNAS, descripcion_por_defecto, monto_opcional, tipo_bien, validar_campos
from app.domain.permisos import Permiso
from app.domain.tipos import TipoDocumento
from app.services.bienes_comun import (
    DatosBien,
    bien_de,
    datos_de,
    depositario_del_usuario,
    es_depositario,
    exigir_tramite,
    guardar_fotos_en,
    mover_estado_en,
    reglas_de,
    saldo_aproximado,
    validar_fotos,
)
from app.services.context import Contexto
from app.storage.consultas.bienes import Foto, fotos_de
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Deudor, Documento, Expediente, Folio
from app.storage.models_bienes import (
    ActoBien,
    Avaluo,
    Bien,
    CostoBien,
    Custodia,
    Depositario,
    InformeDepositario,
)
from app.storage.models_juicio import MedidaCautelar

_ACTAS = {TipoDocumento.ACTA_EMBARGO.name: ("EMBARGO", EstadoBien.EMBARGADO),
          TipoDocumento.ACTA_SECUESTRO.name: ("SECUESTRO", EstadoBien.SECUESTRADO)}


class DesproporcionError(RuleError):
    """The seizure needs a confirmation: ``figuras`` has the saldo, the goods' value and the retained funds."""

    def __init__(self, figuras: Proporcionalidad) -> None:
        super().__init__(figuras.mensaje() + " ¿Confirma el embargo?")
        self.figuras = figuras


@dataclass(frozen=True, slots=True)
class NuevoBien:
    """What the user writes about a good. ``campos``: the kind-specific fields
    (:data:`app.domain.bienes_campos.CAMPOS`); ``valor_estimado`` in USD (for funds, the amount retained)."""

    tipo: TipoBien | str
    descripcion: str = ""
    valor_estimado: Decimal | str | None = None
    ubicacion: str = ""
    condicion: str = ""
    campos: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActaDisponible:
    """An acta de embargo or secuestro of the expediente a good can be tied to."""

    documento_id: uuid.UUID
    tipo: str  # EMBARGO | SECUESTRO
    fecha: date
    descripcion: str
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class Filtro:
    """Inventory search: each non-empty field narrows (texts by prefix, case and accents ignored)."""

    texto: str = ""  # placa, chasis, clave catastral, juicio, deudor (name or cédula/RUC)
    depositario_id: uuid.UUID | None = None
    estado: EstadoBien | None = None
    tipo: TipoBien | None = None
    solo_vencidos: bool = False


@dataclass(frozen=True, slots=True)
class EntradaHistoria:
    """One line of a good's history, oldest first: a state act, a hand-over, a report, a cost, an avalúo."""

    fecha: date
    clase: str  # ESTADO | CUSTODIA | INFORME | COSTO | AVALUO
    texto: str
    autor: str
    fotos: tuple[Foto, ...] = ()


@dataclass(frozen=True, slots=True)
class FichaBien:
    bien: DatosBien
    historia: tuple[EntradaHistoria, ...]
    fotos: tuple[Foto, ...]
    costos: Decimal


class BienesService:
    """The office's inventory of seized goods."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    # -- registering -------------------------------------------------------------------------------------
    def actas(self, numero: str) -> list[ActaDisponible]:
        """The actas de embargo and secuestro of juicio ``numero`` (with their folios), oldest first."""
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            filas = s.execute(
                select(Documento.id, Documento.tipo, Documento.fecha, Documento.descripcion, Folio.desde, Folio.hasta)
                .join(Folio, Folio.documento_id == Documento.id)
                .where(Documento.expediente_id == e.id, Documento.tipo.in_(list(_ACTAS)))
                .order_by(Folio.posicion)
            ).all()
            return [ActaDisponible(i, _ACTAS[t][0], f, d, a, b) for i, t, f, d, a, b in filas]

    def registrar(
        self, numero: str, acta_documento_id: uuid.UUID, nuevo: NuevoBien, *,
        fotos: Sequence[tuple[str, bytes]] = (), confirmar_desproporcion: bool = False,
    ) -> DatosBien:
        """Register a good seized in juicio ``numero`` by the acta ``acta_documento_id`` (an acta de embargo or
        secuestro of that expediente), with its photos (file name, bytes). Dated as the acta.

        Raises:
            NotFoundError: unknown juicio or acta.
            ValidationError: bad fields (named), bad photos, an acta of another kind or expediente.
            DesproporcionError: the seizure is out of proportion and was not confirmed (with the figures).
            PermissionDenied: not the secretario of the juicio.
        """
        tipo = tipo_bien(nuevo.tipo)
        campos = validar_campos(tipo, dict(nuevo.campos), local_today().year)
        valor = monto_opcional(nuevo.valor_estimado, "Valor estimado")
        if tipo is TipoBien.FONDOS:
            valor = Decimal(campos["monto_retenido"])
        validar_fotos(fotos)
        descripcion = " ".join((nuevo.descripcion or "").split()) or descripcion_por_defecto(tipo, campos)
        with self.ctx.tx("registrar bien embargado") as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            exigir_tramite(self.ctx, e)
            acta = s.get(Documento, acta_documento_id)
            if acta is None or acta.expediente_id != e.id:
                raise NotFoundError(f"El acta indicada no es del juicio {e.numero}.")
            if acta.tipo not in _ACTAS:
                raise ValidationError("Un bien se registra con su acta de embargo o de secuestro.")
            acta_tipo, estado = _ACTAS[acta.tipo]
            self._repetido(s, campos)
            figuras = self._proporcion(s, e, acta.fecha, valor or Decimal("0"))
            if figuras.motivo and not confirmar_desproporcion:
                raise DesproporcionError(figuras)
            b = Bien(
                office_id=e.office_id, expediente_id=e.id, deudor_id=e.deudor_id, tipo=tipo.value,
                descripcion=descripcion[:500], estado=estado.value, acta_documento_id=acta.id, acta_tipo=acta_tipo,
                fecha_acta=acta.fecha, ubicacion=nuevo.ubicacion.strip()[:300], condicion=nuevo.condicion.strip()[:300],
                valor_estimado=valor, detalle={k: v for k, v in campos.items() if k not in COLUMNAS},
                **{k: campos.get(k) for k in COLUMNAS},
            )
            s.add(b)
            s.flush()
            datos = {"proporcionalidad": {"saldo": str(figuras.saldo), "valor_bienes": str(figuras.valor_bienes),
                                          "fondos_retenidos": str(figuras.fondos_retenidos), "motivo": figuras.motivo,
                                          "confirmado": True}} if figuras.motivo else None
            s.add(ActoBien(office_id=e.office_id, bien_id=b.id, expediente_id=e.id, fecha=acta.fecha,
                           estado_anterior=None, estado_nuevo=estado.value, documento_id=acta.id, datos=datos,
                           descripcion=f"Según {acta.descripcion[0].lower()}{acta.descripcion[1:]}"[:500]))
            guardar_fotos_en(s, self.ctx, e, b.id, Bien.__tablename__, b.id, fotos, descripcion[:120], acta.fecha)
            s.flush()
            return datos_de(s, [b], local_today(), reglas_de(s, e.office_id))[0]

    def proporcion(self, numero: str, valor_nuevo: Decimal, fecha: date | None = None) -> Proporcionalidad:
        """The proportionality figures of seizing one more good worth ``valor_nuevo`` USD in juicio ``numero``."""
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            return self._proporcion(s, e, fecha or local_today(), valor_nuevo)

    def _proporcion(self, s: Session, e: Expediente, fecha: date, valor_nuevo: Decimal) -> Proporcionalidad:
        saldo, _exacto = saldo_aproximado(s, e, fecha)
        vivos = [x.value for x in EstadoBien if x not in FINALES]
        valor = s.scalar(select(func.coalesce(func.sum(Bien.valor_estimado), 0)).where(
            Bien.expediente_id == e.id, Bien.estado.in_(vivos))) or 0
        fondos = s.scalar(select(func.coalesce(func.sum(MedidaCautelar.monto_retenido), 0)).where(
            MedidaCautelar.expediente_id == e.id, MedidaCautelar.estado != "LEVANTADA")) or 0
        reglas = reglas_de(s, e.office_id)
        return proporcionalidad(saldo, Decimal(str(valor)) + valor_nuevo, Decimal(str(fondos)),
                                reglas.factor_proporcionalidad)

    def _repetido(self, s: Session, campos: dict[str, Any]) -> None:
        for col in COLUMNAS:
            if campos.get(col):
                otro = s.execute(
                    select(Expediente.numero).join(Bien, Bien.expediente_id == Expediente.id)
                    .where(Bien.office_id == self.ctx.office_id, getattr(Bien, col) == campos[col],
                           Bien.estado.in_([x.value for x in EstadoBien if x not in FINALES])).limit(1)
                ).scalar()
                if otro:
                    raise ValidationError(f"Ya hay un bien embargado con {col.replace('_', ' ')} {campos[col]} "
                                          f"en el juicio {otro}.")

    # -- reading -------------------------------------------------------------------------------------------
    def listar(self, numero: str) -> list[DatosBien]:
        """The goods of juicio ``numero`` in the order they were seized."""
        with self.ctx.read() as s:
            e = expediente_por_numero(s, self.ctx.office_id, numero)
            filas = s.scalars(select(Bien).where(Bien.expediente_id == e.id)
                              .order_by(Bien.fecha_acta, Bien.created_at)).all()
            return datos_de(s, list(filas), local_today(), reglas_de(s, e.office_id))

    def buscar(self, filtro: Filtro = Filtro(), hoy: date | None = None, limite: int | None = 2000) -> list[DatosBien]:
        """The office's inventory narrowed by ``filtro``, newest seizures first. A depositario sees only the
        goods in his custody."""
        hoy = hoy or local_today()
        with self.ctx.read() as s:
            # Plain rows, not ORM objects: the list only reads them (a third of the time for 2,000 goods).
            q = select(*Bien.__table__.c).where(Bien.office_id == self.ctx.office_id)
            if es_depositario(self.ctx):
                propio = depositario_del_usuario(s, self.ctx)
                q = q.where(Bien.depositario_id == (propio.id if propio else None))
            t = filtro.texto.strip()
            if t:
                clave = search_key(t)
                up = t.upper().replace(" ", "")
                # A plate is stored as ABC-1234: «abc1», «ABC-1» and «abc 1» all mean the prefix «ABC-1».
                limpio = re.sub(r"[^A-Z0-9]", "", up)
                m = re.fullmatch(r"([A-Z]{3})(\d*)", limpio)
                placa = f"{m.group(1)}-{m.group(2)}%" if m and m.group(2) else f"{limpio}%"
                q = q.join(Expediente, Expediente.id == Bien.expediente_id).join(Deudor, Deudor.id == Bien.deudor_id)
                q = q.where(or_(
                    Bien.placa.like(placa),
                    Bien.chasis.like(f"{up}%"), Bien.clave_catastral.like(f"{t}%"),
                    Expediente.numero.like(f"{t}%"), Deudor.identificacion.like(f"{t}%"),
                    Deudor.nombre_busqueda.like(f"{clave}%"), Deudor.nombre_busqueda.like(f"% {clave}%"),
                ))
            if filtro.depositario_id is not None:
                q = q.where(Bien.depositario_id == filtro.depositario_id)
            if filtro.estado is not None:
                q = q.where(Bien.estado == filtro.estado.value)
            if filtro.tipo is not None:
                q = q.where(Bien.tipo == filtro.tipo.value)
            q = q.order_by(Bien.fecha_acta.desc(), Bien.created_at.desc())
            if limite is not None and not filtro.solo_vencidos:
                q = q.limit(limite)
            datos = datos_de(s, s.execute(q).all(), hoy, reglas_de(s, self.ctx.office_id))  # type: ignore[arg-type]
            if filtro.solo_vencidos:
                datos = [d for d in datos if d.informe is not None and d.informe.vencido]
            return datos

    def ficha(self, bien_id: uuid.UUID) -> FichaBien:
        """A good with its whole history (state acts, hand-overs, reports, costs, avalúos) and photos.

        Raises:
            NotFoundError: unknown good (or, for a depositario, not in his custody).
        """
        with self.ctx.read() as s:
            b, _e = bien_de(s, self.ctx, bien_id)
            if es_depositario(self.ctx):
                propio = depositario_del_usuario(s, self.ctx)
                if propio is None or propio.id != b.depositario_id:
                    raise NotFoundError("El bien no está bajo su custodia.")
            d = datos_de(s, [b], local_today(), reglas_de(s, b.office_id))[0]
            nombres = dict(s.execute(select(Depositario.id, Depositario.nombres)).all())
            h: list[EntradaHistoria] = []
            for a in s.scalars(select(ActoBien).where(ActoBien.bien_id == b.id)):
                h.append(EntradaHistoria(a.fecha, "ESTADO", f"{EstadoBien(a.estado_nuevo).etiqueta}: {a.descripcion}",
                                         a.created_by))
            custodias = list(s.scalars(select(Custodia).where(Custodia.bien_id == b.id)))
            fc = fotos_de(s, Custodia.__tablename__, [c.id for c in custodias])
            for c in custodias:
                h.append(EntradaHistoria(c.fecha, "CUSTODIA", (
                    f"Entrega de {c.entrega} a {c.recibe}" + (f", en {c.lugar}" if c.lugar else "")
                    + (f"; estado: {c.condicion}" if c.condicion else "")), c.created_by, tuple(fc.get(c.id, ()))))
            informes = list(s.scalars(select(InformeDepositario).where(InformeDepositario.bien_id == b.id)))
            fi = fotos_de(s, InformeDepositario.__tablename__, [i.id for i in informes])
            for i in informes:
                h.append(EntradaHistoria(i.fecha, "INFORME", (
                    f"Informe de {nombres.get(i.depositario_id, '')}: estado {i.condicion}, en {i.ubicacion}"
                    + (f". {i.observaciones}" if i.observaciones else "")), i.created_by, tuple(fi.get(i.id, ()))))
            costos = Decimal("0.00")
            for c in s.scalars(select(CostoBien).where(CostoBien.bien_id == b.id)):
                costos += c.monto
                h.append(EntradaHistoria(c.fecha, "COSTO", f"Costo: {c.concepto} (USD {format_usd(c.monto)})",
                                         c.created_by))
            for a in s.scalars(select(Avaluo).where(Avaluo.bien_id == b.id)):
                h.append(EntradaHistoria(a.fecha, "AVALUO", f"Avalúo de {a.perito_nombre}: USD {format_usd(a.valor)}",
                                         a.created_by))
            orden = {"ESTADO": 0, "CUSTODIA": 1, "AVALUO": 2, "INFORME": 3, "COSTO": 4}
            h.sort(key=lambda x: (x.fecha, orden[x.clase]))
            fotos = fotos_de(s, Bien.__tablename__, [b.id]).get(b.id, [])
            return FichaBien(d, tuple(h), tuple(fotos), costos)

    def foto(self, sha256: str) -> bytes:
        """The bytes of a stored photo (for thumbnails). Raises NotFoundError."""
        return self.ctx.blobs.get(sha256)

    # -- leaving custody -----------------------------------------------------------------------------------
    def terminar(self, bien_id: uuid.UUID, estado: EstadoBien | str, fecha: date, motivo: str,
                 recibe: str = "") -> DatosBien:
        """Return the good to the debtor (DEVUELTO) or release the seizure (LEVANTADO), dated ``fecha``: a
        state act and, if a depositario kept it, the last hand-over of its chain of custody (to ``recibe``,
        default the debtor).

        Raises:
            ValidationError: another target state, empty reason, a future date.
            RuleError: the good's history already ended, or a date before its last act.
            PermissionDenied: not the secretario of the juicio.
        """
        estado = EstadoBien(str(estado).upper())
        if estado not in (EstadoBien.DEVUELTO, EstadoBien.LEVANTADO):
            raise ValidationError("Un bien sale de la custodia devuelto o levantado; el remate se adjudica aparte.")
        if not motivo.strip():
            raise ValidationError("Indique el motivo (p. ej. «pago total de la obligación», «orden del juzgado»).")
        if fecha > local_today():
            raise ValidationError(f"La fecha ({format_dmy(fecha)}) es posterior a hoy.")
        with self.ctx.tx("devolver o levantar bien") as s:
            b, e = bien_de(s, self.ctx, bien_id)
            exigir_tramite(self.ctx, e)
            mover_estado_en(s, b, estado, fecha, motivo.strip())
            if b.depositario_id is not None:
                dep = s.get_one(Depositario, b.depositario_id)
                deudor = s.get_one(Deudor, b.deudor_id)
                s.add(Custodia(office_id=b.office_id, bien_id=b.id, expediente_id=b.expediente_id, fecha=fecha,
                               motivo="DEVOLUCION", de_depositario_id=dep.id, depositario_id=None,
                               entrega=f"{dep.nombres} (depositario judicial)",
                               recibe=(recibe.strip() or deudor.nombre),
                               observaciones=motivo.strip()))
                b.depositario_id = None
            s.flush()
            return datos_de(s, [b], local_today(), reglas_de(s, b.office_id))[0]

    # -- export -------------------------------------------------------------------------------------------
    def exportar_inventario(self, destino: Path, filtro: Filtro = Filtro(), hoy: date | None = None) -> int:
        """Write the inventory (every good matching ``filtro``) to ``destino`` (.xlsx). Returns the rows written.

        Raises:
            ValidationError: the file cannot be written.
        """
        from app.reports.inventario import Hoja, escribir_xlsx

        hoy = hoy or local_today()
        bienes = self.buscar(filtro, hoy, limite=None)
        filas = [
            (b.juicio, b.deudor, b.deudor_identificacion, b.tipo.etiqueta, b.descripcion, b.placa, b.chasis,
             b.clave_catastral, b.identificacion, b.estado.etiqueta, b.depositario, b.ubicacion, b.condicion,
             b.valor_estimado, b.avaluo, b.fecha_acta, b.informe.vence if b.informe else None,
             (b.informe.dias_vencido if b.informe and b.informe.vencido else None))
            for b in bienes
        ]
        vencidos = [(b.juicio, b.descripcion, b.depositario, b.informe.desde, b.informe.vence, b.informe.dias_vencido)
                    for b in bienes if b.informe is not None and b.informe.vencido]
        return escribir_xlsx(destino, [
            Hoja("Inventario", [("Juicio", 17), ("Coactivado", 34), ("Cédula/RUC", 15), ("Tipo", 12),
                                ("Descripción", 40), ("Placa", 10), ("Chasis", 20), ("Clave catastral", 22),
                                ("Identificación", 40), ("Estado", 12), ("Depositario", 28), ("Ubicación", 28),
                                ("Condición", 14), ("Valor estimado (USD)", 14), ("Avalúo (USD)", 14),
                                ("Fecha del acta", 12), ("Próximo informe", 12), ("Días de atraso", 10)], filas),
            Hoja("Informes vencidos", [("Juicio", 17), ("Bien", 40), ("Depositario", 28), ("Desde", 12),
                                       ("Vencía", 12), ("Días de atraso", 10)], vencidos),
        ]) - len(vencidos)


    def exportar_historia(self, bien_id: uuid.UUID, destino: Path) -> int:
        """Write a good's whole history (chain of custody included) to ``destino`` (.xlsx), to print it.
        Returns the rows written."""
        from app.reports.inventario import Hoja, escribir_xlsx

        f = self.ficha(bien_id)
        clases = {"ESTADO": "Estado", "CUSTODIA": "Custodia", "INFORME": "Informe", "COSTO": "Costo",
                  "AVALUO": "Avalúo"}
        filas = [(h.fecha, clases[h.clase], h.texto, h.autor, ", ".join(x.nombre for x in h.fotos))
                 for h in f.historia]
        b = f.bien
        return escribir_xlsx(destino, [Hoja(f"Bien {b.juicio}"[:31], [
            ("Fecha", 12), ("Tipo", 10), (f"{b.descripcion} — {b.identificacion}"[:200], 90), ("Registró", 16),
            ("Fotos", 30)], filas)])


def permiso_registrar(ctx: Contexto) -> bool:
    """Whether the acting user may register goods and order their acts (the secretario, the jefe)."""
    return ctx.usuario.puede(Permiso.EXPEDIENTE_TRAMITAR)
