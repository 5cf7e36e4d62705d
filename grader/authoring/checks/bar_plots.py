"""Checks on bar charts (bar, barh, pandas .plot.bar): heights by category or in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.authoring.checks.locate import Where, axes_of
from grader.authoring.checks.locate import as_array as _array
from grader.authoring.checks.locate import close as _close
from grader.authoring.figures.model import Axes, BarGroup, FloatArray, Tick
from grader.authoring.kit import Fail, Score


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


def _groups(ax: Axes, orientation: str | None) -> list[BarGroup]:
    """The axes' bar groups, and first, when several calls drew bars of one orientation at
    distinct positions (one `bar()` per category, for its colour or legend entry), all of
    them as one chart."""
    groups = [
        g for g in ax.bar_groups if g.bars and (orientation is None or g.orientation == orientation)
    ]
    merged = []
    for way in ("vertical", "horizontal"):
        same = [g for g in groups if g.orientation == way]
        if len(same) < 2:
            continue
        bars = tuple(b for g in same for b in g.bars)
        positions = np.concatenate([g.positions() for g in same])
        sizes = np.array([b.height if way == "horizontal" else b.width for b in bars])
        order = np.argsort(positions, kind="stable")
        gaps = np.diff(positions[order])
        if np.all(gaps >= 0.5 * np.minimum(sizes[order][1:], sizes[order][:-1])):
            merged.append(BarGroup(way, "", bars))
    return merged + groups


def bar_charts(where: Where, *, orientation: str | None = None) -> list[BarsFound]:
    """Every bar chart with its categories read from the tick labels under each bar: each bar
    group, and the bars of several groups side by side (one `bar()` call per category)."""
    found = []
    for ax in axes_of(where):
        for group in _groups(ax, orientation):
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
