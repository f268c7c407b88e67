"""Depositarios judiciales (domain.md §5): the register, the appointment per good with an acta de posesión that
enters the folios, the chain of custody (append-only hand-overs), periodic reports with photos and custody
costs (which reach the liquidación as costas), and the overdue reports the jefe is alerted to.

A report is due ``informe_meses`` months (office preference, default 1) after the custodian took the good or
filed his last report on it; it is overdue from the next day.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.domain import procedimiento as proc
from app.domain.bienes import BAJO_CUSTODIA, FINALES, EstadoBien, ReglasBienes, proximo_informe, referencia_informe
from app.domain.bienes_campos import monto_opcional
from app.domain.etapas import Etapa
from app.domain.identificacion import validar_cedula
from app.domain.permisos import Permiso, Rol
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bienes_comun import (
    DatosBien,
    GenerarEn,
    bien_de,
    datos_de,
    depositario_del_usuario,
    exigir_custodio,
    exigir_tramite,
    guardar_fotos_en,
    guardar_reglas,
    mover_estado_en,
    reglas_de,
    validar_fotos,
)
from app.services.context import Contexto
from app.storage.consultas.bienes import fechas_de_informe
from app.storage.models import Deudor, Expediente, Usuario
from app.storage.models_bienes import Bien, CostoBien, Custodia, Depositario, InformeDepositario
from app.storage.models_juicio import Costa


@dataclass(frozen=True, slots=True)
class DatosDepositario:
    id: uuid.UUID
    nombres: str
    cedula: str
    telefono: str
    email: str
    direccion: str
    activo: bool
    login: str
    bienes: int  # goods in his custody now


@dataclass(frozen=True, slots=True)
class Designacion:
    """An appointment: the custody entries and the acta de posesión (folios ``desde``-``hasta``)."""

    depositario: str
    custodia_ids: tuple[uuid.UUID, ...]
    documento_id: uuid.UUID
    juicio: str


@dataclass(frozen=True, slots=True)
class InformeRegistrado:
    id: uuid.UUID
    bien_id: uuid.UUID
    fecha: date
    costo: Decimal
    costa_id: uuid.UUID | None
    proximo: date


def _texto(valor: str, que: str, maximo: int = 300, obligatorio: bool = True) -> str:
    t = " ".join((valor or "").split())
    if obligatorio and not t:
        raise ValidationError(f"Indique {que}.")
    return t[:maximo]


class DepositariosService:
    """The office's depositarios and what they do with the goods."""

    def __init__(self, ctx: Contexto, generar_en: GenerarEn | None = None) -> None:
        self.ctx = ctx
        self._generar_en = generar_en

    # -- register --------------------------------------------------------------------------------------------
    def crear(self, nombres: str, cedula: str, telefono: str = "", email: str = "", direccion: str = "",
              login: str = "") -> DatosDepositario:
        """Register a depositario judicial (cédula checked). ``login``: his user (role depositario) if any.

        Raises:
            ValidationError: bad name or cédula, a cédula already registered, a login that is not a depositario.
            PermissionDenied: a role that does not tramitar juicios.
        """
        self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR)
        nombres = _texto(nombres, "los nombres del depositario", 200)
        cedula = validar_cedula(cedula)
        with self.ctx.tx("registrar depositario judicial") as s:
            if s.scalar(select(Depositario.id).where(Depositario.office_id == self.ctx.office_id,
                                                     Depositario.cedula == cedula)):
                raise ValidationError(f"Ya hay un depositario judicial con la cédula {cedula}.")
            d = Depositario(office_id=self.ctx.office_id, nombres=nombres, cedula=cedula,
                            telefono=telefono.strip()[:40], email=email.strip()[:200],
                            direccion=direccion.strip()[:300],
                            activo=True, usuario_id=self._usuario(s, login))
            s.add(d)
            s.flush()
            return self._datos(s, [d])[0]

    def vincular_usuario(self, depositario_id: uuid.UUID, login: str) -> DatosDepositario:
        """Link a depositario to his login (a user with the depositario judicial role)."""
        self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR)
        with self.ctx.tx("vincular depositario con su usuario") as s:
            d = self._dep(s, depositario_id)
            d.usuario_id = self._usuario(s, login)
            s.flush()
            return self._datos(s, [d])[0]

    def activar(self, depositario_id: uuid.UUID, activo: bool) -> DatosDepositario:
        """Activate or deactivate a depositario (an inactive one keeps his goods until they are handed over, but
        is not offered for new appointments)."""
        self.ctx.exigir(Permiso.EXPEDIENTE_TRAMITAR)
        with self.ctx.tx("activar o desactivar depositario") as s:
            d = self._dep(s, depositario_id)
            d.activo = activo
            s.flush()
            return self._datos(s, [d])[0]

    def listar(self, solo_activos: bool = False) -> list[DatosDepositario]:
        with self.ctx.read() as s:
            q = select(Depositario).where(Depositario.office_id == self.ctx.office_id).order_by(Depositario.nombres)
            if solo_activos:
                q = q.where(Depositario.activo.is_(True))
            return self._datos(s, list(s.scalars(q)))

    def yo(self) -> DatosDepositario | None:
        """The acting user's depositario row, if he is one."""
        with self.ctx.read() as s:
            d = depositario_del_usuario(s, self.ctx)
            return self._datos(s, [d])[0] if d else None

    def _usuario(self, s: Session, login: str) -> uuid.UUID | None:
        login = (login or "").strip()
        if not login:
            return None
        u = s.scalars(select(Usuario).where(Usuario.office_id == self.ctx.office_id, Usuario.login == login)).first()
        if u is None:
            raise ValidationError(f"No hay un usuario «{login}».")
        if u.rol != Rol.DEPOSITARIO.value:
            raise ValidationError(f"El usuario «{login}» no tiene el rol de depositario judicial.")
        return u.id

    def _dep(self, s: Session, depositario_id: uuid.UUID) -> Depositario:
        d = s.get(Depositario, depositario_id)
        if d is None or d.office_id != self.ctx.office_id:
            raise NotFoundError("El depositario judicial no existe en esta oficina.")
        return d

    def _datos(self, s: Session, filas: Sequence[Depositario]) -> list[DatosDepositario]:
        logins = dict(s.execute(select(Usuario.id, Usuario.login).where(
            Usuario.id.in_([d.usuario_id for d in filas if d.usuario_id]))).all())
        vivos = [e.value for e in BAJO_CUSTODIA] + [EstadoBien.EMBARGADO.value, EstadoBien.SECUESTRADO.value]
        cuenta: dict[uuid.UUID, int] = {}
        for (dep,) in s.execute(select(Bien.depositario_id).where(
                Bien.depositario_id.in_([d.id for d in filas]), Bien.estado.in_(vivos))):
            cuenta[dep] = cuenta.get(dep, 0) + 1
        return [DatosDepositario(d.id, d.nombres, d.cedula, d.telefono, d.email, d.direccion, d.activo,
                                 logins.get(d.usuario_id, ""), cuenta.get(d.id, 0)) for d in filas]

    # -- appointment and chain of custody ------------------------------------------------------------------
    def designar(
        self, bien_ids: Sequence[uuid.UUID], depositario_id: uuid.UUID, fecha: date, lugar: str, condicion: str = "",
        *, fotos: Sequence[tuple[str, bytes]] = (), observaciones: str = "",
    ) -> Designacion:
        """Appoint ``depositario_id`` for the goods ``bien_ids`` (one expediente): each gets a custody entry (from
        the debtor as seized, or from the previous depositario), moves to EN_CUSTODIA if just seized, and the
        acta de posesión with the inventory is generated and foliated — one transaction.

        Raises:
            ValidationError: no goods, goods of several juicios, an inactive depositario, an empty place, a
                future date, bad photos, the same depositario already keeps a good.
            RuleError: a good whose history ended, a date before its last act.
            PermissionDenied: not the secretario of the juicio.
        """
        if not bien_ids:
            raise ValidationError("Elija al menos un bien.")
        lugar = _texto(lugar, "dónde quedarán los bienes en custodia")
        if fecha > local_today():
            raise ValidationError(f"La fecha de la designación ({format_dmy(fecha)}) es posterior a hoy.")
        validar_fotos(fotos)
        if self._generar_en is None:  # pragma: no cover - wired by bootstrap
            raise RuleError("El servicio de documentos no está disponible.")
        with self.ctx.tx("designar depositario judicial") as s:
            dep = self._dep(s, depositario_id)
            if not dep.activo:
                raise ValidationError(f"{dep.nombres} no está activo como depositario judicial.")
            bienes = [bien_de(s, self.ctx, b)[0] for b in bien_ids]
            exps = {b.expediente_id for b in bienes}
            if len(exps) != 1:
                raise ValidationError("Designe el depositario de los bienes de un juicio a la vez (un acta por "
                                      "juicio).")
            e = s.get_one(Expediente, exps.pop())
            exigir_tramite(self.ctx, e)
            if Etapa(e.etapa) in proc.CERRADAS:
                raise RuleError(f"El juicio {e.numero} está cerrado ({Etapa(e.etapa).etiqueta.lower()}).")
            deudor = s.get_one(Deudor, e.deudor_id)
            entregas: list[tuple[Bien, Depositario | None]] = []
            for b in bienes:
                if EstadoBien(b.estado) in FINALES:
                    raise RuleError(f"«{b.descripcion}» ya está {EstadoBien(b.estado).etiqueta.lower()}.")
                if b.depositario_id == dep.id:
                    raise ValidationError(f"{dep.nombres} ya custodia «{b.descripcion}».")
                if fecha < b.fecha_acta:
                    raise RuleError(f"«{b.descripcion}» se embargó el {format_dmy(b.fecha_acta)}: la designación no "
                                    "puede ser anterior.")
                entregas.append((b, s.get(Depositario, b.depositario_id) if b.depositario_id else None))
                if EstadoBien(b.estado) in (EstadoBien.EMBARGADO, EstadoBien.SECUESTRADO):
                    mover_estado_en(s, b, EstadoBien.EN_CUSTODIA, fecha, f"En custodia de {dep.nombres}")
                b.depositario_id = dep.id
                b.ubicacion = lugar
                if condicion.strip():
                    b.condicion = condicion.strip()[:300]
            s.flush()
            # The acta is generated from the goods (now kept by ``dep``) before the append-only custody entries,
            # so that each entry is born pointing at it.
            doc = self._generar_en(s, TipoDocumento.ACTA_POSESION, e, fecha, {
                "bien_ids": [str(b.id) for b in bienes], "depositario_id": str(dep.id), "lugar": lugar,
                "entrega": entregas[0][1].nombres + " (depositario judicial anterior)" if entregas[0][1]
                else f"{deudor.nombre} (coactivado)"})
            ids = []
            for b, anterior in entregas:
                c = Custodia(
                    office_id=e.office_id, bien_id=b.id, expediente_id=e.id, fecha=fecha,
                    motivo="CAMBIO" if anterior else "DESIGNACION",
                    de_depositario_id=anterior.id if anterior else None, depositario_id=dep.id,
                    entrega=(f"{anterior.nombres} (depositario judicial anterior)" if anterior
                             else f"{deudor.nombre} (coactivado), en la diligencia de {b.acta_tipo.lower()}"),
                    recibe=f"{dep.nombres} (depositario judicial)", lugar=lugar, condicion=condicion.strip()[:300],
                    documento_id=doc.id, observaciones=observaciones.strip(),
                )
                s.add(c)
                s.flush()
                guardar_fotos_en(s, self.ctx, e, b.id, Custodia.__tablename__, c.id, fotos,
                                 f"Entrega en custodia de {b.descripcion}"[:150], fecha)
                ids.append(c.id)
            return Designacion(dep.nombres, tuple(ids), doc.id, e.numero)

    def cadena(self, bien_id: uuid.UUID) -> list[Custodia]:
        """The chain of custody of a good, oldest first (detached rows, read-only)."""
        with self.ctx.read() as s:
            b, _e = bien_de(s, self.ctx, bien_id)
            filas = list(s.scalars(select(Custodia).where(Custodia.bien_id == b.id)
                                   .order_by(Custodia.fecha, Custodia.created_at)))
            for f in filas:
                s.expunge(f)
            return filas

    # -- reports and costs -------------------------------------------------------------------------------
    def registrar_informe(
        self, bien_id: uuid.UUID, fecha: date, condicion: str, ubicacion: str, observaciones: str = "",
        costo: Decimal | str | None = None, concepto_costo: str = "", *, fotos: Sequence[tuple[str, bytes]] = (),
    ) -> InformeRegistrado:
        """File the custodian's periodic report on a good (state, place, remarks, photos). A ``costo`` (USD) of
        custody or maintenance is charged to the expediente as a costa (it reaches the liquidación).

        Raises:
            ValidationError: empty state or place, a future date or one before the custody began, a bad cost,
                a cost without its concept, bad photos.
            RuleError: the good is no longer in custody.
            PermissionDenied: a depositario filing on a good he does not keep.
        """
        condicion = _texto(condicion, "el estado en que se encuentra el bien")
        ubicacion = _texto(ubicacion, "dónde se encuentra el bien")
        monto = monto_opcional(costo, "Costo")
        if monto is not None and monto > 0 and not concepto_costo.strip():
            raise ValidationError("Indique el concepto del costo (p. ej. «parqueadero de mayo», «mantenimiento»).")
        if fecha > local_today():
            raise ValidationError(f"La fecha del informe ({format_dmy(fecha)}) es posterior a hoy.")
        validar_fotos(fotos)
        with self.ctx.tx("registrar informe del depositario") as s:
            b, e = bien_de(s, self.ctx, bien_id)
            dep = exigir_custodio(s, self.ctx, b)
            if EstadoBien(b.estado) not in BAJO_CUSTODIA:
                raise RuleError(f"«{b.descripcion}» no está en custodia ({EstadoBien(b.estado).etiqueta.lower()}).")
            desde = s.scalar(select(Custodia.fecha).where(Custodia.bien_id == b.id, Custodia.depositario_id == dep.id)
                             .order_by(Custodia.fecha.desc()).limit(1))
            if desde is not None and fecha < desde:
                raise ValidationError(f"El informe ({format_dmy(fecha)}) es anterior a la entrega en custodia "
                                      f"({format_dmy(desde)}).")
            i = InformeDepositario(office_id=b.office_id, bien_id=b.id, depositario_id=dep.id, fecha=fecha,
                                   condicion=condicion, ubicacion=ubicacion, observaciones=observaciones.strip(),
                                   costo=monto or Decimal("0.00"))
            s.add(i)
            s.flush()
            guardar_fotos_en(s, self.ctx, e, b.id, InformeDepositario.__tablename__, i.id, fotos,
                             f"Informe del depositario sobre {b.descripcion}"[:150], fecha)
            costa_id = None
            if monto:
                costa_id = self._costo_en(s, b, e, dep, fecha, concepto_costo, monto, i.id)
            b.condicion, b.ubicacion = condicion, ubicacion
            s.flush()
            reglas = reglas_de(s, b.office_id)
            d = datos_de(s, [b], local_today(), reglas)[0]
            return InformeRegistrado(i.id, b.id, fecha, i.costo, costa_id, d.informe.vence if d.informe else fecha)

    def registrar_costo(self, bien_id: uuid.UUID, fecha: date, concepto: str, monto: Decimal | str) -> uuid.UUID:
        """Charge a custody or maintenance cost of a good to its expediente (a costa). Returns the costa id.

        Raises:
            ValidationError: empty concept, a bad or zero amount, a future date.
            RuleError: a closed juicio.
            PermissionDenied: not the custodian nor the secretario.
        """
        m = monto_opcional(monto, "Costo")
        if not m:
            raise ValidationError("El costo debe ser mayor que cero.")
        _texto(concepto, "el concepto del costo")
        if fecha > local_today():
            raise ValidationError(f"La fecha del costo ({format_dmy(fecha)}) es posterior a hoy.")
        with self.ctx.tx("registrar costo de custodia") as s:
            b, e = bien_de(s, self.ctx, bien_id)
            dep = exigir_custodio(s, self.ctx, b)
            return self._costo_en(s, b, e, dep, fecha, concepto, m, None)

    def _costo_en(self, s: Session, b: Bien, e: Expediente, dep: Depositario, fecha: date, concepto: str,
                  monto: Decimal, informe_id: uuid.UUID | None) -> uuid.UUID:
        if Etapa(e.etapa) in proc.CERRADAS:
            raise RuleError(f"No se pueden cargar costas: el juicio {e.numero} está "
                            f"{Etapa(e.etapa).etiqueta.lower()}.")
        texto = f"Custodia de {b.descripcion}: {' '.join(concepto.split())}"[:300]
        c = Costa(office_id=e.office_id, expediente_id=e.id, fecha=fecha, concepto=texto, monto=monto)
        s.add(c)
        s.flush()
        s.add(CostoBien(office_id=e.office_id, bien_id=b.id, costa_id=c.id, informe_id=informe_id,
                        depositario_id=dep.id, fecha=fecha, concepto=' '.join(concepto.split())[:300], monto=monto))
        return c.id

    # -- what is due -------------------------------------------------------------------------------------
    def mis_bienes(self, hoy: date | None = None) -> list[DatosBien]:
        """The goods in the acting depositario's custody, most overdue first (empty if he has no register row)."""
        hoy = hoy or local_today()
        with self.ctx.read() as s:
            d = depositario_del_usuario(s, self.ctx)
            if d is None:
                return []
            return self._bajo_custodia(s, hoy, d.id)

    def de(self, depositario_id: uuid.UUID, hoy: date | None = None) -> list[DatosBien]:
        """The goods in custody of one depositario (for the jefe and the secretarios)."""
        with self.ctx.read() as s:
            return self._bajo_custodia(s, hoy or local_today(), depositario_id)

    def informes_vencidos(self, hoy: date | None = None) -> list[DatosBien]:
        """Every good in custody whose depositario's report is overdue at ``hoy``, most overdue first: the
        jefe's alerts (domain.md §5)."""
        hoy = hoy or local_today()
        with self.ctx.read() as s:
            return self._bajo_custodia(s, hoy, None, solo_vencidos=True)

    def contar_informes_vencidos(self, hoy: date | None = None) -> int:
        """How many goods have their depositario's report overdue at ``hoy`` (the jefe's alert at start)."""
        hoy = hoy or local_today()
        with self.ctx.read() as s:
            return len(self._vencidas(s, hoy, None))

    def _filas_custodia(self, s: Session, depositario_id: uuid.UUID | None) -> list[Bien]:
        q = select(*Bien.__table__.c).where(Bien.office_id == self.ctx.office_id, Bien.depositario_id.is_not(None),
                                            Bien.estado.in_([e.value for e in BAJO_CUSTODIA]))
        if depositario_id is not None:
            q = q.where(Bien.depositario_id == depositario_id)
        return s.execute(q).all()  # type: ignore[return-value]  # plain rows: read only

    def _vencidas(self, s: Session, hoy: date, depositario_id: uuid.UUID | None) -> list[uuid.UUID]:
        """Ids of the goods in custody whose report is overdue, from their dates alone (one query): the period
        counts from the last hand-over (or the acta) or the custodian's last report, whichever is later —
        as :func:`app.services.bienes_comun.ultima_referencia_informe`."""
        meses = reglas_de(s, self.ctx.office_id).informe_meses
        recibido, informe = fechas_de_informe()
        q = select(Bien.id, Bien.fecha_acta, recibido, informe).where(
            Bien.office_id == self.ctx.office_id, Bien.depositario_id.is_not(None),
            Bien.estado.in_([e.value for e in BAJO_CUSTODIA]))
        if depositario_id is not None:
            q = q.where(Bien.depositario_id == depositario_id)
        out = []
        for bid, acta, rec, inf in s.execute(q):
            if proximo_informe(referencia_informe(acta, rec, inf), hoy, meses).vencido:
                out.append(bid)
        return out

    def _bajo_custodia(self, s: Session, hoy: date, depositario_id: uuid.UUID | None,
                       solo_vencidos: bool = False) -> list[DatosBien]:
        if solo_vencidos:  # the dates first: the full data only of the overdue ones
            ids = self._vencidas(s, hoy, depositario_id)
            q = select(*Bien.__table__.c).where(Bien.id.in_(ids))
            filas: list[Bien] = s.execute(q).all() if ids else []  # type: ignore[assignment]
        else:
            filas = self._filas_custodia(s, depositario_id)
        datos = datos_de(s, filas, hoy, reglas_de(s, self.ctx.office_id))
        return sorted(datos, key=lambda d: (-(d.informe.dias_vencido if d.informe else 0),
                                            d.informe.vence if d.informe else date.max, d.juicio))

    # -- configuration -------------------------------------------------------------------------------------
    def reglas(self) -> ReglasBienes:
        with self.ctx.read() as s:
            return reglas_de(s, self.ctx.office_id)

    def guardar_reglas(self, reglas: ReglasBienes) -> ReglasBienes:
        """Store the office's rules of goods (report period, proportionality, remate base and publication)."""
        self.ctx.exigir(Permiso.OFICINA_CONFIGURAR)
        with self.ctx.tx("configurar reglas de bienes") as s:
            guardar_reglas(s, self.ctx.office_id, reglas)
        return reglas


__all__ = ["DatosDepositario", "DepositariosService", "Designacion", "InformeRegistrado", "TipoActo"]
