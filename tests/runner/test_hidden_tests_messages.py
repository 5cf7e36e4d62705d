"""The hidden-test runner: what the candidate reads when a test gives no message."""

from __future__ import annotations

from typing import Any

import pytest

from grader.authoring import kit
from grader.authoring.figures.figure_set import FigureSet
from grader.runner.hidden_tests import run_test


def _context() -> kit.Context:
    run = kit.Run(
        exit_code=0,
        signal=None,
        timed_out=None,
        oom_killed=False,
        output_exceeded=False,
        syntax_error=None,
    )
    return kit.Context(
        run=run,
        figures=FigureSet([]),
        stdout="",
        stderr="",
        code="",
        reference_figures=FigureSet([]),
        extra={},
    )


def _fails() -> Any:
    raise kit.Fail()


@pytest.mark.parametrize(
    ("returns", "feedback", "status", "message"),
    [
        (lambda: True, "", "passed", "This test passed."),
        (lambda: 0.5, "", "partial", "This test passed in part."),
        (lambda: False, "", "failed", "This test did not pass."),
        (_fails, "", "failed", "This test did not pass."),
        (lambda: False, "Label the axes.", "failed", "Label the axes."),
        (lambda: kit.Score(1.0, "Right."), "Label the axes.", "passed", "Right."),
    ],
)
def test_a_test_without_a_message_gets_its_feedback_or_a_sentence_for_its_status(
    returns: Any, feedback: str, status: str, message: str
) -> None:
    spec = kit.TestSpec(
        name="t",
        points=2.0,
        func=returns,
        visibility="visible",
        feedback=feedback,
        seconds=5.0,
        skills=(),
    )
    result = run_test(spec, _context())
    assert (result["status"], result["message"]) == (status, message)
