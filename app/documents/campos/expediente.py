"""Fields of the documents of the expediente itself (template family «expediente», as the generators group them): the
carátula of a cuerpo, the índice and the signatures of an acta de sorteo."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.common.dates import fojas, format_dmy, long_date, number_in_words
from app.documents import concordancia
from app.documents.campos.comunes import comun
from app.documents.campos.modelo import Indice, Juicio, Oficina

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


def firmas_sorteo(o: Oficina, titulos: int, participantes: int) -> dict[str, Any]:
    """The counted phrases and the jefe's signature of an acta de sorteo («320 títulos de crédito», «un
    secretario-abogado activo»)."""
    return {
        "titulos_texto": concordancia.contar(titulos, "título de crédito", "títulos de crédito"),
        "participantes_texto": concordancia.contar(participantes, "secretario-abogado activo",
                                                   "secretarios-abogados activos"),
        "jefe_nombre": o.jefe_nombre, "jefe_cargo": o.jefe_cargo,
    }
