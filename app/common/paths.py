"""Where Foja keeps its files (platformdirs), overridable with ``--data-dir``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.common.permisos import carpeta_privada

APP_NAME = "Foja"
APP_AUTHOR = "IESS"


def resources_dir() -> Path:
    """The ``resources/`` folder shipped with the program (templates, samples)."""
    return Path(__file__).resolve().parents[2] / "resources"


def templates_dir() -> Path:
    return resources_dir() / "templates"


@dataclass(frozen=True, slots=True)
class DataPaths:
    """All per-installation paths, derived from one data directory.

    ``database``: the SQLite file; ``blobs``: content-addressed files (SHA-256);
    ``backups``: copies made before each migration; ``exports``: documents written for opening;
    ``logs``: rotating log files.
    """

    root: Path

    @classmethod
    def default(cls) -> DataPaths:
        return cls(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))

    @property
    def database(self) -> Path:
        return self.root / "foja.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "archivos"

    @property
    def backups(self) -> Path:
        return self.root / "respaldos"

    @property
    def exports(self) -> Path:
        return self.root / "documentos"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock(self) -> Path:
        """The lock file two processes on this folder take turns on at start (migration, restore)."""
        return self.root / "foja.lock"

    def ensure(self) -> DataPaths:
        """Create the folders, private to the user (0700 on POSIX; see :mod:`app.common.permisos`)."""
        for p in (self.root, self.blobs, self.backups, self.exports, self.logs):
            carpeta_privada(p)
        return self
