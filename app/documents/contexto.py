"""Context builders of the document templates: plain data in, the fields of one template out.

Every document of an expediente shares the same pieces (domain.md §2-4): the office and the city and date
of the document («Riobamba, 13 de mayo de 2025»), the juicio header («JUICIO COACTIVO No. …», the
coactivado and his cédula/RUC, a persona jurídica named with its representante legal, the co-obligados),
the título de crédito and its amounts in figures (``1.242,50``) and in words («MIL DOSCIENTOS CUARENTA Y
DOS 50/100 DÓLARES DE LOS ESTADOS UNIDOS DE AMÉRICA (USD 1.242,50)»), folio references («a fojas 12
(doce)») and the signatures (funcionario ejecutor, secretario-abogado). :func:`comun` builds them once;
one builder per :class:`~app.domain.tipos.TipoDocumento` adds the fields of its document.

No database here: :mod:`app.services.documentos` reads the rows and passes dataclasses
(:class:`Juicio`, :class:`Notificacion`, :class:`Oficio`, …). :func:`muestra` fills every template with
realistic sample data (template preview, tests). The keys a builder returns are exactly the fields
documented for its template in :data:`app.documents.plantillas_base.CAMPOS` (a test checks it), so an
office editing a template may use any of them and nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from babel.dates import format_date

from app.common.dates import fojas, format_dmy, long_date, number_in_words, place_and_date
from app.common.errors import ValidationError
from app.common.money import amount_in_words, format_usd, parse_amount, q
from app.documents import concordancia
from app.domain.documentos import REGISTRO
from app.domain.documentos import validar_claves as _validar_claves
from app.domain.terminos import TERMINO_OPI_DIAS, TERMINO_RPV_DIAS
from app.domain.tipos import TipoDocumento

ACREEDOR = "Instituto Ecuatoriano de Seguridad Social (IESS)"
#: A postura must come with at least this share of its value as deposit (domain.md §2.9).
DEPOSITO_MINIMO_POSTURA = Decimal("0.10")

# --- plain data --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Oficina:
    nombre: str
    ciudad: str
    provincia: str
    ejecutor_nombre: str = ""
    ejecutor_cargo: str = "Funcionario Ejecutor"
    ejecutor_genero: str = ""
    jefe_nombre: str = ""
    jefe_cargo: str = ""
    jefe_genero: str = ""


@dataclass(frozen=True, slots=True)
class Persona:
    """A coactivado or co-obligado. ``tipo_identificacion`` "RUC" or "CEDULA"; ``tipo_persona`` "NATURAL" or
    "JURIDICA" (then named with ``representante_legal``); ``calidad`` of a co-obligado (GARANTE,
    RESPONSABLE_SOLIDARIO)."""

    nombre: str
    identificacion: str
    tipo_identificacion: str = "CEDULA"
    tipo_persona: str = "NATURAL"
    representante_legal: str = ""
    representante_cedula: str = ""
    direccion: str = ""
    calidad: str = ""


@dataclass(frozen=True, slots=True)
class Titulo:
    numero: str
    fecha_emision: date
    concepto: str
    periodo: str
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    total: Decimal
    fecha_interes_desde: date


@dataclass(frozen=True, slots=True)
class Secretario:
    nombres: str
    cedula: str
    externo: bool = True
    genero: str = ""


@dataclass(frozen=True, slots=True)
class RefDocumento:
    """A document already in the expediente, cited by its date and folios."""

    descripcion: str
    fecha: date
    desde: int
    hasta: int


@dataclass(frozen=True, slots=True)
class Juicio:
    """What every document of an expediente says about it. ``ultimo_folio``: the last folio before the
    document being generated; ``cuerpos``: volumes so far; ``opi``: the orden de pago inmediato, if any."""

    numero: str
    oficina: Oficina
    deudor: Persona
    titulo: Titulo
    secretario: Secretario
    coobligados: tuple[Persona, ...] = ()
    cuantia: Decimal | None = None
    fecha_inicio: date | None = None
    casilla_judicial: str = ""
    abogado_deudor: str = ""
    fecha_citacion: date | None = None
    forma_citacion: str = ""
    ultimo_folio: int = 0
    cuerpos: int = 1
    opi: RefDocumento | None = None


@dataclass(frozen=True, slots=True)
class Notificacion:
    """One attempt to notify (COA arts. 164, 171). ``forma`` PERSONAL | BOLETA | PRENSA; ``fecha_hora`` local."""

    destinatario: str
    identificacion: str
    intento: int
    forma: str
    fecha_hora: datetime
    direccion: str = ""
    recibido_por: str = ""
    efectiva: bool = False
    observaciones: str = ""
    calidad: str = "coactivado"
    documento: RefDocumento | None = None
    citador_nombre: str = ""
    citador_cargo: str = ""
    #: The person notified is a company: the diligencia is made "en la persona de su representante legal".
    representante_legal: str = ""


@dataclass(frozen=True, slots=True)
class MedidaRef:
    """A medida cautelar already ordered (for a levantamiento)."""

    descripcion: str
    destinatario: str
    oficio_numero: str
    fecha: date


@dataclass(frozen=True, slots=True)
class Oficio:
    numero: str
    destinatario: str
    monto: Decimal
    medidas: tuple[MedidaRef, ...] = ()
    motivo: str = ""


@dataclass(frozen=True, slots=True)
class Bien:
    """A seized or auctioned good (domain.md §5): ``tipo`` INMUEBLE | VEHICULO | MUEBLE | FONDOS ("" unknown)."""

    descripcion: str
    tipo: str = ""
    valor: Decimal | None = None
    ubicacion: str = ""


@dataclass(frozen=True, slots=True)
class ActaBienes:
    """Data of an acta de embargo or de secuestro."""

    bienes: tuple[Bien, ...]
    depositario_nombre: str
    depositario_cedula: str = ""
    lugar_diligencia: str = ""
    lugar_custodia: str = ""
    hora: str = ""
    observaciones: str = ""
    depositario_genero: str = ""


@dataclass(frozen=True, slots=True)
class Movimiento:
    """A line of a liquidación's detail (a costa or an abono)."""

    fecha: date
    concepto: str
    monto: Decimal


