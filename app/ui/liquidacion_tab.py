"""«Liquidación» tab: calculate the debt at a date (capital, interest, surcharges, costs, fees, payments,
total) and register it with its document."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.common.dates import local_today
from app.domain.liquidacion import LiquidacionCalculada
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.ui import formato
from app.ui.campos import campo_fecha, fecha_de
from app.ui.errors import protegido
from app.ui.pestana import Pestana, habilitar, nota

#: (key, label) of the figures, in the order shown; "deuda" and "total" are sums.
FILAS = (
    ("capital", "Capital"),
    ("interes", "Intereses"),
    ("recargo", "Recargos y multas"),
    ("costas", "Costas judiciales"),
    ("honorarios_cargo", "Honorarios del secretario-abogado"),  # when the office charges them to the coactivado
    ("deuda", "Deuda a la fecha"),
    ("pagos", "(−) Abonos recibidos"),
    ("total", "Saldo a pagar"),
    ("honorarios", "Honorarios del secretario-abogado"),
)
SUMAS = {"deuda", "total"}


class LiquidacionTab(Pestana):
    TITULO = "&Liquidación"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.liquidacion: LiquidacionCalculada | None = None
        self.fecha = campo_fecha(self)
        self.fecha.setObjectName("fechaLiquidacion")
        self.boton_calcular = QPushButton("Calcular", self)
        self.boton_calcular.setObjectName("botonCalcular")
        self.boton_calcular.clicked.connect(self.calcular)
        self.boton_registrar = QPushButton("Registrar liquidación y generar documento", self)
        self.boton_registrar.setObjectName("botonRegistrarLiquidacion")
        self.boton_registrar.clicked.connect(self.registrar)
        fila = QHBoxLayout()
        fila.addWidget(QLabel("Liquidar al:", self))
        fila.addWidget(self.fecha)
        fila.addWidget(self.boton_calcular)
        fila.addStretch(1)
        fila.addWidget(self.boton_registrar)

        grupo = QGroupBox("Liquidación", self)
        grid = QGridLayout(grupo)
        grid.setColumnStretch(2, 1)
        self.valores: dict[str, QLabel] = {}
        self.detalles: dict[str, QLabel] = {}
        self._filas: dict[str, list[QWidget]] = {}
        fila_grid = 0
        for clave, etiqueta in FILAS:
            self._filas[clave] = []
            if clave in SUMAS or clave == "honorarios":
                linea = QFrame(grupo)
                linea.setFrameShape(QFrame.Shape.HLine)
                linea.setFrameShadow(QFrame.Shadow.Sunken)
                grid.addWidget(linea, fila_grid, 0, 1, 3)
                self._filas[clave].append(linea)
                fila_grid += 1
            nombre = QLabel(etiqueta, grupo)
            valor = QLabel("", grupo)
            valor.setObjectName(f"liquidacion_{clave}")
            valor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            valor.setMinimumWidth(valor.fontMetrics().horizontalAdvance("USD 000.000.000,00") + 8)
            valor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            detalle = QLabel("", grupo)
            detalle.setStyleSheet("color: #555;")
            if clave in SUMAS:
                f = nombre.font()
                f.setBold(True)
                nombre.setFont(f)
                valor.setFont(f)
            grid.addWidget(nombre, fila_grid, 0)
            grid.addWidget(valor, fila_grid, 1)
            grid.addWidget(detalle, fila_grid, 2)
            self._filas[clave] += [nombre, valor, detalle]
            self.valores[clave] = valor
            self.detalles[clave] = detalle
            fila_grid += 1
        self.ultima = nota(self)
        self.ultima.setObjectName("ultimaLiquidacion")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(fila)
        lay.addWidget(grupo)
        lay.addWidget(self.ultima)
        self.nota_honorarios = nota(self)
        self.nota_honorarios.setObjectName("notaHonorarios")
        lay.addWidget(nota(self, "Una providencia solo puede citar una liquidación de hasta 3 días de antigüedad."))
        lay.addWidget(self.nota_honorarios)
        lay.addStretch(1)

    def cargar(self) -> None:
        if not self.numero:
            return
        self.calcular()
        u = self._srv.liquidacion.ultima(self.numero)
        if u is None:
            self.ultima.setText("No hay liquidaciones registradas en este juicio.")
        else:
            vigente = "vigente para una providencia de hoy" if u.vigente_para(local_today()) else \
                "ya no puede citarse en una providencia de hoy"
            self.ultima.setText(f"Última liquidación registrada: al {formato.fecha(u.fecha_corte)}, saldo USD "
                                f"{formato.usd(u.total)} ({vigente}).")
        habilitar(self.boton_registrar, self._srv.actos.puede(self.numero, TipoActo.LIQUIDACION))

    @Slot()
    @protegido
    def calcular(self) -> None:
        if not self.numero:
            return
        self.liquidacion = liq = self._srv.liquidacion.calcular(self.numero, fecha_de(self.fecha))
        cifras: dict[str, Decimal] = {
            "capital": liq.capital, "interes": liq.interes, "recargo": liq.recargo, "costas": liq.costas,
            "deuda": liq.deuda, "pagos": liq.pagos, "total": liq.total, "honorarios": liq.honorarios,
            "honorarios_cargo": liq.honorarios,
        }
        # the fee is a line of the debt when charged to the coactivado, else shown apart below the saldo
        a_cargo = liq.honorarios_a_cargo
        for clave, visible in (("honorarios_cargo", a_cargo), ("honorarios", not a_cargo)):
            for w in self._filas[clave]:
                w.setVisible(visible)
        for clave, valor in cifras.items():
            self.valores[clave].setText(f"USD {formato.usd(valor)}")
        self.detalles["interes"].setText(
            f"del título {formato.usd(liq.interes_titulo)} · de mora {formato.usd(liq.interes_mora)}"
            + (f" · del convenio {formato.usd(liq.interes_convenio)}" if liq.interes_convenio else "")
            + f" (año de {liq.base_dias} días)"
        )
        h = liq.detalle_honorarios
        sin = f" · sin honorarios USD {formato.usd(h.recuperado_sin_honorarios)}" if h.recuperado_sin_honorarios else ""
        if liq.honorarios_a_cargo:
            self.detalles["honorarios_cargo"].setText(
                f"por lo recuperado USD {formato.usd(h.total)} + sobre el saldo USD {formato.usd(h.proyectado)}; "
                f"pagados USD {formato.usd(h.pagado)}{sin}")
            self.nota_honorarios.setText(
                "Los honorarios del secretario-abogado se cobran al coactivado (configurable): forman parte del "
                "saldo, calculados con la tarifa vigente sobre lo recuperado y sobre lo que aún debe.")
        else:
            self.detalles["honorarios"].setText(
                f"{formato.porcentaje(h.porcentaje)} % de USD {formato.usd(h.recuperado)} recuperados + IVA "
                f"{formato.porcentaje(h.iva_porcentaje)} %{sin}")
            self.nota_honorarios.setText(
                "Los honorarios del secretario-abogado no forman parte del saldo: la oficina no los cobra al "
                "coactivado (configurable en Oficina → Tarifa de honorarios).")
        self.detalles["total"].setText(f"al {formato.fecha(liq.fecha_corte)}")

    @Slot()
    @protegido
    def registrar(self) -> None:
        if not self.numero:
            return
        fecha = fecha_de(self.fecha)
        r = self._srv.liquidacion.registrar(self.numero, fecha)
        self._hecho(f"Liquidación al {formato.fecha(fecha)} registrada: saldo USD {formato.usd(r.total)}.")
        if self.generador is not None:
            self.generador.generar(TipoDocumento.LIQUIDACION, r.juicio, fecha, {"liquidacion_id": str(r.id)})
