"""Content-addressed file store: each file lives under its SHA-256 (design.md §3, Files)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from app.common.errors import NotFoundError


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Files in ``root/ab/abcdef…``; writes are atomic (temp file + fsync + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store ``data`` and return its SHA-256 (hex). Storing the same bytes twice is a no-op."""
        digest = sha256_hex(data)
        target = self.path(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``.

        Raises:
            NotFoundError: no such file in the store.
        """
        p = self.path(sha256)
        if not p.exists():
            raise NotFoundError(f"El archivo {sha256[:12]}… no está en el almacén de documentos.")
        return p.read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()
