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
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from typing import Any

from lxml import etree

from app.common.errors import ValidationError

# --- sheet count: a deterministic layout estimate ------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_EMU_PT = 12700.0

# Advance widths (units of 1/2048 em, 3 hex digits per character) of the Liberation fonts for
# U+0020..U+007E followed by U+00A0..U+00FF; extracted from the TTF files (hmtx/cmap).
_ANCHOS_HEX: dict[tuple[str, bool, bool], tuple[str, ...]] = {
    ('serif', False, False): (
        "2002aa3444004006aa6391712aa2aa4004832002aa20023940040040040040040040040040040023923948348348338d"
        "75e5c75565565c74e34735c75c72aa31d5c74e371d5c75c74735c75564734e35c75c778d5c75c74e32aa2392aa3c1400"
        "2aa38d40038d40038d2aa4004002392394002396394004004004002aa31d2394004005c740040038d3d719a3d7454200"
        "2aa40040040040019a4002aa6142354004832aa6144003334642662662aa49c3a02aa2aa26627b40060060060038d5c7"
        "5c75c75c75c75c771d5564e34e34e34e32aa2aa2aa2aa5c75c75c75c75c75c75c74835c75c75c75c75c75c747340038d"
        "38d38d38d38d38d55638d38d38d38d38d239239239239400400400400400400400464400400400400400400400400"
    ),
    ('serif', True, False): (
        "2002aa4714004008006aa2392aa2aa40048f2002aa2002394004004004004004004004004004002aa2aa48f48f48f400"
        "7715c75565c75c75564e363963931d40063955678d5c76394e36395c74735565c75c78005c75c75562aa2392aa4a6400"
        "2aa40047338d47338d2aa4004732392aa4732396aa47340047347338d31d2aa4734005c740040038d3271c3327429200"
        "2aa4004004004001c34002aa5fa26640048f2aa5fa4003334642662662aa49c4522ab2aa2662a44006006006004005c7"
        "5c75c75c75c75c78005c755655655655631d31d31d31d5c75c763963963963963948f6395c75c75c75c75c74e3473400"
        "4004004004004005c738d38d38d38d38d239239239239400473400400400400400464400473473473473400473400"
    ),
    ('serif', False, True): (
        "2002aa35c4004006aa6391b62aa2aa4005662002aa2002394004004004004004004004004004002aa2aa566566566400"
        "75c4e34e35565c74e34e35c75c72aa38d5564736aa5565c74e35c74e34004735c74e36aa4e347347331d23931d360400"
        "2aa40040038d40038d23940040023923938d2395c740040040040031d31d23940038d55638d38d31d333233333454200"
        "31d4004004004002334002aa6142354005662aa6144003334642662662aa49c42f2002aa26627b4006006006004004e3"
        "4e34e34e34e34e371d5564e34e34e34e32aa2aa2aa2aa5c75565c75c75c75c75c75665c75c75c75c75c74734e3400400"
        "40040040040040055638d38d38d38d38d23923923923940040040040040040040046440040040040040038d40038d"
    ),
    ('serif', True, True): (
        "20031d4714004006aa6392392aa2aa40048f2002aa2002394004004004004004004004004004002aa2aa48f48f48f400"
        "6a85565565565c75565565c763931d4005564e371d5c75c74e35c75564734e35c755671d5564e34e32aa2392aa48f400"
        "2aa40040038d40038d2aa40047323923940023963947340040040031d31d23947338d55640038d31d2c91c32c948f200"
        "31d4004004004001c34002aa5fa2214004d92aa5fa4003334642662662aa49c4002002aa266266400600600600400556"
        "55655655655655678d55655655655655631d31d31d31d5c75c75c75c75c75c75c748f5c75c75c75c75c74e34e3400400"
        "4004004004004005c738d38d38d38d38d23923923923940047340040040040040046440047347347347338d40038d"
    ),
    ('sans', False, False): (
        "2392392d747347371d5561872aa2aa31d4ac2392aa2392394734734734734734734734734734732392394ac4ac4ac473"
        "81f5565565c75c75564e36395c72394005564736aa5c76395566395c75564e35c755678d5565564e32392392393c1473"
        "2aa4734734004734732394734731c71c74001c76aa4734734734732aa4002394734005c74004004002ac2142ac4ac239"
        "2aa4734734734732144732aa5e52f64734ac2aa5e546b3334642aa2aa2aa49c44c2aa2aa2aa2ec4736ac6ac6ac4e3556"
        "5565565565565568005c75565565565562392392392395c75c76396396396396394ac6395c75c75c75c75565564e3473"
        "47347347347347371d4004734734734732392392392394734734734734734734734644e3473473473473400473400"
    ),
    ('sans', True, False): (
        "2392aa3cb47347371d5c71e72aa2aa31d4ac2392aa2392394734734734734734734734734734732aa2aa4ac4ac4ac4e3"
        "7cd5c75c75c75c75564e36395c72394735c74e36aa5c76395566395c75564e35c755678d5565564e32aa2392aa4ac473"
        "2aa4734e34734e34732aa4e34e323923947323971d4e34e34e34e331d4732aa4e347363947347340031d23d31d4ac239"
        "2aa47347347347323d4732aa5e52f64734ac2aa5e546b3334642aa2aa2aa49c4732aa2aa2aa2ec4736ac6ac6ac4e35c7"
        "5c75c75c75c75c78005c75565565565562392392392395c75c76396396396396394ac6395c75c75c75c75565564e3473"
        "47347347347347371d4734734734734732392392392394e34e34e34e34e34e34e34644e34e34e34e34e34734e3473"
    ),
}
_CARACTERES = [chr(c) for c in [*range(32, 127), *range(160, 256)]]
_EXTRA = {"\u2013": 1024, "\u2014": 2048, "\u2018": 682, "\u2019": 682, "\u201c": 909, "\u201d": 909,
          "\u2026": 2048, "\u2022": 717, "\u20ac": 1024, "\u2011": 682}


