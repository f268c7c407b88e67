"""The jefe's office dashboard: expedientes and amounts by stage and by secretario-abogado (counted in SQL)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from app.domain.etapas import EstadoTitulo, Etapa
from app.services.context import Contexto
from app.storage.models import Expediente, Secretario, TituloCredito

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class PorEtapa:
    etapa: Etapa
    expedientes: int
    cuantia: Decimal


@dataclass(frozen=True, slots=True)
class PorSecretario:
    secretario_id: uuid.UUID
    nombres: str
    activo: bool
    expedientes: int
    cuantia: Decimal


@dataclass(frozen=True, slots=True)
class Tablero:
    expedientes: int
    cuantia: Decimal
    titulos_pendientes: int
    por_etapa: list[PorEtapa]
    por_secretario: list[PorSecretario]


class TableroService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def resumen(self) -> Tablero:
        """Counts of the whole office: per stage (in procedure order) and per secretario (most first,
        including active secretarios with none)."""
        oid = self.ctx.office_id
        with self.ctx.read() as s:
            etapas = {
                Etapa(e): (n, c or CERO) for e, n, c in s.execute(
                    select(Expediente.etapa, func.count(), func.sum(Expediente.cuantia))
                    .where(Expediente.office_id == oid).group_by(Expediente.etapa))
            }
            por_sec = {
                sid: (n, c or CERO) for sid, n, c in s.execute(
                    select(Expediente.secretario_id, func.count(), func.sum(Expediente.cuantia))
                    .where(Expediente.office_id == oid).group_by(Expediente.secretario_id))
            }
            secretarios = s.execute(
                select(Secretario.id, Secretario.nombres, Secretario.activo).where(Secretario.office_id == oid)
            ).all()
            pendientes = s.scalar(select(func.count()).select_from(TituloCredito).where(
                TituloCredito.office_id == oid, TituloCredito.estado == EstadoTitulo.PENDIENTE)) or 0
        por_etapa = [PorEtapa(e, *etapas[e]) for e in Etapa if e in etapas]
        filas = [PorSecretario(x.id, x.nombres, x.activo, *por_sec.get(x.id, (0, CERO)))
                 for x in secretarios if x.activo or x.id in por_sec]
        filas.sort(key=lambda p: (-p.expedientes, p.nombres))
        total = sum(p.expedientes for p in por_etapa)
        cuantia = sum((p.cuantia for p in por_etapa), CERO)
        return Tablero(total, cuantia, pendientes, por_etapa, filas)
