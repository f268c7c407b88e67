"""Opening the main window on the list loads only what the list needs: the document stack, the charts,
Alembic and the sync's PostgreSQL driver wait until a page or an action asks for them (issue 14: start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.common.paths import DataPaths
from app.services.bootstrap import Servicios

RAIZ = Path(__file__).resolve().parents[2]
PESADOS = ("docx", "docxtpl", "lxml", "jinja2", "matplotlib", "numpy", "openpyxl", "alembic", "psycopg", "PIL",
           "holidays", "babel", "stdnum")

_PROGRAMA = """
import json, sys
from pathlib import Path
from app.common.paths import DataPaths
from app.services.bootstrap import abrir
from app.ui.app import crear_aplicacion
from app.ui.login_dialog import iniciar_sesion
from PySide6.QtCore import QCoreApplication, QSettings
from app.ui.main_window import MainWindow

crear_aplicacion(["foja"])
srv = abrir(DataPaths(Path(sys.argv[1])))
w = MainWindow(srv, QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.show()
QCoreApplication.processEvents()
print(json.dumps({"filas": w.lista.model.rowCount(), "titulo": w.windowTitle(),
                  "modulos": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_the_window_opens_on_the_list_without_loading_the_heavy_modules(
        srv: Servicios, data_dir: DataPaths, tmp_path: Path) -> None:
    oficina = srv.oficina.datos().nombre
    srv.close()
    r = subprocess.run([sys.executable, "-c", _PROGRAMA, str(data_dir.root), str(tmp_path / "s.ini")],
                       capture_output=True, text=True, cwd=RAIZ, timeout=120, check=True,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(RAIZ)})
    salida = json.loads(r.stdout.strip().splitlines()[-1])
    assert salida["titulo"] == oficina  # Qt adds « — Foja» (the application's display name) itself
    assert salida["filas"] == 0  # an office without expedientes yet: the empty list is shown
    cargados = set(salida["modulos"]) & set(PESADOS)
    assert not cargados, f"cargados al abrir: {sorted(cargados)}"
