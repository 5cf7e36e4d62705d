"""Questions: the public part of the bank (never tests, solution or expected values)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api.deps import ServicesDep
from grader.api.models import Problem, QuestionList
from grader.bank.question import QuestionPublic

router = APIRouter(prefix="/v1/questions", tags=["questions"])


@router.get("", response_model=QuestionList)
def list_questions(services: ServicesDep) -> QuestionList:
    data = [q.public() for q in services.bank.all()]
    return QuestionList(data=data, count=len(data))


@router.get("/{question_id}", response_model=QuestionPublic, responses={404: {"model": Problem}})
def get_question(question_id: str, services: ServicesDep) -> QuestionPublic:
    return services.bank.get(question_id).public()
