"""Keep each expediente's head (:class:`app.storage.models_fiabilidad.AnclaExpediente`) in the writer's own
transaction.

A ``before_flush`` hook, registered ahead of the audit/outbox hook (:mod:`app.storage.tracking`) so that the
head's own insert or update is audited and queued like any row:

- the first folio entry or act of an expediente creates its head; new folio entries move it to the last of
  them (count, folio, hash); new acts add their digest (:func:`app.domain.cadena.hash_acto`) and count.

An expediente is born without a head (a sorteo of thousands of títulos writes no extra rows): no head means
nothing was ever foliated or recorded in it, so a folio, an act, or a stage past SORTEADO without a head is a
cut (:mod:`app.services.verificacion`). What this cannot show locally is an expediente whose only rows were
folios (no act) cut together with its head; the central server's copy of the head shows that.

The head moves forward from its stored value, never from the rows: a later write on a cut expediente does not
make the cut disappear.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, update
from sqlalchemy.orm import Session

from app.common.ids import new_id
from app.domain.cadena import CAMPOS_ACTO, DIGEST_VACIO, hash_acto, sumar_digest
from app.domain.foliacion import GENESIS
from app.storage.models import Expediente, Folio
from app.storage.models_fiabilidad import AnclaExpediente
from app.storage.models_juicio import Acto

log = logging.getLogger(__name__)


def _defaults(obj: Any) -> None:
    # The digest must be computed over what is stored: fill the scalar defaults the caller left unset.
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in state.dict:
            continue
        col = attr.columns[0]
        default = getattr(col, "default", None)
        if default is not None and default.is_scalar:
            setattr(obj, attr.key, default.arg)
        elif default is None and getattr(col, "nullable", False) and not getattr(col, "primary_key", False):
            setattr(obj, attr.key, None)


def campos_acto(a: Any) -> dict[str, Any]:
    return {k: getattr(a, k) for k in CAMPOS_ACTO}


@event.listens_for(Session, "before_flush", insert=True)
def _mover_cabezas(session: Session, _ctx: Any, _instances: Any) -> None:
    nuevos = list(session.new)
    expedientes = {o.id: o for o in nuevos if isinstance(o, Expediente) and o.id is not None}
    folios: dict[uuid.UUID, list[Folio]] = defaultdict(list)
    actos: dict[uuid.UUID, list[Acto]] = defaultdict(list)
    for o in nuevos:
        if isinstance(o, Folio):
            folios[o.expediente_id].append(o)
        elif isinstance(o, Acto):
            actos[o.expediente_id].append(o)
    if not (folios or actos):
        return
    cabezas: dict[uuid.UUID, AnclaExpediente] = {}
    faltan = [i for i in {*folios, *actos} if i not in expedientes]
    if faltan:
        with session.no_autoflush:
            for c in session.scalars(select(AnclaExpediente).where(AnclaExpediente.expediente_id.in_(faltan))):
                cabezas[c.expediente_id] = c
    for exp_id, nuevos_f in folios.items():
        cabeza = _cabeza(session, cabezas, exp_id, nuevos_f[0].office_id, expedientes.get(exp_id))
        nuevos_f.sort(key=lambda f: f.posicion)
        if nuevos_f[0].hash_anterior != cabeza.hash_folio:
            log.warning("la foliación del expediente %s no enlaza con su cabeza anclada", exp_id)
        ultimo = nuevos_f[-1]
        cabeza.folios = (cabeza.folios or 0) + len(nuevos_f)
        cabeza.ultimo_folio = ultimo.hasta
        cabeza.hash_folio = ultimo.hash
    for exp_id, nuevos_a in actos.items():
        cabeza = _cabeza(session, cabezas, exp_id, nuevos_a[0].office_id, expedientes.get(exp_id))
        hashes = []
        for a in nuevos_a:
            if a.id is None:
                a.id = new_id()
            _defaults(a)
            hashes.append(hash_acto(campos_acto(a)))
        cabeza.actos = (cabeza.actos or 0) + len(nuevos_a)
        cabeza.hash_actos = sumar_digest(cabeza.hash_actos or DIGEST_VACIO, hashes)


def _cabeza(session: Session, cabezas: dict[uuid.UUID, AnclaExpediente], exp_id: uuid.UUID,
            _office_id: uuid.UUID, nuevo: Expediente | None) -> AnclaExpediente:
    cabeza = cabezas.get(exp_id)
    if cabeza is None:
        # The first folio or act of this expediente. If rows were there already (the head was cut), the
        # verification reports them: the head starts from zero, not from what is left.
        cabeza = AnclaExpediente(expediente_id=exp_id, folios=0, ultimo_folio=0, hash_folio=GENESIS, actos=0,
                                 hash_actos=DIGEST_VACIO)
        if nuevo is not None:  # born in this flush: the relationship orders the inserts
            cabeza.expediente = nuevo
        session.add(cabeza)
        cabezas[exp_id] = cabeza
    return cabeza


def mover_por_replica(conn: Connection, folios: Sequence[Mapping[str, Any]], actos: Sequence[Mapping[str, Any]],
                      expedientes: Iterable[uuid.UUID]) -> None:
    """Move the heads for rows a pull applied with Core (inside the pull's transaction, after the folios of
    ``expedientes`` were applied and this desktop's provisional ones re-chained).

    ``folios`` and ``actos`` are the rows *inserted* (new to this desktop): each adds to its head's count (and
    an act its digest). The head's last entry is then the expediente's last folio as it now stands: the
    server's final ones plus this desktop's provisional ones after them. Counts move forward, never rebuilt:
    a cut made before the pull still shows.
    """
    tabla = AnclaExpediente.__table__
    por_exp: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    digest: dict[uuid.UUID, list[str]] = defaultdict(list)
    for f in folios:
        por_exp[_uuid(f["expediente_id"])][0] += 1
    for a in actos:
        e = _uuid(a["expediente_id"])
        por_exp[e][1] += 1
        digest[e].append(hash_acto(a))
    tocados = {*por_exp, *(_uuid(e) for e in expedientes)}
    if not tocados:
        return
    actuales = {r.expediente_id: r for r in conn.execute(select(tabla).where(tabla.c.expediente_id.in_(tocados)))}
    for e in tocados:
        n_f, n_a = por_exp.get(e, [0, 0])
        ultimo = conn.execute(select(Folio.hasta, Folio.hash).where(Folio.expediente_id == e)
                              .order_by(Folio.posicion.desc()).limit(1)).first()
        r = actuales.get(e)
        valores = {
            "folios": (r.folios if r else 0) + n_f,
            "ultimo_folio": ultimo[0] if ultimo else (r.ultimo_folio if r else 0),
            "hash_folio": ultimo[1] if ultimo else (r.hash_folio if r else GENESIS),
            "actos": (r.actos if r else 0) + n_a,
            "hash_actos": sumar_digest(r.hash_actos if r else DIGEST_VACIO, digest.get(e, [])),
        }
        if r is None:
            conn.execute(insert(tabla).values(expediente_id=e, **valores))
        else:
            conn.execute(update(tabla).where(tabla.c.expediente_id == e).values(**valores))


def _uuid(v: Any) -> uuid.UUID:
    return v if isinstance(v, uuid.UUID) else uuid.UUID(str(v))
