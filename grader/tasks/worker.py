"""`grader worker`: a Celery worker that grades submissions by id with its host's Docker engine.

A task carries a submission id only. The worker claims the submission with a lease (a
compare-and-set: a task delivered twice finds it taken or finished and does nothing), renews
the lease while it grades, and writes the result through the claim token, so a redelivered task
never writes a second run or sends a second webhook. A failure on the service's side (the
engine went away, a container could not start) gives the submission back for another attempt.

Celery runs the tasks on threads of one process: a grading waits on its container, and the
threads share the host's engine connection and runner backends as the embedded workers do.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Protocol

from celery import Celery
from celery.platforms import EX_FAILURE
from celery.worker import state as celery_state
from sqlalchemy.exc import OperationalError

from grader.bank.question import Bank
from grader.config import Settings
from grader.kinds import BackendFor
from grader.runtime import Runtime
from grader.services.webhooks import WebhookTargets
from grader.store.artifacts import DatabaseArtifactStore
from grader.store.db import SubmissionRow, SubmissionStore, make_engine, utcnow
from grader.store.deliveries import DeliveryStore
from grader.store.leases import LeaseStore
from grader.store.questions import QuestionVersionStore
from grader.store.reviews import Reviewed, ReviewStore
from grader.store.tenants import TenantStore
from grader.tasks.broker import GRADE_TASK, QUEUE, TaskQueue, make_celery
from grader.webhooks import RetryPolicy, WebhookDispatcher
from grader.workers import Notifier, WorkerPool

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0  # the wait before another attempt, times the attempts made


class GradingWorker:
    """What one worker process needs to grade by id: stores, sandboxes, webhooks, the queue."""

    def __init__(
        self,
        settings: Settings,
        *,
        webhook_body: Callable[[Reviewed], bytes],
        backend_for: BackendFor | None = None,
    ) -> None:
        self._settings = settings
        self._runtime = Runtime(settings, log=log.info)
        engine = make_engine(settings.database_url)
        self.store = store = SubmissionStore(engine)
        self.leases = LeaseStore(engine)
        self._deliveries = deliveries = DeliveryStore(engine)
        tenants = TenantStore(engine)
        reviews = ReviewStore(engine)
        self.celery = make_celery(settings)
        self.queue = TaskQueue(self.celery, on_sent=self.leases.mark_enqueued)
        targets = WebhookTargets(store=store, tenants=tenants, reviews=reviews, body=webhook_body)
        self._dispatcher = dispatcher = WebhookDispatcher(
            policy=RetryPolicy(
                timeout=settings.webhook_timeout_seconds,
                backoff=settings.webhook_backoff_seconds,
                backoff_max=settings.webhook_backoff_max_seconds,
                total=settings.webhook_retry_seconds,
            ),
            deliveries=deliveries,
            target_for=targets.target,
            allow_private=settings.webhook_allow_private,
        )
        self._pool = WorkerPool(
            settings=settings,
            store=store,
            artifacts=DatabaseArtifactStore(engine),
            bank=Bank(settings.bank_dir),
            versions=QuestionVersionStore(engine),
            backend_for=backend_for or self._runtime.backend_for,
            notifier=Notifier(),
            on_finished=dispatcher.enqueue,
            retry=self._give_back,
        )
        self.register(self.celery)

    def register(self, app: Celery) -> None:
        """Register the grading task on `app`."""

        @app.task(  # type: ignore[untyped-decorator]  # Celery ships no type information
            name=GRADE_TASK,
            acks_late=True,
            reject_on_worker_lost=True,
            autoretry_for=(OperationalError,),  # the database is restarting: try again soon
            retry_backoff=1,
            retry_backoff_max=10,
            max_retries=None,
        )
        def grade(submission_id: str) -> None:
            self.grade(submission_id)

    def start(self) -> None:
        """Start the webhook dispatcher, and deliver what a stopped worker still owed."""
        self._dispatcher.start()
        cutoff = utcnow() - timedelta(seconds=self._settings.webhook_retry_seconds)
        for submission_id in self._deliveries.undelivered_since(cutoff):
            self._dispatcher.enqueue(submission_id)

    def stop(self) -> None:
        self._dispatcher.stop()
        self.queue.close()

    def grade(self, submission_id: str) -> bool:
        """Claim and grade one submission; False when it was not queued (nothing to do)."""
        row = self.leases.claim(submission_id, lease_seconds=self._settings.lease_seconds)
        if row is None:
            log.info("submission %s is not queued; task dropped", submission_id)
            return False
        with self._renewing(row):
            self._pool.process(row)
        return True

    @contextmanager
    def _renewing(self, row: SubmissionRow) -> Iterator[None]:
        """Renew the claim's lease every third of its length until the block ends."""
        done = threading.Event()
        token = row.claim_token or ""
        every = self._settings.lease_seconds / 3

        def renew() -> None:
            while not done.wait(every):
                try:
                    if not self.leases.renew(
                        row.id, token, lease_seconds=self._settings.lease_seconds
                    ):
                        if done.is_set():  # the grading finished while this renewed
                            return
                        log.warning("submission %s: the lease was taken over", row.id)
                        return
                except Exception as exc:  # noqa: BLE001  (the database may be restarting)
                    log.warning("submission %s: could not renew the lease: %s", row.id, exc)

        thread = threading.Thread(target=renew, name=f"lease-{row.id[:8]}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join(5.0)

    def _give_back(self, row: SubmissionRow, reason: str) -> bool:
        """Queue the submission for another attempt while it has attempts left."""
        if row.attempts >= self._settings.max_attempts:
            return False
        # Give the engine time to come back, holding the claim (its lease is still renewed):
        # 5 s after the first attempt, 10 s after the second.
        time.sleep(RETRY_SECONDS * row.attempts)
        status = self.leases.give_back(
            row.id, row.claim_token or "", error=reason, max_attempts=self._settings.max_attempts
        )
        if status == "queued":
            self.queue.send([row.id])
        return status == "queued"


class CeleryWorker(Protocol):
    """What `run_worker` needs of a Celery worker: start (returns once it stopped), exit code."""

    exitcode: int | None

    def start(self) -> None: ...


RESTART_WAIT = (1.0, 30.0)  # the first wait before starting a failed Celery worker again, the cap
RESTART_LIMIT = 5  # failures in a row, each within STABLE_SECONDS of its start, before giving up
STABLE_SECONDS = 60.0


def shutdown_requested() -> bool:
    """Whether a signal asked this worker process to stop (warm or cold)."""
    return celery_state.should_stop is not None or celery_state.should_terminate is not None


def run_worker(
    worker: GradingWorker,
    *,
    concurrency: int,
    loglevel: str = "INFO",
    make: Callable[[], CeleryWorker] | None = None,
    stopping: Callable[[], bool] = shutdown_requested,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run the Celery worker until it is stopped (SIGTERM: finish the gradings under way); the
    process's exit code.

    A Celery worker that stops on an error of its own, not on a signal, is started again after
    a wait that doubles up to 30 s: kombu's Redis transport can raise outside the errors Celery
    recovers from while it closes a channel whose connection was lost with tasks unacknowledged
    (a Redis restart mid-grading), and Celery then stops the worker for good, leaving a process
    that looks alive and consumes nothing. The gradings it held are safe either way (their
    leases run out and the reconciler queues them again). Failing 5 times in a row, each within
    a minute of starting, means something else is wrong: exit 1 for the supervisor to see."""

    def celery_worker() -> CeleryWorker:
        started: CeleryWorker = worker.celery.Worker(
            concurrency=concurrency,
            pool="threads",
            queues=[QUEUE],
            loglevel=loglevel,
            without_gossip=True,
            without_mingle=True,
        )
        return started

    make = make or celery_worker
    worker.start()
    failures = 0
    try:
        while True:
            began = clock()
            current = make()
            current.start()
            if stopping() or current.exitcode != EX_FAILURE:
                return 0
            failures = 1 if clock() - began >= STABLE_SECONDS else failures + 1
            if failures >= RESTART_LIMIT:
                log.critical(
                    "the Celery worker failed %d times in a row within %g s of starting; exiting",
                    failures,
                    STABLE_SECONDS,
                )
                return 1
            wait = min(RESTART_WAIT[0] * 2 ** (failures - 1), RESTART_WAIT[1])
            log.error("the Celery worker stopped on an error; starting it again in %g s", wait)
            sleep(wait)
            if stopping():
                return 0
    finally:
        worker.stop()
