"""One service process: its stores, workers and webhook dispatcher, and the services the API calls.

`Application` builds every part from the settings, in dependency order, and runs what must
happen when the process starts (schema, bank snapshots, leftovers of a previous process) and
stops. The HTTP layer only asks it for the services it serves.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

import httpx

from grader.bank.question import Bank
from grader.config import Settings
from grader.errors import GraderError
from grader.judge0.service import Judge0Service
from grader.kinds import BackendFor
from grader.metrics import Metrics
from grader.ratelimit import Limiter, RateLimiter
from grader.runtime import Runtime
from grader.sandbox.base import SandboxBackend
from grader.services.assessments import Assessments
from grader.services.attempts import Attempts
from grader.services.auth import Authenticator
from grader.services.exports import Exports
from grader.services.references import ReferenceFigures
from grader.services.regrades import Regrades
from grader.services.reviews import Reviews
from grader.services.scaleout import POLL_SECONDS, ScaleOut
from grader.services.submissions import Submissions
from grader.services.tenants import Tenants
from grader.services.webhooks import WebhookTargets
from grader.store.artifacts import ArtifactStore, DatabaseArtifactStore, DirectoryArtifactStore
from grader.store.assessments import AssessmentStore
from grader.store.db import SubmissionStore, make_engine, utcnow
from grader.store.deliveries import DeliveryStore
from grader.store.questions import QuestionVersionStore
from grader.store.regrade_jobs import RegradeJobStore
from grader.store.reviews import Reviewed, ReviewStore
from grader.store.tenants import DEFAULT_TENANT, TenantStore
from grader.tasks.broker import process_name
from grader.webhooks import RetryPolicy, WebhookDispatcher
from grader.workers import Notifier, WorkerPool

log = logging.getLogger(__name__)

JUDGE0_RUNNER = "python"  # the runner image Judge0 submissions (Python 3, id 71) run in


def remember_bank(bank: Bank, versions: QuestionVersionStore) -> None:
    """Store a snapshot of every question's current version, so it can be regraded later."""
    for question_id in bank.ids():
        try:
            versions.remember(bank.get(question_id))
        except GraderError as exc:  # a broken question must not stop the service
            log.warning("question %s was not snapshotted: %s", question_id, exc)


