"""A clock for the service's timers that tests move forward instead of sleeping."""

from __future__ import annotations

import threading
import time


class Clock:
    """Monotonic seconds: real time (or a frozen instant) plus whatever `advance` added."""

    def __init__(self, *, frozen: bool = False) -> None:
        self._frozen = frozen
        self._start = time.monotonic()
        self._offset = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return (self._start if self._frozen else time.monotonic()) + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds
