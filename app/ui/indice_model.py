"""The índice of an expediente: one row per document with its date and folio range."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.domain.documentos import REGISTRO
from app.domain.tipos import TipoDocumento
from app.services.foliacion import EntradaIndice
from app.ui import formato
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_POSICION = 0
COL_FECHA = 1
COL_TIPO = 2
COL_DESCRIPCION = 3
COL_FOJAS = 4
COL_HOJAS = 5
COL_CUERPO = 6
COL_ARCHIVO = 7

TIPOS = {
    "OPI": "Orden de pago inmediato",
    "RPV": "Requerimiento de pago voluntario",
    "ACTA_SORTEO": "Acta de sorteo",
    "ESCRITO": "Escrito",
    "OFICIO": "Oficio",
    "PROVIDENCIA": "Providencia",
    "RAZON": "Razón",
    "ACTA": "Acta",
    "RESPUESTA": "Respuesta",
    "EVIDENCIA": "Evidencia",
    "OTRO": "Otro",
    "ADJUNTO_NOTIFICACION": "Foto o escaneo de notificación",
    "RESPUESTA_MEDIDA": "Respuesta a medida cautelar",
}
# Every generated document by its stored tipo (the TipoDocumento name): «Razón de archivo», «Acta de embargo»…
for _t in TipoDocumento:
    TIPOS.setdefault(_t.name, REGISTRO[_t].titulo)


def etiqueta_tipo(tipo: str) -> str:
    return TIPOS.get(tipo, tipo.replace("_", " ").capitalize())


def _fojas(e: EntradaIndice) -> str:
    texto = formato.rango_folios(e.desde, e.hasta)
    return f"{texto} {formato.PROVISIONAL}" if e.provisional else texto


def _cuerpo(e: EntradaIndice) -> str:
    return str(e.cuerpo_desde) if e.cuerpo_desde == e.cuerpo_hasta else f"{e.cuerpo_desde}–{e.cuerpo_hasta}"


class IndiceModel(TablaModel[EntradaIndice]):
    COLUMNAS: ClassVar = (
        Columna("N.º", lambda e: str(e.posicion), DERECHA),
        Columna("Fecha", lambda e: formato.fecha(e.fecha), CENTRO),
        Columna("Tipo", lambda e: etiqueta_tipo(e.tipo), ayuda=lambda e: etiqueta_tipo(e.tipo)),
        Columna("Descripción", lambda e: e.descripcion, ayuda=lambda e: e.descripcion),
        Columna("Fojas", _fojas, DERECHA,
                ayuda=lambda e: formato.AYUDA_PROVISIONAL if e.provisional else None),
        Columna("Hojas", lambda e: str(e.hojas), DERECHA),
        Columna("Cuerpo", _cuerpo, CENTRO),
        Columna("Archivo", lambda e: e.nombre_archivo, ayuda=lambda e: f"{e.nombre_archivo}\nSHA-256: {e.sha256}"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._italica = QFont()
        self._italica.setItalic(True)

    def dato_extra(self, fila: EntradaIndice, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and columna == COL_FOJAS and fila.provisional:
            return self._italica
        return None

    def fila_de_documento(self, documento_id: object) -> int:
        return next((i for i, e in enumerate(self._filas) if e.documento_id == documento_id), -1)
