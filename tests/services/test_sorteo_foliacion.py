from datetime import date

import pytest
from sqlalchemy import func, select, text

from app.common.errors import CancelledError, NotFoundError, RuleError, ValidationError
from app.common.progress import Progress
from app.services.bootstrap import Servicios
from app.storage.models import Auditoria, Expediente, Folio, Outbox, TituloCredito
from tests.manipulacion import quitar_protecciones
from tests.services.helpers import crear_titulos


def test_sorteo_opens_numbered_expedientes_evenly(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    crear_titulos(srv, 10)
    r = srv.sorteo.realizar(semilla="s1", fecha=date(2025, 5, 13))
    assert [a.juicio for a in r.asignaciones] == [f"0601-2025-{i:05d}" for i in range(1, 11)]
    counts = sorted(r.por_secretario().values())
    assert counts == [3, 3, 4]
    assert srv.sorteo.contar_pendientes() == 0
    assert srv.sorteo.verificar(r.sorteo_id)
    assert srv.expedientes.contar() == 10


def test_numbers_continue_and_restart_per_year(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    crear_titulos(srv, 4)
    ids = [t.id for t in srv.sorteo.pendientes()]
    srv.sorteo.realizar(ids[:2], semilla="a", fecha=date(2025, 12, 30))
    r2 = srv.sorteo.realizar(ids[2:3], semilla="b", fecha=date(2025, 12, 31))
    r3 = srv.sorteo.realizar(ids[3:], semilla="c", fecha=date(2026, 1, 2))
    assert r2.asignaciones[0].juicio == "0601-2025-00003"
    assert r3.asignaciones[0].juicio == "0601-2026-00001"


def test_same_seed_same_draw_in_another_office_database(con_secretarios: Servicios, tmp_path) -> None:
    from app.common.paths import DataPaths
    from app.services.bootstrap import abrir
    from tests.conftest import CEDULAS, FIRMANTES

    crear_titulos(con_secretarios, 9)
    r1 = con_secretarios.sorteo.realizar(semilla="igual", fecha=date(2025, 5, 13))
    otro = abrir(DataPaths(tmp_path / "otra"))
    otro.oficina.actualizar(**FIRMANTES)
    try:
        for n, c in zip(["Ana Lucía Guamán", "Carlos Andrade Vera", "María José Paredes"], CEDULAS, strict=False):
            otro.secretarios.crear(n, c)
        crear_titulos(otro, 9)
        r2 = otro.sorteo.realizar(semilla="igual", fecha=date(2025, 5, 13))
    finally:
        otro.close()
    # Ids differ between databases; the canonical order (título number, cédula) makes the draw agree.
    assert [(a.titulo, a.secretario_cedula) for a in r1.asignaciones] == [
        (a.titulo, a.secretario_cedula) for a in r2.asignaciones
    ]


def test_sorteo_refused_without_active_secretarios(servicios: Servicios) -> None:
    crear_titulos(servicios, 2)
    with pytest.raises(ValidationError, match="secretarios-abogados activos"):
        servicios.sorteo.realizar(semilla="x")
    assert servicios.sorteo.contar_pendientes() == 2


def test_cancelled_sorteo_writes_nothing(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    crear_titulos(srv, 500)
    calls = []

    def on_step(done: int, total: int, msg: str) -> None:
        calls.append(done)
        if done >= 200:
            prog.cancel()

    prog = Progress(on_step)
    with pytest.raises(CancelledError):
        srv.sorteo.realizar(semilla="x", progress=prog)
    assert srv.expedientes.contar() == 0
    assert srv.sorteo.contar_pendientes() == 500
    # The counter rolled back with the rest: the next sorteo starts at 00001 (no gaps).
    r = srv.sorteo.realizar(semilla="x", fecha=date(2025, 1, 6))
    assert r.asignaciones[0].juicio == "0601-2025-00001"


def test_inactive_secretario_takes_no_part(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    fuera = srv.secretarios.listar()[0]
    srv.secretarios.actualizar(fuera.id, activo=False)
    crear_titulos(srv, 6)
    r = srv.sorteo.realizar(semilla="x")
    assert fuera.nombres not in {a.secretario for a in r.asignaciones}


def _un_juicio(srv: Servicios) -> str:
    crear_titulos(srv, 1)
    return srv.sorteo.realizar(semilla="x", fecha=date(2025, 5, 13)).asignaciones[0].juicio


def test_foliation_consecutive_and_indexed(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _un_juicio(srv)
    srv.foliacion.agregar(juicio, b"escrito", "escrito.pdf", tipo="ESCRITO", descripcion="Escrito del deudor",
                          hojas=3, fecha=date(2025, 5, 14))
    e2 = srv.foliacion.agregar(juicio, b"respuesta", "banco.pdf", tipo="RESPUESTA",
                               descripcion="Respuesta del banco", hojas=2, fecha=date(2025, 5, 15))
    assert (e2.desde, e2.hasta) == (4, 5)
    indice = srv.expedientes.indice(juicio)
    assert [(e.desde, e.hasta, e.descripcion) for e in indice] == [
        (1, 3, "Escrito del deudor"), (4, 5, "Respuesta del banco")]
    assert srv.foliacion.verificar(juicio).intacta
    assert srv.expedientes.caratula(juicio).folios == 5


def test_cuerpos_of_200_folios(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _un_juicio(srv)
    srv.foliacion.agregar(juicio, b"a", "a.pdf", tipo="ESCRITO", descripcion="A", hojas=199, fecha=date(2025, 5, 14))
    e = srv.foliacion.agregar(juicio, b"b", "b.pdf", tipo="ESCRITO", descripcion="B", hojas=3, fecha=date(2025, 5, 14))
    assert (e.desde, e.hasta, e.cuerpo_desde, e.cuerpo_hasta) == (200, 202, 1, 2)
    assert srv.expedientes.caratula(juicio).cuerpos == 2


def test_tampered_folio_is_named(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _un_juicio(srv)
    for i in range(3):
        srv.foliacion.agregar(juicio, f"doc{i}".encode(), f"d{i}.pdf", tipo="ESCRITO", descripcion=f"D{i}",
                              hojas=2, fecha=date(2025, 5, 14))
    with srv.ctx.engine.begin() as c:  # someone edits the database behind the program's back
        quitar_protecciones(c)
        c.execute(text("UPDATE folio SET documento_sha256 = :h WHERE posicion = 2"), {"h": "0" * 64})
    r = srv.foliacion.verificar(juicio)
    assert not r.intacta
    assert r.ruptura is not None and r.ruptura.startswith("Entrada 2 (fojas 3-4)")


def test_modified_file_is_detected(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _un_juicio(srv)
    e = srv.foliacion.agregar(juicio, b"original", "o.pdf", tipo="ESCRITO", descripcion="O", hojas=1,
                              fecha=date(2025, 5, 14))
    srv.ctx.blobs.path(e.sha256).write_bytes(b"cambiado")
    r = srv.foliacion.verificar(juicio)
    assert not r.intacta and "fue modificado" in (r.ruptura or "")


def test_folio_entries_cannot_be_edited_through_the_program(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    juicio = _un_juicio(srv)
    srv.foliacion.agregar(juicio, b"x", "x.pdf", tipo="ESCRITO", descripcion="X", hojas=1, fecha=date(2025, 5, 14))
    with pytest.raises(RuleError, match="no se modifican"), srv.ctx.tx("editar folio") as s:
        f = s.scalars(select(Folio)).one()
        f.hasta = 7
    with pytest.raises(RuleError, match="no se eliminan"), srv.ctx.tx("borrar folio") as s:
        s.delete(s.scalars(select(Folio)).one())
    assert srv.foliacion.verificar(juicio).intacta


def test_unknown_juicio(servicios: Servicios) -> None:
    with pytest.raises(NotFoundError, match="No existe el juicio"):
        servicios.foliacion.verificar("0601-2025-99999")


def test_every_write_is_audited_and_queued_for_sync(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    crear_titulos(srv, 3)
    srv.ctx.central = True  # joined to a central server: changes are queued in the outbox
    srv.sorteo.realizar(semilla="x")
    x = srv.secretarios.listar()[0]
    srv.secretarios.actualizar(x.id, email="abogado@iess.gob.ec")
    with srv.ctx.read() as s:
        n_exp = s.scalar(select(func.count()).select_from(Expediente))
        audit_exp = s.scalar(select(func.count()).where(Auditoria.tabla == "expediente"))
        upd = s.scalars(select(Auditoria).where(Auditoria.tabla == "secretario", Auditoria.operacion == "UPDATE")).one()
        titulo_upd = s.scalars(
            select(Auditoria).where(Auditoria.tabla == "titulo_credito", Auditoria.operacion == "UPDATE")).first()
        outbox = s.scalars(select(Outbox).where(Outbox.tabla == "secretario", Outbox.operacion == "UPDATE")).one()
        version = s.scalar(select(TituloCredito.row_version).limit(1))
    assert n_exp == audit_exp == 3
    assert upd.antes["email"] == "" and upd.despues["email"] == "abogado@iess.gob.ec"
    assert upd.accion == "actualizar secretario" and upd.usuario == "administrador"
    assert titulo_upd is not None and titulo_upd.antes["estado"] == "PENDIENTE"
    assert titulo_upd.despues["estado"] == "SORTEADO"
    assert outbox.base_version == 1 and outbox.datos["row_version"] == 2
    assert version == 2
