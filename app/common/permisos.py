"""The data folder is private to the user who runs Foja (issue 9).

On POSIX the folders are created 0700 and the database, its WAL, the backups and the logs are 0600, whatever
the umask. On Windows the data folder lives in the user's profile (``%LOCALAPPDATA%``), whose ACL already
grants access to that user only (and the administrators); ``os.chmod`` there only sets the read-only flag, so
these functions leave Windows files alone.
"""

from __future__ import annotations

import os
from pathlib import Path

MODO_CARPETA = 0o700
MODO_ARCHIVO = 0o600


def carpeta_privada(path: Path) -> Path:
    """Create ``path`` (and parents) if missing and make it 0700. Returns ``path``."""
    path.mkdir(parents=True, exist_ok=True, mode=MODO_CARPETA)
    if os.name == "posix":
        os.chmod(path, MODO_CARPETA)
    return path


def archivo_privado(path: Path) -> Path:
    """Make ``path`` 0600, creating it empty (never readable by others, not even for an instant) if missing."""
    if os.name != "posix":
        return path
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, MODO_ARCHIVO)
        os.close(fd)
    os.chmod(path, MODO_ARCHIVO)
    return path


def privatizar_base(db_file: Path) -> None:
    """The database and its companions (WAL, shared memory) 0600, those that exist."""
    if os.name != "posix":
        return
    for p in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
        if p.exists():
            os.chmod(p, MODO_ARCHIVO)
