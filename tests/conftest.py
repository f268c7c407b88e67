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


SIN_LO = "LibreOffice no está instalado (sudo apt install libreoffice-writer): no se puede comparar con su PDF"


#: Tests that talk to the central PostgreSQL: `central init` creates cluster-wide group roles (foja_usuario,
#: foja_<rol>), which two processes must not create at once; under `pytest -n 2` (make test) they run in one
#: worker, one after the other (pytest-xdist's ``--dist loadgroup``).
_CON_POSTGRES = ("tests/sync/", "tests/storage/test_postgres", "tests/ui/test_sync_ui.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        ruta = Path(str(item.path)).relative_to(ROOT).as_posix()
        if ruta.startswith(_CON_POSTGRES):
            item.add_marker(pytest.mark.xdist_group("postgres"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked ``libreoffice`` skips where LibreOffice is missing, but fails when
    ``FOJA_REQUIRE_LIBREOFFICE=1`` (CI, .ci/run installs it): there a skip would hide a broken check."""
    if item.get_closest_marker("libreoffice") is None:
        return
    from app.documents.pdf import libreoffice_disponible

    if libreoffice_disponible():
        return
    if os.environ.get("FOJA_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"LibreOffice is required here (FOJA_REQUIRE_LIBREOFFICE=1): {SIN_LO}", pytrace=False)
    pytest.skip(SIN_LO)


@pytest.fixture
def data_dir(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "foja")


#: The office's signatories (issue 8: documents are signed by named people, never by a placeholder).
FIRMANTES = {"ejecutor_nombre": "Ing. Patricio Xavier Carrasco Ruiz", "ejecutor_genero": "M",
             "ejecutor_cargo": "Director Provincial del IESS Chimborazo, Funcionario Ejecutor",
             "jefe_nombre": "Ab. Rosa Elena Vallejo Cisneros", "jefe_genero": "F",
             "jefe_cargo": "Jefa de la Unidad Provincial de Gestión de Coactiva"}


@pytest.fixture
def servicios(data_dir: DataPaths) -> Iterator[Servicios]:
    srv = abrir(data_dir)
    srv.oficina.actualizar(**FIRMANTES)
    yield srv
    srv.close()


@pytest.fixture
def con_secretarios(servicios: Servicios) -> Servicios:
    nombres = ["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"]
    for n, c, g in zip(nombres, CEDULAS, "FMF", strict=False):
        servicios.secretarios.crear(n, c, externo=True, genero=g)
    return servicios
