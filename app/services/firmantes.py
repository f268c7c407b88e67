"""Who signs each document, from the office's data (issue 8): the funcionario ejecutor and the jefe (office
data), the juicio's secretario-abogado (his row) and the citador who notified (his user). A document whose
signatory lacks a name, a cargo or a gender (for "el Abogado"/"la Abogada") is refused *before* it is
rendered, and :func:`faltantes_oficina` lets the UI tell the office before the first document.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.errors import ConfigurationError
from app.documents.concordancia import cargo_citador, normalizar_genero
from app.domain.documentos import FIRMANTES, REGISTRO
from app.domain.permisos import ETIQUETAS_ROL, Rol, UsuarioActual
from app.domain.tipos import TipoDocumento
from app.storage.models import Oficina, Secretario, Usuario


def citador_de(session: Session, office_id: uuid.UUID, login: str, actual: UsuarioActual | None = None,
               ) -> tuple[str, str]:
    """``(name, cargo)`` of the user ``login`` who recorded a notification: a citador-notificador signs as
    «Citador-Notificador» / «Citadora-Notificadora»; any other role with its own label. A login without a user
    row (the command line's principal) signs with ``actual``'s name and role label, never an empty line."""
    u = session.scalars(select(Usuario).where(Usuario.office_id == office_id, Usuario.login == login)).first()
    if u is None:
        if actual is not None:
            return actual.nombres or actual.login, ETIQUETAS_ROL.get(actual.rol, "")
        return login, "Juzgado de Coactiva"
    if u.rol == Rol.CITADOR.value:
        return u.nombres, cargo_citador(u.genero or "")
    try:
        return u.nombres, ETIQUETAS_ROL[Rol(u.rol)]
    except (ValueError, KeyError):
        return u.nombres, ""


def _oficina(o: Oficina) -> dict[str, str]:
    faltan: dict[str, str] = {}
    if not (o.ejecutor_nombre or "").strip() or not (o.ejecutor_cargo or "").strip() \
            or not normalizar_genero(o.ejecutor_genero):
        faltan["ejecutor"] = "nombre, cargo y género del funcionario ejecutor (Oficina → Datos de la oficina)"
    if not (o.jefe_nombre or "").strip() or not (o.jefe_cargo or "").strip():
        faltan["jefe"] = "nombre y cargo del jefe de la unidad (Oficina → Datos de la oficina)"
    return faltan


def _secretario(x: Secretario | None) -> str | None:
    if x is None:
        return "el secretario-abogado del juicio"
    if not x.nombres.strip() or not normalizar_genero(x.genero):
        return f"el género de {x.nombres} (abogado o abogada; Oficina → Secretarios-abogados)"
    return None


def faltantes_oficina(session: Session, office_id: uuid.UUID) -> list[str]:
    """What the office must fill in before its documents can be signed: the ejecutor's and the jefe's data
    and the gender of each active secretario-abogado (empty list: nothing missing)."""
    o = session.get_one(Oficina, office_id)
    out = list(_oficina(o).values())
    for x in session.scalars(select(Secretario).where(Secretario.office_id == office_id, Secretario.activo)):
        falta = _secretario(x)
        if falta:
            out.append(falta)
    return out


def exigir_firmantes(session: Session, office_id: uuid.UUID, tipos: Iterable[TipoDocumento],
                     secretario_id: uuid.UUID | None = None) -> None:
    """Refuse to issue ``tipos`` while a signatory they need lacks data.

    Raises:
        ConfigurationError: naming each missing datum and where to fill it in.
    """
    o = session.get_one(Oficina, office_id)
    de_oficina = _oficina(o)
    faltan: list[str] = []
    titulos: list[str] = []
    for t in tipos:
        for f in REGISTRO[t].firmantes:
            texto = None
            if f in de_oficina:
                texto = de_oficina[f]
            elif f == "secretario" and secretario_id is not None:
                texto = _secretario(session.get(Secretario, secretario_id))
            if texto and texto not in faltan:
                faltan.append(texto)
                titulos.append(REGISTRO[t].titulo.lower())
    if faltan:
        raise ConfigurationError(
            f"No se puede firmar {titulos[0]}: faltan datos de quien firma: " + "; ".join(faltan) + ". "
            f"Complételos antes de generar documentos ({FIRMANTES['ejecutor'].split(' (')[0]} y los demás "
            "firmantes salen de los datos de la oficina, nunca de un texto de relleno)."
        )
