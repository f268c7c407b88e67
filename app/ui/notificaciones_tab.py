"""«Notificaciones» tab: every attempt (first, second… personal, by boleta or by the press) with who received
it, where, the result, its razón and its photos or scans."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.common.dates import to_local
from app.common.errors import AppError
from app.domain.procedimiento import NOMBRES
from app.domain.tipos import TipoActo
from app.services.bootstrap import Servicios
from app.services.notificaciones import DatosNotificacion, FormaNotificacion
from app.ui import formato
from app.ui.errors import protegido
from app.ui.fotos import lista_miniaturas
from app.ui.notificacion_dialog import FORMAS, NotificacionDialog
from app.ui.pestana import Pestana, anchos, fila_seleccionada, nota, tabla
from app.ui.sistema import abrir_archivo
from app.ui.table_base import CENTRO, Columna, TablaModel

FORMAS_CORTAS = {FormaNotificacion.PERSONAL: "Personal", FormaNotificacion.BOLETA: "Boleta",
                 FormaNotificacion.PRENSA: "Prensa"}

COL_FECHA = 0
COL_NOTIFICA = 1
COL_DESTINATARIO = 2
COL_INTENTO = 3
COL_FORMA = 4
COL_RESULTADO = 5
COL_RECIBIO = 6
COL_DIRECCION = 7
COL_ADJUNTOS = 8
COL_VENCE = 9


def _adjuntos(n: DatosNotificacion) -> str:
    if not n.adjuntos:
        return ""
    fojas = ", ".join(formato.rango_folios(a.desde, a.hasta) for a in n.adjuntos)
    return f"{len(n.adjuntos)} (fojas {fojas})"


class NotificacionesModel(TablaModel[DatosNotificacion]):
    COLUMNAS: ClassVar = (
        Columna("Fecha y hora", lambda n: to_local(n.fecha_hora).strftime("%d/%m/%Y %H:%M"), CENTRO),
        Columna("Se notifica", lambda n: NOMBRES[n.notifica] if n.notifica else ""),
        Columna("Destinatario", lambda n: n.destinatario, ayuda=lambda n: f"{n.destinatario} ({n.identificacion})"),
        Columna("Intento", lambda n: str(n.intento), CENTRO),
        Columna("Forma", lambda n: FORMAS_CORTAS[n.forma]),
        Columna("Resultado", lambda n: "Efectiva" if n.efectiva else "Fallida", CENTRO),
        Columna("Recibió", lambda n: n.recibido_por),
        Columna("Dirección", lambda n: n.direccion, ayuda=lambda n: n.observaciones or n.direccion),
        Columna("Adjuntos", _adjuntos),
        Columna("Vence el término", lambda n: formato.fecha(n.vence), CENTRO),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)

    def dato_extra(self, fila: DatosNotificacion, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and columna == COL_RESULTADO:
            return QColor("#1d6b2a") if fila.efectiva else QColor("#a61b1b")
        return None


class NotificacionesTab(Pestana):
    TITULO = "&Notificaciones"

    def __init__(self, servicios: Servicios, parent: QWidget | None = None) -> None:
        super().__init__(servicios, parent)
        self.model = NotificacionesModel(self)
        self.tabla = tabla(self, self.model, COL_DIRECCION)
        self.tabla.setProperty("exportar_como", "Notificaciones")  # Ctrl+E (app.ui.exportar)
        self.tabla.setObjectName("tablaNotificaciones")
        anchos(self.tabla, {COL_FECHA: 15, COL_NOTIFICA: 21, COL_DESTINATARIO: 22, COL_INTENTO: 6, COL_FORMA: 8,
                            COL_RESULTADO: 8, COL_RECIBIO: 20, COL_ADJUNTOS: 11, COL_VENCE: 13})
        self.tabla.selectionModel().selectionChanged.connect(lambda *_: self._habilitar())
        self.tabla.doubleClicked.connect(lambda _i: self.abrir_razon())
        self.boton_registrar = QPushButton("Registrar notificación…", self)
        self.boton_registrar.setObjectName("botonNotificar")
        self.boton_registrar.clicked.connect(self.registrar)
        self.boton_razon = QPushButton("Abrir razón", self)
        self.boton_razon.setToolTip("Abrir la razón de notificación sentada por este intento")
        self.boton_razon.clicked.connect(self.abrir_razon)
        self.boton_adjuntos = QPushButton("Ver fotos", self)
        self.boton_adjuntos.setToolTip("Ver en grande las fotos y escaneos de este intento (también con doble clic "
                                       "en una miniatura)")
        self.boton_adjuntos.clicked.connect(self.abrir_adjuntos)
        self.fotos = lista_miniaturas(self)
        self.fotos.setObjectName("fotosNotificacion")
        self.fotos.setToolTip("Fotos y escaneos del intento seleccionado: doble clic para verlas en grande")
        self._permitido: tuple[bool, str] = (True, "")
        acciones = QHBoxLayout()
        acciones.addWidget(self.boton_registrar)
        acciones.addStretch(1)
        acciones.addWidget(self.boton_razon)
        acciones.addWidget(self.boton_adjuntos)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(nota(self, "Cada persona citada en la orden de pago (el coactivado y cada co-obligado) se "
                                 "notifica por separado: personalmente o por boleta en su domicilio (hasta tres "
                                 "intentos) y por la prensa después de un intento fallido (COA arts. 164 y 171). "
                                 "La primera notificación efectiva de la orden de pago abre el término de 3 días."))
        lay.addLayout(acciones)
        lay.addWidget(self.tabla, 1)
        lay.addWidget(self.fotos)
        self._habilitar()

    def cargar(self) -> None:
        self._permitido = (True, "")
        if self.numero:
            self.model.set_filas(self._srv.notificaciones.listar(self.numero))
            # Only who may notify (his permission, the juicio's stage), with the reason when not.
            self._permitido = self._srv.actos.puede(self.numero, TipoActo.NOTIFICACION)
        self._habilitar()

    def _seleccionada(self) -> DatosNotificacion | None:
        row = fila_seleccionada(self.tabla)
        return self.model.fila(row) if row >= 0 else None

    def _habilitar(self) -> None:
        n = self._seleccionada()
        ok, motivo = self._permitido
        self.boton_registrar.setEnabled(self.numero is not None and ok)
        self.boton_registrar.setToolTip(motivo)
        self.boton_razon.setEnabled(n is not None and n.razon_documento_id is not None)
        self.boton_adjuntos.setEnabled(n is not None and bool(n.adjuntos))
        self._mostrar_fotos(n)

    def _mostrar_fotos(self, n: DatosNotificacion | None) -> None:
        """Thumbnails of the selected attempt's photos and scans (read from the document store)."""
        self.fotos.vaciar()
        for a in n.adjuntos if n is not None else ():
            try:
                data = self._srv.documentos.contenido(a.documento_id)
            except AppError:  # not yet synced to this desktop: its name still shows
                data = b""
            self.fotos.agregar(a.nombre_archivo, data)

    @Slot()
    @protegido
    def registrar(self) -> None:
        if not self.numero:
            return
        numero = self.numero
        caratula = self._srv.expedientes.caratula(numero)
        dlg = NotificacionDialog(numero, caratula.deudor, self._srv.deudores.coobligados(numero), self.model.filas(),
                                 self, direccion_deudor=self._direccion_deudor(caratula.identificacion))

        def guardar() -> DatosNotificacion:
            d = dlg.datos()
            return self._srv.notificaciones.registrar(
                numero, destinatario=d.destinatario, intento=d.intento, forma=d.forma, fecha_hora=d.fecha_hora,
                direccion=d.direccion, recibido_por=d.recibido_por, efectiva=d.efectiva,
                observaciones=d.observaciones, adjuntos=list(d.adjuntos), notifica=d.notifica,
            )

        dlg.al_aceptar(guardar)  # a refusal keeps the dialog open with the fields and photos
        try:
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return
            n: DatosNotificacion = dlg.resultado
        finally:
            dlg.deleteLater()
        texto = (f"Notificación a {n.destinatario} (intento {n.intento}, {FORMAS[n.forma].lower()}): "
                 f"{'efectiva' if n.efectiva else 'fallida'}.")
        if n.vence is not None:
            texto += f" El término vence el {formato.fecha(n.vence)}."
        self._hecho(texto)

    def _direccion_deudor(self, identificacion: str) -> str:
        try:
            return self._srv.deudores.datos(identificacion).direccion
        except AppError:  # the placeholder then asks for the address; the service decides
            return ""

    @Slot()
    @protegido
    def abrir_razon(self) -> None:
        n = self._seleccionada()
        if n is not None and n.razon_documento_id is not None:
            abrir_archivo(self, self._srv.documentos.exportar(n.razon_documento_id))

    @Slot()
    @protegido
    def abrir_adjuntos(self) -> None:
        """The selected attempt's photos, large (a scanned PDF opens in the system's viewer)."""
        n = self._seleccionada()
        if n is None or not n.adjuntos:
            return
        imagenes = [i for i, (_nombre, data) in enumerate(self.fotos.datos) if not QImage.fromData(data).isNull()]
        if imagenes:
            self.fotos.ver(self.fotos.item(imagenes[0]))
        for a, (_nombre, data) in zip(n.adjuntos, self.fotos.datos, strict=False):
            if QImage.fromData(data).isNull():
                abrir_archivo(self, self._srv.documentos.exportar(a.documento_id))
