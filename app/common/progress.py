"""Progress reporting and cancellation for long work, free of any UI toolkit.

A service receives a :class:`Progress` and calls :meth:`Progress.step` as it goes. When the user
cancels, the next ``step`` raises :class:`~app.common.errors.CancelledError`; the service's
transaction then rolls back, so a cancelled task writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.common.errors import CancelledError

Callback = Callable[[int, int, str], None]


class Progress:
    def __init__(self, callback: Callback | None = None, cancel: threading.Event | None = None) -> None:
        self._callback = callback
        self.cancel_event = cancel or threading.Event()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` units; raise CancelledError if cancellation was asked."""
        if self.cancel_event.is_set():
            raise CancelledError()
        if self._callback is not None:
            self._callback(done, total, message)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


NO_PROGRESS = Progress()
