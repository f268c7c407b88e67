"""Row identifiers: UUIDv7, made where the row is born (design.md §2)."""

from __future__ import annotations

import uuid

from uuid6 import uuid7


def new_id() -> uuid.UUID:
    """A time-ordered UUIDv7 (RFC 9562) as a standard :class:`uuid.UUID`."""
    return uuid.UUID(bytes=uuid7().bytes)
