"""The metrics registry of one process."""

from __future__ import annotations

from grader.metrics import Metrics


def test_sandbox_errors_and_failures_without_a_result_count_as_sandbox_failures() -> None:
    metrics = Metrics(queue_depth=lambda: 7)
    metrics.graded("passed", 0.2)
    metrics.graded("sandbox_error", 1.0)
    metrics.graded(None, 0.1)
    text = metrics.render().decode()
    assert 'grader_verdicts_total{verdict="passed"} 1.0' in text.splitlines()
    assert 'grader_verdicts_total{verdict="sandbox_error"} 1.0' in text.splitlines()
    assert "grader_sandbox_failures_total 2.0" in text.splitlines()
    assert "grader_grading_duration_seconds_count 3.0" in text.splitlines()
    assert "grader_queue_depth 7.0" in text.splitlines()