def _tabla_anchos(hexa: tuple[str, ...]) -> dict[str, float]:
    s = "".join(hexa)
    out = {ch: int(s[i * 3:i * 3 + 3], 16) / 2048 for i, ch in enumerate(_CARACTERES)}
    out.update({k: v / 2048 for k, v in _EXTRA.items()})
    return out


_ANCHOS = {k: _tabla_anchos(v) for k, v in _ANCHOS_HEX.items()}
# Line height of "single" spacing as a multiple of the font size (hhea ascent + descent + line gap).
_ALTO_LINEA = {"serif": (1825 + 443 + 87) / 2048, "sans": (1854 + 434 + 67) / 2048}
# Families measured with another family's widths, scaled.
_FAMILIAS: list[tuple[str, str, float]] = [
    ("liberation sans", "sans", 1.0), ("arial", "sans", 1.0), ("helvetica", "sans", 1.0),
    ("calibri", "sans", 0.9), ("carlito", "sans", 0.9), ("verdana", "sans", 1.12), ("tahoma", "sans", 1.0),
    ("georgia", "serif", 1.1), ("cambria", "serif", 1.05), ("garamond", "serif", 0.95),
    ("book antiqua", "serif", 1.05), ("palatino", "serif", 1.05), ("courier", "serif", 1.2),
]


@lru_cache(maxsize=64)
def _familia(nombre: str) -> tuple[str, float]:
    low = nombre.lower()
    for clave, familia, escala in _FAMILIAS:
        if clave in low:
            return familia, escala
    return "serif", 1.0


def _ancho_texto(texto: str, fuente: str, negrita: bool, cursiva: bool, size: float) -> float:
    familia, escala = _familia(fuente)
    tabla = _ANCHOS[(familia, negrita, cursiva) if familia == "serif" else (familia, negrita, False)]
    return sum(map(tabla.get, texto, repeat(0.5))) * size * escala


def _tw(valor: str | None, defecto: float = 0.0) -> float:
    """Twentieths of a point (twips) -> points."""
    if valor is None:
        return defecto
    try:
        return float(valor) / 20.0
    except ValueError:
        return defecto


