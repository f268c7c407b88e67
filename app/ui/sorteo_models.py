"""Tables of the sorteo dialog: pending títulos, the per-secretario summary, the assignments."""

from __future__ import annotations

from typing import ClassVar

from app.services.sorteo import AsignacionSorteo, TituloPendiente
from app.ui import formato
from app.ui.table_base import CENTRO, DERECHA, Columna, TablaModel

COL_PEND_NUMERO = 0
COL_PEND_DEUDOR = 1
COL_PEND_IDENTIFICACION = 2
COL_PEND_TOTAL = 3
COL_PEND_EMISION = 4


class PendientesModel(TablaModel[TituloPendiente]):
    COLUMNAS: ClassVar = (
        Columna("Título No.", lambda t: t.numero),
        Columna("Coactivado", lambda t: t.deudor),
        Columna("Cédula / RUC", lambda t: t.identificacion),
        Columna("Total (USD)", lambda t: formato.usd(t.total), DERECHA),
        Columna("Emisión", lambda t: formato.fecha(t.fecha_emision), CENTRO),
    )


COL_RES_SECRETARIO = 0
COL_RES_EXPEDIENTES = 1


class ResumenSorteoModel(TablaModel[tuple[str, int]]):
    """(secretario, expedientes asignados) in the canonical order of the participants."""

    COLUMNAS: ClassVar = (
        Columna("Secretario-abogado", lambda r: r[0]),
        Columna("Expedientes asignados", lambda r: formato.miles(r[1]), DERECHA),
    )


COL_ASIG_JUICIO = 0
COL_ASIG_TITULO = 1
COL_ASIG_DEUDOR = 2
COL_ASIG_TOTAL = 3
COL_ASIG_SECRETARIO = 4


class AsignacionesModel(TablaModel[AsignacionSorteo]):
    COLUMNAS: ClassVar = (
        Columna("Juicio No.", lambda a: a.juicio),
        Columna("Título No.", lambda a: a.titulo),
        Columna("Coactivado", lambda a: a.deudor),
        Columna("Cuantía (USD)", lambda a: formato.usd(a.total), DERECHA),
        Columna("Secretario-abogado", lambda a: a.secretario),
    )
