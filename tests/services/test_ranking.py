"""Ranking and the candidate's view as pure functions: ties, percentiles, focus, CSV, folding."""

from __future__ import annotations

import csv
import io

from grader.results import GradingResult, SkillScore, TestResult
from grader.services.candidate_view import candidate_view
from grader.services.ranking import Entry, rank, to_csv
from grader.services.scoring import AttemptScore

REQUIREMENTS = {"stats": 0.5, "ml": 0.5}


def entry(name: str, stats: float, ml: float) -> Entry:
    skills = {
        "ml": SkillScore(score=ml, max_score=10),
        "stats": SkillScore(score=stats, max_score=10),
    }
    missing = sorted(s for s, v in (("stats", stats), ("ml", ml)) if v / 10 < REQUIREMENTS[s])
    score = AttemptScore(
        status="completed",
        score=stats + ml,
        max_score=20,
        skills=skills,
        meets_requirements=not missing,
        missing=missing,
    )
    return Entry(attempt_id=f"a-{name}", candidate=name, score=score, flagged=False)


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    rows = rank(
        [entry("d", 1, 1), entry("a", 10, 8), entry("b", 9, 9), entry("c", 8, 10)], REQUIREMENTS
    )
    assert [(r.rank, r.candidate, r.score, r.percentile) for r in rows] == [
        (1, "a", 18, 33.3),
        (1, "b", 18, 33.3),
        (1, "c", 18, 33.3),
        (4, "d", 2, 0.0),
    ]


def test_a_cohort_of_one_is_at_the_100th_percentile() -> None:
    (row,) = rank([entry("a", 5, 5)], REQUIREMENTS)
    assert (row.rank, row.percentile, row.skill_percentiles) == (
        1,
        100.0,
        {"ml": 100.0, "stats": 100.0},
    )


def test_interview_focus_is_the_largest_shortfall_first_else_the_weakest_vs_the_cohort() -> None:
    rows = {
        r.candidate: r
        for r in rank([entry("a", 4, 1), entry("b", 6, 9), entry("c", 9, 6)], REQUIREMENTS)
    }
    assert rows["a"].interview_focus == ["ml", "stats"]  # 0.1 is 0.4 short; 0.4 is 0.1 short
    assert rows["b"].skill_percentiles == {"ml": 100.0, "stats": 50.0}
    assert rows["b"].interview_focus == ["stats"]
    assert rows["c"].interview_focus == ["ml"]


def test_the_csv_has_a_row_per_attempt_and_no_formulas() -> None:
    rows = rank([entry("=HYPERLINK(1)", 6, 6)], REQUIREMENTS)
    (line,) = csv.DictReader(io.StringIO(to_csv(rows, ["ml", "stats"])))
    assert (line["candidate"], line["ml score"], line["stats percentile"]) == (
        "'=HYPERLINK(1)",
        "6",
        "100",
    )


def _result(tests: list[TestResult]) -> GradingResult:
    return GradingResult.model_validate(
        {
            "score": sum(t.score for t in tests),
            "max_score": sum(t.max_score for t in tests),
            "verdict": "partial",
            "feedback": "Some tests failed.",
            "tests": [t.model_dump() for t in tests],
            "stdout": {"text": "", "truncated": False, "bytes": 0},
            "stderr": {"text": "", "truncated": False, "bytes": 0},
            "figures": [],
            "artifacts": [
                {"name": "check-diff.png", "test": "pixels", "sha256": "0" * 64, "bytes": 10}
            ],
            "resources": {"wall_ms": 1, "cpu_ms": 1, "peak_memory_bytes": None},
            "provenance": {
                "question_id": "q",
                "question_version": "v",
                "runner_image": "",
                "runner_image_id": "",
                "grader_version": "0",
            },
            "review_reasons": ["the pixels differ"],
            "confidence": 0.4,
        }
    )


def test_the_candidate_view_folds_hidden_tests_and_shows_after_due_ones_after_the_due_time() -> (
    None
):
    tests = [
        TestResult(name="runs", score=1, max_score=1, status="passed", message="ok"),
        TestResult(
            name="pixels",
            score=0,
            max_score=2,
            status="failed",
            message="ref 3px",
            visibility="hidden",
        ),
        TestResult(
            name="edge", score=1, max_score=3, status="partial", message="x", visibility="hidden"
        ),
        TestResult(
            name="late", score=2, max_score=2, status="passed", message="y", visibility="after_due"
        ),
    ]
    before = candidate_view(_result(tests), past_due=False)
    assert [(t.name, t.score, t.max_score, t.status, t.message) for t in before.tests] == [
        ("runs", 1, 1, "passed", "ok"),
        ("hidden tests", 3, 7, "partial", ""),
    ]
    assert (before.artifacts, before.review_reasons, before.confidence) == ([], [], None)
    assert before.score == 4
    after = candidate_view(_result(tests), past_due=True)
    assert [(t.name, t.score, t.max_score) for t in after.tests] == [
        ("runs", 1, 1),
        ("late", 2, 2),
        ("hidden tests", 1, 5),
    ]
    visible_only = candidate_view(_result(tests[:1]), past_due=False)
    assert [t.name for t in visible_only.tests] == ["runs"]
