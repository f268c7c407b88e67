"""«Convenio» tab: the acuerdo de pago parcial (APP) with its amortization table; signing one suspends the
juicio while it is kept."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.dates import local_today
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.services.convenios import ConvenioRegistrado, CuotaRegistrada
from app.ui import formato
from app.ui.convenio_dialog import ConvenioDialog
from app.ui.errors import protegido
from app.ui.pestana import Pestana, anchos, habilitar, nota, tabla
from app.ui.sistema import abrir_archivo
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

ESTADOS = {"VIGENTE": "vigente (juicio suspendido)", "INCUMPLIDO": "incumplido (juicio reanudado)",
           "CUMPLIDO": "cumplido"}

COL_NUMERO = 0
COL_VENCE = 1
COL_CAPITAL = 2
COL_INTERES = 3
COL_CUOTA = 4
COL_PAGADO = 5
COL_PAGADA_EN = 6
COL_SALDO = 7


class CuotasModel(TablaModel[CuotaRegistrada]):
    COLUMNAS: ClassVar = (
        Columna("Cuota", lambda c: "Inicial" if c.numero == 0 else str(c.numero), CENTRO),
        Columna("Vence", lambda c: formato.fecha(c.vence), CENTRO),
        Columna("Capital", lambda c: formato.usd(c.capital), DERECHA),
        Columna("Interés", lambda c: formato.usd(c.interes), DERECHA),
        Columna("Cuota (USD)", lambda c: formato.usd(c.cuota), DERECHA),
        Columna("Pagado", lambda c: formato.usd(c.pagado), DERECHA),
        Columna("Pagada el", lambda c: formato.fecha(c.pagada_en), CENTRO),
        Columna("Saldo", lambda c: formato.usd(c.saldo), DERECHA),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self.hoy: date = local_today()

    def dato_extra(self, fila: CuotaRegistrada, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if fila.pagada_en is not None:
                return QColor("#1d6b2a")
            if fila.vence < self.hoy and fila.pendiente > 0:
                return QColor("#a61b1b")
        return None


class ConvenioTab(Pestana):
    TITULO = "&Convenio"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.convenio: ConvenioRegistrado | None = None
        self.model = CuotasModel(self)
        self.tabla = tabla(self, self.model)
        self.tabla.setProperty("exportar_como", "Cuotas del convenio")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaCuotas")
        self.tabla.horizontalHeader().setStretchLastSection(True)
        anchos(self.tabla, {COL_NUMERO: 7, COL_VENCE: 11, COL_CAPITAL: 13, COL_INTERES: 12, COL_CUOTA: 13,
                            COL_PAGADO: 13, COL_PAGADA_EN: 11, COL_SALDO: 14})
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenConvenio")
        self.boton_nuevo = QPushButton("Nuevo acuerdo de pago…", self)
        self.boton_nuevo.setObjectName("botonConvenio")
        self.boton_nuevo.clicked.connect(self.nuevo)
        self.boton_auto = QPushButton("Generar auto de suspensión", self)
        self.boton_auto.clicked.connect(self.generar_auto)
        self.boton_abrir = QPushButton("Abrir auto de suspensión", self)
        self.boton_abrir.clicked.connect(self.abrir_auto)
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_nuevo)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_auto)
        acciones.addWidget(self.boton_abrir)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(acciones)
        lay.addWidget(self.resumen)
        lay.addWidget(self.tabla, 1)

    def cargar(self) -> None:
        if not self.numero:
            return
        convenios = self._srv.convenios.listar(self.numero)
        self.convenio = c = convenios[-1] if convenios else None
        self.model.hoy = local_today()
        self.model.set_filas(c.cuotas if c is not None else ())
        self.resumen.setText(self._texto(c, len(convenios)))
        vigente = c is not None and c.estado == "VIGENTE"
        if vigente:
            self.boton_nuevo.setEnabled(False)
            self.boton_nuevo.setToolTip("El juicio ya tiene un acuerdo de pago parcial vigente.")
        else:
            habilitar(self.boton_nuevo, self._srv.actos.puede(self.numero, TipoActo.SUSPENSION))
        self.boton_auto.setEnabled(vigente and c is not None and c.documento_id is None)
        self.boton_abrir.setEnabled(c is not None and c.documento_id is not None)

    def _texto(self, c: ConvenioRegistrado | None, cuantos: int) -> str:
        if c is None:
            return ("Sin acuerdo de pago parcial. Un acuerdo consolida el saldo de la deuda y lo divide en 2 a 72 "
                    "cuotas mensuales; el juicio se suspende mientras se cumple.")
        hoy = local_today()
        atrasada = next((k for k in c.cuotas if k.vence < hoy and k.pendiente > 0), None)
        partes = [
            f"Acuerdo del {formato.fecha(c.fecha)}: <b>{ESTADOS.get(c.estado, c.estado)}</b>. "
            f"USD {formato.usd(c.monto)} en {c.plazo_meses} cuotas de USD {formato.usd(c.cuota_mensual)}"
            + (f", cuota inicial USD {formato.usd(c.cuota_inicial)}" if c.cuota_inicial else "")
            + f", tasa {formato.porcentaje(c.tasa_anual)} % anual"
            + (" (C.D. 617: sin honorarios)" if c.sin_honorarios else "") + ".",
            f"Pagado: USD {formato.usd(c.pagado)} de USD {formato.usd(c.total_cuotas)}.",
        ]
        if atrasada is not None and c.estado == "VIGENTE":
            nombre = "La cuota inicial" if atrasada.numero == 0 else f"La cuota {atrasada.numero}"
            partes.append(f"<span style='color:#a61b1b'>{nombre} venció el {formato.fecha(atrasada.vence)} sin "
                          "pagarse: el acuerdo se declarará incumplido y el juicio se reanudará.</span>")
        if cuantos > 1:
            partes.append(f"({cuantos} acuerdos en el juicio; se muestra el último.)")
        return " ".join(partes)

    @Slot()
    @protegido
    def nuevo(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = ConvenioDialog(numero, self)

        def guardar() -> Any:
            d = dlg.datos()
            return self._srv.convenios.crear(numero, d.fecha, d.plazo_meses, d.cuota_inicial, d.sin_honorarios,
                                             d.tasa_anual)

        dlg.al_aceptar(guardar)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            d = dlg.datos()
            c = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(f"Acuerdo de pago parcial suscrito: USD {formato.usd(c.monto)} en {c.plazo_meses} cuotas. "
                    "El juicio queda suspendido.")
        if d.generar_auto and self.generador is not None:
            self.generador.generar(TipoDocumento.AUTO_SUSPENSION, c.juicio, d.fecha, {"convenio_id": str(c.id)})

    @Slot()
    @protegido
    def generar_auto(self) -> None:
        c = self.convenio
        if c is not None and self.generador is not None:
            self.generador.generar(TipoDocumento.AUTO_SUSPENSION, c.juicio, c.fecha, {"convenio_id": str(c.id)})

    @Slot()
    @protegido
    def abrir_auto(self) -> None:
        c = self.convenio
        if c is not None and c.documento_id is not None:
            abrir_archivo(self, self._srv.documentos.exportar(c.documento_id))
