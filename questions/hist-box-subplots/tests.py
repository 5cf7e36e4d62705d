"""Hidden tests for hist-box-subplots: 10 points."""

import numpy as np

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import FigureSet

rng = np.random.default_rng(0)
LATENCY = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)


def histogram_axes(figures: FigureSet):
    """The axes with a histogram of the data in any binning, else the candidate's first
    panel holding a histogram of anything: its label is judged whatever its data."""
    drawn = checks.find_axes(figures, lambda ax: bool(checks.histograms(ax)))
    for ax in drawn:
        try:
            checks.histogram(ax, LATENCY)
        except Exception:  # noqa: BLE001  (not this axes)
            continue
        return ax
    return drawn[0] if drawn else None


def box_axes(figures: FigureSet):
    """The axes with a box plot of the data, else the candidate's other drawn panel (in the
    histogram's figure when there is one)."""
    found = checks.find_boxplot(figures, LATENCY)[0]
    if found is not None:
        return found
    hist = histogram_axes(figures)
    others = [ax for ax in checks.drawn_axes(figures) if ax is not hist]
    same = [ax for ax in others if hist is not None and ax.figure is hist.figure]
    return (same or others or [None])[0]


@test(points=1, name="runs", skills=("python",))
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


@test(points=1, name="subplots", skills=("subplots",))
def subplots(figures: FigureSet):
    return checks.subplots(figures, 2)


@test(points=3, name="histogram", skills=("distributions",))
def histogram(figures: FigureSet):
    return checks.histogram(figures, LATENCY, bins=30, what="latency_ms")


@test(points=2, name="boxplot", skills=("distributions",))
def boxplot(figures: FigureSet):
    return checks.boxplot(figures, LATENCY, what="latency_ms")


@test(points=1, name="side_by_side", skills=("subplots",))
def side_by_side(figures: FigureSet):
    hist, box = histogram_axes(figures), box_axes(figures)
    if hist is None or box is None:
        raise Fail("A histogram and a second subplot beside it were not both found.")
    return checks.side_by_side(hist, box, what="the histogram and the box plot")


@test(points=1, name="titles")
def titles(figures: FigureSet):
    panels = [ax for ax in (histogram_axes(figures), box_axes(figures)) if ax is not None]
    titled = [ax for ax in panels if ax.title.strip()]
    if len(panels) == 2 and len(titled) == 2:
        return Score(1.0, "Both subplots have a title.")
    if titled:
        return Score(0.5, "Only one of the two subplots has its own title.")
    raise Fail("The subplots have no titles of their own; set each with ax.set_title.")


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    hist = histogram_axes(figures)
    if hist is None:
        raise Fail("No histogram was found, so its x-axis label cannot be checked.")
    return checks.xlabel(hist)
