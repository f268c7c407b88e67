"""What every service needs: the session factory, the blob store, the paths, who acts, for which office."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.common.cambios import Cambios, de_tablas
from app.common.errors import PermissionDenied
from app.common.paths import DataPaths
from app.domain.permisos import SISTEMA, Permiso, UsuarioActual, roles_con
from app.storage.blobs import BlobStore
from app.storage.db import read_scope, session_scope

log = logging.getLogger(__name__)


@dataclass
class Contexto:
    engine: Engine
    factory: sessionmaker[Session]
    paths: DataPaths
    blobs: BlobStore
    office_id: uuid.UUID
    usuario: UsuarioActual = SISTEMA
    # Joined to a central server: juicio numbers and folio ranges made here are provisional until the server
    # gives the final ones in the next push (design.md §3).
    central: bool = False
    # Told what each committed write changed (the main window's broadcaster); called on the writer's thread.
    observador: Callable[[Cambios], None] | None = field(default=None, compare=False, repr=False)

    @property
    def actor(self) -> str:
        """The name recorded in the audit trail for every write."""
        return self.usuario.login

    def exigir(self, permiso: Permiso, *, secretario_id: uuid.UUID | None = None) -> None:
        """Refuse the action unless the current user holds ``permiso``.

        With ``secretario_id`` (the secretario assigned to the expediente acted on), a secretario-abogado
        may act only on his own expedientes; the jefe and the system principal act on all.

        Raises:
            PermissionDenied: naming the permission (Spanish).
        """
        u = self.usuario
        if not u.puede(permiso):
            quienes = ", ".join(r.etiqueta for r in roles_con(permiso))
            raise PermissionDenied(
                f"Permiso denegado: {u.rol.etiqueta} «{u.login}» no puede {permiso.value}. "
                f"Pueden hacerlo: {quienes}."
            )
        if not u.puede_en(permiso, secretario_id):
            raise PermissionDenied(
                f"Permiso denegado: «{u.login}» solo puede {permiso.value} en los expedientes a su cargo."
            )

    @contextmanager
    def tx(self, accion: str) -> Iterator[Session]:
        """One write transaction, audited as ``accion`` by ``actor``."""
        with session_scope(self.factory, self.actor, accion) as s:
            s.info["sin_outbox"] = not self.central
            yield s
        self.avisar(de_tablas(s.info.get("tablas", ())))

    def avisar(self, cambios: Cambios) -> None:
        """Tell the observer what a committed write changed (nothing when it changed nothing shown)."""
        observador = self.observador
        if observador is None or not cambios:
            return
        try:
            observador(cambios)
        except Exception:  # a screen that went away must not undo a committed write
            log.exception("No se pudo avisar de los cambios")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with read_scope(self.factory) as s:
            yield s
