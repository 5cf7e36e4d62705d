"""An assessment: several answers to questions of the bank graded as one attempt.

The result holds each question's `GradingResult`, the total, and points per skill over
every question, so a platform can report "statistics 7/10, machine learning 12/15".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from grader.bank.question import Bank, Question
from grader.errors import AnswerUnreadable, GraderError
from grader.results import Graded, GradingResult, SkillScore, sum_by_skill


class AssessmentAnswer(BaseModel):
    """One answer of an attempt: inline, or a file next to the assessment file."""

    model_config = ConfigDict(extra="forbid")

    question_id: str = Field(min_length=1, max_length=64)
    answer: str | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _one_answer(self) -> AssessmentAnswer:
        if (self.answer is None) == (self.file is None):
            raise ValueError("give exactly one of answer and file")
        return self


class AssessmentRequest(BaseModel):
    """An attempt: the answers given to a list of questions."""

    model_config = ConfigDict(extra="forbid")

    answers: list[AssessmentAnswer] = Field(min_length=1, max_length=200)


class QuestionOutcome(BaseModel):
    """One question of the attempt and its result."""

    question_id: str
    result: GradingResult


class AssessmentResult(BaseModel):
    """The whole attempt: per question, in total and per skill."""

    schema_version: Literal["1"] = "1"
    score: float
    max_score: float
    skills: dict[str, SkillScore]
    needs_review: bool
    questions: list[QuestionOutcome]


def total_skills(results: list[GradingResult]) -> dict[str, SkillScore]:
    """Points per skill summed over the questions."""
    return sum_by_skill(
        (name, skill.score, skill.max_score)
        for result in results
        for name, skill in result.skills.items()
    )


def grade_assessment(
    bank: Bank, answers: list[tuple[str, str]], *, grade: Callable[[Question, str], Graded]
) -> AssessmentResult:
    """Grade each (question id, answer) and add the results up, per skill too."""
    outcomes = [
        QuestionOutcome(question_id=qid, result=grade(bank.get(qid), answer).result)
        for qid, answer in answers
    ]
    results = [o.result for o in outcomes]
    return AssessmentResult(
        score=round(sum(r.score for r in results), 6),
        max_score=round(sum(r.max_score for r in results), 6),
        skills=total_skills(results),
        needs_review=any(r.needs_review for r in results),
        questions=outcomes,
    )


def read_assessment(path: Path) -> list[tuple[str, str]]:
    """The (question id, answer) pairs of an assessment file; files are read relative to it."""
    try:
        request = AssessmentRequest.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise AnswerUnreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise GraderError(f"{path}: {problems}") from None
    pairs = []
    for item in request.answers:
        if item.file is not None:
            file = path.parent / item.file
            try:
                text = file.read_bytes().decode("utf-8", errors="surrogateescape")
            except OSError as exc:
                raise AnswerUnreadable(
                    f"{path}: cannot read the answer file {file}: {exc.strerror or exc}"
                ) from None
            pairs.append((item.question_id, text))
        else:
            pairs.append((item.question_id, item.answer or ""))
    return pairs


def example() -> str:
    """An assessment file, for the help text."""
    return json.dumps(
        {
            "answers": [
                {"question_id": "ml-imbalance-remedies", "answer": '["resample", "metrics"]'},
                {"question_id": "softmax-stable", "file": "softmax.py"},
            ]
        }
    )
