"""Hidden tests for class-balance-bar: 10 points."""

import random
from collections import Counter

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import FigureSet

random.seed(3)
LABELS = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
COUNTS = dict(Counter(LABELS))


def chart_axes(figures: FigureSet):
    """The axes holding a bar chart with the right heights, else every axes with bars."""
    for chart in checks.bar_charts(figures):
        if sorted(chart.values.tolist()) == sorted(COUNTS.values()):
            return [chart.axes]
    return checks.find_axes(figures, checks.has_bars) or checks.axes_of(figures)


@test(points=1, name="runs", skills=("python",))
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


@test(points=2, name="heights", skills=("matplotlib",))
def heights(figures: FigureSet):
    return checks.bars(figures, list(COUNTS.values()), what="the class counts")


@test(points=4, name="classes", skills=("class-imbalance",))
def classes(figures: FigureSet):
    return checks.bars(figures, COUNTS, what="the count of each class")


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    return checks.xlabel(chart_axes(figures))


@test(points=1, name="ylabel")
def ylabel(figures: FigureSet):
    return checks.ylabel(chart_axes(figures))


@test(points=1, name="title")
def title(figures: FigureSet):
    return checks.title(chart_axes(figures))