@dataclass(frozen=True, slots=True)
class TramoInteres:
    """A period of mora interest: ``capital`` outstanding at ``tasa_anual`` % for ``dias`` days."""

    desde: date
    hasta: date
    dias: int
    capital: Decimal
    tasa_anual: Decimal
    interes: Decimal


@dataclass(frozen=True, slots=True)
class Liquidacion:
    """A liquidación (:mod:`app.domain.liquidacion`): ``total`` = capital + interés + recargo + costas − pagos;
    ``honorarios`` are shown, not added (they are owed by the office to its lawyer, on what was recovered).
    ``interes`` = ``interes_titulo`` + ``interes_mora`` + ``interes_convenio`` (None: all of it is the título's)."""

    fecha_corte: date
    capital: Decimal
    interes: Decimal
    recargo: Decimal
    costas: Decimal
    honorarios: Decimal
    pagos: Decimal
    total: Decimal
    interes_titulo: Decimal | None = None
    interes_mora: Decimal = Decimal("0.00")
    interes_convenio: Decimal = Decimal("0.00")
    tramos: tuple[TramoInteres, ...] = ()
    base_dias: int = 360
    costas_detalle: tuple[Movimiento, ...] = ()
    pagos_detalle: tuple[Movimiento, ...] = ()
    documento: RefDocumento | None = None
    honorarios_a_cargo: bool = False  # the office charges the fee to the coactivado: a line of the debt


@dataclass(frozen=True, slots=True)
class HonorariosOpi:
    """The fee an OPI announces when the office charges it to the coactivado: percent and IVA of the tariff
    in force on its date, and that fee on the título's total (USD)."""

    porcentaje: Decimal
    iva_porcentaje: Decimal
    monto: Decimal


@dataclass(frozen=True, slots=True)
class AvisoRemate:
    fecha_remate: date
    hora: str
    lugar: str
    bienes: tuple[Bien, ...]
    base: Decimal


@dataclass(frozen=True, slots=True)
class Postura:
    postor: str
    identificacion: str
    valor: Decimal
    deposito: Decimal

    @property
    def calificada(self) -> bool:
        """At least 10% of the bid deposited (domain.md §2.9)."""
        return self.deposito >= q(self.valor * DEPOSITO_MINIMO_POSTURA)


@dataclass(frozen=True, slots=True)
class ActaRemate:
    bienes: tuple[Bien, ...]
    posturas: tuple[Postura, ...]
    hora: str = ""
    aviso: RefDocumento | None = None
    adjudicatario: int | None = None  # index into posturas; None: the highest qualified bid
    base: Decimal | None = None  # the remate's base (USD); None: not stated
    a_deuda: Decimal | None = None  # part of the price applied to the debt; None: not applied here
    sobrante: Decimal = Decimal("0.00")  # owed back to the debtor


@dataclass(frozen=True, slots=True)
class Archivo:
    motivo: str
    total_pagado: Decimal
    auto: RefDocumento | None = None


@dataclass(frozen=True, slots=True)
class Cuota:
    numero: int
    vence: date
    capital: Decimal
    interes: Decimal
    cuota: Decimal


@dataclass(frozen=True, slots=True)
class Convenio:
    fecha: date
    plazo_meses: int
    monto: Decimal
    cuota_inicial: Decimal
    tasa_anual: Decimal
    sin_honorarios: bool
    cuotas: tuple[Cuota, ...] = ()


@dataclass(frozen=True, slots=True)
class EntradaIndice:
    n: int
    fecha: date
    descripcion: str
    tipo: str
    desde: int
    hasta: int
    hojas: int
    cuerpo_desde: int
    cuerpo_hasta: int
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class Indice:
    entradas: tuple[EntradaIndice, ...] = field(default_factory=tuple)


# --- shared pieces -----------------------------------------------------------------------------------------


def a_fojas(desde: int, hasta: int | None = None) -> str:
    """Folio reference as razones write it (domain.md §3): ``a fojas 12 (doce)``; a range:
    ``de fojas 12 (doce) a 14 (catorce)``."""
    if hasta is None or hasta == desde:
        return f"a fojas {fojas(desde)}"
    return f"de fojas {fojas(desde)} a {fojas(hasta)}"


def cita(ref: RefDocumento | None, defecto: str) -> str:
    """«la orden de pago inmediato de 28 de febrero de 2025, que obra a fojas 1 (uno)», or ``defecto``."""
    if ref is None:
        return defecto
    return f"{ref.descripcion} de {long_date(ref.fecha)}, que obra {a_fojas(ref.desde, ref.hasta)}"


def tipo_identificacion(tipo: str) -> str:
    return "RUC" if tipo.upper() == "RUC" else "cédula de ciudadanía"


def cargo_secretario(externo: bool, genero: str = "") -> str:
    """«Secretario Abogado Externo» / «Secretaria Abogada Externa» … (:mod:`app.documents.concordancia`)."""
    return concordancia.cargo_secretario(externo, genero)


_CALIDADES = {"GARANTE": "garante", "RESPONSABLE_SOLIDARIO": "responsable solidario", "CODEUDOR": "codeudor"}


def calidad(c: str) -> str:
    return _CALIDADES.get(c.upper(), c.lower().replace("_", " "))


def designacion(p: Persona) -> str:
    """How a legal text names a person: «José Núñez, con cédula de ciudadanía No. 1710034065»; a persona
    jurídica with its representante legal: «COMERCIAL X S.A., con RUC No. 0690012345001, representada
    legalmente por Juan Pérez, con cédula de ciudadanía No. 0602910945»."""
    texto = f"{p.nombre}, con {tipo_identificacion(p.tipo_identificacion)} No. {p.identificacion}"
    if p.tipo_persona.upper() == "JURIDICA" and p.representante_legal:
        texto += f", representada legalmente por {p.representante_legal}"
        if p.representante_cedula:
            texto += f", con cédula de ciudadanía No. {p.representante_cedula}"
    return texto


def _y(partes: Sequence[str], sep: str = ", ") -> str:
    if len(partes) <= 1:
        return "".join(partes)
    return sep.join(partes[:-1]) + " y " + partes[-1]


