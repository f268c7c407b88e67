"""The installer folder (packaging/foja.spec) builds and the built program runs offscreen (packaging/smoke.sh).

Slow (a build takes minutes): skipped unless FOJA_DIST_TEST=1; needs the `dist` extra (pyinstaller)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("FOJA_DIST_TEST") != "1",
                       reason="construye el instalador (minutos): FOJA_DIST_TEST=1"),
]


def test_the_built_folder_builds_a_demo_and_draws_it_offscreen(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="falta el extra «dist» (pip install -e '.[dist]')")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
                    "--workpath", str(tmp_path / "build"), str(ROOT / "packaging" / "foja.spec")],
                   cwd=ROOT, check=True, capture_output=True)
    r = subprocess.run(["bash", str(ROOT / "packaging" / "smoke.sh"), str(dist / "foja")], cwd=ROOT,
                       capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Instalador correcto" in r.stdout
