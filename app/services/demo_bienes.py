"""Seized goods of the demo office (``python -m app demo``): depositarios (the first one is the demo
«depositario» login), and goods in every state — embargado, secuestrado, en custodia with reports up to date
and overdue, avaluado, en remate, rematado, devuelto, levantado — each through the real services, dated
relative to today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.common.dates import local_today
from app.common.errors import AppError
from app.domain.etapas import Etapa
from app.domain.tipos import TipoDocumento
from app.services.bienes import NuevoBien
from app.services.bootstrap import Servicios
from app.services.demo_legal import FUENTE_ILUSTRATIVA
from app.storage.models import Expediente
from app.storage.models_juicio import TasaInteres

ZONA = ZoneInfo("America/Guayaquil")
DEPOSITARIOS = (("Jorge Luis Naranjo Chávez", "0926687856", "0991234567", "depositario"),
                ("María Fernanda Yépez Cárdenas", "1710034065", "0987654321", ""),
                ("Segundo Tenesaca Guamán", "0602910945", "0998765432", ""))
VEHICULOS = (("PBA-1234", "1M8GDM9AXKP042788", "Chevrolet", "D-Max", "2019", "blanco", "18500"),
             ("HBC-4521", "9BWZZZ377VT004251", "Volkswagen", "Gol", "2015", "gris", "7200"),
             ("TBB-0987", "8AJFB3CD4J1234567", "Toyota", "Hilux", "2018", "plata", "24500"),
             ("GSM-7788", "JTDBR32E530012345", "Toyota", "Yaris", "2012", "rojo", "6100"),
             ("ABC-3456", "KMHCT41BAFU123456", "Hyundai", "Accent", "2016", "azul", "8900"))


def _habil(d: date) -> date:
    """The first business day from ``d`` (national holidays included: a document is not dated on one)."""
    from app.domain.terminos import calendario

    cal = calendario()
    while not cal.es_habil(d):
        d += timedelta(days=1)
    return d


def _embargar(srv: Servicios, juicio: str, inicio: date, secuestro: bool = False) -> object:
    """The RPV four weeks before ``inicio``, notified the next business day, so that its 10 días hábiles have
    lapsed (COA arts. 271, 279); the OPI on ``inicio``, notified two business days later; the acta de embargo
    (or secuestro) ten days after."""
    cal = srv.oficina.calendario()
    opi = _habil(inicio)
    rpv = opi - timedelta(days=28)
    while not cal.es_habil(rpv):
        rpv -= timedelta(days=1)
    notif_rpv = cal.sumar_dias_habiles(rpv, 1)
    notif = _habil(opi + timedelta(days=2))
    acta = _habil(notif + timedelta(days=10))
    srv.documentos.generar(TipoDocumento.RPV, juicio, rpv)
    srv.notificaciones.registrar(juicio, intento=1, forma="PERSONAL", notifica="RPV",
                                 fecha_hora=datetime.combine(notif_rpv, time(10, 0), ZONA), efectiva=True,
                                 direccion="Av. Daniel León Borja 24-15, Riobamba", recibido_por="El coactivado")
    srv.documentos.generar(TipoDocumento.OPI, juicio, opi)
    srv.notificaciones.registrar(juicio, intento=1, forma="PERSONAL",
                                 fecha_hora=datetime.combine(notif, time(10, 30), ZONA), efectiva=True,
                                 direccion="Av. Daniel León Borja 24-15, Riobamba", recibido_por="El coactivado")
    srv.documentos.generar(TipoDocumento.ACTA_SECUESTRO if secuestro else TipoDocumento.ACTA_EMBARGO, juicio, acta, {
        "depositario": DEPOSITARIOS[0][0], "depositario_cedula": DEPOSITARIOS[0][1], "depositario_genero": "M",
        "hora": "10h30",
        "bienes": [{"descripcion": "Bienes detallados en el inventario del juicio", "tipo": "MUEBLE"}]})
    return srv.bienes.actas(juicio)[-1]


def _vehiculo(k: int) -> NuevoBien:
    placa, chasis, marca, modelo, anio, color, valor = VEHICULOS[k % len(VEHICULOS)]
    return NuevoBien("VEHICULO", valor_estimado=valor, condicion="Buena", ubicacion="Domicilio del coactivado",
                     campos={"placa": placa, "chasis": chasis, "marca": marca, "modelo": modelo, "anio": anio,
                             "color": color, "motor": f"M{k:02d}-{int(valor) * 7 % 999999:06d}"})


def _foto(color: str) -> tuple[str, bytes]:
    """A small generated photo (a flat-colour PNG made with the standard library)."""
    import struct
    import zlib

    r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    fila = b"\x00" + bytes((r, g, b)) * 64
    raw = zlib.compress(fila * 48)

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 48, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return f"foto_{color}.png", png


def crear_bienes_demo(srv: Servicios, progreso: Callable[[str], None] = lambda _m: None) -> int:
    """Add the demo goods to the installation (needs at least 8 drawn expedientes still in stage SORTEADO, drawn
    eight months ago or before).
    Returns the number of goods registered (0 when there are not enough expedientes)."""
    hoy = local_today()
    with srv.ctx.read() as s:
        juicios = list(s.scalars(select(Expediente.numero).where(
            Expediente.office_id == srv.ctx.office_id, Expediente.etapa == Etapa.SORTEADO.value,
            # drawn before the oldest RPV below (the remate's, seven months back)
            Expediente.fecha_inicio <= hoy - timedelta(days=240))
            .order_by(Expediente.fecha_inicio.desc(), Expediente.numero.desc()).limit(8)))
        sin_tasas = s.scalar(select(TasaInteres.id).where(TasaInteres.office_id == srv.ctx.office_id).limit(1)) is None
    if len(juicios) < 8:
        return 0
    if sin_tasas:  # the demo's liquidaciones (remate) need a rate table; an office keeps its own
        srv.liquidacion.agregar_tasa(date(2015, 1, 1), Decimal("11.83"), FUENTE_ILUSTRATIVA)
    deps = []
    for nombres, cedula, tel, login in DEPOSITARIOS:
        try:
            deps.append(srv.depositarios.crear(nombres, cedula, tel, login=login))
        except AppError:  # the demo ran before: reuse the register
            deps = srv.depositarios.listar()
            break
    d0, d1, d2 = deps[0].id, deps[1].id, deps[2].id
    hace = lambda n: hoy - timedelta(days=n)  # noqa: E731 - a local shorthand
    n = 0
    b_, d_, r_ = srv.bienes, srv.depositarios, srv.remates

    # 1. Embargado (just seized) and a secuestrado.
    acta = _embargar(srv, juicios[0], hace(30))
    b_.registrar(juicios[0], acta.documento_id, _vehiculo(0), fotos=[_foto("d0d8e0")], confirmar_desproporcion=True)
    acta = _embargar(srv, juicios[1], hace(28), secuestro=True)
    b_.registrar(juicios[1], acta.documento_id, NuevoBien(
        "MUEBLE", "Computadores portátiles Dell Latitude 5420", "1350", "Oficinas del coactivado", "Buena",
        {"cantidad": "3", "marca": "Dell", "serie": "7XK2L93, 7XK2L94, 7XK2L95"}), confirmar_desproporcion=True)
    n += 2
    # 2. En custodia: reports up to date (d0), overdue (d0 and d1).
    acta = _embargar(srv, juicios[2], hace(120))
    x = b_.registrar(juicios[2], acta.documento_id, _vehiculo(1), fotos=[_foto("8090a0")], confirmar_desproporcion=True)
    d_.designar([x.id], d0, _habil(acta.fecha + timedelta(days=3)), "Patio de la Unidad, Riobamba", "Buena")
    d_.registrar_informe(x.id, hace(12), "Buena", "Patio de la Unidad, Riobamba", "Sin novedad.", "40",
                         "parqueadero del mes", fotos=[_foto("7f8c99")])
    y = b_.registrar(juicios[2], acta.documento_id, NuevoBien(
        "INMUEBLE", "Lote de terreno con casa de dos plantas", "62000", "Barrio La Primavera, Riobamba", "Regular",
        {"clave_catastral": "0601-50-010-203-004", "parroquia": "Lizarzaburu", "canton": "Riobamba",
         "provincia": "Chimborazo", "certificado_registro": "RP-2025-1187"}), confirmar_desproporcion=True)
    d_.designar([y.id], d1, _habil(acta.fecha + timedelta(days=3)), "Barrio La Primavera, Riobamba", "Regular")
    acta = _embargar(srv, juicios[3], hace(90))
    z = b_.registrar(juicios[3], acta.documento_id, _vehiculo(2), fotos=[_foto("c0c0c0")], confirmar_desproporcion=True)
    d_.designar([z.id], d0, _habil(acta.fecha + timedelta(days=2)), "Parqueadero Los Andes, Riobamba", "Buena")
    n += 3
    # 3. Avaluado (report overdue by a few days) and en remate.
    acta = _embargar(srv, juicios[4], hace(160))
    a = b_.registrar(juicios[4], acta.documento_id, _vehiculo(3), confirmar_desproporcion=True)
    d_.designar([a.id], d2, _habil(acta.fecha + timedelta(days=2)), "Bodega del IESS, Riobamba", "Regular")
    d_.registrar_informe(a.id, hace(36), "Regular", "Bodega del IESS, Riobamba")
    r_.designar_perito([a.id], hace(35), "Ing. Pablo Esteban Tapia Mejía", "0603001231")
    r_.registrar_avaluo(a.id, hace(25), "Ing. Pablo Esteban Tapia Mejía", "5800", "0603001231")
    acta = _embargar(srv, juicios[5], hace(170))
    e = b_.registrar(juicios[5], acta.documento_id, _vehiculo(4), fotos=[_foto("3050a0")], confirmar_desproporcion=True)
    d_.designar([e.id], d0, _habil(acta.fecha + timedelta(days=2)), "Patio de la Unidad, Riobamba", "Buena")
    d_.registrar_informe(e.id, hace(20), "Buena", "Patio de la Unidad, Riobamba", "", "40", "parqueadero")
    r_.registrar_avaluo(e.id, hace(15), "Ing. Pablo Esteban Tapia Mejía", "8400", "0603001231")
    rem = r_.convocar([e.id], hace(10), hoy + timedelta(days=12))
    r_.registrar_postura(rem.id, "Carlos Andrés Villacís Orozco", "0603001231", "8600", "860", hace(2))
    n += 2
    # 4. Rematado (the proceeds paid the debt; a surplus is owed to the debtor).
    acta = _embargar(srv, juicios[6], hace(200))
    f = b_.registrar(juicios[6], acta.documento_id, _vehiculo(0).__class__(
        "VEHICULO", valor_estimado="21000", condicion="Buena", ubicacion="Domicilio del coactivado",
        campos={"placa": "PCQ-2020", "chasis": "3GNFK16ZX3G123456", "marca": "Chevrolet", "modelo": "Tahoe",
                "anio": "2013", "color": "negro"}), confirmar_desproporcion=True)
    d_.designar([f.id], d1, _habil(acta.fecha + timedelta(days=2)), "Patio de la Unidad, Riobamba", "Buena")
    r_.registrar_avaluo(f.id, hace(100), "Ing. Pablo Esteban Tapia Mejía", "19500", "0603001231")
    rem = r_.convocar([f.id], hace(90), hace(60))
    r_.registrar_postura(rem.id, "Paola Estefanía Samaniego Ruiz", "0604571232", "19800", "500", hace(61))
    r_.registrar_postura(rem.id, "Diego Fernando Yépez Villacís", "0926687856", "20500", "2050", hace(60))
    r_.adjudicar(rem.id, hace(60))
    n += 1
    # 5. Devuelto and levantado.
    acta = _embargar(srv, juicios[7], hace(110))
    g = b_.registrar(juicios[7], acta.documento_id, NuevoBien(
        "MUEBLE", "Máquina de coser industrial Juki DDL-8700", "900", "Taller del coactivado", "Buena",
        {"cantidad": "1", "marca": "Juki", "serie": "DDL8700-55123"}), confirmar_desproporcion=True)
    d_.designar([g.id], d2, _habil(acta.fecha + timedelta(days=1)), "Bodega del IESS, Riobamba", "Buena")
    b_.terminar(g.id, "DEVUELTO", hace(40), "orden del juzgado: bien inembargable (herramienta de trabajo)")
    h = b_.registrar(juicios[7], acta.documento_id, NuevoBien(
        "FONDOS", campos={"banco": "Banco del Pichincha", "cuenta": "3456789012", "monto_retenido": "420,15",
                          "oficio": "0601-OF-2025-118"}), confirmar_desproporcion=True)
    b_.terminar(h.id, "LEVANTADO", hace(38), "pago total de la obligación por el coactivado")
    n += 2
    progreso(f"{n} bienes embargados en 8 juicios, {len(deps)} depositarios judiciales")
    return n
