"""DocumentosService: every document of a juicio (generated, foliated, its act recorded), batches, the acta de
sorteo, índice and carátula, template administration, export (.docx, PDF)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from sqlalchemy import func, select

from app.common.errors import CancelledError, ConfigurationError, PermissionDenied, RuleError, ValidationError
from app.common.paths import templates_dir
from app.common.progress import Progress
from app.documents import pdf as pdf_mod
from app.documents.campos import catalogo
from app.documents.campos.comunes import a_fojas
from app.documents.hojas import contar_hojas
from app.domain.etapas import Etapa
from app.domain.honorarios import Checklist
from app.domain.permisos import Rol, UsuarioActual
from app.domain.tipos import TipoActo, TipoDocumento
from app.services.actos import ActosService
from app.services.bienes import NuevoBien
from app.services.bootstrap import Servicios
from app.services.convenios import ConveniosService
from app.services.deudores import DeudoresService
from app.services.documentos import ACTOS, NO_FOLIADOS, DocumentosService
from app.services.documentos_exportacion import DocumentoGenerado
from app.services.documentos_plantillas import tipo_documento, tipos
from app.services.foliacion import FoliacionService
from app.services.honorarios import HonorariosService
from app.services.liquidacion import LiquidacionService
from app.services.medidas import MedidasService
from app.services.notificaciones import NotificacionesService
from app.services.pagos import PagosService
from app.services.sorteo import ResultadoSorteo, SorteoService
from app.storage.models import Documento, Expediente, Folio
from app.storage.models_juicio import Acto, Convenio, MedidaCautelar, Notificacion
from tests.documents.test_render import texto_docx
from tests.services.helpers import crear_titulos, rpv_vencido, tasas_de_prueba

VIERNES = date(2025, 2, 28)  # Carnaval: lunes 3 y martes 4 de marzo de 2025
SORTEO = date(2025, 1, 24)  # a month before: the RPV is notified and its término lapses before VIERNES


def sortear(srv: Servicios, n: int) -> tuple[DocumentosService, ResultadoSorteo]:
    crear_titulos(srv, n, total=Decimal("1242.50"))
    docs = DocumentosService(srv.ctx)
    r = SorteoService(srv.ctx, acta=docs.acta_sorteo_en).realizar(semilla="x", fecha=SORTEO)
    return docs, r


def texto(ruta: Path) -> str:
    return texto_docx(ruta.read_bytes())


def test_opi_contenido_y_termino(con_secretarios: Servicios) -> None:
    docs, r = sortear(con_secretarios, 2)
    a = r.asignaciones[0]
    rpv_vencido(con_secretarios, a.juicio, VIERNES)
    g = docs.generar_opi(a.juicio, fecha=VIERNES)
    assert g.tipo == "OPI" and g.juicio == a.juicio
    # 3 días término from Friday 28 Feb 2025: skips the weekend and Carnaval (3-4 Mar) -> Friday 7 Mar.
    assert g.vencimiento == date(2025, 3, 7)
    assert g.ruta.is_file() and g.ruta.parent == con_secretarios.ctx.paths.exports / a.juicio
    t = texto(g.ruta)
    assert f"JUICIO COACTIVO No. {a.juicio}" in t
    assert a.deudor in t and a.identificacion in t
    assert "MIL DOSCIENTOS CUARENTA Y DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)" in t
    assert "Riobamba, 28 de febrero de 2025" in t
    assert "viernes 7 de marzo de 2025" in t
    assert "artículo 279 del COA" in t and "280 y 281 del COA" in t
    for entidad in ("Superintendencia de Bancos", "Agencia Nacional de Tránsito (ANT)", "Registro de la Propiedad"):
        assert entidad in t
    cargo = "Secretaria Abogada Externa" if a.secretario.split()[0] in ("Ana", "María") else \
        "Secretario Abogado Externo"
    assert f"Ab. {a.secretario}" in t and cargo in t and "el/la" not in t
    assert "casilla judicial o una dirección de correo electrónico" in t
    assert "Ing. Patricio Xavier Carrasco Ruiz" in t
    assert "{{" not in t


def test_opi_entra_al_expediente_como_folios(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    rpv_vencido(srv, juicio, VIERNES)
    antes = srv.foliacion.indice(juicio)
    # The título de crédito is foja 1, before the RPV (its certified copy, dated the day the juicio opened).
    assert [(e.tipo, e.desde) for e in antes[:2]] == [("TITULO_CREDITO", 1), ("RPV", antes[0].hasta + 1)]
    assert antes[0].fecha == SORTEO
    g = docs.generar_opi(juicio, fecha=VIERNES)
    hojas = contar_hojas(g.ruta.read_bytes())
    assert (g.desde, g.hasta) == (antes[-1].hasta + 1, antes[-1].hasta + hojas)
    indice = srv.foliacion.indice(juicio)
    assert [(e.tipo, e.desde, e.hasta) for e in indice[len(antes):]] == [("OPI", g.desde, g.hasta)]
    assert srv.foliacion.verificar(juicio).intacta
    with srv.ctx.read() as s:
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == juicio)) == "OPI"
    # A second document continues the numbering (a second OPI is refused: the juicio is already in OPI).
    with pytest.raises(RuleError, match="corresponde a la etapa Requerimiento de pago"):
        docs.generar_opi(juicio, fecha=date(2025, 3, 10), medidas=[])
    g2 = docs.generar("providencia", juicio, date(2025, 3, 10), {"texto": "Agréguese el escrito."})
    assert g2.desde == g.hasta + 1
    salida = docs.exportar_indice(juicio, srv.ctx.paths.root)
    assert salida.name == f"Indice_{juicio}.docx"
    t = texto(salida)
    assert "ÍNDICE DEL EXPEDIENTE" in t and juicio in t
    assert f"{g.desde} a {g.hasta}" in t or hojas == 1
    assert "Orden de pago inmediato (28/02/2025)" in t and "Providencia (10/03/2025): Agréguese el escrito." in t
    assert "fojas útiles en un cuerpo." in t and "cuerpo(s)" not in t
    # The índice is an export, not a document of the expediente.
    assert len(srv.foliacion.indice(juicio)) == len(antes) + 2


def test_plantilla_con_campo_desconocido_no_escribe_nada(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    propia = srv.ctx.paths.root / "plantillas"
    propia.mkdir()
    d = Document(str(templates_dir() / catalogo.OPI))
    d.add_paragraph("Observación: {{ campo_inexistente }}")
    rpv_vencido(srv, juicio, VIERNES)
    folios = _conteos(srv)[1]
    archivos = sorted((srv.ctx.paths.exports / juicio).iterdir())
    d.save(str(propia / catalogo.OPI))
    assert docs.plantilla("orden_pago_inmediato") == propia / catalogo.OPI
    with pytest.raises(ValidationError, match="campo_inexistente"):
        docs.generar_opi(juicio, fecha=VIERNES)
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == folios
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "OPI")) == 0
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == juicio)) == "RPV"
    assert sorted((srv.ctx.paths.exports / juicio).iterdir()) == archivos


def test_plantilla_instalada_y_faltante(servicios: Servicios) -> None:
    docs = DocumentosService(servicios.ctx)
    assert docs.plantilla(catalogo.ACTA_SORTEO) == templates_dir() / catalogo.ACTA_SORTEO
    with pytest.raises(ConfigurationError, match=r"no_existe\.docx"):
        docs.plantilla("no_existe")


def test_opi_en_juicio_archivado_se_rechaza(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    with srv.ctx.tx("test: archivar") as s:
        s.scalars(select(Expediente).where(Expediente.numero == juicio)).one().etapa = "ARCHIVADO"
    with pytest.raises(RuleError, match="el juicio está archivado"):
        docs.generar_opi(juicio, VIERNES)


def test_acta_de_sorteo_lista_cada_asignacion(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 7)
    assert r.acta_documento_id is not None
    with srv.ctx.read() as s:
        doc = s.get_one(Documento, r.acta_documento_id)
        assert doc.tipo == "ACTA_SORTEO" and doc.expediente_id is None and doc.hojas >= 1
    ruta = docs.exportar(r.acta_documento_id)
    assert ruta.parent == srv.ctx.paths.exports / "oficina"
    assert ruta.read_bytes() == srv.ctx.blobs.get(doc.archivo_sha256)
    d = Document(str(ruta))
    asign = d.tables[1]
    filas = [[c.text for c in row.cells] for row in asign.rows[1:]]
    assert [(f[1], f[2], f[5]) for f in filas] == [(a.titulo, a.juicio, a.secretario) for a in r.asignaciones]
    participantes = {row.cells[1].text: int(row.cells[4].text) for row in d.tables[0].rows[1:-1]}
    assert participantes == r.por_secretario()
    t = texto(ruta)
    assert "ACTA DE SORTEO DE TÍTULOS DE CRÉDITO" in t
    assert "En la ciudad de Riobamba, el 24 de enero de 2025" in t
    assert "sorteo de 7 títulos de crédito" in t and "entre 3 secretarios-abogados activos" in t
    assert "semilla x" in t and str(r.sorteo_id) in t
    assert "Ab. Rosa Elena Vallejo Cisneros" in t and "Jefa de la Unidad Provincial de Gestión de Coactiva" in t
    assert "(s)" not in t and "(A)" not in t


def test_lote_con_progreso_y_cancelacion(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 3)
    numeros = [a.juicio for a in r.asignaciones]
    for n in numeros:
        rpv_vencido(srv, n, VIERNES)
    pasos: list[tuple[int, int]] = []
    hechos = docs.generar_opi_lote(numeros, Progress(lambda d, t, _m: pasos.append((d, t))), fecha=VIERNES)
    assert [g.juicio for g in hechos] == numeros
    assert pasos[0] == (0, 3) and pasos[-1] == (3, 3)
    assert len({g.ruta for g in hechos}) == 3

    progreso: list[Progress] = []

    def cancelar_tras_el_primero(done: int, _t: int, _m: str) -> None:
        if done == 1:
            progreso[0].cancel()

    progreso.append(Progress(cancelar_tras_el_primero))
    with pytest.raises(CancelledError):
        docs.generar_lote("providencia", numeros, progreso[0], fecha=VIERNES, datos={"texto": "Téngase presente."})
    # Cancelled while the 2nd was being generated: it completes, the 3rd never starts.
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "OPI")) == 3
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "PROVIDENCIA")) == 2


def test_lote_valida_todo_antes_de_generar(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 2)
    with pytest.raises(ValidationError, match="0601-2025-09999: no existe") as exc:
        docs.generar_opi_lote([r.asignaciones[0].juicio, "0601-2025-09999"], fecha=VIERNES)
    # and the juicio without a notified RPV is listed with its reason (COA art. 279)
    assert "corresponde a la etapa Requerimiento de pago" in exc.value.message
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Folio)) == 0


def test_lote_omite_los_bloqueados_y_genera_los_demas(con_secretarios: Servicios) -> None:
    """5 blocked juicios do not stop a batch: the others get their OPI, the blocked ones are listed with the
    reason and nothing is written for them."""
    srv = con_secretarios
    docs, r = sortear(srv, 6)
    numeros = [a.juicio for a in r.asignaciones]
    listos, sin_rpv = numeros[:4], numeros[4:]
    for n in listos:
        rpv_vencido(srv, n, VIERNES)
    lote = docs.generar_opi_lote([*numeros, "0601-2025-09999"], fecha=VIERNES)
    assert [g.juicio for g in lote] == listos and not lote.fallidos
    assert [n for n, _m in lote.omitidos] == [*sin_rpv, "0601-2025-09999"]
    assert all("corresponde a la etapa Requerimiento de pago" in m for _n, m in lote.omitidos[:2])
    assert lote.omitidos[2] == ("0601-2025-09999", "no existe")
    texto = lote.mensaje()
    assert texto.startswith("4 documentos generados. 3 juicios no se generaron:")
    assert all(n in texto for n in sin_rpv)
    with srv.ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Documento).where(Documento.tipo == "OPI")) == 4


def test_exportar_a_destino(con_secretarios: Servicios, tmp_path: Path) -> None:
    docs, r = sortear(con_secretarios, 1)
    rpv_vencido(con_secretarios, r.asignaciones[0].juicio, VIERNES)
    g = docs.generar_opi(r.asignaciones[0].juicio, fecha=VIERNES)
    destino = docs.exportar(g.documento_id, tmp_path / "copia.docx")
    assert destino.read_bytes() == g.ruta.read_bytes()
    assert docs.exportar(g.documento_id, tmp_path) == tmp_path / g.nombre_archivo


def test_pdf_sin_libreoffice_explica_como_instalarlo(
    con_secretarios: Servicios, monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs, r = sortear(con_secretarios, 1)
    monkeypatch.setattr(pdf_mod, "ejecutable_libreoffice", lambda: None)
    with pytest.raises(ConfigurationError, match="Instale LibreOffice: sudo apt install libreoffice-writer"):
        docs.exportar_pdf(r.acta_documento_id)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_exportar_pdf_con_libreoffice(con_secretarios: Servicios) -> None:
    from pypdf import PdfReader

    docs, r = sortear(con_secretarios, 2)
    rpv_vencido(con_secretarios, r.asignaciones[0].juicio, VIERNES)
    g = docs.generar_opi(r.asignaciones[0].juicio, fecha=VIERNES)
    pdf = docs.exportar_pdf(g.documento_id)
    assert pdf.suffix == ".pdf" and pdf.is_file()
    assert len(PdfReader(str(pdf)).pages) == g.hasta - g.desde + 1


# -- every document of a juicio, through the real services (issue: "The whole juicio coactivo") -------------

TZ = ZoneInfo("America/Guayaquil")
DEPOSITARIO = {"depositario": "Jorge Luis Naranjo Chávez", "depositario_cedula": "0926687856", "hora": "10h30",
               "depositario_genero": "M"}
CAMIONETA = {"descripcion": "Camioneta Chevrolet D-Max 2019, placa HBC-1234", "tipo": "VEHICULO", "valor": "18500"}
POSTURAS = [{"postor": "Carlos Villacís Orozco", "identificacion": "0603001231", "valor": "19000", "deposito": "1900"},
            {"postor": "Paola Samaniego Ruiz", "identificacion": "0604571232", "valor": "19500", "deposito": "500"}]


@dataclass
class Juicio:
    """A juicio against a persona jurídica with a garante, carried from RPV to archivo."""

    numero: str
    otro: str
    docs: DocumentosService
    generados: dict[TipoDocumento, DocumentoGenerado]
    medida_id: uuid.UUID
    notificaciones: list[uuid.UUID]


def preparar_juicio(srv: Servicios) -> tuple[str, str, DocumentosService]:
    """Two juicios (the debtor with RUC made a persona jurídica with representante and a garante)."""
    docs, r = sortear(srv, 2)
    ruc = next(a for a in r.asignaciones if a.identificacion.endswith("001"))
    otro = next(a for a in r.asignaciones if a is not ruc)
    deud = DeudoresService(srv.ctx)
    deud.actualizar(ruc.identificacion, tipo_persona="JURIDICA", representante_legal="Luis Alberto Pilamunga Toapanta",
                    representante_cedula="0602910945", direccion="Av. Daniel León Borja 24-15, Riobamba")
    deud.agregar_coobligado(ruc.juicio, "0603001231", "María Fernanda Guamán Yépez", "GARANTE", "Calle Colón 12-34")
    deud.actualizar_caratula(ruc.juicio, casilla_judicial="Casilla judicial 123", abogado_deudor="Ab. Diego Yépez")
    LiquidacionService(srv.ctx).agregar_tasa(date(2024, 12, 1), Decimal("12"), "Tabla ilustrativa de prueba",
                                             hasta=date(2025, 12, 1))
    return ruc.juicio, otro.juicio, docs


def recorrer_juicio(srv: Servicios) -> Juicio:
    j, otro, docs = preparar_juicio(srv)
    ctx = srv.ctx
    notif = NotificacionesService(ctx, razon=docs.razon_notificacion_en)
    med = MedidasService(ctx)
    out: dict[TipoDocumento, DocumentoGenerado] = {}

    def g(tipo: TipoDocumento, fecha: date, datos: dict | None = None) -> None:
        out[tipo] = docs.generar(tipo, j, fecha, datos)

    g(TipoDocumento.RPV, date(2025, 3, 5))
    # Notified Thu 06/03/2025: 10 días hábiles end Thu 20/03/2025 (COA art. 271).
    nr = notif.registrar(j, intento=1, forma="PERSONAL", fecha_hora=datetime(2025, 3, 6, 11, 0, tzinfo=TZ),
                         efectiva=True, notifica="RPV", recibido_por="Luis Alberto Pilamunga Toapanta")
    with pytest.raises(RuleError, match="vence el 20/03/2025"):
        g(TipoDocumento.RAZON_NO_PAGO, date(2025, 3, 20))
    g(TipoDocumento.RAZON_NO_PAGO, date(2025, 3, 21))
    g(TipoDocumento.OPI, date(2025, 3, 21))
    n1 = notif.registrar(j, intento=1, forma="BOLETA", fecha_hora=datetime(2025, 3, 24, 10, 30, tzinfo=TZ),
                         efectiva=False, observaciones="Nadie atendió.")
    n2 = notif.registrar(j, intento=2, forma="PERSONAL", fecha_hora=datetime(2025, 3, 25, 9, 15, tzinfo=TZ),
                         efectiva=True, recibido_por="Luis Alberto Pilamunga Toapanta")
    # Each attempt already has its razón (foliated when it was recorded): a second one is refused.
    with pytest.raises(RuleError, match="Ya consta la razón de esta notificación"):
        g(TipoDocumento.RAZON_NOTIFICACION, date(2025, 3, 25), {"notificacion_id": str(n1.id)})
    out[TipoDocumento.RAZON_NOTIFICACION] = _generado(srv, docs, j, n1.razon_documento_id)
    m = med.ordenar(j, "RETENCION", fecha_envio=date(2025, 3, 25))
    g(TipoDocumento.OFICIO_RETENCION, date(2025, 3, 25), {"medida_id": str(m.id)})
    m2 = med.ordenar(j, "PROHIBICION_VEHICULO", fecha_envio=date(2025, 3, 25))
    g(TipoDocumento.OFICIO_ANT, date(2025, 3, 25), {"medida_id": str(m2.id)})
    g(TipoDocumento.OFICIO_REGISTRO, date(2025, 3, 25))
    med.registrar_respuesta(m.id, date(2025, 3, 27), "Se retuvo USD 842,37 en el Banco del Pichincha.", "842.37")
    g(TipoDocumento.ACTA_EMBARGO, date(2025, 3, 31), DEPOSITARIO)
    g(TipoDocumento.ACTA_SECUESTRO, date(2025, 4, 1), {**DEPOSITARIO, "bienes": [CAMIONETA]})
    # The goods' documents come from the goods (issue 10): depositario, perito, avalúo, aviso, posturas, remate.
    acta = srv.bienes.actas(j)[-1]
    bien = srv.bienes.registrar(j, acta.documento_id, NuevoBien(
        "VEHICULO", CAMIONETA["descripcion"], CAMIONETA["valor"],
        campos={"placa": "HBC-1234", "marca": "Chevrolet", "modelo": "D-Max", "anio": "2019"}),
        confirmar_desproporcion=True)
    dep = srv.depositarios.crear(DEPOSITARIO["depositario"], DEPOSITARIO["depositario_cedula"])
    srv.depositarios.designar([bien.id], dep.id, date(2025, 4, 2), "Patio de la Unidad, Riobamba")
    out[TipoDocumento.ACTA_POSESION] = _ultimo(srv, j, TipoDocumento.ACTA_POSESION)
    srv.remates.designar_perito([bien.id], date(2025, 4, 3), "Ing. Pablo Esteban Tapia", "0603001231")
    out[TipoDocumento.DESIGNACION_PERITO] = _ultimo(srv, j, TipoDocumento.DESIGNACION_PERITO)
    srv.remates.registrar_avaluo(bien.id, date(2025, 4, 7), "Ing. Pablo Esteban Tapia", "18500", "0603001231")
    rem = srv.remates.convocar([bien.id], date(2025, 4, 8), date(2025, 5, 6))
    out[TipoDocumento.AVISO_REMATE] = _ultimo(srv, j, TipoDocumento.AVISO_REMATE)
    PagosService(ctx).registrar_costa(j, date(2025, 4, 10), "Publicación del aviso de remate", "85.00")
    for p in POSTURAS:
        srv.remates.registrar_postura(rem.id, p["postor"], p["identificacion"], p["valor"], p["deposito"])
    srv.remates.adjudicar(rem.id)
    out[TipoDocumento.CALIFICACION_POSTURAS] = _ultimo(srv, j, TipoDocumento.CALIFICACION_POSTURAS)
    out[TipoDocumento.ACTA_REMATE] = _ultimo(srv, j, TipoDocumento.ACTA_REMATE)
    g(TipoDocumento.LIQUIDACION, date(2025, 5, 7))
    g(TipoDocumento.PROVIDENCIA, date(2025, 5, 8), {"texto": "Agréguese el acta de remate.\nConsígnese el saldo.",
                                                    "liquidacion_id": "ultima"})
    g(TipoDocumento.OFICIO_LEVANTAMIENTO, date(2025, 5, 8), {"medida_id": str(m.id)})
    saldo = LiquidacionService(ctx).calcular(j, date(2025, 5, 9)).total
    if saldo > 0:  # the remate's price paid the debt (and left a surplus for the debtor)
        PagosService(ctx).registrar_abono(j, date(2025, 5, 9), saldo, "Saldo")
    # The lawyer's fees: requested, approved by the jefe (the orden de pago de honorarios is foliated then).
    LiquidacionService(ctx).registrar(j, date(2025, 5, 9))
    hon = HonorariosService(ctx, docs)
    sid = hon.solicitar(j, fecha=date(2025, 5, 9))
    doc_id = hon.revisar(sid, True, Checklist(True, True, True, True), fecha=date(2025, 5, 9))
    entrada = next(x for x in FoliacionService(ctx).indice(j) if x.documento_id == doc_id)
    ruta = docs.exportar(doc_id)
    out[TipoDocumento.ORDEN_PAGO_HONORARIOS] = DocumentoGenerado(
        doc_id, j, TipoDocumento.ORDEN_PAGO_HONORARIOS.name, ruta.name, entrada.desde, entrada.hasta, None, ruta)
    with pytest.raises(RuleError, match="antes debe constar el documento «Auto de archivo»"):
        g(TipoDocumento.RAZON_ARCHIVO, date(2025, 5, 9))
    g(TipoDocumento.AUTO_ARCHIVO, date(2025, 5, 9))
    g(TipoDocumento.RAZON_ARCHIVO, date(2025, 5, 9))
    out[TipoDocumento.TITULO_CREDITO] = _generado(srv, docs, j, srv.foliacion.indice(j)[0].documento_id)
    g(TipoDocumento.CARATULA, date(2025, 5, 9))
    g(TipoDocumento.INDICE, date(2025, 5, 9))
    g(TipoDocumento.ACTA_SORTEO, date(2025, 5, 9))
    # The other juicio: an APP suspends it.
    rpv_vencido(srv, otro, date(2025, 3, 21))
    docs.generar_opi(otro, date(2025, 3, 21))
    ConveniosService(ctx).crear(otro, date(2025, 3, 26), 6, sin_honorarios=True)
    out[TipoDocumento.AUTO_SUSPENSION] = docs.generar(TipoDocumento.AUTO_SUSPENSION, otro, date(2025, 3, 26))
    return Juicio(j, otro, docs, out, m.id, [nr.id, n1.id, n2.id])


def _generado(srv: Servicios, docs: DocumentosService, juicio: str, documento_id: uuid.UUID | None
              ) -> DocumentoGenerado:
    """A document the services foliated by themselves (a razón de notificación, the título's copy)."""
    assert documento_id is not None
    e = next(x for x in srv.foliacion.indice(juicio) if x.documento_id == documento_id)
    ruta = docs.exportar(documento_id)
    return DocumentoGenerado(documento_id, juicio, e.tipo, ruta.name, e.desde, e.hasta, None, ruta)


def _ultimo(srv: Servicios, juicio: str, tipo: TipoDocumento) -> DocumentoGenerado:
    """The last document of ``tipo`` in the juicio, exported, as the documents service reports one."""
    e = [x for x in srv.foliacion.indice(juicio) if x.tipo == tipo.name][-1]
    acto = next((h.id for h in ActosService(srv.ctx).historial(juicio) if h.documento_id == e.documento_id), None)
    ruta = srv.documentos.exportar(e.documento_id)
    return DocumentoGenerado(e.documento_id, juicio, e.tipo, e.nombre_archivo, e.desde, e.hasta, None, ruta, acto)


def test_cada_documento_del_juicio_se_genera_folia_y_registra_su_acto(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    x = recorrer_juicio(srv)
    assert set(TipoDocumento) == set(x.generados)
    t = {tipo: texto(g.ruta) for tipo, g in x.generados.items()}
    for tipo, g in x.generados.items():
        assert g.ruta.is_file(), tipo
        assert "{{" not in t[tipo], tipo
        if tipo in NO_FOLIADOS:
            assert not g.foliado
        else:
            assert g.foliado and g.ruta.parent == srv.ctx.paths.exports / g.juicio
            assert g.hasta - g.desde + 1 == contar_hojas(g.ruta.read_bytes())
            assert g.ruta.read_bytes() == srv.ctx.blobs.get(
                _sha(srv, g.documento_id)), tipo  # the file is the stored document
    # Folios are consecutive over the whole expediente (razones de notificación via the hook included).
    indice = srv.foliacion.indice(x.numero)
    assert [e.desde for e in indice] == [1] + [e.hasta + 1 for e in indice[:-1]]
    assert srv.foliacion.verificar(x.numero).intacta
    tipos_foliados = [e.tipo for e in indice]
    assert tipos_foliados.count("RAZON_NOTIFICACION") == 3  # one per attempt, never twice
    assert tipos_foliados[0] == "TITULO_CREDITO" and tipos_foliados[1] == "RPV"
    # Each document that is an act recorded it with its documento_id, moving the stage.
    historial = ActosService(srv.ctx).historial(x.numero)
    por_doc = {h.documento_id: h for h in historial if h.documento_id}
    for tipo, acto in ACTOS.items():
        g = x.generados[tipo]
        assert g.acto_id is not None and por_doc[g.documento_id].tipo is acto, tipo
    assert historial[-1].tipo is TipoActo.ARCHIVO and historial[-1].etapa_nueva is Etapa.ARCHIVADO
    # Links: the oficio to its medida (and its number), the levantamiento, the convenio's auto.
    with srv.ctx.read() as s:
        m = s.get_one(MedidaCautelar, x.medida_id)
        assert m.documento_id == x.generados[TipoDocumento.OFICIO_RETENCION].documento_id
        assert m.levantamiento_documento_id == x.generados[TipoDocumento.OFICIO_LEVANTAMIENTO].documento_id
        assert m.oficio_numero == f"{x.numero}-OF-001"
        c = s.scalars(select(Convenio)).one()
        assert c.documento_id == x.generados[TipoDocumento.AUTO_SUSPENSION].documento_id
        razones = [s.get_one(Notificacion, n).razon_documento_id for n in x.notificaciones]
        assert all(razones)
    # What each one says.
    opi = t[TipoDocumento.OPI]
    assert ("Comercial Ñandú Cía. Ltda., con RUC No. 1760004650001, representada legalmente por Luis Alberto "
            "Pilamunga Toapanta, con cédula de ciudadanía No. 0602910945; y, solidariamente, María Fernanda Guamán "
            "Yépez, con cédula de ciudadanía No. 0603001231, en calidad de garante, paguen") in opi
    assert "GARANTE: María Fernanda Guamán Yépez (0603001231)" in opi
    rpv = x.generados[TipoDocumento.RPV]
    assert f"que obra {a_fojas(rpv.desde, rpv.hasta)}" in t[TipoDocumento.RAZON_NO_PAGO]
    assert "que venció el 20 de marzo de 2025" in t[TipoDocumento.RAZON_NO_PAGO]  # from its notification
    assert "intenté notificar mediante primera boleta" in t[TipoDocumento.RAZON_NOTIFICACION]
    assert "en la persona de su representante legal, Luis Alberto Pilamunga Toapanta" in \
        t[TipoDocumento.RAZON_NOTIFICACION]
    for tipo in (TipoDocumento.RPV, TipoDocumento.OPI):
        assert "casilla judicial o una dirección de correo electrónico" in t[tipo], tipo
    assert "y de cada uno de los coobligados" in opi and "Superintendencia de Compañías" in opi
    assert "Economía Popular y Solidaria" in opi
    assert "TC-0601-2025-" in t[TipoDocumento.TITULO_CREDITO] and "fiel copia" in t[TipoDocumento.TITULO_CREDITO]
    auto = t[TipoDocumento.AUTO_ARCHIVO]
    assert "Ing. Patricio Xavier Carrasco Ruiz" in auto and "ordenar su archivo" in auto
    for tipo, texto_ in t.items():
        for malo in ("el/la", "(s)", "XXXX", "Secretario/a", "o/a ", " de el ", " a el "):
            assert malo not in texto_, (tipo, malo)
    assert "Oficio No. " + f"{x.numero}-OF-001" in t[TipoDocumento.OFICIO_RETENCION]
    assert "Agencia Nacional de Tránsito (ANT)" in t[TipoDocumento.OFICIO_ANT]
    assert "Registro de la Propiedad del cantón Riobamba" in t[TipoDocumento.OFICIO_REGISTRO]
    embargo = t[TipoDocumento.ACTA_EMBARGO]
    assert f"Fondos retenidos en el sistema financiero (oficio No. {x.numero}-OF-001" in embargo
    assert "OCHOCIENTOS CUARENTA Y DOS 37/100 DÓLARES" in embargo
    assert "bajo la custodia del Depositario Judicial" in embargo
    assert "Camioneta Chevrolet D-Max 2019" in t[TipoDocumento.ACTA_SECUESTRO]
    remate = t[TipoDocumento.ACTA_REMATE]
    assert "18.500,00" in remate  # the goods and appraisal of the aviso
    assert "se adjudican los bienes rematados a Carlos Villacís Orozco" in remate
    assert "La base del remate es de USD 18.500,00" in remate and "se imputa a la deuda" in remate
    assert "depósito inferior al 10 %" in t[TipoDocumento.CALIFICACION_POSTURAS]
    assert "Placa HBC-1234" in t[TipoDocumento.ACTA_POSESION] and "Jorge Luis Naranjo" in t[TipoDocumento.ACTA_POSESION]
    assert "Desígnase como perito avaluador" in t[TipoDocumento.DESIGNACION_PERITO]
    liq = t[TipoDocumento.LIQUIDACION]
    assert "con corte al 7 de mayo de 2025" in liq and "Publicación del aviso de remate" in liq
    g_liq = x.generados[TipoDocumento.LIQUIDACION]
    assert (f"Conforme a la liquidación practicada con corte al 7 de mayo de 2025, que obra "
            f"{a_fojas(g_liq.desde, g_liq.hasta)}") in t[TipoDocumento.PROVIDENCIA]
    assert "Retención de fondos, ordenada mediante oficio No." in t[TipoDocumento.OFICIO_LEVANTAMIENTO]
    # the providencia, the oficio de levantamiento and the orden de pago de honorarios follow the liquidación
    g_orden = x.generados[TipoDocumento.ORDEN_PAGO_HONORARIOS]
    assert g_orden.desde == g_liq.hasta + 3
    assert "ORDEN DE PAGO DE HONORARIOS" in t[TipoDocumento.ORDEN_PAGO_HONORARIOS]
    auto_g = x.generados[TipoDocumento.AUTO_ARCHIVO]
    assert f"consta de {auto_g.hasta} (" in t[TipoDocumento.RAZON_ARCHIVO]
    assert "fojas útiles, más la presente razón, en un cuerpo" in t[TipoDocumento.RAZON_ARCHIVO]
    assert "según lo dispuesto en el auto de archivo de 9 de mayo de 2025" in t[TipoDocumento.RAZON_ARCHIVO]
    assert "Casilla judicial 123" in t[TipoDocumento.CARATULA] and "6 de marzo de 2025 (personal)" in \
        t[TipoDocumento.CARATULA]
    assert "Razón de archivo (09/05/2025)" in t[TipoDocumento.INDICE]
    assert "Resolución C.D. 617" in t[TipoDocumento.AUTO_SUSPENSION]


def _sha(srv: Servicios, documento_id: uuid.UUID | None) -> str:
    with srv.ctx.read() as s:
        return s.get_one(Documento, documento_id).archivo_sha256


def _conteos(srv: Servicios) -> tuple[int, int, int]:
    with srv.ctx.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Documento, Folio, Acto))  # type: ignore[return-value]


