"""Gap-free counters in the local database (used when no central database allocates numbers)."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.storage.models import Contador


def allocate(session: Session, office_id: uuid.UUID, clave: str, n: int = 1) -> int:
    """Reserve ``n`` consecutive values of counter ``clave`` and return the first.

    Runs inside the caller's transaction: a rollback returns the numbers, so there are no gaps.
    """
    if n < 1:
        raise ValueError("n must be >= 1")
    row = session.execute(
        update(Contador)
        .where(Contador.office_id == office_id, Contador.clave == clave)
        .values(valor=Contador.valor + n)
        .returning(Contador.valor)
    ).scalar_one_or_none()
    if row is None:
        session.add(Contador(office_id=office_id, clave=clave, valor=n))
        session.flush()
        return 1
    return row - n + 1


def peek(session: Session, office_id: uuid.UUID, clave: str) -> int:
    """Last value handed out (0 if none)."""
    v = session.scalar(select(Contador.valor).where(Contador.office_id == office_id, Contador.clave == clave))
    return v or 0
