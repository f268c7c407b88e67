"""Estimate the number of sheets of a rendered .docx (:func:`contar_hojas`).

:func:`contar_hojas` estimates the number of pages (sheets, printed on one side) of a .docx without a
layout engine, for foliation (domain.md §3: "each document occupies a folio range from its sheet
count"). It lays the document out line by line with the real advance widths of Liberation Serif /
Liberation Sans (metric-compatible with Times New Roman / Arial, the fonts LibreOffice uses for them),
the page size and margins of the document, paragraph spacing as LibreOffice applies it (the larger of
space-after/space-before between paragraphs, none before a paragraph that opens a page), line heights
in twips, widow/orphan control, keep-with-next, tables (row heights, horizontal borders, repeated
header rows, rows that cannot split) and explicit page breaks. The
default templates use line heights "at least" N pt so that the result does not depend on the font's
ascent/descent; for them the estimate equals LibreOffice's page count (checked by
``tests/documents/test_render.py``, marker ``libreoffice``).

The pieces: font metrics (:mod:`app.documents.hojas_metricas`), styles and page geometry
(:mod:`app.documents.hojas_estilos`), line layout (:mod:`app.documents.hojas_maqueta`); here, the pages.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from lxml import etree

from app.common.errors import ValidationError
from app.documents.hojas_estilos import PKG_REL, Estilos, R, W, geometria, tw
from app.documents.hojas_maqueta import SALTO_PAGINA, Maquetador, Parrafo, Tabla, alto_apilado, espacio_antes


class _Paginador:
    """Flows blocks into pages of height ``util`` pt."""

    def __init__(self, util: float) -> None:
        self.util = util
        self.paginas = 1
        self.y = 0.0

    def nueva(self) -> None:
        self.paginas += 1
        self.y = 0.0

    def cabe(self, alto: float) -> bool:
        return self.y + alto <= self.util + 0.01

    def primera_unidad(self, bloques: list[Any], i: int) -> float:
        """Space the start of block ``i`` needs on the page where a keep-with-next block ends."""
        if i >= len(bloques):
            return 0.0
        b = bloques[i]
        if isinstance(b, Parrafo):
            lineas = [h for h in b.lineas if h > 0]
            if b.mantener_siguiente and i + 1 < len(bloques) and b.alto() < self.util:
                return b.alto() + self.primera_unidad(bloques, i + 1)
            n = len(lineas) if b.mantener_lineas else min(len(lineas), 2 if b.viudas else 1)
            return b.antes + sum(lineas[:n])
        cab = [f.alto for f in b.filas if f.encabezado]
        datos = [f.alto for f in b.filas if not f.encabezado]
        return sum(cab) + (datos[0] if datos else 0.0) + b.borde_abajo

    def flujo(self, bloques: list[Any]) -> int:
        previo: Parrafo | None = None
        for i, b in enumerate(bloques):
            if isinstance(b, Parrafo):
                self.parrafo(b, previo, bloques, i)
                previo = b
            else:
                self.tabla(b)
                previo = None
        return self.paginas

    def parrafo(self, p: Parrafo, previo: Parrafo | None, bloques: list[Any], i: int) -> None:
        if p.salto_antes and self.y > 0:
            self.nueva()
        antes = espacio_antes(p, previo)
        if previo is not None and p.espaciado_contextual and previo.estilo == p.estilo:
            self.y = max(0.0, self.y - previo.despues)
        # Segments separated by explicit page breaks.
        segmentos: list[list[float]] = [[]]
        for h in p.lineas:
            if h == SALTO_PAGINA:
                segmentos.append([])
            else:
                segmentos[-1].append(h)
        for s, lineas in enumerate(segmentos):
            if s > 0:
                self.nueva()
                antes = 0.0
            ultimo = s == len(segmentos) - 1
            self._segmento(p, lineas, antes, bloques, i if ultimo else None)
        self.y += p.despues
        if p.salto_seccion:
            self.nueva()

    def _segmento(self, p: Parrafo, lineas: list[float], antes: float, bloques: list[Any], i: int | None) -> None:
        total = sum(lineas)
        siguiente = self.primera_unidad(bloques, i + 1) if (i is not None and p.mantener_siguiente) else 0.0
        if self.y > 0 and (p.mantener_lineas or p.mantener_siguiente) and not self.cabe(antes + total + siguiente) \
                and antes + total + siguiente <= self.util:
            self.nueva()
        if self.y == 0 and self.paginas > 1:
            antes = 0.0  # LibreOffice drops the space before a paragraph that opens a page (not the first)
        y = self.y + antes
        restantes = list(lineas)
        while restantes:
            k, acum = 0, y
            while k < len(restantes) and acum + restantes[k] <= self.util + 0.01:
                acum += restantes[k]
                k += 1
            n = len(restantes)
            if k < n and p.viudas and n >= 2:
                if n - k < 2:
                    k = n - 2
                if k < 2:
                    k = 0
            if k == 0 and y <= antes + 0.01 and self.y == 0:
                k = max(1, k)  # at the top of a page: at least one line, whatever happens
            if k == 0:
                self.nueva()
                y = self.y
                continue
            y += sum(restantes[:k])
            restantes = restantes[k:]
            if restantes:
                self.nueva()
                y = 0.0
        self.y = y

    def tabla(self, t: Tabla) -> None:
        cab = sum(f.alto for f in t.filas if f.encabezado)
        datos = [f for f in t.filas if not f.encabezado]
        b = t.borde_abajo
        if not datos:
            self.y += cab + b
            return
        # Repeated header rows travel with the first data row.
        primero = cab + datos[0].alto + b
        if self.y > 0 and not self.cabe(primero) and primero <= self.util:
            self.nueva()
        self.y += cab
        for f in datos:
            if not self.cabe(f.alto + b) and self.y > cab + 0.01 and (f.no_dividir or f.alto + b <= self.util - cab):
                self.nueva()
                self.y = cab
            if not self.cabe(f.alto + b):
                # A row taller than the rest of the page: it continues on the next page(s).
                resto = f.alto + b - (self.util - self.y)
                while resto > 0:
                    self.nueva()
                    self.y = cab
                    resto -= self.util - cab
                self.y = self.util + resto - b
                continue
            self.y += f.alto
        self.y += b


def _parte(z: zipfile.ZipFile, nombre: str) -> etree._Element | None:
    try:
        return etree.fromstring(z.read(nombre))
    except KeyError:
        return None


def _destino_rel(z: zipfile.ZipFile, rid: str) -> str | None:
    rels = _parte(z, "word/_rels/document.xml.rels")
    if rels is None:
        return None
    for rel in rels.iter(f"{PKG_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return None


def contar_hojas(docx_bytes: bytes) -> int:
    """Estimated number of pages (= sheets printed on one side, the unit of foliation, domain.md §3)
    of a .docx, >= 1.

    Deterministic and fast (no layout engine; about 1.5 s for a 5,000-row acta de sorteo). Models: page size and
    margins of the last section, header/footer taller than their margin, paragraph spacing
    (contextual spacing too), line height (single/multiple, at least, exact), word wrapping with
    Liberation Serif/Sans advance widths, indents and tabs, widow/orphan control, keep-with-next,
    keep-lines, page-break-before, explicit page breaks and section breaks, tables with fixed
    column widths, cell margins, minimum row heights, repeated header rows and rows that cannot
    split, inline images. Not modelled: floating objects, columns, footnotes, fields that change
    length.

    Raises:
        ValidationError: the bytes are not a .docx.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
            doc = _parte(z, "word/document.xml")
            if doc is None:
                raise ValidationError("El archivo no es un documento de Word (.docx) válido.")

            def parte_de(rid: str) -> etree._Element | None:
                nombre = _destino_rel(z, rid)
                return _parte(z, nombre) if nombre else None

            return contar_hojas_de(doc.find(f"{W}body"), Estilos(_parte(z, "word/styles.xml")),
                                   _parte(z, "word/settings.xml"), parte_de)
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ValidationError("El archivo no es un documento de Word (.docx) válido.") from exc


