"""Submissions: submit an answer, read it back with its result, fetch its artifacts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from grader.api import presenters
from grader.api.deps import (
    AttemptsDep,
    ExportsDep,
    IdempotencyKey,
    ReadCaller,
    RegradesDep,
    SubmissionsDep,
    SubmitCaller,
)
from grader.api.models import (
    BatchCreate,
    BatchItem,
    BatchItemResult,
    BatchResult,
    DeliveryList,
    RegradeCreate,
    RunList,
    SubmissionAccepted,
    SubmissionCreate,
    SubmissionList,
    SubmissionPublic,
    url_text,
)
from grader.api.problems import documented, problem_for, validation_problem
from grader.errors import GraderError
from grader.gradescope import GradescopeResults, to_gradescope
from grader.results import GradingResult
from grader.services.auth import Principal
from grader.services.candidate_view import candidate_view
from grader.services.submissions import Submissions
from grader.store.db import FINISHED, SubmissionRow

router = APIRouter(prefix="/v1/submissions", tags=["submissions"])

READ_PROBLEMS = documented(404)


@router.post(
    "",
    status_code=202,
    response_model=SubmissionAccepted,
    responses={
        200: {"model": SubmissionPublic, "description": "Graded within the wait time (wait=true)."},
        202: {"model": SubmissionAccepted, "description": "Queued; poll the Location."},
        **documented(
            400, 409, 413, 422, 503, notes={409: "Idempotency-Key reused with another body."}
        ),
    },
)
def create_submission(
    body: SubmissionCreate,
    caller: SubmitCaller,
    submissions: SubmissionsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
    wait: Annotated[bool, Query(description="Wait for the result before answering.")] = False,
    timeout: Annotated[
        float, Query(gt=0, le=3600, description="Seconds to wait; capped by the server.")
    ] = 60.0,
) -> JSONResponse | SubmissionAccepted:
    row = _submit(submissions, caller, body, idempotency_key)
    location = f"/v1/submissions/{row.id}"
    if wait:
        waited = submissions.wait(tenant=caller.tenant, submission_id=row.id, timeout=timeout)
        row = waited.submission
        if row.status in FINISHED:
            return JSONResponse(
                presenters.submission(waited).model_dump(mode="json"),
                status_code=200,
                headers={"Location": location},
            )
    response.headers["Location"] = location
    return presenters.accepted(row)


def _submit(
    submissions: Submissions,
    caller: Principal,
    body: SubmissionCreate,
    idempotency_key: str | None,
) -> SubmissionRow:
    """Queue the body's answer for the caller: a repeated idempotency key gives the first."""
    row, _ = submissions.submit(
        tenant=caller.tenant,
        question_id=body.question_id,
        code=body.code,
        choices=body.choices,
        text=body.text,
        metadata=body.metadata,
        callback_url=url_text(body.callback_url),
        idempotency_key=idempotency_key,
    )
    return row


def _submit_item(
    submissions: Submissions, caller: Principal, index: int, raw: Any
) -> BatchItemResult:
    """Queue one item of a batch; a bad item gets its own problem and does not stop the rest."""
    try:
        item = BatchItem.model_validate(raw)
    except ValidationError as exc:
        return BatchItemResult(index=index, status=422, problem=validation_problem(exc.errors()))
    try:
        row = _submit(submissions, caller, item, item.idempotency_key)
    except GraderError as exc:
        found = problem_for(exc)
        if found is None:
            raise
        return BatchItemResult(index=index, status=found.status, problem=found)
    return BatchItemResult(index=index, status=202, submission=presenters.accepted(row))


@router.post(
    "/batch",
    response_model=BatchResult,
    responses={
        200: {"description": "Each item queued (202) or refused with its own problem."},
        **documented(400, 413, 422),
    },
)
def create_batch(
    body: BatchCreate, caller: SubmitCaller, submissions: SubmissionsDep
) -> BatchResult:
    results = [
        _submit_item(submissions, caller, index, raw) for index, raw in enumerate(body.submissions)
    ]
    queued = sum(1 for result in results if result.submission is not None)
    return BatchResult(data=results, count=len(results), accepted=queued)


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/jsonl": {}},
            "description": 'One submission a line: {"id", "question_id", "code", "result"}.',
        },
        **documented(),
    },
)
def export_submissions(
    caller: ReadCaller,
    exports: ExportsDep,
    question_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="Only this question's.")
    ] = None,
) -> StreamingResponse:
    """The tenant's submissions with their current results, for `grader replay`."""
    lines = exports.lines(tenant=caller.tenant, question_id=question_id)
    return StreamingResponse(lines, media_type="application/jsonl")


