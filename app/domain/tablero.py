"""What the jefe's dashboard groups by (domain.md §6): the state of the portfolio a recovery belongs to and the
age bands of the juicios. Pure definitions; the services compute them in SQL from these values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.etapas import Etapa


class EstadoCartera(StrEnum):
    """State of the portfolio a recovery (abono) is counted in, from its expediente as it stands today.

    A payment made under an acuerdo de pago parcial is CONVENIO whatever the stage; otherwise a juicio already
    closed by payment (liquidado, archivado) is CANCELADA, one with goods seized EMBARGO, any other EN_TRAMITE.
    """

    EN_TRAMITE = "EN_TRAMITE"
    EMBARGO = "EMBARGO"
    CONVENIO = "CONVENIO"
    CANCELADA = "CANCELADA"

    @property
    def etiqueta(self) -> str:
        return {
            "EN_TRAMITE": "Juicio en trámite",
            "EMBARGO": "Con embargo o remate",
            "CONVENIO": "Acuerdo de pago (APP)",
            "CANCELADA": "Cancelada y archivada",
        }[self.value]


#: Stages whose recoveries count as EMBARGO / CANCELADA (see :class:`EstadoCartera`).
ETAPAS_EMBARGO: frozenset[Etapa] = frozenset({Etapa.EMBARGO, Etapa.AVALUO, Etapa.REMATE})
ETAPAS_CANCELADA: frozenset[Etapa] = frozenset({Etapa.LIQUIDADO, Etapa.ARCHIVADO})

#: The funnel of the procedure (domain.md §2), in order, then the side states.
EMBUDO: tuple[Etapa, ...] = (
    Etapa.SORTEADO, Etapa.RPV, Etapa.OPI, Etapa.NOTIFICADO, Etapa.MEDIDAS_CAUTELARES, Etapa.EMBARGO,
    Etapa.AVALUO, Etapa.REMATE, Etapa.LIQUIDADO, Etapa.ARCHIVADO, Etapa.SUSPENDIDO, Etapa.INSOLVENCIA, Etapa.BAJA,
)


@dataclass(frozen=True, slots=True)
class Banda:
    """Juicios started between ``desde`` and ``hasta`` calendar days ago (inclusive; ``hasta`` None = older)."""

    indice: int
    desde: int
    hasta: int | None
    etiqueta: str


#: Age bands of the inventory, counted in calendar days from the sorteo (``fecha_inicio``).
BANDAS: tuple[Banda, ...] = (
    Banda(0, 0, 180, "Hasta 6 meses"),
    Banda(1, 181, 365, "6 a 12 meses"),
    Banda(2, 366, 730, "1 a 2 años"),
    Banda(3, 731, 1095, "2 a 3 años"),
    Banda(4, 1096, None, "Más de 3 años"),
)


def banda_de(dias: int) -> Banda:
    """The band of a juicio started ``dias`` calendar days ago (negative counts as 0)."""
    for b in BANDAS:
        if b.hasta is None or dias <= b.hasta:
            return b
    raise AssertionError("the last band is open")  # pragma: no cover
