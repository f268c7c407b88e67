"""The office's secretarios-abogados (internal or external lawyers who drive the juicios)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from app.common.errors import NotFoundError, ValidationError
from app.common.text import clean_spaces
from app.documents.concordancia import normalizar_genero
from app.domain.identificacion import validar_cedula
from app.domain.permisos import Permiso
from app.services.context import Contexto
from app.services.usuarios import usuario_de_secretario_en
from app.storage.models import Expediente, Secretario


@dataclass(frozen=True, slots=True)
class DatosSecretario:
    id: uuid.UUID
    nombres: str
    cedula: str
    externo: bool
    activo: bool
    email: str
    expedientes: int
    genero: str = ""  # "F" / "M" / "" (not given: his documents cannot be signed until it is)

    @property
    def tipo(self) -> str:
        f = self.genero == "F"
        return ("Externa" if f else "Externo") if self.externo else ("Interna" if f else "Interno")


class SecretariosService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def listar(self, solo_activos: bool = False, contar: bool = True) -> list[DatosSecretario]:
        """Secretarios ordered by name, each with the count of expedientes assigned (0 when ``contar`` is
        False: a filter that only needs the names skips counting the whole office)."""
        with self.ctx.read() as s:
            counts = dict(
                s.execute(
                    select(Expediente.secretario_id, func.count())
                    .where(Expediente.office_id == self.ctx.office_id)
                    .group_by(Expediente.secretario_id)
                ).all()
            ) if contar else {}
            q = select(Secretario).where(Secretario.office_id == self.ctx.office_id).order_by(Secretario.nombres)
            if solo_activos:
                q = q.where(Secretario.activo.is_(True))
            return [
                DatosSecretario(x.id, x.nombres, x.cedula, x.externo, x.activo, x.email, counts.get(x.id, 0),
                                x.genero or "")
                for x in s.scalars(q)
            ]

    def crear(self, nombres: str, cedula: str, externo: bool = True, email: str = "", genero: str = "",
              ) -> DatosSecretario:
        """Add a secretario-abogado, with his user account (no password until the administrador sets one).
        ``genero`` "F" or "M" makes his documents agree ("la Abogada", "Secretaria Abogada Externa"); without it
        no document of his can be signed until it is set.

        Raises:
            PermissionDenied: the user may not administer secretarios (SECRETARIOS_ADMINISTRAR).
            ValidationError: empty name, invalid cédula (check digit), or cédula already registered.
        """
        self.ctx.exigir(Permiso.SECRETARIOS_ADMINISTRAR)
        nombres = clean_spaces(nombres)
        if not nombres:
            raise ValidationError("Escriba los nombres del secretario-abogado.")
        try:
            cedula = validar_cedula(cedula)
        except ValueError as exc:
            raise ValidationError(f"Cédula inválida: {exc}.") from exc
        with self.ctx.tx("crear secretario") as s:
            if s.scalar(select(Secretario.id).where(Secretario.office_id == self.ctx.office_id,
                                                    Secretario.cedula == cedula)):
                raise ValidationError(f"Ya existe un secretario-abogado con cédula {cedula}.")
            x = Secretario(office_id=self.ctx.office_id, nombres=nombres, cedula=cedula, externo=externo,
                           activo=True, email=email.strip(), genero=normalizar_genero(genero))
            s.add(x)
            s.flush()
            usuario_de_secretario_en(s, x)
            return DatosSecretario(x.id, x.nombres, x.cedula, x.externo, x.activo, x.email, 0, x.genero or "")

    def actualizar(
        self, secretario_id: uuid.UUID, *, nombres: str | None = None, externo: bool | None = None,
        activo: bool | None = None, email: str | None = None, genero: str | None = None,
    ) -> DatosSecretario:
        """Change a secretario's data; an inactive one takes no part in new sorteos.

        Raises:
            PermissionDenied: the user may not administer secretarios (SECRETARIOS_ADMINISTRAR).
        """
        self.ctx.exigir(Permiso.SECRETARIOS_ADMINISTRAR)
        with self.ctx.tx("actualizar secretario") as s:
            x = s.get(Secretario, secretario_id)
            if x is None or x.office_id != self.ctx.office_id:
                raise NotFoundError("El secretario-abogado no existe.")
            if nombres is not None:
                if not clean_spaces(nombres):
                    raise ValidationError("Escriba los nombres del secretario-abogado.")
                x.nombres = clean_spaces(nombres)
            if externo is not None:
                x.externo = externo
            if activo is not None:
                x.activo = activo
            if email is not None:
                x.email = email.strip()
            if genero is not None:
                x.genero = normalizar_genero(genero)
            s.flush()
            n = s.scalar(select(func.count()).where(Expediente.secretario_id == x.id)) or 0
            return DatosSecretario(x.id, x.nombres, x.cedula, x.externo, x.activo, x.email, n, x.genero or "")
