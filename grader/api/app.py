"""Assemble the FastAPI app: one Application's services behind routes, middleware and problems."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

import grader
from grader.api import docs, middleware, openapi, presenters, problems
from grader.api.routes import (
    assessments,
    health,
    judge0,
    metrics,
    questions,
    regrade_jobs,
    review_pages,
    reviews,
    submissions,
    tenant,
)
from grader.config import Settings
from grader.kinds import BackendFor
from grader.sandbox.base import SandboxBackend
from grader.services.application import Application
from grader.store.artifacts import ArtifactStore

ROUTERS = (
    health.router,
    metrics.router,
    questions.router,
    regrade_jobs.router,
    submissions.router,
    reviews.router,
    assessments.router,
    assessments.attempts_router,
    tenant.router,
    judge0.router,
    review_pages.router,
)


def create_app(
    settings: Settings,
    *,
    backend_for: BackendFor | None = None,
    engine_ping: Callable[[], bool] | None = None,
    artifacts: ArtifactStore | None = None,
    webhook_transport: httpx.BaseTransport | None = None,
    judge0_backend: Callable[[], SandboxBackend] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> FastAPI:
    """The service; pass `backend_for` (and `judge0_backend`, for the Judge0 API's plain
    programs) to grade with another sandbox backend (tests).

    `clock` times rate limits and webhook retries; tests pass one they move forward.
    """
    application = Application(
        settings,
        webhook_body=presenters.webhook_body,
        backend_for=backend_for,
        engine_ping=engine_ping,
        artifacts=artifacts,
        webhook_transport=webhook_transport,
        judge0_backend=judge0_backend,
        clock=clock,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        application.start()
        try:
            yield
        finally:
            application.stop()

    # Swagger UI and ReDoc with their scripts and styles served by the service itself, so the
    # documentation pages work on a closed network (FastAPI's own load them from a public CDN).
    app = FastAPIOffline(
        title="Grader",
        version=grader.__version__,
        summary="Grades code answers in network-less, resource-limited sandboxes.",
        lifespan=lifespan,
    )
    app.state.application = application
    middleware.install(
        app,
        max_body=middleware.max_body_bytes(settings.max_code_bytes),
        metrics=application.metrics,
    )
    problems.install(app)
    docs.install(app)
    openapi.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/review/static", review_pages.static, name="review-static")
    return app
