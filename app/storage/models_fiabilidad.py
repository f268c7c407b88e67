"""Tables of issue 9: the chain head kept apart from the folio rows, and failed logins of unknown names."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.cadena import DIGEST_VACIO
from app.domain.foliacion import GENESIS
from app.storage.models import Base, Expediente, Synced


class AnclaExpediente(Base):
    """The head of an expediente's record (:class:`app.domain.cadena.Cabeza`), one row per expediente.

    Written only by :mod:`app.storage.ancla`, in the same transaction as each folio entry and each act: born
    with the expediente's first one and moved forward with each, never recomputed from the rows it guards
    (recomputing would launder a cut). It sits apart from ``folio`` and ``acto`` so that cutting those rows
    leaves a head that no longer matches.

    Local, never synced and never overwritten by a pull: it is this desktop's witness. Rows pulled from the
    central server move it forward the same way (:func:`app.storage.ancla.mover_por_replica`), and when a
    pull re-chains this desktop's provisional folios after the server's final ones, the head follows the new
    last entry. The central server keeps its own head of every chain, computed from the folios it holds: it is
    the external anchor (design.md §3, ``SincronizacionService.verificar_con_central``). Two desktops that
    foliate the same expediente would otherwise fight over one synced head row.
    """

    __tablename__ = "ancla_expediente"

    expediente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("expediente.id"), primary_key=True)
    folios: Mapped[int] = mapped_column(Integer, default=0)
    ultimo_folio: Mapped[int] = mapped_column(Integer, default=0)
    hash_folio: Mapped[str] = mapped_column(String(64), default=GENESIS)
    actos: Mapped[int] = mapped_column(Integer, default=0)
    hash_actos: Mapped[str] = mapped_column(String(64), default=DIGEST_VACIO)

    # Lets the unit of work insert the expediente before its head when both are new in one flush.
    expediente: Mapped[Expediente] = relationship()


class IntentoAcceso(Synced, Base):
    """Failed logins of a name that is not a user of the office, kept like a user's own count.

    An unknown login must behave exactly like a real one (same message, same lock-out after
    :data:`app.domain.claves.MAX_INTENTOS` failures), across processes and restarts; so its count lives in
    the database, not in memory. Policy ``"fusionar"``: not legal data.
    """

    __tablename__ = "intento_acceso"
    __sync_policy__ = "fusionar"
    __table_args__ = (UniqueConstraint("office_id", "login"),)

    login: Mapped[str] = mapped_column(String(60))
    intentos_fallidos: Mapped[int] = mapped_column(Integer, default=0)
    bloqueado_hasta: Mapped[datetime | None]
