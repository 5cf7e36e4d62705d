"""Hidden tests for scatter-regression-line: 10 points."""

import numpy as np

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import FigureSet

rng = np.random.default_rng(7)
X = np.round(rng.uniform(0, 10, 40), 2)
Y = np.round(1.8 * X + 3 + rng.normal(0, 2.0, 40), 2)


def plot_axes(figures: FigureSet):
    """The axes with the scatter of the data, else the candidate's own drawn panels."""
    points = checks.find_scatter(figures, X, Y)
    if points is not None and points.axes is not None:
        return [points.axes]
    return checks.drawn_axes(figures) or checks.axes_of(figures)


@test(points=1, name="runs", skills=("python",))
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


@test(points=2, name="scatter", skills=("matplotlib",))
def scatter(figures: FigureSet):
    return checks.scatter(figures, X, Y, what="the 40 points (x, y)")


@test(points=3, name="regression_line", skills=("linear-regression",))
def regression_line(figures: FigureSet):
    where = plot_axes(figures)
    # The least-squares line to the eye: within 1 % of the y range of the exact fit.
    line = checks.find_fitted_line(where, X, Y, fraction=0.01)
    if line is None:
        raise Fail(
            "No line on the points' axes is the least-squares fit of y on x: fit it with "
            "np.polyfit(x, y, 1) and draw it with plot or axline."
        )
    if not checks.shows_in_render(line):
        raise Fail("The regression line is drawn but does not show in the figure.")
    if line.axline is None:
        x, _ = line.finite_points()
        span = (float(x.min()), float(x.max()))
        if span[0] > X.min() + 1e-6 or span[1] < X.max() - 1e-6:
            return Score(
                2 / 3,
                f"The regression line is right but spans x from {span[0]:g} to {span[1]:g}, "
                "not the whole range of x.",
            )
    return Score(1.0, "The least-squares regression line is drawn across the data.")


@test(points=1, name="legend", skills=("matplotlib",))
def legend(figures: FigureSet):
    return checks.legend(plot_axes(figures), entries=2)


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    return checks.xlabel(plot_axes(figures))


@test(points=1, name="ylabel")
def ylabel(figures: FigureSet):
    return checks.ylabel(plot_axes(figures))


@test(points=1, name="title")
def title(figures: FigureSet):
    return checks.title(plot_axes(figures))