def obligados(deudor: Persona, coobligados: Sequence[Persona]) -> str:
    """The coactivado followed by each co-obligado in his quality, as the OPI orders them to pay."""
    texto = designacion(deudor)
    if not coobligados:
        return texto
    otros = [f"{designacion(c)}, en calidad de {calidad(c.calidad)}" for c in coobligados]
    return f"{texto}; y, solidariamente, {_y(otros, '; ')}"


def dinero(monto: Decimal) -> str:
    return format_usd(monto)


def dia_semana(d: date) -> str:
    return format_date(d, "EEEE", locale="es")


def hora_texto(t: time | datetime) -> str:
    """``10:30`` -> ``10h30`` (as Ecuadorian razones write the time)."""
    return f"{t.hour:02d}h{t.minute:02d}"


_ORDINALES = {1: "primera", 2: "segunda", 3: "tercera", 4: "cuarta", 5: "quinta"}


def ordinal(n: int) -> str:
    return _ORDINALES.get(n, f"{n}.ª")


def oficina(o: Oficina, fecha: date) -> dict[str, Any]:
    """Office, city and date fields (every template)."""
    return {
        "oficina_nombre": o.nombre, "ciudad": o.ciudad, "provincia": o.provincia,
        "lugar_fecha": place_and_date(o.ciudad, fecha), "fecha": long_date(fecha), "fecha_corta": format_dmy(fecha),
    }


def comun(j: Juicio, fecha: date) -> dict[str, Any]:
    """The fields every document of an expediente shares (see ``plantillas_base._JUICIO``)."""
    d, t, x = j.deudor, j.titulo, j.secretario
    cuantia = j.cuantia if j.cuantia is not None else t.total
    coob = [
        {"n": i, "nombre": c.nombre, "identificacion": c.identificacion,
         "tipo_identificacion": tipo_identificacion(c.tipo_identificacion), "calidad": calidad(c.calidad),
         "direccion": c.direccion, "designacion": designacion(c)}
        for i, c in enumerate(j.coobligados, start=1)
    ]
    return {
        **oficina(j.oficina, fecha),
        "juicio_numero": j.numero, "acreedor": ACREEDOR,
        "deudor_nombre": d.nombre, "deudor_identificacion": d.identificacion,
        "deudor_tipo_identificacion": tipo_identificacion(d.tipo_identificacion),
        "deudor_es_juridica": d.tipo_persona.upper() == "JURIDICA",
        "deudor_representante": d.representante_legal if d.tipo_persona.upper() == "JURIDICA" else "",
        "deudor_representante_cedula": d.representante_cedula if d.tipo_persona.upper() == "JURIDICA" else "",
        "deudor_direccion": d.direccion, "deudor_designacion": designacion(d),
        "coobligados": coob, "obligados_designacion": obligados(d, j.coobligados),
        "titulo_numero": t.numero, "titulo_fecha": long_date(t.fecha_emision), "concepto": t.concepto,
        "periodo": t.periodo, "fecha_interes_desde": long_date(t.fecha_interes_desde),
        "capital": dinero(t.capital), "interes": dinero(t.interes), "recargo": dinero(t.recargo),
        "total": dinero(t.total), "total_letras": amount_in_words(t.total),
        "cuantia": dinero(cuantia), "cuantia_letras": amount_in_words(cuantia),
        "opi_referencia": cita(j.opi, "la orden de pago inmediato dictada en este juicio"),
        "secretario_nombre": x.nombres, "secretario_cedula": x.cedula,
        "secretario_cargo": cargo_secretario(x.externo, x.genero),
        "secretario_tratamiento": f"{concordancia.articulo(x.genero)} {concordancia.abogado(x.genero)}",
        "secretario_suscrito": concordancia.suscrito(x.genero),
        "secretario_articulo": concordancia.articulo(x.genero),
        "ejecutor_nombre": j.oficina.ejecutor_nombre, "ejecutor_cargo": j.oficina.ejecutor_cargo,
        "ejecutor_articulo": concordancia.articulo(j.oficina.ejecutor_genero),
    }


def _termino(fecha_vence: date, dias: int) -> dict[str, Any]:
    return {
        "termino_dias": dias, "termino_letras": number_in_words(dias),
        "vencimiento": long_date(fecha_vence), "vencimiento_dia_semana": dia_semana(fecha_vence),
    }


# --- one builder per document type -------------------------------------------------------------------------


def rpv(j: Juicio, fecha: date, vencimiento: date) -> dict[str, Any]:
    """Requerimiento de pago voluntario (COA art. 271): 10 días término from notification."""
    return {**comun(j, fecha), **_termino(vencimiento, TERMINO_RPV_DIAS)}


def opi(j: Juicio, fecha: date, vencimiento: date, medidas: Sequence[str],
        honorarios: HonorariosOpi | None = None) -> dict[str, Any]:
    """Orden de pago inmediato (COA arts. 279-281): 3 días término, medidas cautelares; the lawyer's fee as its
    own line when the office charges it to the coactivado (``honorarios``)."""
    h = honorarios
    return {**comun(j, fecha), **_termino(vencimiento, TERMINO_OPI_DIAS), "medidas": list(medidas),
            "honorarios_a_cargo": h is not None,
            "honorarios_porcentaje": _porcentaje(h.porcentaje) if h else "",
            "honorarios_iva": _porcentaje(h.iva_porcentaje) if h else "",
            "honorarios_monto": dinero(h.monto) if h else "0,00",
            "total_con_honorarios": dinero(j.titulo.total + h.monto) if h else dinero(j.titulo.total)}


def razon_no_pago(j: Juicio, fecha: date, rpv_ref: RefDocumento | None, rpv_vence: date | None) -> dict[str, Any]:
    """Razón de no pago of the RPV (its date, folios and the last day of its término)."""
    return {
        **comun(j, fecha),
        "rpv_referencia": cita(rpv_ref, "el requerimiento de pago voluntario de este juicio"),
        "rpv_vencimiento": long_date(rpv_vence) if rpv_vence else "",
        "termino_dias": TERMINO_RPV_DIAS, "termino_letras": number_in_words(TERMINO_RPV_DIAS),
    }


_FORMAS = {
    "PERSONAL": "personalmente",
    "BOLETA": "mediante boleta",
    "PRENSA": "por la prensa",
}


