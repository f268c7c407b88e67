"""The national monthly recovery table (domain.md §6) as imported by the jefe (issue 13).

One ``RecaudacionImportacion`` per imported file and one ``RecaudacionFila`` per row read from it: the months,
the adjustment rows ("Ajuste …", kept apart) and the file's TOTAL row (kept to show what the national system
declared). Both are append-only: importing a corrected table is a new import, and for each month the newest
import is the one shown.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.models import Base, Synced


class RecaudacionImportacion(Synced, Base):
    """One imported national recovery table: the file, its hash, the indicator codes read from its header
    (``codigos``: column key -> code, e.g. ``{"titulos_credito": "NC-DNRGC-DP-7"}``) and its period."""

    __tablename__ = "recaudacion_importacion"
    __append_only__ = True

    archivo: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    desde: Mapped[date]
    hasta: Mapped[date]
    meses: Mapped[int] = mapped_column(Integer)
    codigos: Mapped[dict[str, Any] | None]


class RecaudacionFila(Synced, Base):
    """One row of an imported table (USD). ``tipo``: MES (``mes`` = first day of the month), AJUSTE (an
    adjustment row, ``mes`` None unless its label names one) or TOTAL. ``etiqueta``: the row's label as read;
    ``linea``: its line (CSV) or row (XLSX) number in the file."""

    __tablename__ = "recaudacion_fila"
    __append_only__ = True
    __table_args__ = (Index("ix_recaudacion_fila_mes", "office_id", "tipo", "mes"),)

    importacion_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recaudacion_importacion.id"), index=True)
    tipo: Mapped[str] = mapped_column(String(10))
    mes: Mapped[date | None]
    etiqueta: Mapped[str] = mapped_column(String(120))
    linea: Mapped[int] = mapped_column(Integer)
    total: Mapped[Decimal]
    oportuna: Mapped[Decimal]
    mora: Mapped[Decimal]
    planilla_mora: Mapped[Decimal]
    glosas: Mapped[Decimal]
    titulos_credito: Mapped[Decimal]
    convenios: Mapped[Decimal]
