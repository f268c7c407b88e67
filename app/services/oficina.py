"""The office this database works for: its data, settings and local holidays."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import ValidationError
from app.common.ids import new_id
from app.documents.concordancia import normalizar_genero
from app.domain.numeracion import validar_patron
from app.domain.permisos import Permiso
from app.domain.terminos import Calendario, calendario
from app.services.context import Contexto
from app.storage.consultas.oficina import calendario_de
from app.storage.models import FeriadoLocal, Oficina

DEFAULT_OFICINA = {
    "codigo": "0601",
    "nombre": "Unidad Provincial de Gestión de Coactiva de Chimborazo",
    "ciudad": "Riobamba",
    "provincia": "Chimborazo",
    "ejecutor_nombre": "",
    "ejecutor_cargo": "Director Provincial del IESS Chimborazo, Funcionario Ejecutor",
}


@dataclass(frozen=True, slots=True)
class DatosOficina:
    id: uuid.UUID
    codigo: str
    nombre: str
    ciudad: str
    provincia: str
    patron_numero: str
    folios_por_cuerpo: int
    ejecutor_nombre: str
    ejecutor_cargo: str
    ejecutor_genero: str = ""
    jefe_nombre: str = ""
    jefe_cargo: str = ""
    jefe_genero: str = ""


def _datos(o: Oficina) -> DatosOficina:
    return DatosOficina(
        o.id, o.codigo, o.nombre, o.ciudad, o.provincia, o.patron_numero, o.folios_por_cuerpo,
        o.ejecutor_nombre, o.ejecutor_cargo, o.ejecutor_genero or "", o.jefe_nombre or "", o.jefe_cargo or "",
        o.jefe_genero or "",
    )


def asegurar_oficina(session: Session, codigo: str | None = None) -> uuid.UUID:
    """Return the office of this database, creating the default one on first start."""
    q = select(Oficina).order_by(Oficina.created_at)
    if codigo:
        q = q.where(Oficina.codigo == codigo)
    o = session.scalars(q.limit(1)).first()
    if o is not None:
        return o.id
    datos = dict(DEFAULT_OFICINA)
    if codigo:
        datos["codigo"] = codigo
    oid = new_id()
    session.add(Oficina(id=oid, office_id=oid, **datos))
    session.flush()
    return oid


class OficinaService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def datos(self) -> DatosOficina:
        with self.ctx.read() as s:
            return _datos(s.get_one(Oficina, self.ctx.office_id))

    def actualizar(self, **campos: str | int) -> DatosOficina:
        """Change office settings (nombre, ciudad, provincia, patron_numero, folios_por_cuerpo, ejecutor_*,
        jefe_*): the signatories of its documents (name, cargo, gender "F"/"M") come from here.

        Raises:
            PermissionDenied: the user may not configure the office (OFICINA_CONFIGURAR).
            ValidationError: unknown field, bad numbering pattern, or folios_por_cuerpo < 1.
        """
        self.ctx.exigir(Permiso.OFICINA_CONFIGURAR)
        permitidos = {"nombre", "ciudad", "provincia", "patron_numero", "folios_por_cuerpo",
                      "ejecutor_nombre", "ejecutor_cargo", "ejecutor_genero", "jefe_nombre", "jefe_cargo",
                      "jefe_genero"}
        desconocidos = set(campos) - permitidos
        if desconocidos:
            raise ValidationError(f"{'Campo' if len(desconocidos) == 1 else 'Campos'} de oficina "
                                  f"{'desconocido' if len(desconocidos) == 1 else 'desconocidos'}: "
                                  f"{', '.join(sorted(desconocidos))}.")
        if "patron_numero" in campos:
            validar_patron(str(campos["patron_numero"]))
        if "folios_por_cuerpo" in campos and int(campos["folios_por_cuerpo"]) < 1:
            raise ValidationError("Un cuerpo tiene al menos un folio.")
        for k in ("ejecutor_genero", "jefe_genero"):
            if k in campos:
                campos[k] = normalizar_genero(str(campos[k]))
                if not campos[k]:
                    raise ValidationError("El género se indica con F (femenino) o M (masculino).")
        with self.ctx.tx("actualizar oficina") as s:
            o = s.get_one(Oficina, self.ctx.office_id)
            for k, v in campos.items():
                setattr(o, k, v)
            s.flush()
            return _datos(o)

    def agregar_feriado(self, fecha: date, descripcion: str) -> None:
        """Add a non-working day of this office: a local holiday (cantonización) or a decreed rest day (e.g.
        the 2024 energy-crisis days off), counted as non-business in every término.

        Raises:
            PermissionDenied: the user may not edit holidays (FERIADOS_EDITAR).
            ValidationError: no description, or the date already has an entry of the office.
        """
        self._dia(fecha, descripcion, quitar=False)

    def quitar_feriado(self, fecha: date, motivo: str) -> None:
        """Remove a listed national holiday: the office works on ``fecha`` (``motivo``: the decree).

        Raises:
            PermissionDenied: the user may not edit holidays (FERIADOS_EDITAR).
            ValidationError: ``fecha`` is not a listed national holiday, no motivo, or already has an entry.
        """
        if calendario().nombre_feriado(fecha) is None:
            raise ValidationError(f"El {fecha:%d/%m/%Y} no es un feriado nacional de la lista: no hay qué quitar.")
        self._dia(fecha, motivo, quitar=True)

    def _dia(self, fecha: date, descripcion: str, *, quitar: bool) -> None:
        self.ctx.exigir(Permiso.FERIADOS_EDITAR)
        descripcion = descripcion.strip()
        if not descripcion:
            raise ValidationError("Indique la descripción o el decreto que establece el día.")
        with self.ctx.tx("quitar feriado nacional" if quitar else "agregar día no laborable") as s:
            if s.scalar(select(FeriadoLocal.id).where(FeriadoLocal.office_id == self.ctx.office_id,
                                                      FeriadoLocal.fecha == fecha)):
                raise ValidationError(f"El {fecha:%d/%m/%Y} ya consta en el calendario de la oficina.")
            s.add(FeriadoLocal(office_id=self.ctx.office_id, fecha=fecha, descripcion=descripcion[:200],
                               quitar=quitar))

    def calendario(self) -> Calendario:
        with self.ctx.read() as s:
            return calendario_de(s, self.ctx.office_id)
