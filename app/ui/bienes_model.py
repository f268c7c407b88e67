"""Table model of seized goods (inventory, an expediente's goods, a depositario's goods) with a photo thumbnail
and the next report (overdue in red)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from app.common.text import plural
from app.services.bienes_comun import DatosBien
from app.ui import formato
from app.ui.fotos import miniatura
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_BIEN = 0
COL_JUICIO = 1
COL_DEUDOR = 2
COL_IDENT = 3
COL_ESTADO = 4
COL_DEPOSITARIO = 5
COL_UBICACION = 6
COL_VALOR = 7
COL_INFORME = 8
MINI = 40


def informe_texto(b: DatosBien) -> str:
    if b.informe is None:
        return "—"
    if b.informe.vencido:
        n = b.informe.dias_vencido
        return f"Vencido hace {plural(n, 'día')}"
    return f"Hasta el {formato.fecha(b.informe.vence)}"


def informe_ayuda(b: DatosBien) -> str | None:
    if b.informe is None:
        return "Sin informes pendientes: el bien no está en custodia."
    return (f"Informe del depositario: vencía el {formato.fecha(b.informe.vence)} (cuenta desde el "
            f"{formato.fecha(b.informe.desde)})")


def _valor(b: DatosBien) -> str:
    v = b.avaluo if b.avaluo is not None else b.valor_estimado
    return formato.usd(v) if v is not None else ""


class BienesModel(TablaModel[DatosBien]):
    COLUMNAS: ClassVar = (
        Columna("Bien", lambda b: b.descripcion, ayuda=lambda b: f"{b.tipo.etiqueta}: {b.descripcion}"),
        Columna("Juicio", lambda b: b.juicio),
        Columna("Coactivado", lambda b: b.deudor),
        Columna("Identificación", lambda b: b.identificacion, ayuda=lambda b: b.identificacion or None),
        Columna("Estado", lambda b: b.estado.etiqueta, CENTRO),
        Columna("Depositario", lambda b: b.depositario or "—"),
        Columna("Ubicación", lambda b: b.ubicacion, ayuda=lambda b: b.ubicacion or None),
        Columna("Valor (USD)", _valor, DERECHA,
                ayuda=lambda b: "Último avalúo" if b.avaluo is not None else "Valor estimado en el embargo"),
        Columna("Próximo informe", informe_texto, ayuda=informe_ayuda),
    )

    def __init__(self, leer_foto: Callable[[str], bytes] | None = None, parent: Any = None) -> None:
        super().__init__((), parent)
        self._leer = leer_foto
        self._iconos: dict[str, QIcon] = {}

    def dato_extra(self, fila: DatosBien, columna: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and columna == COL_BIEN and fila.foto_sha256 and self._leer:
            icono = self._iconos.get(fila.foto_sha256)
            if icono is None:
                try:
                    icono = QIcon(miniatura(self._leer(fila.foto_sha256), MINI))
                except Exception:  # a photo not on this desktop yet: no thumbnail
                    icono = QIcon()
                self._iconos[fila.foto_sha256] = icono
            return icono
        if role == Qt.ItemDataRole.ForegroundRole and columna == COL_INFORME and fila.informe and fila.informe.vencido:
            return QColor("#b00020")
        return None
