"""The document dialog turns its fields into the ``datos`` each document type accepts."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.tipos import TipoDocumento
from app.services.medidas import DatosMedida, EstadoMedida, TipoMedida
from app.ui.generar_dialog import GenerarDocumentoDialog, Opciones

T = TipoDocumento


def _medida(tipo: TipoMedida, con_oficio: bool = False) -> DatosMedida:
    return DatosMedida(
        id=uuid.uuid4(), expediente_id=uuid.uuid4(), juicio="0601-2025-00001", deudor="X", secretario="Y", tipo=tipo,
        destinatario="Superintendencia de Bancos", oficio_numero="", fecha_envio=date(2025, 5, 16),
        documento_id=uuid.uuid4() if con_oficio else None, fecha_respuesta=None, respuesta="", monto_retenido=None,
        estado=EstadoMedida.PENDIENTE, levantamiento_documento_id=None, levantada_en=None, dias_sin_respuesta=3,
    )


def test_datos_per_type(qtbot: Any) -> None:
    d = GenerarDocumentoDialog(T.RPV, "0601-2025-00001")
    qtbot.addWidget(d)
    d.poner_fecha(date(2025, 5, 14))
    assert (d.fecha_documento(), d.datos()) == (date(2025, 5, 14), {})

    d = GenerarDocumentoDialog(T.OPI, "0601-2025-00001")
    qtbot.addWidget(d)
    assert d.datos() == {}  # the three medidas by law
    d.campos["medidas_ley"].setChecked(False)
    assert d.datos() == {"medidas": []}

    d = GenerarDocumentoDialog(T.PROVIDENCIA, "0601-2025-00001")
    qtbot.addWidget(d)
    d.campos["texto"].setPlainText("Agréguese el escrito.\nCórrase traslado.")
    d.campos["citar_liquidacion"].setChecked(True)
    assert d.datos() == {"texto": "Agréguese el escrito.\nCórrase traslado.", "liquidacion_id": "ultima"}

    ya, nueva = _medida(TipoMedida.RETENCION, con_oficio=True), _medida(TipoMedida.RETENCION)
    d = GenerarDocumentoDialog(T.OFICIO_RETENCION, "0601-2025-00001",
                               opciones=Opciones(medidas=[ya, nueva, _medida(TipoMedida.PROHIBICION_VEHICULO)]))
    qtbot.addWidget(d)
    assert d.campos["medida_id"].count() == 3  # «sin medida» + the two retentions
    d.campos["destinatario"].setText("SEPS")
    assert d.datos() == {"medida_id": str(nueva.id)}  # the one without oficio is proposed
    d.campos["medida_id"].setCurrentIndex(0)
    assert d.datos() == {"destinatario": "SEPS"}

    d = GenerarDocumentoDialog(T.ACTA_EMBARGO, "0601-2025-00001")
    qtbot.addWidget(d)
    bienes = d.campos["bienes"]
    bienes.agregar_fila({"descripcion": "Camioneta Chevrolet placa HBC-1234", "tipo": "VEHICULO", "valor": "8.500,00"})
    bienes.agregar_fila()  # an empty row is ignored
    d.campos["depositario"].setText("Pedro Pérez")
    assert d.datos() == {"bienes": [{"descripcion": "Camioneta Chevrolet placa HBC-1234", "tipo": "VEHICULO",
                                     "valor": "8.500,00", "ubicacion": ""}], "depositario": "Pedro Pérez",
                         "depositario_genero": "M"}

    d = GenerarDocumentoDialog(T.AVISO_REMATE, "0601-2025-00001")
    qtbot.addWidget(d)
    d.poner_fecha(date(2025, 9, 1))
    d.campos["base"].setText("1.000,50")
    assert d.datos() == {"fecha_remate": "01/10/2025", "base": str(Decimal("1000.50"))}

    d = GenerarDocumentoDialog(T.CARATULA, "0601-2025-00001", opciones=Opciones(cuerpos=2))
    qtbot.addWidget(d)
    assert d.datos() == {"cuerpo": 2}


def test_warning_follows_the_date(qtbot: Any) -> None:
    def verificar(f: date) -> tuple[bool, str]:
        return (f > date(2025, 5, 21), "No se puede embargar: el término vence el 21/05/2025.")

    d = GenerarDocumentoDialog(T.ACTA_EMBARGO, "0601-2025-00001", verificar=verificar)
    qtbot.addWidget(d)
    d.poner_fecha(date(2025, 5, 20))
    assert not d.aviso.isHidden() and "21/05/2025" in d.aviso.text()
    d.poner_fecha(date(2025, 5, 26))
    assert d.aviso.isHidden()
