"""What a committed write changed (app.common.cambios): the context tells its observer once per transaction,
with the kinds of data the rows written belong to; a write that fails tells nothing."""

from __future__ import annotations

from datetime import date

import pytest

from app.common.cambios import Cambios, de_tablas
from app.common.errors import AppError
from app.services.bootstrap import Servicios
from tests.conftest import SAMPLES


def test_tables_map_to_what_the_screens_show() -> None:
    assert de_tablas(["titulo_credito", "importacion"]) == Cambios(titulos=True)
    c = de_tablas(["acto", "termino", "folio", "documento"])
    assert c.actos and c.vencimientos and c.expedientes and c.documentos and not c.pagos
    assert c.tramite and not Cambios(usuarios=True).tramite
    assert not de_tablas(["intento_acceso", "auditoria"])  # nothing a screen shows
    assert (Cambios(pagos=True) | Cambios(bienes=True)) == Cambios(pagos=True, bienes=True)
    assert all(getattr(Cambios.todo(), f) for f in ("titulos", "usuarios", "oficina"))


def test_each_write_tells_the_observer_what_it_changed(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    vistos: list[Cambios] = []
    srv.ctx.observador = vistos.append
    srv.importacion.importar(SAMPLES / "titulos_ejemplo.csv")
    assert vistos == [Cambios(titulos=True, expedientes=True)]  # the títulos and their debtors
    vistos.clear()
    srv.sorteo.realizar(semilla="cambios", fecha=date(2025, 12, 22))
    assert len(vistos) == 1 and vistos[0].sorteo and vistos[0].expedientes and vistos[0].vencimientos
    vistos.clear()
    numero = srv.expedientes.buscar(limite=1)[0].numero
    srv.actos.registrar(numero, "PROVIDENCIA", date(2025, 12, 23),
                        datos={"termino": {"tipo": "TERMINO", "dias": 5, "descripcion": "Para contestar"}})
    assert len(vistos) == 1 and vistos[0].actos and vistos[0].vencimientos and not vistos[0].pagos


def test_a_refused_write_tells_nothing(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    vistos: list[Cambios] = []
    srv.ctx.observador = vistos.append
    with pytest.raises(AppError):
        srv.secretarios.crear("Otra Persona", "123", genero="F")  # an invalid cédula: nothing written
    assert vistos == []
    srv.ctx.observador = None
    srv.secretarios.crear("Pedro Páramo", "0926687856", genero="M")  # no observer: nothing to tell, no error
