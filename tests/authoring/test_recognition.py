"""Figures recognised whatever API drew them: bar charts of several containers, histograms in
any scaling or drawing, box plots either way, heat maps, and where each axes sits.

Each figure is real matplotlib, described by the sandbox's capture code and parsed by the
harness, so capture, parsing and the check are covered together.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from grader.authoring import Fail, checks
from grader.authoring.figures import FigureSet, parse_capture
from grader.runner import capture

plt: Any = pytest.importorskip("matplotlib.pyplot")

COUNTS = {"cat": 90, "dog": 55, "fish": 41, "bird": 14}
rng = np.random.default_rng(0)
DATA = np.round(rng.lognormal(5.0, 0.4, 500), 1)
BIN_COUNTS, EDGES = np.histogram(DATA, bins=30)


def captured(*figures: Any) -> FigureSet:
    lines = [json.dumps(capture.describe_figure(f, i)).encode() for i, f in enumerate(figures)]
    return FigureSet(parse_capture(b"\n".join(lines)))


@pytest.fixture(autouse=True)
def close_pyplot() -> Iterator[None]:
    yield
    plt.close("all")


def drawn(draw: Callable[[Any], object]) -> FigureSet:
    figure, ax = plt.subplots()
    draw(ax)
    return captured(figure)


# -- bar charts ------------------------------------------------------------------------------


def _one_bar_per_category(ax: Any) -> None:
    for name, count in COUNTS.items():
        ax.bar(name, count, label=name)


def _one_barh_per_category(ax: Any) -> None:
    for position, (_name, count) in enumerate(COUNTS.items()):
        ax.barh(position, count)
    ax.set_yticks(range(len(COUNTS)), list(COUNTS))


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.bar(list(COUNTS), list(COUNTS.values())),
        _one_bar_per_category,
        _one_barh_per_category,
        lambda ax: ax.bar(list(COUNTS), list(COUNTS.values()), color=["r", "g", "b", "k"]),
    ],
    ids=["one-call", "bar-per-category", "barh-per-category", "coloured"],
)
def test_a_bar_chart_is_seen_however_many_calls_drew_it(draw: Callable[[Any], object]) -> None:
    figures = drawn(draw)
    assert checks.bars(figures, COUNTS).fraction == 1.0
    assert checks.bars(figures, list(COUNTS.values())).fraction == 1.0


def test_stacked_bars_are_not_merged_into_one_chart() -> None:
    def stacked(ax: Any) -> None:
        ax.bar(["a", "b"], [1, 2])
        ax.bar(["a", "b"], [3, 4], bottom=[1, 2])

    figures = drawn(stacked)
    assert [len(c.values) for c in checks.bar_charts(figures)] == [2, 2]


def test_wrong_heights_drawn_per_category_still_fail() -> None:
    def wrong(ax: Any) -> None:
        for name, count in COUNTS.items():
            ax.bar(name, count + 1)

    with pytest.raises(Fail) as failure:
        checks.bars(drawn(wrong), COUNTS)
    assert str(failure.value) == (
        "A bar chart was found but the bar for 'cat' does not have the expected height."
    )


# -- histograms ------------------------------------------------------------------------------

HISTOGRAMS: dict[str, Callable[[Any], object]] = {
    "counts": lambda ax: ax.hist(DATA, bins=30),
    "density": lambda ax: ax.hist(DATA, bins=30, density=True),
    "relative-weights": lambda ax: ax.hist(DATA, bins=30, weights=np.ones(500) / 500),
    "percent-weights": lambda ax: ax.hist(DATA, bins=30, weights=np.full(500, 100 / 500)),
    "rwidth": lambda ax: ax.hist(DATA, bins=30, rwidth=0.8),
    "histtype-step": lambda ax: ax.hist(DATA, bins=30, histtype="step"),
    "stepfilled": lambda ax: ax.hist(DATA, bins=30, histtype="stepfilled"),
    "stairs": lambda ax: ax.stairs(BIN_COUNTS, EDGES),
    "stairs-filled": lambda ax: ax.stairs(BIN_COUNTS, EDGES, fill=True),
    "np-histogram-bar-edge": lambda ax: ax.bar(
        EDGES[:-1], BIN_COUNTS, width=np.diff(EDGES), align="edge"
    ),
    "np-histogram-bar-centre": lambda ax: ax.bar(
        (EDGES[:-1] + EDGES[1:]) / 2, BIN_COUNTS, width=np.diff(EDGES)
    ),
    "fill-between-step": lambda ax: ax.fill_between(
        EDGES, np.append(BIN_COUNTS, BIN_COUNTS[-1]), step="post"
    ),
    "step-line": lambda ax: ax.step(EDGES, np.append(BIN_COUNTS, BIN_COUNTS[-1]), where="post"),
    "pandas": lambda ax: __import__("pandas").Series(DATA).plot.hist(bins=30, ax=ax),
}


@pytest.mark.parametrize("style", list(HISTOGRAMS))
def test_a_histogram_is_seen_in_every_style_and_scaling(style: str) -> None:
    figures = drawn(HISTOGRAMS[style])
    assert checks.histogram(figures, DATA, bins=30).fraction == 1.0


def test_the_right_scaling_of_the_wrong_data_is_not_a_histogram_of_it() -> None:
    figures = drawn(lambda ax: ax.hist(DATA + 50, bins=30, weights=np.ones(500) / 500))
    with pytest.raises(Fail, match="its bar heights are not the counts of the data"):
        checks.histogram(figures, DATA)


def test_density_true_accepts_only_densities() -> None:
    figures = drawn(HISTOGRAMS["relative-weights"])
    with pytest.raises(Fail):
        checks.histogram(figures, DATA, density=True)
    assert checks.histogram(drawn(HISTOGRAMS["density"]), DATA, density=True).fraction == 1.0


def test_other_bins_earn_half_and_a_bar_chart_of_categories_is_no_histogram() -> None:
    assert checks.histogram(drawn(lambda ax: ax.hist(DATA)), DATA, bins=30).fraction == 0.5
    assert checks.histograms(drawn(lambda ax: ax.bar(["a", "b"], [1, 2]))) == []


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.fill_between(np.linspace(0, 1, 50), np.linspace(0, 1, 50) ** 2),
        lambda ax: ax.pcolor(np.arange(9.0).reshape(3, 3)),
    ],
    ids=["smooth-fill", "pcolor"],
)
def test_smooth_fills_and_meshes_are_not_histograms(draw: Callable[[Any], object]) -> None:
    assert checks.histograms(drawn(draw)) == []


# -- box plots and heat maps -----------------------------------------------------------------


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.boxplot(DATA),
        lambda ax: ax.boxplot(DATA, vert=False),
        lambda ax: ax.boxplot(DATA, patch_artist=True, notch=True),
        lambda ax: ax.boxplot(DATA, orientation="horizontal", showfliers=False),
        lambda ax: __import__("pandas").Series(DATA).plot.box(ax=ax),
        lambda ax: __import__("pandas").DataFrame({"latency": DATA}).boxplot(ax=ax, vert=False),
    ],
    ids=["vertical", "vert-false", "patch-notch", "orientation", "pandas", "pandas-frame"],
)
def test_a_box_plot_is_seen_either_way(draw: Callable[[Any], object]) -> None:
    assert checks.boxplot(drawn(draw), DATA).fraction == 1.0


MATRIX = np.array([[20, 3, 2], [4, 25, 1], [0, 5, 30]])


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: ax.imshow(MATRIX, cmap="Blues"),
        lambda ax: ax.matshow(MATRIX),
        lambda ax: ax.pcolormesh(MATRIX),
        lambda ax: ax.pcolor(MATRIX),
    ],
    ids=["imshow", "matshow", "pcolormesh", "pcolor"],
)
def test_a_heat_map_is_seen_whatever_drew_it(draw: Callable[[Any], object]) -> None:
    assert checks.image(drawn(draw), MATRIX).fraction == 1.0


# -- where the axes sit ----------------------------------------------------------------------


def test_axes_positions_tell_side_by_side_from_stacked() -> None:
    beside, (_left, _right) = plt.subplots(1, 2)
    stacked, (_top, _bottom) = plt.subplots(2, 1)
    (a, b), (c, d) = (f.axes for f in captured(beside, stacked))
    assert a.position is not None and b.position is not None
    assert a.position[0] < b.position[0]
    assert a.beside(b) is True and b.beside(a) is True
    assert c.beside(d) is False
    grid, _axes = plt.subplots(2, 2)
    (g,) = (f.axes for f in captured(grid))
    assert g[0].beside(g[1]) is True and g[0].beside(g[2]) is False and g[0].beside(g[3]) is False


# -- the fitted-line tolerance ---------------------------------------------------------------

X = np.linspace(0, 10, 40)
Y = 1.8 * X + 3 + np.sin(7 * X) * 2
SLOPE, INTERCEPT = np.polyfit(X, Y, 1)
TOLERANCE = 0.01 * np.ptp(Y)


@pytest.mark.parametrize(
    ("offset", "found"),
    [(0.0, True), (0.5 * TOLERANCE, True), (-0.9 * TOLERANCE, True), (1.5 * TOLERANCE, False)],
)
def test_a_fitted_line_passes_within_one_percent_of_the_y_range(offset: float, found: bool) -> None:
    ends = np.array([0.0, 10.0])
    figures = drawn(lambda ax: ax.plot(ends, SLOPE * ends + INTERCEPT + offset))
    assert (checks.find_fitted_line(figures, X, Y) is not None) is found


def test_a_fitted_axline_is_judged_over_the_view_and_a_tilted_line_fails() -> None:
    def axline(slope: float) -> Callable[[Any], object]:
        def draw(ax: Any) -> None:
            ax.scatter(X, Y)
            ax.axline((0, INTERCEPT), slope=slope)

        return draw

    assert checks.find_fitted_line(drawn(axline(round(SLOPE, 2))), X, Y) is not None
    # 2 % steeper is 0.36 off at x = 10, more than 1 % of the y range (0.21).
    assert checks.find_fitted_line(drawn(axline(SLOPE * 1.02)), X, Y) is None


# -- presentation panels and side by side ----------------------------------------------------


def test_drawn_axes_are_the_panels_with_something_on_them() -> None:
    figure, (_, used) = plt.subplots(1, 2)
    used.plot([0, 1], [1, 0])
    (only,) = checks.drawn_axes(captured(figure))
    assert only.index == 1


def test_side_by_side_fails_stacked_panels_and_separate_figures() -> None:
    beside, _ = plt.subplots(1, 2)
    stacked, _ = plt.subplots(2, 1)
    one, two = plt.figure(), plt.figure()
    one.add_subplot()
    two.add_subplot()
    found = [f.axes for f in captured(beside, stacked, one, two)]
    assert checks.side_by_side(*found[0]).fraction == 1.0
    with pytest.raises(Fail, match="are subplots of one figure but not side by side"):
        checks.side_by_side(*found[1])
    with pytest.raises(Fail, match="should be two subplots of one figure"):
        checks.side_by_side(found[2][0], found[3][0])
