"""Hidden tests for class-balance-bar: 10 points."""

import random
from collections import Counter

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import FigureSet

random.seed(3)
LABELS = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)
COUNTS = dict(Counter(LABELS))


def chart_axes(figures: FigureSet):
    """The axes holding a bar chart with the right heights, else the candidate's own panels:
    labels and the title are judged whatever the data."""
    for chart in checks.bar_charts(figures):
        if sorted(chart.values.tolist()) == sorted(COUNTS.values()):
            return [chart.axes]
    return (
        checks.find_axes(figures, checks.has_bars)
        or checks.drawn_axes(figures)
        or checks.axes_of(figures)
    )


@test(points=1, name="runs", skills=("python",))
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


def labelled_charts(figures: FigureSet):
    """The bar charts whose bars are labelled with exactly the class names, one bar each."""
    return [
        chart
        for chart in checks.bar_charts(figures)
        if len(chart.categories) == len(COUNTS) and set(chart.categories) == set(COUNTS)
    ]


@test(points=4, name="heights", skills=("class-imbalance",))
def heights(figures: FigureSet):
    """One bar per class, as tall as the class's count: matched by class where the bars are
    labelled with the classes, in any order where they are not (their labels are the
    `classes` test's)."""
    if labelled_charts(figures):
        return checks.bars(figures, COUNTS, what="the count of each class")
    return checks.bars(figures, list(COUNTS.values()), what="the class counts")


@test(points=2, name="classes", skills=("matplotlib",))
def classes(figures: FigureSet):
    """Each bar labelled with its class name on the axis, whatever the heights."""
    if labelled_charts(figures):
        return Score(1.0, "Each bar is labelled with its class name.")
    if not checks.bar_charts(figures):
        raise Fail("No bar chart was found, so no bar is labelled with its class.")
    raise Fail(
        "The bars are not labelled with the class names: set each bar's tick label to its "
        "class, for example plt.bar(names, counts)."
    )


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    return checks.xlabel(chart_axes(figures))


@test(points=1, name="ylabel")
def ylabel(figures: FigureSet):
    return checks.ylabel(chart_axes(figures))


@test(points=1, name="title")
def title(figures: FigureSet):
    return checks.title(chart_axes(figures))
