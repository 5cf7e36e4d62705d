"""The one place exceptions become HTTP responses: application/problem+json with a stable type."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from grader.api.models import Problem
from grader.errors import (
    AnswerInvalid,
    AnswerTooLarge,
    ApiKeyNotFound,
    ArtifactNotFound,
    AssessmentInvalid,
    AssessmentNotFound,
    AttemptClosed,
    AttemptNotFound,
    CallbackRefused,
    CsrfRejected,
    GraderError,
    IdempotencyConflict,
    Judge0NeedsBase64,
    Judge0RequestInvalid,
    Judge0SubmissionNotFound,
    PermissionDenied,
    QuestionInvalid,
    QuestionNotFound,
    QuestionVersionNotFound,
    QueueFull,
    RateLimited,
    RegradeJobNotFound,
    ReviewInvalid,
    SubmissionBusy,
    SubmissionNotFound,
    SubmissionNotGraded,
    TenantInvalid,
    Throttled,
    Unauthenticated,
    UnknownQuestion,
)

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://grader.invalid/problems/"


def problem(
    status: int, slug: str, title: str, detail: str, errors: list[dict[str, str]] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE)


_MAPPING: list[tuple[type[GraderError], int, str, str]] = [
    (SubmissionNotFound, 404, "not-found", "Submission not found"),
    (ArtifactNotFound, 404, "not-found", "Artifact not found"),
    (RegradeJobNotFound, 404, "not-found", "Regrade job not found"),
    (QuestionNotFound, 404, "not-found", "Question not found"),
    (UnknownQuestion, 422, "unknown-question", "Unknown question"),
    (QuestionVersionNotFound, 422, "unknown-question-version", "Unknown question version"),
    (QuestionInvalid, 500, "question-invalid", "Question is misconfigured"),
    (AnswerTooLarge, 413, "payload-too-large", "Payload too large"),
    (ApiKeyNotFound, 404, "not-found", "API key not found"),
    (CallbackRefused, 422, "callback-refused", "Callback URL refused"),
    (TenantInvalid, 422, "tenant-invalid", "Invalid tenant"),
    (ReviewInvalid, 422, "validation-error", "Invalid request"),
    (AnswerInvalid, 422, "answer-invalid", "Answer does not fit the question"),
    (AssessmentInvalid, 422, "assessment-invalid", "Invalid assessment"),
    (AssessmentNotFound, 404, "not-found", "Assessment not found"),
    (AttemptNotFound, 404, "not-found", "Attempt not found"),
    (AttemptClosed, 409, "attempt-submitted", "Attempt already submitted"),
    (Judge0SubmissionNotFound, 404, "not-found", "Submission not found"),
    (Judge0RequestInvalid, 422, "validation-error", "Invalid request"),
    (Judge0NeedsBase64, 400, "base64-needed", "Not UTF-8"),
    (Unauthenticated, 401, "unauthenticated", "Authentication required"),
    (PermissionDenied, 403, "forbidden", "Missing scope"),
    (CsrfRejected, 403, "csrf-rejected", "Form refused"),
    (IdempotencyConflict, 409, "idempotency-conflict", "Idempotency key reused"),
    (SubmissionBusy, 409, "submission-busy", "Submission is being graded"),
    (SubmissionNotGraded, 409, "not-graded", "Submission not graded yet"),
    (RateLimited, 429, "rate-limited", "Too many requests"),
    (QueueFull, 503, "queue-full", "Grading queue is full"),
]


_DESCRIPTIONS: dict[int, str] = {
    400: "The body is not valid JSON.",
    401: "No API key, or an unknown or revoked one.",
    403: "The API key lacks the scope this operation needs.",
    404: "Not found (another tenant's submission is not found either).",
    409: "Conflicts with the submission's state.",
    413: "The body or code is too large.",
    422: "A field is missing, unknown or invalid.",
    429: "Too many requests with this key; see Retry-After.",
    503: "The queue is full, or the database cannot be reached; see Retry-After.",
}


def documented(
    *statuses: int, notes: Mapping[int, str] | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these problem statuses, plus 401, 403, 429 and 503 (the
    database unreachable), which every authenticated route may answer; `notes` overrides a
    description."""
    chosen = sorted({*statuses, 401, 403, 429, 503})
    notes = notes or {}
    return {
        status: {"model": Problem, "description": notes.get(status, _DESCRIPTIONS[status])}
        for status in chosen
    }


def problem_for(exc: GraderError) -> Problem | None:
    """The problem a mapped error stands for; None for an unmapped one."""
    for kind, status, slug, title in _MAPPING:
        if isinstance(exc, kind):
            errors = (
                [{"field": exc.field, "message": str(exc)}]
                if isinstance(
                    exc, ReviewInvalid | Judge0RequestInvalid | AnswerInvalid | AssessmentInvalid
                )
                else None
            )
            return Problem(
                type=TYPE_BASE + slug, title=title, status=status, detail=str(exc), errors=errors
            )
    return None


def error_response(exc: GraderError) -> JSONResponse | None:
    """The problem response for a mapped error, with its headers; None for an unmapped one."""
    found = problem_for(exc)
    if found is None:
        return None
    response = JSONResponse(
        found.model_dump(exclude_none=True), status_code=found.status, media_type=MEDIA_TYPE
    )
    if isinstance(exc, Throttled):
        response.headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, Unauthenticated):
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def validation_problem(errors: Iterable[Mapping[str, Any]]) -> Problem:
    """A 422 problem naming each invalid field, from pydantic's errors."""
    found = []
    for err in errors:
        where = _location(tuple(err.get("loc", ())))
        if err.get("type") == "extra_forbidden":
            message = f"unknown field {where!r}"
        else:
            message = f"{where}: {err.get('msg')}"
        found.append({"field": where, "message": message})
    detail = "; ".join(e["message"] for e in found)
    return Problem(
        type=TYPE_BASE + "validation-error",
        title="Invalid request",
        status=422,
        detail=detail,
        errors=found,
    )


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    """Register the exception handlers on the app."""

    @app.exception_handler(GraderError)
    async def grader_error(request: Request, exc: GraderError) -> JSONResponse:
        response = error_response(exc)
        if response is not None:
            return response
        log.error("unmapped grader error: %s", exc)
        return problem(500, "internal", "Internal error", "The grader failed; try again later.")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(err.get("type") == "json_invalid" for err in errors):
            return problem(
                400, "invalid-json", "Invalid JSON", "The request body is not valid JSON."
            )
        found = validation_problem(errors)
        return problem(422, "validation-error", found.title, found.detail, found.errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        response = problem(exc.status_code, slug, str(exc.detail), str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(OperationalError)
    async def database_unavailable(request: Request, exc: OperationalError) -> JSONResponse:
        # The database is restarting or unreachable: nothing was half-written (each request's
        # transaction rolled back), so the client may simply try again.
        log.warning(
            "the database cannot be reached on %s %s: %s",
            request.method,
            request.url.path,
            exc.orig,
        )
        response = problem(
            503,
            "database-unavailable",
            "Database unavailable",
            "The service cannot reach its database right now; retry in a few seconds.",
        )
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(500, "internal", "Internal error", "The grader failed; try again later.")
