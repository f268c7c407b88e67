"""«Pagos» tab: abonos with their imputation (costas, intereses, recargos, capital) and judicial costs. A
payment that covers the debt proposes the archivo (the razón de archivo is generated on the user's yes)."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.common.dates import local_today
from app.common.text import plural
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.services.pagos import CostaRegistrada, PagoRegistrado, ResultadoAbono
from app.ui import formato, mensajes
from app.ui.errors import protegido
from app.ui.pago_dialogs import AbonoDialog, CostaDialog
from app.ui.pestana import Pestana, anchos, habilitar, nota, tabla
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_P_FECHA = 0
COL_P_MONTO = 1
COL_P_REFERENCIA = 2
COL_P_COSTAS = 3
COL_P_INTERES = 4
COL_P_RECARGO = 5
COL_P_CAPITAL = 6
COL_P_HONORARIOS = 7
COL_P_CONVENIO = 8
COL_P_REGISTRO = 9


class PagosModel(TablaModel[PagoRegistrado]):
    COLUMNAS: ClassVar = (
        Columna("Fecha", lambda p: formato.fecha(p.fecha), CENTRO),
        Columna("Valor (USD)", lambda p: formato.usd(p.monto), DERECHA),
        Columna("Comprobante", lambda p: p.referencia),
        Columna("A costas", lambda p: formato.usd(p.a_costas), DERECHA),
        Columna("A intereses", lambda p: formato.usd(p.a_interes), DERECHA),
        Columna("A recargos", lambda p: formato.usd(p.a_recargo), DERECHA),
        Columna("A capital", lambda p: formato.usd(p.a_capital), DERECHA),
        Columna("A honorarios", lambda p: formato.usd(p.a_honorarios) if p.a_honorarios else "", DERECHA),
        Columna("Convenio", lambda p: "Sí" if p.convenio_id else "", CENTRO),
        Columna("Registró", lambda p: p.registrado_por),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)


COL_C_FECHA = 0
COL_C_CONCEPTO = 1
COL_C_MONTO = 2


class CostasModel(TablaModel[CostaRegistrada]):
    COLUMNAS: ClassVar = (
        Columna("Fecha", lambda c: formato.fecha(c.fecha), CENTRO),
        Columna("Concepto", lambda c: c.concepto, ayuda=lambda c: c.concepto),
        Columna("Valor (USD)", lambda c: formato.usd(c.monto), DERECHA),
        Columna("Registró", lambda c: c.registrado_por),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)


class PagosTab(Pestana):
    TITULO = "&Pagos"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.pagos = PagosModel(self)
        self.tabla_pagos = tabla(self, self.pagos, COL_P_REFERENCIA)
        self.tabla_pagos.setProperty("exportar_como", "Pagos")  # Ctrl+E (app.ui.exportar)
        self.tabla_pagos.setObjectName("tablaPagos")
        anchos(self.tabla_pagos, {COL_P_FECHA: 11, COL_P_MONTO: 13, COL_P_COSTAS: 12, COL_P_INTERES: 12,
                                  COL_P_RECARGO: 12, COL_P_CAPITAL: 13, COL_P_HONORARIOS: 12, COL_P_CONVENIO: 9,
                                  COL_P_REGISTRO: 14})
        self.costas = CostasModel(self)
        self.tabla_costas = tabla(self, self.costas, COL_C_CONCEPTO)
        self.tabla_costas.setProperty("exportar_como", "Costas")  # Ctrl+E (app.ui.exportar)
        self.tabla_costas.setObjectName("tablaCostas")
        anchos(self.tabla_costas, {COL_C_FECHA: 11, COL_C_MONTO: 13, 3: 14})
        self.resumen = nota(self)
        self.resumen.setObjectName("resumenPagos")
        self.boton_abono = QPushButton("Registrar abono…", self)
        self.boton_abono.setObjectName("botonAbono")
        self.boton_abono.clicked.connect(self.registrar_abono)
        self.boton_costa = QPushButton("Registrar costa…", self)
        self.boton_costa.clicked.connect(self.registrar_costa)
        self.boton_revertir = QPushButton("Re&vertir pago…", self)
        self.boton_revertir.setObjectName("botonRevertirPago")
        self.boton_revertir.setToolTip("Reversar el último abono (cheque protestado, depósito de otro juicio); "
                                       "revierte también sus honorarios")
        self.boton_revertir.clicked.connect(self.revertir_pago)
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_abono)
        acciones.addWidget(self.boton_costa)
        acciones.addWidget(self.boton_revertir)
        acciones.addStretch(1)
        grupo_p = QGroupBox("Abonos y su imputación", self)
        lp = QVBoxLayout(grupo_p)
        lp.addWidget(self.tabla_pagos)
        grupo_c = QGroupBox("Costas judiciales", self)
        lc = QVBoxLayout(grupo_c)
        lc.addWidget(self.tabla_costas)
        divisor = QSplitter(Qt.Orientation.Vertical, self)
        divisor.addWidget(grupo_p)
        divisor.addWidget(grupo_c)
        divisor.setStretchFactor(0, 3)
        divisor.setStretchFactor(1, 1)
        divisor.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(acciones)
        lay.addWidget(self.resumen)
        lay.addWidget(divisor, 1)

    def cargar(self) -> None:
        if not self.numero:
            return
        h = self._srv.pagos.historial(self.numero)
        self.pagos.set_filas(h.pagos)
        self.costas.set_filas(h.costas)
        hoy = self._srv.liquidacion.calcular(self.numero, local_today())
        self.resumen.setText(
            f"Pagado: USD {formato.usd(h.total_pagado)} en {plural(len(h.pagos), 'abono')} · costas cargadas: "
            f"USD {formato.usd(h.total_costas)} · <b>saldo a hoy: USD {formato.usd(hoy.total)}</b>"
        )
        permitido = self._srv.actos.puede(self.numero, TipoActo.ABONO)
        habilitar(self.boton_abono, permitido)
        habilitar(self.boton_costa, permitido)
        revertibles = {p.corrige_id for p in h.pagos if p.corrige_id}
        self.boton_revertir.setEnabled(any(p.monto > 0 and p.id not in revertibles for p in h.pagos))

    @Slot()
    @protegido
    def registrar_abono(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = AbonoDialog(numero, lambda f: self._srv.liquidacion.calcular(numero, f).total, self,
                          revisar_fecha=lambda f: self._srv.pagos.revisar_fecha_abono(numero, f))

        def guardar() -> ResultadoAbono:
            d = dlg.datos()
            return self._srv.pagos.registrar_abono(numero, d.fecha, d.monto, d.referencia)

        dlg.al_aceptar(guardar)  # a refusal (saldo exceeded, dates out of order…) keeps what was typed
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            r: ResultadoAbono = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(r.mensaje())
        if r.propone_archivo:
            self._proponer_archivo(r)
        else:
            mensajes.informar(self, f"Abono de USD {formato.usd(r.monto)} registrado.", _imputacion(r),
                              titulo="Abono registrado")

    def _proponer_archivo(self, r: ResultadoAbono) -> None:
        if not mensajes.confirmar(
            self, "La deuda está pagada. ¿Generar el auto de archivo del juicio?",
            _imputacion(r) + "\n\nEl auto de archivo lo firma el funcionario ejecutor, se fecha el día del pago y "
            "cierra el juicio; después se sienta la razón de archivo. Si hay medidas cautelares vigentes, "
            "levántelas en su pestaña.",
            titulo="Archivo del juicio", si="Generar el auto de archivo", no="Ahora no",
        ):
            return
        if self.generador is not None:
            self.generador.generar(TipoDocumento.AUTO_ARCHIVO, r.juicio, r.fecha)

    @Slot()
    @protegido
    def revertir_pago(self) -> None:
        if not self.numero:
            return
        h = self._srv.pagos.historial(self.numero)
        revertidos = {p.corrige_id for p in h.pagos if p.corrige_id}
        vigentes = [p for p in h.pagos if p.monto > 0 and p.id not in revertidos]
        if not vigentes:
            return
        p = vigentes[-1]
        motivo, ok = QInputDialog.getText(
            self, "Revertir pago",
            f"Se revertirá el abono de USD {formato.usd(p.monto)} del {formato.fecha(p.fecha)} (comprobante "
            f"{p.referencia}) y los honorarios que generó.\nMotivo (cheque protestado, depósito de otro juicio…):")
        if not ok:
            return
        r = self._srv.reversos.revertir_pago(self.numero, p.id, motivo)
        self._hecho(r.mensaje())

    @Slot()
    @protegido
    def registrar_costa(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = CostaDialog(numero, self)

        def guardar() -> CostaRegistrada:
            d = dlg.datos()
            return self._srv.pagos.registrar_costa(numero, d.fecha, d.concepto, d.monto)

        dlg.al_aceptar(guardar)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            c = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(f"Costa registrada: {c.concepto}, USD {formato.usd(c.monto)}.")


def _imputacion(r: ResultadoAbono) -> str:
    return (f"Imputación: costas USD {formato.usd(r.a_costas)}, intereses USD {formato.usd(r.a_interes)}, "
            f"recargos USD {formato.usd(r.a_recargo)}, capital USD {formato.usd(r.a_capital)}. "
            f"Saldo: USD {formato.usd(r.saldo)}.")

