"""Row identifiers: UUIDv7, made where the row is born (design.md §2)."""

from __future__ import annotations

import os
import threading
import time
import uuid

_ALEATORIO = 74  # rand_a (12 bits) and rand_b (62 bits) of RFC 9562 §5.7, taken as one number
_TOPE = 1 << _ALEATORIO
_lock = threading.Lock()
_ultimo = (0, 0)  # (milliseconds, random part) of the last id made in this process


def new_id() -> uuid.UUID:
    """A time-ordered UUIDv7 (RFC 9562) as a standard :class:`uuid.UUID`: 48 bits of Unix milliseconds, then
    74 random bits. Ids made in the same millisecond by this process increase (the random part of the
    previous one plus one, RFC 9562 §6.2 method 2), so they sort in the order they were made, and the
    timestamp stays the real one even for thousands of ids a millisecond (an import)."""
    global _ultimo
    ms = time.time_ns() // 1_000_000
    r = int.from_bytes(os.urandom(10), "big") >> (80 - _ALEATORIO)
    with _lock:
        ult_ms, ult_r = _ultimo
        if ms <= ult_ms:  # same millisecond (or the clock went back): continue after the last one
            ms, r = ult_ms, ult_r + 1
            if r >= _TOPE:
                ms, r = ms + 1, r & (_TOPE - 1)
        _ultimo = (ms, r)
    rand_a, rand_b = r >> 62, r & ((1 << 62) - 1)
    return uuid.UUID(int=(ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b)
