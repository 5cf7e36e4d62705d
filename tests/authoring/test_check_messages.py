"""Every figure check's message, failing and passing, reads as a whole sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest

from grader.authoring import Fail, Score, checks
from grader.authoring.figures import FigureSet
from tests.authoring.test_checks import captured, plt
from tests.sentences import faults

X = np.arange(10.0)
DATA = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 9.0]

Check = Callable[[FigureSet], Score]

# Calls that each figure below fails, with the checks' default wording.
FAILING: dict[str, Check] = {
    "curve": lambda f: checks.curve(f, lambda x: x**2, (0.0, 9.0)),
    "straight_line": lambda f: checks.straight_line(f, 2.0, 1.0),
    "step": lambda f: checks.step(f, X, X**2),
    "fill_between": lambda f: checks.fill_between(f, X, X**2),
    "scatter": lambda f: checks.scatter(f, X, X**2),
    "bars by category": lambda f: checks.bars(f, {"a": 1.0, "b": 2.0}),
    "bars in order": lambda f: checks.bars(f, [1.0, 2.0, 3.0], ordered=True),
    "histogram": lambda f: checks.histogram(f, DATA, bins=5),
    "histogram_bins": lambda f: checks.histogram_bins(f, counts=[1.0, 2.0, 3.0]),
    "boxplot": lambda f: checks.boxplot(f, DATA),
    "image": lambda f: checks.image(f, np.eye(3), cmap="viridis"),
    "colorbar": lambda f: checks.colorbar(f, label="count"),
    "xlabel": lambda f: checks.xlabel(f, "time"),
    "ylabel": lambda f: checks.ylabel(f, ("time", "seconds")),
    "title": lambda f: checks.title(f, "time"),
    "suptitle": lambda f: checks.suptitle(f, "time"),
    "legend": lambda f: checks.legend(f, ["model", "data"], entries=2),
    "limits": lambda f: checks.limits(f, x=(0.0, 100.0), y=(0.0, 100.0)),
    "exact limits": lambda f: checks.limits(f, x=(0.0, 7.0), exact=True),
    "scale": lambda f: checks.scale(f, x="log", y="log"),
    "tick_labels": lambda f: checks.tick_labels(f, ["a", "b", "c", "d"]),
    "text": lambda f: checks.text(f, "peak", near=(100.0, 100.0)),
    "subplots": lambda f: checks.subplots(f, 12),
    "visible": lambda f: checks.visible(None),
    "colour": lambda f: checks.colour("red", "blue", what="the line's colour"),
}


def _empty() -> FigureSet:
    figure, _ = plt.subplots()
    return captured(figure)


def _wrong() -> FigureSet:
    """One of each kind of artist, none of them the data the calls above ask for."""
    figure, grid = plt.subplots(3, 3)
    line, dots, bar, hist, box, img, steps, band, other = grid.flat
    line.plot(X, 3 * X, label="line")
    line.legend()
    line.set_xlim(0, 9)
    line.text(0, 0, "peak")
    dots.scatter(X, -X)
    bar.bar(["x", "y", "z"], [5.0, 6.0, 7.0])
    hist.hist([10.0, 20.0, 20.0], bins=3)
    box.boxplot([10.0, 20.0, 30.0])
    img.imshow(np.ones((2, 2)), cmap="Greys")
    steps.step(X, X)
    band.fill_between(X, X, 0)
    other.plot(X, X, color="red")
    return captured(figure)


@pytest.fixture(autouse=True)
def close_pyplot() -> Iterator[None]:
    yield
    plt.close("all")


def _message(check: Check, figures: FigureSet) -> tuple[float, str]:
    try:
        score = check(figures)
    except Fail as failure:
        return 0.0, str(failure)
    return score.fraction, score.message


@pytest.mark.parametrize("figures", [_empty, _wrong], ids=["empty axes", "other data"])
@pytest.mark.parametrize("name", sorted(FAILING))
def test_a_failing_check_says_so_in_a_whole_sentence(
    name: str, figures: Callable[[], FigureSet]
) -> None:
    fraction, message = _message(FAILING[name], figures())
    assert fraction < 1.0, message
    assert faults(message) == [], message


def _right() -> FigureSet:
    figure, ax = plt.subplots()
    ax.plot(X, X**2, label="model")
    ax.scatter(X, X**2, label="data")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("seconds")
    ax.set_title("time")
    figure.suptitle("time")
    ax.legend()
    ax.text(1.0, 1.0, "peak")
    return captured(figure)


PASSING: dict[str, Check] = {
    "curve": lambda f: checks.curve(f, lambda x: x**2, (0.0, 9.0)),
    "scatter": lambda f: checks.scatter(f, X, X**2),
    "xlabel": lambda f: checks.xlabel(f),
    "xlabel mentioning": lambda f: checks.xlabel(f, "time"),
    "ylabel": lambda f: checks.ylabel(f, ("time", "seconds")),
    "title": lambda f: checks.title(f),
    "suptitle": lambda f: checks.suptitle(f, "time"),
    "legend": lambda f: checks.legend(f),
    "legend with labels": lambda f: checks.legend(f, ["model", "data"], entries=2),
    "text": lambda f: checks.text(f, "peak"),
    "text near": lambda f: checks.text(f, "peak", near=(1.0, 1.0)),
    "subplots": lambda f: checks.subplots(f, 1),
    "colour": lambda f: checks.colour("#0000ff", "blue", what="the line's colour"),
}


@pytest.mark.parametrize("name", sorted(PASSING))
def test_a_passing_check_says_so_in_a_whole_sentence(name: str) -> None:
    fraction, message = _message(PASSING[name], _right())
    assert fraction == 1.0, message
    assert faults(message) == [], message


@pytest.mark.parametrize(
    ("message", "found"),
    [
        ("The plot has no a title.", ["it has an article after 'no' (no a)"]),
        ("The plot has no title", ["it does not end with a full stop"]),
        ("the plot has no title.", ["it does not start with a capital letter"]),
        ("The plot has  title.", ["it has a double space (an empty part?)"]),
        ("The plot has no title .", ["it has a space before punctuation (an empty part?)"]),
        ("The plot has has no title.", ["it repeats the word 'has'"]),
        ("The plot has a the title.", ["it has two articles in a row (a the)"]),
        ("The plot has a x-axis label.", []),
        ("The plot has a image.", ["'a' before a vowel (a image)"]),
        ("mean([1, 2]) is right.", []),
        ("summary.csv holds the summary.", []),
        ("The output for input 'a a' is right.", []),
        ("", ["it is empty"]),
    ],
)
def test_the_sentence_rules_find_what_fragments_get_wrong(message: str, found: list[str]) -> None:
    assert faults(message) == found
