"""Photos and scans (of goods, of notifications): a thumbnail strip to pick files (before they are stored) or to
show the stored ones; double-click (or Enter) on a thumbnail opens it large in :class:`VisorFotos`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
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


class VisorFotos(QDialog):
    """One photo large (fitted to most of the screen), its name and position; «Anterior» / «Siguiente» (or the
    arrow keys) walk the others. What is not an image (a scanned PDF) says so."""

    def __init__(self, fotos: Sequence[tuple[str, bytes]], inicial: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Fotos")
        self._fotos = list(fotos)
        self.actual = max(0, min(inicial, len(self._fotos) - 1))
        pantalla = QGuiApplication.primaryScreen()
        area = pantalla.availableGeometry().size() if pantalla is not None else QSize(1280, 800)
        self._maximo = QSize(int(area.width() * 0.8), int(area.height() * 0.75))
        self.imagen = QLabel(self)
        self.imagen.setObjectName("fotoGrande")
        self.imagen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        desplazable = QScrollArea(self)
        desplazable.setWidget(self.imagen)
        desplazable.setWidgetResizable(True)
        self.nombre = QLabel(self)
        self.anterior = QPushButton("◀ &Anterior", self)
        self.anterior.clicked.connect(lambda: self.mostrar(self.actual - 1))
        self.siguiente = QPushButton("&Siguiente ▶", self)
        self.siguiente.clicked.connect(lambda: self.mostrar(self.actual + 1))
        cerrar = QPushButton("Cerrar", self)
        cerrar.clicked.connect(self.accept)
        for tecla, paso in ((Qt.Key.Key_Left, -1), (Qt.Key.Key_Right, 1)):
            QShortcut(QKeySequence(tecla), self).activated.connect(lambda p=paso: self.mostrar(self.actual + p))
        barra = QHBoxLayout()
        barra.addWidget(self.anterior)
        barra.addWidget(self.nombre, 1)
        barra.addWidget(self.siguiente)
        barra.addWidget(cerrar)
        lay = QVBoxLayout(self)
        lay.addWidget(desplazable, 1)
        lay.addLayout(barra)
        self.mostrar(self.actual)
        self.resize(self._maximo.width() + 40, self._maximo.height() + 90)

    def mostrar(self, i: int) -> None:
        if not self._fotos or not 0 <= i < len(self._fotos):
            return
        self.actual = i
        nombre, data = self._fotos[i]
        img = QImage.fromData(data)
        if img.isNull():
            self.imagen.setPixmap(QPixmap())
            self.imagen.setText(f"«{nombre}» no es una imagen (p. ej. un PDF escaneado): ábralo desde la lista de "
                                "documentos del expediente.")
        else:
            if img.width() > self._maximo.width() or img.height() > self._maximo.height():
                img = img.scaled(self._maximo, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            self.imagen.setPixmap(QPixmap.fromImage(img))
        self.nombre.setText(f"{nombre}  ({i + 1} de {len(self._fotos)})")
        self.anterior.setEnabled(i > 0)
        self.siguiente.setEnabled(i < len(self._fotos) - 1)


class ListaMiniaturas(QListWidget):
    """Thumbnails in a row; :attr:`datos` holds each one's (name, bytes) in row order. Double-click or Enter on
    one opens :class:`VisorFotos` at it (tests replace ``VisorFotos.exec``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.datos: list[tuple[str, bytes]] = []
        self.itemActivated.connect(self.ver)

    def agregar(self, nombre: str, data: bytes) -> None:
        self.datos.append((nombre, data))
        item = QListWidgetItem(QIcon(miniatura(data)), nombre)
        item.setToolTip(f"{nombre} — doble clic para verla en grande")
        self.addItem(item)

    def quitar_fila(self, fila: int) -> None:
        self.takeItem(fila)
        del self.datos[fila]

    def vaciar(self) -> None:
        self.clear()
        self.datos.clear()

    @Slot(QListWidgetItem)
    def ver(self, item: QListWidgetItem | None = None) -> None:
        fila = self.row(item) if item is not None else max(self.currentRow(), 0)
        if not self.datos:
            return
        visor = VisorFotos(self.datos, fila, self.window())
        visor.exec()
        visor.deleteLater()


def lista_miniaturas(parent: QWidget, lado: int = LADO) -> ListaMiniaturas:
    lw = ListaMiniaturas(parent)
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
        self.lista.agregar(nombre, data)
        self.cambiado.emit()

    @Slot()
    def quitar(self) -> None:
        for item in sorted(self.lista.selectedItems(), key=self.lista.row, reverse=True):
            self.lista.quitar_fila(self.lista.row(item))
        self.cambiado.emit()

    def fotos(self) -> list[tuple[str, bytes]]:
        return list(self.lista.datos)


def mostrar_fotos(lista: ListaMiniaturas, fotos: Sequence[tuple[str, str]], leer: Callable[[str], bytes]) -> None:
    """Fill ``lista`` with stored photos ``(name, sha256)`` read through ``leer`` (a file not yet on this desktop
    shows its name on a grey tile)."""
    lista.vaciar()
    for nombre, sha in fotos:
        try:
            data = leer(sha)
        except Exception:  # a file not yet synced to this desktop: the name still shows
            data = b""
        lista.agregar(nombre, data)
