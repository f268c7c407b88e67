"""Notificaciones: attempts per person, forms, photos foliated by SHA-256, the debtor's moves the stage."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.etapas import Etapa
from app.domain.permisos import Rol, UsuarioActual
from app.domain.tipos import TipoActo
from app.services.actos import ActosService
from app.services.bootstrap import Servicios
from app.services.deudores import DeudoresService
from app.services.notificaciones import FormaNotificacion, NotificacionesService
from app.storage.blobs import sha256_hex
from app.storage.models_juicio import Adjunto, Notificacion
from tests.services.test_actos import TZ, abrir_juicios, acto_con_documento, como, rpv_notificada

DIR = "Av. Daniel León Borja 12-34 y Carabobo"


@pytest.fixture
def juicio(con_secretarios: Servicios) -> tuple[Servicios, str]:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    rpv_notificada(srv, n)
    acto_con_documento(srv, n, TipoActo.OPI, date(2025, 2, 20))
    return srv, n


def _pdf(paginas: int) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(paginas):
        w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_failed_then_effective_attempt_with_photos_foliated(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    ns = NotificacionesService(srv.ctx)
    foto = b"\xff\xd8\xff\xe0 foto de la puerta cerrada"
    r1 = ns.registrar(n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 27, 9, 15, tzinfo=TZ),
                      direccion=DIR, efectiva=False, observaciones="Nadie atiende",
                      adjuntos=[("puerta.jpg", foto), ("acta.pdf", _pdf(3))])
    assert not r1.efectiva and r1.etapa is Etapa.OPI and r1.vence is None
    assert [(a.nombre_archivo, a.hojas, a.desde, a.hasta) for a in r1.adjuntos] == [
        ("puerta.jpg", 1, 3, 3), ("acta.pdf", 3, 4, 6)]  # the RPV is foja 1, the OPI foja 2
    assert srv.ctx.blobs.get(sha256_hex(foto)) == foto
    indice = srv.foliacion.indice(n)
    assert [e.tipo for e in indice] == ["RPV", "OPI", "ADJUNTO_NOTIFICACION", "ADJUNTO_NOTIFICACION"]
    assert indice[2].sha256 == sha256_hex(foto)
    assert srv.foliacion.verificar(n).intacta

    r2 = ns.registrar(n, intento=2, forma=FormaNotificacion.BOLETA, fecha_hora=datetime(2025, 2, 28, 16, 0, tzinfo=TZ),
                      direccion=DIR, recibido_por="María Pérez (empleada)", efectiva=True)
    assert r2.efectiva and r2.etapa is Etapa.NOTIFICADO and r2.vence == date(2025, 3, 7)
    assert r2.documento_notificado_id == ActosService(srv.ctx).historial(n)[2].documento_id  # the OPI
    lista = ns.listar(n)[1:]  # the first one is the RPV's
    assert [(x.intento, x.forma, x.efectiva, x.recibido_por) for x in lista] == [
        (1, FormaNotificacion.PERSONAL, False, ""), (2, FormaNotificacion.BOLETA, True, "María Pérez (empleada)")]
    assert lista[0].observaciones == "Nadie atiende" and lista[0].direccion == DIR
    with srv.ctx.read() as s:
        assert s.scalar(select(Adjunto.tabla).where(Adjunto.fila_id == r1.id)) == "notificacion"
    car = srv.expedientes.caratula(n)
    assert car.etapa is Etapa.NOTIFICADO
    with pytest.raises(RuleError, match="ya fue notificado de orden de pago inmediato el 28/02/2025"):
        ns.registrar(n, intento=3, forma="BOLETA", fecha_hora=datetime(2025, 3, 1, 9, tzinfo=TZ), direccion=DIR,
                     efectiva=True)


def test_attempts_in_order_and_press_only_after_a_failed_one(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    ns = NotificacionesService(srv.ctx)
    cuando = datetime(2025, 2, 27, 10, 0, tzinfo=TZ)
    with pytest.raises(RuleError, match="falta el intento 1 fallido"):
        ns.registrar(n, intento=2, forma="BOLETA", fecha_hora=cuando, direccion=DIR, efectiva=True)
    with pytest.raises(RuleError, match="por la prensa: primero debe constar un intento fallido"):
        ns.registrar(n, intento=1, forma="PRENSA", fecha_hora=cuando, efectiva=True)
    for i in (1, 2, 3):
        ns.registrar(n, intento=i, forma="BOLETA", fecha_hora=cuando, direccion=DIR, efectiva=False)
    with pytest.raises(RuleError, match="corresponde notificar por la prensa"):
        ns.registrar(n, intento=4, forma="BOLETA", fecha_hora=cuando, direccion=DIR, efectiva=False)
    with pytest.raises(RuleError, match="el siguiente es el 4"):
        ns.registrar(n, intento=3, forma="PRENSA", fecha_hora=cuando, efectiva=True)
    r = ns.registrar(n, intento=4, forma="PRENSA", fecha_hora=datetime(2025, 3, 10, 8, tzinfo=TZ), efectiva=True,
                     observaciones="Diario La Prensa, 10/03/2025")
    assert r.etapa is Etapa.NOTIFICADO and r.vence == date(2025, 3, 13)


def test_co_obligados_are_notified_on_their_own(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    garante = DeudoresService(srv.ctx).agregar_coobligado(n, "0602910945", "Luis Alberto Cando", "GARANTE",
                                                          "Calle Colón 22-10")
    ns = NotificacionesService(srv.ctx)
    g = ns.registrar(n, destinatario=garante.id, intento=1, forma="PERSONAL",
                     fecha_hora=datetime(2025, 2, 27, 11, 0, tzinfo=TZ), efectiva=True)
    assert (g.destinatario, g.identificacion, g.direccion, g.recibido_por) == (
        "Luis Alberto Cando", "0602910945", "Calle Colón 22-10", "Luis Alberto Cando")
    assert g.etapa is Etapa.OPI  # only the debtor's notification moves the stage
    assert g.vence == date(2025, 3, 6)  # his own 3-día término (Fri 28, Carnaval 3-4 March, Wed 5, Thu 6)
    terminos = ActosService(srv.ctx).terminos(n)[1:]  # the RPV's término (closed by the OPI) comes first
    assert [t.descripcion for t in terminos] == [
        "Término para pagar o dimitir bienes (COA art. 279) — Luis Alberto Cando"]
    # The debtor is still at his first attempt.
    d = ns.registrar(n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 28, 9, 0, tzinfo=TZ),
                     direccion=DIR, efectiva=True)
    assert d.etapa is Etapa.NOTIFICADO and d.coobligado_id is None
    ok, motivo = ActosService(srv.ctx).puede(n, TipoActo.EMBARGO, date(2025, 3, 7))
    assert not ok and "vence el 07/03/2025" in motivo
    with pytest.raises(ValidationError, match="no es un co-obligado"):
        ns.registrar(n, destinatario="no-es-un-id", intento=1, forma="PERSONAL",
                     fecha_hora=datetime(2025, 2, 28, tzinfo=TZ), direccion=DIR, efectiva=False)


def test_bad_input_is_refused_before_anything_is_written(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    ns = NotificacionesService(srv.ctx)
    with pytest.raises(ValidationError, match="zona horaria"):
        ns.registrar(n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 27, 9), direccion=DIR,
                     efectiva=True)
    with pytest.raises(ValidationError, match="Forma de notificación «CORREO» desconocida"):
        ns.registrar(n, intento=1, forma="CORREO", fecha_hora=datetime(2025, 2, 27, 9, tzinfo=TZ), efectiva=True)
    with pytest.raises(ValidationError, match="Indique la dirección"):
        ns.registrar(n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 27, 9, tzinfo=TZ), efectiva=True)
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count(Notificacion.id))) == 1  # only the RPV's
    assert len(srv.foliacion.indice(n)) == 2  # the RPV and the OPI only


def test_notification_needs_the_act_it_notifies(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    n = abrir_juicios(srv)[0]
    with pytest.raises(RuleError, match="no consta el acto que se notifica"):
        NotificacionesService(srv.ctx).registrar(
            n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 27, 9, tzinfo=TZ), direccion=DIR,
            efectiva=True, adjuntos=[("foto.jpg", b"x")])
    assert srv.foliacion.indice(n) == []


def test_a_citador_registers_notifications_and_a_depositario_cannot(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    citador = como(srv, UsuarioActual("pedro", Rol.CITADOR))
    r = NotificacionesService(citador.ctx).registrar(
        n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 28, 9, tzinfo=TZ), direccion=DIR, efectiva=True)
    assert r.autor == "pedro" and ActosService(srv.ctx).historial(n)[-1].autor == "pedro"
    depositario = como(srv, UsuarioActual("juan", Rol.DEPOSITARIO))
    with pytest.raises(PermissionDenied, match="registrar notificaciones"):
        NotificacionesService(depositario.ctx).registrar(
            n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 28, 9, tzinfo=TZ), direccion=DIR,
            efectiva=True)


def test_razon_factory_sets_the_razon_at_insert(juicio: tuple[Servicios, str]) -> None:
    srv, n = juicio
    vistos: list[Notificacion] = []

    def razon(session, notificacion):  # type: ignore[no-untyped-def]
        vistos.append(notificacion)
        return ActosService(srv.ctx).historial(n)[0].documento_id  # any document of the expediente

    r = NotificacionesService(srv.ctx, razon=razon).registrar(
        n, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 2, 28, 9, tzinfo=TZ), direccion=DIR, efectiva=True)
    assert vistos[0].id == r.id and vistos[0].efectiva
    assert r.razon_documento_id is not None
