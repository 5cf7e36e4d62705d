"""Figure checks on captures of real figures drawn here, in pyplot and object-oriented styles.

Each figure is described by the same capture code the sandbox runs, sent through JSON and
parsed by the harness, so these tests cover capture, parsing and the check together.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from matplotlib.figure import Figure

from grader.authoring import Fail, Score, checks
from grader.authoring.figures import FigureSet, parse_capture
from grader.runner import capture

matplotlib_pyplot = pytest.importorskip("matplotlib.pyplot")
plt: Any = matplotlib_pyplot


def captured(*figures: Any) -> FigureSet:
    lines = [json.dumps(capture.describe_figure(f, i)).encode() for i, f in enumerate(figures)]
    return FigureSet(parse_capture(b"\n".join(lines)))


@pytest.fixture(autouse=True)
def close_pyplot() -> Iterator[None]:
    yield
    plt.close("all")


def passes(result: Score) -> bool:
    return result.fraction == 1.0


def fails(call: Callable[[], Score]) -> str:
    with pytest.raises(Fail) as failure:
        call()
    return str(failure.value)


def oo() -> tuple[Figure, Any]:
    figure = Figure()
    return figure, figure.add_subplot()


X = np.arange(10.0)
Y = 3 * X - 2 + np.array([0.5, -0.3, 0.2, 0.1, -0.6, 0.4, -0.2, 0.3, -0.1, 0.2])
SLOPE, INTERCEPT = np.polyfit(X, Y, 1)


# -- lines -----------------------------------------------------------------------------------


def test_curve_scores_full_partial_and_fails() -> None:
    def square(x: Any) -> Any:
        return x**2

    xs = np.linspace(-2, 2, 41)
    plt.figure()
    plt.plot(xs, xs**2)
    assert passes(checks.curve(captured(plt.gcf()), square, (-2, 2), what="y = x^2"))
    fig, ax = oo()
    ax.plot(xs[20:], xs[20:] ** 2)
    assert checks.curve(captured(fig), square, (-2, 2)).fraction == pytest.approx(1 / 3)
    fig, ax = oo()
    ax.plot(xs, xs**3)
    assert fails(lambda: checks.curve(captured(fig), square, (-2, 2), what="y = x^2")) == (
        "No plotted line or points follow y = x^2."
    )


def test_straight_line_from_plot_or_axline_and_not_from_wrong_fit() -> None:
    plt.figure()
    plt.scatter(X, Y)
    plt.plot(X, SLOPE * X + INTERCEPT, "r-")
    assert passes(checks.straight_line(captured(plt.gcf()), SLOPE, INTERCEPT))
    fig, ax = oo()
    ax.scatter(X, Y)
    ax.axline((0, INTERCEPT), slope=SLOPE, color="k")
    assert passes(checks.straight_line(captured(fig), SLOPE, INTERCEPT))
    fig, ax = oo()
    ax.plot([0, 9], [Y[0], Y[-1]])  # through the end points, not the least-squares fit
    assert "No straight line" in fails(
        lambda: checks.straight_line(captured(fig), SLOPE, INTERCEPT)
    )


def test_straight_line_that_is_white_on_white_does_not_show() -> None:
    fig, ax = oo()
    ax.plot(X, SLOPE * X + INTERCEPT, color="white")
    assert "does not show" in fails(lambda: checks.straight_line(captured(fig), SLOPE, INTERCEPT))


# -- scatter, step, fill_between -------------------------------------------------------------


def test_scatter_in_any_order_and_as_markers_only() -> None:
    plt.figure()
    plt.scatter(X[::-1], Y[::-1])
    assert passes(checks.scatter(captured(plt.gcf()), X, Y))
    fig, ax = oo()
    ax.plot(list(X), list(Y), "o")
    assert passes(checks.scatter(captured(fig), X, Y))


def test_scatter_of_other_points_or_a_line_fails() -> None:
    fig, ax = oo()
    ax.scatter(X, Y + 1)
    assert "its points are not" in fails(lambda: checks.scatter(captured(fig), X, Y))
    fig, ax = oo()
    ax.plot(X, Y)
    assert "No scatter plot" in fails(lambda: checks.scatter(captured(fig), X, Y))


def test_step_checks_data_and_where() -> None:
    fig, ax = oo()
    ax.step(X, Y, where="post")
    assert passes(checks.step(captured(fig), X, Y))
    assert passes(checks.step(captured(fig), X, Y, where_="post"))
    assert "expected where='pre'" in fails(lambda: checks.step(captured(fig), X, Y, where_="pre"))
    fig, ax = oo()
    ax.plot(X, Y)
    assert "No step plot" in fails(lambda: checks.step(captured(fig), X, Y))


def test_fill_between_band_and_wrong_band() -> None:
    low, high = Y - 1, Y + 1
    plt.figure()
    plt.fill_between(X, low, high, alpha=0.3)
    assert passes(checks.fill_between(captured(plt.gcf()), X, low, high))
    fig, ax = oo()
    ax.fill_between(X, Y)  # down to zero
    assert passes(checks.fill_between(captured(fig), X, Y))
    assert "does not cover" in fails(lambda: checks.fill_between(captured(fig), X, low, high))


# -- bars, histograms, box plots -------------------------------------------------------------

COUNTS = {"cat": 5, "dog": 3, "bird": 7}


def test_bars_by_category_in_several_styles() -> None:
    plt.figure()
    plt.bar(list(COUNTS), list(COUNTS.values()))
    assert passes(checks.bars(captured(plt.gcf()), COUNTS))
    fig, ax = oo()
    ax.barh(range(3), sorted(COUNTS.values()), tick_label=sorted(COUNTS, key=COUNTS.__getitem__))
    assert passes(checks.bars(captured(fig), COUNTS))
    fig, ax = oo()
    ax.bar(np.arange(3), list(COUNTS.values()))
    ax.set_xticks(np.arange(3), list(COUNTS))
    assert passes(checks.bars(captured(fig), COUNTS, ordered=True, orientation="vertical"))


def test_bars_order_and_orientation_options() -> None:
    fig, ax = oo()
    ordered = sorted(COUNTS, key=COUNTS.__getitem__, reverse=True)
    ax.bar(ordered, [COUNTS[c] for c in ordered])
    shown = captured(fig)
    assert passes(checks.bars(shown, COUNTS))
    assert "not in the expected order" in fails(lambda: checks.bars(shown, COUNTS, ordered=True))
    assert "No horizontal bar chart" in fails(
        lambda: checks.bars(shown, COUNTS, orientation="horizontal")
    )
    assert passes(checks.bars(shown, [7, 5, 3], ordered=True))
    assert passes(checks.bars(shown, [3, 5, 7]))


def test_bars_with_wrong_heights_or_unlabelled_fail() -> None:
    fig, ax = oo()
    ax.bar(list(COUNTS), [5, 3, 8])
    assert fails(lambda: checks.bars(captured(fig), COUNTS)) == (
        "A bar chart was found but the bar for 'bird' does not have the expected height."
    )
    fig, ax = oo()
    ax.bar([10, 20, 30], list(COUNTS.values()))
    assert "not labelled with the categories" in fails(lambda: checks.bars(captured(fig), COUNTS))


DATA = np.random.default_rng(0).normal(50, 10, 300)


def test_histogram_with_any_bins_counts_or_density() -> None:
    plt.figure()
    plt.hist(DATA, bins=15)
    assert passes(checks.histogram(captured(plt.gcf()), DATA))
    fig, ax = oo()
    ax.hist(list(DATA), bins="auto", density=True)
    assert passes(checks.histogram(captured(fig), DATA))
    assert "not the counts" in fails(lambda: checks.histogram(captured(fig), DATA, density=False))
    fig, ax = oo()
    ax.hist(DATA, bins=12, histtype="step")
    assert passes(checks.histogram(captured(fig), DATA, bins=12))


def test_histogram_bins_by_edges_and_counts() -> None:
    fig, ax = oo()
    ax.hist([1, 2, 2, 3, 3, 3], bins=[0.5, 1.5, 2.5, 3.5])
    shown = captured(fig)
    assert passes(checks.histogram_bins(shown, edges=[0.5, 1.5, 2.5, 3.5], counts=[1, 2, 3]))
    assert passes(checks.histogram_bins(shown, counts=[1, 2, 3]))
    assert "does not have the expected bins" in fails(
        lambda: checks.histogram_bins(shown, counts=[3, 2, 1])
    )


def test_histogram_with_other_bins_than_asked_earns_half() -> None:
    fig, ax = oo()
    ax.hist(DATA, bins=10)
    result = checks.histogram(captured(fig), DATA, bins=20)
    assert (result.fraction, result.message) == (
        0.5,
        "The histogram shows the data but with 10 bins, not the 20 bins asked for.",
    )
    fig, ax = oo()
    ax.hist(DATA, bins=20, range=(0, 100))
    assert passes(checks.histogram(captured(fig), DATA, bins=20))
    edges = [0.0, 40.0, 50.0, 60.0, 100.0]
    fig, ax = oo()
    ax.hist(DATA, bins=edges)
    assert passes(checks.histogram(captured(fig), DATA, bins=edges))
    assert checks.histogram(captured(fig), DATA, bins=[0.0, 50.0, 100.0]).message.endswith(
        "with 4 bins, not the bin edges asked for."
    )


def test_histogram_of_other_data_or_a_bar_chart_fails() -> None:
    fig, ax = oo()
    ax.hist(DATA[:200], bins=10)
    assert "not the counts" in fails(lambda: checks.histogram(captured(fig), DATA))
    fig, ax = oo()
    ax.plot(DATA)
    assert "No histogram" in fails(lambda: checks.histogram(captured(fig), DATA))


def test_boxplot_vertical_horizontal_and_patch_artist() -> None:
    plt.figure()
    plt.boxplot(DATA)
    assert passes(checks.boxplot(captured(plt.gcf()), DATA))
    fig, ax = oo()
    ax.boxplot(list(DATA), vert=False, patch_artist=True)
    assert passes(checks.boxplot(captured(fig), DATA))
    fig, ax = oo()
    ax.boxplot(DATA + 5)
    assert "does not match" in fails(lambda: checks.boxplot(captured(fig), DATA))
    fig, ax = oo()
    ax.hist(DATA)
    assert "No box plot" in fails(lambda: checks.boxplot(captured(fig), DATA))


# -- images and colour -----------------------------------------------------------------------

MATRIX = np.array([[50, 3, 1], [4, 40, 6], [2, 5, 45]])


def test_image_from_imshow_matshow_and_pcolormesh() -> None:
    plt.figure()
    plt.imshow(MATRIX, cmap="Blues")
    plt.colorbar()
    shown = captured(plt.gcf())
    assert passes(checks.image(shown, MATRIX, cmap="Blues"))
    assert passes(checks.colorbar(shown))
    fig, ax = oo()
    ax.matshow(MATRIX.tolist())
    assert passes(checks.image(captured(fig), MATRIX))
    fig, ax = oo()
    ax.pcolormesh(MATRIX)
    assert passes(checks.image(captured(fig), MATRIX))
    assert "no colorbar" in fails(lambda: checks.colorbar(captured(fig)))


def test_image_with_other_values_or_colormap() -> None:
    fig, ax = oo()
    ax.imshow(MATRIX.T)
    shown = captured(fig)
    assert "its values are not" in fails(lambda: checks.image(shown, MATRIX))
    fig, ax = oo()
    ax.imshow(MATRIX, cmap="viridis")
    result = checks.image(captured(fig), MATRIX, cmap=["Blues", "Greens"])
    assert result.fraction == 0.5 and "'viridis'" in result.message


def test_large_images_are_compared_on_a_bounded_sample() -> None:
    big = np.arange(300 * 200, dtype=float).reshape(300, 200)
    fig, ax = oo()
    ax.imshow(big)
    shown = captured(fig)
    (image,) = shown.all_axes()[0].image_items
    assert image.shape == (300, 200) and image.values is not None
    assert image.values.shape == (100, 100)
    assert passes(checks.image(shown, big))


def test_colour_of_artists_by_name_and_tolerance() -> None:
    fig, ax = oo()
    ax.plot(X, Y, color="tab:red")
    line = captured(fig).all_axes()[0].artists[0]
    assert passes(checks.colour(line.color, "red", what="the line"))
    assert fails(lambda: checks.colour(line.color, "blue", what="the line")) == (
        "The line should be blue but is #d62728."
    )


# -- labels, legends, limits, scales, ticks, texts -------------------------------------------


def test_labels_titles_and_suptitle() -> None:
    fig, ax = oo()
    ax.plot(X, Y)
    ax.set(xlabel="Feature value", ylabel="Target")
    fig.suptitle("Fit")
    shown = captured(fig)
    assert passes(checks.xlabel(shown, contains=["feature", "x"]))
    assert passes(checks.ylabel(shown))
    assert passes(checks.title(shown))
    assert passes(checks.suptitle(shown, "fit"))
    assert "no title" in fails(lambda: checks.title(shown, suptitle_counts=False))
    assert fails(lambda: checks.xlabel(shown, "count")) == (
        "The plot has no x-axis label mentioning 'count'."
    )


def test_legend_on_axes_or_figure_with_labels() -> None:
    fig, ax = oo()
    ax.plot(X, Y, label="data")
    ax.plot(X, X, label="fit")
    ax.legend()
    assert passes(checks.legend(captured(fig), ["Data", "fit"]))
    assert "no entry for 'model'" in fails(lambda: checks.legend(captured(fig), ["model"]))
    fig, ax = oo()
    ax.plot(X, Y, label="data")
    fig.legend()
    assert passes(checks.legend(captured(fig), ["data"]))
    fig, ax = oo()
    ax.plot(X, Y, label="data")
    assert "no legend" in fails(lambda: checks.legend(captured(fig)))


def test_limits_scales_and_tick_labels() -> None:
    fig, ax = oo()
    ax.plot(X, Y)
    ax.set_xlim(0, 9)
    ax.set_yscale("log")
    ax.set_xticks([0, 3, 6, 9], ["zero", "three", "six", "nine"])
    shown = captured(fig)
    assert passes(checks.limits(shown, x=(0, 9), exact=True))
    assert passes(checks.limits(shown, x=(1, 8)))
    assert "exactly x from 0 to 10" in fails(lambda: checks.limits(shown, x=(0, 10), exact=True))
    assert passes(checks.scale(shown, y="log", x="linear"))
    assert "a log scale on the x-axis" in fails(lambda: checks.scale(shown, x="log"))
    assert passes(checks.tick_labels(shown, ["nine", "zero"]))
    assert "should show" in fails(lambda: checks.tick_labels(shown, ["nine", "zero"], ordered=True))


def test_text_and_annotation_placement() -> None:
    fig, ax = oo()
    ax.plot(X, Y)
    ax.annotate("maximum", xy=(9, Y[9]), xytext=(5, 20), arrowprops={"arrowstyle": "->"})
    ax.text(1, 1, "note")
    shown = captured(fig)
    assert passes(checks.text(shown, "max", near=(9, Y[9]), tolerance=0.01))
    assert passes(checks.text(shown, "NOTE", near=(1, 1)))
    assert checks.text(shown, "maximum", near=(0, 0)).fraction == 0.5
    assert fails(lambda: checks.text(shown, "minimum")) == (
        "The figure has no text containing 'minimum'; add it with plt.text or plt.annotate."
    )


# -- several subplots ------------------------------------------------------------------------


def test_finding_the_panel_that_answers_among_subplots() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    left.hist(DATA)
    left.set_xlabel("value")
    right.boxplot(DATA)
    right.set_title("spread")
    shown = captured(fig)
    assert passes(checks.subplots(shown, 2))
    (hist_axes,) = checks.find_axes(shown, checks.has_bars)
    assert passes(checks.xlabel(hist_axes))
    assert "no x-axis label" in fails(
        lambda: checks.xlabel(checks.find_axes(shown, checks.has_lines))
    )
    fig, ax = oo()
    ax.hist(DATA)
    assert "found at most 1" in fails(lambda: checks.subplots(captured(fig), 2))


def test_colorbar_axes_are_not_panels() -> None:
    fig, ax = oo()
    fig.colorbar(ax.imshow(MATRIX), label="count")
    shown = captured(fig)
    assert len(shown.all_axes()) == 2 and len(checks.axes_of(shown)) == 1
    assert passes(checks.colorbar(shown, label="count"))


def test_histogram_whose_last_edge_reads_back_short_of_the_maximum() -> None:
    data = np.round(np.random.default_rng(0).lognormal(5.0, 0.4, 500), 1)
    fig, ax = oo()
    ax.hist(data)
    assert passes(checks.histogram(captured(fig), data))


def test_polar_and_3d_axes_are_described_without_losing_their_lines() -> None:
    fig = Figure()
    polar = fig.add_subplot(1, 2, 1, projection="polar")
    polar.bar([0.0, 1.0, 2.0], [1, 2, 3])
    polar.plot([0.0, 1.0], [1.0, 2.0], label="r")
    polar.legend()
    space = fig.add_subplot(1, 2, 2, projection="3d")
    space.plot([0.0, 1.0], [0.0, 1.0], [0.0, 1.0])
    (figure,) = captured(fig)
    assert figure.error is None
    assert [len(ax.artists) for ax in figure.axes] == [1, 1]
    assert passes(checks.legend(figure.axes[0], ["r"]))


def test_a_huge_image_is_sampled_without_copying_it_whole() -> None:
    fig, ax = oo()
    ax.imshow(np.zeros((4000, 3000), dtype=np.uint8))
    (image,) = captured(fig).all_axes()[0].image_items
    assert image.shape == (4000, 3000) and image.values is not None
    assert image.values.shape == (125, 125)
