"""Where a figure check looks (a FigureSet, one Axes or a list), finders, and comparisons.

Shared by every family of checks; authors reach these through `checks`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.model import Axes, FloatArray
from grader.authoring.figures.values import all_within, is_blank
from grader.authoring.kit import Fail, Score

Where = FigureSet | Axes | Iterable[Axes]
Text = str | Sequence[str] | None


def axes_of(where: Where) -> list[Axes]:
    """The axes to look in, colorbars left out."""
    if isinstance(where, FigureSet):
        found = where.all_axes()
    elif isinstance(where, Axes):
        found = [where]
    else:
        found = list(where)
    return [ax for ax in found if ax.colorbar is None]


def as_array(values: Any) -> FloatArray:
    """Expected values (list, tuple, numpy, pandas) as a flat float array."""
    return np.asarray(values, dtype=np.float64).ravel()


def close(actual: FloatArray, expected: FloatArray, rtol: float, atol: float) -> bool:
    """Same shape and every value within atol + rtol * |expected|, as numpy.isclose, with
    no non-finite value on either side ever matching."""
    return all_within(actual, expected, rtol, atol)


def mentions(value: str, wanted: Text) -> bool:
    """Non-blank (a visible character), and containing one of `wanted` (case-insensitive)
    when it is given."""
    if is_blank(value):
        return False
    if wanted is None:
        return True
    options = [wanted] if isinstance(wanted, str) else list(wanted)
    return any(option.lower() in value.lower() for option in options)


def wanted_text(wanted: Text) -> str:
    """The ' mentioning ...' part of a message, empty when nothing particular is wanted."""
    if wanted is None:
        return ""
    options = [wanted] if isinstance(wanted, str) else list(wanted)
    return " mentioning " + " or ".join(f"'{o}'" for o in options)


# -- finding the axes that answer ------------------------------------------------------------


def find_axes(where: Where, predicate: Callable[[Axes], bool]) -> list[Axes]:
    """The axes (colorbars left out) for which `predicate` holds, in figure order."""
    return [ax for ax in axes_of(where) if predicate(ax)]


def has_bars(ax: Axes) -> bool:
    """The axes holds bars of a bar, barh or hist call."""
    return any(group.bars for group in ax.bar_groups)


def has_image(ax: Axes) -> bool:
    """The axes holds a visible image or mesh."""
    return any(image.visible for image in ax.image_items)


def has_scatter(ax: Axes) -> bool:
    """The axes holds a scatter collection or a marker-only line in data coordinates."""
    return any(
        a.data_coordinates and (a.kind == "scatter" or a.is_markers_only) for a in ax.artists
    )


def has_lines(ax: Axes) -> bool:
    """The axes holds a line plot (or axline) in data coordinates."""
    return any(a.is_line_plot and a.data_coordinates for a in ax.artists)


def drawn_axes(where: Where) -> list[Axes]:
    """The visible axes with something drawn on them: the candidate's own panels, whatever
    their data. Presentation checks (labels, titles, legends) look here when the panel
    holding the expected data is not found, so a data mistake is not charged again."""
    return [
        ax
        for ax in axes_of(where)
        if ax.visible and (ax.artists or ax.bars or ax.polygons or ax.image_items)
    ]


def side_by_side(first: Axes, second: Axes, *, what: str = "the two plots") -> Score:
    """The two axes are panels of one figure placed side by side (left and right), by where
    each sits in the figure: stacked panels or separate figures fail."""
    if first is second or first.figure is None or first.figure is not second.figure:
        raise Fail(
            f"{what[0].upper()}{what[1:]} should be two subplots of one figure, for example "
            "from plt.subplots(1, 2)."
        )
    beside = first.beside(second)
    if beside is None:
        raise Fail(f"Where {what} sit in the figure could not be read.")
    if not beside:
        raise Fail(
            f"{what[0].upper()}{what[1:]} are subplots of one figure but not side by side: "
            "place them in one row, for example with plt.subplots(1, 2)."
        )
    return Score(1.0, f"{what[0].upper()}{what[1:]} are side by side in one figure.")


def subplots(where: Where, count: int, *, what: str = "subplots") -> Score:
    """At least `count` axes with something drawn on them in one figure."""
    figures = {id(ax.figure): ax.figure for ax in axes_of(where) if ax.figure is not None}
    best = 0
    for figure in figures.values():
        drawn = [
            ax
            for ax in axes_of(figure.axes)
            if ax.visible and (ax.artists or ax.bars or ax.polygons or ax.image_items)
        ]
        best = max(best, len(drawn))
    if best >= count:
        return Score(1.0, f"The figure has {count} {what}.")
    raise Fail(
        f"Expected one figure with {count} {what} (for example plt.subplots(1, {count})), "
        f"found at most {best} with something drawn on them."
    )
