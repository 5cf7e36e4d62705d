"""Export a grading result as a Gradescope autograder results.json."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from grader.results import GradingResult, Visibility

GradescopeVisibility = Literal["visible", "hidden", "after_due_date", "after_published"]

VISIBILITY: dict[Visibility, GradescopeVisibility] = {
    "visible": "visible",
    "hidden": "hidden",
    "after_due": "after_due_date",
}


class GradescopeTest(BaseModel):
    """One test case as Gradescope shows it."""

    name: str
    score: float
    max_score: float
    status: Literal["passed", "failed"]
    output: str
    visibility: GradescopeVisibility


class GradescopeResults(BaseModel):
    """A Gradescope results.json: the total, a message, and the tests."""

    score: float
    output: str = Field(description="Shown above the tests: the verdict's feedback sentence.")
    tests: list[GradescopeTest]


def to_gradescope(result: GradingResult) -> GradescopeResults:
    """The result in Gradescope's format; only full marks count as a passed test."""
    return GradescopeResults(
        score=result.score,
        output=result.feedback,
        tests=[
            GradescopeTest(
                name=test.name,
                score=test.score,
                max_score=test.max_score,
                status="passed" if test.status == "passed" else "failed",
                output=test.message,
                visibility=VISIBILITY[test.visibility],
            )
            for test in result.tests
        ],
    )
