"""``verificar`` catches every cut (issue 9): a test per tampering case, done the way someone with a SQLite
tool would (dropping the append-only triggers first), on an expediente built by the real services."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.common.progress import Progress
from app.services.bootstrap import Servicios
from app.services.notificaciones import NotificacionesService
from tests.manipulacion import manipular
from tests.services.helpers import crear_titulos, rpv_vencido

TZ = ZoneInfo("America/Guayaquil")


@pytest.fixture
def juicios(con_secretarios: Servicios, tmp_path: Path) -> tuple[Servicios, list[str]]:
    """Three juicios; the first with an RPV, an OPI (acts with their documents), a received scan and a
    notification: 3 folio entries and 3 acts; the second with one received escrito; the third untouched."""
    srv = con_secretarios
    crear_titulos(srv, 3)
    numeros = [a.juicio for a in srv.sorteo.realizar(semilla="verif", fecha=date(2025, 2, 3)).asignaciones]
    n = numeros[0]
    rpv_vencido(srv, n, date(2025, 3, 10))  # the RPV, notified, its 10 días hábiles lapsed
    srv.documentos.generar("opi", n, fecha=date(2025, 3, 10), destino=tmp_path / "opi.docx")
    NotificacionesService(srv.ctx).registrar(n, intento=1, forma="PERSONAL", direccion="Av. Daniel León Borja",
                                             notifica="OPI", fecha_hora=datetime(2025, 3, 11, 9, 15, tzinfo=TZ),
                                             efectiva=True)
    srv.foliacion.agregar(n, b"%PDF-1.4 escrito del deudor", "escrito.pdf", tipo="ESCRITO",
                          descripcion="Escrito del deudor", hojas=2, fecha=date(2025, 3, 12))
    # The second: still SORTEADO, with a received escrito only (a folio, no act).
    srv.foliacion.agregar(numeros[1], b"%PDF-1.4 otro escrito", "otro.pdf", tipo="ESCRITO",
                          descripcion="Escrito", hojas=1, fecha=date(2025, 2, 26))
    return srv, numeros


def _sql(srv: Servicios, sql: str, **params: object) -> None:
    manipular(srv.ctx.paths.database, sql, **params)


def _alterada(srv: Servicios, numero: str) -> str:
    r = srv.foliacion.verificar(numero)
    assert not r.intacta, r.mensaje()
    assert "ALTERADA" in r.mensaje()
    return (r.ruptura or "").lower()


def test_an_untouched_office_is_intact(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    r = srv.foliacion.verificar(numeros[0])
    assert r.intacta, r.mensaje()
    assert r.entradas >= 3 and r.actos >= 3
    assert "íntegra" in r.mensaje()
    assert srv.foliacion.verificar_todos().intacta


def test_the_database_refuses_to_edit_or_delete_legal_records(juicios: tuple[Servicios, list[str]]) -> None:
    srv, _ = juicios
    for tabla, columna in (("folio", "created_by"), ("acto", "created_by"), ("notificacion", "created_by"),
                           ("auditoria", "usuario")):
        for sql in (f"UPDATE {tabla} SET {columna} = 'x'", f"DELETE FROM {tabla}"):
            with pytest.raises(IntegrityError, match=r"no se (modifica|elimina)"), srv.ctx.engine.begin() as c:
                c.execute(text(sql))
    with srv.ctx.engine.connect() as c:
        nombres = {r[0] for r in c.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
    assert {"pago_sin_update", "pago_sin_delete"} <= nombres


def test_a_missing_file_is_a_cut(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    ultimo = srv.foliacion.indice(numeros[0])[-1]
    srv.ctx.blobs.path(ultimo.sha256).unlink()
    assert "falta el archivo «escrito.pdf»" in _alterada(srv, numeros[0])


def test_the_last_folio_removed(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    n = len(srv.foliacion.indice(numeros[0]))
    _sql(srv, "DELETE FROM folio WHERE posicion = :p AND expediente_id = (SELECT id FROM expediente WHERE "
              "numero = :n)", p=n, n=numeros[0])
    assert f"faltan las últimas entradas de foliación: el expediente tenía {n}" in _alterada(srv, numeros[0])


def test_the_last_two_folios_removed(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    n = len(srv.foliacion.indice(numeros[0]))
    _sql(srv, "DELETE FROM folio WHERE posicion >= :p AND expediente_id = (SELECT id FROM expediente WHERE "
              "numero = :n)", p=n - 1, n=numeros[0])
    assert f"quedan {n - 2}" in _alterada(srv, numeros[0])


def test_all_folios_removed(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    _sql(srv, "DELETE FROM folio WHERE expediente_id = (SELECT id FROM expediente WHERE numero = :n)",
         n=numeros[0])
    assert "no queda ninguna entrada de foliación" in _alterada(srv, numeros[0])


def test_an_act_edited(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    _sql(srv, "UPDATE acto SET fecha = '2025-03-30' WHERE tipo = 'OPI'")
    assert "un acto procesal fue modificado" in _alterada(srv, numeros[0]).lower()


def test_an_act_removed(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    _sql(srv, "DELETE FROM acto WHERE tipo = 'NOTIFICACION'")
    assert re.search(r"se eliminaron \d+ actos procesales", _alterada(srv, numeros[0]))


def test_a_folio_edited_is_named(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    _sql(srv, "UPDATE folio SET hasta = hasta + 1 WHERE posicion = 1")
    assert _alterada(srv, numeros[0]).startswith("entrada 1 (fojas 1-")


def test_the_head_removed(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    _sql(srv, "DELETE FROM ancla_expediente WHERE expediente_id = (SELECT id FROM expediente WHERE numero = :n)",
         n=numeros[1])
    assert "falta la cabeza anclada" in _alterada(srv, numeros[1])


def test_the_head_removed_with_every_folio_and_act(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    for tabla in ("ancla_expediente", "folio", "acto"):
        _sql(srv, f"DELETE FROM {tabla} WHERE expediente_id = (SELECT id FROM expediente WHERE numero = :n)",
             n=numeros[0])
    # The expediente's stage says acts were recorded: an expediente past SORTEADO without a head is a cut.
    assert "falta la cabeza anclada" in _alterada(srv, numeros[0])
    assert srv.foliacion.verificar(numeros[2]).intacta  # drawn, nothing recorded yet: no head, nothing cut


def test_a_cut_is_not_laundered_by_later_work(juicios: tuple[Servicios, list[str]]) -> None:
    srv, numeros = juicios
    n = len(srv.foliacion.indice(numeros[0]))
    _sql(srv, "DELETE FROM folio WHERE posicion = :p", p=n)
    srv.foliacion.agregar(numeros[0], b"otro escrito", "otro.pdf", tipo="ESCRITO", descripcion="Otro",
                          hojas=1, fecha=date(2025, 3, 3))
    assert not srv.foliacion.verificar(numeros[0]).intacta


def test_the_whole_office_names_each_altered_expediente_with_progress(
    juicios: tuple[Servicios, list[str]],
) -> None:
    srv, numeros = juicios
    _sql(srv, "DELETE FROM acto WHERE tipo = 'RPV'")
    _sql(srv, "DELETE FROM ancla_expediente WHERE expediente_id = (SELECT id FROM expediente WHERE numero = :n)",
         n=numeros[1])
    pasos: list[tuple[int, int, str]] = []
    resumen = srv.foliacion.verificar_todos(Progress(lambda a, b, m: pasos.append((a, b, m))))
    assert resumen.revisados == 3
    assert sorted(r.numero for r in resumen.alterados) == sorted([numeros[0], numeros[1]])
    assert pasos[0][:2] == (0, 3) and pasos[-1][:2] == (3, 3)
    assert "Verificados 3 expedientes: 2 ALTERADOS." in resumen.mensaje()
