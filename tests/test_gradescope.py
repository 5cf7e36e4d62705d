"""The Gradescope export of a grading result."""

from __future__ import annotations

from grader.bank.question import Question
from grader.config import Settings
from grader.gradescope import to_gradescope
from grader.grading import grade
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.test_grading import rubric


def test_scores_statuses_and_visibilities_are_mapped(linear: Question, settings: Settings) -> None:
    tests = rubric({"data": 1.0, "title": 0.0})
    tests[2]["visibility"] = "hidden"
    tests[6]["visibility"] = "after_due"
    backend = FakeBackend(lambda job: envelope_run(completed_envelope(tests)))
    result = grade(linear, "x", backend=backend, settings=settings).result
    exported = to_gradescope(result).model_dump()
    assert (exported["score"], exported["output"]) == (result.score, result.feedback)
    assert exported["score"] == 7.0
    assert [
        (t["name"], t["score"], t["max_score"], t["status"], t["visibility"])
        for t in exported["tests"]
    ] == [
        ("runs", 1.0, 1.0, "passed", "visible"),
        ("line", 2.0, 2.0, "passed", "visible"),
        ("data", 1.0, 3.0, "failed", "hidden"),
        ("visible", 1.0, 1.0, "passed", "visible"),
        ("xlabel", 1.0, 1.0, "passed", "visible"),
        ("ylabel", 1.0, 1.0, "passed", "visible"),
        ("title", 0.0, 1.0, "failed", "after_due_date"),
    ]
    assert {t["output"] for t in exported["tests"]} == {"m"}
