"""Dialogs of the fee workflow: the lawyer's request (recoveries and exclusions shown), the jefe's review
(checklist, approve or reject with a reason) and the payment (date, comprobante). Each calls the service in
its ``accept``: a refusal is shown and the dialog stays open with what was typed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.common.errors import AppError
from app.common.text import plural
from app.domain.honorarios import Checklist
from app.services.bootstrap import Servicios
from app.services.honorarios import CalculoExpediente, LineaCalculo, Revision
from app.services.honorarios_consultas import SolicitudVista
from app.ui import formato
from app.ui.campos import botones, campo_fecha, fecha_de
from app.ui.errors import show_error
from app.ui.pestana import anchos, nota, tabla
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel


def _situacion(x: LineaCalculo) -> str:
    if x.solicitud:
        return f"En la {x.solicitud}"
    if x.motivo:
        return f"Sin honorarios: {x.motivo}"
    return "Por solicitar"


class LineasModel(TablaModel[LineaCalculo]):
    COLUMNAS = (
        Columna("Fecha", lambda x: formato.fecha(x.fecha), CENTRO),
        Columna("Recuperación", lambda x: x.referencia),
        Columna("Monto (USD)", lambda x: formato.usd(x.monto), DERECHA),
        Columna("Tarifa", lambda x: f"{formato.porcentaje(x.porcentaje)} % + IVA "
                f"{formato.porcentaje(x.iva_porcentaje)} %" if x.porcentaje is not None and x.iva_porcentaje is not None
                else "—", CENTRO),
        Columna("Honorario", lambda x: formato.usd(x.honorario), DERECHA),
        Columna("IVA", lambda x: formato.usd(x.iva), DERECHA),
        Columna("Total", lambda x: formato.usd(x.total), DERECHA),
        Columna("Situación", lambda x: _situacion(x), ayuda=lambda x: _situacion(x)),
    )


def tabla_lineas(parent: QWidget, model: LineasModel) -> QWidget:
    t = tabla(parent, model, 7)
    anchos(t, {0: 11, 1: 26, 2: 12, 3: 14, 4: 11, 5: 9, 6: 11})
    return t


def resumen_calculo(c: CalculoExpediente) -> str:
    return (f"Recuperado USD {formato.usd(c.recuperado)} − sin honorarios USD {formato.usd(c.excluido)} = base "
            f"USD {formato.usd(c.base)} · honorarios USD {formato.usd(c.honorario)} + IVA USD {formato.usd(c.iva)} "
            f"= <b>USD {formato.usd(c.total)}</b>")


class SolicitudDialog(QDialog):
    """The lawyer confirms his request: what will be requested, each exclusion with its reason."""

    def __init__(self, c: CalculoExpediente, solicitar: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Solicitar honorarios — juicio {c.juicio}")
        self.resize(900, 420)
        self._solicitar = solicitar
        self.lineas = LineasModel(c.nuevas, self)
        self.observaciones = QLineEdit(self)
        self.observaciones.setPlaceholderText("Observaciones para el jefe (opcional)")
        caja, self.aceptar = botones(self, "Solicitar honorarios")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, "Se solicitan los honorarios de las recuperaciones aún no solicitadas. El jefe "
                                 "revisará el expediente entregado antes de aprobarlos."))
        lay.addWidget(tabla_lineas(self, self.lineas), 1)
        lay.addWidget(nota(self, resumen_calculo(c)))
        lay.addWidget(self.observaciones)
        lay.addWidget(caja)

    def accept(self) -> None:
        try:
            self._solicitar(self.observaciones.text())
        except AppError as exc:
            show_error(self, exc)
            return
        super().accept()


Decidir = Callable[[bool, Checklist, str], object]


class RevisionDialog(QDialog):
    """The jefe's review of a pending request: the checklist (with what the program can check beside each
    item), observations, and «Aprobar» (generates the orden de pago) or «Rechazar» (needs a reason)."""

    def __init__(self, sol: SolicitudVista, revision: Revision, decidir: Decidir,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Revisar honorarios — juicio {sol.juicio}")
        self.setMinimumWidth(640)
        self._decidir = decidir
        self.aprobado: bool | None = None
        excl = "".join(f"<br>· {formato.fecha(date.fromisoformat(f))} {r}: USD {formato.usd(m)} — {mot}"
                       for f, r, m, mot in sol.exclusiones)
        cabecera = nota(self, (
            f"<b>{sol.secretario}</b> solicitó el {formato.fecha(sol.fecha)} honorarios por <b>USD "
            f"{formato.usd(sol.total)}</b> (base USD {formato.usd(sol.base)}, honorarios USD "
            f"{formato.usd(sol.honorario)}, IVA USD {formato.usd(sol.iva)}) en el juicio {sol.juicio} contra "
            f"{sol.deudor.rstrip('.')}." + (f"<br>Sin honorarios:{excl}" if excl else "")
            + (f"<br>Observaciones: {sol.observaciones}" if sol.observaciones else "")))
        grupo = QGroupBox("Revisión del expediente entregado (C.D. 497, art. 3.5.3 lit. m)", self)
        g = QVBoxLayout(grupo)
        hechos = {
            "foliacion_verificada": "íntegra" if revision.foliacion_intacta else "¡ALTERADA!",
            "documentos_completos": f"fojas: {formato.fojas_texto(revision.folios)}",
            "liquidacion_vigente": "registrada después del último pago" if revision.liquidacion_vigente
            else "falta una liquidación posterior al último pago",
            "sin_terminos_abiertos": f"{plural(revision.terminos_abiertos, 'término')} en curso",
        }
        self.casillas: dict[str, QCheckBox] = {}
        for clave, etiqueta in Checklist.ETIQUETAS.items():
            cb = QCheckBox(f"{etiqueta}  —  sistema: {hechos[clave]}", self)
            cb.setObjectName(f"check_{clave}")
            self.casillas[clave] = cb
            g.addWidget(cb)
        self.observaciones = QLineEdit(self)
        self.observaciones.setObjectName("observacionesRevision")
        self.motivo = QPlainTextEdit(self)
        self.motivo.setObjectName("motivoRechazo")
        self.motivo.setPlaceholderText("Motivo del rechazo (obligatorio para rechazar; el secretario-abogado lo verá)")
        self.motivo.setMaximumHeight(70)
        form = QFormLayout()
        form.addRow("&Observaciones:", self.observaciones)
        form.addRow("&Motivo del rechazo:", self.motivo)
        caja = QDialogButtonBox(self)
        self.boton_aprobar = caja.addButton("&Aprobar y generar la orden de pago",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.boton_rechazar = caja.addButton("&Rechazar", QDialogButtonBox.ButtonRole.ActionRole)
        caja.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_aprobar.clicked.connect(lambda: self._decision(True))
        self.boton_rechazar.clicked.connect(lambda: self._decision(False))
        caja.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(cabecera)
        lay.addWidget(grupo)
        lay.addLayout(form)
        lay.addWidget(caja)

    def checklist(self) -> Checklist:
        return Checklist(**{k: cb.isChecked() for k, cb in self.casillas.items()},
                         observaciones=self.observaciones.text().strip())

    def _decision(self, aprobar: bool) -> None:
        try:
            self._decidir(aprobar, self.checklist(), self.motivo.toPlainText().strip())
        except AppError as exc:  # stay open with the ticks and the text
            show_error(self, exc)
            return
        self.aprobado = aprobar
        super().accept()


class PagoHonorariosDialog(QDialog):
    """Date and comprobante of the payment of approved fees."""

    def __init__(self, sol: SolicitudVista, pagar: Callable[[date, str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar pago de honorarios — juicio {sol.juicio}")
        self.setMinimumWidth(480)
        self._pagar = pagar
        self.fecha = campo_fecha(self)
        self.comprobante = QLineEdit(self)
        self.comprobante.setObjectName("comprobanteHonorarios")
        self.comprobante.setPlaceholderText("Transferencia, CUR o comprobante de egreso")
        form = QFormLayout()
        form.addRow("&Fecha del pago:", self.fecha)
        form.addRow("&Comprobante:", self.comprobante)
        caja, self.aceptar = botones(self, "Registrar pago")
        lay = QVBoxLayout(self)
        lay.addWidget(nota(self, f"Pago a {sol.secretario} de <b>USD {formato.usd(sol.total)}</b> aprobados el "
                                 f"{formato.fecha(sol.fecha_estado)}."))
        lay.addLayout(form)
        lay.addWidget(caja)

    def accept(self) -> None:
        try:
            self._pagar(fecha_de(self.fecha), self.comprobante.text())
        except AppError as exc:
            show_error(self, exc)
            return
        super().accept()


def revisar_solicitud(parent: QWidget, servicios: Servicios, solicitud_id: uuid.UUID, numero: str) -> bool | None:
    """The jefe's review of one fee request of juicio ``numero``: the checklist and the server-side checks
    (:meth:`HonorariosService.revision`), then approve or reject in :class:`RevisionDialog`. Returns True when
    approved (the orden de pago de honorarios is foliated), False when rejected, None when cancelled."""
    revision = servicios.honorarios.revision(numero)
    v = servicios.honorarios_consultas.obtener(solicitud_id)  # with its exclusions
    dlg = RevisionDialog(v, revision, lambda a, c, m: servicios.honorarios.revisar(v.id, a, c, m), parent)
    try:
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        return dlg.aprobado
    finally:
        dlg.deleteLater()