def contar_hojas_de(
    cuerpo: etree._Element, estilos: Estilos, ajustes: etree._Element | None,
    parte_de: Callable[[str], etree._Element | None],
) -> int:
    """:func:`contar_hojas` of a document already parsed: its ``w:body``, its styles (:class:`Estilos`, which
    may be reused across documents of one template), ``settings.xml`` and the header/footer part of a
    relationship id. The renderer counts what it just rendered this way, without unzipping it again."""
    tab = 36.0
    if ajustes is not None and ajustes.find(f"{W}defaultTabStop") is not None:
        tab = tw(ajustes.find(f"{W}defaultTabStop").get(f"{W}val"), 36.0)
    sectpr = cuerpo.find(f"{W}sectPr")
    g = geometria(sectpr)
    maq = Maquetador(estilos, tab)
    arriba, abajo = g.arriba, g.abajo
    if sectpr is not None:
        for ref, es_enc in [(r, True) for r in sectpr.findall(f"{W}headerReference")] + \
                           [(r, False) for r in sectpr.findall(f"{W}footerReference")]:
            if ref.get(f"{W}type", "default") != "default":
                continue
            parte = parte_de(ref.get(f"{R}id", ""))
            if parte is None:
                continue
            alto = alto_apilado(maq.bloques(parte, g.ancho_util))
            if es_enc:
                arriba = max(arriba, g.dist_encabezado + alto)
            else:
                abajo = max(abajo, g.dist_pie + alto)
    bloques = maq.bloques(cuerpo, g.ancho_util)
    return _Paginador(g.alto - arriba - abajo).flujo(bloques)
