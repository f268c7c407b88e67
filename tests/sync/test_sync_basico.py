"""Two desktops of one office share its data through the central PostgreSQL (design.md §3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select, text

from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.storage.models import Expediente, Folio
from tests.conftest import CEDULAS, FIRMANTES
from tests.services.helpers import crear_titulos
from tests.sync.conftest import Central

# Round trips with the central PostgreSQL (a fresh database per test): seconds apiece.
pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _oficina_con_juicios(srv: Servicios, n: int = 6) -> None:
    srv.oficina.actualizar(**FIRMANTES)
    for nombre, ced, g in zip(["Ana Lucía Guamán", "Carlos Andrade Vera"], CEDULAS, "FM", strict=False):
        srv.secretarios.crear(nombre, ced, externo=True, genero=g)
    crear_titulos(srv, n)
    srv.sorteo.realizar(semilla="semilla-fija", fecha=date(2025, 3, 3))


def _numeros(srv: Servicios) -> list[str]:
    with srv.ctx.read() as s:
        return sorted(s.scalars(select(Expediente.numero)))


def test_oficina_independiente_sube_y_otro_escritorio_la_descarga(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a)
    antes = _numeros(a)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    r = a.sincronizacion.sincronizar()
    assert r.subida_inicial > 0 and r.pendientes == 0
    assert _numeros(a) == antes  # a standalone office keeps its numbers

    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("sec", Rol.SECRETARIO))
    rb = b.sincronizacion.sincronizar()
    assert rb.instantanea and rb.recibidos > 0
    assert _numeros(b) == antes
    # The acta de sorteo's file came with it, and every chain verifies on the new desktop.
    assert rb.archivos_bajados >= 1
    for numero in antes:
        assert b.foliacion.verificar(numero).intacta


def test_numeros_provisionales_reciben_el_final_del_servidor(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a, 4)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    # Offline on a joined desktop: new numbers are provisional.
    crear_titulos_extra(a, 3)
    a.sorteo.realizar(semilla="otra", fecha=date(2025, 3, 10))
    with a.ctx.read() as s:
        prov = s.scalars(select(Expediente.numero).where(Expediente.numero_provisional.is_(True))).all()
    assert len(prov) == 3 and all(n.startswith("P-") for n in prov)
    # The pull reads the server's log only below the oldest transaction still running on the server and waits
    # 5 s at most for it (app.sync.tirada.tirar); what is still behind comes with the next cycle. Seen once in
    # CI: the final numbers came a cycle later. They must come, and within three cycles.
    for _ in range(3):
        a.sincronizacion.sincronizar()
        if not any(n.startswith("P-") for n in _numeros(a)):
            break
    numeros = _numeros(a)
    assert numeros == [f"0601-2025-{i:05d}" for i in range(1, 8)]
    with servidor_central.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM expediente WHERE numero_provisional")).scalar() == 0
        assert c.execute(text("SELECT valor FROM contador WHERE clave = 'juicio:0601:2025'")).scalar() == 7


def crear_titulos_extra(srv: Servicios, n: int) -> None:
    from decimal import Decimal

    from app.storage.models import Deudor, TituloCredito

    with srv.ctx.tx("test: más títulos") as s:
        d = s.scalars(select(Deudor)).first()
        for i in range(n):
            s.add(TituloCredito(
                office_id=srv.ctx.office_id, numero=f"TC-EXTRA-{i + 1:04d}", fecha_emision=date(2025, 2, 1),
                deudor_id=d.id, concepto="Aportes", periodo="2024-12", capital=Decimal("100.00"),
                interes=Decimal("0"), recargo=Decimal("0"), total=Decimal("100.00"),
                fecha_interes_desde=date(2025, 1, 1), provincia="Chimborazo"))


def test_folios_de_dos_escritorios_sin_conexion_quedan_en_una_cadena(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    numero = _numeros(a)[0]
    a.foliacion.agregar(numero, b"escrito A" * 50, "escrito-a.pdf", tipo="ESCRITO", descripcion="Escrito A",
                        hojas=2, fecha=date(2025, 4, 1))
    b.foliacion.agregar(numero, b"respuesta B" * 50, "resp-b.pdf", tipo="ESCRITO", descripcion="Respuesta B",
                        hojas=3, fecha=date(2025, 4, 1))
    a.sincronizacion.sincronizar()
    b.sincronizacion.sincronizar()
    a.sincronizacion.sincronizar()
    for srv in (a, b):
        r = srv.foliacion.verificar(numero)
        assert r.intacta, r.mensaje()
        with srv.ctx.read() as s:
            rangos = s.execute(select(Folio.desde, Folio.hasta, Folio.provisional).join(Expediente)
                               .where(Expediente.numero == numero).order_by(Folio.posicion)).all()
        assert [(d, h) for d, h, _ in rangos][-2:] == [(rangos[-2][0], rangos[-2][0] + 1),
                                                      (rangos[-2][0] + 2, rangos[-2][0] + 4)]
        assert not any(p for *_, p in rangos)
    with servidor_central.engine.connect() as c:
        n = c.execute(select(func.count()).select_from(Folio)).scalar()
    with a.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == n


def test_verificar_compara_con_la_cabeza_del_servidor(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    import sqlite3

    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    numero = _numeros(a)[0]
    for i in range(3):
        a.foliacion.agregar(numero, f"escrito {i}".encode() * 40, f"e{i}.pdf", tipo="ESCRITO",
                            descripcion=f"Escrito {i}", hojas=1, fecha=date(2025, 4, 1))
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    assert a.foliacion.verificar(numero).intacta
    assert a.sincronizacion.verificar_con_central(numero) is None
    # Someone cuts the last folio out of the local file (bypassing the program): the local head (issue 9) and
    # the server's head both say so.
    con = sqlite3.connect(a.ctx.paths.database)
    con.execute("DROP TRIGGER IF EXISTS folio_sin_delete")
    con.execute("DELETE FROM folio WHERE posicion = (SELECT max(posicion) FROM folio f2 WHERE f2.expediente_id = "
                "folio.expediente_id) AND expediente_id = (SELECT id FROM expediente WHERE numero = ?)", (numero,))
    con.commit()
    con.close()
    local = a.foliacion.verificar(numero)
    assert not local.intacta and "faltan las últimas entradas de foliación" in (local.ruptura or "").lower()
    assert "se eliminaron folios" in (a.sincronizacion.verificar_con_central(numero) or "")


def test_un_folio_final_que_llega_antes_que_el_propio_no_choca(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    """A page may bring another desktop's final folio before this desktop's own (they commit under different
    transactions): the provisional one steps aside and the local chain stays whole."""
    from app.sync.tirada import aplicar_filas

    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    numero = _numeros(a)[0]
    a.foliacion.agregar(numero, b"A" * 300, "a.pdf", tipo="ESCRITO", descripcion="A", hojas=2, fecha=date(2025, 4, 1))
    b.foliacion.agregar(numero, b"B" * 300, "b.pdf", tipo="ESCRITO", descripcion="B", hojas=3, fecha=date(2025, 4, 1))
    a.sincronizacion.sincronizar()
    from app.storage.models import Documento

    with servidor_central.engine.connect() as c:
        fila = dict(c.execute(select(Folio)).mappings().one())
        doc = dict(c.execute(select(Documento).where(Documento.id == fila["documento_id"])).mappings().one())
    with b.ctx.engine.begin() as lc:
        aplicar_filas(lc, [("documento", str(doc["id"]), "INSERT", doc), ("folio", str(fila["id"]), "INSERT", fila)],
                      set())
    assert b.foliacion.verificar(numero).intacta
    with b.ctx.read() as s:
        rangos = s.execute(select(Folio.desde, Folio.hasta, Folio.provisional).order_by(Folio.posicion)).all()
    assert [tuple(r) for r in rangos] == [(1, 2, False), (3, 5, True)]
    b.sincronizacion.sincronizar()
    assert b.foliacion.verificar(numero).intacta


def test_un_escritorio_nuevo_entra_sin_red_con_la_clave_del_servidor(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    from app.services.usuarios import UsuariosService

    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    cuenta = servidor_central.usuario("mgarcia", Rol.SECRETARIO)
    b.sincronizacion.configurar(cuenta)
    b.sincronizacion.sincronizar(clave="Clave-del-servidor-2025")  # the server accepted it (trust here)
    u = UsuariosService(b.ctx).autenticar(cuenta.usuario, "Clave-del-servidor-2025")
    assert u.login == cuenta.usuario and u.rol == Rol.SECRETARIO
    # The hash reaches the office's other desktops, for their offline login too.
    b.sincronizacion.sincronizar()
    a.sincronizacion.sincronizar()
    assert UsuariosService(a.ctx).autenticar(cuenta.usuario, "Clave-del-servidor-2025").login == cuenta.usuario


def test_un_escritorio_mas_viejo_que_el_registro_podado_descarga_de_nuevo(
    servidor_central: Central, escritorio: Callable[[str], Servicios],
) -> None:
    from app.sync import central

    a = escritorio("a")
    _oficina_con_juicios(a, 2)
    a.sincronizacion.configurar(servidor_central.usuario("jefe", Rol.JEFE))
    a.sincronizacion.sincronizar()
    b = escritorio("b")
    b.sincronizacion.configurar(servidor_central.usuario("jefe2", Rol.JEFE))
    b.sincronizacion.sincronizar()
    a.pagos.registrar_costa(_numeros(a)[0], date(2025, 4, 2), "Publicación", "20.00")
    a.sincronizacion.sincronizar()
    assert central.podar(servidor_central.engine, 0) > 0  # B was offline longer than the log is kept
    r = b.sincronizacion.sincronizar()
    assert r.instantanea
    from app.storage.models_juicio import Costa

    with b.ctx.read() as s:
        assert s.scalars(select(Costa.concepto)).all() == ["Publicación"]
