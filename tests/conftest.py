"""Shared fixtures: a fresh, Alembic-migrated SQLite installation per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios, abrir

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "samples"

# Valid cédulas (check digit verified by python-stdnum) for test secretarios.
CEDULAS = ["1710034065", "0602910945", "0603001231", "0604571232", "0926687856"]


@pytest.fixture
def data_dir(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "foja")


@pytest.fixture
def servicios(data_dir: DataPaths) -> Iterator[Servicios]:
    srv = abrir(data_dir)
    yield srv
    srv.close()


@pytest.fixture
def con_secretarios(servicios: Servicios) -> Servicios:
    nombres = ["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"]
    for n, c in zip(nombres, CEDULAS, strict=False):
        servicios.secretarios.crear(n, c, externo=True)
    return servicios
