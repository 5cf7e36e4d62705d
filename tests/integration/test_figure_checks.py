"""Every figure check graded in real sandboxes, on answers in pandas, pyplot and OO styles."""

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

CHECKS = """
import numpy as np

from grader.authoring import checks, test

X = np.arange(8.0)
Y = X**2
COUNTS = {"a": 3, "b": 7, "c": 5}
DATA = np.round(np.random.default_rng(1).normal(0, 1, 200), 3)
MATRIX = np.arange(9.0).reshape(3, 3)


@test(points=1)
def curve(figures):
    return checks.curve(figures, lambda x: x**2, (0, 7))


@test(points=1)
def scatter(figures):
    return checks.scatter(figures, X, Y)


@test(points=1)
def bars(figures):
    return checks.bars(figures, COUNTS)


@test(points=1)
def histogram(figures):
    return checks.histogram(figures, DATA)


@test(points=1)
def boxplot(figures):
    return checks.boxplot(figures, DATA)


@test(points=1)
def fill(figures):
    return checks.fill_between(figures, X, Y)


@test(points=1)
def step(figures):
    return checks.step(figures, X, Y)


@test(points=1)
def image(figures):
    return checks.image(figures, MATRIX, cmap="magma")


@test(points=1)
def legend(figures):
    return checks.legend(figures, ["squares"])


@test(points=1)
def logscale(figures):
    return checks.scale(figures, y="log")


@test(points=1)
def annotation(figures):
    return checks.text(figures, "peak", near=(7, 49), tolerance=0.01)


@test(points=1)
def colour(figures):
    lines = [a for a in figures.line_plots() if a.n == 8]
    return checks.colour(lines[0].color if lines else None, "red", what="the line of squares")
"""

PREAMBLE = """
import matplotlib.pyplot as plt
import numpy as np
X = np.arange(8.0)
Y = X**2
LABELS = list("abbbbbbbcccccaa")
DATA = np.round(np.random.default_rng(1).normal(0, 1, 200), 3)
MATRIX = np.arange(9.0).reshape(3, 3)
"""

ALL = {
    name: 1.0
    for name in (
        "curve",
        "scatter",
        "bars",
        "histogram",
        "boxplot",
        "fill",
        "step",
        "image",
        "legend",
        "logscale",
        "annotation",
        "colour",
    )
}


@pytest.fixture
def question(linear: Question) -> Question:
    manifest = linear.manifest.model_copy(update={"points": 12.0})
    return dataclasses.replace(linear, tests=CHECKS, manifest=manifest)


def run(runtime: Runtime, question: Question, code: str) -> Graded:
    source = PREAMBLE + textwrap.dedent(code)
    return grade(question, source, backend=runtime.backend_for(question), settings=Settings())


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param(
            """
            import pandas as pd
            df = pd.DataFrame({"x": X, "y": Y})
            fig, axs = plt.subplots(2, 4, figsize=(16, 8))
            df.plot(x="x", y="y", ax=axs[0, 0], color="red", label="squares", logy=True)
            axs[0, 0].annotate("peak", xy=(7, 49), xytext=(2, 30))
            df.plot.scatter(x="x", y="y", ax=axs[0, 1])
            pd.Series(LABELS).value_counts().plot.bar(ax=axs[0, 2])
            pd.Series(DATA).plot.hist(ax=axs[0, 3], bins=12)
            pd.DataFrame({"d": DATA}).plot.box(ax=axs[1, 0])
            df.plot.area(x="x", y="y", ax=axs[1, 1], legend=False)
            df.plot(x="x", y="y", drawstyle="steps-post", ax=axs[1, 2], legend=False)
            axs[1, 3].imshow(pd.DataFrame(MATRIX), cmap="magma")
            """,
            ALL,
            id="pandas",
        ),
        pytest.param(
            """
            plt.figure(figsize=(16, 8))
            plt.subplot(2, 4, 1)
            plt.plot(X, Y, "r-", label="squares")
            plt.yscale("log")
            plt.legend()
            plt.text(7, 49, "peak")
            plt.subplot(2, 4, 2); plt.plot(list(X), list(Y), "ko")
            plt.subplot(2, 4, 3); plt.barh(["c", "a", "b"], [5, 3, 7])
            plt.subplot(2, 4, 4); plt.hist(list(DATA), bins="fd", histtype="stepfilled")
            plt.subplot(2, 4, 5); plt.boxplot([DATA], vert=False)
            plt.subplot(2, 4, 6); plt.fill_between(X, 0, Y)
            plt.subplot(2, 4, 7); plt.step(X, Y)
            plt.subplot(2, 4, 8); plt.matshow(MATRIX, fignum=0, cmap="magma"); plt.colorbar()
            """,
            ALL,
            id="pyplot",
        ),
        pytest.param(
            """
            fig, axs = plt.subplots(2, 4)
            a = axs.ravel()
            a[0].plot(X, X**3, color="tab:blue", label="cubes")
            a[0].annotate("peak", xy=(0, 0))
            a[1].scatter(X, Y + 1)
            a[2].bar(["a", "b", "c"], [3, 7, 6])
            a[3].hist(DATA[:100])
            a[4].boxplot(DATA * 2)
            a[5].fill_between(X, 1, Y)
            a[6].step(X, Y[::-1])
            a[7].imshow(MATRIX.T, cmap="magma")
            """,
            {**{name: 0.0 for name in ALL}, "annotation": 0.5},
            id="oo-all-wrong",
        ),
    ],
)
def test_each_check_on_answers_in_several_styles(
    runtime: Runtime, question: Question, code: str, expected: dict[str, float]
) -> None:
    graded = run(runtime, question, code)
    scores = {t.name: t.score for t in graded.result.tests}
    messages = {t.name: t.message for t in graded.result.tests if t.score != expected[t.name]}
    assert scores == expected, messages
    assert graded.diagnostics == []
