"""Submissions: submit an answer, read it back with its result, fetch its artifacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse

from grader.api.deps import ServicesDep
from grader.api.models import Problem, SubmissionAccepted, SubmissionCreate, SubmissionPublic
from grader.api.services import public

router = APIRouter(prefix="/v1/submissions", tags=["submissions"])

PROBLEMS: dict[int | str, dict[str, object]] = {
    400: {"model": Problem, "description": "The body is not valid JSON."},
    404: {"model": Problem, "description": "No such submission."},
    413: {"model": Problem, "description": "The body or code is too large."},
    422: {"model": Problem, "description": "A field is missing, unknown or invalid."},
}


@router.post(
    "",
    status_code=202,
    response_model=SubmissionAccepted,
    responses={
        200: {"model": SubmissionPublic, "description": "Graded within the wait time (wait=true)."},
        202: {"model": SubmissionAccepted, "description": "Queued; poll the Location."},
        **PROBLEMS,
    },
)
def create_submission(
    body: SubmissionCreate,
    services: ServicesDep,
    response: Response,
    wait: Annotated[bool, Query(description="Wait for the result before answering.")] = False,
    timeout: Annotated[
        float, Query(gt=0, le=3600, description="Seconds to wait; capped by the server.")
    ] = 60.0,
) -> JSONResponse | SubmissionAccepted:
    row = services.submit(question_id=body.question_id, code=body.code, metadata=body.metadata)
    location = f"/v1/submissions/{row.id}"
    if wait:
        finished = services.wait(row.id, timeout)
        if finished.status in ("completed", "failed"):
            return JSONResponse(
                public(finished).model_dump(mode="json"),
                status_code=200,
                headers={"Location": location},
            )
    response.headers["Location"] = location
    return SubmissionAccepted(id=row.id, status="queued")


@router.get("/{submission_id}", response_model=SubmissionPublic, responses=PROBLEMS)
def get_submission(submission_id: str, services: ServicesDep) -> SubmissionPublic:
    return public(services.store.get(submission_id))


@router.get(
    "/{submission_id}/artifacts/{name}",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "The artifact."}, **PROBLEMS},
)
def get_artifact(submission_id: str, name: str, services: ServicesDep) -> Response:
    services.store.get(submission_id)
    data = services.artifacts.get(submission_id, name)
    media_type = "image/png" if name.endswith(".png") else "application/octet-stream"
    return Response(content=data, media_type=media_type)
