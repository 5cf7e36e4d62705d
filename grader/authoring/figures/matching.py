"""Whether an artist follows an expected function over a range, and whether it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from grader.authoring.figures.model import Artist, FloatArray
from grader.authoring.figures.values import all_within


@dataclass(frozen=True)
class FunctionMatch:
    """How one data artist compares with an expected function over an x range."""

    artist: Artist
    follows: bool
    covers: bool
    x_min: float | None
    x_max: float | None


def _close(a: FloatArray, b: FloatArray, rtol: float, atol: float) -> bool:
    return all_within(a, b, rtol, atol)


def _expected(func: Callable[[FloatArray], FloatArray], x: FloatArray) -> FloatArray:
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(func(x), dtype=np.float64), x.shape)


def _in_range(
    x: FloatArray, y: FloatArray, lo: float, hi: float
) -> tuple[FloatArray, FloatArray, int]:
    """The points inside [lo, hi] and the nearest point beyond each end (it draws the line into
    the range), sorted by x, and how many are inside."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order]
    first = int(np.searchsorted(xs, lo, side="left"))
    stop = int(np.searchsorted(xs, hi, side="right"))
    start, end = max(first - 1, 0), min(stop + 1, xs.size)
    return xs[start:end], ys[start:end], int(np.unique(xs[first:stop]).size)


def match_function(
    artist: Artist,
    func: Callable[[FloatArray], FloatArray],
    x_range: tuple[float, float],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-6,
) -> FunctionMatch:
    """Whether the artist's data follows `func` and spans `x_range`.

    Data follows when it has at least two distinct finite x values inside the range and every
    finite point there (and the nearest one beyond each end) lies on the function within
    tolerance; points elsewhere are not compared, and a point where the function is not finite
    never lies on it. An axline follows when it coincides with the function
    across the range; it spans the range when the axes' x-limits cover it.
    """
    lo, hi = x_range
    lo_tol, hi_tol = atol + rtol * abs(lo), atol + rtol * abs(hi)
    if artist.axline is not None:
        samples: FloatArray = np.linspace(lo, hi, 11, dtype=np.float64)
        y = artist.axline.y_at(samples)
        follows = y is not None and _close(y, _expected(func, samples), rtol, atol)
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
    x, y, inside = _in_range(x, y, lo - lo_tol, hi + hi_tol)
    if inside < 2:
        return FunctionMatch(artist, False, False, None, None)
    with np.errstate(all="ignore"):
        follows = _close(y, _expected(func, x), rtol, atol)
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
