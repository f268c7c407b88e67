"""Read and write the office preferences of :data:`app.domain.preferencias.REGISTRO`, typed.

Inside the caller's session (its unit of work). The only code that touches the ``preferencia`` table by key,
apart from the sync, which moves its rows as they are.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.preferencias import Ajuste
from app.storage.models import Preferencia

T = TypeVar("T")


def textos(s: Session, office_id: uuid.UUID, ajustes: Iterable[Ajuste[Any]]) -> dict[str, str]:
    """The stored text of each of ``ajustes`` the office set (one query), by key."""
    claves = [a.clave for a in ajustes]
    filas = s.execute(select(Preferencia.clave, Preferencia.valor)
                      .where(Preferencia.office_id == office_id, Preferencia.clave.in_(claves)))
    return {clave: valor for clave, valor in filas}


def leer(s: Session, office_id: uuid.UUID, ajuste: Ajuste[T]) -> T:
    """The office's value of ``ajuste`` (its default when unset).

    Raises:
        ConfigurationError: the stored value is not valid (names the key).
    """
    texto = s.scalar(select(Preferencia.valor).where(Preferencia.office_id == office_id,
                                                    Preferencia.clave == ajuste.clave))
    return ajuste.valor(texto)


def guardar(s: Session, office_id: uuid.UUID, ajuste: Ajuste[T], valor: T) -> None:
    """Store ``valor`` as the office's ``ajuste`` (insert or update).

    Raises:
        ConfigurationError: ``valor`` does not read back as a valid value.
    """
    texto = ajuste.texto(valor)
    fila = s.get(Preferencia, (office_id, ajuste.clave))
    if fila is None:
        s.add(Preferencia(office_id=office_id, clave=ajuste.clave, valor=texto))
    else:
        fila.valor = texto
