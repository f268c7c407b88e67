"""What a desktop keeps for the sync (design.md §3): nothing in a standalone office."""

from __future__ import annotations

from sqlalchemy import func, select

from app.services.bootstrap import Servicios
from app.storage.models import Outbox
from tests.services.helpers import crear_titulos


def test_una_oficina_independiente_no_guarda_outbox(con_secretarios: Servicios) -> None:
    crear_titulos(con_secretarios, 5)
    con_secretarios.sorteo.realizar(semilla="s")
    with con_secretarios.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == 0


def test_un_escritorio_unido_guarda_cada_cambio_con_sus_campos(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    srv.ctx.central = True
    x = srv.secretarios.listar()[0]
    srv.secretarios.actualizar(x.id, email="abogada@iess.gob.ec")
    with srv.ctx.read() as s:
        o = s.scalars(select(Outbox).where(Outbox.tabla == "secretario", Outbox.operacion == "UPDATE")).one()
    assert o.campos == ["email"] and o.base_version == 1
