"""The pixel check in real sandboxes: the reference rendered beside the candidate, diff images."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from grader.bank.question import Question
from grader.config import Settings
from grader.grading import grade
from grader.results import Graded
from grader.runtime import Runtime

pytestmark = pytest.mark.docker

PIXEL_TESTS = """
from grader.authoring import checks, test


@test(points=10, name="looks")
def looks(figures, reference_figures, artifacts):
    return checks.looks_like_reference(figures, reference_figures, artifacts, name="diff.png")
"""


def run(runtime: Runtime, question: Question, code: str) -> Graded:
    return grade(
        question, textwrap.dedent(code), backend=runtime.backend_for(question), settings=Settings()
    )


@pytest.fixture
def pixel_question(linear: Question) -> Question:
    return dataclasses.replace(linear, tests=PIXEL_TESTS)


def test_an_answer_drawn_like_the_reference_passes_with_a_diff_artifact(
    runtime: Runtime, pixel_question: Question
) -> None:
    graded = run(
        runtime,
        pixel_question,
        """
        import matplotlib.pyplot as plt
        plt.plot([0, 10], [1, 21], color="red")
        plt.xlabel("x"); plt.ylabel("y"); plt.title("Linear function y = 2x + 1")
        plt.legend(["y = 2x + 1"])
        """,
    )
    assert (graded.result.score, graded.result.verdict) == (10.0, "passed")
    (artifact,) = graded.result.artifacts
    assert (artifact.name, artifact.test) == ("check-diff.png", "looks")
    assert graded.artifacts["check-diff.png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert graded.diagnostics == []


def test_a_different_figure_fails_and_the_reference_stays_out_of_reach(
    runtime: Runtime, pixel_question: Question
) -> None:
    graded = run(
        runtime,
        pixel_question,
        """
        import os
        import matplotlib.pyplot as plt
        try:
            os.listdir("/run/harness")
            print("readable")
        except OSError as exc:
            print(type(exc).__name__)
        plt.bar(["a", "b", "c"], [3, 1, 2])
        """,
    )
    assert (graded.result.score, graded.result.verdict) == (0.0, "failed")
    assert "check-diff.png" in graded.result.tests[0].message
    assert graded.result.stdout.text == "PermissionError\n"
    assert [a.name for a in graded.result.artifacts] == ["check-diff.png"]
