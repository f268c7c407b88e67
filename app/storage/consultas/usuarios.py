"""Reusable reads of the office's people: the logins taken, a secretario-abogado by cédula.

Inside the caller's session (its unit of work); no writes.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import NotFoundError
from app.storage.models import Secretario, Usuario


def secretario_por_cedula(s: Session, office_id: uuid.UUID, cedula: str | None) -> uuid.UUID | None:
    """Id of the office's secretario-abogado with ``cedula``; None for no cédula (the whole office).

    Raises:
        NotFoundError: no secretario with that cédula in the office.
    """
    if not cedula or not cedula.strip():
        return None
    sid = s.scalar(select(Secretario.id).where(Secretario.office_id == office_id, Secretario.cedula == cedula.strip()))
    if sid is None:
        raise NotFoundError(f"No hay un secretario-abogado con cédula {cedula.strip()} en esta oficina.")
    return sid


def logins_de(s: Session, office_id: uuid.UUID) -> set[str]:
    return set(s.scalars(select(Usuario.login).where(Usuario.office_id == office_id)))

