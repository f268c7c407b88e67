"""Import títulos de crédito from the Unidad de Cartera (menu Archivo → Importar títulos).

A batch arrives as a CSV or XLSX file with the columns of :data:`app.domain.titulos.COLUMNAS`,
written the office's way (``1.234,56``, ``dd/mm/aaaa``, accents, stray spaces). All or nothing:
every row is validated first, and a file with any bad row imports nothing; the user gets every
bad cell with its line, column and reason (:class:`~app.common.errors.ImportRejected`). A good
file is stored in one transaction: the ``importacion`` row, new debtors, and one título
(estado ``PENDIENTE``, waiting for the sorteo) per row, each audited and queued for the sync
(:func:`app.storage.tracking.insertar`: one executemany per batch).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.common.dates import format_dmy, local_today, to_local
from app.common.errors import ImportRejected, RowProblem
from app.common.ids import new_id
from app.common.progress import NO_PROGRESS, Progress
from app.common.text import search_key
from app.documents import archivo_titulos
from app.domain.celdas import Celda, fila_vacia, leer_numero_titulo
from app.domain.etapas import EstadoTitulo
from app.domain.identificacion import tipo_persona
from app.domain.permisos import Permiso
from app.domain.titulos import FilaTitulo, ValidadorTitulos, mapear_encabezado
from app.domain.titulos_forma import buscar_encabezado, es_fila_de_totales
from app.services.context import Contexto
from app.storage.esquema import estadisticas_al_dia
from app.storage.models import Deudor, Importacion, Oficina, TituloCredito
from app.storage.tracking import insertar

log = logging.getLogger(__name__)

EXTENSIONES_CSV = archivo_titulos.EXTENSIONES_CSV
EXTENSIONES_XLSX = archivo_titulos.EXTENSIONES_XLSX
PASO = 200  # rows between progress reports
LOTE = 2000  # rows between flushes
LOTE_CONSULTA = 500  # values per IN (...) query
_ARCHIVO = "(archivo)"

Fila = tuple[int, Sequence[Celda]]  # (line as the user sees it, cells)


@dataclass(frozen=True, slots=True)
class ResultadoImportacion:
    """What an import stored: ``filas`` títulos (estado PENDIENTE), ``deudores_nuevos`` debtors that
    did not exist, ``total`` the sum of the títulos' totals in USD."""

    importacion_id: uuid.UUID
    archivo: str
    filas: int
    deudores_nuevos: int
    total: Decimal
    avisos: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Revision:
    filas: list[FilaTitulo]
    problemas: list[RowProblem]
    sha256: str
    avisos: tuple[str, ...] = ()


def _resumen(celdas: Sequence[Celda]) -> str:
    texto = " ".join(str(c).strip() for c in celdas if c is not None and str(c).strip())
    return texto if len(texto) <= 60 else texto[:57] + "…"


