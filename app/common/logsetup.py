"""Logging: a rotating file in the data dir plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.common.permisos import archivo_privado, carpeta_privada


class _RegistroPrivado(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600 (they name users, juicios and debtors)."""

    def _open(self):  # type: ignore[no-untyped-def]
        archivo_privado(Path(self.baseFilename))
        return super()._open()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    carpeta_privada(log_dir)
    root = logging.getLogger()
    if any(getattr(h, "_foja", False) for h in root.handlers):
        return
    fh = _RegistroPrivado(
        log_dir / "foja.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    fh._foja = True  # type: ignore[attr-defined]
    sh = logging.StreamHandler()
    sh.setLevel(logging.WARNING)
    sh._foja = True  # type: ignore[attr-defined]
    root.addHandler(fh)
    root.addHandler(sh)
    root.setLevel(level)
