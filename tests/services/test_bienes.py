"""Seized goods through the services: inventory, custody chain, reports, costs, avalúo and remate."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.bienes import EstadoBien, ReglasBienes
from app.domain.permisos import Rol
from app.services.bienes import DesproporcionError, Filtro, NuevoBien
from app.services.bienes_comun import guardar_reglas
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario
from app.storage.models import Documento, Expediente, Folio
from app.storage.models_bienes import ActoBien, Bien, Custodia, Postura, Remate, SobranteRemate
from app.storage.models_juicio import Costa, Pago
from tests.documents.test_render import texto_docx
from tests.services.bienes_helpers import CEDULA_DEPOSITARIO, PNG, VIN, juicio_embargado

CAMIONETA = NuevoBien("VEHICULO", valor_estimado="900", ubicacion="Av. León Borja", condicion="Buena",
                      campos={"placa": "hbc 1234", "chasis": VIN, "marca": "Chevrolet", "modelo": "D-Max",
                              "anio": "2019", "color": "blanco"})


@pytest.fixture
def srv(con_secretarios: Servicios) -> Servicios:
    return con_secretarios


def _vehiculo(srv: Servicios) -> tuple[str, object]:
    j, acta = juicio_embargado(srv)
    b = srv.bienes.registrar(j, acta.documento_id, CAMIONETA, fotos=[("frente.png", PNG), ("placa.png", PNG + b"1")])
    return j, b


def _en_custodia(srv: Servicios, fecha: date = date(2025, 3, 14)) -> tuple[str, object, object]:
    j, b = _vehiculo(srv)
    dep = srv.depositarios.crear("Jorge Luis Naranjo Chávez", CEDULA_DEPOSITARIO)
    srv.depositarios.designar([b.id], dep.id, fecha, "Patio de la Unidad, Riobamba", "Buena")
    return j, b, dep


def test_registrar_vehiculo_con_fotos_y_acta(srv: Servicios) -> None:
    j, b = _vehiculo(srv)
    assert b.estado is EstadoBien.EMBARGADO and b.placa == "HBC-1234" and b.chasis == VIN
    assert "Placa HBC-1234" in b.identificacion and b.juicio == j and b.deudor
    ficha = srv.bienes.ficha(b.id)
    assert [f.nombre for f in ficha.fotos] == ["frente.png", "placa.png"]
    assert srv.bienes.foto(ficha.fotos[0].sha256) == PNG
    # Photos are evidence kept with the good, not folios: the índice ends with the OPI, the razón and the acta.
    assert [e.tipo for e in srv.foliacion.indice(j)][-3:] == ["OPI", "RAZON_NOTIFICACION", "ACTA_EMBARGO"]
    # The same plate cannot be seized twice while the first seizure lasts.
    with pytest.raises(ValidationError, match="Ya hay un bien embargado con placa HBC-1234"):
        srv.bienes.registrar(j, srv.bienes.actas(j)[0].documento_id, CAMIONETA)


def test_vin_con_digito_malo_se_rechaza_sin_guardar(srv: Servicios) -> None:
    j, acta = juicio_embargado(srv)
    malo = NuevoBien("VEHICULO", campos={**CAMIONETA.campos, "chasis": "1M8GDM9A1KP042788"})
    with pytest.raises(ValidationError, match="dígito verificador"):
        srv.bienes.registrar(j, acta.documento_id, malo)
    assert srv.bienes.listar(j) == []


def test_proporcionalidad_pide_confirmacion_con_cifras(srv: Servicios) -> None:
    j, acta = juicio_embargado(srv)
    casa = NuevoBien("INMUEBLE", valor_estimado="85.000,00",
                     campos={"clave_catastral": "060150010203", "canton": "Riobamba"})
    with pytest.raises(DesproporcionError) as exc:
        srv.bienes.registrar(j, acta.documento_id, casa)
    assert exc.value.figuras.valor_bienes == D("85000.00") and "USD 85.000,00" in exc.value.message
    assert srv.bienes.listar(j) == []
    b = srv.bienes.registrar(j, acta.documento_id, casa, confirmar_desproporcion=True)
    with srv.ctx.read() as s:
        datos = s.scalar(select(ActoBien.datos).where(ActoBien.bien_id == b.id))
    assert datos["proporcionalidad"]["confirmado"] and datos["proporcionalidad"]["valor_bienes"] == "85000.00"
    assert b.estado is EstadoBien.EMBARGADO


def test_designar_depositario_genera_acta_de_posesion_foliada(srv: Servicios) -> None:
    j, _b, dep = _en_custodia(srv)
    assert srv.bienes.listar(j)[0].estado is EstadoBien.EN_CUSTODIA
    indice = srv.foliacion.indice(j)
    assert indice[-1].tipo == "ACTA_POSESION" and indice[-1].desde == indice[-2].hasta + 1
    assert srv.foliacion.verificar(j).intacta
    with srv.ctx.read() as s:
        data = srv.ctx.blobs.get(s.scalar(select(Documento.archivo_sha256).where(Documento.tipo == "ACTA_POSESION")))
        c = s.scalars(select(Custodia)).one()
    t = texto_docx(data)
    assert "ACTA DE POSESIÓN" in t and "Jorge Luis Naranjo Chávez" in t and "Placa HBC-1234" in t
    assert "informar mensualmente" in t
    assert c.depositario_id == dep.id and c.de_depositario_id is None and c.documento_id is not None


def test_cadena_de_custodia_no_se_edita_ni_por_el_programa_ni_por_la_base(srv: Servicios) -> None:
    _j, b, dep = _en_custodia(srv)
    otro = srv.depositarios.crear("María Fernanda Yépez", "1710034065")
    srv.depositarios.designar([b.id], otro.id, date(2025, 4, 2), "Bodega del IESS, Riobamba")
    cadena = srv.depositarios.cadena(b.id)
    assert [(c.motivo, c.de_depositario_id, c.depositario_id) for c in cadena] == [
        ("DESIGNACION", None, dep.id), ("CAMBIO", dep.id, otro.id)]
    with pytest.raises(RuleError, match="no se modifican"), srv.ctx.tx("alterar") as s:
        s.get_one(Custodia, cadena[0].id).lugar = "Otro lugar"
    with pytest.raises(RuleError, match="no se eliminan"), srv.ctx.tx("borrar") as s:
        s.delete(s.get_one(Custodia, cadena[0].id))
    con = sqlite3.connect(srv.ctx.paths.database)
    with pytest.raises(sqlite3.DatabaseError, match="no se modifica ni se elimina"):
        con.execute("UPDATE custodia SET lugar = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="no se modifica ni se elimina"):
        con.execute("DELETE FROM custodia")
    # What the sync writes passes: an identical rewrite (the pull) and the office id given when joining.
    con.execute("UPDATE custodia SET lugar = lugar, fecha = fecha")
    con.execute("UPDATE custodia SET office_id = office_id")
    con.rollback()
    con.close()
    assert [c.lugar for c in srv.depositarios.cadena(b.id)] == ["Patio de la Unidad, Riobamba",
                                                                 "Bodega del IESS, Riobamba"]


def test_informe_vencido_a_traves_del_fin_de_mes_y_se_cierra_con_el_informe(srv: Servicios) -> None:
    _j, b, dep = _en_custodia(srv, fecha=date(2025, 3, 31))
    # Custody from 31 March: the report is due on 30 April, overdue from 1 May.
    assert srv.depositarios.informes_vencidos(date(2025, 4, 30)) == []
    [alerta] = srv.depositarios.informes_vencidos(date(2025, 5, 1))
    assert alerta.id == b.id and alerta.informe.vence == date(2025, 4, 30) and alerta.informe.dias_vencido == 1
    srv.depositarios.registrar_informe(b.id, date(2025, 4, 30), "Buena", "Patio de la Unidad", "Sin novedad")
    assert srv.depositarios.informes_vencidos(date(2025, 5, 1)) == []
    assert srv.depositarios.de(dep.id, date(2025, 5, 1))[0].informe.vence == date(2025, 5, 30)


def test_costos_de_custodia_llegan_a_la_liquidacion(srv: Servicios) -> None:
    j, b, _dep = _en_custodia(srv)
    antes = srv.liquidacion.calcular(j, date(2025, 4, 20))
    srv.depositarios.registrar_informe(b.id, date(2025, 4, 10), "Buena", "Patio", costo="35,00",
                                       concepto_costo="parqueadero de marzo", fotos=[("hoy.png", PNG)])
    srv.depositarios.registrar_costo(b.id, date(2025, 4, 15), "cambio de batería", "120.50")
    despues = srv.liquidacion.calcular(j, date(2025, 4, 20))
    assert despues.costas - antes.costas == D("155.50")
    assert despues.total - antes.total == D("155.50")
    with srv.ctx.read() as s:
        conceptos = sorted(s.scalars(select(Costa.concepto)))
    assert conceptos[0].startswith("Custodia de Vehículo Chevrolet") and "parqueadero de marzo" in conceptos[1]
    assert srv.bienes.ficha(b.id).costos == D("155.50")
    with pytest.raises(ValidationError, match="concepto del costo"):
        srv.depositarios.registrar_informe(b.id, date(2025, 4, 16), "Buena", "Patio", costo="10")


def test_depositario_solo_informa_sobre_sus_bienes(srv: Servicios) -> None:
    _j, b, dep = _en_custodia(srv)
    srv.usuarios.crear("jorge", "Jorge Luis Naranjo Chávez", Rol.DEPOSITARIO, clave="Clave-Segura-2025",
                       debe_cambiar_clave=False)
    srv.usuarios.crear("maria", "María Yépez", Rol.DEPOSITARIO, clave="Clave-Segura-2025", debe_cambiar_clave=False)
    srv.depositarios.vincular_usuario(dep.id, "jorge")
    jorge = con_usuario(srv, srv.usuarios.autenticar("jorge", "Clave-Segura-2025"))
    maria = con_usuario(srv, srv.usuarios.autenticar("maria", "Clave-Segura-2025"))
    assert [x.id for x in jorge.depositarios.mis_bienes()] == [b.id]
    assert maria.depositarios.mis_bienes() == [] and maria.bienes.buscar() == []
    with pytest.raises(PermissionDenied, match="no está bajo su custodia"):
        maria.depositarios.registrar_informe(b.id, date(2025, 4, 1), "Buena", "Patio")
    jorge.depositarios.registrar_informe(b.id, date(2025, 4, 1), "Buena", "Patio")
    with pytest.raises(PermissionDenied):
        jorge.bienes.terminar(b.id, "DEVUELTO", date(2025, 4, 2), "orden del juzgado")


def _rematable(srv: Servicios) -> tuple[str, object, object]:
    j, b, _dep = _en_custodia(srv)
    srv.remates.designar_perito([b.id], date(2025, 4, 11), "Ing. Pablo Esteban Tapia", "0603001231")
    srv.remates.registrar_avaluo(b.id, date(2025, 4, 20), "Ing. Pablo Esteban Tapia", "12.000,00", "0603001231",
                                 informe=("informe.png", PNG))
    r = srv.remates.convocar([b.id], date(2025, 4, 21), date(2025, 5, 12))
    return j, b, r


def test_avaluo_y_aviso_con_base_y_plazo_de_publicacion(srv: Servicios) -> None:
    j, b, _dep = _en_custodia(srv)
    srv.remates.registrar_avaluo(b.id, date(2025, 4, 20), "Ing. Pablo Tapia", "12000")
    with pytest.raises(ValidationError, match=r"al menos 20 días después del aviso \(21/04/2025\): desde el 11/05"):
        srv.remates.convocar([b.id], date(2025, 4, 21), date(2025, 5, 5))
    with srv.ctx.tx("test: base configurable") as s:
        guardar_reglas(s, srv.ctx.office_id, ReglasBienes(base_remate=D("0.6667")))
    r = srv.remates.convocar([b.id], date(2025, 4, 21), date(2025, 5, 12))
    assert (r.avaluo, r.base) == (D("12000.00"), D("8000.40"))
    assert srv.bienes.listar(j)[0].estado is EstadoBien.EN_REMATE
    with srv.ctx.read() as s:
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == j)) == "REMATE"


def test_postura_inferior_a_la_base_se_rechaza_con_cifras(srv: Servicios) -> None:
    _j, _b, r = _rematable(srv)
    with pytest.raises(RuleError, match=r"USD 11\.999,99 es inferior a la base del remate \(USD 12\.000,00\)"):
        srv.remates.registrar_postura(r.id, "Juan Pérez", "1710034065", "11999.99", "1200")
    with srv.ctx.read() as s:
        assert s.scalars(select(Postura)).all() == []


def test_adjudicacion_aplica_el_producto_y_registra_el_sobrante(srv: Servicios) -> None:
    j, b, r = _rematable(srv)
    srv.remates.registrar_postura(r.id, "Carlos Andrés Villacís", "0603001231", "13000", "1300")
    srv.remates.registrar_postura(r.id, "Paola Samaniego Ruiz", "0604571232", "13500", "500")  # deposit < 10 %
    saldo = srv.liquidacion.calcular(j, date(2025, 5, 12)).total
    a = srv.remates.adjudicar(r.id)
    assert a.remate.adjudicatario == "Carlos Andrés Villacís"
    assert a.producto.a_deuda == saldo and a.producto.sobrante == D("13000.00") - saldo
    assert a.saldo_despues == D("0.00") and "corresponde archivar" in a.mensaje()
    with srv.ctx.read() as s:
        pago = s.scalars(select(Pago)).one()
        assert pago.monto == saldo and pago.a_costas + pago.a_interes + pago.a_recargo + pago.a_capital == saldo
        assert pago.a_recargo == D("42.50") and pago.a_capital == D("1100.00")
        sob = s.scalars(select(SobranteRemate)).one()
        assert sob.monto == a.producto.sobrante
        rem = s.get_one(Remate, r.id)
        assert rem.pago_id == pago.id and rem.estado == "ADJUDICADO"
        tipos = [t for (t,) in s.execute(select(Documento.tipo).join(Folio, Folio.documento_id == Documento.id)
                                         .order_by(Folio.posicion))]
        acta = srv.ctx.blobs.get(s.scalar(select(Documento.archivo_sha256).where(Documento.tipo == "ACTA_REMATE")))
        calif = srv.ctx.blobs.get(s.scalar(select(Documento.archivo_sha256)
                                           .where(Documento.tipo == "CALIFICACION_POSTURAS")))
        ultimo = s.scalars(select(Custodia).order_by(Custodia.created_at.desc())).first()
        assert s.get_one(Bien, b.id).depositario_id is None
    assert tipos[-3:] == ["AVISO_REMATE", "CALIFICACION_POSTURAS", "ACTA_REMATE"]
    t = texto_docx(acta)
    assert "La base del remate es de USD 12.000,00" in t and "se imputa a la deuda" in t and "sobrante" in t
    tc = texto_docx(calif)
    assert "depósito inferior al 10 %" in tc and "Carlos Andrés Villacís" in tc
    assert ultimo.motivo == "ENTREGA_REMATE" and "adjudicatario" in ultimo.recibe
    assert srv.bienes.listar(j)[0].estado is EstadoBien.REMATADO


def test_acta_de_remate_sin_remate_registrado_se_rechaza(srv: Servicios) -> None:
    j, _b, _r = _rematable(srv)
    with pytest.raises(RuleError, match="se genera al adjudicar un remate registrado"):
        srv.documentos.generar("acta-remate", j, date(2025, 5, 12), {"hora": "10h00"})


def test_inventario_xlsx(srv: Servicios, tmp_path: Path) -> None:
    j, _b, _dep = _en_custodia(srv)
    srv.bienes.registrar(j, srv.bienes.actas(j)[0].documento_id, NuevoBien(
        "FONDOS", campos={"banco": "Banco del Pichincha", "cuenta": "3456789012", "monto_retenido": "300,00"}))
    destino = tmp_path / "inventario.xlsx"
    n = srv.bienes.exportar_inventario(destino, hoy=date(2025, 6, 1))
    assert n == 2
    wb = load_workbook(destino)
    ws = wb["Inventario"]
    filas = list(ws.iter_rows(values_only=True))
    assert filas[0][:6] == ("Juicio", "Coactivado", "Cédula/RUC", "Tipo", "Descripción", "Placa")
    por_tipo = {f[3]: f for f in filas[1:]}
    v = por_tipo["Vehículo"]
    assert v[0] == j and v[5] == "HBC-1234" and v[6] == VIN and v[9] == "En custodia"
    # In custody from 14/03: the report was due on 14/04; on 1 June it is 48 days late.
    assert v[10] == "Jorge Luis Naranjo Chávez" and v[13] == 900 and v[16].date() == date(2025, 4, 14) and v[17] == 48
    assert por_tipo["Fondos / cuenta"][13] == 300
    vencidos = list(wb["Informes vencidos"].iter_rows(values_only=True))
    assert len(vencidos) == 2 and vencidos[1][1].startswith("Vehículo Chevrolet") and vencidos[1][5] == 48


def test_busqueda_por_placa_deudor_estado_y_depositario(srv: Servicios) -> None:
    _j, b, dep = _en_custodia(srv)
    assert [x.id for x in srv.bienes.buscar(Filtro("HBC1234"))] == [b.id]
    assert [x.id for x in srv.bienes.buscar(Filtro("hbc-12"))] == [b.id]
    assert [x.id for x in srv.bienes.buscar(Filtro(VIN[:8]))] == [b.id]
    assert [x.id for x in srv.bienes.buscar(Filtro("ñandú"))] == [b.id]
    assert srv.bienes.buscar(Filtro("XYZ-999")) == []
    assert [x.id for x in srv.bienes.buscar(Filtro(depositario_id=dep.id))] == [b.id]
    assert srv.bienes.buscar(Filtro(estado=EstadoBien.AVALUADO)) == []
    assert [x.id for x in srv.bienes.buscar(Filtro(estado=EstadoBien.EN_CUSTODIA))] == [b.id]


def test_remate_sin_posturas_calificadas_se_declara_desierto(srv: Servicios) -> None:
    j, b, r = _rematable(srv)
    srv.remates.registrar_postura(r.id, "Paola Samaniego Ruiz", "0604571232", "12500", "100")  # deposit < 10 %
    with pytest.raises(RuleError, match=r"se adjudica el día señalado \(12/05/2025\)"):
        srv.remates.adjudicar(r.id, date(2025, 5, 11))
    with pytest.raises(RuleError, match="No hay posturas calificadas"):
        srv.remates.adjudicar(r.id)
    d = srv.remates.declarar_desierto(r.id, date(2025, 5, 12), "sin posturas calificadas")
    assert d.estado == "DESIERTO" and srv.bienes.listar(j)[0].estado is EstadoBien.AVALUADO
    with srv.ctx.read() as s:
        assert s.scalars(select(Pago)).all() == []
    # A new aviso may follow.
    r2 = srv.remates.convocar([b.id], date(2025, 5, 13), date(2025, 6, 10))
    assert r2.estado == "CONVOCADO" and r2.base == D("12000.00")
