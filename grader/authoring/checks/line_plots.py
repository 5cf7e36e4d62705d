"""Checks on line plots: curves, straight lines (plot or axline), steps and filled bands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from grader.authoring.checks.locate import Where, axes_of
from grader.authoring.checks.locate import as_array as _array
from grader.authoring.checks.locate import close as _close
from grader.authoring.figures.matching import match_function, shows_in_render
from grader.authoring.figures.model import Artist, FloatArray
from grader.authoring.figures.values import within
from grader.authoring.kit import Fail, Score


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


def find_fitted_line(where: Where, x: Any, y: Any, *, fraction: float = 0.01) -> Artist | None:
    """A line (plot or axline) that is the least-squares line of `y` on `x`, to the eye.

    It is when, everywhere on its plotted x range (its own points, or the view for an axline),
    it lies within `fraction` (1 %) of the data's y range of the exact fit: so a fit found
    another way (sklearn, scipy, gradient descent, rounded coefficients) passes and a line a
    reader could tell apart does not. Prefers a line that shows in the render.
    """
    ex, ey = _array(x), _array(y)
    slope, intercept = np.polyfit(ex, ey, 1)
    tolerance = fraction * max(float(np.ptp(ey)), 1e-12)
    found: list[Artist] = []
    for ax in axes_of(where):
        for artist in ax.artists:
            if not (artist.is_line_plot and artist.data_coordinates):
                continue
            if artist.axline is not None:
                lo, hi = ax.xlim if ax.xlim is not None else (float(ex.min()), float(ex.max()))
                px = np.array([lo, hi], dtype=np.float64)
                py = artist.axline.y_at(px)
                if py is None:
                    continue
            else:
                px, py = artist.finite_points()
            if px.size < 2 or float(np.ptp(px)) <= 0:
                continue
            if np.all(np.abs(py - (slope * px + intercept)) <= tolerance):
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


# -- steps and filled bands ------------------------------------------------------------------


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
            on_1 = within(vy, np.interp(vx, ex, e1), rtol, atol)
            on_2 = within(vy, np.interp(vx, ex, e2), rtol, atol)
        spans = vx.min() <= ex.min() + atol and vx.max() >= ex.max() - atol
        if spans and bool(np.all(on_1 | on_2)) and bool(on_1.any()) and bool(on_2.any()):
            return Score(1.0, f"The filled region shows {what}.")
    raise Fail(f"A filled region was found but it does not cover {what}.")