def razon_notificacion(j: Juicio, fecha: date, n: Notificacion) -> dict[str, Any]:
    """Razón de notificación of one attempt (COA arts. 164, 171)."""
    forma = n.forma.upper()
    forma_texto = _FORMAS.get(forma, n.forma.lower())
    if forma == "BOLETA":
        forma_texto = f"mediante {ordinal(n.intento)} boleta"
    return {
        **comun(j, fecha),
        "notificacion_destinatario": n.destinatario, "notificacion_identificacion": n.identificacion,
        "notificacion_calidad": n.calidad, "notificacion_intento": ordinal(n.intento),
        "notificacion_forma": forma_texto, "notificacion_fecha": long_date(n.fecha_hora.date()),
        "notificacion_hora": hora_texto(n.fecha_hora), "notificacion_direccion": n.direccion or "su domicilio",
        "notificacion_recibido_por": n.recibido_por, "notificacion_efectiva": n.efectiva,
        "notificacion_observaciones": n.observaciones,
        "notificacion_representante": n.representante_legal,
        "documento_notificado": cita(n.documento, "el documento dictado en este juicio"),
        "citador_nombre": n.citador_nombre, "citador_cargo": n.citador_cargo,
    }


_ASUNTOS = {
    TipoDocumento.OFICIO_RETENCION: "Retención de fondos",
    TipoDocumento.OFICIO_ANT: "Prohibición de enajenar vehículos",
    TipoDocumento.OFICIO_REGISTRO: "Prohibición de enajenar bienes inmuebles",
    TipoDocumento.OFICIO_LEVANTAMIENTO: "Levantamiento de medidas cautelares",
}


def oficio(j: Juicio, fecha: date, tipo: TipoDocumento, o: Oficio) -> dict[str, Any]:
    """Oficio of a medida cautelar (retention, ANT, Registro de la Propiedad) or of its levantamiento."""
    return {
        **comun(j, fecha),
        "oficio_numero": o.numero, "destinatario": o.destinatario, "asunto": _ASUNTOS[tipo],
        "monto": dinero(o.monto), "monto_letras": amount_in_words(o.monto),
        "medidas_levantadas": [
            {"n": i, "descripcion": m.descripcion, "destinatario": m.destinatario, "oficio": m.oficio_numero,
             "fecha": long_date(m.fecha)}
            for i, m in enumerate(o.medidas, start=1)
        ],
        "motivo": o.motivo,
    }


def providencia(j: Juicio, fecha: date, texto: str, liq: Liquidacion | None) -> dict[str, Any]:
    """Providencia: the standard header and the order's free text (one paragraph per line)."""
    parrafos = [p.strip() for p in texto.replace("\r\n", "\n").split("\n") if p.strip()]
    if not parrafos:
        raise ValidationError("La providencia no tiene texto: escriba lo que se dispone.")
    return {
        **comun(j, fecha),
        "texto_inicial": parrafos[0], "parrafos": parrafos[1:],
        "liquidacion_referencia": (
            f"la liquidación practicada con corte al {long_date(liq.fecha_corte)}"
            + (f", que obra {a_fojas(liq.documento.desde, liq.documento.hasta)}" if liq.documento else "")
            if liq else ""
        ),
        "liquidacion_total_letras": amount_in_words(liq.total) if liq else "",
    }


_TIPOS_BIEN = {"INMUEBLE": "Inmueble", "VEHICULO": "Vehículo", "MUEBLE": "Mueble", "FONDOS": "Fondos"}


def _bienes(bienes: Sequence[Bien]) -> list[dict[str, Any]]:
    return [
        {"n": i, "descripcion": b.descripcion,
         "tipo": _TIPOS_BIEN.get(b.tipo.upper(), b.tipo.capitalize()) if b.tipo else "—",
         "valor": dinero(b.valor) if b.valor is not None else "—", "ubicacion": b.ubicacion}
        for i, b in enumerate(bienes, start=1)
    ]


def _suma(bienes: Sequence[Bien]) -> Decimal:
    return sum((b.valor for b in bienes if b.valor is not None), Decimal("0"))


def acta_bienes(j: Juicio, fecha: date, a: ActaBienes) -> dict[str, Any]:
    """Acta de embargo or de secuestro: the goods, their value and the depositario who takes custody."""
    if not a.bienes:
        raise ValidationError("El acta necesita al menos un bien (datos «bienes»).")
    total = _suma(a.bienes)
    return {
        **comun(j, fecha),
        "hora": a.hora, "lugar_diligencia": a.lugar_diligencia or j.deudor.direccion or j.oficina.ciudad,
        "bienes": _bienes(a.bienes), "bienes_total": dinero(total), "bienes_total_letras": amount_in_words(total),
        "depositario_nombre": a.depositario_nombre, "depositario_cedula": a.depositario_cedula,
        "depositario_cargo": concordancia.cargo_depositario(a.depositario_genero),
        "depositario_articulo": concordancia.articulo(a.depositario_genero),
        "depositario_del": concordancia.del_(a.depositario_genero),
        "lugar_custodia": a.lugar_custodia or "las bodegas del Instituto Ecuatoriano de Seguridad Social",
        "observaciones": a.observaciones,
    }


def _movimientos(ms: Sequence[Movimiento]) -> list[dict[str, Any]]:
    return [{"n": i, "fecha": format_dmy(m.fecha), "concepto": m.concepto, "monto": dinero(m.monto)}
            for i, m in enumerate(ms, start=1)]


def _porcentaje(p: Decimal) -> str:
    """``Decimal("10.0000")`` -> ``"10 %"``, ``Decimal("7.5")`` -> ``"7,5 %"``."""
    return f"{p.normalize():f}".replace(".", ",") + " %"


def _tasa(t: Decimal) -> str:
    return f"{q(t):.2f}".replace(".", ",")


