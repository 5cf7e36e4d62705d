"""Submissions: submit an answer, read it back with its result, fetch its artifacts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse, StreamingResponse

from grader.api.deps import IdempotencyKey, ReadCaller, ServicesDep, SubmitCaller
from grader.api.models import (
    BatchCreate,
    BatchResult,
    DeliveryList,
    RegradeCreate,
    RunList,
    SubmissionAccepted,
    SubmissionCreate,
    SubmissionList,
    SubmissionPublic,
)
from grader.api.problems import documented
from grader.gradescope import GradescopeResults, to_gradescope
from grader.results import GradingResult

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
    services: ServicesDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
    wait: Annotated[bool, Query(description="Wait for the result before answering.")] = False,
    timeout: Annotated[
        float, Query(gt=0, le=3600, description="Seconds to wait; capped by the server.")
    ] = 60.0,
) -> JSONResponse | SubmissionAccepted:
    row, _ = services.submit(caller=caller, body=body, idempotency_key=idempotency_key)
    location = f"/v1/submissions/{row.id}"
    if wait:
        row = services.wait(caller=caller, submission_id=row.id, timeout=timeout)
        if row.status in ("completed", "failed"):
            return JSONResponse(
                services.present(row).model_dump(mode="json"),
                status_code=200,
                headers={"Location": location},
            )
    response.headers["Location"] = location
    return SubmissionAccepted(id=row.id, status=row.status)  # type: ignore[arg-type]  # stored


@router.post(
    "/batch",
    response_model=BatchResult,
    responses={
        200: {"description": "Each item queued (202) or refused with its own problem."},
        **documented(400, 413, 422),
    },
)
def create_batch(body: BatchCreate, caller: SubmitCaller, services: ServicesDep) -> BatchResult:
    return services.submit_batch(caller=caller, items=body.submissions)


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
    services: ServicesDep,
    question_id: Annotated[
        str | None, Query(min_length=1, max_length=64, description="Only this question's.")
    ] = None,
) -> StreamingResponse:
    """The tenant's submissions with their current results, for `grader replay`."""
    lines = services.export(caller=caller, question_id=question_id)
    return StreamingResponse(lines, media_type="application/jsonl")


@router.get("", response_model=SubmissionList, responses=documented(422))
def list_submissions(
    caller: ReadCaller,
    services: ServicesDep,
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
    return services.list_submissions(
        caller=caller, needs_review=needs_review, reviewed=reviewed, limit=limit, offset=offset
    )


@router.get("/{submission_id}", response_model=SubmissionPublic, responses=READ_PROBLEMS)
def get_submission(
    submission_id: str, caller: ReadCaller, services: ServicesDep
) -> SubmissionPublic:
    return services.submission(caller=caller, submission_id=submission_id)


@router.get(
    "/{submission_id}/artifacts/{name}",
    response_class=Response,
    responses={
        200: {"content": {"image/png": {}}, "description": "The artifact."},
        **READ_PROBLEMS,
    },
)
def get_artifact(
    submission_id: str, name: str, caller: ReadCaller, services: ServicesDep
) -> Response:
    data = services.artifact(caller=caller, submission_id=submission_id, name=name)
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
    services: ServicesDep,
    response: Response,
    body: RegradeCreate | None = None,
) -> SubmissionAccepted:
    version = body.question_version if body is not None else None
    row = services.regrade(caller=caller, submission_id=submission_id, question_version=version)
    response.headers["Location"] = f"/v1/submissions/{row.id}"
    return SubmissionAccepted(id=row.id, status="queued")


@router.get("/{submission_id}/runs", response_model=RunList, responses=READ_PROBLEMS)
def list_runs(submission_id: str, caller: ReadCaller, services: ServicesDep) -> RunList:
    return services.runs(caller=caller, submission_id=submission_id)


@router.get("/{submission_id}/deliveries", response_model=DeliveryList, responses=READ_PROBLEMS)
def list_deliveries(submission_id: str, caller: ReadCaller, services: ServicesDep) -> DeliveryList:
    return services.delivery_attempts(caller=caller, submission_id=submission_id)


@router.get(
    "/{submission_id}/result",
    response_model=GradingResult | GradescopeResults,
    responses=documented(404, 409, 422, notes={409: "Not graded yet."}),
)
def get_result(
    submission_id: str,
    caller: ReadCaller,
    services: ServicesDep,
    format: Annotated[
        Literal["json", "gradescope"],
        Query(description="`json`: our result schema; `gradescope`: a Gradescope results.json."),
    ] = "json",
) -> GradingResult | GradescopeResults:
    result = services.result(caller=caller, submission_id=submission_id)
    return to_gradescope(result) if format == "gradescope" else result