class ImportacionService:
    """Import and preview files of títulos de crédito for the current office."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def validar(self, path: Path, progress: Progress = NO_PROGRESS) -> list[RowProblem]:
        """Check a file without writing anything (preview before importing).

        Same checks as :meth:`importar`, including títulos already in the database.

        Returns:
            Every problem, ordered by line (empty list: the file can be imported).

        Raises:
            ValidationError: the file cannot be read (missing, not CSV/XLSX, damaged).
            CancelledError: the user cancelled through ``progress``.
        """
        with self.ctx.read() as s:
            return self._revisar(s, path, progress).problemas

    def importar(self, path: Path, progress: Progress = NO_PROGRESS) -> ResultadoImportacion:
        """Import every título of ``path`` (CSV or XLSX), or none.

        CSV: ``;``, ``,``, tab or ``|`` separator (chosen by the header), UTF-8 (with or without BOM)
        or Windows-1252. XLSX: the first sheet; numeric and date cells are accepted as such. Line
        numbers in problems are the file's lines (header = line 1; in XLSX the sheet row).

        Rules: those of :func:`app.domain.titulos.validar_fila` per row (COA art. 268), no título
        number twice in the file, and no título number already imported in this office.

        Debtors are matched by cédula/RUC: a new one is created (name in uppercase, search key without
        accents); an existing one keeps its recorded name.

        Returns:
            A :class:`ResultadoImportacion`.

        Raises:
            ImportRejected: at least one bad row; ``problems`` lists every bad cell. Nothing was written.
            ValidationError: the file cannot be read (missing, not CSV/XLSX, damaged).
            CancelledError: cancelled through ``progress``; the transaction was rolled back.
            PermissionDenied: the user may not import títulos (TITULOS_IMPORTAR: the jefe).
        """
        self.ctx.exigir(Permiso.TITULOS_IMPORTAR)
        with self.ctx.tx("importar títulos") as s:
            revision = self._revisar(s, path, progress)
            if revision.problemas:
                raise ImportRejected(path.name, revision.problemas)
            resultado = self._guardar(s, path, revision, progress)
        estadisticas_al_dia(self.ctx.engine)  # a large import changes the best plans of the search
        log.info("importados %d títulos de %s (%d deudores nuevos, total %s)", resultado.filas, path.name,
                 resultado.deudores_nuevos, resultado.total)
        return resultado

    # --- validation -------------------------------------------------------------------------------

    def _revisar(self, s: Session, path: Path, progress: Progress) -> _Revision:
        progress.step(0, 0, f"Leyendo «{path.name}»…")
        datos = _leer_bytes(path)
        sha = hashlib.sha256(datos).hexdigest()
        hoja = archivo_titulos.leer_hoja(path, datos)
        codigo = s.get_one(Oficina, self.ctx.office_id).codigo

        no_vacias = [(n, c) for n, c in hoja.filas if not fila_vacia(c)]
        if not no_vacias:
            return _Revision([], [RowProblem(1, _ARCHIVO, "el archivo está vacío")], sha)
        i_cabecera = buscar_encabezado(no_vacias) or 0
        cabecera = no_vacias[i_cabecera]
        avisos = [f"Se omitió la línea {n} («{_resumen(c)}»): es un título sobre el encabezado, no una fila de "
                  "títulos." for n, c in no_vacias[:i_cabecera]]
        encabezado = mapear_encabezado(cabecera[1], cabecera[0])
        if encabezado.problemas:
            return _Revision([], encabezado.problemas, sha)
        combinadas = [RowProblem(m.fila_desde, "(fila)", f"las celdas {m.ref} están combinadas: descombínelas "
                                 "(Inicio → Combinar y centrar) y escriba el valor en cada celda")
                      for m in hoja.combinadas if m.fila_hasta >= cabecera[0]]
        if combinadas:
            return _Revision([], combinadas, sha)
        datos_filas = [(n, c) for n, c in no_vacias if n > cabecera[0]]
        totales: list[RowProblem] = []
        while datos_filas and es_fila_de_totales(datos_filas[-1][1], encabezado):
            n, _ = datos_filas.pop()
            totales.insert(0, RowProblem(n, "(fila)", "es una fila de totales: bórrela del archivo (Foja suma "
                                                      "los valores de los títulos por su cuenta)"))
        if not datos_filas:
            return _Revision([], totales or [RowProblem(cabecera[0], _ARCHIVO,
                                                        "el archivo no tiene filas de títulos")], sha)

        total = len(datos_filas)
        validador = ValidadorTitulos(encabezado, codigo, local_today())
        validas: list[FilaTitulo] = []
        problemas: list[RowProblem] = list(totales)
        numeros: dict[str, int] = {}
        i_numero = encabezado.indices["numero_titulo"]
        for i, (linea, celdas) in enumerate(datos_filas, start=1):
            fila, propios = validador.validar(linea, celdas)
            if fila is not None:
                validas.append(fila)
                numeros.setdefault(fila.numero, linea)
            else:
                problemas.extend(propios)
                with contextlib.suppress(ValueError):
                    numeros.setdefault(leer_numero_titulo(celdas[i_numero] if i_numero < len(celdas) else None),
                                       linea)
            if i % PASO == 0:
                progress.step(i, 2 * total, f"Revisando fila {i} de {total}…")

        columna = encabezado.nombre("numero_titulo")
        for numero, (archivo, cuando) in _ya_importados(s, self.ctx.office_id, list(numeros)).items():
            origen = f"con el archivo «{archivo}» el {format_dmy(to_local(cuando).date())}" if archivo else ""
            problemas.append(RowProblem(numeros[numero], columna,
                                        f"el título {numero} ya fue importado {origen}".rstrip()))
        problemas.sort(key=lambda p: p.line)
        progress.step(total, 2 * total, "Revisión terminada.")
        for aviso in avisos:
            log.info("%s: %s", path.name, aviso)
        return _Revision(validas, problemas, sha, tuple(avisos))

    # --- writing ----------------------------------------------------------------------------------

    def _guardar(self, s: Session, path: Path, revision: _Revision, progress: Progress) -> ResultadoImportacion:
        filas = revision.filas
        n = len(filas)
        office = self.ctx.office_id
        importacion = Importacion(id=new_id(), office_id=office, archivo=path.name[:300], sha256=revision.sha256,
                                  filas=n)
        s.add(importacion)

        deudores = _deudores_existentes(s, office, list({f.identificacion for f in filas}))
        nuevos: list[dict[str, object]] = []
        for f in filas:
            if f.identificacion not in deudores:
                did = new_id()
                deudores[f.identificacion] = did
                nuevos.append({"id": did, "office_id": office, "identificacion": f.identificacion,
                               "tipo_identificacion": f.tipo_identificacion.value, "nombre": f.deudor,
                               "nombre_busqueda": search_key(f.deudor), "tipo_persona": tipo_persona(f.identificacion)})
        # One executemany per batch (with the audit and outbox the ORM would write, tracking.insertar): the
        # write path of a large import runs at the speed of the database, not of the unit of work.
        for i in range(0, len(nuevos), LOTE):
            insertar(s, Deudor, nuevos[i:i + LOTE])
            progress.step(n, 2 * n, f"Registrando deudores nuevos… {min(i + LOTE, len(nuevos))} de {len(nuevos)}")

        total = Decimal("0.00")
        pendiente = EstadoTitulo.PENDIENTE.value
        lote: list[dict[str, object]] = []
        for i, f in enumerate(filas, start=1):
            lote.append({
                "office_id": office, "numero": f.numero, "fecha_emision": f.fecha_emision,
                "deudor_id": deudores[f.identificacion], "concepto": f.concepto, "periodo": f.periodo,
                "capital": f.capital, "interes": f.interes, "recargo": f.recargo, "total": f.total,
                "fecha_interes_desde": f.interes_desde, "provincia": f.provincia, "estado": pendiente,
                "importacion_id": importacion.id,
            })
            total += f.total
            if i % LOTE == 0 or i == n:
                insertar(s, TituloCredito, lote)
                lote = []
            if i % PASO == 0 or i == n:
                progress.step(n + i, 2 * n, f"Guardando título {i} de {n}…")
        return ResultadoImportacion(importacion.id, path.name, n, len(nuevos), total, revision.avisos)


# --- database helpers -----------------------------------------------------------------------------


def _trozos(valores: list[str], n: int = LOTE_CONSULTA) -> Iterator[list[str]]:
    for i in range(0, len(valores), n):
        yield valores[i:i + n]


def _ya_importados(s: Session, office_id: uuid.UUID, numeros: list[str]) -> dict[str, tuple[str, datetime | None]]:
    """Título numbers of this office already in the database -> (file name, import instant)."""
    out: dict[str, tuple[str, datetime | None]] = {}
    for trozo in _trozos(numeros):
        q = (select(TituloCredito.numero, Importacion.archivo, Importacion.created_at)
             .outerjoin(Importacion, Importacion.id == TituloCredito.importacion_id)
             .where(TituloCredito.office_id == office_id, TituloCredito.numero.in_(trozo)))
        for numero, archivo, cuando in s.execute(q):
            out[numero] = (archivo or "", cuando)
    return out


def _deudores_existentes(s: Session, office_id: uuid.UUID, idents: list[str]) -> dict[str, uuid.UUID]:
    out: dict[str, uuid.UUID] = {}
    for trozo in _trozos(idents):
        q = select(Deudor.identificacion, Deudor.id).where(Deudor.office_id == office_id,
                                                             Deudor.identificacion.in_(trozo))
        out.update({ident: did for ident, did in s.execute(q)})
    return out


# --- file reading (app.documents.archivo_titulos) -----------------------------------------------------------


def _leer_bytes(path: Path) -> bytes:
    return archivo_titulos.leer_bytes(path)


decodificar = archivo_titulos.decodificar
detectar_delimitador = archivo_titulos.detectar_delimitador
