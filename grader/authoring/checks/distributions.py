"""Checks on distributions: histograms (by their data or their bins) and box plots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.authoring.checks.locate import Where, axes_of
from grader.authoring.checks.locate import as_array as _array
from grader.authoring.checks.locate import close as _close
from grader.authoring.figures.model import Artist, Axes, Bar, FloatArray, Polygon
from grader.authoring.kit import Fail, Score


@dataclass(frozen=True)
class HistogramFound:
    """A histogram drawn on an axes: its bin edges and bar heights."""

    axes: Axes
    edges: FloatArray
    heights: FloatArray


def _step_outline(polygon: Polygon) -> tuple[FloatArray, FloatArray] | None:
    """Bin edges and heights from the outline of a step histogram (histtype="step")."""
    x, y = polygon.points()
    if x.size < 4:
        return None
    edges = np.unique(x)
    heights = np.zeros(edges.size - 1)
    for i in range(x.size - 1):
        if y[i] == y[i + 1] and x[i] != x[i + 1]:
            lo, hi = sorted((x[i], x[i + 1]))
            inside = (edges[:-1] >= lo) & (edges[1:] <= hi)
            heights[inside] = np.maximum(heights[inside], y[i])
    return edges, heights


def _bar_bins(bars: list[Bar]) -> FloatArray | None:
    """Bin edges under vertical bars, left to right: bars that touch end to end (hist,
    np.histogram drawn with bar), or bars of one width on a regular grid with gaps between
    them (hist with rwidth) whose bins are the grid's cells; None for other bars."""
    bars = sorted(bars, key=lambda b: b.x)
    starts = np.array([b.x for b in bars])
    ends = np.array([b.x + b.width for b in bars])
    if bars and np.all(ends > starts) and np.allclose(starts[1:], ends[:-1], rtol=1e-9, atol=1e-12):
        return np.append(starts, ends[-1])
    if len(bars) < 3:
        return None
    centres, widths = (starts + ends) / 2, ends - starts
    steps = np.diff(centres)
    step = float(np.median(steps))
    if step <= 0 or not np.allclose(steps, step, rtol=1e-6) or np.any(widths > step * (1 + 1e-9)):
        return None
    if not np.allclose(widths, widths[0], rtol=1e-6) or widths[0] < 0.5 * step:
        return None
    return np.append(centres - step / 2, centres[-1] + step / 2)


def _stepped_region(polygon: Polygon) -> bool:
    """One filled region in data coordinates whose outline is all horizontal and vertical
    segments: fill_between(step=...), not a smooth curve or a mesh of many cells."""
    x, y = polygon.x, polygon.y
    while x.size and not np.isfinite(x[-1]):
        x, y = x[:-1], y[:-1]
    if not polygon.data_coordinates or not np.isfinite(x).all() or x.size < 4:
        return False
    dx, dy = np.diff(x), np.diff(y)
    return bool(np.all((np.abs(dx) < 1e-12) | (np.abs(dy) < 1e-12)))


def _step_line(artist: Artist) -> tuple[FloatArray, FloatArray] | None:
    """Bin edges and heights of a histogram drawn as a step line (plt.step, drawstyle)."""
    x, y = artist.finite_points()
    if x.size < 2 or np.any(np.diff(x) <= 0):
        return None
    if artist.drawstyle in ("steps-post", "steps"):
        return (x, y[:-1]) if artist.drawstyle == "steps-post" else (x, y[1:])
    if artist.drawstyle == "steps-pre":
        return x, y[1:]
    if artist.drawstyle == "steps-mid":
        middle = (x[1:] + x[:-1]) / 2
        edges = np.concatenate([[x[0] - (middle[0] - x[0])], middle, [x[-1] + x[-1] - middle[-1]]])
        return edges, y
    return None


def histograms(where: Where) -> list[HistogramFound]:
    """Every histogram, whatever drew it: touching bars (hist, or np.histogram drawn with
    bar), bars with gaps on a regular grid (hist with rwidth), step outlines (histtype="step",
    stairs), stepped fill_between and step lines."""
    found = []
    for ax in axes_of(where):
        for group in ax.bar_groups:
            if not group.bars or group.horizontal:
                continue
            edges = _bar_bins(list(group.bars))
            if edges is not None:
                heights = np.array([b.height for b in sorted(group.bars, key=lambda b: b.x)])
                found.append(HistogramFound(ax, edges, heights))
        for polygon in ax.polygons:
            outline = _step_outline(polygon) if polygon.data_coordinates else None
            if outline is not None:
                found.append(HistogramFound(ax, *outline))
        for artist in ax.artists:
            if artist.outline is not None and _stepped_region(artist.outline):
                outline = _step_outline(artist.outline)
                if outline is not None:
                    found.append(HistogramFound(ax, *outline))
            elif artist.kind == "line" and artist.drawstyle.startswith("steps"):
                stepped = _step_line(artist)
                if stepped is not None:
                    found.append(HistogramFound(ax, *stepped))
    return found


def _exact_edges(edges: FloatArray, values: FloatArray) -> FloatArray:
    """Bin edges as the candidate's program had them, before bars turned them into x and width.

    Bars store their left edge and width, which come back a rounding error away from the
    edges np.histogram used, and a value lying on an edge would then change bins. Edges close
    to np.histogram's own for that many bins are taken to be those; others are rounded to
    nine significant digits of the histogram's range.
    """
    if values.size:
        uniform = np.histogram_bin_edges(values, bins=edges.size - 1)
        if np.allclose(edges, uniform, rtol=0, atol=1e-9 * max(np.ptp(uniform), 1e-12)):
            return np.asarray(uniform, dtype=np.float64)
    span = max(float(edges[-1] - edges[0]), 1e-12)
    decimals = 9 - int(np.floor(np.log10(span)))
    return np.asarray(np.round(edges, decimals), dtype=np.float64)


