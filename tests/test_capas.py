"""The one layering rule import-linter cannot state: matplotlib's Qt backend (an external subpackage) is
imported only by app.ui. The other arrows are the contracts in pyproject.toml, run by ``lint-imports``."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def _importa(path: Path) -> set[str]:
    nombres: set[str] = set()
    for nodo in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(nodo, ast.Import):
            nombres.update(a.name for a in nodo.names)
        elif isinstance(nodo, ast.ImportFrom) and nodo.module:
            nombres.add(nodo.module)
            nombres.update(f"{nodo.module}.{a.name}" for a in nodo.names)
    return nombres


def test_backend_qt_de_matplotlib_solo_en_ui() -> None:
    fuera = sorted(
        str(p.relative_to(APP.parent)) for p in APP.rglob("*.py")
        if "ui" not in p.relative_to(APP).parts[:1]
        and any(n.startswith("matplotlib.backends.backend_qt") for n in _importa(p))
    )
    assert fuera == [], f"matplotlib's Qt backend imported outside app.ui: {fuera}"
    # The check reads real imports: the UI's chart canvas does use the backend.
    assert any(any(n.startswith("matplotlib.backends.backend_qt") for n in _importa(p))
               for p in (APP / "ui").rglob("*.py"))
