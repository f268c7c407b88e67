"""Acting as a user: the same installation (engine, office, blobs) with every service bound to who logged in."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.domain.permisos import UsuarioActual
from app.services.bootstrap import Servicios, construir
from app.services.context import Contexto
from app.storage.models import Secretario


def contexto_de(ctx: Contexto, usuario: UsuarioActual) -> Contexto:
    """``ctx`` acting as ``usuario`` (shares the engine, the session factory and the blob store)."""
    return replace(ctx, usuario=usuario)


def con_usuario(servicios: Servicios, usuario: UsuarioActual) -> Servicios:
    """Every service of ``servicios`` rebuilt to act as ``usuario`` (checks and audit follow him).

    The result shares the engine with ``servicios``: close only one of them.
    """
    return construir(contexto_de(servicios.ctx, usuario))


def cedula_del_secretario(servicios: Servicios, usuario: UsuarioActual) -> str | None:
    """The cédula of the secretario-abogado ``usuario`` is (for the vencimientos filter); None otherwise."""
    if usuario.secretario_id is None:
        return None
    ctx = servicios.ctx
    with ctx.read() as s:  # one row by key, not the whole list with its per-secretario expediente counts
        return s.scalar(select(Secretario.cedula).where(
            Secretario.id == usuario.secretario_id, Secretario.office_id == ctx.office_id))
