"""Photos and scans of goods: a thumbnail strip to pick files (before they are stored) or to show the stored ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import mensajes

FILTRO = "Fotos y escaneos (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.pdf);;Todos (*)"
LADO = 96


def miniatura(data: bytes, lado: int = LADO) -> QPixmap:
    """A square-bounded thumbnail of an image; a grey «PDF» tile for what Qt cannot read as an image."""
    img = QImage.fromData(data)
    if img.isNull():
        pm = QPixmap(lado, lado)
        pm.fill(Qt.GlobalColor.lightGray)
        return pm
    return QPixmap.fromImage(img.scaled(lado, lado, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation))


def lista_miniaturas(parent: QWidget, lado: int = LADO) -> QListWidget:
    lw = QListWidget(parent)
    lw.setViewMode(QListView.ViewMode.IconMode)
    lw.setIconSize(QSize(lado, lado))
    lw.setResizeMode(QListView.ResizeMode.Adjust)
    lw.setMovement(QListView.Movement.Static)
    lw.setWrapping(False)
    lw.setFixedHeight(lado + lw.fontMetrics().height() * 2 + 16)
    return lw


class FotosEditor(QWidget):
    """Files chosen by the user, shown as thumbnails, with «Agregar fotos…» and «Quitar». :meth:`fotos` reads
    them as (name, bytes)."""

    cambiado = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lista = lista_miniaturas(self)
        self.lista.setObjectName("listaFotos")
        self.lista.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self._datos: list[tuple[str, bytes]] = []
        self.boton_agregar = agregar = QPushButton("Agregar fotos…", self)
        agregar.setObjectName("botonAgregarFotos")
        agregar.clicked.connect(self.elegir)
        quitar = QPushButton("Quitar", self)
        quitar.clicked.connect(self.quitar)
        col = QVBoxLayout()
        col.addWidget(agregar)
        col.addWidget(quitar)
        col.addStretch(1)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.lista, 1)
        lay.addLayout(col)

    @Slot()
    def elegir(self) -> None:
        rutas, _f = QFileDialog.getOpenFileNames(self, "Agregar fotos o escaneos", str(Path.home()), FILTRO)
        self.agregar_rutas([Path(r) for r in rutas])

    def agregar_rutas(self, rutas: Sequence[Path]) -> None:
        """Read the files and show them; one that cannot be read is reported and skipped."""
        for r in rutas:
            try:
                self.agregar(r.name, r.read_bytes())
            except OSError as exc:
                mensajes.advertir(self, f"No se pudo leer «{r.name}».", str(exc))

    def agregar(self, nombre: str, data: bytes) -> None:
        self._datos.append((nombre, data))
        item = QListWidgetItem(QIcon(miniatura(data)), nombre)
        item.setToolTip(nombre)
        self.lista.addItem(item)
        self.cambiado.emit()

    @Slot()
    def quitar(self) -> None:
        for item in sorted(self.lista.selectedItems(), key=self.lista.row, reverse=True):
            fila = self.lista.row(item)
            self.lista.takeItem(fila)
            del self._datos[fila]
        self.cambiado.emit()

    def fotos(self) -> list[tuple[str, bytes]]:
        return list(self._datos)


def mostrar_fotos(lista: QListWidget, fotos: Sequence[tuple[str, str]], leer: Callable[[str], bytes]) -> None:
    """Fill ``lista`` with stored photos ``(name, sha256)`` read through ``leer`` (a missing file is skipped)."""
    lista.clear()
    for nombre, sha in fotos:
        try:
            data = leer(sha)
        except Exception:  # a file not yet synced to this desktop: the name still shows
            data = b""
        item = QListWidgetItem(QIcon(miniatura(data)), nombre)
        item.setToolTip(nombre)
        lista.addItem(item)
