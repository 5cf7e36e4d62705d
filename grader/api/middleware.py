"""HTTP middleware: refuse oversized bodies, tag each request with an id, time each route."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

from grader import logs
from grader.api import problems
from grader.metrics import Metrics

log = logging.getLogger(__name__)

# Room for the JSON around the code: field names, metadata, escapes beyond the code's own.
BODY_OVERHEAD_BYTES = 64 * 1024
# An oversized body is read and thrown away up to this much before the 413 is sent: a client
# that writes the whole body before reading (Python's urllib) then gets the problem, not a
# connection reset. Past it the connection is closed, as a bound on what a client can send.
DRAIN_BYTES = 64 * 1024 * 1024

CallNext = Callable[[Request], Awaitable[Response]]


def max_body_bytes(max_code_bytes: int) -> int:
    """The largest request body read: twice the code (JSON may escape it) and some overhead."""
    return max_code_bytes * 2 + BODY_OVERHEAD_BYTES


def install(app: FastAPI, *, max_body: int, metrics: Metrics) -> None:
    """Add the middleware; the last added runs first, so every answer is tagged and timed."""

    @app.middleware("http")
    async def limit_body(request: Request, call_next: CallNext) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_body):
            if length.isdigit() and int(length) <= DRAIN_BYTES:
                async for _ in request.stream():
                    pass
            response = problems.problem(
                413,
                "payload-too-large",
                "Payload too large",
                f"the request body is larger than {max_body} bytes",
            )
            response.headers["Connection"] = "close"
            return response
        return await call_next(request)

    @app.middleware("http")
    async def tag_request(request: Request, call_next: CallNext) -> Response:
        identifier = logs.new_request_id(request.headers.get("x-request-id"))
        with logs.bound(request=identifier):
            response = await call_next(request)
            log.info("%s %s %s", request.method, request.url.path, response.status_code)
        response.headers["X-Request-ID"] = identifier
        return response

    @app.middleware("http")
    async def measure(request: Request, call_next: CallNext) -> Response:
        began = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        # The route's template, never the raw path: ids would make a series per submission.
        template = getattr(route, "path", "unmatched")
        metrics.request_seconds.labels(
            method=request.method, route=template, status=str(response.status_code)
        ).observe(time.perf_counter() - began)
        return response