def _activo(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(f"{_W}val", "true").lower() not in ("0", "false", "off", "none")


_BANDERAS_P = {f"{_W}{t}": t for t in ("keepNext", "keepLines", "widowControl", "pageBreakBefore",
                                       "contextualSpacing")}
_BANDERAS_R = {f"{_W}b": "b", f"{_W}i": "i", f"{_W}caps": "caps", f"{_W}vanish": "vanish"}


def _leer_ppr(ppr: etree._Element | None) -> dict[str, Any]:
    """The layout-relevant properties present in one pPr (absent ones are not in the dict)."""
    out: dict[str, Any] = {}
    if ppr is None:
        return out
    for el in ppr:
        tag = el.tag
        if tag == f"{_W}spacing":
            for a in ("before", "after", "line", "lineRule"):
                v = el.get(f"{_W}{a}")
                if v is not None:
                    out[a] = v
        elif tag == f"{_W}ind":
            for a, k in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
                v = el.get(f"{_W}{a}")
                if v is not None:
                    out[k] = _tw(v)
            if el.get(f"{_W}hanging") is not None:
                out["first"] = -_tw(el.get(f"{_W}hanging"))
            elif el.get(f"{_W}firstLine") is not None:
                out["first"] = _tw(el.get(f"{_W}firstLine"))
        elif tag == f"{_W}tabs":
            out["tabs"] = tuple(_tw(t.get(f"{_W}pos")) for t in el if t.get(f"{_W}val") not in ("clear", "bar"))
        elif tag in _BANDERAS_P:
            out[_BANDERAS_P[tag]] = bool(_activo(el))
        elif tag == f"{_W}sectPr":
            tipo = el.find(f"{_W}type")
            out["section"] = tipo is None or tipo.get(f"{_W}val") != "continuous"
    return out


def _leer_rpr(rpr: etree._Element | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rpr is None:
        return out
    for el in rpr:
        tag = el.tag
        if tag == f"{_W}sz":
            v = el.get(f"{_W}val")
            if v:
                out["sz"] = float(v) / 2
        elif tag == f"{_W}rFonts":
            v = el.get(f"{_W}ascii") or el.get(f"{_W}hAnsi")
            if v:
                out["font"] = v
        elif tag in _BANDERAS_R:
            out[_BANDERAS_R[tag]] = bool(_activo(el))
    return out


def _fusionar(niveles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge property dicts from the least to the most specific; tab stops accumulate."""
    out: dict[str, Any] = {}
    for d in niveles:
        tabs = out.get("tabs", ())
        out.update(d)
        if "tabs" in d:
            out["tabs"] = tuple(sorted(set(tabs) | set(d["tabs"])))
    return out


class _Estilos:
    """Style chains of styles.xml (paragraph, character and table styles, docDefaults), resolved once."""

    def __init__(self, raiz: etree._Element | None) -> None:
        self.por_id: dict[str, etree._Element] = {}
        self.parrafo_defecto: str | None = None
        self.ppr_defecto: dict[str, Any] = {}
        self.rpr_defecto: dict[str, Any] = {}
        self._cache: dict[Any, Any] = {}
        if raiz is None:
            return
        for st in raiz.iter(f"{_W}style"):
            sid = st.get(f"{_W}styleId")
            if sid:
                self.por_id[sid] = st
                if st.get(f"{_W}type") == "paragraph" and st.get(f"{_W}default") in ("1", "true", "on"):
                    self.parrafo_defecto = sid
        dd = raiz.find(f"{_W}docDefaults")
        if dd is not None:
            self.ppr_defecto = _leer_ppr(dd.find(f"{_W}pPrDefault/{_W}pPr"))
            self.rpr_defecto = _leer_rpr(dd.find(f"{_W}rPrDefault/{_W}rPr"))

    def cadena(self, sid: str | None, tag: str) -> list[etree._Element]:
        """``tag`` (pPr/rPr/tblPr) elements of style ``sid`` and its ancestors, most specific first."""
        out: list[etree._Element] = []
        vistos: set[str] = set()
        while sid and sid not in vistos and sid in self.por_id:
            vistos.add(sid)
            st = self.por_id[sid]
            el = st.find(f"{_W}{tag}")
            if el is not None:
                out.append(el)
            base = st.find(f"{_W}basedOn")
            sid = base.get(f"{_W}val") if base is not None else None
        return out

    def parrafo(self, sid: str | None, estilo_tabla: str | None) -> dict[str, Any]:
        """Paragraph properties from docDefaults < table style < paragraph style chain."""
        key = ("p", sid, estilo_tabla)
        if key not in self._cache:
            niveles = [self.ppr_defecto]
            niveles += [_leer_ppr(e) for e in reversed(self.cadena(estilo_tabla, "pPr"))] if estilo_tabla else []
            niveles += [_leer_ppr(e) for e in reversed(self.cadena(sid, "pPr"))]
            self._cache[key] = _fusionar(niveles)
        return self._cache[key]

    def corrida(self, rstyle: str | None, sid: str | None, estilo_tabla: str | None) -> dict[str, Any]:
        """Run properties from docDefaults < table style < paragraph style < character style."""
        key = ("r", rstyle, sid, estilo_tabla)
        if key not in self._cache:
            niveles = [self.rpr_defecto]
            niveles += [_leer_rpr(e) for e in reversed(self.cadena(estilo_tabla, "rPr"))] if estilo_tabla else []
            niveles += [_leer_rpr(e) for e in reversed(self.cadena(sid, "rPr"))]
            niveles += [_leer_rpr(e) for e in reversed(self.cadena(rstyle, "rPr"))] if rstyle else []
            self._cache[key] = _fusionar(niveles)
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


def _geometria(sectpr: etree._Element | None) -> _Geometria:
    g = _Geometria()
    if sectpr is None:
        return g
    pg = sectpr.find(f"{_W}pgSz")
    if pg is not None:
        g.alto = _tw(pg.get(f"{_W}h"), g.alto)
        g.ancho = _tw(pg.get(f"{_W}w"), g.ancho)
    m = sectpr.find(f"{_W}pgMar")
    if m is not None:
        g.arriba = abs(_tw(m.get(f"{_W}top"), g.arriba))
        g.abajo = abs(_tw(m.get(f"{_W}bottom"), g.abajo))
        g.izquierda = _tw(m.get(f"{_W}left") or m.get(f"{_W}start"), g.izquierda)
        g.derecha = _tw(m.get(f"{_W}right") or m.get(f"{_W}end"), g.derecha)
        g.dist_encabezado = _tw(m.get(f"{_W}header"), g.dist_encabezado)
        g.dist_pie = _tw(m.get(f"{_W}footer"), g.dist_pie)
    return g


_SALTO_PAGINA = -1.0  # marker in a paragraph's list of line heights


@dataclass
class _Parrafo:
    lineas: list[float]  # heights (pt); _SALTO_PAGINA marks a page break after the previous line
    antes: float
    despues: float
    estilo: str | None
    espaciado_contextual: bool = False
    mantener_siguiente: bool = False
    mantener_lineas: bool = False
    viudas: bool = False
    salto_antes: bool = False
    salto_seccion: bool = False

    def alto(self) -> float:
        return self.antes + sum(h for h in self.lineas if h > 0) + self.despues


@dataclass
class _Fila:
    alto: float
    encabezado: bool = False
    no_dividir: bool = False


@dataclass
class _Tabla:
    filas: list[_Fila] = field(default_factory=list)
    borde_abajo: float = 0.0  # drawn under the last row of the table on every page it reaches


# Break opportunities inside a word, as LibreOffice breaks: after "-" between letters or digits
# ("TC-2025-|000123"), after "/" before a letter.
_TROZOS = re.compile(r"\S+?(?:(?<=\w)-(?=\w)|/(?=[^\W\d_])|$)|\S+")
_ESPACIOS = re.compile(r"( +)")


@dataclass(frozen=True, slots=True)
class _Fuente:
    nombre: str
    size: float
    negrita: bool
    cursiva: bool
    mayusculas: bool
    oculto: bool


def _fuente(props: dict[str, Any]) -> _Fuente:
    return _Fuente(props.get("font", "Times New Roman"), props.get("sz", 10.0), props.get("b", False),
                   props.get("i", False), props.get("caps", False), props.get("vanish", False))


class _Maquetador:
    def __init__(self, estilos: _Estilos, tab_defecto: float) -> None:
        self.estilos = estilos
        self.tab_defecto = tab_defecto or 36.0

    def _fuente_corrida(self, r: etree._Element, sid: str | None, estilo_tabla: str | None) -> _Fuente:
        rpr = r.find(f"{_W}rPr")
        if rpr is None:
            return _fuente(self.estilos.corrida(None, sid, estilo_tabla))
        rs = rpr.find(f"{_W}rStyle")
        base = self.estilos.corrida(rs.get(f"{_W}val") if rs is not None else None, sid, estilo_tabla)
        return _fuente({**base, **_leer_rpr(rpr)})

    def parrafo(self, p: etree._Element, ancho: float, estilo_tabla: str | None = None) -> _Parrafo:
        """Lay out one paragraph in a column ``ancho`` pt wide."""
        ppr = p.find(f"{_W}pPr")
        sid, marca = None, None
        if ppr is not None:
            ps = ppr.find(f"{_W}pStyle")
            sid = ps.get(f"{_W}val") if ps is not None else None
            marca = ppr.find(f"{_W}rPr")
        sid = sid or self.estilos.parrafo_defecto
        props = self.estilos.parrafo(sid, estilo_tabla)
        if ppr is not None and len(ppr) > (ppr.find(f"{_W}pStyle") is not None):
            props = _fusionar([props, _leer_ppr(ppr)])
        antes = _tw(props.get("before"))
        despues = _tw(props.get("after"))
        linea = props.get("line")
        regla = props.get("lineRule") or "auto"
        izq = props.get("left", 0.0)
        der = props.get("right", 0.0)
        primera = props.get("first", 0.0)
        tabs = props.get("tabs", ())
        base_r = self.estilos.corrida(None, sid, estilo_tabla)
        fm = _fuente({**base_r, **_leer_rpr(marca)}) if marca is not None else _fuente(base_r)

        def alto_linea(size: float, fuente: str) -> float:
            # LibreOffice works in twips: the font's line height is rounded to a twip and a proportional
            # spacing is truncated to a whole twip.
            natural = round(size * _ALTO_LINEA[_familia(fuente)[0]] * 20)
            if linea is None:
                return natural / 20
            if regla == "exact":
                return _tw(linea)
            if regla == "atLeast":
                return max(natural / 20, _tw(linea))
            return math.floor(natural * float(linea) / 240.0) / 20

        alto_marca = alto_linea(fm.size, fm.nombre)
        lineas: list[float] = []
        util = max(ancho - izq - der, 10.0)
        inicio_primera = izq + primera
        x = inicio_primera
        h_actual = alto_marca
        contenido = False
        espacio_pendiente = 0.0

        def nueva_linea() -> None:
            nonlocal x, h_actual, contenido, espacio_pendiente
            lineas.append(h_actual)
            x, h_actual, contenido, espacio_pendiente = izq, alto_marca, False, 0.0

        def colocar(ancho_pieza: float, alto: float) -> None:
            nonlocal x, h_actual, contenido, espacio_pendiente
            if contenido and x + espacio_pendiente + ancho_pieza > izq + util + 0.01:
                nueva_linea()
            elif contenido:
                x += espacio_pendiente
            espacio_pendiente = 0.0
            while x + ancho_pieza > izq + util + 0.01 and ancho_pieza > util:  # a word wider than a line
                ancho_pieza -= izq + util - x
                h_actual = max(h_actual, alto)
                contenido = True
                nueva_linea()
            x += ancho_pieza
            h_actual = max(h_actual, alto)
            contenido = True

        for r in self._corridas(p):
            f = self._fuente_corrida(r, sid, estilo_tabla)
            if f.oculto:
                continue
            alto = alto_linea(f.size, f.nombre)
            for hijo in r:
                tag = hijo.tag
                if tag == f"{_W}t":
                    texto = hijo.text or ""
                    if f.mayusculas:
                        texto = texto.upper()
                    for trozo in _ESPACIOS.split(texto):
                        if not trozo:
                            continue
                        ancho_trozo = _ancho_texto(trozo, f.nombre, f.negrita, f.cursiva, f.size)
                        if trozo[0] == " ":
                            if contenido or x > inicio_primera:
                                espacio_pendiente += ancho_trozo
                            else:
                                x += ancho_trozo
                            continue
                        piezas = _TROZOS.findall(trozo)
                        if len(piezas) == 1:
                            colocar(ancho_trozo, alto)
                        else:
                            for pieza in piezas:
                                colocar(_ancho_texto(pieza, f.nombre, f.negrita, f.cursiva, f.size), alto)
                elif tag == f"{_W}tab":
                    pos = x + espacio_pendiente
                    candidatos = [t for t in tabs if t > pos + 0.01]
                    if primera < 0 and len(lineas) == 0 and izq > pos + 0.01:
                        candidatos.append(izq)
                    destino = min(candidatos) if candidatos else (math.floor(pos / self.tab_defecto) + 1) * \
                        self.tab_defecto
                    if destino > izq + util:
                        nueva_linea()
                        destino = izq
                    x, espacio_pendiente, contenido = destino, 0.0, True
                    h_actual = max(h_actual, alto)
                elif tag in (f"{_W}br", f"{_W}cr"):
                    h_actual = max(h_actual, alto)
                    nueva_linea()
                    if hijo.get(f"{_W}type") == "page":
                        lineas.append(_SALTO_PAGINA)
                elif tag in (f"{_W}noBreakHyphen", f"{_W}sym"):
                    colocar(_ancho_texto("-", f.nombre, f.negrita, f.cursiva, f.size), alto)
                elif tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
                    ext = hijo.find(f".//{_WP}extent")
                    if ext is not None and hijo.find(f".//{_WP}anchor") is None:
                        colocar(float(ext.get("cx", 0)) / _EMU_PT, float(ext.get("cy", 0)) / _EMU_PT)
        if contenido or not lineas or lineas[-1] == _SALTO_PAGINA:
            lineas.append(h_actual)
        return _Parrafo(
            lineas=lineas, antes=antes, despues=despues, estilo=sid,
            espaciado_contextual=props.get("contextualSpacing", False),
            mantener_siguiente=props.get("keepNext", False), mantener_lineas=props.get("keepLines", False),
            viudas=props.get("widowControl", False), salto_antes=props.get("pageBreakBefore", False),
            salto_seccion=props.get("section", False),
        )

    def _corridas(self, p: etree._Element) -> Iterable[etree._Element]:
        """The runs of a paragraph in order (inside hyperlinks, insertions, smart tags, content controls);
        deleted text and text boxes are skipped."""
        for el in p:
            tag = el.tag
            if tag == f"{_W}r":
                yield el
            elif tag in (f"{_W}del", f"{_W}pPr", f"{_W}moveFrom"):
                continue
            elif tag in (f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple", f"{_W}moveTo",
                         f"{_W}customXml", f"{_W}sdt", f"{_W}sdtContent", f"{_W}dir", f"{_W}bdo"):
                yield from self._corridas(el)

    # -- blocks --
    def bloques(self, contenedor: etree._Element, ancho: float, estilo_tabla: str | None = None) -> list[Any]:
        out: list[Any] = []
        for el in contenedor:
            if el.tag == f"{_W}p":
                out.append(self.parrafo(el, ancho, estilo_tabla))
            elif el.tag == f"{_W}tbl":
                out.append(self.tabla(el))
            elif el.tag in (f"{_W}sdt", f"{_W}customXml"):
                contenido = el.find(f"{_W}sdtContent") if el.tag == f"{_W}sdt" else el
                if contenido is not None:
                    out += self.bloques(contenido, ancho, estilo_tabla)
        return out

    def tabla(self, tbl: etree._Element) -> _Tabla:
        tblpr = tbl.find(f"{_W}tblPr")
        estilo = None
        if tblpr is not None and tblpr.find(f"{_W}tblStyle") is not None:
            estilo = tblpr.find(f"{_W}tblStyle").get(f"{_W}val")
        cadena_t = ([tblpr] if tblpr is not None else []) + self.estilos.cadena(estilo, "tblPr")

        def margen(lado: str, alterno: str, defecto: float) -> float:
            for el in cadena_t:
                m = el.find(f"{_W}tblCellMar")
                if m is not None:
                    hit = m.find(f"{_W}{lado}")
                    if hit is None:
                        hit = m.find(f"{_W}{alterno}")
                    if hit is not None:
                        return _tw(hit.get(f"{_W}w"), defecto)
            return defecto

        def borde(lado: str) -> float:
            for el in cadena_t:
                b = el.find(f"{_W}tblBorders")
                hit = b.find(f"{_W}{lado}") if b is not None else None
                if hit is not None:
                    return 0.0 if hit.get(f"{_W}val") in ("nil", "none") else float(hit.get(f"{_W}sz", "4")) / 8
            return 0.0

        # LibreOffice adds the horizontal border above each row (and the bottom one) to the row height.
        b_arriba, b_interior, b_abajo = borde("top"), borde("insideH"), borde("bottom")
        m_arr, m_aba = margen("top", "top", 0.0), margen("bottom", "bottom", 0.0)
        m_izq, m_der = margen("left", "start", 5.4), margen("right", "end", 5.4)
        grid = [_tw(c.get(f"{_W}w")) for c in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        out = _Tabla()
        encabezados = True
        for tr in tbl.findall(f"{_W}tr"):
            trpr = tr.find(f"{_W}trPr")
            es_encabezado = encabezados and trpr is not None and bool(_activo(trpr.find(f"{_W}tblHeader")))
            encabezados = es_encabezado
            no_dividir = trpr is not None and bool(_activo(trpr.find(f"{_W}cantSplit")))
            alto_min, regla = 0.0, "auto"
            if trpr is not None and trpr.find(f"{_W}trHeight") is not None:
                th = trpr.find(f"{_W}trHeight")
                alto_min = _tw(th.get(f"{_W}val"))
                regla = th.get(f"{_W}hRule") or "atLeast"
            col = 0
            gb = trpr.find(f"{_W}gridBefore") if trpr is not None else None
            if gb is not None:
                col += int(gb.get(f"{_W}val", "0"))
            alto = 0.0
            for tc in tr.findall(f"{_W}tc"):
                tcpr = tc.find(f"{_W}tcPr")
                span = 1
                if tcpr is not None and tcpr.find(f"{_W}gridSpan") is not None:
                    span = int(tcpr.find(f"{_W}gridSpan").get(f"{_W}val", "1"))
                if col + span <= len(grid):
                    ancho = sum(grid[col:col + span])
                else:
                    tcw = tcpr.find(f"{_W}tcW") if tcpr is not None else None
                    ancho = _tw(tcw.get(f"{_W}w")) if tcw is not None and tcw.get(f"{_W}type") == "dxa" else 100.0
                col += span
                ci, cd, ca, cb = m_izq, m_der, m_arr, m_aba
                mar = tcpr.find(f"{_W}tcMar") if tcpr is not None else None
                if mar is not None:
                    for lado, attr in (("left", "ci"), ("start", "ci"), ("right", "cd"), ("end", "cd"),
                                       ("top", "ca"), ("bottom", "cb")):
                        hit = mar.find(f"{_W}{lado}")
                        if hit is not None:
                            v = _tw(hit.get(f"{_W}w"))
                            ci, cd, ca, cb = (v if attr == "ci" else ci, v if attr == "cd" else cd,
                                              v if attr == "ca" else ca, v if attr == "cb" else cb)
                vm = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if vm is not None and vm.get(f"{_W}val") != "restart":
                    continue  # continuation of a vertically merged cell
                contenido = self.bloques(tc, ancho - ci - cd, estilo)
                alto = max(alto, ca + _alto_apilado(contenido) + cb)
            alto = alto_min if regla == "exact" else max(alto, alto_min)
            alto += b_interior if out.filas else b_arriba
            out.filas.append(_Fila(alto=alto, encabezado=es_encabezado, no_dividir=no_dividir))
        out.borde_abajo = b_abajo
        return out


def _espacio_antes(p: _Parrafo, previo: _Parrafo | None) -> float:
    """Space before ``p`` once the previous paragraph's space after is counted: LibreOffice leaves the
    larger of the two between paragraphs (not their sum); contextual spacing removes both."""
    if previo is None:
        return p.antes
    if p.espaciado_contextual and previo.estilo == p.estilo:
        return 0.0
    return max(0.0, p.antes - previo.despues)


def _alto_apilado(bloques: list[Any]) -> float:
    """Height of blocks stacked without page breaks (cell contents, headers)."""
    total, previo = 0.0, None
    for b in bloques:
        if isinstance(b, _Parrafo):
            antes = _espacio_antes(b, previo)
            if previo is not None and b.espaciado_contextual and previo.estilo == b.estilo:
                total -= previo.despues
            total += antes + sum(h for h in b.lineas if h > 0) + b.despues
            previo = b
        else:
            total += sum(f.alto for f in b.filas) + b.borde_abajo
            previo = None
    return total


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
        if isinstance(b, _Parrafo):
            lineas = [h for h in b.lineas if h > 0]
            if b.mantener_siguiente and i + 1 < len(bloques) and b.alto() < self.util:
                return b.alto() + self.primera_unidad(bloques, i + 1)
            n = len(lineas) if b.mantener_lineas else min(len(lineas), 2 if b.viudas else 1)
            return b.antes + sum(lineas[:n])
        cab = [f.alto for f in b.filas if f.encabezado]
        datos = [f.alto for f in b.filas if not f.encabezado]
        return sum(cab) + (datos[0] if datos else 0.0) + b.borde_abajo

    def flujo(self, bloques: list[Any]) -> int:
        previo: _Parrafo | None = None
        for i, b in enumerate(bloques):
            if isinstance(b, _Parrafo):
                self.parrafo(b, previo, bloques, i)
                previo = b
            else:
                self.tabla(b)
                previo = None
        return self.paginas

    def parrafo(self, p: _Parrafo, previo: _Parrafo | None, bloques: list[Any], i: int) -> None:
        if p.salto_antes and self.y > 0:
            self.nueva()
        antes = _espacio_antes(p, previo)
        if previo is not None and p.espaciado_contextual and previo.estilo == p.estilo:
            self.y = max(0.0, self.y - previo.despues)
        # Segments separated by explicit page breaks.
        segmentos: list[list[float]] = [[]]
        for h in p.lineas:
            if h == _SALTO_PAGINA:
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

    def _segmento(self, p: _Parrafo, lineas: list[float], antes: float, bloques: list[Any], i: int | None) -> None:
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

    def tabla(self, t: _Tabla) -> None:
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
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
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

            return contar_hojas_de(doc.find(f"{_W}body"), Estilos(_parte(z, "word/styles.xml")),
                                   _parte(z, "word/settings.xml"), parte_de)
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ValidationError("El archivo no es un documento de Word (.docx) válido.") from exc


def contar_hojas_de(
    cuerpo: etree._Element, estilos: _Estilos, ajustes: etree._Element | None,
    parte_de: Callable[[str], etree._Element | None],
) -> int:
    """:func:`contar_hojas` of a document already parsed: its ``w:body``, its styles (:class:`Estilos`, which
    may be reused across documents of one template), ``settings.xml`` and the header/footer part of a
    relationship id. The renderer counts what it just rendered this way, without unzipping it again."""
    tab = 36.0
    if ajustes is not None and ajustes.find(f"{_W}defaultTabStop") is not None:
        tab = _tw(ajustes.find(f"{_W}defaultTabStop").get(f"{_W}val"), 36.0)
    sectpr = cuerpo.find(f"{_W}sectPr")
    g = _geometria(sectpr)
    maq = _Maquetador(estilos, tab)
    arriba, abajo = g.arriba, g.abajo
    if sectpr is not None:
        for ref, es_enc in [(r, True) for r in sectpr.findall(f"{_W}headerReference")] + \
                           [(r, False) for r in sectpr.findall(f"{_W}footerReference")]:
            if ref.get(f"{_W}type", "default") != "default":
                continue
            parte = parte_de(ref.get(f"{_R}id", ""))
            if parte is None:
                continue
            alto = _alto_apilado(maq.bloques(parte, g.ancho_util))
            if es_enc:
                arriba = max(arriba, g.dist_encabezado + alto)
            else:
                abajo = max(abajo, g.dist_pie + alto)
    bloques = maq.bloques(cuerpo, g.ancho_util)
    return _Paginador(g.alto - arriba - abajo).flujo(bloques)


Estilos = _Estilos
"""The resolved styles of one ``styles.xml`` (reusable for every document rendered from one template)."""
