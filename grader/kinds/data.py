"""What the data kinds (multiple choice, text) share: a result for an answer no program ran for."""

from __future__ import annotations

from grader.bank.question import Question
from grader.results import (
    GradingResult,
    Output,
    Resources,
    TestResult,
    Verdict,
    provenance_of,
    skill_totals,
)

NO_OUTPUT = Output(text="", truncated=False, bytes=0)


def data_result(
    question: Question,
    *,
    tests: list[TestResult],
    verdict: Verdict,
    feedback: str,
    needs_review: bool = False,
) -> GradingResult:
    """A result for a data answer: no program ran, so no output, figures or resources."""
    return GradingResult(
        score=round(sum(t.score for t in tests), 6),
        max_score=question.manifest.points,
        verdict=verdict,
        feedback=feedback,
        tests=tests,
        stdout=NO_OUTPUT,
        stderr=NO_OUTPUT,
        figures=[],
        resources=Resources(wall_ms=0, cpu_ms=0, peak_memory_bytes=None),
        provenance=provenance_of(question),
        needs_review=needs_review,
        skills=skill_totals(tests, list(question.manifest.skills)),
        answer_kind=question.manifest.kind,
    )
