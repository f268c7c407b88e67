"""Row ids: UUIDv7 with the real time, in the order they were made (design.md §2)."""

from __future__ import annotations

import time
import uuid

from app.common.ids import new_id


def test_ids_are_uuid7_in_the_order_they_were_made_with_the_real_time() -> None:
    antes = time.time_ns() // 1_000_000
    ids = [new_id() for _ in range(50_000)]  # thousands a millisecond, as an import makes them
    despues = time.time_ns() // 1_000_000
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    # The timestamp is the instant it was made, not pushed ahead one millisecond per id.
    assert antes <= ids[0].int >> 80 <= ids[-1].int >> 80 <= despues + 1
    assert len({i.hex for i in ids}) == len(ids)
