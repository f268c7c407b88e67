"""Stages of a juicio coactivo (domain.md §2)."""

from __future__ import annotations

from enum import StrEnum


class Etapa(StrEnum):
    TITULO = "TITULO"
    SORTEADO = "SORTEADO"
    RPV = "RPV"
    OPI = "OPI"
    NOTIFICADO = "NOTIFICADO"
    MEDIDAS_CAUTELARES = "MEDIDAS_CAUTELARES"
    EMBARGO = "EMBARGO"
    AVALUO = "AVALUO"
    REMATE = "REMATE"
    LIQUIDADO = "LIQUIDADO"
    ARCHIVADO = "ARCHIVADO"
    SUSPENDIDO = "SUSPENDIDO"
    INSOLVENCIA = "INSOLVENCIA"
    BAJA = "BAJA"

    @property
    def etiqueta(self) -> str:
        return ETIQUETAS[self]


ETIQUETAS: dict[Etapa, str] = {
    Etapa.TITULO: "Título",
    Etapa.SORTEADO: "Sorteado",
    Etapa.RPV: "Requerimiento de pago",
    Etapa.OPI: "Orden de pago inmediato",
    Etapa.NOTIFICADO: "Notificado",
    Etapa.MEDIDAS_CAUTELARES: "Medidas cautelares",
    Etapa.EMBARGO: "Embargo",
    Etapa.AVALUO: "Avalúo",
    Etapa.REMATE: "Remate",
    Etapa.LIQUIDADO: "Liquidado",
    Etapa.ARCHIVADO: "Archivado",
    Etapa.SUSPENDIDO: "Suspendido",
    Etapa.INSOLVENCIA: "Insolvencia",
    Etapa.BAJA: "Baja",
}


class EstadoTitulo(StrEnum):
    PENDIENTE = "PENDIENTE"  # imported, waiting for the sorteo
    SORTEADO = "SORTEADO"  # drawn: an expediente exists