def liquidacion(j: Juicio, fecha: date, liq: Liquidacion) -> dict[str, Any]:
    """Liquidación at a cut-off date: capital, interest (título, mora by period, convenio), surcharges, costs,
    payments, total; the lawyer's fees apart."""
    deuda = liq.capital + liq.interes + liq.recargo + liq.costas + (liq.honorarios if liq.honorarios_a_cargo else 0)
    titulo = liq.interes if liq.interes_titulo is None else liq.interes_titulo
    return {
        **comun(j, fecha),
        "liq_fecha_corte": long_date(liq.fecha_corte), "liq_capital": dinero(liq.capital),
        "liq_interes": dinero(liq.interes), "liq_interes_titulo": dinero(titulo),
        "liq_interes_mora": dinero(liq.interes_mora), "liq_interes_convenio": dinero(liq.interes_convenio),
        "liq_recargo": dinero(liq.recargo), "liq_costas": dinero(liq.costas), "liq_deuda": dinero(deuda),
        "liq_pagos": dinero(liq.pagos), "liq_total": dinero(liq.total), "liq_total_letras": amount_in_words(liq.total),
        "liq_honorarios": dinero(liq.honorarios), "liq_base_dias": liq.base_dias,
        "liq_honorarios_a_cargo": liq.honorarios_a_cargo,
        "tramos": [
            {"n": i, "desde": format_dmy(t.desde), "hasta": format_dmy(t.hasta), "dias": t.dias,
             "capital": dinero(t.capital), "tasa": f"{_tasa(t.tasa_anual)} %", "interes": dinero(t.interes)}
            for i, t in enumerate(liq.tramos, start=1)
        ],
        "costas_detalle": _movimientos(liq.costas_detalle), "pagos_detalle": _movimientos(liq.pagos_detalle),
    }


def aviso_remate(j: Juicio, fecha: date, a: AvisoRemate) -> dict[str, Any]:
    """Aviso de remate: date, time and place, the goods with their appraisal, the base and the deposit."""
    if not a.bienes:
        raise ValidationError("El aviso de remate necesita al menos un bien (datos «bienes»).")
    avaluo = _suma(a.bienes)
    return {
        **comun(j, fecha),
        "remate_fecha": long_date(a.fecha_remate), "remate_dia_semana": dia_semana(a.fecha_remate),
        "remate_hora": a.hora, "remate_lugar": a.lugar, "bienes": _bienes(a.bienes),
        "avaluo_total": dinero(avaluo), "avaluo_total_letras": amount_in_words(avaluo),
        "base_remate": dinero(a.base), "base_remate_letras": amount_in_words(a.base),
        "deposito_porcentaje": f"{int(DEPOSITO_MINIMO_POSTURA * 100)}%",
        "deposito_letras": number_in_words(int(DEPOSITO_MINIMO_POSTURA * 100)),
    }


def adjudicataria(posturas: Sequence[Postura], elegida: int | None = None) -> int:
    """Index of the winning bid: ``elegida`` if given (it must be qualified), else the highest qualified one.

    Raises:
        ValidationError: no bid, or the chosen/every bid lacks the 10% deposit.
    """
    if not posturas:
        raise ValidationError("El acta de remate necesita al menos una postura (datos «posturas»).")
    if elegida is not None:
        if not 0 <= elegida < len(posturas):
            raise ValidationError(f"La postura adjudicada ({elegida + 1}) no existe.")
        if not posturas[elegida].calificada:
            raise ValidationError(
                f"La postura de {posturas[elegida].postor} no consignó al menos el 10% de su valor: no se le puede "
                "adjudicar."
            )
        return elegida
    calificadas = [i for i, p in enumerate(posturas) if p.calificada]
    if not calificadas:
        raise ValidationError("Ninguna postura consignó al menos el 10% de su valor: no hay a quién adjudicar.")
    return max(calificadas, key=lambda i: posturas[i].valor)


def acta_remate(j: Juicio, fecha: date, a: ActaRemate) -> dict[str, Any]:
    """Acta de remate: the bids received, which qualify (10% deposit), the adjudication."""
    k = adjudicataria(a.posturas, a.adjudicatario)
    ganadora = a.posturas[k]
    return {
        **comun(j, fecha),
        "hora": a.hora, "aviso_referencia": cita(a.aviso, "el aviso de remate publicado en este juicio"),
        "bienes": _bienes(a.bienes),
        "posturas": [
            {"n": i, "postor": p.postor, "identificacion": p.identificacion, "valor": dinero(p.valor),
             "deposito": dinero(p.deposito), "calificada": "Sí" if p.calificada else "No"}
            for i, p in enumerate(a.posturas, start=1)
        ],
        "adjudicatario_nombre": ganadora.postor, "adjudicatario_identificacion": ganadora.identificacion,
        "adjudicacion_valor": dinero(ganadora.valor), "adjudicacion_letras": amount_in_words(ganadora.valor),
        "saldo_precio": dinero(ganadora.valor - ganadora.deposito),
        "saldo_precio_letras": amount_in_words(ganadora.valor - ganadora.deposito),
        "base_remate": dinero(a.base) if a.base is not None else "",
        "producto_aplicado": a.a_deuda is not None,
        "producto_a_deuda_letras": amount_in_words(a.a_deuda) if a.a_deuda is not None else "",
        "sobrante_letras": amount_in_words(a.sobrante), "hay_sobrante": a.sobrante > 0,
    }


def razon_archivo(j: Juicio, fecha: date, a: Archivo) -> dict[str, Any]:
    """Razón de archivo: why, what was paid, how many folios the expediente has before this razón."""
    return {
        **comun(j, fecha),
        "motivo": a.motivo, "total_pagado": dinero(a.total_pagado),
        "total_pagado_letras": amount_in_words(a.total_pagado),
        "fojas_expediente": fojas(j.ultimo_folio), "cuerpos": j.cuerpos,
        "fojas_expediente_texto": concordancia.fojas_utiles(j.ultimo_folio),
        "cuerpos_texto": concordancia.cuerpos(j.cuerpos),
        "auto_archivo_referencia": cita(a.auto, "el auto de archivo dictado en este juicio"),
    }


def auto_suspension(j: Juicio, fecha: date, c: Convenio) -> dict[str, Any]:
    """Auto de suspensión por convenio de pago (APP) with its amortization table."""
    return {
        **comun(j, fecha),
        "convenio_fecha": long_date(c.fecha), "convenio_plazo_meses": c.plazo_meses,
        "convenio_plazo_letras": number_in_words(c.plazo_meses),
        "convenio_monto": dinero(c.monto), "convenio_monto_letras": amount_in_words(c.monto),
        "convenio_cuota_inicial": dinero(c.cuota_inicial),
        "convenio_tasa": _tasa(c.tasa_anual), "convenio_sin_honorarios": c.sin_honorarios,
        "cuotas": [
            {"n": k.numero, "vence": format_dmy(k.vence), "capital": dinero(k.capital),
             "interes": dinero(k.interes), "cuota": dinero(k.cuota)}
            for k in c.cuotas
        ],
        "cuotas_total": dinero(sum((k.cuota for k in c.cuotas), Decimal("0"))),
    }


