"""Foliation of an expediente (domain.md §3, C.D. 497: "numerados, ordenados y foliados").

Rules kept here:
- every document takes the next folio range from its sheet count, consecutive from 1, no gaps,
  no repeats, no "bis";
- a cuerpo holds ``folios_por_cuerpo`` folios (default 200) and the next cuerpo continues
  the numbering;
- each entry stores the SHA-256 of its document and of the previous entry; verifying the chain
  names the first broken link (design.md §2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

FOLIOS_POR_CUERPO = 200
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class RangoFolios:
    desde: int
    hasta: int

    @property
    def hojas(self) -> int:
        return self.hasta - self.desde + 1

    def cuerpos(self, por_cuerpo: int = FOLIOS_POR_CUERPO) -> tuple[int, int]:
        return cuerpo_de(self.desde, por_cuerpo), cuerpo_de(self.hasta, por_cuerpo)

    def texto(self) -> str:
        return f"{self.desde}" if self.desde == self.hasta else f"{self.desde}-{self.hasta}"


def siguiente_rango(ultimo_folio: int, hojas: int) -> RangoFolios:
    """The folio range a document of ``hojas`` sheets takes after ``ultimo_folio`` (0 if none).

    Raises:
        ValueError: ``hojas`` < 1 (blank sheets are not foliated, a document has at least one).
    """
    if hojas < 1:
        raise ValueError("un documento foliado tiene al menos una hoja")
    if ultimo_folio < 0:
        raise ValueError("el último folio no puede ser negativo")
    return RangoFolios(ultimo_folio + 1, ultimo_folio + hojas)


def cuerpo_de(folio: int, por_cuerpo: int = FOLIOS_POR_CUERPO) -> int:
    """Cuerpo (volume) number, from 1, that holds ``folio``."""
    if folio < 1:
        raise ValueError("los folios empiezan en 1")
    return (folio - 1) // por_cuerpo + 1


def hash_entrada(
    hash_anterior: str, expediente: str, documento_sha256: str, desde: int, hasta: int, documento_id: str
) -> str:
    """SHA-256 (hex) of one folio entry, chained to the previous entry's hash."""
    payload = "|".join([hash_anterior, expediente, documento_id, str(desde), str(hasta), documento_sha256])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class EntradaFolio:
    """What verification needs of one stored folio entry, in folio order."""

    documento_id: str
    desde: int
    hasta: int
    documento_sha256: str
    hash_anterior: str
    hash: str


@dataclass(frozen=True, slots=True)
class Ruptura:
    """The first broken link: ``posicion`` is 1-based in folio order; ``motivo`` is Spanish."""

    posicion: int
    entrada: EntradaFolio
    motivo: str

    def __str__(self) -> str:
        return f"Entrada {self.posicion} (fojas {self.entrada.desde}-{self.entrada.hasta}): {self.motivo}"


def verificar_cadena(expediente: str, entradas: Sequence[EntradaFolio]) -> Ruptura | None:
    """Walk the chain in folio order; return the first broken link or ``None`` if intact."""
    esperado_desde = 1
    anterior = GENESIS
    for i, e in enumerate(entradas, start=1):
        if e.desde != esperado_desde:
            return Ruptura(i, e, f"se esperaba que empezara en la foja {esperado_desde}, empieza en {e.desde}")
        if e.hasta < e.desde:
            return Ruptura(i, e, "el rango de fojas está invertido")
        if e.hash_anterior != anterior:
            return Ruptura(i, e, "no enlaza con la entrada anterior (hash anterior alterado)")
        calculado = hash_entrada(anterior, expediente, e.documento_sha256, e.desde, e.hasta, e.documento_id)
        if calculado != e.hash:
            return Ruptura(i, e, "su contenido no coincide con su hash (entrada alterada)")
        anterior = e.hash
        esperado_desde = e.hasta + 1
    return None
