"""Hidden tests for confusion-matrix-heatmap: 10 points."""

import numpy as np

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import FigureSet

CLASSES = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
Y_TRUE = rng.integers(0, 3, 90)
NOISE = rng.integers(0, 3, 90)
Y_PRED = np.where(rng.random(90) < 0.75, Y_TRUE, NOISE)
MATRIX = np.zeros((3, 3), dtype=int)
for _true, _predicted in zip(Y_TRUE, Y_PRED, strict=True):
    MATRIX[_true, _predicted] += 1


def heatmap_axes(figures: FigureSet):
    """The axes with the matrix (or its transpose) as an image, else every axes with one,
    else the candidate's own drawn panels: labels and titles are judged whatever the data."""
    for matrix in (MATRIX, MATRIX.T):
        found = checks.find_image(figures, matrix)
        if found is not None:
            return [found[0]]
    return (
        checks.find_axes(figures, checks.has_image)
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


@test(points=3, name="matrix", skills=("confusion-matrix",))
def matrix(figures: FigureSet):
    if checks.find_image(figures, MATRIX) is not None:
        return Score(1.0, "The heat map shows the confusion matrix of counts.")
    if checks.find_image(figures, MATRIX.T) is not None:
        return Score(
            1 / 3,
            "The heat map shows the confusion matrix with rows and columns swapped: rows should "
            "be the true classes and columns the predicted ones.",
        )
    return checks.image(figures, MATRIX, what="the confusion matrix of counts")


@test(points=1, name="colorbar")
def colorbar(figures: FigureSet):
    return checks.colorbar(heatmap_axes(figures))


@test(points=1, name="xticks")
def xticks(figures: FigureSet):
    return checks.tick_labels(heatmap_axes(figures), CLASSES, axis="x", ordered=True)


@test(points=1, name="yticks")
def yticks(figures: FigureSet):
    return checks.tick_labels(heatmap_axes(figures), CLASSES, axis="y", ordered=True)


@test(points=1, name="xlabel")
def xlabel(figures: FigureSet):
    return checks.xlabel(heatmap_axes(figures), contains="predict")


@test(points=1, name="ylabel")
def ylabel(figures: FigureSet):
    return checks.ylabel(heatmap_axes(figures), contains=["true", "actual"])


@test(points=1, name="title")
def title(figures: FigureSet):
    return checks.title(heatmap_axes(figures))
