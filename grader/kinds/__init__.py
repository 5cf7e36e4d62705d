"""Kinds of question whose answers are data, graded in the service without a sandbox.

Code answers are run in a sandbox (`grader.grading`); multiple-choice and text answers are
plain data and are scored here, returning the same `GradingResult` schema.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import grader
from grader.bank.question import Question
from grader.config import Settings
from grader.results import (
    GradingResult,
    Output,
    Provenance,
    Resources,
    TestResult,
    Verdict,
    skill_totals,
)
from grader.sandbox.base import SandboxBackend

if TYPE_CHECKING:
    from grader.grading import Graded


def empty_output() -> Output:
    return Output(text="", truncated=False, bytes=0)


def data_result(
    question: Question,
    *,
    tests: list[TestResult],
    verdict: Verdict,
    feedback: str,
    needs_review: bool = False,
) -> GradingResult:
    """A result for a data answer: no program ran, so no output, figures or resources."""
    kind = question.manifest.kind
    return GradingResult(
        score=round(sum(t.score for t in tests), 6),
        max_score=question.manifest.points,
        verdict=verdict,
        feedback=feedback,
        tests=tests,
        stdout=empty_output(),
        stderr=empty_output(),
        figures=[],
        resources=Resources(wall_ms=0, cpu_ms=0, peak_memory_bytes=None),
        provenance=Provenance(
            question_id=question.id,
            question_version=question.version,
            runner_image="",
            runner_image_id="",
            grader_version=grader.__version__,
        ),
        needs_review=needs_review,
        skills=skill_totals(tests, list(question.manifest.skills)),
        answer_kind=kind,
    )


def grade_data_answer(question: Question, answer: str) -> GradingResult:
    """Grade a multiple-choice or text answer; never raises for the candidate's answer."""
    from grader.kinds import multiple_choice, text

    if question.manifest.multiple_choice is not None:
        return multiple_choice.grade(question, question.manifest.multiple_choice, answer)
    if question.manifest.text is not None:
        return text.grade(question, question.manifest.text, answer)
    raise ValueError(f"question {question.id} of kind {question.kind} is not a data question")


def grade_answer(
    question: Question,
    answer: str,
    *,
    backend_for: Callable[[Question], SandboxBackend],
    settings: Settings,
) -> Graded:
    """Grade any kind of answer; a sandbox backend is only asked for when code must run."""
    from grader.grading import Graded, grade

    if question.manifest.kind != "code":
        return Graded(grade_data_answer(question, answer))
    return grade(question, answer, backend=backend_for(question), settings=settings)
