"""A .docx template compiled once: docxtpl's preparation of each part, done a single time per file.

A bare docxtpl render loads the template with python-docx (unzipping and parsing every part, styles
included), prepares and compiles the body, headers and footers with Jinja, renders, then serializes and
re-compresses every part. :class:`Compilada` does the loading, preparing and compiling once per template
(cached by path, modification time and size) and keeps the parts a render never changes already
compressed; :meth:`Compilada.llenar` renders the compiled parts with a context, applies docxtpl's own
post-processing (``resolve_listing``, ``fix_tables``, the ``docPr`` numbering) and appends the rendered parts to
the unchanged ones. The result is the document docxtpl writes, part for part.

Templates with what this path does not reproduce (Jinja in the document properties, footnotes, pictures
to replace) return None from :func:`compilada`; :func:`app.documents.render.render` then renders them
with docxtpl itself.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, StrictUndefined, Template
from lxml import etree

_W_BODY_ABRE = "<w:body"
_W_BODY_CIERRA = "</w:body>"
_DECLARACION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TAGS = ("{{", "{%", "{#")
_NS_WP = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def _entorno() -> Environment:
    return Environment(undefined=StrictUndefined, autoescape=True)


@dataclass
class _Parte:
    nombre: str  # zip entry, e.g. word/header1.xml
    plantilla: Template
    codificacion: str


@dataclass
class Compilada:
    """One template, compiled. Thread-safe to fill (the compiled Jinja templates are)."""

    base: bytes  # a zip of every part a render does not change (still compressed)
    cuerpo: Template  # the prepared w:body
    prefijo: str  # document.xml before <w:body…>
    sufijo: str  # document.xml after </w:body>
    partes: list[_Parte]  # headers and footers
    herramienta: Any  # a DocxTemplate, for its stateless post-processing methods
    estilos: Any  # app.documents.hojas_estilos.Estilos of styles.xml (sheet count)
    ajustes: etree._Element | None  # settings.xml (sheet count)
    rels: dict[str, str] = field(default_factory=dict)  # relationship id -> zip entry
    originales: dict[str, etree._Element] = field(default_factory=dict)  # unrendered headers/footers

    def llenar(self, campos: dict[str, Any]) -> tuple[bytes, etree._Element, dict[str, etree._Element]]:
        """Render with ``campos``: (the .docx bytes, the rendered w:body, the rendered headers and footers
        by zip entry). Raises Jinja's errors (the caller words them)."""
        tpl = self.herramienta
        cuerpo_xml = _despues(tpl, self.cuerpo.render(campos))
        cuerpo = tpl.fix_tables(cuerpo_xml)
        # docxtpl's fix_docpr_ids, without its counter on the shared object (renders may run in threads)
        for n, el in enumerate(cuerpo.xpath("//wp:docPr", namespaces=_NS_WP), start=1001):
            el.attrib["id"] = str(n)
        documento = self.prefijo + etree.tostring(cuerpo, encoding="unicode") + self.sufijo
        nuevas: dict[str, bytes] = {"word/document.xml": _DECLARACION + documento.encode("utf-8")}
        arboles: dict[str, etree._Element] = {}
        for p in self.partes:
            xml = _despues(tpl, p.plantilla.render(campos)).encode(p.codificacion)
            nuevas[p.nombre] = xml
            arboles[p.nombre] = etree.fromstring(xml)
        buf = io.BytesIO(self.base)
        with zipfile.ZipFile(buf, "a", compression=zipfile.ZIP_DEFLATED) as z:
            for nombre, data in nuevas.items():
                z.writestr(nombre, data)
        return buf.getvalue(), cuerpo, arboles


def _preparar(tpl: Any, xml: str) -> str:
    # docxtpl's render_xml_part, before Jinja
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))


def _despues(tpl: Any, xml: str) -> str:
    # docxtpl's render_xml_part, after Jinja
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return tpl.resolve_listing(xml)


@lru_cache(maxsize=48)
def compilada(ruta: str, _mtime_ns: int, _tamano: int) -> Compilada | None:
    """The compiled template at ``ruta`` (cached per modification time and size), or None when it needs
    docxtpl's full path. Raises what loading the template raises (zipfile/lxml/Jinja syntax errors)."""
    from docxtpl import DocxTemplate

    from app.documents.hojas_estilos import Estilos

    tpl = DocxTemplate(ruta)
    tpl.render_init()
    docx = tpl.docx
    props = docx.core_properties
    if any(t in (getattr(props, k) or "") for k in ("author", "comments", "identifier", "language", "subject",
                                                     "title") for t in _TAGS):
        return None
    with zipfile.ZipFile(ruta) as z:
        nombres = z.namelist()
        if any(n.startswith("word/footnotes") for n in nombres):
            return None
        env = _entorno()
        cuerpo = env.from_string(_preparar(tpl, tpl.get_xml()))
        completo = etree.tostring(docx._element, encoding="unicode")
        i, j = completo.find(_W_BODY_ABRE), completo.rfind(_W_BODY_CIERRA)
        if i < 0 or j < 0:
            return None
        partes: list[_Parte] = []
        rels: dict[str, str] = {}
        for rid, rel in docx.part.rels.items():
            if rel.is_external:
                continue
            nombre = str(rel.target_part.partname).lstrip("/")
            rels[rid] = nombre
            if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
                xml = tpl.get_part_xml(rel.target_part)
                partes.append(_Parte(nombre, env.from_string(_preparar(tpl, xml)),
                                     tpl.get_headers_footers_encoding(xml)))
        cambian = {"word/document.xml", *(p.nombre for p in partes)}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as base:
            for info in z.infolist():
                if info.filename not in cambian:  # a fresh ZipInfo: writestr rewrites the one it is given
                    nueva = zipfile.ZipInfo(info.filename, info.date_time)
                    nueva.compress_type = zipfile.ZIP_DEFLATED
                    base.writestr(nueva, z.read(info.filename))
        estilos = Estilos(etree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in nombres else None)
        ajustes = etree.fromstring(z.read("word/settings.xml")) if "word/settings.xml" in nombres else None
        originales = {n: etree.fromstring(z.read(n)) for n in rels.values() if n in nombres and n.endswith(".xml")
                      and (n.startswith("word/header") or n.startswith("word/footer"))}
    return Compilada(buf.getvalue(), cuerpo, completo[:i], completo[j + len(_W_BODY_CIERRA):], partes, tpl,
                     estilos, ajustes, rels, originales)
