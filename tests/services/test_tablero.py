"""Every dashboard aggregation against the hand-computed figures of tests/tablero_datos.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.common.errors import ValidationError
from app.domain.etapas import Etapa
from app.domain.tablero import EstadoCartera, banda_de
from app.services.bootstrap import Servicios
from app.services.tablero_datos import Filtros
from tests.tablero_datos import HOY, Oficina, agregar_bienes, crear_oficina_tablero

D = Decimal


@pytest.fixture
def oficina(con_secretarios: Servicios) -> Oficina:
    return crear_oficina_tablero(con_secretarios)


def _mes(datos, estado: EstadoCartera, mes: str) -> Decimal:  # type: ignore[no-untyped-def]
    return datos.recaudacion[estado][datos.meses.index(mes)]


def test_recaudacion_by_month_and_state_of_the_portfolio(oficina: Oficina) -> None:
    d = oficina.srv.tablero.datos(hoy=HOY)
    assert d.meses[0] == "2024-07" and d.meses[-1] == "2026-06" and len(d.meses) == 24
    assert _mes(d, EstadoCartera.EN_TRAMITE, "2026-05") == D("100.00")
    assert _mes(d, EstadoCartera.CONVENIO, "2026-05") == D("40.25")
    assert _mes(d, EstadoCartera.EMBARGO, "2026-04") == D("250.50")
    assert _mes(d, EstadoCartera.CANCELADA, "2025-08") == D("500.00")
    assert d.recuperado == D("890.75")  # E5's payment of 02/2024 is before the period
    assert d.recuperado_mes()[d.meses.index("2026-05")] == D("140.25")


def test_funnel_and_age_bands(oficina: Oficina) -> None:
    d = oficina.srv.tablero.datos(hoy=HOY)
    etapas = {e: (n, c) for e, n, c in d.por_etapa if n}
    assert etapas == {Etapa.SORTEADO: (1, D("1000.00")), Etapa.EMBARGO: (1, D("2000.00")),
                      Etapa.ARCHIVADO: (1, D("500.00")), Etapa.SUSPENDIDO: (1, D("300.00")),
                      Etapa.OPI: (1, D("4000.00")), Etapa.RPV: (1, D("250.00"))}
    assert [e for e, _n, _c in d.por_etapa][:3] == [Etapa.SORTEADO, Etapa.RPV, Etapa.OPI]  # procedure order
    assert [(n, c) for _b, n, c in d.por_banda] == [
        (1, D("1000.00")), (2, D("2250.00")), (1, D("300.00")), (0, D("0.00")), (1, D("4000.00"))]
    assert d.expedientes == 6 and d.cuantia == D("8050.00")
    assert banda_de(180).indice == 0 and banda_de(181).indice == 1 and banda_de(1096).indice == 4


def test_secretarios_recovery_plazo_and_overdue_terms(oficina: Oficina) -> None:
    a, b, c = oficina.secretarios
    d = oficina.srv.tablero.datos(hoy=HOY)
    por = {r.secretario_id: r for r in d.secretarios}
    assert (por[a].expedientes, por[a].asignado, por[a].recuperado) == (2, D("3000.00"), D("350.50"))
    assert (por[a].en_tramite, por[a].plazo_vencido, por[a].terminos_vencidos) == (2, 0, 1)
    assert por[a].cumplimiento == 1.0
    assert (por[b].asignado, por[b].recuperado, por[b].en_tramite, por[b].plazo_vencido) == \
        (D("800.00"), D("540.25"), 0, 0)
    assert por[b].cumplimiento is None
    assert (por[c].asignado, por[c].recuperado, por[c].en_tramite, por[c].plazo_vencido) == \
        (D("4250.00"), D("0.00"), 2, 2)
    assert por[c].terminos_vencidos == 0 and por[c].cumplimiento == 0.0
    assert [r.secretario_id for r in d.secretarios] == [c, a, b]  # largest assignment first


def test_filters(oficina: Oficina) -> None:
    a, _b, c = oficina.secretarios
    t = oficina.srv.tablero
    solo_c = t.datos(Filtros(secretario_id=c), hoy=HOY)
    assert {e for e, n, _c in solo_c.por_etapa if n} == {Etapa.OPI, Etapa.RPV}
    assert solo_c.recuperado == D("0.00") and [r.secretario_id for r in solo_c.secretarios] == [c]
    embargo = t.datos(Filtros(etapa=Etapa.EMBARGO), hoy=HOY)
    assert embargo.recuperado == D("250.50") and embargo.expedientes == 1
    mayo = t.datos(Filtros(date(2026, 5, 1), date(2026, 5, 31)), hoy=HOY)
    assert mayo.meses == ["2026-05"] and mayo.recuperado == D("140.25")
    assert {r.secretario_id: r.recuperado for r in mayo.secretarios}[a] == D("100.00")
    with pytest.raises(ValidationError, match="después de terminar"):
        t.datos(Filtros(date(2026, 5, 1), date(2026, 4, 1)), hoy=HOY)


def test_the_expedientes_behind_a_bar(oficina: Oficina) -> None:
    a, _b, c = oficina.secretarios
    n = oficina.numeros
    t = oficina.srv.tablero
    mayo = t.expedientes("mes:2026-05", hoy=HOY)
    assert [(f.numero, f.monto) for f in mayo.filas] == [(n["E1"], D("100.00")), (n["E4"], D("40.25"))]
    assert mayo.total == 2 and "05/2026" in mayo.titulo
    assert [f.numero for f in t.expedientes("mes:2026-05:CONVENIO", hoy=HOY).filas] == [n["E4"]]
    assert [f.numero for f in t.expedientes("banda:1", hoy=HOY).filas] == [n["E2"], n["E6"]]
    assert [f.numero for f in t.expedientes(f"plazo:{c}", hoy=HOY).filas] == [n["E5"], n["E6"]]
    assert [f.numero for f in t.expedientes(f"terminos:{a}", hoy=HOY).filas] == [n["E1"]]
    assert [f.numero for f in t.expedientes("etapa:OPI", hoy=HOY).filas] == [n["E5"]]
    rec = t.expedientes(f"recuperado:{a}", hoy=HOY)
    assert {(f.numero, f.monto) for f in rec.filas} == {(n["E1"], D("100.00")), (n["E2"], D("250.50"))}
    limitada = t.expedientes(f"asignado:{c}", hoy=HOY, limite=1)
    assert limitada.total == 2 and [f.numero for f in limitada.filas] == [n["E5"]]
    with pytest.raises(ValidationError, match="No se reconoce"):
        t.expedientes("nada:1")


def test_the_figures_carry_the_data(oficina: Oficina) -> None:
    t = oficina.srv.tablero
    graficos = {g.clave: g for g in t.graficos(t.datos(hoy=HOY))}
    assert list(graficos) == ["recaudacion", "nacional", "etapas", "antiguedad", "secretarios", "vencidos",
                              "bienes", "honorarios"]
    rec = graficos["recaudacion"]
    assert rec.series() == [e.etiqueta for e in EstadoCartera]
    fila = next(f for f in rec.filas if f[0] == "may 2026")
    assert fila[-1] == D("140.25")
    assert "mes:2026-05:CONVENIO" in rec.barras()
    assert "Sin tabla nacional" in graficos["nacional"].nota
    assert graficos["bienes"].filas == [] and graficos["bienes"].series() == []
    assert graficos["bienes"].columnas[-3:] == ("Bienes", "Valor estimado (USD)", "Informes vencidos")
    assert [f[0] for f in graficos["honorarios"].filas] == ["Solicitados", "Aprobados", "Rechazados", "Pagados"]


def test_fee_requests_of_the_period(oficina: Oficina) -> None:
    from app.storage.models_honorarios import EventoHonorarios, SolicitudHonorarios

    srv, (a, b, _c) = oficina.srv, oficina.secretarios
    with srv.ctx.tx("test: honorarios") as s:
        ids = {}
        for clave, sid, fecha, total in (("E1", a, date(2026, 5, 12), "11.50"), ("E3", b, date(2025, 9, 1), "57.50"),
                                         ("E2", a, date(2024, 1, 5), "99.00")):  # the last before the period
            exp = srv.expedientes.buscar(oficina.numeros[clave], limite=1)[0]
            sol = SolicitudHonorarios(office_id=srv.ctx.office_id, expediente_id=exp.id, secretario_id=sid,
                                      fecha=fecha, recuperado=D(0), excluido=D(0), base=D(0), honorario=D(0),
                                      iva=D(0), total=D(total))
            s.add(sol)
            s.flush()
            ids[clave] = sol.id
        for clave, tipo in (("E1", "APROBADO"), ("E1", "PAGADO"), ("E3", "RECHAZADO")):
            s.add(EventoHonorarios(office_id=srv.ctx.office_id, solicitud_id=ids[clave], tipo=tipo,
                                   fecha=date(2026, 6, 1)))
    d = srv.tablero.datos(hoy=HOY)
    assert d.honorarios == [("Solicitados", 2, D("69.00")), ("Aprobados", 1, D("11.50")),
                            ("Rechazados", 1, D("57.50")), ("Pagados", 1, D("11.50"))]
    assert srv.tablero.datos(Filtros(secretario_id=b), hoy=HOY).honorarios[0] == ("Solicitados", 1, D("57.50"))


def test_goods_by_depositario_and_state_with_overdue_reports(oficina: Oficina) -> None:
    from app.domain.bienes import EstadoBien as B

    d1, d2 = agregar_bienes(oficina)
    a, _b, c = oficina.secretarios
    n = oficina.numeros
    t = oficina.srv.tablero
    filas = t.datos(hoy=HOY).bienes
    assert [(r.depositario_id, r.nombres) for r in filas] == [
        (d1, "Ana Depositaria Vélez"), (d2, "Luis Custodio Paredes"), (None, "Sin depositario designado")]
    vivos = {r.depositario_id: {e: k for e, k in r.por_estado.items() if k} for r in filas}
    assert vivos == {d1: {B.EN_CUSTODIA: 1, B.AVALUADO: 1}, d2: {B.EN_REMATE: 1, B.EN_CUSTODIA: 1},
                     None: {B.EMBARGADO: 1}}  # B5, rematado, is out of the juicio
    assert [(r.bienes, r.valor, r.informes_vencidos) for r in filas] == [
        (2, D("1500.00"), 1), (2, D("300.00"), 1), (1, D("250.00"), 0)]
    # B3 changed hands on 20/05: the former custodian's report does not count, the new one has until 20/06.
    assert t.datos(hoy=date(2026, 6, 21)).bienes[1].informes_vencidos == 2
    assert [r.depositario_id for r in t.datos(Filtros(secretario_id=a), hoy=HOY).bienes] == [d1]
    assert [r.depositario_id for r in t.datos(Filtros(secretario_id=c), hoy=HOY).bienes] == [d2, None]
    assert [f.numero for f in t.expedientes(f"informes:{d1}", hoy=HOY).filas] == [n["E2"]]
    assert [f.numero for f in t.expedientes(f"informes:{d2}", hoy=HOY).filas] == [n["E5"]]
    assert [f.numero for f in t.expedientes("bienes:ninguno:EMBARGADO", hoy=HOY).filas] == [n["E6"]]
    assert [f.numero for f in t.expedientes(f"bienes:{d2}", hoy=HOY).filas] == [n["E5"]]
    assert "Luis Custodio Paredes" in t.expedientes(f"bienes:{d2}:EN_REMATE", hoy=HOY).titulo
    with pytest.raises(ValidationError, match="No se reconoce"):
        t.expedientes("bienes:x:EMBARGADO")


def test_the_goods_figure(oficina: Oficina) -> None:
    d1, _d2 = agregar_bienes(oficina)
    t = oficina.srv.tablero
    g = t.graficos(t.datos(hoy=HOY), frozenset({"bienes"}))[0]
    assert g.titulo == "Bienes en custodia por depositario y estado"
    assert g.series() == ["Embargado", "En custodia", "Avaluado", "En remate"]  # no good is secuestrado
    assert g.filas[0] == ("Ana Depositaria Vélez", 0, 0, 1, 1, 0, 2, D("1500.00"), 1)
    ax = g.figura.axes[0]
    assert [x.get_text() for x in ax.get_yticklabels()] == ["Ana Depositaria Vélez", "Luis Custodio Paredes",
                                                            "Sin depositario designado"]
    assert {f"bienes:{d1}:AVALUADO", "bienes:ninguno:EMBARGADO"} <= set(g.barras())
    assert f"bienes:{d1}:SECUESTRADO" not in g.barras()  # an empty segment is not clickable
    avisos = [x for x in ax.texts if (x.get_gid() or "").startswith("informes:")]
    assert [x.get_text() for x in avisos] == ["1 informe vencido", "1 informe vencido"]
    assert avisos[0].get_gid() == f"informes:{d1}" and avisos[0].get_picker()


def test_the_data_version_moves_with_any_commit(oficina: Oficina) -> None:
    t = oficina.srv.tablero
    v = t.version()
    assert v is not None and t.version() == v
    t.datos(hoy=HOY)  # reading commits nothing
    assert t.version() == v
    from tests.services.helpers import tasas_de_prueba

    tasas_de_prueba(oficina.srv)  # any write through the services
    assert t.version() != v


def test_a_database_in_memory_has_no_version_so_the_dashboard_always_reads() -> None:
    from app.storage.db import make_engine
    from app.storage.version_datos import VersionDatos

    assert VersionDatos(make_engine("sqlite://")).actual() is None


def test_the_first_screen_figures_then_the_rest(oficina: Oficina) -> None:
    agregar_bienes(oficina)
    t = oficina.srv.tablero
    primeros = t.datos(hoy=HOY, primeros=True)
    entero = t.datos(hoy=HOY)
    assert not primeros.completo and primeros.secretarios == [] and primeros.bienes == []
    assert (primeros.por_etapa, primeros.por_banda, primeros.recaudacion) == \
        (entero.por_etapa, entero.por_banda, entero.recaudacion)
    completado = t.completar(primeros)
    assert completado.completo and not primeros.completo
    assert (completado.secretarios, completado.bienes, completado.honorarios) == \
        (entero.secretarios, entero.bienes, entero.honorarios)
    assert t.completar(completado) is completado
