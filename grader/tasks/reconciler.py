"""The reconciler: a thread in every API process that, one process at a time (a database lock),
queues again the submissions that lost their worker or their task."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from grader.store.leases import LeaseStore, Reconciled
from grader.tasks.broker import TaskQueue

log = logging.getLogger(__name__)


class Reconciler:
    """Every `period` seconds, or when poked: expired leases back to the queue (or failed once
    out of attempts), then a task for each queued submission none was sent for lately."""

    def __init__(
        self,
        *,
        leases: LeaseStore,
        queue: TaskQueue,
        period: float,
        stale_after: float,
        max_attempts: int,
        on_reconciled: Callable[[Reconciled], None] = lambda _: None,
    ) -> None:
        self._leases = leases
        self._queue = queue
        self._period = period
        self._stale_after = stale_after
        self._max_attempts = max_attempts
        self._on_reconciled = on_reconciled
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="grader-reconciler", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def poke(self) -> None:
        """Reconcile now (after a regrade queued submissions)."""
        self._wake.set()

    def run_once(self) -> Reconciled:
        """One reconciliation; what it did."""
        done = self._leases.reconcile(
            stale_after=self._stale_after, max_attempts=self._max_attempts
        )
        if done.expired:
            log.warning(
                "%d leases expired: %d queued again, %d failed after %d attempts",
                done.expired,
                done.expired - done.failed,
                done.failed,
                self._max_attempts,
            )
        unsent = self._queue.send(list(done.enqueue)) if done.enqueue else []
        if unsent:
            self._leases.forget_enqueued(unsent)
        self._on_reconciled(done)
        return done

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception as exc:  # noqa: BLE001  (the database may be restarting: try again)
                log.warning("reconciliation failed, retrying in %g s: %s", self._period, exc)
            self._wake.wait(self._period)
            self._wake.clear()
