"""Verify an expediente's record, or a whole office's (``verificar``, ``verificar --todos``).

What is checked, for each expediente (domain.md §3, design.md §2):

- the folio chain: consecutive folios from 1, each entry linked to the previous one and matching its hash
  (:func:`app.domain.foliacion.verificar_cadena`), naming the first broken link;
- each foliated document: its row matches its folio entry, its file is in the store (a missing file is a cut)
  and still has the hash it was foliated with;
- the head kept apart from those rows (:class:`app.storage.models_fiabilidad.AnclaExpediente`): the last
  folio entries, or all of them, removed; an act edited or removed; the head itself removed
  (:func:`app.domain.cadena.diferencias`).

A broken record is a result, not an exception. The central server is the external anchor when sync lands; this
is the local check.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.common.progress import NO_PROGRESS, Progress
from app.common.text import plural
from app.domain.cadena import DIGEST_VACIO, Cabeza, diferencias, hash_acto, sumar_digest
from app.domain.foliacion import GENESIS, EntradaFolio, verificar_cadena
from app.services.context import Contexto
from app.storage.ancla import campos_acto
from app.storage.blobs import BlobStore, sha256_hex
from app.storage.models import Documento, Expediente, Folio
from app.storage.models_fiabilidad import AnclaExpediente
from app.storage.models_juicio import Acto

LOTE = 400  # expedientes per round of queries in a whole-office check


@dataclass(frozen=True, slots=True)
class ResultadoVerificacion:
    """``intacta`` True when every check holds; otherwise ``ruptura`` says what is broken (Spanish), the first
    broken link of the chain first."""

    numero: str
    entradas: int
    ultimo_folio: int
    intacta: bool
    ruptura: str | None
    actos: int = 0
    por_llegar: int = 0

    def mensaje(self) -> str:
        if self.intacta:
            actos = f"; {plural(self.actos, 'acto procesal', 'actos procesales')} sin cambios" if self.actos else ""
            llegar = (f" {plural(self.por_llegar, 'archivo')} aún no llegan del servidor central: sincronice para "
                      "traerlos." if self.por_llegar else "")
            return (
                f"Foliación del juicio {self.numero} íntegra: {plural(self.entradas, 'documento')}, "
                f"fojas 1 a {self.ultimo_folio}{actos}.{llegar}"
            )
        return f"Foliación del juicio {self.numero} ALTERADA. {self.ruptura}"


@dataclass(frozen=True, slots=True)
class ResumenVerificacion:
    """A whole office: how many expedientes were checked and those found altered."""

    revisados: int
    alterados: list[ResultadoVerificacion] = field(default_factory=list)

    @property
    def intacta(self) -> bool:
        return not self.alterados

    def mensaje(self) -> str:
        if self.intacta:
            return f"Verificados {plural(self.revisados, 'expediente')}: todos íntegros."
        return (f"Verificados {plural(self.revisados, 'expediente')}: {len(self.alterados)} "
                f"{'ALTERADO' if len(self.alterados) == 1 else 'ALTERADOS'}.\n"
                + "\n".join(r.mensaje() for r in self.alterados))


def _frase(texto: str) -> str:
    texto = texto.strip()
    return (texto[0].upper() + texto[1:] + ("" if texto.endswith(".") else ".")) if texto else texto


def revisar(exp: Expediente, folios: Sequence[Folio], docs: dict[uuid.UUID, Documento], actos: Iterable[Acto],
            ancla: AnclaExpediente | None, blobs: BlobStore, central: bool = False) -> ResultadoVerificacion:
    """Check one expediente from its loaded rows (folios in posición order).

    ``central``: the desktop is joined to the central server, which holds every file; a missing file is then
    one the sync has not brought yet (counted in ``por_llegar``), not a cut.
    """
    problemas: list[str] = []
    por_llegar = 0
    entradas = [
        EntradaFolio(documento_id=str(f.documento_id), desde=f.desde, hasta=f.hasta,
                     documento_sha256=f.documento_sha256, hash_anterior=f.hash_anterior, hash=f.hash)
        for f in folios
    ]
    ruptura = verificar_cadena(str(exp.id), entradas)
    if ruptura is not None:
        problemas.append(str(ruptura))
    for i, f in enumerate(folios, start=1):
        d = docs.get(f.documento_id)
        donde = f"Entrada {i} (fojas {f.desde}-{f.hasta})"
        if d is None or d.archivo_sha256 != f.documento_sha256:
            problemas.append(f"{donde}: el documento no coincide con el folio.")
            continue
        if not blobs.exists(f.documento_sha256):
            if central:
                por_llegar += 1
                continue
            problemas.append(f"{donde}: falta el archivo «{d.nombre_archivo}» en el almacén de documentos "
                             "(fue borrado).")
        elif sha256_hex(blobs.get(f.documento_sha256)) != f.documento_sha256:
            problemas.append(f"{donde}: el archivo «{d.nombre_archivo}» fue modificado después de foliarse.")
    lista_actos = list(actos)
    actual = Cabeza(
        folios=len(folios), ultimo_folio=folios[-1].hasta if folios else 0,
        hash_folio=folios[-1].hash if folios else GENESIS, actos=len(lista_actos),
        hash_actos=sumar_digest(DIGEST_VACIO, (hash_acto(campos_acto(a)) for a in lista_actos)),
    )
    if ancla is None:
        if folios or lista_actos or exp.etapa != "SORTEADO":
            problemas.append("Falta la cabeza anclada del expediente (el registro que cuenta sus fojas y actos "
                             "fue eliminado).")
    else:
        anclada = Cabeza(ancla.folios, ancla.ultimo_folio, ancla.hash_folio, ancla.actos, ancla.hash_actos)
        problemas.extend(_frase(p) for p in diferencias(anclada, actual))
    return ResultadoVerificacion(
        numero=exp.numero, entradas=len(folios), ultimo_folio=actual.ultimo_folio, intacta=not problemas,
        ruptura=" ".join(problemas) or None, actos=len(lista_actos), por_llegar=por_llegar,
    )


def _cargar(s: Session, exps: Sequence[Expediente], blobs: BlobStore,
            central: bool = False) -> list[ResultadoVerificacion]:
    ids = [e.id for e in exps]
    folios: dict[uuid.UUID, list[Folio]] = defaultdict(list)
    for f in s.scalars(select(Folio).where(Folio.expediente_id.in_(ids)).order_by(Folio.expediente_id,
                                                                                 Folio.posicion)):
        folios[f.expediente_id].append(f)
    docs = {d.id: d for d in s.scalars(select(Documento).where(Documento.expediente_id.in_(ids)))}
    actos: dict[uuid.UUID, list[Acto]] = defaultdict(list)
    for a in s.scalars(select(Acto).where(Acto.expediente_id.in_(ids))):
        actos[a.expediente_id].append(a)
    anclas = {a.expediente_id: a for a in s.scalars(select(AnclaExpediente)
                                                   .where(AnclaExpediente.expediente_id.in_(ids)))}
    return [revisar(e, folios[e.id], docs, actos[e.id], anclas.get(e.id), blobs, central) for e in exps]


class VerificacionService:
    """Checks of the foliation and acts; read-only."""

    def __init__(self, ctx: Contexto) -> None:
        self.ctx = ctx

    def verificar(self, exp: Expediente) -> ResultadoVerificacion:
        with self.ctx.read() as s:
            return _cargar(s, [exp], self.ctx.blobs, self.ctx.central)[0]

    def verificar_todos(self, progress: Progress = NO_PROGRESS) -> ResumenVerificacion:
        """Check every expediente of the office, reporting progress every :data:`LOTE` expedientes.

        Raises:
            CancelledError: cancelled through ``progress`` (nothing is written either way).
        """
        with self.ctx.read() as s:
            total = s.scalar(select(func.count()).select_from(Expediente)
                             .where(Expediente.office_id == self.ctx.office_id)) or 0
            alterados: list[ResultadoVerificacion] = []
            hechos = 0
            ultimo = ""
            progress.step(0, total, f"Verificando {plural(total, 'expediente')}…")
            while True:
                exps = s.scalars(select(Expediente).where(Expediente.office_id == self.ctx.office_id,
                                                          Expediente.numero > ultimo)
                                 .order_by(Expediente.numero).limit(LOTE)).all()
                if not exps:
                    break
                alterados.extend(r for r in _cargar(s, exps, self.ctx.blobs, self.ctx.central)
                                 if not r.intacta)
                hechos += len(exps)
                ultimo = exps[-1].numero
                s.expunge_all()
                progress.step(hechos, total, f"Verificados {hechos} de {total} expedientes "
                                             f"({plural(len(alterados), 'alterado')})…")
        return ResumenVerificacion(hechos, alterados)
