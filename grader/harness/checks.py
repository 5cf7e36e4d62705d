"""Figure checks for hidden tests: each is one call that returns a `Score` or raises `Fail`.

Every check takes where to look first: the `figures` fixture, one `Axes` or a list of them,
so a question with several subplots can point a check at the panel that answers it (see
`find_axes`). Messages are written for the candidate: they say what was expected and what was
found, never the hidden expected values beyond what the prompt already states.

Lines, scatter, step, fill_between, bars and images are checked here; histograms and box
plots in `distributions`, labels, legends, scales and texts in `decorations`, the pixel
check in `pixels`, and where to look in `locate`. Authors import only this module.

    @test(points=2)
    def bars(figures):
        return checks.bars(figures, {"cat": 3, "dog": 5}, ordered=False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.harness import protocol
from grader.harness.decorations import (
    colorbar,
    colour,
    legend,
    limits,
    scale,
    suptitle,
    text,
    tick_labels,
    title,
    xlabel,
    ylabel,
)
from grader.harness.distributions import (
    boxplot,
    find_boxplot,
    histogram,
    histogram_bins,
    histograms,
)
from grader.harness.elements import BarGroup, Image, Tick
from grader.harness.figures import Artist, Axes, FloatArray, match_function
from grader.harness.figures import shows_in_render as shows_in_render
from grader.harness.kit import Fail, Score
from grader.harness.locate import (
    Where,
    axes_of,
    find_axes,
    has_bars,
    has_image,
    has_lines,
    has_scatter,
    subplots,
)
from grader.harness.locate import as_array as _array
from grader.harness.locate import close as _close
from grader.harness.pixels import looks_like_reference

__all__ = [
    "axes_of",
    "bar_charts",
    "bars",
    "boxplot",
    "colorbar",
    "colour",
    "curve",
    "fill_between",
    "find_axes",
    "find_boxplot",
    "find_image",
    "find_scatter",
    "find_straight_line",
    "has_bars",
    "has_image",
    "has_lines",
    "has_scatter",
    "histogram",
    "histogram_bins",
    "histograms",
    "image",
    "legend",
    "limits",
    "looks_like_reference",
    "scale",
    "scatter",
    "shows_in_render",
    "step",
    "straight_line",
    "subplots",
    "suptitle",
    "text",
    "tick_labels",
    "title",
    "visible",
    "xlabel",
    "ylabel",
]

# -- lines and curves ------------------------------------------------------------------------


def curve(
    where: Where,
    func: Callable[[FloatArray], FloatArray],
    x_range: tuple[float, float],
    *,
    what: str = "the expected curve",
    rtol: float = 1e-6,
    atol: float = 1e-6,
    partial: float = 1 / 3,
) -> Score:
    """Some data artist follows `func` over `x_range`; `partial` when it covers only part."""
    best = None
    best_key: tuple[int, int, int] | None = None
    for artist in [a for ax in axes_of(where) for a in ax.artists if a.is_data_artist]:
        found = match_function(artist, func, x_range, rtol=rtol, atol=atol)
        key = (int(found.covers) * 2 + int(found.follows), int(shows_in_render(artist)), artist.n)
        if best_key is None or key > best_key:
            best, best_key = found, key
    lo, hi = x_range
    if best is not None and best.covers:
        return Score(1.0, f"The plot shows {what} for x from {lo:g} to {hi:g}.")
    if best is not None and best.follows:
        return Score(partial, f"The plot follows {what} but does not span x from {lo:g} to {hi:g}.")
    raise Fail(f"No plotted line or points follow {what}.")


def find_straight_line(
    where: Where, slope: float, intercept: float, *, rtol: float = 1e-3, atol: float = 1e-3
) -> Artist | None:
    """A line (plot or axline) on y = slope * x + intercept, preferring one that shows."""

    def on_line(x: FloatArray) -> FloatArray:
        return np.asarray(slope * x + intercept, dtype=np.float64)

    found: list[Artist] = []
    for ax in axes_of(where):
        for artist in ax.artists:
            if not (artist.is_line_plot and artist.data_coordinates):
                continue
            if artist.axline is not None:
                lo, hi = ax.xlim if ax.xlim is not None else (0.0, 1.0)
            else:
                x, _ = artist.finite_points()
                if x.size < 2:
                    continue
                lo, hi = float(x.min()), float(x.max())
            if hi > lo and match_function(artist, on_line, (lo, hi), rtol=rtol, atol=atol).follows:
                found.append(artist)
    found.sort(key=lambda a: not shows_in_render(a))
    return found[0] if found else None


def straight_line(
    where: Where,
    slope: float,
    intercept: float,
    *,
    what: str = "the expected straight line",
    rtol: float = 1e-3,
    atol: float = 1e-3,
) -> Score:
    """A line plot or `axline` lies on y = slope * x + intercept and shows in the render."""
    artist = find_straight_line(where, slope, intercept, rtol=rtol, atol=atol)
    if artist is None:
        raise Fail(f"No straight line on {what} was found; draw it with plot or axline.")
    if not shows_in_render(artist):
        raise Fail(f"{what[0].upper()}{what[1:]} is drawn but does not show in the figure.")
    return Score(1.0, f"The figure shows {what}.")


def visible(artist: Artist | None, *, what: str = "the plotted data") -> Score:
    """The artist shows in the rendered figure (see `shows_in_render`)."""
    if artist is not None and shows_in_render(artist):
        return Score(1.0, f"{what[0].upper()}{what[1:]} shows in the rendered figure.")
    raise Fail(
        f"{what[0].upper()}{what[1:]} does not show in the rendered figure: check that it is "
        "visible, not transparent, not covered and inside the axes' limits."
    )


# -- scatter, step, fill_between -------------------------------------------------------------


def _sorted_points(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    order = np.lexsort((y, x))
    return x[order], y[order]


def find_scatter(
    where: Where, x: Any, y: Any, *, rtol: float = 1e-6, atol: float = 1e-9
) -> Artist | None:
    """A scatter collection or marker-only line with exactly the points (x, y), in any order."""
    ex, ey = _sorted_points(_array(x), _array(y))
    for ax in axes_of(where):
        for artist in ax.artists:
            if not (
                artist.data_coordinates and (artist.kind == "scatter" or artist.is_markers_only)
            ):
                continue
            ax_, ay = artist.finite_points()
            if ax_.size != ex.size:
                continue
            sx, sy = _sorted_points(ax_, ay)
            if _close(sx, ex, rtol, atol) and _close(sy, ey, rtol, atol):
                return artist
    return None


def scatter(
    where: Where, x: Any, y: Any, *, what: str = "the data", rtol: float = 1e-6, atol: float = 1e-9
) -> Score:
    """A scatter plot (or marker-only plot) of exactly the points (x, y), in any order."""
    artist = find_scatter(where, x, y, rtol=rtol, atol=atol)
    if artist is not None:
        return Score(1.0, f"The scatter plot shows {what}.")
    counts = sorted(
        {
            a.n
            for ax in axes_of(where)
            for a in ax.artists
            if a.kind == "scatter" or a.is_markers_only
        }
    )
    if not counts:
        raise Fail(f"No scatter plot was found; draw {what} as points (plt.scatter).")
    raise Fail(
        f"A scatter plot was found but its points are not {what} "
        f"({_array(x).size} points expected, found plots of {', '.join(map(str, counts))})."
    )


def step(
    where: Where,
    x: Any,
    y: Any,
    *,
    where_: str | None = None,
    what: str = "the data",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """A step line (`plt.step` / `drawstyle="steps-*"`) of (x, y); `where_` is pre/post/mid."""
    ex, ey = _array(x), _array(y)
    steps = [
        a
        for ax in axes_of(where)
        for a in ax.artists
        if a.kind == "line" and a.drawstyle.startswith("steps")
    ]
    if not steps:
        raise Fail(f"No step plot was found; draw {what} with plt.step.")
    for artist in steps:
        if _close(artist.x, ex, rtol, atol) and _close(artist.y, ey, rtol, atol):
            style = (
                "pre" if artist.drawstyle == "steps" else artist.drawstyle.removeprefix("steps-")
            )
            if where_ is not None and style != where_:
                raise Fail(f"The step plot of {what} steps '{style}', expected where='{where_}'.")
            return Score(1.0, f"The step plot shows {what}.")
    raise Fail(f"A step plot was found but it does not show {what}.")


def fill_between(
    where: Where,
    x: Any,
    y1: Any,
    y2: Any = 0.0,
    *,
    what: str = "the expected band",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """A filled region (`fill_between`) between y1 and y2 over x."""
    ex = _array(x)
    e1 = np.broadcast_to(_array(y1), ex.shape) if np.ndim(y1) == 0 else _array(y1)
    e2 = np.broadcast_to(_array(y2), ex.shape) if np.ndim(y2) == 0 else _array(y2)
    outlines = [
        a.outline
        for ax in axes_of(where)
        for a in ax.artists
        if a.outline is not None and a.outline.data_coordinates
    ]
    if not outlines:
        raise Fail(f"No filled region was found; shade {what} with fill_between.")
    for outline in outlines:
        vx, vy = outline.points()
        if vx.size == 0:
            continue
        with np.errstate(all="ignore"):
            on_1 = np.abs(vy - np.interp(vx, ex, e1)) <= atol + rtol * np.abs(vy)
            on_2 = np.abs(vy - np.interp(vx, ex, e2)) <= atol + rtol * np.abs(vy)
        spans = vx.min() <= ex.min() + atol and vx.max() >= ex.max() - atol
        if spans and bool(np.all(on_1 | on_2)) and bool(on_1.any()) and bool(on_2.any()):
            return Score(1.0, f"The filled region shows {what}.")
    raise Fail(f"A filled region was found but it does not cover {what}.")


# -- bars --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BarsFound:
    """One bar group read as a bar chart: its categories (tick labels) and values."""

    axes: Axes
    group: BarGroup
    categories: list[str | None]
    values: FloatArray


def _category(ticks: list[Tick], position: float, half: float) -> str | None:
    near = [t for t in ticks if abs(t.position - position) <= max(half, 1e-9) and t.label.strip()]
    if not near:
        return None
    return min(near, key=lambda t: abs(t.position - position)).label.strip()


def bar_charts(where: Where, *, orientation: str | None = None) -> list[BarsFound]:
    """Every bar group with its categories read from the tick labels under each bar."""
    found = []
    for ax in axes_of(where):
        for group in ax.bar_groups:
            if not group.bars or (orientation is not None and group.orientation != orientation):
                continue
            ticks = ax.yticks if group.horizontal else ax.xticks
            order = np.argsort(group.positions(), kind="stable")
            bars = [group.bars[i] for i in order]
            ordered = BarGroup(group.orientation, group.label, tuple(bars))
            halves = [(b.height if group.horizontal else b.width) / 2 for b in bars]
            categories = [
                _category(ticks, p, h) for p, h in zip(ordered.positions(), halves, strict=True)
            ]
            found.append(BarsFound(ax, ordered, categories, ordered.values()))
    return found


def bars(
    where: Where,
    expected: Mapping[Any, float] | Sequence[float],
    *,
    ordered: bool = False,
    orientation: str | None = None,
    what: str = "the expected values",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """A bar chart (bar, barh, pandas .plot.bar) of `expected`.

    A mapping is category -> height, matched by the tick label under each bar; a sequence is
    the heights in order. With `ordered=False` the bars may come in any order. `orientation`
    ("vertical" or "horizontal") restricts which bar charts count.
    """
    charts = bar_charts(where, orientation=orientation)
    if not charts:
        kind = {"vertical": "vertical ", "horizontal": "horizontal "}.get(orientation or "", "")
        raise Fail(f"No {kind}bar chart was found; draw {what} with plt.bar or plt.barh.")
    if isinstance(expected, Mapping):
        wanted = {str(k).strip(): float(v) for k, v in expected.items()}
        problems = []
        for chart in charts:
            shown = {c: float(v) for c, v in zip(chart.categories, chart.values, strict=True) if c}
            if set(shown) != set(wanted) or len(shown) != len(chart.categories):
                missing = sorted(set(wanted) - set(shown))
                problems.append(
                    "the bars are not labelled with the categories"
                    + (f" (missing: {', '.join(missing[:5])})" if missing else "")
                )
                continue
            wrong = [
                c for c in wanted if not _close(_array(shown[c]), _array(wanted[c]), rtol, atol)
            ]
            if wrong:
                problems.append(f"the bar for '{wrong[0]}' does not have the expected height")
                continue
            if ordered and [c for c in chart.categories if c] != list(wanted):
                problems.append("the categories are not in the expected order")
                continue
            return Score(1.0, f"The bar chart shows {what}.")
        raise Fail(f"A bar chart was found but {problems[0]}.")
    values = _array(list(expected))
    for chart in charts:
        actual = chart.values if ordered else np.sort(chart.values)
        target = values if ordered else np.sort(values)
        if _close(actual, target, rtol, atol):
            return Score(1.0, f"The bar chart shows {what}.")
    raise Fail(f"A bar chart was found but its bar heights are not {what}.")


# -- images and colour maps ------------------------------------------------------------------


def find_image(
    where: Where, array: Any, *, rtol: float = 1e-6, atol: float = 1e-9
) -> tuple[Axes, Image] | None:
    """An imshow/matshow image or pcolormesh whose values are `array`."""
    expected = np.asarray(array, dtype=np.float64)
    if expected.ndim != 2:
        raise ValueError("find_image compares 2-D arrays")
    for ax in axes_of(where):
        for image in ax.image_items:
            if image.values is None or image.shape != expected.shape:
                continue
            # Sampled as capture.py samples: every step-th row and column.
            rows = max(1, -(-expected.shape[0] // protocol.MAX_IMAGE_SIDE))
            cols = max(1, -(-expected.shape[1] // protocol.MAX_IMAGE_SIDE))
            sampled = expected[::rows, ::cols]
            if sampled.shape == image.values.shape and _close(
                image.values.ravel(), sampled.ravel(), rtol, atol
            ):
                return ax, image
    return None


def image(
    where: Where,
    array: Any,
    *,
    cmap: str | Sequence[str] | None = None,
    what: str = "the matrix",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """An image (imshow, matshow, pcolormesh) of `array`; with `cmap`, in one of those maps."""
    found = find_image(where, array, rtol=rtol, atol=atol)
    if found is None:
        images = [i for ax in axes_of(where) for i in ax.image_items]
        if not images:
            raise Fail(f"No image was found; draw {what} with imshow or matshow.")
        raise Fail(f"An image was found but its values are not {what}.")
    _, shown = found
    if cmap is not None:
        names = [cmap] if isinstance(cmap, str) else list(cmap)
        if (shown.cmap or "").lower() not in [n.lower() for n in names]:
            return Score(
                0.5, f"The image shows {what} but with the colormap '{shown.cmap}', not {names[0]}."
            )
    return Score(1.0, f"The image shows {what}.")