_FORMAS_CITACION = {"PERSONAL": "personal", "BOLETA": "por boletas", "PRENSA": "por la prensa"}


def caratula(j: Juicio, fecha: date, cuerpo: int) -> dict[str, Any]:
    """Carátula (cover) of one cuerpo of the expediente (domain.md §3)."""
    return {
        **comun(j, fecha),
        "cuerpo": cuerpo, "cuerpo_letras": number_in_words(cuerpo),
        "fecha_inicio": long_date(j.fecha_inicio) if j.fecha_inicio else "",
        "fecha_citacion": long_date(j.fecha_citacion) if j.fecha_citacion else "Sin citar",
        "forma_citacion": _FORMAS_CITACION.get(j.forma_citacion.upper(), j.forma_citacion.lower()),
        "casilla_judicial": j.casilla_judicial or "No señalada",
        "abogado_deudor": j.abogado_deudor or "No designado",
    }


def indice(j: Juicio, fecha: date, ix: Indice) -> dict[str, Any]:
    """Índice of the expediente: each document with its date, folio range, sheets and cuerpo."""
    documentos = [
        {"n": e.n, "fecha": format_dmy(e.fecha), "descripcion": e.descripcion, "tipo": e.tipo,
         "fojas": (f"{e.desde}" if e.desde == e.hasta else f"{e.desde} a {e.hasta}")
         + (" (provisional)" if e.provisional else ""),
         "hojas": e.hojas,
         "cuerpo": str(e.cuerpo_desde) if e.cuerpo_desde == e.cuerpo_hasta else f"{e.cuerpo_desde}-{e.cuerpo_hasta}"}
        for e in ix.entradas
    ]
    ultimo = ix.entradas[-1].hasta if ix.entradas else 0
    return {
        **comun(j, fecha), "documentos": documentos, "total_fojas": fojas(ultimo),
        "cuerpos": ix.entradas[-1].cuerpo_hasta if ix.entradas else 1,
        "total_fojas_texto": concordancia.fojas_utiles(ultimo),
        "cuerpos_texto": concordancia.cuerpos(ix.entradas[-1].cuerpo_hasta if ix.entradas else 1),
    }


# --- datos: what callers (UI, CLI) pass for the documents that need more than the expediente -------------------

#: Keys accepted in ``datos`` per document type: the registry's ``datos`` (:mod:`app.domain.documentos`).
DATOS: dict[TipoDocumento, Mapping[str, str]] = {t: d.datos for t, d in REGISTRO.items()}
validar_claves = _validar_claves


def monto(valor: Any, campo: str) -> Decimal:
    """A USD amount from datos (Decimal, int, or text as the office writes it: ``1.234,56``).

    Raises:
        ValidationError: naming ``campo``.
    """
    if isinstance(valor, Decimal):
        return q(valor)
    if isinstance(valor, int) and not isinstance(valor, bool):
        return q(Decimal(valor))
    if isinstance(valor, float):
        return q(Decimal(str(valor)))
    try:
        return parse_amount(str(valor))
    except ValueError as exc:
        raise ValidationError(f"«{campo}»: {exc}.") from exc


def texto(datos: Mapping[str, Any], clave: str, defecto: str = "") -> str:
    v = datos.get(clave)
    return defecto if v is None else str(v).strip()


def bienes_de(valor: Any, *, con_valor: bool = False) -> tuple[Bien, ...]:
    """Parse ``datos["bienes"]``: a list of ``{descripcion, tipo, valor, ubicacion}`` (or plain strings).

    Raises:
        ValidationError: not a list, an item without description, a bad amount, or (``con_valor``) a good
            without appraisal — naming the item.
    """
    if not isinstance(valor, list | tuple):
        raise ValidationError("«bienes» debe ser una lista de bienes.")
    out = []
    for i, b in enumerate(valor, start=1):
        if isinstance(b, str):
            b = {"descripcion": b}
        if not isinstance(b, Mapping) or not str(b.get("descripcion", "")).strip():
            raise ValidationError(f"Bien {i}: falta la descripción.")
        v = b.get("valor")
        if v in (None, "") and con_valor:
            raise ValidationError(f"Bien {i} ({b['descripcion']}): falta el avalúo.")
        out.append(Bien(
            descripcion=str(b["descripcion"]).strip(), tipo=str(b.get("tipo") or "").upper(),
            valor=None if v in (None, "") else monto(v, f"bien {i}: valor"), ubicacion=str(b.get("ubicacion") or ""),
        ))
    return tuple(out)


def posturas_de(valor: Any) -> tuple[Postura, ...]:
    """Parse ``datos["posturas"]``: a list of ``{postor, identificacion, valor, deposito}``.

    Raises:
        ValidationError: naming the bad item.
    """
    if not isinstance(valor, list | tuple) or not valor:
        raise ValidationError("«posturas» debe ser una lista con al menos una postura.")
    out = []
    for i, p in enumerate(valor, start=1):
        if not isinstance(p, Mapping) or not str(p.get("postor", "")).strip():
            raise ValidationError(f"Postura {i}: falta el nombre del postor.")
        out.append(Postura(
            postor=str(p["postor"]).strip(), identificacion=str(p.get("identificacion") or ""),
            valor=monto(p.get("valor"), f"postura {i}: valor"), deposito=monto(p.get("deposito", 0),
                                                                              f"postura {i}: depósito"),
        ))
    return tuple(out)


# --- sample data (template preview, tests) -----------------------------------------------------------------

