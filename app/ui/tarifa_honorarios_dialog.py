"""The administrador's fee settings: tariff rows (percent, IVA, in force from, legal source), legal
suspensions during which recoveries generate no fees, and whether the coactivado pays the fee. Until the
office confirms its tariff the default is shown as configurable."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.honorarios import Suspension, Tarifa
from app.services.honorarios_tarifa import ConfiguracionHonorarios, TarifaHonorariosService
from app.ui import formato
from app.ui.campos import campo_fecha, fecha_de
from app.ui.errors import protegido
from app.ui.pestana import anchos, fila_seleccionada, nota, tabla
from app.ui.table_base import CENTRO, Columna, TablaModel


class TarifasModel(TablaModel[Tarifa]):
    COLUMNAS: ClassVar = (
        Columna("Vigente desde", lambda t: formato.fecha(t.vigente_desde), CENTRO),
        Columna("Honorarios", lambda t: f"{formato.porcentaje(t.porcentaje)} %", CENTRO),
        Columna("IVA", lambda t: f"{formato.porcentaje(t.iva_porcentaje)} %", CENTRO),
        Columna("Fuente legal", lambda t: t.fuente, ayuda=lambda t: t.fuente),
    )


class SuspensionesModel(TablaModel[Suspension]):
    COLUMNAS: ClassVar = (
        Columna("Desde", lambda x: formato.fecha(x.desde), CENTRO),
        Columna("Hasta", lambda x: formato.fecha(x.hasta), CENTRO),
        Columna("Motivo", lambda x: x.motivo, ayuda=lambda x: x.fuente or x.motivo),
    )


class TarifaHonorariosDialog(QDialog):
    def __init__(self, servicio: TarifaHonorariosService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tarifa de honorarios de los secretarios-abogados")
        self.resize(900, 620)
        self._srv = servicio
        self.estado = nota(self)
        self.estado.setObjectName("estadoTarifa")
        self.tarifas = TarifasModel((), self)
        self.tabla_tarifas = tabla(self, self.tarifas, 3)
        anchos(self.tabla_tarifas, {0: 12, 1: 10, 2: 8})
        self.desde = campo_fecha(self)
        self.porcentaje = QLineEdit("10", self)
        self.iva = QLineEdit("15", self)
        self.fuente = QLineEdit(self)
        self.fuente.setPlaceholderText("Resolución, contrato u oficio que fija la tarifa (obligatorio)")
        agregar = QPushButton("&Agregar tarifa", self)
        agregar.clicked.connect(self.agregar_tarifa)
        quitar = QPushButton("&Quitar la tarifa elegida", self)
        quitar.clicked.connect(self.quitar_tarifa)
        self.confirmar = QPushButton("&Confirmar la tarifa predeterminada", self)
        self.confirmar.clicked.connect(self.confirmar_tarifa)
        form = QFormLayout()
        fila = QHBoxLayout()
        for w in (self.desde, self.porcentaje, self.iva):
            fila.addWidget(w)
        form.addRow("Desde / % honorarios / % IVA:", fila)
        form.addRow("&Fuente legal:", self.fuente)
        botones_t = QHBoxLayout()
        for b in (agregar, quitar, self.confirmar):
            botones_t.addWidget(b)
        botones_t.addStretch(1)
        g1 = QGroupBox("Tarifa (se aplica la vigente en la fecha de cada recuperación)", self)
        l1 = QVBoxLayout(g1)
        l1.addWidget(self.tabla_tarifas)
        l1.addLayout(form)
        l1.addLayout(botones_t)

        self.suspensiones = SuspensionesModel((), self)
        self.tabla_suspensiones = tabla(self, self.suspensiones, 2)
        anchos(self.tabla_suspensiones, {0: 12, 1: 12})
        self.s_desde = campo_fecha(self)
        self.s_hasta = campo_fecha(self)
        self.s_motivo = QLineEdit(self)
        self.s_motivo.setPlaceholderText("Ley o resolución que suspende los honorarios")
        s_agregar = QPushButton("Agregar &suspensión", self)
        s_agregar.clicked.connect(self.agregar_suspension)
        s_quitar = QPushButton("Quitar la suspensión elegida", self)
        s_quitar.clicked.connect(self.quitar_suspension)
        fila_s = QHBoxLayout()
        for w in (self.s_desde, self.s_hasta, self.s_motivo, s_agregar, s_quitar):
            fila_s.addWidget(w)
        g2 = QGroupBox("Suspensiones legales (lo recuperado en ellas no genera honorarios)", self)
        l2 = QVBoxLayout(g2)
        l2.addWidget(self.tabla_suspensiones)
        l2.addLayout(fila_s)

        self.a_cargo = QCheckBox("Cobrar los honorarios al coactivado (línea de la deuda en la liquidación y la orden "
                                 "de pago inmediato; configurable)", self)
        self.a_cargo.toggled.connect(self.cambiar_cargo)
        caja = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        caja.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.estado)
        lay.addWidget(g1, 3)
        lay.addWidget(g2, 2)
        lay.addWidget(self.a_cargo)
        lay.addWidget(caja)
        self._mostrar(self._srv.configuracion())

    def _mostrar(self, c: ConfiguracionHonorarios) -> None:
        self.tarifas.set_filas(c.tarifas)
        self.suspensiones.set_filas(c.suspensiones)
        self.confirmar.setVisible(not c.tarifa_confirmada)
        self.estado.setText(
            "La unidad confirmó su tarifa." if c.tarifa_confirmada else
            "<b>Tarifa predeterminada, configurable:</b> la unidad aún no la confirma. Confírmela o agregue la suya "
            "con su fuente legal; las órdenes de pago dirán que no está confirmada.")
        self.a_cargo.blockSignals(True)
        self.a_cargo.setChecked(c.a_cargo_del_coactivado)
        self.a_cargo.blockSignals(False)
        self.a_cargo.setToolTip(f"Se cobran desde el {formato.fecha(c.a_cargo_desde)}: lo recuperado antes no genera "
                                "honorarios para el coactivado." if c.a_cargo_desde else
                                "Al marcarla, se cobran desde hoy.")

    @Slot()
    @protegido
    def agregar_tarifa(self) -> None:
        self._mostrar(self._srv.agregar_tarifa(fecha_de(self.desde), self.porcentaje.text(), self.iva.text(),
                                               self.fuente.text()))
        self.fuente.clear()

    @Slot()
    @protegido
    def quitar_tarifa(self) -> None:
        fila = fila_seleccionada(self.tabla_tarifas)
        if fila >= 0:
            self._mostrar(self._srv.eliminar_tarifa(self.tarifas.fila(fila).vigente_desde))

    @Slot()
    @protegido
    def confirmar_tarifa(self) -> None:
        self._mostrar(self._srv.confirmar_tarifa())

    @Slot()
    @protegido
    def agregar_suspension(self) -> None:
        self._mostrar(self._srv.agregar_suspension(fecha_de(self.s_desde), fecha_de(self.s_hasta),
                                                   self.s_motivo.text()))
        self.s_motivo.clear()

    @Slot()
    @protegido
    def quitar_suspension(self) -> None:
        fila = fila_seleccionada(self.tabla_suspensiones)
        if fila >= 0:
            x = self.suspensiones.fila(fila)
            self._mostrar(self._srv.eliminar_suspension(x.desde, x.hasta))

    @Slot(bool)
    def cambiar_cargo(self, si: bool) -> None:
        try:
            self._mostrar(self._srv.cobrar_al_coactivado(si))
        except Exception as exc:
            from app.ui.errors import show_error

            show_error(self, exc)
            self._mostrar(self._srv.configuracion())
