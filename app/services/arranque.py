"""Start-up use cases the window and the command line share: is the database whole, and restoring the last
good backup when it is not (issue 9). The work is in :mod:`app.storage.salud`."""

from __future__ import annotations

from pathlib import Path

from app.common.paths import DataPaths
from app.storage.salud import Respaldo, cerrojo_de_arranque, respaldo_del_dia, ultimo_respaldo_bueno
from app.storage.salud import restaurar as _restaurar

__all__ = ["Respaldo", "respaldo_del_dia", "restaurar", "ultimo_respaldo_bueno"]


def restaurar(paths: DataPaths, respaldo: Path) -> Path:
    """Put ``respaldo`` in place of the data folder's database (holding the folder's lock); the damaged file
    is kept in ``respaldos/dañadas/`` (only the latest one). Returns where the damaged file went.

    Raises:
        BaseDanada: the backup does not open either.
        OcupadoError: another process is opening the folder.
    """
    paths.ensure()
    with cerrojo_de_arranque(paths):
        return _restaurar(paths, respaldo)
