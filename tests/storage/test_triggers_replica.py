"""Every append-only record on a desktop lets the sync's own writes through (design.md §3).

The sync rewrites rows that it already holds: a standalone office joining gives each row the server's office id,
and a pull writes the server's identical copy over the desktop's own. A trigger that refuses those writes blocks
the office's sync (migration 0013 fixed five). Each SQLite trigger that refuses an UPDATE must either let the
replica through (``foja_replica()``) or refuse only a change of some column other than ``office_id``.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from app.services.bootstrap import Servicios


def test_every_update_trigger_lets_the_sync_rewrite_its_rows(servicios: Servicios) -> None:
    with servicios.ctx.engine.connect() as c:
        triggers = c.execute(text(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE UPDATE%'"
        )).all()
    assert len(triggers) >= 10
    bloquean = []
    for nombre, tabla, sql in triggers:
        if tabla == "auditoria":  # the journal never travels: the sync does not write it
            continue
        replica = "NOT foja_replica()" in sql
        solo_si_cambia = re.search(r"WHEN NEW\.\w+ IS NOT OLD\.\w+", sql) is not None and "NEW.office_id" not in sql
        if not (replica or solo_si_cambia):
            bloquean.append(nombre)
    assert bloquean == []
