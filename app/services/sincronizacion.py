"""Use cases of the sync for the window and the command line (design.md §3).

The desktop keeps working on its SQLite; :meth:`SincronizacionService.sincronizar` runs one push-then-pull
cycle with the user's own PostgreSQL role. Passwords are never stored: libpq reads ``PGPASSWORD`` /
``~/.pgpass``, or the window passes the one typed at login for this session.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DBAPIError, OperationalError

from app.common.dates import utcnow
from app.common.errors import AppError, NotFoundError, ValidationError
from app.common.progress import NO_PROGRESS, Progress
from app.common.text import plural
from app.services.context import Contexto
from app.storage.models import Folio, Outbox
from app.storage.models_sync import SyncConflicto
from app.sync import ciclo, tirada
from app.sync.conexion import Servidor, SinConexion, conectar, mensaje_conexion, motor
from app.sync.filas import a_python, tablas

ELECCIONES = ("mia", "servidor", "combinada")


@dataclass(frozen=True, slots=True)
class EstadoSync:
    """What the status bar shows."""

    unido: bool
    servidor: str
    ultima: datetime | None
    pendientes: int
    conflictos: int
    error: str


@dataclass(frozen=True, slots=True)
class ConflictoVista:
    """One conflict for the Conflictos view: both versions and the fields this desktop changed."""

    id: uuid.UUID
    tabla: str
    fila_id: str
    operacion: str
    usuario: str
    creado: datetime
    mia: dict[str, Any]
    servidor: dict[str, Any]
    campos: list[str]


class SincronizacionService:
    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    # --- configuration -----------------------------------------------------------------------------------
    def servidor(self) -> Servidor | None:
        texto = tirada.leer_estado(self.ctx.engine, "servidor")
        return Servidor.desde_url(texto) if texto else None

    def configurar(self, servidor: Servidor) -> None:
        """Remember the central server of this desktop (address only, never the password)."""
        with self.ctx.engine.begin() as c:
            tirada.guardar_estado(c, {"servidor": servidor.texto()})

    def estado(self) -> EstadoSync:
        e = self.ctx.engine
        s = tirada.leer_estado(e, "servidor")
        ultima = tirada.leer_estado(e, "ultima_sync")
        return EstadoSync(
            unido=s is not None, servidor=s or "", ultima=datetime.fromisoformat(ultima) if ultima else None,
            pendientes=ciclo.pendientes(e) if s else 0, conflictos=ciclo.conflictos_pendientes(e),
            error=tirada.leer_estado(e, "ultimo_error") or "",
        )

    # --- the cycle ---------------------------------------------------------------------------------------
    def sincronizar(self, clave: str | None = None, progress: Progress = NO_PROGRESS,
                    falla: ciclo.Falla | None = None) -> ciclo.ResultadoSync:
        """Push then pull once. Local data is never left half-changed.

        Raises:
            ValidationError: no server configured, or the join was refused.
            SinConexion: the server can't be reached (nothing changed locally).
            VersionIncompatible: client and server schema versions differ (nothing sent).
        """
        servidor = self.servidor()
        if servidor is None:
            raise ValidationError("Este equipo no tiene servidor central: Oficina → Servidor central….")
        engine = motor(servidor, clave)
        import psycopg  # the PostgreSQL driver only when a sync runs (slow to import)

        try:
            with conectar(engine) as pg:
                res = ciclo.ciclo(self.ctx.engine, pg, self.ctx.blobs, servidor.usuario,
                                  falla or (lambda _p: None), lambda m: progress.step(0, 0, m))
        except SinConexion as exc:
            self._error(exc.message)
            raise
        except psycopg.OperationalError as exc:
            self._error(mensaje_conexion(exc))
            raise SinConexion(mensaje_conexion(exc)) from exc
        except DBAPIError as exc:
            msg = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            if isinstance(exc.orig, sqlite3.Error):
                # This desktop's own database refused a write of the sync (neither the server nor the network):
                # the local transaction was rolled back; what the server already has stays there.
                self._error(msg)
                raise AppError("La sincronización se detuvo en este equipo: su base de datos no aceptó un cambio "
                               f"({msg.rstrip('.')}). Lo que faltaba aplicar aquí quedó como estaba y se "
                               "intentará de nuevo.") from exc
            if isinstance(exc, OperationalError):
                self._error(mensaje_conexion(exc))
                raise SinConexion(mensaje_conexion(exc)) from exc
            self._error(msg)
            raise AppError(f"El servidor central rechazó un cambio; quedó pendiente en este equipo: {msg}") from exc
        finally:
            engine.dispose()
        office = tirada.leer_estado(self.ctx.engine, "office_id")
        if office:
            self.ctx.office_id = uuid.UUID(office)
        self.ctx.central = True
        if clave:
            self._recordar_clave(servidor.usuario, clave)
        return res

    def _recordar_clave(self, login: str, clave: str) -> None:
        """Offline login (design.md §3): the user's Foja account on this desktop takes the argon2 hash of the
        password the server just accepted, so he logs in with the same password without network. The hash
        travels to the office's other desktops with the next push."""
        from argon2.exceptions import InvalidHashError, VerificationError

        from app.services.usuarios import HASHER
        from app.storage.models import Usuario

        with self.ctx.tx("recordar contraseña del servidor") as s:
            u = s.scalars(select(Usuario).where(Usuario.office_id == self.ctx.office_id,
                                                Usuario.login == login)).first()
            if u is None:
                return
            try:
                if u.password_hash and HASHER.verify(u.password_hash, clave):
                    return
            except (VerificationError, InvalidHashError):
                pass
            u.password_hash = HASHER.hash(clave)

    def _error(self, mensaje: str) -> None:
        with self.ctx.engine.begin() as c:
            tirada.guardar_estado(c, {"ultimo_error": mensaje})

    def cambiar_clave(self, clave_actual: str, nueva: str) -> None:
        """Set the user's own PostgreSQL password (first login replaces the one-time password).

        Raises:
            ValidationError: a new password shorter than 10 characters.
            SinConexion: the server can't be reached or refused the current password.
        """
        if len(nueva) < 10:
            raise ValidationError("La nueva contraseña debe tener al menos 10 caracteres.")
        servidor = self.servidor()
        if servidor is None:
            raise ValidationError("Este equipo no tiene servidor central.")
        engine = motor(servidor, clave_actual)
        try:
            with conectar(engine) as pg, pg.begin():
                lit = pg.exec_driver_sql("SELECT quote_literal(%s)", (nueva,)).scalar_one()
                pg.exec_driver_sql(f"ALTER ROLE CURRENT_USER PASSWORD {lit}")
        finally:
            engine.dispose()
        self._recordar_clave(servidor.usuario, nueva)

    # --- conflicts ---------------------------------------------------------------------------------------
    def conflictos(self) -> list[ConflictoVista]:
        with self.ctx.engine.connect() as c:
            filas = c.execute(select(SyncConflicto).where(SyncConflicto.resuelto_at.is_(None))
                              .order_by(SyncConflicto.creado_at)).all()
        return [ConflictoVista(f.id, f.tabla, f.fila_id, f.operacion, f.usuario, f.creado_at, f.local or {},
                               f.servidor or {}, list(f.campos or [])) for f in filas]

    def resolver(self, conflicto_id: uuid.UUID, eleccion: str, campos_mios: set[str] | None = None) -> None:
        """Resolve a conflict: keep mine, take the server's, or combine (``campos_mios`` from mine, the rest
        from the server's). The result is written locally and, unless it is the server's, queued to be pushed
        on top of the server's current version.

        Raises:
            ValidationError: an unknown choice.
            NotFoundError: no such pending conflict.
        """
        if eleccion not in ELECCIONES:
            raise ValidationError(f"Elección desconocida «{eleccion}»: {', '.join(ELECCIONES)}.")
        with self.ctx.engine.begin() as c:
            f = c.execute(select(SyncConflicto).where(SyncConflicto.id == conflicto_id,
                                                      SyncConflicto.resuelto_at.is_(None))).first()
            if f is None:
                raise NotFoundError("Ese conflicto ya no está pendiente.")
            tab = tablas()[f.tabla].tabla
            servidor = f.servidor or {}
            if eleccion == "servidor" or not servidor:
                resultado = dict(servidor)
                campos: list[str] = []
            else:
                elegidos = set(f.campos or []) if eleccion == "mia" else set(campos_mios or ())
                resultado = dict(servidor)
                for k in elegidos:
                    if k in (f.local or {}):
                        resultado[k] = f.local[k]
                campos = sorted(k for k in elegidos if resultado.get(k) != servidor.get(k))
            if resultado:
                base = int(servidor.get("row_version", 1))
                if campos:
                    resultado.update(row_version=base + 1, updated_at=utcnow().isoformat(),
                                     updated_by=self.ctx.actor)
                valores = a_python(tab, resultado)
                fid = uuid.UUID(f.fila_id)
                if c.execute(select(tab.c.id).where(tab.c.id == fid)).first():
                    c.execute(update(tab).where(tab.c.id == fid).values(**valores))
                else:
                    c.execute(insert(tab).values(**valores))
                if campos:
                    c.execute(insert(Outbox).values(
                        mutation_id=uuid.uuid4(), tabla=f.tabla, fila_id=f.fila_id, operacion="UPDATE",
                        base_version=base, datos=json.loads(json.dumps(resultado, default=str)), campos=campos))
            c.execute(update(SyncConflicto).where(SyncConflicto.id == conflicto_id)
                      .values(resuelto_at=utcnow(), resolucion=eleccion))

    # --- the external anchor -----------------------------------------------------------------------------
    def cabeza_central(self, expediente_id: uuid.UUID, clave: str | None = None) -> tuple[int, str] | None:
        """The server's chain head of an expediente (number of folio entries, last hash), or None offline."""
        servidor = self.servidor()
        if servidor is None:
            return None
        engine = motor(servidor, clave, timeout=3)
        try:
            with conectar(engine) as pg:
                r = pg.execute(select(Folio.posicion, Folio.hash).where(Folio.expediente_id == expediente_id)
                               .order_by(Folio.posicion.desc()).limit(1)).first()
                return (int(r[0]), str(r[1])) if r else (0, "")
        except SinConexion:
            return None
        finally:
            engine.dispose()

    def verificar_con_central(self, numero: str, clave: str | None = None) -> str | None:
        """Compare an expediente's local foliation with the server's chain head (the external anchor).

        Returns None when they agree or the server can't be reached (then only the local check counts), else a
        Spanish sentence naming the difference: the local chain lacks the server's last entry (folios cut) or
        holds another hash at that position (history rewritten). Local folios not yet pushed are beyond the
        server's head and don't count.
        """
        with self.ctx.read() as s:
            from app.storage.consultas.expedientes import expediente_por_numero

            exp = expediente_por_numero(s, self.ctx.office_id, numero)
            cabeza = self.cabeza_central(exp.id, clave)
            if cabeza is None or cabeza[0] == 0:
                return None
            local = s.scalar(select(Folio.hash).where(Folio.expediente_id == exp.id, Folio.posicion == cabeza[0],
                                                      Folio.provisional.is_(False)))
        if local is None:
            return (f"El servidor central tiene {plural(cabeza[0], 'asiento')} de foliación del juicio {numero} y "
                    "este equipo no tiene el último: se eliminaron folios en este equipo.")
        if local != cabeza[1]:
            return (f"El asiento {cabeza[0]} de la foliación del juicio {numero} no coincide con el del servidor "
                    "central: la historia de este equipo fue reescrita.")
        return None

    def olvidar_servidor(self) -> None:
        """Leave the central server (tests and IT only): the desktop works standalone again."""
        with self.ctx.engine.begin() as c:
            c.execute(delete(tirada.SyncEstado))
        self.ctx.central = False