_M_OFICINA = Oficina(
    nombre="Unidad Provincial de Gestión de Coactiva de Chimborazo", ciudad="Riobamba", provincia="Chimborazo",
    ejecutor_nombre="Ing. Patricio Xavier Carrasco Ruiz",
    ejecutor_cargo="Director Provincial del IESS Chimborazo, Funcionario Ejecutor", ejecutor_genero="M",
    jefe_nombre="Ab. Rosa Elena Vallejo Cisneros", jefe_cargo="Jefa de la Unidad Provincial de Gestión de Coactiva",
    jefe_genero="F",
)
_M_FECHA = date(2025, 5, 13)
_M_OPI = RefDocumento("la orden de pago inmediato", date(2025, 2, 28), 1, 2)
MUESTRA_JUICIO = Juicio(
    numero="0601-2025-00042",
    oficina=_M_OFICINA,
    deudor=Persona(
        nombre="COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA.", identificacion="0690012345001",
        tipo_identificacion="RUC", tipo_persona="JURIDICA", representante_legal="Luis Alberto Pilamunga Toapanta",
        representante_cedula="0602910945", direccion="Av. Daniel León Borja 24-15 y Duchicela, Riobamba",
    ),
    titulo=Titulo(
        numero="TC-0601-2025-000123", fecha_emision=date(2025, 1, 15),
        concepto="Aportes patronales y personales en mora", periodo="2024-10", capital=Decimal("1000.00"),
        interes=Decimal("200.00"), recargo=Decimal("42.50"), total=Decimal("1242.50"),
        fecha_interes_desde=date(2024, 11, 15),
    ),
    secretario=Secretario("Ana Lucía Guamán Paredes", "1710034065", True, "F"),
    coobligados=(
        Persona("María Fernanda Guamán Yépez", "0603001231", calidad="GARANTE", direccion="Calle Colón 12-34"),
        Persona("José Luis Cáceres Núñez", "0604571232", calidad="RESPONSABLE_SOLIDARIO"),
    ),
    fecha_inicio=date(2025, 2, 20), casilla_judicial="Casilla judicial 123 del Palacio de Justicia de Riobamba",
    abogado_deudor="Ab. Diego Fernando Yépez Villacís", fecha_citacion=date(2025, 3, 5), forma_citacion="PERSONAL",
    ultimo_folio=12, cuerpos=1, opi=_M_OPI,
)
_M_BIENES = (
    Bien("Camioneta Chevrolet D-Max 2019, placa HBC-1234, chasis 8LBETF3E0K0012345, color blanco", "VEHICULO",
         Decimal("18500.00"), "Patio de la Unidad, Riobamba"),
    Bien("Fondos retenidos en la cuenta corriente 3456789012 del Banco del Pichincha", "FONDOS",
         Decimal("842.37")),
)
_M_LIQ = Liquidacion(
    fecha_corte=date(2025, 5, 12), capital=Decimal("1000.00"), interes=Decimal("236.18"), recargo=Decimal("42.50"),
    costas=Decimal("85.00"), honorarios=Decimal("34.50"), pagos=Decimal("300.00"), total=Decimal("1063.68"),
    interes_titulo=Decimal("200.00"), interes_mora=Decimal("36.18"),
    tramos=(TramoInteres(date(2024, 11, 15), date(2024, 12, 31), 46, Decimal("1000.00"), Decimal("9.87"),
                         Decimal("12.61")),
            TramoInteres(date(2025, 1, 1), date(2025, 4, 30), 119, Decimal("1000.00"), Decimal("8.5"),
                         Decimal("28.10")),
            TramoInteres(date(2025, 5, 1), date(2025, 5, 12), 12, Decimal("1000.00"), Decimal("8.5"),
                         Decimal("2.83"))),
    costas_detalle=(Movimiento(date(2025, 4, 2), "Publicación del aviso en la prensa", Decimal("85.00")),),
    pagos_detalle=(Movimiento(date(2025, 4, 30), "Abono, comprobante 000123", Decimal("300.00")),),
    documento=RefDocumento("la liquidación", date(2025, 5, 12), 11, 12),
)


