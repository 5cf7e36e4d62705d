"""The hiring flow: assessments, candidates' attempts and typed answers, ranking, near-copies."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from grader.api import presenters
from grader.api.assessment_models import (
    AnswerAccepted,
    AnswerPut,
    AssessmentCreate,
    AssessmentList,
    AssessmentPublic,
    AttemptCreate,
    AttemptPublic,
    RankingList,
    SimilarityList,
)
from grader.api.deps import AssessmentsDep, AttemptsDep, ReadCaller, SubmitCaller
from grader.api.problems import documented
from grader.services.assessments import AssessmentSpec
from grader.services.ranking import to_csv
from grader.services.similarity import THRESHOLD

router = APIRouter(prefix="/v1/assessments", tags=["assessments"])
attempts_router = APIRouter(prefix="/v1/attempts", tags=["attempts"])

View = Annotated[
    Literal["full", "candidate"],
    Query(
        description="`candidate`: hidden tests folded into one entry, reference images, review "
        "reasons and hiring signals removed, after_due tests only after the due time."
    ),
]


@router.post(
    "",
    status_code=201,
    response_model=AssessmentPublic,
    responses=documented(
        400,
        422,
        notes={
            422: "`validation-error`: a field is invalid; `unknown-question`: a question is "
            "not in the bank; `assessment-invalid`: a question listed twice, or a requirement "
            "on a skill no question measures."
        },
    ),
)
def create_assessment(
    body: AssessmentCreate, caller: SubmitCaller, assessments: AssessmentsDep, response: Response
) -> AssessmentPublic:
    view = assessments.create(
        tenant=caller.tenant,
        spec=AssessmentSpec(
            title=body.title,
            questions=[(q.question_id, q.weight) for q in body.questions],
            requirements=body.requirements,
            due_at=body.due_at,
        ),
    )
    response.headers["Location"] = f"/v1/assessments/{view.row.id}"
    return presenters.assessment(view)


@router.get("", response_model=AssessmentList, responses=documented(422))
def list_assessments(
    caller: ReadCaller,
    assessments: AssessmentsDep,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Assessments to skip.")] = 0,
) -> AssessmentList:
    views, count = assessments.page(tenant=caller.tenant, limit=limit, offset=offset)
    return presenters.assessment_list(views, count)


@router.get("/{assessment_id}", response_model=AssessmentPublic, responses=documented(404))
def get_assessment(
    assessment_id: str, caller: ReadCaller, assessments: AssessmentsDep
) -> AssessmentPublic:
    return presenters.assessment(assessments.get(tenant=caller.tenant, assessment_id=assessment_id))


@router.post(
    "/{assessment_id}/attempts",
    status_code=201,
    response_model=AttemptPublic,
    responses=documented(
        400,
        404,
        422,
        notes={404: "`not-found`: no such assessment (another tenant's is not found either)."},
    ),
)
def create_attempt(
    assessment_id: str,
    body: AttemptCreate,
    caller: SubmitCaller,
    attempts: AttemptsDep,
    response: Response,
) -> AttemptPublic:
    row = attempts.start(
        tenant=caller.tenant,
        assessment_id=assessment_id,
        candidate=body.candidate,
        metadata=body.metadata,
    )
    response.headers["Location"] = f"/v1/attempts/{row.id}"
    return presenters.attempt(attempts.get(tenant=caller.tenant, attempt_id=row.id))


@router.get(
    "/{assessment_id}/ranking",
    response_model=RankingList,
    responses={
        200: {
            "content": {"text/csv": {}},
            "description": "The ranking; with format=csv, one CSV row per attempt.",
        },
        **documented(404, 422),
    },
)
def get_ranking(
    assessment_id: str,
    caller: ReadCaller,
    assessments: AssessmentsDep,
    meets_requirements: Annotated[
        bool | None, Query(description="Only attempts that meet (or miss) the requirements.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size.")] = 100,
    offset: Annotated[int, Query(ge=0, description="Rows to skip.")] = 0,
    format: Annotated[
        Literal["json", "csv"], Query(description="`csv`: the whole ranking for spreadsheets.")
    ] = "json",
) -> RankingList | Response:
    view, rows = assessments.ranking(
        tenant=caller.tenant, assessment_id=assessment_id, meets_requirements=meets_requirements
    )
    if format == "csv":
        return Response(
            content=to_csv(rows[offset : offset + limit], list(view.skills)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="ranking-{view.row.id}.csv"'},
        )
    return presenters.ranking_list(rows, limit=limit, offset=offset)


@router.get("/{assessment_id}/similarity", response_model=SimilarityList, responses=documented(404))
def get_similarity(
    assessment_id: str, caller: ReadCaller, assessments: AssessmentsDep
) -> SimilarityList:
    matches = assessments.near_copies(tenant=caller.tenant, assessment_id=assessment_id)
    return presenters.similarity_list(matches, threshold=THRESHOLD)


@attempts_router.get("/{attempt_id}", response_model=AttemptPublic, responses=documented(404, 422))
def get_attempt(
    attempt_id: str, caller: ReadCaller, attempts: AttemptsDep, view: View = "full"
) -> AttemptPublic:
    report = attempts.get(tenant=caller.tenant, attempt_id=attempt_id)
    return presenters.attempt(report, candidate=view == "candidate")


@attempts_router.put(
    "/{attempt_id}/answers/{question_id}",
    status_code=202,
    response_model=AnswerAccepted,
    responses=documented(
        400,
        404,
        409,
        413,
        422,
        503,
        notes={
            404: "`not-found`: no such attempt, or the question is not part of its assessment.",
            409: "`attempt-submitted`: the attempt was submitted; answers can no longer change.",
            413: "`payload-too-large`: the answer is larger than the service accepts.",
            422: "`validation-error`: not exactly one of code, choices and text; "
            "`answer-invalid`: the wrong field for the question's kind, an unknown or "
            "repeated option, an empty list.",
            503: "`queue-full`: too many answers wait to be graded; see Retry-After.",
        },
    ),
)
def put_answer(
    attempt_id: str,
    question_id: str,
    body: AnswerPut,
    caller: SubmitCaller,
    attempts: AttemptsDep,
    response: Response,
) -> AnswerAccepted:
    row = attempts.answer(
        tenant=caller.tenant,
        attempt_id=attempt_id,
        question_id=question_id,
        code=body.code,
        choices=body.choices,
        text=body.text,
    )
    response.headers["Location"] = f"/v1/submissions/{row.id}"
    return AnswerAccepted(
        attempt_id=attempt_id,
        question_id=question_id,
        submission_id=row.id,
        status=row.status,  # type: ignore[arg-type]  # constrained by the store's writes
    )


@attempts_router.post(
    "/{attempt_id}/submit",
    status_code=202,
    response_model=AttemptPublic,
    responses=documented(
        404,
        409,
        notes={
            404: "`not-found`: no such attempt (another tenant's is not found either).",
            409: "`attempt-submitted`: the attempt was already submitted.",
        },
    ),
)
def submit_attempt(attempt_id: str, caller: SubmitCaller, attempts: AttemptsDep) -> AttemptPublic:
    return presenters.attempt(attempts.submit(tenant=caller.tenant, attempt_id=attempt_id))
