"""Which payment dates the user must confirm or correct before an abono is recorded (pure rules).

A payment dated before the orden de pago inmediato is legal (the debtor may pay after the requerimiento de pago
voluntario) but unusual: a typing slip is likelier, so the user confirms it. A payment dated after today cannot
be recorded (it has not happened; the payment service refuses it): the date is to be corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def _dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class RevisionFechaPago:
    """``error``: why the date cannot be used (empty when it can); ``confirmar``: what to ask the user."""

    error: str = ""
    confirmar: tuple[str, ...] = ()


def revisar_fecha_pago(fecha: date, hoy: date, fecha_opi: date | None) -> RevisionFechaPago:
    """Check an abono's date against today (Ecuador) and the date of the juicio's OPI (None: no OPI yet)."""
    if fecha > hoy:
        return RevisionFechaPago(error=f"La fecha del pago ({_dmy(fecha)}) es posterior a hoy ({_dmy(hoy)}): un "
                                       "pago se registra cuando ya se hizo.")
    avisos = []
    if fecha_opi is not None and fecha < fecha_opi:
        avisos.append(f"La fecha del pago ({_dmy(fecha)}) es anterior a la orden de pago inmediato del "
                      f"{_dmy(fecha_opi)}.")
    return RevisionFechaPago(confirmar=tuple(avisos))
