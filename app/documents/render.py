"""Render .docx templates (docxtpl/Jinja) and check their fields.

* :func:`render` fills a template with a context and returns the .docx bytes. A template that uses a
  field the context does not provide is rejected naming the field (an office-edited template with a
  typo must not silently print a blank).
* The sheet count of a rendered document is estimated by :func:`app.documents.hojas.contar_hojas`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
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


def campos_desconocidos(plantilla: Path, contexto_keys: Iterable[str]) -> set[str]:
    """The fields used by ``plantilla`` that are not among ``contexto_keys`` (empty set: all known).

    Uses ``DocxTemplate.get_undeclared_template_variables()``; loop variables (``{% for a in … %}``)
    and ``loop`` are declared by the template itself and never reported.

    Raises:
        ConfigurationError: the template file does not exist.
        ValidationError: the template is not a valid .docx or has a malformed tag.
    """
    return set(variables_de(plantilla)) - set(contexto_keys)


def render(plantilla: Path, contexto: Mapping[str, Any]) -> bytes:
    """Fill ``plantilla`` (.docx with docxtpl/Jinja tags) with ``contexto``; return the .docx bytes.

    Values are XML-escaped (a debtor named «Pérez & Hijos» is safe). Headers and footers are rendered too.

    Raises:
        ConfigurationError: the template file does not exist.
        ValidationError: the template uses a field the context does not provide (the message names
            it), uses an attribute that does not exist (``{{ a.campo }}``), or has a malformed tag.
    """
    faltan = campos_desconocidos(plantilla, contexto.keys())
    if faltan:
        nombres = ", ".join(sorted(faltan))
        raise ValidationError(
            f"La plantilla «{plantilla.name}» usa campo(s) desconocido(s): {nombres}. Corrija la plantilla "
            "(revise la ortografía del campo) o restaure la plantilla original."
        )
    tpl = DocxTemplate(str(plantilla))
    try:
        tpl.render(dict(contexto), jinja_env=_entorno(), autoescape=True)
    except UndefinedError as exc:
        raise ValidationError(
            f"La plantilla «{plantilla.name}» usa un campo desconocido: {exc.message}. Corrija la plantilla."
        ) from exc
    except TemplateError as exc:
        raise ValidationError(f"La plantilla «{plantilla.name}» no se pudo llenar: {exc}.") from exc
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()
