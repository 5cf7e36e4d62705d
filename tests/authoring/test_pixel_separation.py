"""Where the pixel check can tell a correct answer from a wrong one, measured on the bank's
own kinds of figure. It is used only where it separates: in these plots a correct style
often differs more from the reference's render than a wrong answer does, so the structural
checks decide; only a stacked layout stands apart, and `side_by_side` reads that from the
axes' positions."""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

from grader.authoring.checks.pixels import compare

random.seed(3)
LABELS = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)  # noqa: S311  (the question's data)
COUNTS = Counter(LABELS)
CLASSES = sorted(COUNTS)
LATENCY = np.round(np.random.default_rng(0).lognormal(5.0, 0.4, 500), 1)


def png(draw: Callable[[Any], object]) -> bytes:
    from matplotlib.figure import Figure

    figure = Figure()
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def similarity(reference: Callable[[Any], object], other: Callable[[Any], object]) -> float:
    return compare(png(reference), png(other)).similarity


def bars(figure: Any, names: list[str], heights: list[int], horizontal: bool = False) -> None:
    ax = figure.add_subplot()
    (ax.barh if horizontal else ax.bar)(names, heights)
    ax.set(xlabel="class", ylabel="count", title="Class balance")


def test_bar_chart_pixels_do_not_separate_a_correct_style_from_wrong_counts() -> None:
    def reference(f: Any) -> None:
        bars(f, CLASSES, [COUNTS[c] for c in CLASSES])

    def horizontal_correct(f: Any) -> None:
        bars(f, CLASSES, [COUNTS[c] for c in CLASSES], horizontal=True)

    def half_the_data_wrong(f: Any) -> None:
        bars(f, CLASSES, [Counter(LABELS[:100])[c] for c in CLASSES])

    assert similarity(reference, horizontal_correct) < 0.7
    assert similarity(reference, half_the_data_wrong) > 0.85


def panels(rows: int, cols: int, bins: int = 30, box: Any = LATENCY) -> Callable[[Any], None]:
    def draw(figure: Any) -> None:
        first, second = figure.subplots(rows, cols)
        first.hist(LATENCY, bins=bins)
        first.set(xlabel="ms", title="Histogram")
        second.boxplot(box)
        second.set_title("Box plot")

    return draw


def test_histogram_pixels_separate_only_the_stacked_layout() -> None:
    reference = panels(1, 2)

    def step_style(figure: Any) -> None:
        first, second = figure.subplots(1, 2)
        first.hist(LATENCY, bins=30, histtype="step")
        first.set(xlabel="ms", title="Latency")
        second.boxplot(LATENCY, showfliers=False)
        second.set_title("Spread")

    correct = similarity(reference, step_style)
    assert correct > 0.7
    assert similarity(reference, panels(2, 1)) < 0.5  # stacked: far apart
    assert similarity(reference, panels(1, 2, bins=20)) > correct  # other bins: close
    assert similarity(reference, panels(1, 2, box=np.log(LATENCY))) > correct  # other data
