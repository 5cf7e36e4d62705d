"""The reviewer's pages under /review: the queue, a submission, the review form, sign-in.

Server-rendered, no JavaScript; everything the pages load is served here. A page's caller is
the signed-in key (which needs the `review` scope), or the anonymous development caller.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

from grader.api.deps import application
from grader.api.models import ReviewCreate
from grader.api.web import pages, session
from grader.errors import (
    ArtifactNotFound,
    AssessmentNotFound,
    CsrfRejected,
    GraderError,
    PermissionDenied,
    RateLimited,
    ReviewInvalid,
    SubmissionNotFound,
    SubmissionNotGraded,
    Unauthenticated,
)
from grader.services.application import Application
from grader.services.auth import Principal

WEB = Path(__file__).resolve().parent.parent / "web"
templates_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(WEB / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)

router = APIRouter(prefix="/review", include_in_schema=False)
static = StaticFiles(directory=WEB / "static")

PNG = "image/png"
# The pages are only ever framed by nobody and load only what this site serves.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; style-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


AppDep = Annotated[Application, Depends(application)]


def _render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    token = session.csrf_token(request)
    body = templates_env.get_template(name).render(
        {"csrf_token": token, "caller": None, "signed_in": False, **context}
    )
    response = HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)
    session.remember_csrf(request, response)
    return response


def _error(request: Request, status: int, title: str, detail: str, **context: Any) -> HTMLResponse:
    return _render(
        request, "error.html", {"title": title, "detail": detail, **context}, status=status
    )


def _caller(request: Request, app: Application) -> Principal | None:
    """The signed-in reviewer, the anonymous development caller, or None (sign in first)."""
    key = session.signed_in_key(request)
    try:
        principal = app.auth.authenticate(key)
    except Unauthenticated:
        return None
    app.auth.authorize(principal, ["review"])
    app.auth.throttle(principal)
    return principal


def _to_sign_in() -> RedirectResponse:
    response = RedirectResponse("/review/sign-in", status_code=303)
    session.sign_out(response)
    return response


def _failure(request: Request, exc: GraderError, caller: Principal | None) -> Response:
    context = {"caller": caller, "signed_in": session.signed_in_key(request) is not None}
    if isinstance(exc, SubmissionNotFound | ArtifactNotFound | AssessmentNotFound):
        return _error(request, 404, "Not found", str(exc), **context)
    if isinstance(exc, PermissionDenied):
        return _error(request, 403, "Not allowed", str(exc), **context)
    if isinstance(exc, CsrfRejected):
        return _error(request, 403, "Form refused", str(exc), **context)
    if isinstance(exc, RateLimited):
        response = _error(request, 429, "Too many requests", str(exc), **context)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    raise exc


@router.get("", response_class=HTMLResponse)
def queue(
    request: Request,
    app: AppDep,
    view: Annotated[str, Query()] = "awaiting",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return _to_sign_in()
        if view not in pages.VIEWS:
            view = "awaiting"
        shown = pages.queue(app, caller=caller, view=view, page=page)
        assessments = pages.assessment_links(app, caller=caller)
    except GraderError as exc:
        return _failure(request, exc, caller)
    return _render(
        request,
        "queue.html",
        {
            "queue": shown,
            "assessments": assessments,
            "views": pages.VIEWS,
            "caller": caller,
            "signed_in": session.signed_in_key(request) is not None,
        },
    )


@router.get("/assessments/{assessment_id}", response_class=HTMLResponse)
def assessment(request: Request, app: AppDep, assessment_id: str) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return _to_sign_in()
        shown = pages.assessment(app, caller=caller, assessment_id=assessment_id)
    except GraderError as exc:
        return _failure(request, exc, caller)
    return _render(
        request,
        "assessment.html",
        {
            "page": shown,
            "caller": caller,
            "signed_in": session.signed_in_key(request) is not None,
        },
    )


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request) -> Response:
    return _render(request, "sign_in.html", {"error": None})


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    app: AppDep,
    key: Annotated[str, Form(max_length=512)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    try:
        session.check_csrf(request, csrf_token)
    except CsrfRejected as exc:
        return _render(request, "sign_in.html", {"error": str(exc)}, status=403)
    try:
        if not key.strip():
            raise Unauthenticated("enter an API key with the review scope")
        principal = app.auth.authenticate(key.strip())
        app.auth.authorize(principal, ["review"])
        app.auth.throttle(principal)
    except (Unauthenticated, PermissionDenied) as exc:
        return _render(request, "sign_in.html", {"error": str(exc)}, status=401)
    except RateLimited as exc:
        return _render(request, "sign_in.html", {"error": str(exc)}, status=429)
    response = RedirectResponse("/review", status_code=303)
    session.sign_in(request, response, key.strip())
    return response


@router.post("/sign-out")
def sign_out(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    try:
        session.check_csrf(request, csrf_token)
    except CsrfRejected as exc:
        return _error(request, 403, "Form refused", str(exc))
    return _to_sign_in()


def _submission_page(
    request: Request,
    app: AppDep,
    caller: Principal,
    submission_id: str,
    *,
    status: int = 200,
    **context: Any,
) -> Response:
    shown = pages.submission(app, caller=caller, submission_id=submission_id)
    return _render(
        request,
        "submission.html",
        {
            "page": shown,
            "caller": caller,
            "signed_in": session.signed_in_key(request) is not None,
            "reviewed": False,
            "form": None,
            "form_error": None,
            "form_field": None,
            **context,
        },
        status=status,
    )


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
def submission(
    request: Request,
    app: AppDep,
    submission_id: str,
    reviewed: Annotated[bool, Query()] = False,
) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return _to_sign_in()
        return _submission_page(request, app, caller, submission_id, reviewed=reviewed)
    except GraderError as exc:
        return _failure(request, exc, caller)


@router.post("/submissions/{submission_id}/review", response_class=HTMLResponse)
def review(
    request: Request,
    app: AppDep,
    submission_id: str,
    score: Annotated[str, Form(max_length=64)] = "",
    comment: Annotated[str, Form(max_length=20_000)] = "",
    reviewer: Annotated[str, Form(max_length=1000)] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return _to_sign_in()
        session.check_csrf(request, csrf_token)
        form = {"score": score, "comment": comment, "reviewer": reviewer}
        try:
            body = ReviewCreate.model_validate(
                {"score": score.strip(), "comment": comment, "reviewer": reviewer.strip()}
            )
            # The same service call as POST /v1/submissions/{id}/review.
            app.reviews.review(
                tenant=caller.tenant,
                api_key_id=caller.key_id,
                submission_id=submission_id,
                score=body.score,
                comment=body.comment,
                reviewer=body.reviewer,
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = str(first["loc"][0]) if first["loc"] else "score"
            message = _form_message(where, str(first["msg"]))
            return _submission_page(
                request,
                app,
                caller,
                submission_id,
                status=422,
                form=form,
                form_error=message,
                form_field=where,
            )
        except ReviewInvalid as exc:
            return _submission_page(
                request,
                app,
                caller,
                submission_id,
                status=422,
                form=form,
                form_error=str(exc),
                form_field=exc.field,
            )
        except SubmissionNotGraded as exc:
            return _submission_page(
                request,
                app,
                caller,
                submission_id,
                status=409,
                form=form,
                form_error=str(exc),
                form_field=None,
            )
    except GraderError as exc:
        return _failure(request, exc, caller)
    return RedirectResponse(f"/review/submissions/{submission_id}?reviewed=true", status_code=303)


def _form_message(field: str, message: str) -> str:
    hints = {
        "score": "enter a number of points, such as 4 or 2.5",
        "reviewer": "enter your name or e-mail address",
        "comment": "shorten the comment",
    }
    return f"{field.capitalize()}: {message.rstrip('.')}; {hints.get(field, 'correct it')}."


@router.get("/submissions/{submission_id}/artifacts/{name}")
def artifact(request: Request, app: AppDep, submission_id: str, name: str) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return Response(status_code=401)
        data = app.submissions.artifact(
            tenant=caller.tenant, submission_id=submission_id, name=name
        )
    except GraderError as exc:
        return _failure(request, exc, caller)
    return Response(data, media_type=PNG, headers={"Cache-Control": "private, max-age=3600"})


@router.get("/references/{question_id}/{version}/{name}")
def reference(request: Request, app: AppDep, question_id: str, version: str, name: str) -> Response:
    caller: Principal | None = None
    try:
        caller = _caller(request, app)
        if caller is None:
            return Response(status_code=401)
        data = app.references.png(question_id, version, name)
    except GraderError as exc:
        return _failure(request, exc, caller)
    return Response(data, media_type=PNG, headers={"Cache-Control": "private, max-age=86400"})