@router.get("", response_model=SubmissionList, responses=documented(422))
def list_submissions(
    caller: ReadCaller,
    submissions: SubmissionsDep,
    needs_review: Annotated[
        bool | None,
        Query(description="Only completed submissions whose latest result is (not) flagged."),
    ] = None,
    reviewed: Annotated[
        bool | None, Query(description="Only those whose latest run has (no) review.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Submissions to skip.")] = 0,
) -> SubmissionList:
    page, count = submissions.page(
        tenant=caller.tenant,
        needs_review=needs_review,
        reviewed=reviewed,
        limit=limit,
        offset=offset,
    )
    return presenters.submission_list(page, count)


@router.get("/{submission_id}", response_model=SubmissionPublic, responses=READ_PROBLEMS)
def get_submission(
    submission_id: str, caller: ReadCaller, submissions: SubmissionsDep
) -> SubmissionPublic:
    return presenters.submission(submissions.get(tenant=caller.tenant, submission_id=submission_id))


@router.get(
    "/{submission_id}/artifacts/{name}",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "The artifact."},
        **READ_PROBLEMS,
    },
)
def get_artifact(
    submission_id: str, name: str, caller: ReadCaller, submissions: SubmissionsDep
) -> Response:
    data = submissions.artifact(tenant=caller.tenant, submission_id=submission_id, name=name)
    media_type = "image/png" if name.endswith(".png") else "application/octet-stream"
    return Response(content=data, media_type=media_type)


@router.post(
    "/{submission_id}/regrade",
    status_code=202,
    response_model=SubmissionAccepted,
    responses=documented(
        404, 409, 422, notes={409: "Still queued or running.", 422: "Unknown question version."}
    ),
)
def regrade_submission(
    submission_id: str,
    caller: SubmitCaller,
    regrades: RegradesDep,
    response: Response,
    body: RegradeCreate | None = None,
) -> SubmissionAccepted:
    row = regrades.regrade(
        tenant=caller.tenant,
        submission_id=submission_id,
        question_version=body.question_version if body is not None else None,
    )
    response.headers["Location"] = f"/v1/submissions/{row.id}"
    return SubmissionAccepted(id=row.id, status="queued")


@router.get("/{submission_id}/runs", response_model=RunList, responses=READ_PROBLEMS)
def list_runs(submission_id: str, caller: ReadCaller, submissions: SubmissionsDep) -> RunList:
    return presenters.run_list(submissions.runs(tenant=caller.tenant, submission_id=submission_id))


@router.get("/{submission_id}/deliveries", response_model=DeliveryList, responses=READ_PROBLEMS)
def list_deliveries(
    submission_id: str, caller: ReadCaller, submissions: SubmissionsDep
) -> DeliveryList:
    attempts = submissions.deliveries(tenant=caller.tenant, submission_id=submission_id)
    return presenters.delivery_list(attempts)


@router.get(
    "/{submission_id}/result",
    response_model=GradingResult | GradescopeResults,
    responses=documented(404, 409, 422, notes={409: "Not graded yet."}),
)
def get_result(
    submission_id: str,
    caller: ReadCaller,
    submissions: SubmissionsDep,
    attempts: AttemptsDep,
    format: Annotated[
        Literal["json", "gradescope"],
        Query(description="`json`: our result schema; `gradescope`: a Gradescope results.json."),
    ] = "json",
    view: Annotated[
        Literal["full", "candidate"],
        Query(
            description="`candidate`: what the candidate may see: hidden tests folded into one "
            "entry without names or messages, images drawn against the reference and review "
            "reasons removed, after_due tests only after the assessment's due time."
        ),
    ] = "full",
) -> GradingResult | GradescopeResults:
    result = submissions.result(tenant=caller.tenant, submission_id=submission_id)
    if view == "candidate":
        past_due = attempts.past_due_of(tenant=caller.tenant, submission_id=submission_id)
        result = candidate_view(result, past_due=past_due)
    return to_gradescope(result) if format == "gradescope" else result
