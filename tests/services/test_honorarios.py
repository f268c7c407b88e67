"""Honorarios: base and exclusions, tariff by date, IVA to the cent, request → review → order → payment,
no double payment, rejection and re-request, reversal; the fee as a line of the debt when charged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.common.dates import local_today
from app.common.errors import PermissionDenied, RuleError, ValidationError
from app.domain.honorarios import Checklist, EstadoSolicitud, Motivo
from app.domain.permisos import Rol
from app.services.bootstrap import Servicios
from app.services.sesion import con_usuario
from app.storage.models import Documento, Folio
from app.storage.models_juicio import Pago
from tests.cuentas import crear_usuarios, hasher_rapido
from tests.services.helpers import crear_titulos

TODO = Checklist(True, True, True, True, "Expediente entregado completo")


def _juicio(srv: Servicios, fecha: date = date(2025, 3, 10)) -> str:
    """One juicio drawn on ``fecha`` (título 1242.50), with a rate table from 2024."""
    crear_titulos(srv, 1)
    r = srv.sorteo.realizar(semilla="x", fecha=fecha)
    srv.liquidacion.agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    numero = r.asignaciones[0].juicio
    srv.documentos.generar("rpv", numero, fecha)  # a foliated document; its término lapsed long ago
    return numero


def _aprobar(srv: Servicios, numero: str, sid, fecha: date | None = None):  # type: ignore[no-untyped-def]
    srv.liquidacion.registrar(numero, fecha or local_today())
    return srv.honorarios.revisar(sid, True, TODO, fecha=fecha)


def test_fee_per_recovery_with_iva_rounded_to_the_cent(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("333.33"), "R-1")
    c = srv.honorarios.calcular(numero)
    (x,) = c.nuevas
    # 10 % of 333.33 = 33.333 -> 33.33; IVA 15 % of 33.33 = 4.9995 -> 5.00 (half up, to the cent)
    assert (x.honorario, x.iva, x.total) == (D("33.33"), D("5.00"), D("38.33"))
    assert (c.base, c.total) == (D("333.33"), D("38.33"))


def test_base_excludes_suspension_app_without_fees_and_before_sorteo(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv, date(2025, 1, 20))
    # during the legal suspension (default table: Ley Orgánica de Apoyo Financiero, to 28 Feb 2025)
    srv.pagos.registrar_abono(numero, date(2025, 2, 13), D("100.00"), "R-susp")
    # an ordinary abono: generates the fee
    srv.pagos.registrar_abono(numero, date(2025, 3, 3), D("200.00"), "R-ok")
    # an APP exonerated of fees, and a payment to it
    srv.convenios.crear(numero, date(2025, 3, 10), 6, sin_honorarios=True)
    srv.pagos.registrar_abono(numero, date(2025, 3, 20), D("150.00"), "R-app")
    # a recovery recorded before the sorteo (e.g. paid to cartera while the título waited for the draw)
    with srv.ctx.tx("test: recuperación previa") as s:
        e = s.scalar(select(Pago.expediente_id))
        s.add(Pago(office_id=srv.ctx.office_id, expediente_id=e, fecha=date(2025, 1, 10), monto=D("50.00"),
                   referencia="R-previo", a_costas=D(0), a_interes=D("50.00"), a_recargo=D(0), a_capital=D(0)))
    c = srv.honorarios.calcular(numero)
    motivos = {x.referencia: x.motivo for x in c.nuevas}
    assert motivos["Abono, comprobante R-ok"] == ""
    assert motivos["Abono, comprobante R-susp"].startswith(Motivo.SUSPENSION_LEGAL.etiqueta)
    assert motivos["Abono, comprobante R-app"].startswith(Motivo.APP_SIN_HONORARIOS.etiqueta)
    assert motivos["Abono, comprobante R-previo"].startswith(Motivo.ANTES_SORTEO.etiqueta)
    assert (c.recuperado, c.excluido, c.base) == (D("500.00"), D("300.00"), D("200.00"))
    assert (c.honorario, c.iva, c.total) == (D("20.00"), D("3.00"), D("23.00"))
    # the request keeps each exclusion with its reason and amount
    sid = srv.honorarios.solicitar(numero)
    (v,) = srv.honorarios_consultas.listar()
    assert v.id == sid and v.total == D("23.00") and v.exclusiones == ()  # the list does not read them
    v = srv.honorarios_consultas.obtener(sid)
    assert sorted(m for _, _, m, _ in v.exclusiones) == [D("50.00"), D("100.00"), D("150.00")]


def test_office_suspension_table_is_editable(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("100.00"), "R-1")
    assert srv.honorarios.calcular(numero).total == D("11.50")
    conf = srv.honorarios_tarifa.agregar_suspension(date(2025, 4, 1), date(2025, 4, 30), "Decreto de prueba")
    assert len(conf.suspensiones) == 2  # the default one is kept
    assert srv.honorarios.calcular(numero).total == D("0.00")
    srv.honorarios_tarifa.eliminar_suspension(date(2025, 4, 1), date(2025, 4, 30))
    assert srv.honorarios.calcular(numero).total == D("11.50")
    with pytest.raises(ValidationError, match="antes de empezar"):
        srv.honorarios_tarifa.agregar_suspension(date(2025, 5, 1), date(2025, 4, 1), "x")


def test_rate_change_between_two_payments(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    conf = srv.honorarios_tarifa.configuracion()
    assert not conf.tarifa_confirmada  # the default, shown as configurable
    srv.honorarios_tarifa.agregar_tarifa(date(2025, 5, 1), D("8"), D("15"), "Resolución de prueba, art. 1")
    assert srv.honorarios_tarifa.configuracion().tarifa_confirmada
    srv.pagos.registrar_abono(numero, date(2025, 4, 15), D("100.00"), "R-abril")
    srv.pagos.registrar_abono(numero, date(2025, 5, 15), D("100.00"), "R-mayo")
    a, b = srv.honorarios.calcular(numero).nuevas
    assert (a.porcentaje, a.honorario, a.iva) == (D("10"), D("10.00"), D("1.50"))
    assert (b.porcentaje, b.honorario, b.iva) == (D("8"), D("8.00"), D("1.20"))
    with pytest.raises(ValidationError, match="fuente legal"):
        srv.honorarios_tarifa.agregar_tarifa(date(2025, 6, 1), D("8"), D("15"), "  ")
    with pytest.raises(ValidationError, match="entre 0 y 100"):
        srv.honorarios_tarifa.agregar_tarifa(date(2025, 6, 1), D("180"), D("15"), "x")


def test_request_approve_order_in_folios_and_pay(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("400.00"), "R-1")
    sid = srv.honorarios.solicitar(numero)
    with pytest.raises(ValidationError, match="liquidación vigente"):
        srv.honorarios.revisar(sid, True, Checklist(True, True, False, True))
    with pytest.raises(RuleError, match="liquidación"):
        srv.honorarios.revisar(sid, True, TODO)  # none recorded after the payment
    doc_id = _aprobar(srv, numero, sid)
    with srv.ctx.read() as s:
        doc = s.get(Documento, doc_id)
        folio = s.scalar(select(Folio).where(Folio.documento_id == doc_id))
    assert doc.tipo == "ORDEN_PAGO_HONORARIOS" and folio is not None and folio.desde >= 1
    assert srv.foliacion.verificar(numero).intacta
    (v,) = srv.honorarios_consultas.listar()
    assert (v.estado, v.documento_id, v.total) == (EstadoSolicitud.APROBADO, doc_id, D("46.00"))
    with pytest.raises(RuleError, match="ya está aprobado"):
        srv.honorarios.revisar(sid, True, TODO)
    with pytest.raises(ValidationError, match="comprobante"):
        srv.honorarios.registrar_pago(sid, local_today(), "")
    srv.honorarios.registrar_pago(sid, local_today(), "CUR 2025-00981")
    (v,) = srv.honorarios_consultas.listar()
    assert (v.estado, v.comprobante) == (EstadoSolicitud.PAGADO, "CUR 2025-00981")
    with pytest.raises(RuleError, match="aprobada"):
        srv.honorarios.registrar_pago(sid, local_today(), "otra vez")


def test_a_recovery_is_never_requested_twice(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("400.00"), "R-1")
    srv.honorarios.solicitar(numero)
    with pytest.raises(RuleError, match="no se paga dos veces"):
        srv.honorarios.solicitar(numero)
    # a new recovery can be requested alone
    srv.pagos.registrar_abono(numero, date(2025, 4, 20), D("100.00"), "R-2")
    c = srv.honorarios.calcular(numero)
    assert [x.referencia for x in c.nuevas] == ["Abono, comprobante R-2"]
    assert len(c.retenidas) == 1 and "pendiente de revisión" in c.retenidas[0].solicitud
    srv.honorarios.solicitar(numero)
    assert sorted(v.total for v in srv.honorarios_consultas.listar()) == [D("11.50"), D("46.00")]


def test_rejection_needs_a_reason_and_releases_for_a_new_request(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("400.00"), "R-1")
    sid = srv.honorarios.solicitar(numero)
    with pytest.raises(ValidationError, match="motivo del rechazo"):
        srv.honorarios.revisar(sid, False, Checklist())
    assert srv.honorarios.revisar(sid, False, Checklist(foliacion_verificada=True), "Falta la razón de archivo") is None
    (v,) = srv.honorarios_consultas.listar()
    assert (v.estado, v.motivo) == (EstadoSolicitud.RECHAZADO, "Falta la razón de archivo")
    nueva = srv.honorarios.solicitar(numero)
    assert nueva != sid
    estados = {v.id: v.estado for v in srv.honorarios_consultas.listar()}
    assert estados == {sid: EstadoSolicitud.RECHAZADO, nueva: EstadoSolicitud.SOLICITADO}


def test_reversal_reverses_the_fee_it_generated(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("400.00"), "R-1")
    srv.pagos.registrar_abono(numero, date(2025, 4, 20), D("100.00"), "R-2")
    sid = srv.honorarios.solicitar(numero)
    pagos = srv.pagos.historial(numero).pagos
    with pytest.raises(RuleError, match="último pago"):
        srv.reversos.revertir_pago(numero, pagos[0].id, "Cheque protestado")
    # before the fee is paid: the request holding the payment is reverted; the rest is requested again
    r = srv.reversos.revertir_pago(numero, pagos[1].id, "Cheque protestado")
    assert r.solicitud_revertida == sid
    assert srv.pagos.historial(numero).total_pagado == D("400.00")
    nueva = srv.honorarios.solicitar(numero)
    v = next(x for x in srv.honorarios_consultas.listar() if x.id == nueva)
    assert v.total == D("46.00")  # 400.00 only: 100.00 and its reversal cancel out
    _aprobar(srv, numero, nueva)
    srv.honorarios.registrar_pago(nueva, local_today(), "CUR 1")
    # after the fee is paid: the reversal is a negative recovery deducted from the next request
    srv.pagos.registrar_abono(numero, date(2025, 5, 5), D("300.00"), "R-3")
    with pytest.raises(RuleError, match="ya fue revertido"):
        srv.reversos.revertir_pago(numero, pagos[1].id, "otra vez")
    ult = srv.pagos.historial(numero).pagos[-1]
    srv.reversos.revertir_pago(numero, ult.id, "Depósito de otro juicio")
    srv.pagos.registrar_abono(numero, date(2025, 5, 6), D("50.00"), "R-4")
    c = srv.honorarios.calcular(numero)
    assert [x.total for x in c.nuevas] == [D("34.50"), D("-34.50"), D("5.75")]
    assert c.total == D("5.75")


def test_lawyer_requests_only_his_own_and_sees_only_his_own(con_secretarios: Servicios,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hasher_rapido(monkeypatch)
    srv = con_secretarios
    crear_titulos(srv, 6)
    srv.sorteo.realizar(semilla="x", fecha=date(2025, 3, 10))
    srv.liquidacion.agregar_tasa(date(2024, 1, 1), D("12"), "Tabla de prueba", hasta=date(2026, 12, 1))
    us = crear_usuarios(srv)
    abogado = con_usuario(srv, us[Rol.SECRETARIO])
    jefe = con_usuario(srv, us[Rol.JEFE])
    with srv.ctx.read() as s:
        from app.storage.models import Expediente

        filas = s.execute(select(Expediente.numero, Expediente.secretario_id)).all()
    propios = [n for n, sid in filas if sid == us[Rol.SECRETARIO].secretario_id]
    ajeno = next(n for n, sid in filas if sid != us[Rol.SECRETARIO].secretario_id)
    for n in (propios[0], ajeno):
        srv.pagos.registrar_abono(n, date(2025, 4, 2), D("100.00"), f"R-{n}")
    abogado.honorarios.solicitar(propios[0])
    with pytest.raises(PermissionDenied):
        abogado.honorarios.solicitar(ajeno)
    srv.honorarios.solicitar(ajeno)
    assert [v.juicio for v in abogado.honorarios_consultas.listar()] == [propios[0]]
    assert len(jefe.honorarios_consultas.listar()) == 2
    sid = abogado.honorarios_consultas.listar()[0].id
    with pytest.raises(PermissionDenied):
        abogado.honorarios.revisar(sid, True, TODO)
    with pytest.raises(PermissionDenied):
        jefe.honorarios_tarifa.agregar_tarifa(date(2025, 1, 1), D("9"), D("15"), "x")
    desde = local_today() - timedelta(days=1)
    assert len(jefe.honorarios_consultas.listar(desde=desde, secretario_cedula="1710034065")) == 1


def test_fee_charged_to_the_coactivado_is_a_line_and_abonos_carry_it(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    antes = srv.liquidacion.calcular(numero, date(2025, 4, 2))
    assert not antes.honorarios_a_cargo and antes.honorarios == D("0.00")
    with pytest.raises(RuleError, match="Confirme la tarifa"):
        srv.honorarios_tarifa.cobrar_al_coactivado(True)
    srv.honorarios_tarifa.confirmar_tarifa()
    srv.honorarios_tarifa.cobrar_al_coactivado(True, desde=date(2025, 4, 1))
    assert not srv.liquidacion.calcular(numero, date(2025, 3, 31)).honorarios_a_cargo  # not before it started
    liq = srv.liquidacion.calcular(numero, date(2025, 4, 2))
    saldo_deuda = antes.total
    # the fee on what he still owes, at 10 % + IVA 15 %, is part of what he must pay
    fee = (saldo_deuda * D("0.10")).quantize(D("0.01"))
    fee += (fee * D("0.15")).quantize(D("0.01"))
    assert liq.honorarios == fee and liq.total == saldo_deuda + fee
    # an abono of 111.50 pays 100.00 of the debt and its fee 11.50 (10 % + IVA 15 % of the fee)
    r = srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("111.50"), "R-1")
    assert r.a_honorarios == D("11.50")
    assert r.a_costas + r.a_interes + r.a_recargo + r.a_capital == D("100.00")
    c = srv.honorarios.calcular(numero)
    assert (c.base, c.total) == (D("100.00"), D("11.50"))  # the fee part is not a recovery
    # paying the whole saldo (debt + fee) closes the juicio
    saldo = srv.liquidacion.calcular(numero, date(2025, 4, 3)).total
    r = srv.pagos.registrar_abono(numero, date(2025, 4, 3), saldo, "R-2")
    assert r.propone_archivo


def _texto(ruta) -> str:  # type: ignore[no-untyped-def]
    from docx import Document as Docx

    d = Docx(str(ruta))
    partes = [p.text for p in d.paragraphs]
    partes += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(partes)


def test_opi_and_liquidacion_show_the_fee_line_when_charged(con_secretarios: Servicios, tmp_path) -> None:  # type: ignore[no-untyped-def]
    srv = con_secretarios
    numero = _juicio(srv, date(2025, 2, 10))
    # the RPV notified on 11/02/2025: its 10 días hábiles lapse on 25/02, so the OPI may follow (COA art. 279)
    srv.notificaciones.registrar(numero, intento=1, forma="PERSONAL", efectiva=True, notifica="RPV", direccion="x",
                                 fecha_hora=datetime(2025, 2, 11, 15, 0, tzinfo=UTC))
    srv.liquidacion.registrar(numero, date(2025, 3, 12))
    liq = _texto(srv.documentos.generar("liquidacion", numero, date(2025, 3, 12), destino=tmp_path / "l1.docx").ruta)
    assert "Honorarios del secretario-abogado (no se cobran al coactivado)" in liq
    srv.honorarios_tarifa.confirmar_tarifa()
    srv.honorarios_tarifa.cobrar_al_coactivado(True, desde=date(2025, 3, 1))
    opi = _texto(srv.documentos.generar("opi", numero, date(2025, 3, 14), destino=tmp_path / "opi.docx").ruta)
    # título 1242.50: 10 % = 124.25 + IVA 15 % 18.64 = 142.89 -> 1385.39 in all
    assert "10 % de lo que se recaude, más IVA del 15 %" in opi
    assert "USD 142,89" in opi and "1.385,39" in opi
    r = srv.liquidacion.registrar(numero, date(2025, 3, 14))
    liq = _texto(srv.documentos.generar("liquidacion", numero, date(2025, 3, 14), {"liquidacion_id": str(r.id)},
                                        destino=tmp_path / "l2.docx").ruta)
    assert "(no se cobran al coactivado)" not in liq
    assert r.honorarios > 0 and f"{r.honorarios:.2f}".replace(".", ",") in liq


def test_fee_records_are_append_only_in_the_database(con_secretarios: Servicios) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("100.00"), "R-1")
    srv.honorarios.solicitar(numero)
    for tabla in ("solicitud_honorarios", "honorario_recuperacion"):
        for sql in (f"UPDATE {tabla} SET created_by = 'otro'", f"DELETE FROM {tabla}"):
            with pytest.raises(DatabaseError, match="no se modifica ni se elimina"), srv.ctx.tx("x") as s:
                s.execute(text(sql))


def test_cli_honorarios_report_and_xlsx(con_secretarios: Servicios, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from app.cli import main

    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("400.00"), "R-1")
    srv.honorarios.solicitar(numero)
    cedula = srv.honorarios_consultas.listar()[0].cedula
    hoy = local_today().strftime("%d/%m/%Y")
    raiz = str(srv.ctx.paths.root)
    out = tmp_path / "h.xlsx"
    assert main(["honorarios", "--data-dir", raiz, "--secretario", cedula, "--desde", "01/01/2025", "--hasta", hoy,
                 "--out", str(out)]) == 0
    texto = capsys.readouterr().out
    assert numero in texto and "# Pendiente de revisión: USD 46,00" in texto
    ws = load_workbook(out).active
    assert ws["B3"].value == numero and ws["L3"].value == 46
    assert main(["honorarios", "--data-dir", raiz, "--desde", hoy, "--hasta", "01/01/2025"]) == 2
    assert "antes de empezar" in capsys.readouterr().err


def test_fees_on_recoveries_before_the_office_charged_them_are_not_charged(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("100.00"), "R-antes")
    srv.honorarios_tarifa.confirmar_tarifa()
    srv.honorarios_tarifa.cobrar_al_coactivado(True, desde=date(2025, 5, 1))
    liq = srv.liquidacion.calcular(numero, date(2025, 5, 2))
    h = liq.detalle_honorarios
    # the lawyer is owed 11.50 on the April payment, but the coactivado is charged only the fee on his saldo
    assert h.total == D("11.50") and liq.honorarios == h.proyectado
    assert srv.honorarios.calcular(numero).total == D("11.50")


def test_the_order_is_generated_only_by_the_approval(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    numero = _juicio(srv)
    srv.pagos.registrar_abono(numero, date(2025, 4, 2), D("100.00"), "R-1")
    sid = srv.honorarios.solicitar(numero)
    for intento in (lambda: srv.documentos.generar("orden-pago-honorarios", numero, datos={"solicitud_id": str(sid)}),
                    lambda: srv.documentos.generar_lote("orden-pago-honorarios", [numero])):
        with pytest.raises(RuleError, match="al aprobar"):
            intento()
    assert srv.honorarios_consultas.listar()[0].documento_id is None
