"""The user guide (Ayuda → Guía de uso, F1): the Markdown pages of ``docs/guia`` shown in a QTextBrowser.

Local files only, so it works offline and in the packaged program (``packaging/foja.spec`` ships
``docs/guia`` next to ``app``). Links between pages stay in the browser; a web link opens in the system's
browser.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QImageReader, QKeySequence, QShortcut, QTextCursor, QTextImageFormat
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.permisos import Rol

#: The guide's folder: next to ``app`` in the source tree and in the PyInstaller folder alike.
GUIA = Path(__file__).resolve().parents[2] / "docs" / "guia"
INICIO = GUIA / "index.md"
#: Screenshots are made at 1366 px; shown at most this wide so a page reads without scrolling sideways.
ANCHO_IMAGEN = 860


PAGINAS: dict[Rol, str] = {
    Rol.SECRETARIO: "secretario.md",
    Rol.CITADOR: "citador.md",
    Rol.DEPOSITARIO: "depositario.md",
    Rol.JEFE: "jefe.md",
    Rol.EJECUTOR: "jefe.md",
}


def pagina_de(rol: Rol) -> str:
    """The guide's page for the tasks of ``rol`` (the first steps for the administrador)."""
    return PAGINAS.get(rol, "index.md")


class GuiaDialog(QDialog):
    """A non-modal window with the guide; ``pagina`` is a file name in :data:`GUIA` (default the index)."""

    def __init__(self, parent: QWidget | None = None, pagina: str = "index.md") -> None:
        super().__init__(parent)
        self.setObjectName("GuiaDialog")
        self.setWindowTitle("Guía de uso")
        self.resize(940, 760)
        self.navegador = QTextBrowser(self)
        self.navegador.setOpenLinks(True)
        self.navegador.setOpenExternalLinks(False)
        self.navegador.anchorClicked.connect(self._externo)
        # sourceChanged comes before the new page's content: scale its images once it is there
        self.navegador.sourceChanged.connect(lambda _u: QTimer.singleShot(0, self._ajustar_imagenes))
        atras = QPushButton("← &Atrás", self)
        atras.clicked.connect(self.navegador.backward)
        self.navegador.backwardAvailable.connect(atras.setEnabled)
        atras.setEnabled(False)
        inicio = QPushButton("&Inicio de la guía", self)
        inicio.clicked.connect(lambda: self.navegador.setSource(QUrl.fromLocalFile(str(INICIO))))
        cerrar = QPushButton("&Cerrar", self)
        cerrar.clicked.connect(self.close)
        botones = QHBoxLayout()
        for b in (atras, inicio):
            botones.addWidget(b)
        botones.addStretch(1)
        botones.addWidget(cerrar)
        lay = QVBoxLayout(self)
        lay.addWidget(self.navegador)
        lay.addLayout(botones)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.navegador.backward)
        destino = GUIA / pagina
        if destino.is_file():
            self.navegador.setSource(QUrl.fromLocalFile(str(destino)))
            self._ajustar_imagenes()
        else:  # a broken installation: say where the guide should be instead of an empty window
            self.navegador.setPlainText(f"No se encontró la guía de uso en {destino}.")

    @Slot(QUrl)
    def _externo(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)

    @Slot()
    def _ajustar_imagenes(self) -> None:
        """Scale the screenshots down to :data:`ANCHO_IMAGEN` (their height in proportion)."""
        doc = self.navegador.document()
        base = Path(self.navegador.source().toLocalFile()).parent
        cursor = QTextCursor(doc)
        bloque = doc.begin()
        while bloque.isValid():
            it = bloque.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if frag.isValid() and fmt.isImageFormat():
                    img = fmt.toImageFormat()
                    tam = QImageReader(str(base / img.name())).size()
                    if tam.width() > ANCHO_IMAGEN:
                        nuevo = QTextImageFormat(img)
                        nuevo.setWidth(ANCHO_IMAGEN)
                        nuevo.setHeight(tam.height() * ANCHO_IMAGEN / tam.width())
                        cursor.setPosition(frag.position())
                        cursor.setPosition(frag.position() + frag.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(nuevo)
                it += 1
            bloque = bloque.next()

    def pagina(self) -> str:
        """The file name of the page shown (e.g. ``"index.md"``)."""
        return Path(self.navegador.source().toLocalFile()).name
