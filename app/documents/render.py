"""Render .docx templates (docxtpl/Jinja) and check their fields.

* :func:`render` fills a template with a context and returns the .docx bytes. A template that uses a
  field the context does not provide is rejected naming the field (an office-edited template with a
  typo must not silently print a blank).
* Each template is compiled once (per file, modification time and size): its body, headers and footers
  prepared and compiled by Jinja as docxtpl prepares them, and its unchanged parts kept compressed. A render
  then fills the compiled parts and appends them to those parts, instead of reloading, re-parsing and
  re-compressing the whole template as a bare ``DocxTemplate(...).render(...).save(...)`` does.
* The sheet count of a rendered document is estimated by :func:`app.documents.hojas.contar_hojas`;
  :func:`render_con_hojas` counts from the XML it just rendered (no second unzip and parse).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from lxml import etree

from app.common.errors import ConfigurationError, ValidationError

# --- rendering ---------------------------------------------------------------------------------


def _entorno() -> Environment:
    # StrictUndefined: ``{{ a.campo_mal_escrito }}`` raises instead of printing nothing.
    return Environment(undefined=StrictUndefined, autoescape=True)


def _verificar_plantilla(plantilla: Path) -> None:
    if not plantilla.is_file():
        raise ConfigurationError(
            f"No se encuentra la plantilla «{plantilla.name}» ({plantilla}). Restaure la plantilla de la "
            "oficina o reinstale el programa."
        )


@lru_cache(maxsize=32)
def _variables(ruta: str, _mtime_ns: int, _tamano: int) -> frozenset[str]:
    from docxtpl import DocxTemplate  # the document stack loads when a document is first made

    try:
        return frozenset(DocxTemplate(ruta).get_undeclared_template_variables(_entorno()))
    except TemplateSyntaxError as exc:
        raise ValidationError(
            f"La plantilla «{Path(ruta).name}» tiene un campo mal escrito (línea {exc.lineno} del XML): "
            f"{exc.message}. Corrija la plantilla en Word: cada campo va entre {{{{ y }}}}."
        ) from exc
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ValidationError(f"«{Path(ruta).name}» no es un documento de Word (.docx) válido.") from exc


def variables_de(plantilla: Path) -> frozenset[str]:
    """Every top-level field (Jinja variable) the template uses, headers and footers included.

    Cached per file path, modification time and size.

    Raises:
        ConfigurationError: the file does not exist.
        ValidationError: the file is not a .docx, or a tag is malformed (e.g. ``{{ juicio_numero }``).
    """
    _verificar_plantilla(plantilla)
    st = plantilla.stat()
    return _variables(str(plantilla.resolve()), st.st_mtime_ns, st.st_size)


def campos_desconocidos(plantilla: Path, claves: Iterable[str]) -> set[str]:
    """The fields used by ``plantilla`` that are not among ``claves`` (empty set: all known).

    Uses ``DocxTemplate.get_undeclared_template_variables()``; loop variables (``{% for a in … %}``)
    and ``loop`` are declared by the template itself and never reported.

    Raises:
        ConfigurationError: the template file does not exist.
        ValidationError: the template is not a valid .docx or has a malformed tag.
    """
    return set(variables_de(plantilla)) - set(claves)


def render(plantilla: Path, campos: Mapping[str, Any]) -> bytes:
    """Fill ``plantilla`` (.docx with docxtpl/Jinja tags) with ``campos``; return the .docx bytes.

    Values are XML-escaped (a debtor named «Pérez & Hijos» is safe). Headers and footers are rendered too.

    Raises:
        ConfigurationError: the template file does not exist.
        ValidationError: the template uses a field ``campos`` does not provide (the message names
            it), uses an attribute that does not exist (``{{ a.campo }}``), or has a malformed tag.
    """
    return _render(plantilla, campos)[0]


def render_con_hojas(plantilla: Path, campos: Mapping[str, Any]) -> tuple[bytes, int]:
    """:func:`render` and the sheet count of the result (:func:`app.documents.hojas.contar_hojas`, same
    estimate), counted from the rendered XML. Same errors as :func:`render`."""
    from app.documents.hojas import contar_hojas_de

    data, cuerpo, partes, c = _render(plantilla, campos)
    if c is None:  # a template the compiled path does not handle: count the bytes
        from app.documents.hojas import contar_hojas

        return data, contar_hojas(data)

    def parte_de(rid: str) -> etree._Element | None:
        nombre = c.rels.get(rid)
        if nombre is None:
            return None
        return partes.get(nombre) if nombre in partes else c.originales.get(nombre)

    return data, contar_hojas_de(cuerpo, c.estilos, c.ajustes, parte_de)


def _render(plantilla: Path, campos: Mapping[str, Any]) -> tuple[bytes, Any, dict[str, Any], Any]:
    faltan = campos_desconocidos(plantilla, campos.keys())
    if faltan:
        nombres = ", ".join(sorted(faltan))
        cuales = "un campo desconocido" if len(faltan) == 1 else "campos desconocidos"
        raise ValidationError(
            f"La plantilla «{plantilla.name}» usa {cuales}: {nombres}. Corrija la plantilla "
            "(revise la ortografía del campo) o restaure la plantilla original."
        )
    from app.documents.compilada import compilada

    st = plantilla.stat()
    try:
        c = compilada(str(plantilla.resolve()), st.st_mtime_ns, st.st_size)
        if c is not None:
            data, cuerpo, partes = c.llenar(dict(campos))
            return data, cuerpo, partes, c
        return _render_docxtpl(plantilla, campos), None, {}, None
    except UndefinedError as exc:
        raise ValidationError(
            f"La plantilla «{plantilla.name}» usa un campo desconocido: {exc.message}. Corrija la plantilla."
        ) from exc
    except TemplateError as exc:
        raise ValidationError(f"La plantilla «{plantilla.name}» no se pudo llenar: {exc}.") from exc


def _render_docxtpl(plantilla: Path, campos: Mapping[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(plantilla))
    tpl.render(dict(campos), jinja_env=_entorno(), autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()
