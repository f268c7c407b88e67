"""Dialog to record one notification attempt: whom, which act, attempt, form, when, where, who received it,
whether it was effective, notes, and photos or scans (chosen with the native file dialog, shown as
thumbnails). A refusal (no address, an attempt out of order…) keeps the dialog open with everything typed and
attached (:class:`~app.ui.formulario.Formulario`)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.procedimiento import NOMBRES
from app.domain.tipos import TipoActo
from app.services.deudores import DatosCoobligado
from app.services.notificaciones import DatosNotificacion, FormaNotificacion
from app.ui.campos import botones, campo_fecha_hora, fecha_hora_de
from app.ui.formulario import CampoInvalido, Formulario
from app.ui.fotos import FotosEditor

#: Acts whose document is notified, in the order offered.
NOTIFICABLES = (TipoActo.OPI, TipoActo.RPV, TipoActo.PROVIDENCIA, TipoActo.EMBARGO, TipoActo.AVISO_REMATE)
FORMAS = {
    FormaNotificacion.PERSONAL: "Personal",
    FormaNotificacion.BOLETA: "Por boleta (en el domicilio)",
    FormaNotificacion.PRENSA: "Por la prensa",
}


@dataclass(frozen=True, slots=True)
class DatosFormularioNotificacion:
    notifica: TipoActo
    destinatario: uuid.UUID | None  # None: the coactivado
    intento: int
    forma: FormaNotificacion
    fecha_hora: datetime
    direccion: str
    recibido_por: str
    efectiva: bool
    observaciones: str
    adjuntos: tuple[tuple[str, bytes], ...]  # (file name, content), read when chosen


class NotificacionDialog(Formulario):
    """``previas``: attempts already recorded (to propose the next attempt number); ``direccion_deudor``: the
    coactivado's address on file (each co-obligado's comes with him), used when the address is left empty."""

    def __init__(self, numero: str, deudor: str, coobligados: Sequence[DatosCoobligado],
                 previas: Sequence[DatosNotificacion], parent: QWidget | None = None,
                 direccion_deudor: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Registrar notificación — juicio {numero}")
        self.setMinimumWidth(600)
        self._previas = list(previas)
        self._registradas: dict[str | None, tuple[str, str]] = {None: (deudor, direccion_deudor.strip())}
        self._registradas.update({str(c.id): (c.nombre, c.direccion.strip()) for c in coobligados})

        self.notifica = QComboBox(self)
        for t in NOTIFICABLES:
            self.notifica.addItem(NOMBRES[t], t.value)
        self.destinatario = QComboBox(self)
        self.destinatario.addItem(f"{deudor} (coactivado)", None)
        for c in coobligados:
            self.destinatario.addItem(f"{c.nombre} ({c.calidad.etiqueta.lower()})", str(c.id))
        self.intento = QSpinBox(self)
        self.intento.setRange(1, 9)
        self.forma = QComboBox(self)
        for f, texto in FORMAS.items():
            self.forma.addItem(texto, f.value)
        self.fecha_hora = campo_fecha_hora(self)
        self.direccion = QLineEdit(self)
        self.recibido_por = QLineEdit(self)
        self.recibido_por.setPlaceholderText("Nombre de quien recibió (personal: la propia persona)")
        self.efectiva = QCheckBox("La persona quedó notificada (si no, es un intento fallido)", self)
        self.efectiva.setChecked(True)
        self.observaciones = QPlainTextEdit(self)
        self.observaciones.setFixedHeight(self.fontMetrics().height() * 4)
        self.fotos = FotosEditor(self)
        self.adjuntos = self.fotos.lista
        form = QFormLayout()
        form.addRow("&Se notifica:", self.notifica)
        form.addRow("&A:", self.destinatario)
        form.addRow("&Intento:", self.intento)
        form.addRow("&Forma:", self.forma)
        form.addRow("Fecha y &hora:", self.fecha_hora)
        form.addRow("&Dirección:", self.direccion)
        form.addRow("&Recibió:", self.recibido_por)
        form.addRow("", self.efectiva)
        form.addRow("&Observaciones:", self.observaciones)
        form.addRow("Fotos / escaneos:", self.fotos)
        caja, self.aceptar = botones(self, "Registrar")
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(caja)
        self.notifica.currentIndexChanged.connect(lambda _i: self._proponer_intento())
        self.destinatario.currentIndexChanged.connect(lambda _i: self._proponer_intento())
        self.destinatario.currentIndexChanged.connect(lambda _i: self._ayuda_direccion())
        self.forma.currentIndexChanged.connect(lambda _i: self._ayuda_direccion())
        self._proponer_intento()
        self._ayuda_direccion()

    def _registrada(self) -> tuple[str, str]:
        """(name, address on file) of the person chosen."""
        return self._registradas.get(self.destinatario.currentData(), ("", ""))

    def _exige_direccion(self) -> bool:
        return self.forma.currentData() != FormaNotificacion.PRENSA.value

    @Slot()
    def _ayuda_direccion(self) -> None:
        """The placeholder says what an empty address means for the person and form chosen."""
        _nombre, registrada = self._registrada()
        if not self._exige_direccion():
            texto = "No se exige en la notificación por la prensa"
        elif registrada:
            texto = f"Vacía: se usa la registrada ({registrada})"
        else:
            texto = "Obligatoria: la persona no tiene dirección registrada"
        self.direccion.setPlaceholderText(texto)

    def campos(self) -> Mapping[str, QWidget]:
        return {"direccion": self.direccion, "intento": self.intento, "forma": self.forma,
                "destinatario": self.destinatario, "fecha_hora": self.fecha_hora, "adjuntos": self.adjuntos,
                "recibido_por": self.recibido_por, "notifica": self.notifica}

    def validar(self) -> None:
        super().validar()
        nombre, registrada = self._registrada()
        if self._exige_direccion() and not self.direccion.text().strip() and not registrada:
            raise CampoInvalido(self.direccion, f"Indique la dirección en que se notificó a {nombre}: no tiene "
                                                "dirección registrada.")

    @Slot()
    def _proponer_intento(self) -> None:
        notifica = self.notifica.currentData()
        dest = self.destinatario.currentData()
        previas = [p for p in self._previas if (p.notifica.value if p.notifica else None) == notifica
                   and (str(p.coobligado_id) if p.coobligado_id else None) == dest]
        self.intento.setValue(len(previas) + 1)
        if previas:  # after failed attempts at the domicile, the press is the last resort
            self.forma.setCurrentIndex(self.forma.findData(FormaNotificacion.BOLETA.value))

    @property
    def boton_adjuntar(self) -> QWidget:
        """«Agregar fotos…» (opens the native file dialog)."""
        return self.fotos.boton_agregar

    @Slot()
    def elegir_adjuntos(self) -> None:
        self.fotos.elegir()

    def agregar_adjunto(self, ruta: Path) -> None:
        """Read ``ruta`` and show it as a thumbnail (a file that cannot be read is reported and left out)."""
        self.fotos.agregar_rutas([ruta])

    def datos(self) -> DatosFormularioNotificacion:
        dest = self.destinatario.currentData()
        return DatosFormularioNotificacion(
            notifica=TipoActo(self.notifica.currentData()),
            destinatario=uuid.UUID(dest) if dest else None,
            intento=self.intento.value(),
            forma=FormaNotificacion(self.forma.currentData()),
            fecha_hora=fecha_hora_de(self.fecha_hora),
            direccion=self.direccion.text().strip(),
            recibido_por=self.recibido_por.text().strip(),
            efectiva=self.efectiva.isChecked(),
            observaciones=self.observaciones.toPlainText().strip(),
            adjuntos=tuple(self.fotos.fotos()),
        )
