"""Checks on scatter plots: a scatter (or marker-only line) of exactly the expected points."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.authoring.checks.locate import Where, axes_of
from grader.authoring.checks.locate import as_array as _array
from grader.authoring.checks.locate import close as _close
from grader.authoring.figures.model import Artist, FloatArray
from grader.authoring.kit import Fail, Score


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