def muestra(tipo: TipoDocumento | str) -> dict[str, Any]:
    """The context of ``tipo`` filled with realistic sample data (a persona jurídica with its representante
    legal, two co-obligados, every list with items): used to preview a template and to check that an
    office's template uses only known fields."""
    tipo = TipoDocumento(tipo)
    if tipo in (TipoDocumento.ACTA_POSESION, TipoDocumento.DESIGNACION_PERITO, TipoDocumento.CALIFICACION_POSTURAS):
        from app.documents import contexto_bienes  # the goods' documents build on this module

        return contexto_bienes.muestra(tipo.name)
    j, f = MUESTRA_JUICIO, _M_FECHA
    from app.documents import contexto_legal  # its builders import this module

    if tipo in contexto_legal.MUESTRAS:
        return contexto_legal.MUESTRAS[tipo](j, f)
    if tipo is TipoDocumento.RPV:
        return rpv(j, f, date(2025, 5, 27))
    if tipo is TipoDocumento.OPI:
        return opi(j, f, date(2025, 5, 16), [
            "La retención de los fondos que el coactivado mantenga en las instituciones del sistema financiero.",
            "La prohibición de enajenar los vehículos de propiedad del coactivado.",
        ], HonorariosOpi(Decimal("10"), Decimal("15"), Decimal("142.89")))
    if tipo is TipoDocumento.RAZON_NO_PAGO:
        return razon_no_pago(j, f, RefDocumento("el requerimiento de pago voluntario", date(2025, 4, 25), 1, 1),
                             date(2025, 5, 9))
    if tipo is TipoDocumento.RAZON_NOTIFICACION:
        return razon_notificacion(j, f, Notificacion(
            destinatario="Luis Alberto Pilamunga Toapanta", identificacion="0602910945", intento=2, forma="BOLETA",
            fecha_hora=datetime(2025, 5, 13, 10, 30), direccion="Av. Daniel León Borja 24-15, Riobamba",
            recibido_por="Rosa Elena Toapanta (empleada)", efectiva=True,
            observaciones="Se dejó la boleta en la recepción de la compañía.",
            calidad="representante legal del coactivado", documento=_M_OPI,
            citador_nombre="Segundo Manuel Yautibug Lema", citador_cargo="Citador-Notificador",
            representante_legal="Luis Alberto Pilamunga Toapanta",
        ))
    if tipo in (TipoDocumento.OFICIO_RETENCION, TipoDocumento.OFICIO_ANT, TipoDocumento.OFICIO_REGISTRO):
        destinos = {TipoDocumento.OFICIO_RETENCION: "Superintendencia de Bancos",
                    TipoDocumento.OFICIO_ANT: "Agencia Nacional de Tránsito (ANT)",
                    TipoDocumento.OFICIO_REGISTRO: "Registro de la Propiedad del cantón Riobamba"}
        return oficio(j, f, tipo, Oficio(f"{j.numero}-OF-003", destinos[tipo], j.titulo.total))
    if tipo is TipoDocumento.OFICIO_LEVANTAMIENTO:
        return oficio(j, f, tipo, Oficio(
            f"{j.numero}-OF-007", "Superintendencia de Bancos", j.titulo.total,
            medidas=(MedidaRef("Retención de fondos", "Superintendencia de Bancos", f"{j.numero}-OF-003",
                               date(2025, 3, 10)),),
            motivo="haberse cancelado la totalidad de la obligación",
        ))
    if tipo is TipoDocumento.PROVIDENCIA:
        return providencia(j, f, "Agréguese al proceso el escrito presentado por el coactivado.\n"
                                 "Téngase en cuenta la casilla judicial señalada para sus notificaciones.", _M_LIQ)
    if tipo in (TipoDocumento.ACTA_EMBARGO, TipoDocumento.ACTA_SECUESTRO):
        return acta_bienes(j, f, ActaBienes(
            bienes=_M_BIENES, depositario_nombre="Jorge Luis Naranjo Chávez", depositario_cedula="0926687856",
            lugar_diligencia="Av. Daniel León Borja 24-15, Riobamba", lugar_custodia="Patio de la Unidad, Riobamba",
            hora="10h30", observaciones="El vehículo se encuentra en buen estado de funcionamiento.",
            depositario_genero="M",
        ))
    if tipo is TipoDocumento.LIQUIDACION:
        return liquidacion(j, f, _M_LIQ)
    if tipo is TipoDocumento.AVISO_REMATE:
        return aviso_remate(j, f, AvisoRemate(date(2025, 6, 17), "10h00", "la plataforma de remates en línea del IESS",
                                              _M_BIENES[:1], Decimal("18500.00")))
    if tipo is TipoDocumento.ACTA_REMATE:
        return acta_remate(j, f, ActaRemate(
            bienes=_M_BIENES[:1],
            posturas=(Postura("Carlos Andrés Villacís Orozco", "0603001231", Decimal("19000.00"), Decimal("1900.00")),
                      Postura("Paola Estefanía Samaniego Ruiz", "0604571232", Decimal("19500.00"), Decimal("500.00"))),
            hora="10h00", aviso=RefDocumento("el aviso de remate", date(2025, 5, 20), 14, 14),
            base=Decimal("18500.00"), a_deuda=Decimal("1363.68"), sobrante=Decimal("17636.32"),
        ))
    if tipo is TipoDocumento.RAZON_ARCHIVO:
        return razon_archivo(j, f, Archivo("el pago total de la obligación", Decimal("1363.68"),
                                           RefDocumento("el auto de archivo", date(2025, 5, 13), 12, 12)))
    if tipo is TipoDocumento.AUTO_SUSPENSION:
        return auto_suspension(j, f, Convenio(
            fecha=date(2025, 5, 12), plazo_meses=3, monto=Decimal("1242.50"), cuota_inicial=Decimal("0.00"),
            tasa_anual=Decimal("8.5"), sin_honorarios=True,
            cuotas=(Cuota(1, date(2025, 6, 12), Decimal("408.27"), Decimal("8.80"), Decimal("417.07")),
                    Cuota(2, date(2025, 7, 12), Decimal("411.16"), Decimal("5.91"), Decimal("417.07")),
                    Cuota(3, date(2025, 8, 12), Decimal("423.07"), Decimal("3.00"), Decimal("426.07"))),
        ))
    if tipo is TipoDocumento.CARATULA:
        return caratula(j, f, 1)
    if tipo is TipoDocumento.INDICE:
        return indice(j, f, Indice((
            EntradaIndice(1, date(2025, 2, 28), "Orden de pago inmediato (28/02/2025)", "OPI", 1, 2, 2, 1, 1),
            EntradaIndice(2, date(2025, 3, 5), "Razón de notificación (05/03/2025)", "RAZON_NOTIFICACION", 3, 3, 1,
                          1, 1),
        )))
    if tipo is TipoDocumento.ACTA_SORTEO:
        return acta_sorteo_muestra()
    if tipo is TipoDocumento.ORDEN_PAGO_HONORARIOS:
        from app.documents.contexto_honorarios import muestra_orden  # it builds on this module

        return muestra_orden(f)
    raise AssertionError(tipo)  # pragma: no cover - every type handled above


def firmas_sorteo(o: Oficina, titulos: int, participantes: int) -> dict[str, Any]:
    """The counted phrases and the jefe's signature of an acta de sorteo («320 títulos de crédito», «un
    secretario-abogado activo»)."""
    return {
        "titulos_texto": concordancia.contar(titulos, "título de crédito", "títulos de crédito"),
        "participantes_texto": concordancia.contar(participantes, "secretario-abogado activo",
                                                   "secretarios-abogados activos"),
        "jefe_nombre": o.jefe_nombre, "jefe_cargo": o.jefe_cargo,
    }


def acta_sorteo_muestra() -> dict[str, Any]:
    asign = [{"n": i, "titulo": f"TC-0601-2025-{i:06d}", "juicio": f"0601-2025-{i:05d}",
              "deudor": "COMPAÑÍA DE TRANSPORTE ANDINO TRANSANDES CÍA. LTDA.", "identificacion": "0690012345001",
              "total": "1.242,50", "secretario": "Ana Lucía Guamán Paredes"} for i in (1, 2)]
    return {
        **oficina(_M_OFICINA, _M_FECHA), "sorteo_id": "01a1fca3-b201-74e0-96db-3a6d21e454f5", "semilla": "a1b2c3",
        "total_titulos": 2, "total_participantes": 1, "cuantia_total": "2.485,00",
        **firmas_sorteo(_M_OFICINA, 2, 1),
        "participantes": [{"n": 1, "nombre": "Ana Lucía Guamán Paredes", "cedula": "1710034065",
                           "calidad": "Externo", "asignados": 2, "cuantia": "2.485,00"}],
        "asignaciones": asign,
    }
