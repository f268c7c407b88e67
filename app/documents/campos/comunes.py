"""The fields every document of an expediente shares (domain.md §2-4), built once: the office, the city and
date of the document («Riobamba, 13 de mayo de 2025»), the juicio header («JUICIO COACTIVO No. …», the
coactivado and his cédula/RUC, a persona jurídica named with its representante legal, the co-obligados), the
título de crédito and its amounts in figures (``1.242,50``) and in words, folio references («a fojas 12
(doce)») and the signatures (funcionario ejecutor, secretario-abogado); and the small formatters the family
builders share.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from babel.dates import format_date

from app.common.dates import fojas, format_dmy, long_date, place_and_date
from app.common.money import amount_in_words, format_usd, q
from app.documents import concordancia
from app.documents.campos.modelo import Juicio, Oficina, Persona, RefDocumento

ACREEDOR = "Instituto Ecuatoriano de Seguridad Social (IESS)"


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
    """The fields every document of an expediente shares (see ``catalogo._JUICIO``)."""
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



def porcentaje(p: Decimal) -> str:
    """``Decimal("10.0000")`` -> ``"10 %"``, ``Decimal("7.5")`` -> ``"7,5 %"``."""
    return f"{p.normalize():f}".replace(".", ",") + " %"


def tasa(t: Decimal) -> str:
    """An annual rate with two decimals and a decimal comma: ``Decimal("8.5")`` -> ``"8,50"``."""
    return f"{q(t):.2f}".replace(".", ",")
