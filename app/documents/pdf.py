"""PDF conversion through LibreOffice (headless), when it is installed.

LibreOffice is optional: documents are .docx; a PDF is produced only on request. Each conversion uses
a private, throw-away user profile (``-env:UserInstallation``) so it works while the user has
LibreOffice open, and two conversions never fight over one profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from app.common.errors import ConfigurationError

TIEMPO_MAXIMO_S = 120
_INSTRUCCIONES = (
    "Para generar PDF se necesita LibreOffice. Instale LibreOffice: sudo apt install libreoffice-writer "
    "(Ubuntu/Debian) o descárguelo de https://es.libreoffice.org (Windows/macOS), y vuelva a intentarlo. "
    "El documento .docx sigue disponible para abrirlo en Word."
)
_RUTAS_CONOCIDAS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
)


def ejecutable_libreoffice() -> str | None:
    """Path of the LibreOffice executable, or None. ``FOJA_LIBREOFFICE`` overrides the search."""
    forzado = os.environ.get("FOJA_LIBREOFFICE")
    if forzado:
        return forzado if Path(forzado).is_file() else None
    for nombre in ("libreoffice", "soffice"):
        hit = shutil.which(nombre)
        if hit:
            return hit
    for ruta in _RUTAS_CONOCIDAS:
        if Path(ruta).is_file():
            return ruta
    return None


def libreoffice_disponible() -> bool:
    """True when a LibreOffice executable is found (PATH, usual install folders or ``FOJA_LIBREOFFICE``)."""
    return ejecutable_libreoffice() is not None


def convertir_pdf(docx: Path, outdir: Path) -> Path:
    """Convert ``docx`` to PDF in ``outdir`` (created if needed) and return the PDF's path
    (``outdir / <docx stem>.pdf``, replaced if it exists).

    Runs ``soffice --headless --convert-to pdf --outdir`` with a private profile, at most
    :data:`TIEMPO_MAXIMO_S` (120) seconds.

    Raises:
        ConfigurationError: LibreOffice is not installed (the message says how to install it), it did
            not finish in time, or it produced no PDF.
        FileNotFoundError: ``docx`` does not exist.
    """
    if not docx.is_file():
        raise FileNotFoundError(docx)
    exe = ejecutable_libreoffice()
    if exe is None:
        raise ConfigurationError(_INSTRUCCIONES)
    outdir.mkdir(parents=True, exist_ok=True)
    destino = outdir / f"{docx.stem}.pdf"
    destino.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="foja-lo-") as perfil:
        cmd = [
            exe, f"-env:UserInstallation={Path(perfil).as_uri()}", "--headless", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir), str(docx),
        ]
        kwargs: dict[str, object] = {}
        if sys.platform == "win32":  # pragma: no cover - no console window on Windows
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIEMPO_MAXIMO_S, check=False,
                                  **kwargs)  # type: ignore[call-overload]
        except subprocess.TimeoutExpired as exc:
            raise ConfigurationError(
                f"LibreOffice no terminó de convertir «{docx.name}» en {TIEMPO_MAXIMO_S} s. Cierre LibreOffice "
                "si está bloqueado y vuelva a intentarlo."
            ) from exc
        except OSError as exc:
            raise ConfigurationError(f"No se pudo ejecutar LibreOffice ({exe}): {exc}. {_INSTRUCCIONES}") from exc
    if not destino.is_file():
        detalle = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:] or ["sin detalles"]
        raise ConfigurationError(
            f"LibreOffice no generó el PDF de «{docx.name}» (código {proc.returncode}: {detalle[0]})."
        )
    return destino