class Application:
    """The parts of one service process, built from its settings."""

    def __init__(
        self,
        settings: Settings,
        *,
        webhook_body: Callable[[Reviewed], bytes],
        backend_for: BackendFor | None = None,
        engine_ping: Callable[[], bool] | None = None,
        artifacts: ArtifactStore | None = None,
        webhook_transport: httpx.BaseTransport | None = None,
        judge0_backend: Callable[[], SandboxBackend] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`webhook_body` renders a submission for its webhook; `backend_for` (and
        `judge0_backend`, for the Judge0 API's plain programs) replace Docker sandboxes,
        `engine_ping` the engine's readiness check, and `clock` the time that rate limits and
        webhook retries go by (tests pass one they move forward)."""
        self._settings = settings
        self._runtime = Runtime(settings, log=log.info)
        self._own_sandboxes = backend_for is None
        engine = make_engine(settings.database_url)
        self._store = store = SubmissionStore(engine)
        self._tenants = tenants = TenantStore(engine)
        self._deliveries = deliveries = DeliveryStore(engine)
        self._versions = versions = QuestionVersionStore(engine)
        reviews = ReviewStore(engine)
        # With a broker, workers on other hosts write artifacts: keep them in the database.
        self._scale_out = scale_out = (
            ScaleOut.create(settings, engine) if settings.broker_url else None
        )
        artifact_store = artifacts or (
            DatabaseArtifactStore(engine)
            if scale_out
            else DirectoryArtifactStore(settings.artifact_dir)
        )
        self.bank = bank = Bank(settings.bank_dir)
        self.metrics = metrics = Metrics(
            queue_depth=store.queue_depth, process=process_name(settings, "api")
        )
        local = RateLimiter(
            rate=settings.rate_limit_per_second, burst=settings.rate_limit_burst, clock=clock
        )
        limiter: Limiter = local if scale_out is None else scale_out.limiter(local)
        self.auth = Authenticator(
            tenants=tenants, allow_anonymous=settings.allow_anonymous, limiter=limiter
        )
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
            on_failure=lambda _: metrics.webhook_failures.inc(),
            transport=webhook_transport,
            allow_private=settings.webhook_allow_private,
            clock=clock,
        )
        notifier = Notifier()
        self._workers = workers = WorkerPool(
            settings=settings,
            store=store,
            artifacts=artifact_store,
            bank=bank,
            versions=versions,
            backend_for=backend_for or self._runtime.backend_for,
            notifier=notifier,
            on_finished=dispatcher.enqueue,
            on_graded=metrics.graded,
        )
        self.submissions = Submissions(
            settings=settings,
            bank=bank,
            versions=versions,
            store=store,
            reviews=reviews,
            artifacts=artifact_store,
            deliveries=deliveries,
            notifier=notifier,
            wake=workers.poke if scale_out is None else lambda: None,
            on_queued=(lambda _: None) if scale_out is None else scale_out.send,
            poll_seconds=None if scale_out is None else POLL_SECONDS,
        )
        self.reviews = Reviews(store=store, reviews=reviews, on_reviewed=dispatcher.enqueue)
        assessment_store = AssessmentStore(engine)
        self.assessments = Assessments(
            bank=bank, versions=versions, store=assessment_store, submissions=self.submissions
        )
        self.attempts = Attempts(
            store=assessment_store, assessments=self.assessments, submissions=self.submissions
        )
        self.regrades = Regrades(
            bank=bank,
            versions=versions,
            store=store,
            jobs=RegradeJobStore(engine),
            wake=workers.poke if scale_out is None else scale_out.reconciler.poke,
        )
        self.tenants = Tenants(
            tenants=tenants, allow_private_callbacks=settings.webhook_allow_private
        )
        self.exports = Exports(store=store)
        self.references = ReferenceFigures(
            artifacts=artifact_store,
            backend_for=backend_for or self._runtime.backend_for,
            settings=settings,
        )
        self.judge0 = Judge0Service(
            settings=settings,
            backend=judge0_backend or (lambda: self._runtime.backend(JUDGE0_RUNNER)),
            workers=settings.judge0_workers,
            max_queue=settings.judge0_max_queue,
            keep_seconds=settings.judge0_keep_seconds,
        )
        self._engine_ping = engine_ping or self._runtime.ping

    @property
    def dispatcher(self) -> WebhookDispatcher:
        """The process's webhook dispatcher (tests watch it go idle)."""
        return self._dispatcher

    def ready(self) -> dict[str, bool]:
        """Whether each thing the service needs answers now."""
        if self._scale_out is not None:
            # Workers grade elsewhere: this process needs its database and the broker.
            return {"database": self._store.ping(), "broker": self._scale_out.ping()}
        return {"database": self._store.ping(), "docker": self._engine_ping()}

    def migrate(self) -> None:
        """Bring the database to the newest schema (the CLI's commands that write to it)."""
        self._store.create_schema()

    def start(self) -> None:
        """Migrate, snapshot the bank, pick up what a previous process left, start the workers."""
        self._store.create_schema()
        remember_bank(self.bank, self._versions)
        if self._settings.allow_anonymous:
            self._tenants.ensure(DEFAULT_TENANT)
        if self._scale_out is not None:
            # Workers grade, on other hosts too: leases, not start-up requeues, recover their
            # work, and they deliver the webhooks of what they graded.
            self._scale_out.start(self.metrics)
            self._dispatcher.start()
            self.judge0.start()
            return
        requeued = self._store.requeue_running()
        if requeued:
            log.info("requeued %d submissions left running by a previous process", requeued)
        if self._own_sandboxes:
            try:
                removed = self._runtime.remove_leftovers()
                if removed:
                    log.info("removed %d sandboxes left by a previous process", removed)
            except GraderError as exc:
                log.warning("%s", exc)
        self._dispatcher.start()
        # Webhooks owed by a previous process that stopped before delivering them.
        cutoff = utcnow() - timedelta(seconds=self._settings.webhook_retry_seconds)
        for submission_id in self._deliveries.undelivered_since(cutoff):
            self._dispatcher.enqueue(submission_id)
        self._workers.start()
        self.judge0.start()

    def stop(self) -> None:
        """Stop the Judge0 runs and the workers, then the webhook dispatcher."""
        self.judge0.stop()
        if self._scale_out is not None:
            self._scale_out.stop()
        else:
            self._workers.stop()
        self._dispatcher.stop()