def test_acto_no_permitido_se_rechaza_antes_de_generar(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    antes = _conteos(srv)
    with pytest.raises(RuleError, match="No se puede embargar: no se ha emitido la orden de pago inmediato"):
        docs.generar("acta-embargo", juicio, VIERNES, {"depositario": "X", "bienes": ["Silla"]})
    with pytest.raises(RuleError, match="corresponde a la etapa Requerimiento de pago"):
        docs.generar("razon-no-pago", juicio, VIERNES)
    docs.generar("rpv", juicio, date(2025, 3, 5))
    with pytest.raises(RuleError, match="no ha sido notificado al coactivado"):
        docs.generar("razon-no-pago", juicio, date(2025, 3, 19))
    with pytest.raises(RuleError, match="antes debe constar el documento «Auto de archivo»"):
        docs.generar("razon-archivo", juicio, date(2025, 3, 19))
    tasas_de_prueba(srv)
    with pytest.raises(RuleError, match=r"No se puede archivar el juicio: la deuda no está pagada"):
        docs.generar("auto-archivo", juicio, date(2025, 3, 19))
    despues = _conteos(srv)
    assert despues[0] == antes[0] + 2 and despues[1] == antes[1] + 2  # only the título (foja 1) and the RPV
    assert sorted(p.name for p in (srv.ctx.paths.exports / juicio).iterdir()) == [
        f"RPV_{juicio}_2025-03-05_foja2.docx"]


def test_datos_que_faltan_o_sobran_se_explican(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    with pytest.raises(ValidationError, match="no tiene texto"):
        docs.generar("providencia", juicio, VIERNES)
    with pytest.raises(ValidationError, match="desconocido"):
        docs.generar("providencia", juicio, VIERNES, {"texto": "x", "textoo": "y"})
    with pytest.raises(ValidationError, match="Tipo de documento «auto-de-pago» desconocido"):
        docs.generar("auto-de-pago", juicio)
    with pytest.raises(RuleError, match="no tiene notificaciones registradas"):
        docs.generar("razon-notificacion", juicio, VIERNES)
    with pytest.raises(RuleError, match="no tiene medidas cautelares vigentes"):
        docs.generar("oficio-levantamiento", juicio, VIERNES)
    with pytest.raises(RuleError, match="no tiene un acuerdo de pago parcial vigente"):
        docs.generar("auto-suspension", juicio, VIERNES)
    with pytest.raises(RuleError, match="no tiene liquidación registrada"):
        docs.generar("providencia", juicio, VIERNES, {"texto": "x", "liquidacion_id": "ultima"})
    assert _conteos(srv)[1] == 0


def test_providencia_no_cita_una_liquidacion_de_mas_de_3_dias(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    tasas_de_prueba(srv)
    liq = LiquidacionService(srv.ctx).registrar(juicio, date(2025, 3, 3))
    ok = docs.generar("providencia", juicio, date(2025, 3, 6), {"texto": "x", "liquidacion_id": str(liq.id)})
    assert "USD" in texto(ok.ruta)
    with pytest.raises(RuleError, match="hasta 3 días"):
        docs.generar("providencia", juicio, date(2025, 3, 7), {"texto": "x", "liquidacion_id": str(liq.id)})


def test_generar_en_dentro_de_otra_transaccion_se_revierte_con_ella(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    rpv_vencido(srv, juicio, VIERNES)
    antes = _conteos(srv)
    with pytest.raises(RuntimeError), srv.ctx.tx("test: otro servicio") as s:
        e = s.scalars(select(Expediente).where(Expediente.numero == juicio)).one()
        doc = docs.generar_en(s, TipoDocumento.OPI, e, VIERNES)
        assert doc.tipo == "OPI" and e.etapa == "OPI"
        raise RuntimeError("el otro servicio falla después")
    assert _conteos(srv) == antes
    with srv.ctx.read() as s:
        assert s.scalar(select(Expediente.etapa).where(Expediente.numero == juicio)) == "RPV"


def test_permiso_solo_en_sus_expedientes(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    _docs, r = sortear(srv, 2)
    a = r.asignaciones[0]
    otro = next(x for x in r.asignaciones if x.secretario != a.secretario)
    with srv.ctx.read() as s:
        sec_id = s.scalar(select(Expediente.secretario_id).where(Expediente.numero == a.juicio))
    usuario = UsuarioActual(login="ana", rol=Rol.SECRETARIO, secretario_id=sec_id)
    suyo = DocumentosService(dc_replace(srv.ctx, usuario=usuario))
    assert suyo.generar("rpv", a.juicio, VIERNES).foliado
    with pytest.raises(PermissionDenied, match="solo puede"):
        suyo.generar("rpv", otro.juicio, VIERNES)
    with pytest.raises(PermissionDenied, match="editar plantillas"):
        suyo.restaurar_plantilla("opi")


def test_lote_de_rpv_un_archivo_por_expediente_y_fallidos_informados(con_secretarios: Servicios) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 6)
    numeros = [a.juicio for a in r.asignaciones]
    pasos: list[str] = []
    hechos = docs.generar_lote("rpv", numeros, Progress(lambda _d, _t, m: pasos.append(m)), fecha=VIERNES)
    assert [g.juicio for g in hechos] == numeros and not hechos.fallidos
    assert len({g.ruta for g in hechos}) == 6 and all(g.ruta.is_file() for g in hechos)
    # 10 días término if notified that day (Fri 28/02/2025): Carnaval (3-4 Mar) skipped -> 18/03/2025
    assert all(g.vencimiento == date(2025, 3, 18) for g in hechos)
    assert pasos[0].startswith("Requerimiento de pago voluntario 1 de 6") and "6 documentos generados" in pasos[-1]
    # A second RPV is refused for all: nothing generated, every juicio listed.
    with pytest.raises(ValidationError, match=f"{numeros[0]}: No se puede emitir el requerimiento") as exc:
        docs.generar_lote("rpv", numeros, fecha=VIERNES)
    assert all(n in exc.value.message for n in numeros)
    # Razones de notificación: one juicio has a notification without razón, the other has none: reported,
    # the batch goes on.
    NotificacionesService(srv.ctx).registrar(numeros[0], intento=1, forma="PERSONAL", efectiva=True, notifica="RPV",
                                             direccion="Riobamba", fecha_hora=datetime(2025, 3, 6, 9, tzinfo=TZ))
    lote = docs.generar_lote("razon-notificacion", numeros[:2], fecha=date(2025, 3, 6))
    assert [g.juicio for g in lote] == [numeros[0]]
    assert lote.fallidos == [(numeros[1], f"El juicio {numeros[1]} no tiene notificaciones registradas: registre "
                                          "primero la notificación.")]
    assert "1 juicio no se generó" in lote.mensaje()
    # A weekend date asks first: nothing is generated until it is confirmed.
    with pytest.raises(RuleError, match=r"El 01/03/2025 no es día hábil \(sábado\)"):
        docs.generar_lote("providencia", numeros[:1], fecha=date(2025, 3, 1), datos={"texto": "x"})
    assert docs.generar_lote("providencia", numeros[:1], fecha=date(2025, 3, 1), datos={"texto": "x"},
                             confirmar_inhabil=True)[0].foliado


def test_tipos_para_la_linea_de_comandos() -> None:
    lista = tipos()
    assert len(lista) == len(TipoDocumento) == 25
    assert lista[0] == ("titulo-credito", "Copia certificada del título de crédito")
    assert lista[1] == ("rpv", "Requerimiento de pago voluntario") and ("opi", "Orden de pago inmediato") in lista
    assert tipo_documento("OPI") is tipo_documento("opi") is TipoDocumento.OPI
    assert tipo_documento("razon_no_pago") is TipoDocumento.RAZON_NO_PAGO


def test_administrador_reemplaza_previsualiza_y_restaura_una_plantilla(
    con_secretarios: Servicios, tmp_path: Path,
) -> None:
    srv = con_secretarios
    docs, r = sortear(srv, 1)
    juicio = r.asignaciones[0].juicio
    instalada = templates_dir() / "providencia.docx"
    # A template with an unknown field is rejected by name and nothing changes.
    mala = tmp_path / "mala.docx"
    d = Document(str(instalada))
    d.add_paragraph("Firma: {{ nombre_del_juez }}")
    d.save(str(mala))
    with pytest.raises(ValidationError, match="nombre_del_juez"):
        docs.reemplazar_plantilla("providencia", mala)
    with pytest.raises(ValidationError, match="nombre_del_juez"):
        docs.vista_previa("providencia", mala)
    assert docs.plantilla(TipoDocumento.PROVIDENCIA) == instalada
    # A good one: previewed with sample data, then used by every providencia.
    buena = tmp_path / "buena.docx"
    d = Document(str(instalada))
    d.add_paragraph("Notifíquese también en la casilla {{ casilla_judicial_no_existe|default('x') }}")
    d.save(str(buena))
    with pytest.raises(ValidationError, match="casilla_judicial_no_existe"):
        docs.reemplazar_plantilla("providencia", buena)
    d = Document(str(instalada))
    d.add_paragraph("Dirección del coactivado: {{ deudor_direccion }}. Texto propio de la oficina.")
    d.save(str(buena))
    vista = docs.vista_previa("providencia", buena)
    assert "Dirección del coactivado: Av. Daniel León Borja 24-15 y Duchicela, Riobamba. Texto propio" in texto(vista)
    propia = docs.reemplazar_plantilla("providencia", buena)
    assert propia == srv.ctx.paths.root / "plantillas" / "providencia.docx"
    assert docs.plantilla(TipoDocumento.PROVIDENCIA) == propia
    assert [p.propia for p in docs.plantillas() if p.tipo is TipoDocumento.PROVIDENCIA] == [True]
    g = docs.generar("providencia", juicio, VIERNES, {"texto": "Agréguese."})
    assert "Texto propio de la oficina." in texto(g.ruta)
    # Restored: the shipped one again, the office's copy kept aside.
    assert docs.restaurar_plantilla("providencia") == instalada
    assert not propia.exists()
    assert next((propia.parent / "anteriores").iterdir()).name.startswith("providencia_")
    assert "Texto propio" not in texto(docs.vista_previa("providencia"))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_pdf_de_opi_con_coobligado_tiene_las_hojas_foliadas(con_secretarios: Servicios) -> None:
    from pypdf import PdfReader

    srv = con_secretarios
    juicio, _otro, docs = preparar_juicio(srv)
    rpv_vencido(srv, juicio, VIERNES)
    g = docs.generar_opi(juicio, VIERNES)
    pdf = docs.exportar_pdf(g.documento_id)
    assert len(PdfReader(str(pdf)).pages) == g.hasta - g.desde + 1
    assert "María Fernanda Guamán Yépez" in "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
