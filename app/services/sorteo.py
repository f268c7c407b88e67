"""Sorteo: draw pending títulos among active secretarios, open one expediente per título.

Fair and reproducible (C.D. 497): the seed, the ordered participants and the ordered títulos are
stored in the ``sorteo`` row; :meth:`SorteoService.verificar` re-runs the draw from them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from app.common.dates import local_today
from app.common.errors import NotFoundError, RuleError, ValidationError
from app.common.progress import NO_PROGRESS, Progress
from app.domain.etapas import EstadoTitulo, Etapa
from app.domain.numeracion import NumeroJuicio, clave_contador
from app.domain.permisos import Permiso
from app.domain.sorteo import nueva_semilla, sortear, titulos_posteriores
from app.services.context import Contexto
from app.storage.counters import allocate
from app.storage.esquema import estadisticas_al_dia
from app.storage.models import Deudor, Documento, Expediente, Oficina, Secretario, Sorteo, TituloCredito

# A juicio number given offline on a desktop joined to a central server, until the push gives the final one.
PREFIJO_PROVISIONAL = "P-"

ActaFactory = Callable[[Session, Sorteo], Documento]



def pendiente() -> ColumnElement[bool]:
    """The título waits for the sorteo, with the state written into the SQL as a literal: SQLite then reads
    the partial index of the pending títulos (``ix_titulo_pendiente``, migration 0011); with a bound
    parameter it could not tell that the index covers the query."""
    return TituloCredito.estado == literal_column(f"'{EstadoTitulo.PENDIENTE.value}'")


@dataclass(frozen=True, slots=True)
class TituloPendiente:
    id: uuid.UUID
    numero: str
    deudor: str
    identificacion: str
    total: Decimal
    fecha_emision: date


@dataclass(frozen=True, slots=True)
class AsignacionSorteo:
    juicio: str
    titulo: str
    deudor: str
    identificacion: str
    total: Decimal
    secretario: str
    secretario_cedula: str


@dataclass(frozen=True, slots=True)
class ResultadoSorteo:
    sorteo_id: uuid.UUID
    fecha: date
    semilla: str
    participantes: list[str]  # names, canonical order
    asignaciones: list[AsignacionSorteo]
    acta_documento_id: uuid.UUID | None

    def por_secretario(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(self.participantes, 0)
        for a in self.asignaciones:
            out[a.secretario] = out.get(a.secretario, 0) + 1
        return out


class SorteoService:
    def __init__(self, ctx: Contexto, acta: ActaFactory | None = None) -> None:
        self.ctx = ctx
        self._acta = acta

    def contar_pendientes(self) -> int:
        with self.ctx.read() as s:
            return s.scalar(
                select(func.count()).select_from(TituloCredito).where(
                    TituloCredito.office_id == self.ctx.office_id, pendiente()
                )
            ) or 0

    def pendientes(self, limite: int = 5000) -> list[TituloPendiente]:
        """Pending títulos in título-number order (the canonical order of the draw)."""
        with self.ctx.read() as s:
            rows = s.execute(
                select(TituloCredito.id, TituloCredito.numero, Deudor.nombre, Deudor.identificacion,
                       TituloCredito.total, TituloCredito.fecha_emision)
                .join(Deudor, Deudor.id == TituloCredito.deudor_id)
                .where(TituloCredito.office_id == self.ctx.office_id,
                       pendiente())
                .order_by(TituloCredito.numero)
                .limit(limite)
            ).all()
        return [TituloPendiente(*r) for r in rows]

    def realizar(
        self, titulo_ids: Sequence[uuid.UUID] | None = None, *, semilla: str | None = None,
        fecha: date | None = None, progress: Progress = NO_PROGRESS,
    ) -> ResultadoSorteo:
        """Draw ``titulo_ids`` (None: every pending título) among the active secretarios.

        Each título opens an expediente numbered ``{office}-{year}-{seq:05d}`` (office pattern),
        year of ``fecha`` (default today, America/Guayaquil); the acta de sorteo is generated when an
        acta factory was given. All or nothing; cancellable through ``progress``.

        Raises:
            PermissionDenied: the user may not run the sorteo (SORTEO_REALIZAR: the jefe).
            ValidationError: nothing to draw, a título not pending, or no active secretario.
        """
        self.ctx.exigir(Permiso.SORTEO_REALIZAR)
        fecha = fecha or local_today()
        semilla = semilla or nueva_semilla()
        with self.ctx.tx("sorteo") as s:
            q = select(TituloCredito).where(
                TituloCredito.office_id == self.ctx.office_id, pendiente()
            )
            if titulo_ids is not None:
                wanted = set(titulo_ids)
                q = q.where(TituloCredito.id.in_(wanted)) if len(wanted) <= 30000 else q
            titulos = [t for t in s.scalars(q.order_by(TituloCredito.numero))
                       if titulo_ids is None or t.id in wanted]
            if titulo_ids is not None and len(titulos) != len(set(titulo_ids)):
                raise ValidationError("Algunos títulos elegidos ya no están pendientes de sorteo; actualice la lista.")
            if not titulos:
                raise ValidationError("No hay títulos de crédito pendientes de sorteo.")
            tardios = titulos_posteriores(fecha, [(t.numero, t.fecha_emision) for t in titulos])
            if tardios:
                lista = ", ".join(tardios[:10]) + (f" y {len(tardios) - 10} más" if len(tardios) > 10 else "")
                raise ValidationError(
                    f"El sorteo del {fecha:%d/%m/%Y} no puede asignar títulos emitidos después: {lista}. Feche el "
                    "sorteo en o después de su emisión.")
            secretarios = s.scalars(
                select(Secretario).where(Secretario.office_id == self.ctx.office_id, Secretario.activo.is_(True))
                .order_by(Secretario.cedula)
            ).all()
            if not secretarios:
                raise ValidationError("No hay secretarios-abogados activos: registre al menos uno antes del sorteo.")
            progress.step(0, len(titulos), "Sorteando…")
            asign = sortear([str(t.id) for t in titulos], [str(x.id) for x in secretarios], semilla)
            oficina = s.get_one(Oficina, self.ctx.office_id)
            # Joined to a central server, the number is provisional («P-…») until the push gives the final one.
            clave = clave_contador(oficina.codigo, fecha.year)
            primero = allocate(s, self.ctx.office_id, "provisional:" + clave if self.ctx.central else clave,
                               len(titulos))
            sorteo = Sorteo(office_id=self.ctx.office_id, fecha=fecha, semilla=semilla,
                            participantes=[str(x.id) for x in secretarios], titulos=[str(t.id) for t in titulos])
            s.add(sorteo)
            s.flush()
            por_id = {str(x.id): x for x in secretarios}
            salida: list[AsignacionSorteo] = []
            for i, (t, a) in enumerate(zip(titulos, asign, strict=True)):
                x = por_id[a.participante]
                numero = NumeroJuicio(oficina.codigo, fecha.year, primero + i).formatear(oficina.patron_numero)
                if self.ctx.central:
                    numero = PREFIJO_PROVISIONAL + numero
                s.add(Expediente(
                    office_id=self.ctx.office_id, numero=numero, anio=fecha.year, secuencia=primero + i,
                    numero_provisional=self.ctx.central,
                    titulo_id=t.id, deudor_id=t.deudor_id, secretario_id=x.id, sorteo_id=sorteo.id,
                    etapa=Etapa.SORTEADO, cuantia=t.total, fecha_inicio=fecha,
                ))
                t.estado = EstadoTitulo.SORTEADO
                salida.append(AsignacionSorteo(numero, t.numero, t.deudor.nombre, t.deudor.identificacion,
                                               t.total, x.nombres, x.cedula))
                if i % 200 == 199:
                    s.flush()
                    progress.step(i + 1, len(titulos), f"Abriendo expedientes… {i + 1} de {len(titulos)}")
            s.flush()
            progress.step(len(titulos), len(titulos), "Generando el acta de sorteo…")
            acta_id = None
            if self._acta is not None:
                acta_id = self._acta(s, sorteo).id
                sorteo.acta_documento_id = acta_id
            resultado = ResultadoSorteo(sorteo.id, fecha, semilla, [x.nombres for x in secretarios], salida, acta_id)
        estadisticas_al_dia(self.ctx.engine)  # many new expedientes change the best plans of the list
        return resultado

    def verificar(self, sorteo_id: uuid.UUID) -> bool:
        """Re-run the stored draw (seed, participants, títulos) and compare with the expedientes opened.

        Raises:
            NotFoundError: unknown sorteo.
        """
        with self.ctx.read() as s:
            sorteo = s.get(Sorteo, sorteo_id)
            if sorteo is None:
                raise NotFoundError("El sorteo no existe.")
            esperado = {a.titulo: a.participante
                        for a in sortear(sorteo.titulos, sorteo.participantes, sorteo.semilla)}
            real = {str(t): str(x) for t, x in s.execute(
                select(Expediente.titulo_id, Expediente.secretario_id).where(Expediente.sorteo_id == sorteo_id))}
        return esperado == real

    def ultimo(self) -> uuid.UUID:
        with self.ctx.read() as s:
            sid = s.scalar(select(Sorteo.id).where(Sorteo.office_id == self.ctx.office_id)
                           .order_by(Sorteo.created_at.desc()).limit(1))
        if sid is None:
            raise RuleError("Todavía no se ha realizado ningún sorteo.")
        return sid
