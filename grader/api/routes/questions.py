"""Questions: the public part of the bank (never tests, solution or expected values)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api.deps import AdminCaller, ReadCaller, ServicesDep
from grader.api.models import Problem, QuestionList, QuestionRegrade
from grader.bank.question import QuestionPublic

router = APIRouter(prefix="/v1/questions", tags=["questions"])


AUTH_PROBLEMS: dict[int | str, dict[str, object]] = {
    401: {"model": Problem, "description": "No API key, or an unknown or revoked one."},
    403: {"model": Problem, "description": "The API key lacks the 'read' scope."},
    429: {"model": Problem, "description": "Too many requests with this key; see Retry-After."},
}


@router.get("", response_model=QuestionList, responses=AUTH_PROBLEMS)
def list_questions(caller: ReadCaller, services: ServicesDep) -> QuestionList:
    data = [q.public() for q in services.bank.all()]
    return QuestionList(data=data, count=len(data))


@router.get(
    "/{question_id}",
    response_model=QuestionPublic,
    responses={404: {"model": Problem}, **AUTH_PROBLEMS},
)
def get_question(question_id: str, caller: ReadCaller, services: ServicesDep) -> QuestionPublic:
    return services.bank.get(question_id).public()


@router.post(
    "/{question_id}/regrade",
    status_code=202,
    response_model=QuestionRegrade,
    responses={404: {"model": Problem}, **AUTH_PROBLEMS},
)
def regrade_question(
    question_id: str, caller: AdminCaller, services: ServicesDep
) -> QuestionRegrade:
    """Grade the tenant's finished submissions to this question again (each gets a new run)."""
    return services.regrade_question(caller=caller, question_id=question_id)