def _scalings(
    counts: np.ndarray[Any, Any], hist: HistogramFound, density: bool | None
) -> list[FloatArray]:
    """The heights a histogram of these counts may have: counts, and unless `density` is
    False the density; with `density=None` also the relative frequency and the percentage
    (hist with weights=np.ones(n) / n, or * 100)."""
    total = max(int(counts.sum()), 1)
    raw = counts.astype(np.float64)
    densities = raw / total / np.diff(hist.edges)
    if density is True:
        return [densities]
    if density is False:
        return [raw]
    return [raw, densities, raw / total, 100 * raw / total]


def histogram(
    where: Where,
    data: Any,
    *,
    bins: int | Sequence[float] | None = None,
    density: bool | None = None,
    what: str = "the data",
    rtol: float = 1e-6,
) -> Score:
    """A histogram of `data`: its heights are the counts of `data` in its own bins.

    Any binning passes unless `bins` is given: a number of bins (any range), or the bin
    edges; a histogram of the right data with other bins then earns half. `density=None`
    accepts every scaling of the counts: counts, density, relative frequency and percentage;
    `density=True` only the density, `False` only the counts.
    """
    values = _array(data)
    values = values[np.isfinite(values)]
    found = histograms(where)
    if not found:
        raise Fail(f"No histogram was found; draw {what} with plt.hist.")
    wanted_edges = None if bins is None or isinstance(bins, int) else _array(bins)

    def binned_as_asked(hist: HistogramFound) -> bool:
        if isinstance(bins, int):
            return bool(hist.edges.size - 1 == bins)
        return wanted_edges is None or _close(hist.edges, wanted_edges, 1e-6, 1e-9)

    right_data: HistogramFound | None = None
    for hist in found:
        if hist.edges.size < 2 or np.any(np.diff(hist.edges) <= 0):
            continue
        if hist.heights.size != hist.edges.size - 1:
            continue
        edges = _exact_edges(hist.edges, values)
        counts, _ = np.histogram(values, bins=edges)
        if not any(_close(hist.heights, h, rtol, 1e-9) for h in _scalings(counts, hist, density)):
            continue
        if binned_as_asked(hist):
            return Score(1.0, f"The histogram shows {what}.")
        right_data = hist
    if right_data is not None:
        shown = right_data.edges.size - 1
        asked = f"the {bins} bins" if isinstance(bins, int) else "the bin edges"
        return Score(
            0.5, f"The histogram shows {what} but with {shown} bins, not {asked} asked for."
        )
    raise Fail(f"A histogram was found but its bar heights are not the counts of {what}.")


def histogram_bins(
    where: Where,
    *,
    edges: Sequence[float] | None = None,
    counts: Sequence[float] | None = None,
    what: str = "the expected bins",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """A histogram with exactly these bin `edges` and/or bar heights `counts`, when the data
    behind it is not known to the test (otherwise prefer `histogram`)."""
    if edges is None and counts is None:
        raise ValueError("histogram_bins needs edges, counts or both")
    found = histograms(where)
    if not found:
        raise Fail("No histogram was found; draw one with plt.hist.")
    for hist in found:
        if edges is not None and not _close(hist.edges, _array(edges), rtol, atol):
            continue
        if counts is not None and not _close(hist.heights, _array(counts), rtol, atol):
            continue
        return Score(1.0, f"The histogram has {what}.")
    raise Fail(f"A histogram was found but it does not have {what}.")


# -- box plots -------------------------------------------------------------------------------


def find_boxplot(
    where: Where, data: Any, *, rtol: float = 1e-6, atol: float = 1e-9
) -> tuple[Axes | None, bool]:
    """The axes holding a box plot of `data`, and whether any box plot was seen at all.

    A box plot of the data has a median line at the data's median and a box spanning its
    quartiles, in either orientation, drawn as lines or (patch_artist=True) as a patch.
    """
    values = _array(data)
    values = values[np.isfinite(values)]
    q1, median, q3 = (float(v) for v in np.percentile(values, [25, 50, 75]))

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= atol + rtol * max(abs(b), abs(q3 - q1))

    saw_box = False
    for ax in axes_of(where):
        shapes: list[tuple[FloatArray, FloatArray]] = [
            a.finite_points() for a in ax.artists if a.kind == "line" and a.axline is None
        ]
        shapes += [p.points() for p in ax.polygons]
        for flip in (False, True):
            spans = [(y, x) if flip else (x, y) for x, y in shapes]
            medians = [
                y
                for x, y in spans
                if y.size == 2 and y[0] == y[1] and x[0] != x[1] and near(y[0], median)
            ]
            boxes = [
                y
                for x, y in spans
                if y.size >= 4
                and np.unique(x).size >= 2
                and near(y.min(), q1)
                and near(y.max(), q3)
            ]
            closed = [y for x, y in spans if x.size >= 5 and x[0] == x[-1] and y[0] == y[-1]]
            if boxes or medians or closed:
                saw_box = True
            if boxes and medians:
                return ax, True
    return None, saw_box


def boxplot(
    where: Where,
    data: Any,
    *,
    what: str = "the data",
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> Score:
    """A box plot of `data` (plt.boxplot, pandas .plot.box/.boxplot), either orientation."""
    found, saw_box = find_boxplot(where, data, rtol=rtol, atol=atol)
    if found is not None:
        return Score(1.0, f"The box plot shows {what}.")
    if saw_box:
        raise Fail(f"A box plot was found but its box or median does not match {what}.")
    raise Fail(f"No box plot of {what} was found; draw one with plt.boxplot.")
