"""Questions: the public part of the bank (never tests, solution or expected values)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from grader.api import presenters
from grader.api.deps import AdminCaller, BankDep, ReadCaller, RegradesDep
from grader.api.models import QuestionList, RegradeCreate, RegradeJobAccepted
from grader.api.problems import documented
from grader.bank.question import QuestionPublic

router = APIRouter(prefix="/v1/questions", tags=["questions"])


@router.get("", response_model=QuestionList, responses=documented())
def list_questions(caller: ReadCaller, bank: BankDep) -> QuestionList:
    """Every question's public view; each carries the fields of its `kind` only."""
    data = [q.public() for q in bank.all()]
    return QuestionList(data=data, count=len(data))


@router.get(
    "/{question_id}",
    response_model=QuestionPublic,
    responses=documented(404),
)
def get_question(question_id: str, caller: ReadCaller, bank: BankDep) -> QuestionPublic:
    """A question's public view, by its `kind`: `code` has its language, starter and limits;
    `multiple_choice` its options (never which are correct) and whether several may be
    chosen; `text` only the prompt."""
    return bank.get(question_id).public()


@router.post(
    "/{question_id}/regrade",
    status_code=202,
    response_model=RegradeJobAccepted,
    responses=documented(404, 422, notes={422: "Unknown question version."}),
)
def regrade_question(
    question_id: str,
    caller: AdminCaller,
    regrades: RegradesDep,
    response: Response,
    body: RegradeCreate | None = None,
) -> RegradeJobAccepted:
    """Grade the tenant's finished submissions to this question again, as a job to follow.

    Each submission gets a new run; `Location` names the job, whose summary says what changed.
    """
    job = regrades.regrade_question(
        tenant=caller.tenant,
        question_id=question_id,
        question_version=body.question_version if body is not None else None,
    )
    response.headers["Location"] = f"/v1/regrade-jobs/{job.id}"
    return presenters.regrade_accepted(job)
