"""«Partes» tab: the coactivado (persona natural or jurídica with its representante legal, address), the
co-obligados (garantes, responsables solidarios) and the carátula data the secretario fills in."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.identificacion import tipo_persona
from app.domain.procedimiento import CERRADAS
from app.services.bootstrap import Servicios
from app.services.deudores import DatosCoobligado, TipoPersona
from app.ui.coobligado_dialog import CoobligadoDialog
from app.ui.errors import protegido
from app.ui.pestana import Pestana, anchos, nota, tabla
from app.ui.table_base import Columna, TablaModel

PERSONAS = {TipoPersona.NATURAL: "Persona natural", TipoPersona.JURIDICA: "Persona jurídica (sociedad)"}

COL_CALIDAD = 0
COL_IDENTIFICACION = 1
COL_NOMBRE = 2
COL_DIRECCION = 3


class CoobligadosModel(TablaModel[DatosCoobligado]):
    COLUMNAS: ClassVar = (
        Columna("Calidad", lambda c: c.calidad.etiqueta),
        Columna("Cédula / RUC", lambda c: c.identificacion),
        Columna("Nombre", lambda c: c.nombre),
        Columna("Dirección", lambda c: c.direccion, ayuda=lambda c: c.direccion or None),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)


class CoobligadosTab(Pestana):
    TITULO = "Pa&rtes"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self._identificacion = ""
        # -- the coactivado
        self.tipo_persona = QComboBox(self)
        for t, texto in PERSONAS.items():
            self.tipo_persona.addItem(texto, t.value)
        self.tipo_persona.currentIndexChanged.connect(lambda _i: self._juridica())
        self.representante = QLineEdit(self)
        self.representante.setPlaceholderText("Nombre del representante legal")
        self.representante_cedula = QLineEdit(self)
        self.representante_cedula.setMaxLength(10)
        self.direccion = QLineEdit(self)
        self.direccion.setPlaceholderText("Domicilio del coactivado (para notificarle)")
        self.boton_deudor = QPushButton("Guardar datos del coactivado", self)
        self.boton_deudor.setObjectName("botonGuardarDeudor")
        self.boton_deudor.clicked.connect(self.guardar_deudor)
        self.aviso = nota(self, "El RUC es de una sociedad: registre su representante legal y guarde.")
        self.aviso.setStyleSheet("color: #9a5b00;")
        self.aviso.hide()
        grupo_d = QGroupBox("Coactivado", self)
        fd = QFormLayout(grupo_d)
        fd.addRow(self.aviso)
        fd.addRow("&Tipo:", self.tipo_persona)
        fd.addRow("&Representante legal:", self.representante)
        fd.addRow("C&édula del representante:", self.representante_cedula)
        fd.addRow("&Dirección:", self.direccion)
        fd.addRow("", self.boton_deudor)
        # -- carátula data
        self.casilla = QLineEdit(self)
        self.abogado = QLineEdit(self)
        self.boton_caratula = QPushButton("Guardar datos de la carátula", self)
        self.boton_caratula.clicked.connect(self.guardar_caratula)
        self.grupo_caratula = QGroupBox("Carátula", self)
        fc = QFormLayout(self.grupo_caratula)
        fc.addRow("&Casilla judicial:", self.casilla)
        fc.addRow("&Abogado del coactivado:", self.abogado)
        fc.addRow("", self.boton_caratula)
        izquierda = QVBoxLayout()
        izquierda.addWidget(grupo_d)
        izquierda.addWidget(self.grupo_caratula)
        izquierda.addStretch(1)
        # -- co-obligados
        self.model = CoobligadosModel(self)
        self.tabla = tabla(self, self.model, COL_DIRECCION)
        self.tabla.setProperty("exportar_como", "Coobligados")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaCoobligados")
        anchos(self.tabla, {COL_CALIDAD: 20, COL_IDENTIFICACION: 14, COL_NOMBRE: 30})
        self.boton_agregar = QPushButton("Agregar co-obligado…", self)
        self.boton_agregar.setObjectName("botonCoobligado")
        self.boton_agregar.clicked.connect(self.agregar)
        grupo_c = QGroupBox("Co-obligados (garantes y responsables solidarios)", self)
        lc = QVBoxLayout(grupo_c)
        fila = QHBoxLayout()
        fila.addWidget(self.boton_agregar)
        fila.addStretch(1)
        lc.addLayout(fila)
        lc.addWidget(self.tabla, 1)
        lc.addWidget(nota(self, "Cada co-obligado se nombra en la orden de pago inmediato y se notifica por "
                                "separado; su término de 3 días corre desde su propia notificación."))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(izquierda, 2)
        lay.addWidget(grupo_c, 3)
        self._juridica()

    def cargar(self) -> None:
        if not self.numero:
            return
        c = self._srv.expedientes.caratula(self.numero)
        self._identificacion = c.identificacion
        d = self._srv.deudores.datos(c.identificacion)
        tipo = d.tipo_persona
        if tipo is TipoPersona.NATURAL and tipo_persona(d.identificacion) == TipoPersona.JURIDICA.value:
            tipo = TipoPersona.JURIDICA  # a sociedad's RUC not yet classified: propose it, to be saved
        self.aviso.setVisible(tipo is not d.tipo_persona)
        self.tipo_persona.setCurrentIndex(self.tipo_persona.findData(tipo.value))
        self.representante.setText(d.representante_legal)
        self.representante_cedula.setText(d.representante_cedula)
        self.direccion.setText(d.direccion)
        self._juridica()
        casilla, abogado = getattr(c, "casilla_judicial", None), getattr(c, "abogado_deudor", None)
        disponible = casilla is not None and abogado is not None
        self.casilla.setText(casilla or "")
        self.abogado.setText(abogado or "")
        self.grupo_caratula.setVisible(disponible)  # shown once the carátula service returns these two fields
        self.model.set_filas(self._srv.deudores.coobligados(self.numero))
        cerrado = c.etapa in CERRADAS
        self.boton_agregar.setEnabled(not cerrado)
        self.boton_agregar.setToolTip(f"El juicio está cerrado ({c.etapa.etiqueta})." if cerrado else "")

    @Slot()
    def _juridica(self) -> None:
        juridica = self.tipo_persona.currentData() == TipoPersona.JURIDICA.value
        self.representante.setEnabled(juridica)
        self.representante_cedula.setEnabled(juridica)

    @Slot()
    @protegido
    def guardar_deudor(self) -> None:
        if not self._identificacion:
            return
        tipo = TipoPersona(self.tipo_persona.currentData())
        juridica = tipo is TipoPersona.JURIDICA
        d = self._srv.deudores.actualizar(
            self._identificacion, tipo_persona=tipo,
            representante_legal=self.representante.text() if juridica else None,
            representante_cedula=self.representante_cedula.text() if juridica else None,
            direccion=self.direccion.text(),
        )
        rep = f", representante legal {d.representante_legal}" if d.representante_legal else ""
        self._hecho(f"Datos del coactivado guardados: {PERSONAS[d.tipo_persona].lower()}{rep}.")

    @Slot()
    @protegido
    def guardar_caratula(self) -> None:
        if not self.numero:
            return
        self._srv.deudores.actualizar_caratula(self.numero, casilla_judicial=self.casilla.text(),
                                               abogado_deudor=self.abogado.text())
        self._hecho("Datos de la carátula guardados.")

    @Slot()
    @protegido
    def agregar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = CoobligadoDialog(numero, self)

        def guardar() -> Any:
            d = dlg.datos()
            return self._srv.deudores.agregar_coobligado(numero, d.identificacion, d.nombre, d.calidad, d.direccion)

        dlg.al_aceptar(guardar)  # a bad cédula keeps what was typed
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            c = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(f"{c.calidad.etiqueta} agregado: {c.nombre} ({c.identificacion}).")
