"""Hidden tests for training-curves-plot: 10 points.

The curves are found by their data, wherever they are drawn; the panels' checks (the two
subplots, the legends) then run on the axes that hold them, never on another panel.
"""

import numpy as np

from grader.authoring import Fail, Run, Score, checks, test
from grader.authoring.figures import Artist, Axes, FigureSet

rng = np.random.default_rng(12)
EPOCHS = np.arange(1, 31)
TRAIN_LOSS = np.round(1.6 * np.exp(-EPOCHS / 7) + 0.12 + rng.normal(0, 0.01, 30), 4)
VAL_LOSS = np.round(1.6 * np.exp(-EPOCHS / 8) + 0.25 + 0.004 * EPOCHS + rng.normal(0, 0.02, 30), 4)
TRAIN_ACC = np.round(0.97 - 0.55 * np.exp(-EPOCHS / 6) + rng.normal(0, 0.004, 30), 4)
VAL_ACC = np.round(0.91 - 0.5 * np.exp(-EPOCHS / 6) + rng.normal(0, 0.008, 30), 4)


def _curve(figures: FigureSet, values: np.ndarray, x=EPOCHS) -> Artist | None:
    """The line (or marker line) that draws `values` against `x`. The values have four
    decimals; 1e-6 admits only float rounding, since any real change moves them by 1e-4."""
    for artist in figures.artists():
        if not (artist.is_line_plot or artist.is_markers_only):
            continue
        ax, ay = artist.finite_points()
        if (
            ax.shape == x.shape
            and np.allclose(ax, x, atol=1e-6)
            and np.allclose(ay, values, atol=1e-6)
        ):
            return artist
    return None


def _pair(
    figures: FigureSet, train: np.ndarray, val: np.ndarray
) -> tuple[Artist | None, Artist | None]:
    return _curve(figures, train), _curve(figures, val)


def _panel(figures: FigureSet, train: np.ndarray, val: np.ndarray) -> Axes | None:
    found = [a for a in _pair(figures, train, val) if a is not None]
    return found[0].axes if found else None


def _curves(figures: FigureSet, train: np.ndarray, val: np.ndarray, what: str) -> Score:
    t, v = _pair(figures, train, val)
    if t is not None and v is not None:
        if t.axes is not v.axes:
            return Score(0.5, f"The training and validation {what} are on different axes.")
        return Score(1.0, f"The training and validation {what} are plotted per epoch.")
    if t is not None or v is not None:
        which = "validation" if t is not None else "training"
        return Score(0.5, f"The {which} {what} per epoch was not found.")
    against_index = _curve(figures, train, np.arange(30)) or _curve(figures, val, np.arange(30))
    if against_index is not None:
        return Score(1 / 3, f"The {what} is plotted against 0 to 29; plot it against the epochs.")
    raise Fail(f"No line of the {what} per epoch was found; plot it with plt.plot(epochs, ...).")


@test(points=1, name="runs", skills=("python",))
def runs(run: Run, figures: FigureSet):
    if not run.completed:
        raise Fail("The program did not finish without errors within its limits.")
    if len(figures) == 0:
        raise Fail("The program finished but did not create a figure.")
    return Score(1.0, "The program ran to the end and created a figure.")


@test(points=3, name="loss_curves", skills=("deep-learning",))
def loss_curves(figures: FigureSet):
    return _curves(figures, TRAIN_LOSS, VAL_LOSS, "loss")


@test(points=3, name="accuracy_curves", skills=("deep-learning",))
def accuracy_curves(figures: FigureSet):
    return _curves(figures, TRAIN_ACC, VAL_ACC, "accuracy")


@test(points=1, name="two_subplots", skills=("subplots",))
def two_subplots(figures: FigureSet):
    loss, acc = _panel(figures, TRAIN_LOSS, VAL_LOSS), _panel(figures, TRAIN_ACC, VAL_ACC)
    if loss is None or acc is None:
        raise Fail("The loss and the accuracy curves were not both found.")
    # Side by side by where each panel sits in the figure: stacked panels fail here.
    checks.side_by_side(loss, acc, what="the loss and the accuracy")
    if loss.position is not None and acc.position is not None:
        left_first = loss.position[0] < acc.position[0]
    else:
        left_first = loss.index < acc.index
    if not left_first:
        raise Fail("The loss should be the left subplot and the accuracy the right one.")
    return Score(
        1.0, "The loss and the accuracy are side by side in one figure, the loss on the left."
    )


def _legend_names(artist: Artist) -> bool:
    """The artist's own curve is named in a legend shown on its axes or its figure."""
    ax = artist.axes
    if ax is None or not artist.label.strip():
        return False
    entries = list(ax.legend or []) if ax.legend_visible else []
    if ax.figure is not None:
        entries += [e.label for legend in ax.figure.legends for e in legend]
    return artist.label.strip() in [e.strip() for e in entries]


def _legend_ok(figures: FigureSet, train: np.ndarray, val: np.ndarray) -> bool | None:
    """Whether a panel's legend tells its curves apart; None when none of them was found."""
    t, v = _pair(figures, train, val)
    if t is None and v is None:
        return None
    for artist, word in ((t, "train"), (v, "val")):
        if artist is not None and not (_legend_names(artist) and word in artist.label.lower()):
            return False
    return True


@test(points=2, name="legends", skills=("data-visualisation",))
def legends(figures: FigureSet):
    panels = [
        _legend_ok(figures, TRAIN_LOSS, VAL_LOSS),
        _legend_ok(figures, TRAIN_ACC, VAL_ACC),
    ]
    judged = [ok for ok in panels if ok is not None]
    if not judged:
        raise Fail("No curve of the history was found, so the legends cannot be checked.")
    good = sum(judged)
    if good == len(judged):
        return Score(1.0, "The legends name the training and the validation curves.")
    if good:
        return Score(0.5, "Only one subplot has a legend naming its train and validation curves.")
    raise Fail(
        'No legend names the curves: label them (label="train", label="validation") and '
        "call ax.legend() on each subplot."
    )
