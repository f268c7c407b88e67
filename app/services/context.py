"""What every service needs: the session factory, the blob store, the paths, who acts, for which office."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.common.paths import DataPaths
from app.storage.blobs import BlobStore
from app.storage.db import read_scope, session_scope


@dataclass
class Contexto:
    engine: Engine
    factory: sessionmaker[Session]
    paths: DataPaths
    blobs: BlobStore
    office_id: uuid.UUID
    actor: str = "administrador"

    @contextmanager
    def tx(self, accion: str) -> Iterator[Session]:
        """One write transaction, audited as ``accion`` by ``actor``."""
        with session_scope(self.factory, self.actor, accion) as s:
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        with read_scope(self.factory) as s:
            yield s
