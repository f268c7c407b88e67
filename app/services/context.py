"""What every service needs: the session factory, the blob store, the paths, who acts, for which office."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.common.errors import PermissionDenied
from app.common.paths import DataPaths
from app.domain.permisos import SISTEMA, Permiso, UsuarioActual, roles_con
from app.storage.blobs import BlobStore
from app.storage.db import read_scope, session_scope


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

    @contextmanager
    def read(self) -> Iterator[Session]:
        with read_scope(self.factory) as s:
            yield s
