"""The list's search (FTS5 names, debtor-index RUC/cédula, juicio numbers) returns what the search returned
before it was made fast: the rows of the former query, LIKE on the debtor's search key and a prefix range on
the identification, for accents, partial words, RUC and cédula prefixes and juicio numbers."""

from __future__ import annotations

import random
import re

import pytest
from sqlalchemy import or_, select

from app.common.text import search_key
from app.services.bootstrap import Servicios
from app.services.expedientes import OrdenExpedientes
from app.services.lista_expedientes import POCOS_DEUDORES
from app.storage.models import Deudor, Expediente
from tests.ui.conftest import FECHA_SORTEO
from tests.ui.datos import crear_titulos


def _como_antes(srv: Servicios, texto: str) -> list[str]:
    """The juicio numbers the search found before issue 14, in list order (the former query, verbatim)."""
    def prefijo(col: object, p: str) -> object:
        return (col >= p) & (col < p + "\U0010ffff")  # type: ignore[operator]

    t = texto.strip()
    cond = Expediente.office_id == srv.ctx.office_id
    if re.match(r"^[0-9]+(-[0-9]*)+$", t):
        cond = cond & prefijo(Expediente.numero, t)
    elif re.match(r"^[0-9]+$", t):
        cond = cond & Expediente.deudor_id.in_(select(Deudor.id).where(prefijo(Deudor.identificacion, t)))
    elif t:
        key = search_key(t)
        cond = cond & Expediente.deudor_id.in_(select(Deudor.id).where(
            or_(prefijo(Deudor.nombre_busqueda, key), Deudor.nombre_busqueda.like(f"% {key}%"))))
    with srv.ctx.read() as s:
        return list(s.scalars(select(Expediente.numero).where(cond).order_by(Expediente.numero)))


@pytest.fixture
def oficina(con_secretarios: Servicios) -> Servicios:
    crear_titulos(con_secretarios, 900)
    con_secretarios.sorteo.realizar(semilla="busqueda", fecha=FECHA_SORTEO)
    return con_secretarios


def _textos(srv: Servicios) -> list[str]:
    rng = random.Random(14)
    with srv.ctx.read() as s:
        deudores = s.execute(select(Deudor.nombre, Deudor.identificacion).order_by(Deudor.identificacion)).all()
        numeros = list(s.scalars(select(Expediente.numero).order_by(Expediente.numero)))
    textos = ["nunez", "NÚÑEZ", "núñez yép", "empresa ñan", "Ñauñay", "nauñay", "guaman", "guamán", "GUAMÁN AN",
              "lácteos", "lacteos los", "s.a", "cía. ltda", "c.a.", "del pac", "zz", "0", "06", "069", "17600046",
              "1760004650001", "1710034065", "0601-2025", "0601-2025-0001", "0601-2025-00001", "999-", "  ana  ",
              "ana lucia", "é", "-", ".", "a", "s", "&", "perez & h", "a\"b", "ltda."]
    for nombre, ident in rng.sample(deudores, 25):
        palabras = nombre.split()
        textos += [nombre[: rng.randint(2, 6)], rng.choice(palabras)[: rng.randint(2, 8)], nombre.lower(),
                   search_key(nombre)[:9], " ".join(palabras[1:3]), ident[: rng.randint(3, 10)], ident]
    textos += [n[: rng.randint(6, 15)] for n in rng.sample(numeros, 10)]
    return textos


@pytest.mark.slow
def test_the_search_returns_the_same_rows_as_before(oficina: Servicios) -> None:
    revisados = 0
    for texto in _textos(oficina):
        antes = _como_antes(oficina, texto)
        total, primera = oficina.expedientes.primera_pagina(texto, limite=5000, solo_mios=False)
        ahora = [f.numero for f in primera.filas]
        assert ahora == antes, texto
        assert total == len(antes) == oficina.expedientes.contar(texto, solo_mios=False), texto
        revisados += bool(antes)
    assert revisados > 150  # most of the texts find something: the comparison is not between empty lists


def test_a_broad_search_pages_the_same_rows_as_a_narrow_plan(oficina: Servicios,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """More matching debtors than POCOS_DEUDORES switches the plan (walk the list, count through the debtor
    index); the rows and the count are those of the former query either way."""
    import app.services.lista_expedientes as lista

    for umbral in (POCOS_DEUDORES, 3):
        monkeypatch.setattr(lista, "POCOS_DEUDORES", umbral)
        for texto in ("06", "069", "comercial", "a", "guam"):
            antes = _como_antes(oficina, texto)
            vistos: list[str] = []
            total, pagina = oficina.expedientes.primera_pagina(texto, limite=50, solo_mios=False)
            vistos += [f.numero for f in pagina.filas]
            while pagina.siguiente is not None:
                pagina = oficina.expedientes.pagina(texto, despues=pagina.siguiente, limite=50, solo_mios=False)
                vistos += [f.numero for f in pagina.filas]
            assert (total, vistos) == (len(antes), antes), (umbral, texto)


def test_keyset_pages_give_every_row_once_in_the_order_of_offset_pages(oficina: Servicios) -> None:
    for orden in OrdenExpedientes:
        for descendente in (False, True):
            completa = oficina.expedientes.buscar("", orden, descendente, limite=5000, solo_mios=False)
            vistos = []
            pagina = oficina.expedientes.pagina("", orden, descendente, limite=97, solo_mios=False)
            while True:
                vistos += pagina.filas
                if pagina.siguiente is None:
                    break
                pagina = oficina.expedientes.pagina("", orden, descendente, pagina.siguiente, limite=97,
                                                    solo_mios=False)
            assert [f.numero for f in vistos] == [f.numero for f in completa], (orden, descendente)
            assert len({f.numero for f in vistos}) == len(vistos) == 902
            if orden is OrdenExpedientes.CUANTIA:
                cuantias = [f.cuantia for f in vistos]
                assert cuantias == sorted(cuantias, reverse=descendente)
            if orden is OrdenExpedientes.DEUDOR:
                nombres = [search_key(f.deudor) for f in vistos]
                assert nombres == sorted(nombres, reverse=descendente)


def test_a_name_written_later_is_found_by_its_new_name(oficina: Servicios) -> None:
    """The name index follows every change of a debtor (triggers in the writer's transaction)."""
    numero = oficina.expedientes.buscar("nunez", solo_mios=False)[0].numero
    with oficina.ctx.tx("corregir nombre") as s:
        d = s.scalars(select(Deudor).where(Deudor.identificacion == "1710034065")).one()
        d.nombre, d.nombre_busqueda = "José Quishpe Yépez", search_key("José Quishpe Yépez")
    assert oficina.expedientes.contar("nunez", solo_mios=False) == 0
    assert [f.numero for f in oficina.expedientes.buscar("quishpe", solo_mios=False)] == [numero]
    assert [f.numero for f in oficina.expedientes.buscar("quishpe", solo_mios=False)] == _como_antes(oficina,
                                                                                                     "quishpe")
