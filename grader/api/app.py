"""Assemble the FastAPI app: settings, storage, bank, workers, routes and problem handlers."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
from fastapi import FastAPI, Request, Response

import grader
from grader import logs
from grader.api import openapi, problems
from grader.api.auth import Authenticator
from grader.api.routes import (
    health,
    metrics,
    questions,
    regrade_jobs,
    reviews,
    submissions,
    tenant,
)
from grader.api.services import Services
from grader.bank.question import Bank
from grader.config import Settings
from grader.errors import GraderError
from grader.metrics import Metrics
from grader.ratelimit import RateLimiter
from grader.runtime import Runtime
from grader.store.artifacts import ArtifactStore, DirectoryArtifactStore
from grader.store.db import SubmissionStore, make_engine, utcnow
from grader.store.deliveries import DeliveryStore
from grader.store.questions import QuestionVersionStore
from grader.store.regrade_jobs import RegradeJobStore
from grader.store.reviews import ReviewStore
from grader.store.tenants import DEFAULT_TENANT, TenantStore
from grader.webhooks import RetryPolicy, Target, WebhookDispatcher
from grader.workers import BackendFor, Notifier, WorkerPool

log = logging.getLogger(__name__)

BODY_OVERHEAD_BYTES = 64 * 1024


def remember_bank(bank: Bank, versions: QuestionVersionStore) -> None:
    """Store a snapshot of every question's current version, so it can be regraded later."""
    for question_id in bank.ids():
        try:
            versions.remember(bank.get(question_id))
        except GraderError as exc:  # a broken question must not stop the service
            log.warning("question %s was not snapshotted: %s", question_id, exc)


def create_app(
    settings: Settings,
    *,
    backend_for: BackendFor | None = None,
    engine_ping: Callable[[], bool] | None = None,
    artifacts: ArtifactStore | None = None,
    webhook_transport: httpx.BaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """The service; pass `backend_for` to grade with another sandbox backend (tests).

    `clock` times rate limits and webhook retries; tests pass one they move forward.
    """
    runtime = Runtime(settings, log=log.info)
    engine = make_engine(settings.database_url)
    store = SubmissionStore(engine)
    tenants = TenantStore(engine)
    deliveries = DeliveryStore(engine)
    meters = Metrics(queue_depth=store.queue_depth)
    auth = Authenticator(
        tenants=tenants,
        allow_anonymous=settings.allow_anonymous,
        limiter=RateLimiter(
            rate=settings.rate_limit_per_second, burst=settings.rate_limit_burst, clock=clock
        ),
    )
    bank = Bank(settings.bank_dir)
    versions = QuestionVersionStore(engine)
    notifier = Notifier()
    chosen_backend: BackendFor = backend_for or runtime.backend_for
    artifact_store = artifacts or DirectoryArtifactStore(settings.artifact_dir)

    # The dispatcher asks the services for a submission's target; they exist once assembled.
    def webhook_target(submission_id: str) -> Target | None:
        return services.webhook_target(submission_id)

    dispatcher = WebhookDispatcher(
        policy=RetryPolicy(
            timeout=settings.webhook_timeout_seconds,
            backoff=settings.webhook_backoff_seconds,
            backoff_max=settings.webhook_backoff_max_seconds,
            total=settings.webhook_retry_seconds,
        ),
        deliveries=deliveries,
        target_for=webhook_target,
        on_failure=lambda _: meters.webhook_failures.inc(),
        transport=webhook_transport,
        allow_private=settings.webhook_allow_private,
        clock=clock,
    )
    workers = WorkerPool(
        settings=settings,
        store=store,
        artifacts=artifact_store,
        bank=bank,
        versions=versions,
        backend_for=chosen_backend,
        notifier=notifier,
        on_finished=dispatcher.enqueue,
        on_graded=meters.graded,
    )

    def docker_ping() -> bool:
        try:
            return bool(runtime.client.ping())
        except GraderError:
            return False
        except Exception:  # noqa: BLE001  (readiness answers yes or no)
            return False

    services = Services(
        settings=settings,
        store=store,
        tenants=tenants,
        auth=auth,
        deliveries=deliveries,
        artifacts=artifact_store,
        bank=bank,
        versions=versions,
        regrade_jobs=RegradeJobStore(engine),
        notifier=notifier,
        workers=workers,
        metrics=meters,
        reviews=ReviewStore(engine),
        engine_ping=engine_ping or docker_ping,
        on_reviewed=dispatcher.enqueue,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store.create_schema()
        remember_bank(bank, versions)
        if settings.allow_anonymous:
            tenants.ensure(DEFAULT_TENANT)
        requeued = store.requeue_running()
        if requeued:
            log.info("requeued %d submissions left running by a previous process", requeued)
        if backend_for is None:
            try:
                removed = runtime.remove_leftovers()
                if removed:
                    log.info("removed %d sandboxes left by a previous process", removed)
            except GraderError as exc:
                log.warning("%s", exc)
        dispatcher.start()
        # Webhooks owed by a previous process that stopped before delivering them.
        cutoff = utcnow() - timedelta(seconds=settings.webhook_retry_seconds)
        for submission_id in deliveries.undelivered_since(cutoff):
            dispatcher.enqueue(submission_id)
        workers.start()
        try:
            yield
        finally:
            workers.stop()
            dispatcher.stop()

    app = FastAPI(
        title="Grader",
        version=grader.__version__,
        summary="Grades code answers in network-less, resource-limited sandboxes.",
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.dispatcher = dispatcher
    max_body = settings.max_code_bytes * 2 + BODY_OVERHEAD_BYTES

    @app.middleware("http")
    async def limit_body(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            return problems.problem(
                413,
                "payload-too-large",
                "Payload too large",
                f"the request body is larger than {max_body} bytes",
            )
        return await call_next(request)

    @app.middleware("http")
    async def tag_request(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        identifier = logs.new_request_id(request.headers.get("x-request-id"))
        with logs.bound(request=identifier):
            response = await call_next(request)
            log.info("%s %s %s", request.method, request.url.path, response.status_code)
        response.headers["X-Request-ID"] = identifier
        return response

    @app.middleware("http")
    async def measure(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        began = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        # The route's template, never the raw path: ids would make a series per submission.
        template = getattr(route, "path", "unmatched")
        meters.request_seconds.labels(
            method=request.method, route=template, status=str(response.status_code)
        ).observe(time.perf_counter() - began)
        return response

    problems.install(app)
    openapi.install(app)
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(questions.router)
    app.include_router(regrade_jobs.router)
    app.include_router(submissions.router)
    app.include_router(reviews.router)
    app.include_router(tenant.router)
    return app
