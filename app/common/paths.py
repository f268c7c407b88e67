"""Where Foja keeps its files (platformdirs), overridable with ``--data-dir``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

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

    def ensure(self) -> DataPaths:
        for p in (self.root, self.blobs, self.backups, self.exports, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self
