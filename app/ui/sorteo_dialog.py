"""Sorteo de títulos de crédito among the active secretarios-abogados (run by the jefe)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.common.text import plural
from app.services.bootstrap import Servicios
from app.services.sorteo import ResultadoSorteo
from app.ui import formato, mensajes
from app.ui.errors import protegido, show_error
from app.ui.sistema import abrir_archivo
from app.ui.sorteo_models import AsignacionesModel, PendientesModel, ResumenSorteoModel
from app.ui.table_base import TablaModel
from app.ui.tasks import Tarea, ejecutar

LIMITE_LISTA = 5000


def _tabla(parent: QWidget, model: TablaModel[Any], estirar: int) -> QTableView:
    t = QTableView(parent)
    t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setAlternatingRowColors(True)
    t.setWordWrap(False)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    t.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 8)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)
    return t


def _ajustar_altura(t: QTableView, max_filas: int) -> None:
    """Fit a short table to its rows (up to ``max_filas``, then it scrolls) instead of leaving a blank area."""
    filas = min(t.model().rowCount(), max_filas)
    alto = t.horizontalHeader().sizeHint().height() + filas * t.verticalHeader().defaultSectionSize()
    t.setFixedHeight(alto + 2 * t.frameWidth())


class SorteoDialog(QDialog):
    """Shows the pending títulos, runs the draw in the background and shows its result.

    Emits ``sorteo_realizado(ResultadoSorteo)`` once the expedientes are open.
    """

    sorteo_realizado = Signal(object)

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._srv = servicios
        self.resultado: ResultadoSorteo | None = None
        self.tarea: Tarea | None = None
        self.setWindowTitle("Sorteo de títulos de crédito")
        self.resize(860, 560)

        # -- page 1: what will be drawn --
        previa = QWidget(self)
        self.pendientes_label = QLabel(previa)
        self.pendientes_label.setObjectName("pendientes")
        self.pendientes_label.setWordWrap(True)
        self.participantes_label = QLabel(previa)
        self.participantes_label.setWordWrap(True)
        self.pendientes = PendientesModel(parent=self)
        self.tabla_pendientes = _tabla(previa, self.pendientes, 1)
        self.semilla = QLineEdit(previa)
        self.semilla.setObjectName("semilla")
        self.semilla.setPlaceholderText("Opcional: vacía, se genera al azar y queda registrada en el acta")
        form = QFormLayout()
        form.addRow("&Semilla:", self.semilla)
        lay1 = QVBoxLayout(previa)
        lay1.setContentsMargins(0, 0, 0, 0)
        lay1.addWidget(self.pendientes_label)
        lay1.addWidget(self.tabla_pendientes, 1)
        lay1.addWidget(self.participantes_label)
        lay1.addLayout(form)

        # -- page 2: the result --
        resultado = QWidget(self)
        self.resultado_label = QLabel(resultado)
        self.resultado_label.setObjectName("resultado")
        self.resultado_label.setWordWrap(True)
        self.resumen = ResumenSorteoModel(parent=self)
        self.tabla_resumen = _tabla(resultado, self.resumen, 0)
        self.asignaciones = AsignacionesModel(parent=self)
        self.tabla_asignaciones = _tabla(resultado, self.asignaciones, 2)
        lay2 = QVBoxLayout(resultado)
        lay2.setContentsMargins(0, 0, 0, 0)
        lay2.addWidget(self.resultado_label)
        lay2.addWidget(QLabel("Expedientes por secretario-abogado:", resultado))
        lay2.addWidget(self.tabla_resumen)
        lay2.addWidget(QLabel("Asignaciones:", resultado))
        lay2.addWidget(self.tabla_asignaciones, 1)

        self.paginas = QStackedWidget(self)
        self.paginas.addWidget(previa)
        self.paginas.addWidget(resultado)

        self.boton_realizar = QPushButton("Realizar sorteo", self)
        self.boton_realizar.setObjectName("botonRealizar")
        self.boton_realizar.setDefault(True)
        self.boton_realizar.clicked.connect(self.realizar)
        self.boton_acta = QPushButton("Abrir acta de sorteo", self)
        self.boton_acta.setObjectName("botonActa")
        self.boton_acta.clicked.connect(self.abrir_acta)
        self.boton_acta.setVisible(False)
        self.boton_cerrar = QPushButton("Cerrar", self)
        self.boton_cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        botones.addWidget(self.boton_acta)
        botones.addWidget(self.boton_realizar)
        botones.addWidget(self.boton_cerrar)

        lay = QVBoxLayout(self)
        lay.addWidget(self.paginas, 1)
        lay.addLayout(botones)
        self.cargar()

    def cargar(self) -> None:
        n = self._srv.sorteo.contar_pendientes()
        lista = self._srv.sorteo.pendientes(LIMITE_LISTA) if n else []
        self.pendientes.set_filas(lista)
        activos = self._srv.secretarios.listar(solo_activos=True)
        self.n_pendientes = n
        if n == 0:
            texto = "No hay títulos de crédito pendientes de sorteo. Importe títulos (Archivo → Importar títulos…)."
        else:
            texto = (f"Hay {plural(n, 'título de crédito pendiente', 'títulos de crédito pendientes')} "
                     "de sorteo.")
            if n > len(lista):
                texto += f" Se muestran los primeros {formato.miles(len(lista))}; se sortearán todos."
        self.pendientes_label.setText(texto)
        if activos:
            self.participantes_label.setText(
                f"{'Participa' if len(activos) == 1 else 'Participan'} "
                f"{plural(len(activos), 'secretario-abogado activo')}: "
                + ", ".join(x.nombres for x in activos) + "."
            )
        else:
            self.participantes_label.setText(
                "No hay secretarios-abogados activos: regístrelos en Oficina → Secretarios-abogados."
            )
        self.n_activos = len(activos)
        self.boton_realizar.setEnabled(n > 0 and bool(activos))

    @Slot()
    @protegido
    def realizar(self) -> None:
        if not mensajes.confirmar(
            self,
            f"¿Sortear {plural(self.n_pendientes, 'título')} entre "
            f"{plural(self.n_activos, 'secretario-abogado')}?",
            "Se abrirá un expediente por título y se generará el acta de sorteo. No se puede deshacer.",
            titulo="Realizar sorteo", si="Sortear", no="Cancelar",
        ):
            return
        semilla = self.semilla.text().strip() or None
        self.boton_realizar.setEnabled(False)
        self.tarea = ejecutar(
            self, "Realizando el sorteo…",
            lambda p: self._srv.sorteo.realizar(semilla=semilla, progress=p),
            self._al_terminar, al_fallar=self._al_fallar,
        )

    def _al_fallar(self, exc: BaseException) -> None:
        self.cargar()
        show_error(self, exc)

    def _al_terminar(self, r: ResultadoSorteo) -> None:
        self.resultado = r
        self.resumen.set_filas(list(r.por_secretario().items()))
        _ajustar_altura(self.tabla_resumen, max_filas=10)
        self.asignaciones.set_filas(r.asignaciones)
        primero, ultimo = r.asignaciones[0].juicio, r.asignaciones[-1].juicio
        self.resultado_label.setText(
            f"Sorteo del {formato.fecha(r.fecha)} realizado: {plural(len(r.asignaciones), 'expediente abierto')}, "
            f"juicios {primero} a {ultimo}.\nSemilla registrada: {r.semilla}"
        )
        self.paginas.setCurrentIndex(1)
        self.boton_realizar.setVisible(False)
        self.boton_acta.setVisible(True)
        self.boton_acta.setEnabled(r.acta_documento_id is not None)
        if r.acta_documento_id is None:
            self.boton_acta.setToolTip("Este sorteo no generó acta.")
        self.boton_cerrar.setText("Cerrar")
        self.sorteo_realizado.emit(r)

    @Slot()
    @protegido
    def abrir_acta(self) -> None:
        if self.resultado is None or self.resultado.acta_documento_id is None:
            return
        abrir_archivo(self, self._srv.documentos.exportar(self.resultado.acta_documento_id))

    def reject(self) -> None:
        if self.tarea is not None and self.tarea.en_curso:
            return  # the progress dialog's Cancelar stops the draw; closing now would lose its result
        super().reject()
