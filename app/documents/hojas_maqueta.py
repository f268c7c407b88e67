"""Line-by-line layout of the sheet estimate (:mod:`app.documents.hojas`): paragraphs wrapped into lines with
the real advance widths (:mod:`app.documents.hojas_metricas`), indents and tabs, spacing as LibreOffice applies
it, and tables as rows of known height (borders, repeated header rows, rows that cannot split)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from app.documents.hojas_estilos import EMU_PT, WP, Estilos, W, activo, fusionar, leer_ppr, leer_rpr, tw
from app.documents.hojas_metricas import ALTO_LINEA, ancho_texto, familia_de

SALTO_PAGINA = -1.0  # marker in a paragraph's list of line heights


@dataclass
class Parrafo:
    lineas: list[float]  # heights (pt); SALTO_PAGINA marks a page break after the previous line
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
class Tabla:
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


class Maquetador:
    def __init__(self, estilos: Estilos, tab_defecto: float) -> None:
        self.estilos = estilos
        self.tab_defecto = tab_defecto or 36.0

    def _fuente_corrida(self, r: etree._Element, sid: str | None, estilo_tabla: str | None) -> _Fuente:
        rpr = r.find(f"{W}rPr")
        if rpr is None:
            return _fuente(self.estilos.corrida(None, sid, estilo_tabla))
        rs = rpr.find(f"{W}rStyle")
        base = self.estilos.corrida(rs.get(f"{W}val") if rs is not None else None, sid, estilo_tabla)
        return _fuente({**base, **leer_rpr(rpr)})

    def parrafo(self, p: etree._Element, ancho: float, estilo_tabla: str | None = None) -> Parrafo:
        """Lay out one paragraph in a column ``ancho`` pt wide."""
        ppr = p.find(f"{W}pPr")
        sid, marca = None, None
        if ppr is not None:
            ps = ppr.find(f"{W}pStyle")
            sid = ps.get(f"{W}val") if ps is not None else None
            marca = ppr.find(f"{W}rPr")
        sid = sid or self.estilos.parrafo_defecto
        props = self.estilos.parrafo(sid, estilo_tabla)
        if ppr is not None and len(ppr) > (ppr.find(f"{W}pStyle") is not None):
            props = fusionar([props, leer_ppr(ppr)])
        antes = tw(props.get("before"))
        despues = tw(props.get("after"))
        linea = props.get("line")
        regla = props.get("lineRule") or "auto"
        izq = props.get("left", 0.0)
        der = props.get("right", 0.0)
        primera = props.get("first", 0.0)
        tabs = props.get("tabs", ())
        base_r = self.estilos.corrida(None, sid, estilo_tabla)
        fm = _fuente({**base_r, **leer_rpr(marca)}) if marca is not None else _fuente(base_r)

        def alto_linea(size: float, fuente: str) -> float:
            # LibreOffice works in twips: the font's line height is rounded to a twip and a proportional
            # spacing is truncated to a whole twip.
            natural = round(size * ALTO_LINEA[familia_de(fuente)[0]] * 20)
            if linea is None:
                return natural / 20
            if regla == "exact":
                return tw(linea)
            if regla == "atLeast":
                return max(natural / 20, tw(linea))
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
                if tag == f"{W}t":
                    texto = hijo.text or ""
                    if f.mayusculas:
                        texto = texto.upper()
                    for trozo in _ESPACIOS.split(texto):
                        if not trozo:
                            continue
                        ancho_trozo = ancho_texto(trozo, f.nombre, f.negrita, f.cursiva, f.size)
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
                                colocar(ancho_texto(pieza, f.nombre, f.negrita, f.cursiva, f.size), alto)
                elif tag == f"{W}tab":
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
                elif tag in (f"{W}br", f"{W}cr"):
                    h_actual = max(h_actual, alto)
                    nueva_linea()
                    if hijo.get(f"{W}type") == "page":
                        lineas.append(SALTO_PAGINA)
                elif tag in (f"{W}noBreakHyphen", f"{W}sym"):
                    colocar(ancho_texto("-", f.nombre, f.negrita, f.cursiva, f.size), alto)
                elif tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
                    ext = hijo.find(f".//{WP}extent")
                    if ext is not None and hijo.find(f".//{WP}anchor") is None:
                        colocar(float(ext.get("cx", 0)) / EMU_PT, float(ext.get("cy", 0)) / EMU_PT)
        if contenido or not lineas or lineas[-1] == SALTO_PAGINA:
            lineas.append(h_actual)
        return Parrafo(
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
            if tag == f"{W}r":
                yield el
            elif tag in (f"{W}del", f"{W}pPr", f"{W}moveFrom"):
                continue
            elif tag in (f"{W}hyperlink", f"{W}ins", f"{W}smartTag", f"{W}fldSimple", f"{W}moveTo",
                         f"{W}customXml", f"{W}sdt", f"{W}sdtContent", f"{W}dir", f"{W}bdo"):
                yield from self._corridas(el)

    # -- blocks --
    def bloques(self, contenedor: etree._Element, ancho: float, estilo_tabla: str | None = None) -> list[Any]:
        out: list[Any] = []
        for el in contenedor:
            if el.tag == f"{W}p":
                out.append(self.parrafo(el, ancho, estilo_tabla))
            elif el.tag == f"{W}tbl":
                out.append(self.tabla(el))
            elif el.tag in (f"{W}sdt", f"{W}customXml"):
                contenido = el.find(f"{W}sdtContent") if el.tag == f"{W}sdt" else el
                if contenido is not None:
                    out += self.bloques(contenido, ancho, estilo_tabla)
        return out

    def tabla(self, tbl: etree._Element) -> Tabla:
        tblpr = tbl.find(f"{W}tblPr")
        estilo = None
        if tblpr is not None and tblpr.find(f"{W}tblStyle") is not None:
            estilo = tblpr.find(f"{W}tblStyle").get(f"{W}val")
        cadena_t = ([tblpr] if tblpr is not None else []) + self.estilos.cadena(estilo, "tblPr")

        def margen(lado: str, alterno: str, defecto: float) -> float:
            for el in cadena_t:
                m = el.find(f"{W}tblCellMar")
                if m is not None:
                    hit = m.find(f"{W}{lado}")
                    if hit is None:
                        hit = m.find(f"{W}{alterno}")
                    if hit is not None:
                        return tw(hit.get(f"{W}w"), defecto)
            return defecto

        def borde(lado: str) -> float:
            for el in cadena_t:
                b = el.find(f"{W}tblBorders")
                hit = b.find(f"{W}{lado}") if b is not None else None
                if hit is not None:
                    return 0.0 if hit.get(f"{W}val") in ("nil", "none") else float(hit.get(f"{W}sz", "4")) / 8
            return 0.0

        # LibreOffice adds the horizontal border above each row (and the bottom one) to the row height.
        b_arriba, b_interior, b_abajo = borde("top"), borde("insideH"), borde("bottom")
        m_arr, m_aba = margen("top", "top", 0.0), margen("bottom", "bottom", 0.0)
        m_izq, m_der = margen("left", "start", 5.4), margen("right", "end", 5.4)
        grid = [tw(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        out = Tabla()
        encabezados = True
        for tr in tbl.findall(f"{W}tr"):
            trpr = tr.find(f"{W}trPr")
            es_encabezado = encabezados and trpr is not None and bool(activo(trpr.find(f"{W}tblHeader")))
            encabezados = es_encabezado
            no_dividir = trpr is not None and bool(activo(trpr.find(f"{W}cantSplit")))
            alto_min, regla = 0.0, "auto"
            if trpr is not None and trpr.find(f"{W}trHeight") is not None:
                th = trpr.find(f"{W}trHeight")
                alto_min = tw(th.get(f"{W}val"))
                regla = th.get(f"{W}hRule") or "atLeast"
            col = 0
            gb = trpr.find(f"{W}gridBefore") if trpr is not None else None
            if gb is not None:
                col += int(gb.get(f"{W}val", "0"))
            alto = 0.0
            for tc in tr.findall(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = 1
                if tcpr is not None and tcpr.find(f"{W}gridSpan") is not None:
                    span = int(tcpr.find(f"{W}gridSpan").get(f"{W}val", "1"))
                if col + span <= len(grid):
                    ancho = sum(grid[col:col + span])
                else:
                    tcw = tcpr.find(f"{W}tcW") if tcpr is not None else None
                    ancho = tw(tcw.get(f"{W}w")) if tcw is not None and tcw.get(f"{W}type") == "dxa" else 100.0
                col += span
                ci, cd, ca, cb = m_izq, m_der, m_arr, m_aba
                mar = tcpr.find(f"{W}tcMar") if tcpr is not None else None
                if mar is not None:
                    for lado, attr in (("left", "ci"), ("start", "ci"), ("right", "cd"), ("end", "cd"),
                                       ("top", "ca"), ("bottom", "cb")):
                        hit = mar.find(f"{W}{lado}")
                        if hit is not None:
                            v = tw(hit.get(f"{W}w"))
                            ci, cd, ca, cb = (v if attr == "ci" else ci, v if attr == "cd" else cd,
                                              v if attr == "ca" else ca, v if attr == "cb" else cb)
                vm = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                if vm is not None and vm.get(f"{W}val") != "restart":
                    continue  # continuation of a vertically merged cell
                contenido = self.bloques(tc, ancho - ci - cd, estilo)
                alto = max(alto, ca + alto_apilado(contenido) + cb)
            alto = alto_min if regla == "exact" else max(alto, alto_min)
            alto += b_interior if out.filas else b_arriba
            out.filas.append(_Fila(alto=alto, encabezado=es_encabezado, no_dividir=no_dividir))
        out.borde_abajo = b_abajo
        return out


def espacio_antes(p: Parrafo, previo: Parrafo | None) -> float:
    """Space before ``p`` once the previous paragraph's space after is counted: LibreOffice leaves the
    larger of the two between paragraphs (not their sum); contextual spacing removes both."""
    if previo is None:
        return p.antes
    if p.espaciado_contextual and previo.estilo == p.estilo:
        return 0.0
    return max(0.0, p.antes - previo.despues)


def alto_apilado(bloques: list[Any]) -> float:
    """Height of blocks stacked without page breaks (cell contents, headers)."""
    total, previo = 0.0, None
    for b in bloques:
        if isinstance(b, Parrafo):
            antes = espacio_antes(b, previo)
            if previo is not None and b.espaciado_contextual and previo.estilo == b.estilo:
                total -= previo.despues
            total += antes + sum(h for h in b.lineas if h > 0) + b.despues
            previo = b
        else:
            total += sum(f.alto for f in b.filas) + b.borde_abajo
            previo = None
    return total
