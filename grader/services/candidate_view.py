"""The candidate-safe view of a result: what a platform may show the person who answered.

- hidden tests are folded into one entry, `hidden tests`, with their points summed and no
  names or messages; `after_due` tests are folded in too until the due time has passed;
- images the tests attached are removed: they are pixel-check diffs, drawn against the
  reference solution's figure, so they show the reference;
- review reasons (the grader's notes to reviewers) and the confidence are removed.

Everything else (the candidate's own output and figures, visible tests, the score) stays.
"""

from __future__ import annotations

from grader.results import GradingResult, TestResult, TestStatus

HIDDEN_NAME = "hidden tests"


def _status(score: float, max_score: float) -> TestStatus:
    if score >= max_score:
        return "passed"
    return "failed" if score <= 0 else "partial"


def candidate_view(result: GradingResult, *, past_due: bool) -> GradingResult:
    """The result as the candidate may see it; `past_due` shows the after_due tests."""
    shown: list[TestResult] = []
    folded: list[TestResult] = []
    for test in result.tests:
        visible = test.visibility == "visible" or (test.visibility == "after_due" and past_due)
        (shown if visible else folded).append(test)
    if folded:
        score = round(sum(t.score for t in folded), 6)
        max_score = round(sum(t.max_score for t in folded), 6)
        shown.append(
            TestResult(
                name=HIDDEN_NAME,
                score=score,
                max_score=max_score,
                status=_status(score, max_score),
                message="",
                visibility="hidden",
                skills=[],
            )
        )
    return result.model_copy(
        update={
            "tests": shown,
            "artifacts": [],
            "review_reasons": [],
            "confidence": None,
        }
    )
