"""Sorteo of títulos de crédito among the active secretarios-abogados (C.D. 497).

Fair: counts differ by at most one. Reproducible: the result depends only on the ordered
títulos, the ordered participants and the seed, all of which are stored with the sorteo.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Asignacion:
    titulo: str
    participante: str


def nueva_semilla() -> str:
    """A fresh random seed, 16 hex characters, to be stored with the sorteo."""
    return secrets.token_hex(8)


def sortear(titulos: Sequence[str], participantes: Sequence[str], semilla: str) -> list[Asignacion]:
    """Draw ``titulos`` among ``participantes``.

    The títulos are shuffled with a PRNG seeded by ``semilla`` (Python's ``random.Random``, whose
    string seeding is stable across runs and platforms), the participants' order is shuffled by the
    same PRNG, and the shuffled títulos are dealt round-robin. Callers must pass both lists in a
    canonical order (e.g. título number, cédula) so that a re-run gives the same result.

    Returns assignments in the order of the canonical ``titulos`` list.

    Raises:
        ValueError: no participants, or duplicates in either list.
    """
    if not participantes:
        raise ValueError("no hay secretarios-abogados activos para el sorteo")
    if len(set(participantes)) != len(participantes) or len(set(titulos)) != len(titulos):
        raise ValueError("hay elementos repetidos en el sorteo")
    rng = random.Random(semilla)
    barajados = list(titulos)
    rng.shuffle(barajados)
    orden = list(participantes)
    rng.shuffle(orden)
    asignado = {t: orden[i % len(orden)] for i, t in enumerate(barajados)}
    return [Asignacion(t, asignado[t]) for t in titulos]


def es_equitativo(asignaciones: Sequence[Asignacion], participantes: Sequence[str]) -> bool:
    """True when every participant got the same count, give or take one."""
    c = Counter(a.participante for a in asignaciones)
    counts = [c.get(p, 0) for p in participantes]
    return not counts or max(counts) - min(counts) <= 1


def titulos_posteriores(fecha: date, emisiones: Sequence[tuple[str, date]]) -> list[str]:
    """The títulos (``(numero, fecha_emision)``) issued after ``fecha``: a sorteo cannot be dated before the
    issue of the títulos it assigns (a juicio cannot open on a título that did not exist yet)."""
    return [f"{n} (emitido el {e:%d/%m/%Y})" for n, e in emisiones if e > fecha]
