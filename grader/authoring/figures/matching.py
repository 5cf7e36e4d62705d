"""Whether an artist follows an expected function over a range, and whether it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grader.authoring.figures.model import Artist, FloatArray


@dataclass(frozen=True)
class FunctionMatch:
    """How one data artist compares with an expected function over an x range."""

    artist: Artist
    follows: bool
    covers: bool
    x_min: float | None
    x_max: float | None


def _close(a: FloatArray, b: FloatArray, rtol: float, atol: float) -> bool:
    return bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b)))


def match_function(
    artist: Artist,
    func: Callable[[FloatArray], FloatArray],
    x_range: tuple[float, float],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-6,
) -> FunctionMatch:
    """Whether the artist's data follows `func` and spans `x_range`.

    Data follows when it has at least two distinct finite x values and every finite point lies
    on the function within tolerance. An axline follows when it coincides with the function
    across the range; it spans the range when the axes' x-limits cover it.
    """
    lo, hi = x_range
    lo_tol, hi_tol = atol + rtol * abs(lo), atol + rtol * abs(hi)
    if artist.axline is not None:
        samples: FloatArray = np.linspace(lo, hi, 11, dtype=np.float64)
        y = artist.axline.y_at(samples)
        follows = y is not None and _close(y, func(samples), rtol, atol)
        xlim = artist.axes.xlim if artist.axes is not None else None
        covers = xlim is not None and min(xlim) <= lo + lo_tol and max(xlim) >= hi - hi_tol
        return FunctionMatch(
            artist,
            follows,
            follows and covers,
            None if xlim is None else min(xlim),
            None if xlim is None else max(xlim),
        )
    x, y = artist.finite_points()
    if x.size < 2 or np.unique(x).size < 2:
        return FunctionMatch(artist, False, False, None, None)
    with np.errstate(all="ignore"):
        follows = _close(y, np.asarray(func(x), dtype=np.float64), rtol, atol)
    x_min, x_max = float(x.min()), float(x.max())
    covers = follows and x_min <= lo + lo_tol and x_max >= hi - hi_tol
    return FunctionMatch(artist, follows, covers, x_min, x_max)


def shows_in_render(artist: Artist) -> bool:
    """The artist is visible, not transparent, has data in view and left pixels in the render."""
    if not artist.visible or (artist.alpha is not None and artist.alpha <= 0):
        return False
    if artist.pixels is None or artist.pixels <= 0:
        return False
    axes = artist.axes
    if axes is None or axes.xlim is None or axes.ylim is None or not axes.visible:
        return False
    x_lo, x_hi = sorted(axes.xlim)
    y_lo, y_hi = sorted(axes.ylim)
    if artist.axline is not None:
        y = artist.axline.y_at(np.array([x_lo, x_hi]))
        if y is None:  # vertical: in view when its x is
            return x_lo <= artist.axline.xy1[0] <= x_hi
        return bool(min(y) <= y_hi and max(y) >= y_lo)
    x, y = artist.finite_points()
    inside = (x >= x_lo) & (x <= x_hi) & (y >= y_lo) & (y <= y_hi)
    return bool(inside.any())
