"""«Medidas cautelares» tab: the oficios ordered (bank retention, ANT, Registro de la Propiedad), their replies
with the amount retained, and their lifting."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.errors import ValidationError
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.bootstrap import Servicios
from app.services.medidas import DatosMedida, EstadoMedida, TipoMedida
from app.ui import formato
from app.ui.errors import protegido
from app.ui.medida_dialogs import LevantarMedidaDialog, OrdenarMedidaDialog, RespuestaMedidaDialog
from app.ui.pestana import Pestana, anchos, fila_seleccionada, habilitar, nota, tabla
from app.ui.sistema import abrir_archivo
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

OFICIO_DE_MEDIDA = {
    TipoMedida.RETENCION: TipoDocumento.OFICIO_RETENCION,
    TipoMedida.PROHIBICION_VEHICULO: TipoDocumento.OFICIO_ANT,
    TipoMedida.PROHIBICION_INMUEBLE: TipoDocumento.OFICIO_REGISTRO,
}
ESTADOS = {EstadoMedida.PENDIENTE: "Sin respuesta", EstadoMedida.RESPONDIDA: "Respondida",
           EstadoMedida.LEVANTADA: "Levantada"}

COL_TIPO = 0
COL_DESTINATARIO = 1
COL_OFICIO = 2
COL_ENVIO = 3
COL_ESTADO = 4
COL_RESPUESTA = 5
COL_MONTO = 6


def _estado(m: DatosMedida) -> str:
    if m.estado is EstadoMedida.PENDIENTE and m.dias_sin_respuesta is not None:
        return f"Sin respuesta ({m.dias_sin_respuesta} días)"
    if m.estado is EstadoMedida.LEVANTADA and m.levantada_en is not None:
        return f"Levantada el {formato.fecha(m.levantada_en)}"
    return ESTADOS[m.estado]


def _respuesta(m: DatosMedida) -> str:
    return f"{formato.fecha(m.fecha_respuesta)}: {m.respuesta}" if m.fecha_respuesta else ""


class MedidasModel(TablaModel[DatosMedida]):
    COLUMNAS: ClassVar = (
        Columna("Medida", lambda m: m.tipo.etiqueta),
        Columna("Se oficia a", lambda m: m.destinatario, ayuda=lambda m: m.destinatario),
        Columna("Oficio No.", lambda m: m.oficio_numero or ("generado" if m.documento_id else "—")),
        Columna("Enviado", lambda m: formato.fecha(m.fecha_envio), CENTRO),
        Columna("Estado", _estado),
        Columna("Respuesta", _respuesta, ayuda=lambda m: m.respuesta or None),
        Columna("Retenido (USD)", lambda m: formato.usd(m.monto_retenido) if m.monto_retenido is not None else "",
                DERECHA),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)

    def dato_extra(self, fila: DatosMedida, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and columna == COL_ESTADO:
            if fila.estado is EstadoMedida.PENDIENTE:
                return QColor("#9a5b00")
            if fila.estado is EstadoMedida.LEVANTADA:
                return QColor("#6b6b6b")
        return None


class MedidasTab(Pestana):
    TITULO = "&Medidas cautelares"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.model = MedidasModel(self)
        self.tabla = tabla(self, self.model, COL_RESPUESTA)
        self.tabla.setProperty("exportar_como", "Medidas cautelares")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaMedidas")
        anchos(self.tabla, {COL_TIPO: 28, COL_DESTINATARIO: 28, COL_OFICIO: 22, COL_ENVIO: 11, COL_ESTADO: 22,
                            COL_MONTO: 14})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_oficio())
        self.boton_ordenar = QPushButton("Ordenar medida…", self)
        self.boton_ordenar.setObjectName("botonOrdenarMedida")
        self.boton_ordenar.clicked.connect(self.ordenar)
        self.boton_oficio = QPushButton("Generar oficio", self)
        self.boton_oficio.clicked.connect(self.generar_oficio)
        self.boton_abrir = QPushButton("Abrir oficio", self)
        self.boton_abrir.clicked.connect(self.abrir_oficio)
        self.boton_respuesta = QPushButton("Registrar respuesta…", self)
        self.boton_respuesta.clicked.connect(self.registrar_respuesta)
        self.boton_levantar = QPushButton("Levantar…", self)
        self.boton_levantar.clicked.connect(self.levantar)
        self.total = nota(self)
        self.total.setObjectName("totalRetenido")
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_ordenar)
        acciones.addStretch(1)
        for b in (self.boton_oficio, self.boton_abrir, self.boton_respuesta, self.boton_levantar):
            acciones.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(acciones)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.total)
        self._permitido = (False, "")
        self._habilitar()

    def cargar(self) -> None:
        if not self.numero:
            return
        medidas = self._srv.medidas.listar(self.numero)
        self.model.set_filas(medidas)
        retenido = sum((m.monto_retenido for m in medidas
                        if m.monto_retenido is not None and m.estado is not EstadoMedida.LEVANTADA), Decimal("0.00"))
        pendientes = sum(1 for m in medidas if m.estado is EstadoMedida.PENDIENTE)
        self.total.setText(f"Fondos retenidos vigentes: USD {formato.usd(retenido)} · oficios sin respuesta: "
                           f"{pendientes}" if medidas else "No se han ordenado medidas cautelares.")
        self._permitido = self._srv.actos.puede(self.numero, TipoActo.MEDIDA_CAUTELAR)
        self._habilitar()

    def seleccionada(self) -> DatosMedida | None:
        row = fila_seleccionada(self.tabla)
        return self.model.fila(row) if row >= 0 else None

    def _habilitar(self) -> None:
        m = self.seleccionada()
        habilitar(self.boton_ordenar, self._permitido if self.numero else (False, ""))
        ocupado = self.generador is not None and self.generador.en_curso
        self.boton_oficio.setEnabled(m is not None and m.documento_id is None and not ocupado)
        self.boton_abrir.setEnabled(m is not None and m.documento_id is not None)
        self.boton_respuesta.setEnabled(m is not None and m.estado is EstadoMedida.PENDIENTE)
        self.boton_levantar.setEnabled(m is not None and m.estado is not EstadoMedida.LEVANTADA)

    def _seleccionar(self, medida_id: object) -> None:
        for r, m in enumerate(self.model.filas()):
            if m.id == medida_id:
                self.tabla.selectRow(r)

    # -- actions ------------------------------------------------------------------------------------
    @Slot()
    @protegido
    def ordenar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        dlg = OrdenarMedidaDialog(numero, self._srv.oficina.datos().ciudad, self)

        def guardar() -> DatosMedida:
            d = dlg.datos()
            return self._srv.medidas.ordenar(numero, d.tipo, d.destinatario, d.fecha, d.oficio_numero)

        dlg.al_aceptar(guardar)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            d = dlg.datos()
            m: DatosMedida = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(f"{m.tipo.etiqueta} ordenada: oficio a {m.destinatario}.")
        if d.generar_oficio:
            self._oficio(m, d.fecha)

    def _oficio(self, m: DatosMedida, fecha: Any) -> None:
        if self.generador is not None and self.numero:
            self.generador.generar(OFICIO_DE_MEDIDA[m.tipo], self.numero, fecha, {"medida_id": str(m.id)})

    @Slot()
    @protegido
    def generar_oficio(self) -> None:
        m = self.seleccionada()
        if m is not None:
            self._oficio(m, m.fecha_envio)

    @Slot()
    @protegido
    def abrir_oficio(self) -> None:
        m = self.seleccionada()
        if m is not None and m.documento_id is not None:
            abrir_archivo(self, self._srv.documentos.exportar(m.documento_id))

    @Slot()
    @protegido
    def registrar_respuesta(self) -> None:
        m = self.seleccionada()
        if m is None:
            return
        dlg = RespuestaMedidaDialog(m, self)

        def guardar() -> DatosMedida:
            d = dlg.datos()
            adjunto = None
            if d.adjunto is not None:
                try:
                    adjunto = (d.adjunto.name, d.adjunto.read_bytes())
                except OSError as exc:
                    raise ValidationError(f"No se pudo leer «{d.adjunto.name}» ({exc.strerror or exc}); elija el "
                                          "archivo de nuevo.", campo="adjunto") from exc
            return self._srv.medidas.registrar_respuesta(m.id, d.fecha, d.respuesta, d.monto, adjunto=adjunto)

        dlg.al_aceptar(guardar)
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            r: DatosMedida = dlg.resultado
        finally:
            dlg.deleteLater()
        monto = f" Retenido: USD {formato.usd(r.monto_retenido)}." if r.monto_retenido is not None else ""
        self._hecho(f"Respuesta de {r.destinatario} registrada.{monto}")
        self._seleccionar(r.id)

    @Slot()
    @protegido
    def levantar(self) -> None:
        m = self.seleccionada()
        if m is None or not self.numero:
            return
        dlg = LevantarMedidaDialog(m, self)
        dlg.al_aceptar(lambda: self._srv.medidas.levantar(m.id, dlg.datos().fecha))
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            d = dlg.datos()
            r: DatosMedida = dlg.resultado
        finally:
            dlg.deleteLater()
        self._hecho(f"{r.tipo.etiqueta} levantada ({r.destinatario}).")
        if d.generar_oficio and self.generador is not None:
            datos: dict[str, Any] = {"medida_id": str(r.id)}
            if d.motivo:
                datos["motivo"] = d.motivo
            self.generador.generar(TipoDocumento.OFICIO_LEVANTAMIENTO, self.numero, d.fecha, datos)
