"""Views of the fee requests: per lawyer and for the office, by period, with totals; XLSX export; the
command line's report. A secretario-abogado sees only his own requests; the jefe (and the other roles that
see the office) see all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from app.common.dates import format_dmy
from app.common.errors import NotFoundError, ValidationError
from app.common.money import format_usd
from app.common.text import plural
from app.domain.honorarios import RETIENEN, EstadoSolicitud
from app.reports.honorarios_xlsx import FilaHonorarios, escribir
from app.services.context import Contexto
from app.storage.consultas.honorarios import estados_de
from app.storage.models import Deudor, Expediente, Secretario
from app.storage.models_honorarios import SolicitudHonorarios

CERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class SolicitudVista:
    """A request as the views show it (USD)."""

    id: uuid.UUID
    fecha: date
    juicio: str
    deudor: str
    secretario: str
    cedula: str
    estado: EstadoSolicitud
    recuperado: Decimal
    excluido: Decimal
    base: Decimal
    honorario: Decimal
    iva: Decimal
    total: Decimal
    fecha_estado: date | None
    motivo: str
    comprobante: str
    documento_id: uuid.UUID | None
    observaciones: str
    exclusiones: tuple[tuple[str, str, Decimal, str], ...]  # fecha, referencia, monto, motivo


@dataclass(frozen=True, slots=True)
class Resumen:
    """Totals of a list of requests (USD) by state; ``solicitado`` leaves out rejected and reverted requests
    (their recoveries were requested again or carry no fee)."""

    solicitado: Decimal
    pendiente: Decimal
    aprobado: Decimal
    pagado: Decimal
    rechazado: Decimal
    cantidad: int

    def filas(self) -> list[tuple[str, Decimal]]:
        return [("Total solicitado (sin rechazados)", self.solicitado), ("Pendiente de revisión", self.pendiente),
                ("Aprobado por pagar", self.aprobado), ("Pagado", self.pagado), ("Rechazado", self.rechazado)]


def resumen(filas: list[SolicitudVista]) -> Resumen:
    def suma(*estados: EstadoSolicitud) -> Decimal:
        return sum((f.total for f in filas if f.estado in estados), CERO)

    return Resumen(suma(*RETIENEN), suma(EstadoSolicitud.SOLICITADO), suma(EstadoSolicitud.APROBADO),
                   suma(EstadoSolicitud.PAGADO), suma(EstadoSolicitud.RECHAZADO, EstadoSolicitud.REVERTIDO),
                   len(filas))


class HonorariosConsultas:
    """Lists and exports of the fee requests (see the module docstring)."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def listar(self, *, secretario_cedula: str | None = None, desde: date | None = None, hasta: date | None = None,
               estado: EstadoSolicitud | None = None, juicio: str | None = None) -> list[SolicitudVista]:
        """Requests dated ``desde``..``hasta`` (both included), newest first; ``exclusiones`` is left empty
        (:meth:`obtener` reads one request with them).

        Raises:
            NotFoundError: unknown secretario cédula. ValidationError: ``hasta`` before ``desde``.
        """
        if desde and hasta and hasta < desde:
            raise ValidationError(f"El período termina ({format_dmy(hasta)}) antes de empezar ({format_dmy(desde)}).")
        return self._leer(secretario_cedula=secretario_cedula, desde=desde, hasta=hasta, estado=estado, juicio=juicio)

    def obtener(self, solicitud_id: uuid.UUID) -> SolicitudVista:
        """One request with its exclusions (reason and amount). Raises NotFoundError (or not visible)."""
        filas = self._leer(solicitud_id=solicitud_id)
        if not filas:
            raise NotFoundError("La solicitud de honorarios no existe.")
        return filas[0]

    def _leer(self, *, secretario_cedula: str | None = None, desde: date | None = None, hasta: date | None = None,
              estado: EstadoSolicitud | None = None, juicio: str | None = None,
              solicitud_id: uuid.UUID | None = None) -> list[SolicitudVista]:
        u = self.ctx.usuario
        S = SolicitudHonorarios
        columnas = [S.id, S.fecha, S.recuperado, S.excluido, S.base, S.honorario, S.iva, S.total, S.observaciones,
                    Expediente.numero, Deudor.nombre, Secretario.nombres, Secretario.cedula]
        if solicitud_id is not None:
            columnas.append(S.detalle)
        with self.ctx.read() as s:
            q = (select(*columnas)
                 .join(Expediente, Expediente.id == S.expediente_id)
                 .join(Deudor, Deudor.id == Expediente.deudor_id)
                 .join(Secretario, Secretario.id == S.secretario_id)
                 .where(S.office_id == self.ctx.office_id))
            if solicitud_id is not None:
                q = q.where(S.id == solicitud_id)
            if u.limitado_a_sus_expedientes:
                q = q.where(S.secretario_id == u.secretario_id)
            if secretario_cedula:
                sid = s.scalar(select(Secretario.id).where(Secretario.office_id == self.ctx.office_id,
                                                           Secretario.cedula == secretario_cedula.strip()))
                if sid is None:
                    raise NotFoundError(f"No hay secretario-abogado con cédula {secretario_cedula}.")
                q = q.where(S.secretario_id == sid)
            if desde:
                q = q.where(S.fecha >= desde)
            if hasta:
                q = q.where(S.fecha <= hasta)
            if juicio:
                q = q.where(Expediente.numero == juicio.strip())
            rows = s.execute(q.order_by(S.fecha.desc(), S.created_at.desc())).all()
            muchos = len(rows) > 200
            estados = estados_de(s, [r[0] for r in rows], self.ctx.office_id if muchos else None)
        out = []
        for r in rows:
            est = estados[r[0]]
            if estado is not None and est.estado is not estado:
                continue
            ev = est.evento
            excl: tuple[tuple[str, str, Decimal, str], ...] = ()
            if solicitud_id is not None:
                excl = tuple((x["fecha"], x["referencia"], Decimal(x["monto"]), x["motivo"])
                             for x in (r[13] or {}).get("exclusiones", []))
            out.append(SolicitudVista(
                r[0], r[1], r[9], r[10], r[11], r[12], est.estado, r[2], r[3], r[4], r[5], r[6], r[7],
                ev.fecha if ev else None, ev.motivo if ev else "", ev.comprobante if ev else "",
                est.aprobacion.documento_id if est.aprobacion else None, r[8], excl,
            ))
        return out

    def exportar_xlsx(self, path: Path, filas: list[SolicitudVista], titulo: str = "Honorarios") -> Path:
        """Write ``filas`` and their totals to an XLSX workbook at ``path``.

        Raises:
            ValidationError: not an .xlsx path, or the file cannot be written (Spanish).
        """
        if path.suffix.lower() != ".xlsx":
            raise ValidationError(f"«{path.name}» debe terminar en .xlsx.")
        datos = [FilaHonorarios(f.fecha, f.juicio, f.deudor, f.secretario, f.cedula, f.estado.etiqueta, f.recuperado,
                                f.excluido, f.base, f.honorario, f.iva, f.total, f.fecha_estado,
                                f.comprobante or f.motivo) for f in filas]
        try:
            return escribir(path, datos, titulo, resumen(filas).filas())
        except OSError as exc:
            raise ValidationError(f"No se pudo escribir «{path}»: {exc.strerror or exc}. Cierre el archivo si "
                                  "está abierto.") from exc


def formatear(filas: list[SolicitudVista]) -> str:
    """The command line's table (tab-separated) with totals."""
    lineas = ["fecha\tjuicio\tsecretario\testado\tbase\thonorarios\tiva\ttotal"]
    for f in filas:
        lineas.append(f"{format_dmy(f.fecha)}\t{f.juicio}\t{f.secretario}\t{f.estado.etiqueta}\t{format_usd(f.base)}"
                      f"\t{format_usd(f.honorario)}\t{format_usd(f.iva)}\t{format_usd(f.total)}")
    r = resumen(filas)
    lineas += [f"# {etiqueta}: USD {format_usd(v)}" for etiqueta, v in r.filas()]
    lineas.append(f"# {plural(r.cantidad, 'solicitud')}")
    return "\n".join(lineas)
