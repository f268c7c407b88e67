"""What the sheet estimate (:mod:`app.documents.hojas`) reads of a .docx besides its text: the WordprocessingML
namespaces, paragraph and run properties, the resolved styles of ``styles.xml`` (:class:`Estilos`, reusable for
every document of one template) and the page geometry of a section (size, margins, header and footer
distances), in points."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
EMU_PT = 12700.0


def tw(valor: str | None, defecto: float = 0.0) -> float:
    """Twentieths of a point (twips) -> points."""
    if valor is None:
        return defecto
    try:
        return float(valor) / 20.0
    except ValueError:
        return defecto


def activo(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


_BANDERAS_P = {f"{W}{t}": t for t in ("keepNext", "keepLines", "widowControl", "pageBreakBefore",
                                       "contextualSpacing")}
_BANDERAS_R = {f"{W}b": "b", f"{W}i": "i", f"{W}caps": "caps", f"{W}vanish": "vanish"}


def leer_ppr(ppr: etree._Element | None) -> dict[str, Any]:
    """The layout-relevant properties present in one pPr (absent ones are not in the dict)."""
    out: dict[str, Any] = {}
    if ppr is None:
        return out
    for el in ppr:
        tag = el.tag
        if tag == f"{W}spacing":
            for a in ("before", "after", "line", "lineRule"):
                v = el.get(f"{W}{a}")
                if v is not None:
                    out[a] = v
        elif tag == f"{W}ind":
            for a, k in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
                v = el.get(f"{W}{a}")
                if v is not None:
                    out[k] = tw(v)
            if el.get(f"{W}hanging") is not None:
                out["first"] = -tw(el.get(f"{W}hanging"))
            elif el.get(f"{W}firstLine") is not None:
                out["first"] = tw(el.get(f"{W}firstLine"))
        elif tag == f"{W}tabs":
            out["tabs"] = tuple(tw(t.get(f"{W}pos")) for t in el if t.get(f"{W}val") not in ("clear", "bar"))
        elif tag in _BANDERAS_P:
            out[_BANDERAS_P[tag]] = bool(activo(el))
        elif tag == f"{W}sectPr":
            tipo = el.find(f"{W}type")
            out["section"] = tipo is None or tipo.get(f"{W}val") != "continuous"
    return out


def leer_rpr(rpr: etree._Element | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rpr is None:
        return out
    for el in rpr:
        tag = el.tag
        if tag == f"{W}sz":
            v = el.get(f"{W}val")
            if v:
                out["sz"] = float(v) / 2
        elif tag == f"{W}rFonts":
            v = el.get(f"{W}ascii") or el.get(f"{W}hAnsi")
            if v:
                out["font"] = v
        elif tag in _BANDERAS_R:
            out[_BANDERAS_R[tag]] = bool(activo(el))
    return out


def fusionar(niveles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge property dicts from the least to the most specific; tab stops accumulate."""
    out: dict[str, Any] = {}
    for d in niveles:
        tabs = out.get("tabs", ())
        out.update(d)
        if "tabs" in d:
            out["tabs"] = tuple(sorted(set(tabs) | set(d["tabs"])))
    return out


class Estilos:
    """Style chains of styles.xml (paragraph, character and table styles, docDefaults), resolved once."""

    def __init__(self, raiz: etree._Element | None) -> None:
        self.por_id: dict[str, etree._Element] = {}
        self.parrafo_defecto: str | None = None
        self.ppr_defecto: dict[str, Any] = {}
        self.rpr_defecto: dict[str, Any] = {}
        self._cache: dict[Any, Any] = {}
        if raiz is None:
            return
        for st in raiz.iter(f"{W}style"):
            sid = st.get(f"{W}styleId")
            if sid:
                self.por_id[sid] = st
                if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") in ("1", "true", "on"):
                    self.parrafo_defecto = sid
        dd = raiz.find(f"{W}docDefaults")
        if dd is not None:
            self.ppr_defecto = leer_ppr(dd.find(f"{W}pPrDefault/{W}pPr"))
            self.rpr_defecto = leer_rpr(dd.find(f"{W}rPrDefault/{W}rPr"))

    def cadena(self, sid: str | None, tag: str) -> list[etree._Element]:
        """``tag`` (pPr/rPr/tblPr) elements of style ``sid`` and its ancestors, most specific first."""
        out: list[etree._Element] = []
        vistos: set[str] = set()
        while sid and sid not in vistos and sid in self.por_id:
            vistos.add(sid)
            st = self.por_id[sid]
            el = st.find(f"{W}{tag}")
            if el is not None:
                out.append(el)
            base = st.find(f"{W}basedOn")
            sid = base.get(f"{W}val") if base is not None else None
        return out

    def parrafo(self, sid: str | None, estilo_tabla: str | None) -> dict[str, Any]:
        """Paragraph properties from docDefaults < table style < paragraph style chain."""
        key = ("p", sid, estilo_tabla)
        if key not in self._cache:
            niveles = [self.ppr_defecto]
            niveles += [leer_ppr(e) for e in reversed(self.cadena(estilo_tabla, "pPr"))] if estilo_tabla else []
            niveles += [leer_ppr(e) for e in reversed(self.cadena(sid, "pPr"))]
            self._cache[key] = fusionar(niveles)
        return self._cache[key]

    def corrida(self, rstyle: str | None, sid: str | None, estilo_tabla: str | None) -> dict[str, Any]:
        """Run properties from docDefaults < table style < paragraph style < character style."""
        key = ("r", rstyle, sid, estilo_tabla)
        if key not in self._cache:
            niveles = [self.rpr_defecto]
            niveles += [leer_rpr(e) for e in reversed(self.cadena(estilo_tabla, "rPr"))] if estilo_tabla else []
            niveles += [leer_rpr(e) for e in reversed(self.cadena(sid, "rPr"))]
            niveles += [leer_rpr(e) for e in reversed(self.cadena(rstyle, "rPr"))] if rstyle else []
            self._cache[key] = fusionar(niveles)
        return self._cache[key]


@dataclass
class _Geometria:
    alto: float = 841.9
    ancho: float = 595.3
    arriba: float = 70.9
    abajo: float = 70.9
    izquierda: float = 85.0
    derecha: float = 70.9
    dist_encabezado: float = 35.4
    dist_pie: float = 35.4

    @property
    def ancho_util(self) -> float:
        return self.ancho - self.izquierda - self.derecha


def geometria(sectpr: etree._Element | None) -> _Geometria:
    g = _Geometria()
    if sectpr is None:
        return g
    pg = sectpr.find(f"{W}pgSz")
    if pg is not None:
        g.alto = tw(pg.get(f"{W}h"), g.alto)
        g.ancho = tw(pg.get(f"{W}w"), g.ancho)
    m = sectpr.find(f"{W}pgMar")
    if m is not None:
        g.arriba = abs(tw(m.get(f"{W}top"), g.arriba))
        g.abajo = abs(tw(m.get(f"{W}bottom"), g.abajo))
        g.izquierda = tw(m.get(f"{W}left") or m.get(f"{W}start"), g.izquierda)
        g.derecha = tw(m.get(f"{W}right") or m.get(f"{W}end"), g.derecha)
        g.dist_encabezado = tw(m.get(f"{W}header"), g.dist_encabezado)
        g.dist_pie = tw(m.get(f"{W}footer"), g.dist_pie)
    return g
