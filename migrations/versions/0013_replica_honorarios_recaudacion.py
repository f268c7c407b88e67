"""replica_honorarios_recaudacion: the fee and recaudación records let the sync's own writes through

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 02:05:00

The append-only triggers of the fee records (0008: ``solicitud_honorarios``, ``honorario_recuperacion``,
``evento_honorarios``) and of the imported recaudación table (0009: ``recaudacion_importacion``,
``recaudacion_fila``) refused every UPDATE on a desktop, the sync's included. Two of the sync's writes are
UPDATEs of such rows, and both were refused:

- a standalone office joining a central server gives every local row the server's office id
  (``app.sync.ciclo``): an office that had imported a recaudación table or recorded fees could not join;
- a pull rewrites a row the desktop already holds with the server's identical copy (``app.sync.tirada``): a
  joined desktop that imported a recaudación table failed at every later sync.

They now refuse an UPDATE or DELETE unless it is the sync applying the server's decisions (``foja_replica()``,
registered only on the program's own connections: :func:`app.storage.db.como_replica`), as the folios, acts,
notifications and payments do since 0006. Any other program's connection has no ``foja_replica()`` and is still
refused. On PostgreSQL nothing changes: the server's copies stay immutable (a join uploads them with INSERT).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HONORARIOS = ("solicitud_honorarios", "honorario_recuperacion", "evento_honorarios")
_RECAUDACION = ("recaudacion_importacion", "recaudacion_fila")


def _mensajes(tabla: str) -> tuple[str, str]:
    """The (update, delete) messages of 0008 and 0009, unchanged."""
    if tabla in _HONORARIOS:
        m = f"Registro legal de honorarios ({tabla}): no se modifica ni se elimina."
        return m, m
    return ("La tabla de recaudación importada no se modifica: importe una corregida.",
            "La tabla de recaudación importada no se elimina.")


def _triggers(cuando: str) -> None:
    for tabla in (*_HONORARIOS, *_RECAUDACION):
        actualizar, borrar = _mensajes(tabla)
        for accion, mensaje in (("UPDATE", actualizar), ("DELETE", borrar)):
            nombre = f"{tabla}_sin_{accion.lower()}"
            op.execute(f"DROP TRIGGER IF EXISTS {nombre}")
            op.execute(f"CREATE TRIGGER {nombre} BEFORE {accion} ON {tabla} {cuando}"
                       f"BEGIN SELECT RAISE(ABORT, '{mensaje}'); END")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _triggers("WHEN NOT foja_replica() ")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _triggers("")
