"""Reading the audit trail: who did what, when, with the before/after values; filters and XLSX export.

The audit is written by :mod:`app.storage.tracking` for every ORM write, in the writer's transaction. It
is read-only here: no service updates or deletes it, the ORM refuses (append-only) and the database
refuses by trigger (migration 0003).

"By expediente" means the rows of the expediente itself, of its título, of every table with an
``expediente_id`` pointing at it (documento, folio, acto, término, notificación, pago, …) and of the tables
one step further (cuota_convenio through its convenio, adjunto through its documento). The candidates are
found in the live tables and matched on the audit's (tabla, fila_id) index, so the search stays fast on a
large audit. A child row deleted outright is not found this way (legal records are never deleted).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, Table, and_, false, func, or_, select
from sqlalchemy.orm import Session

from app.common.dates import LOCAL_TZ, to_local
from app.common.errors import ValidationError
from app.common.progress import NO_PROGRESS, Progress
from app.domain.permisos import SISTEMA, Permiso
from app.reports.tablas import Formateado, escribir_xlsx_flujo
from app.services.context import Contexto
from app.storage.busqueda import sin_indice
from app.storage.consultas.expedientes import expediente_por_numero
from app.storage.models import Auditoria, Base, Expediente, Usuario

OPERACIONES = {"INSERT": "Creación", "UPDATE": "Modificación", "DELETE": "Eliminación"}
_OCULTAS = {"row_version", "updated_at", "updated_by", "created_at", "created_by", "office_id"}
_MAX_CELDA = 32_000  # Excel's limit is 32,767 characters per cell


@dataclass(frozen=True, slots=True)
class FiltroAuditoria:
    """What to look for; every field is optional. ``desde``/``hasta`` are calendar days in Ecuador,
    both included; ``juicio`` is a juicio number; ``usuario`` and ``accion`` match exactly."""

    usuario: str | None = None
    juicio: str | None = None
    desde: date | None = None
    hasta: date | None = None
    accion: str | None = None

    def vacio(self) -> bool:
        return not (self.usuario or self.juicio or self.desde or self.hasta or self.accion)


@dataclass(frozen=True, slots=True)
class FilaAuditoria:
    id: int  # insertion order
    fecha_hora: datetime  # UTC
    usuario: str
    accion: str
    tabla: str
    fila_id: str
    operacion: str
    antes: dict[str, Any] | None
    despues: dict[str, Any] | None

    @property
    def operacion_texto(self) -> str:
        return OPERACIONES.get(self.operacion, self.operacion)

    def cambios(self) -> dict[str, tuple[Any, Any]]:
        """Field -> (before, after): the changed fields of an update, every field of a creation or deletion
        (bookkeeping columns left out)."""
        a, d = self.antes or {}, self.despues or {}
        campos = [k for k in (d or a) if k not in _OCULTAS]
        if self.operacion == "UPDATE":
            campos = [k for k in campos if a.get(k) != d.get(k)]
        return {k: (a.get(k), d.get(k)) for k in campos}

    def resumen(self, maximo: int = 6) -> str:
        """One line for the table: ``email: «» → «x@y»; activo: sí → no``."""
        c = self.cambios()
        if self.operacion == "INSERT":
            partes = [f"{k}: {_corto(v[1])}" for k, v in c.items() if k != "id"]
        elif self.operacion == "DELETE":
            partes = [f"{k}: {_corto(v[0])}" for k, v in c.items() if k != "id"]
        else:
            partes = [f"{k}: {_corto(v[0])} → {_corto(v[1])}" for k, v in c.items()]
        mas = f"; … y {len(partes) - maximo} más" if len(partes) > maximo else ""
        return "; ".join(partes[:maximo]) + mas


def _corto(v: Any, n: int = 40) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "sí" if v else "no"
    t = json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else str(v)
    t = t if t else "«»"
    return t if len(t) <= n else t[: n - 1] + "…"


def _json(v: dict[str, Any] | None) -> str:
    if v is None:
        return ""
    t = json.dumps(v, ensure_ascii=False, sort_keys=True)
    return t if len(t) <= _MAX_CELDA else t[: _MAX_CELDA - 1] + "…"


def _instante(d: date) -> datetime:
    """Midnight of ``d`` in Ecuador, as an aware instant."""
    return datetime.combine(d, time(0), tzinfo=LOCAL_TZ)


def _hijas() -> list[Table]:
    """Tables whose rows belong to an expediente (they carry ``expediente_id``)."""
    return [t for t in Base.metadata.sorted_tables
            if "expediente_id" in t.c and "id" in t.c and t.name != Auditoria.__tablename__]


def _nietas(hijas: list[Table]) -> list[tuple[Table, Any, Table]]:
    """(table, fk column, child table) for tables that point at a child of the expediente but carry no
    ``expediente_id`` themselves (cuota_convenio -> convenio, adjunto -> documento)."""
    nombres = {t.name: t for t in hijas}
    out = []
    for t in Base.metadata.sorted_tables:
        if "expediente_id" in t.c or "id" not in t.c or t.name == Auditoria.__tablename__:
            continue
        for fk in t.foreign_keys:
            padre = nombres.get(fk.column.table.name)
            if padre is not None and fk.column.name == "id":
                out.append((t, fk.parent, padre))
    return out


class AuditoriaService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    # -- query ------------------------------------------------------------------------------------------------
    def _filas_del_expediente(self, s: Session, juicio: str) -> dict[str, set[str]]:
        e = expediente_por_numero(s, self.ctx.office_id, juicio)
        out: dict[str, set[str]] = {"expediente": {str(e.id)}, "titulo_credito": {str(e.titulo_id)}}
        hijas = _hijas()
        ids_por_tabla: dict[str, list[Any]] = {}
        for t in hijas:
            ids = list(s.scalars(select(t.c.id).where(t.c.expediente_id == e.id)))
            ids_por_tabla[t.name] = ids
            if ids:
                out.setdefault(t.name, set()).update(str(i) for i in ids)
        for t, fk, padre in _nietas(hijas):
            padres = ids_por_tabla.get(padre.name) or []
            for i in range(0, len(padres), 900):
                for x in s.scalars(select(t.c.id).where(fk.in_(padres[i:i + 900]))):
                    out.setdefault(t.name, set()).add(str(x))
        return out

    def _consulta(self, s: Session, f: FiltroAuditoria) -> Select[Any]:
        # No index leads with office_id (nearly every record is of the office): the planner walks created_at.
        q = select(Auditoria).where(Auditoria.office_id == self.ctx.office_id)
        if f.usuario and f.usuario.strip():
            q = q.where(Auditoria.usuario == f.usuario.strip())
        if f.accion and f.accion.strip():
            # As the user filter: the newest page from the created_at index, not every record of a common
            # action (the «sorteo» of a large office) through ix_auditoria_accion and a sort (0.7 s at 200k).
            q = q.where(sin_indice(Auditoria.accion, self.ctx.engine.dialect.name) == f.accion.strip())
        if f.desde and f.hasta and f.hasta < f.desde:
            raise ValidationError("La fecha «hasta» es anterior a la fecha «desde».")
        if f.desde:
            q = q.where(Auditoria.created_at >= _instante(f.desde))
        if f.hasta:
            q = q.where(Auditoria.created_at < _instante(f.hasta + timedelta(days=1)))
        if f.juicio and f.juicio.strip():
            filas = self._filas_del_expediente(s, f.juicio)
            conds = []
            for tabla, ids in filas.items():
                lista = sorted(ids)
                conds += [and_(Auditoria.tabla == tabla, Auditoria.fila_id.in_(lista[i:i + 900]))
                          for i in range(0, len(lista), 900)]
            q = q.where(or_(*conds) if conds else false())
        return q

    def buscar(
        self, usuario: str | None = None, juicio: str | None = None, desde: date | None = None,
        hasta: date | None = None, accion: str | None = None, *, offset: int = 0, limite: int = 200,
    ) -> list[FilaAuditoria]:
        """One page of audit rows, newest first. Needs AUDITORIA_VER.

        Raises:
            PermissionDenied: the user may not see the audit.
            NotFoundError: unknown juicio number.
            ValidationError: ``hasta`` before ``desde``.
        """
        return self.pagina(FiltroAuditoria(usuario, juicio, desde, hasta, accion), offset, limite)

    def pagina(self, filtro: FiltroAuditoria, offset: int = 0, limite: int = 200) -> list[FilaAuditoria]:
        self.ctx.exigir(Permiso.AUDITORIA_VER)
        with self.ctx.read() as s:
            q = self._consulta(s, filtro).order_by(Auditoria.created_at.desc(), Auditoria.id.desc())
            return [self._fila(a) for a in s.scalars(q.offset(offset).limit(limite))]

    def contar(self, filtro: FiltroAuditoria | None = None) -> int:
        self.ctx.exigir(Permiso.AUDITORIA_VER)
        with self.ctx.read() as s:
            q = self._consulta(s, filtro or FiltroAuditoria())
            return s.scalar(q.with_only_columns(func.count(Auditoria.id)).order_by(None)) or 0

    @staticmethod
    def _fila(a: Auditoria) -> FilaAuditoria:
        return FilaAuditoria(a.id, a.created_at, a.usuario, a.accion, a.tabla, a.fila_id, a.operacion, a.antes,
                             a.despues)

    def usuarios(self) -> list[str]:
        """Names to offer in the user filter: the office's logins, the command line's administrador and the
        migration."""
        self.ctx.exigir(Permiso.AUDITORIA_VER)
        with self.ctx.read() as s:
            logins = set(s.scalars(select(Usuario.login).where(Usuario.office_id == self.ctx.office_id)))
        return sorted(logins | {SISTEMA.login, "migracion"})

    def acciones(self) -> list[str]:
        """The actions recorded so far (for the action filter)."""
        self.ctx.exigir(Permiso.AUDITORIA_VER)
        with self.ctx.read() as s:
            return sorted(s.scalars(select(Auditoria.accion).distinct()))

    def juicio_de(self, fila: FilaAuditoria) -> str | None:
        """The juicio number a row belongs to, when it says (expediente rows and rows with expediente_id)."""
        datos = fila.despues or fila.antes or {}
        eid = fila.fila_id if fila.tabla == "expediente" else datos.get("expediente_id")
        if not eid:
            return None
        with self.ctx.read() as s:
            return s.scalar(select(Expediente.numero).where(Expediente.id == uuid.UUID(str(eid))))

    # -- export -----------------------------------------------------------------------------------------------
    def _todas(self, filtro: FiltroAuditoria) -> Iterator[FilaAuditoria]:
        with self.ctx.read() as s:
            q = self._consulta(s, filtro).order_by(Auditoria.created_at.desc(), Auditoria.id.desc())
            for a in s.scalars(q.execution_options(yield_per=2000)):
                yield self._fila(a)

    def exportar_xlsx(self, filtro: FiltroAuditoria, path: Path, progress: Progress = NO_PROGRESS) -> int:
        """Write the rows matching ``filtro`` to an XLSX workbook at ``path`` (newest first; times in
        Ecuador; before/after as JSON). Returns the number of rows written. Needs AUDITORIA_VER.

        Raises:
            PermissionDenied: the user may not see the audit.
            NotFoundError: unknown juicio number.
            ValidationError: the file cannot be written.
            CancelledError: cancelled through ``progress`` (no file is written).
        """
        total = self.contar(filtro)
        progress.step(0, total, "Exportando la auditoría…")

        def filas() -> Iterator[list[object]]:
            for n, f in enumerate(self._todas(filtro), start=1):
                yield [Formateado(to_local(f.fecha_hora).replace(tzinfo=None), "dd/mm/yyyy hh:mm:ss"), f.usuario,
                       f.accion, f.operacion_texto, f.tabla, f.fila_id, f.resumen(maximo=50)[:_MAX_CELDA],
                       _json(f.antes), _json(f.despues)]
                if n % 1000 == 0:
                    progress.step(n, total, f"Exportando la auditoría… {n:,} de {total:,}".replace(",", "."))

        encabezado = ["Fecha y hora", "Usuario", "Acción", "Operación", "Tabla", "Fila", "Cambios", "Antes",
                      "Después"]
        try:
            return escribir_xlsx_flujo(path, "Auditoría", encabezado, filas(), [20, 18, 30, 14, 18, 38, 60, 60, 60],
                                       congelar="A2")
        except OSError as exc:
            raise ValidationError(f"No se pudo guardar «{path}»: {exc.strerror or exc}.") from exc
