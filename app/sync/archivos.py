"""Files (generated .docx, scans, photos) synced apart from rows, by SHA-256 (design.md §3).

Stored on the server as ``bytea`` chunks of 1 MiB in ``foja_blob`` with one ``foja_blob_info`` row per file,
rather than as large objects: chunk rows fall under the same row-level security (by office) and grants as
every table, travel through PgBouncer in short transactions, replicate and back up with the rest, and make an
upload resumable chunk by chunk. A file is uploaded once: a SHA-256 the server has complete is never sent
again; an interrupted upload resumes at the first missing chunk; a download is written to a temporary file,
checked against its SHA-256 and renamed, so a cut never leaves a damaged file in the store.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.storage.blobs import BlobStore

PARTE = 1024 * 1024
Falla = Callable[[str], None]


def _sin_falla(_punto: str) -> None:
    return None


@dataclass
class ResultadoArchivos:
    subidos: int = 0
    bajados: int = 0
    ya_estaban: int = 0
    pendientes: int = 0
    bytes: int = 0


def subir(pg: Connection, blobs: BlobStore, office_id: uuid.UUID, shas: Iterable[str],
          falla: Falla = _sin_falla) -> ResultadoArchivos:
    """Upload the files in ``shas`` the server lacks (or has incomplete); one transaction per chunk."""
    res = ResultadoArchivos()
    lista = sorted(set(shas))
    if not lista:
        return res
    with pg.begin():
        completos = set(pg.execute(text(
            "SELECT sha256 FROM foja_blob_info WHERE completo AND sha256 = ANY(:l)"), {"l": lista}).scalars())
    faltan: list[str] = []
    for sha in lista:
        if sha in completos:
            res.ya_estaban += 1
        elif not blobs.exists(sha):
            res.pendientes += 1  # referenced but not on this desktop (yet): another desktop will upload it
        else:
            faltan.append(sha)
    # Small files (one chunk: most documents) go many to a transaction, whole: a cut loses at most that batch.
    pequenos = [sha for sha in faltan if blobs.path(sha).stat().st_size <= PARTE]
    lote: list[tuple[str, bytes]] = []
    for j, sha in enumerate(pequenos):
        lote.append((sha, blobs.get(sha)))
        if sum(len(d) for _, d in lote) >= 8 * PARTE or len(lote) >= 200 or j == len(pequenos) - 1:
            with pg.begin():
                pg.execute(text(
                    "INSERT INTO foja_blob_info (sha256, office_id, tamano, partes, completo) "
                    "VALUES (:s, :o, :t, 1, true) ON CONFLICT (sha256) DO NOTHING"),
                    [{"s": h, "o": office_id, "t": len(d)} for h, d in lote])
                pg.execute(text("INSERT INTO foja_blob (sha256, parte, office_id, datos) VALUES (:s, 0, :o, :d) "
                                "ON CONFLICT DO NOTHING"), [{"s": h, "o": office_id, "d": d} for h, d in lote])
            res.subidos += len(lote)
            res.bytes += sum(len(d) for _, d in lote)
            lote = []
            falla("mitad_archivo")
    for sha in faltan:
        if sha in set(pequenos):
            continue
        datos = blobs.get(sha)
        partes = max(1, -(-len(datos) // PARTE))
        with pg.begin():
            pg.execute(text(
                "INSERT INTO foja_blob_info (sha256, office_id, tamano, partes) VALUES (:s, :o, :t, :p) "
                "ON CONFLICT (sha256) DO NOTHING"), {"s": sha, "o": office_id, "t": len(datos), "p": partes})
            hechas = set(pg.execute(text("SELECT parte FROM foja_blob WHERE sha256 = :s"), {"s": sha}).scalars())
        for i in range(partes):
            if i in hechas:
                continue
            with pg.begin():
                pg.execute(text("INSERT INTO foja_blob (sha256, parte, office_id, datos) VALUES (:s, :i, :o, :d) "
                                "ON CONFLICT DO NOTHING"),
                           {"s": sha, "i": i, "o": office_id, "d": datos[i * PARTE:(i + 1) * PARTE]})
            res.bytes += min(PARTE, len(datos) - i * PARTE)
            falla("mitad_archivo")
        with pg.begin():
            pg.execute(text("UPDATE foja_blob_info SET completo = true WHERE sha256 = :s"), {"s": sha})
        res.subidos += 1
    return res


def bajar(pg: Connection, blobs: BlobStore, shas: Iterable[str], falla: Falla = _sin_falla) -> ResultadoArchivos:
    """Download the files in ``shas`` this desktop lacks; a file the server doesn't have whole yet waits."""
    res = ResultadoArchivos()
    faltan = sorted(s for s in set(shas) if not blobs.exists(s))
    for sha in faltan:
        with pg.begin():
            info = pg.execute(text("SELECT partes, completo FROM foja_blob_info WHERE sha256 = :s"),
                              {"s": sha}).first()
        if info is None or not info.completo:
            res.pendientes += 1
            continue
        trozos: list[bytes] = []
        for i in range(info.partes):
            with pg.begin():
                trozos.append(bytes(pg.execute(text("SELECT datos FROM foja_blob WHERE sha256 = :s AND parte = :i"),
                                               {"s": sha, "i": i}).scalar_one()))
            falla("mitad_archivo")
        datos = b"".join(trozos)
        if hashlib.sha256(datos).hexdigest() != sha:
            res.pendientes += 1
            continue
        blobs.put(datos)  # atomic: temp file + fsync + rename
        res.bajados += 1
        res.bytes += len(datos)
    return res
