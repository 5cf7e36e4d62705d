"""Checks around the data: colorbars, colours, labels, titles, legends, limits, scales, texts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from grader.authoring.checks.colours import colours_match, describe
from grader.authoring.checks.locate import Text, Where, axes_of
from grader.authoring.checks.locate import mentions as _mentions
from grader.authoring.checks.locate import wanted_text as _wanted
from grader.authoring.figures.model import Axes
from grader.authoring.figures.values import is_blank
from grader.authoring.kit import Fail, Score


def colorbar(where: Where, *, label: Text = None) -> Score:
    """An image or mesh has a colorbar; with `label`, a colorbar label mentioning it."""
    axes = axes_of(where)
    with_bar = any(i.colorbar for ax in axes for i in ax.image_items)
    figures = {id(ax.figure): ax.figure for ax in axes if ax.figure is not None}
    bars_ = [ax.colorbar for f in figures.values() for ax in f.axes if ax.colorbar is not None]
    if not (with_bar or bars_):
        raise Fail("The figure has no colorbar; add one with plt.colorbar() or fig.colorbar(im).")
    if label is not None and not any(_mentions(b.label, label) for b in bars_):
        raise Fail(f"The colorbar has no label{_wanted(label)}.")
    return Score(1.0, "The figure has a colorbar.")


# -- colours ---------------------------------------------------------------------------------


def colour(actual: str | None, expected: str, *, what: str, tolerance: float = 0.2) -> Score:
    """`actual` reads as the colour `expected` (see colours.colours_match)."""
    if colours_match(actual, expected, tolerance=tolerance):
        return Score(1.0, f"{what[0].upper()}{what[1:]} is {expected}.")
    raise Fail(f"{what[0].upper()}{what[1:]} should be {expected} but is {describe(actual)}.")


# -- labels, titles, legends, limits, scales, ticks, texts -----------------------------------


def _labelled(where: Where, read: Callable[[Axes], str], wanted: Text, what: str) -> Score:
    if any(_mentions(read(ax), wanted) for ax in axes_of(where)):
        article = "an" if what.startswith(("x-", "a", "e", "i", "o", "u")) else "a"
        return Score(1.0, f"The plot has {article} {what}{_wanted(wanted)}.")
    raise Fail(f"The plot has no {what}{_wanted(wanted)}.")


def xlabel(where: Where, contains: Text = None) -> Score:
    """Some axes has a non-blank x-axis label (mentioning one of `contains`)."""
    return _labelled(where, lambda ax: ax.xlabel, contains, "x-axis label")


def ylabel(where: Where, contains: Text = None) -> Score:
    """Some axes has a non-blank y-axis label (mentioning one of `contains`)."""
    return _labelled(where, lambda ax: ax.ylabel, contains, "y-axis label")


def title(where: Where, contains: Text = None, *, suptitle_counts: bool = True) -> Score:
    """Some axes has a title (its figure's suptitle counts unless `suptitle_counts=False`)."""

    def read(ax: Axes) -> str:
        own = ax.title
        if not is_blank(own) or not suptitle_counts or ax.figure is None:
            return own
        return ax.figure.suptitle

    return _labelled(where, read, contains, "title")


def suptitle(where: Where, contains: Text = None) -> Score:
    """The figure has a suptitle (fig.suptitle)."""
    return _labelled(
        where, lambda ax: ax.figure.suptitle if ax.figure else "", contains, "suptitle"
    )


def legend(where: Where, labels: Sequence[str] | None = None, *, entries: int = 1) -> Score:
    """A legend (on an axes or the figure) with at least `entries` entries shows; with
    `labels`, each is (part of) one of its entries, case-insensitive."""
    axes = axes_of(where)
    texts: list[str] = []
    shown = False
    for ax in axes:
        if ax.legend is not None and ax.legend_visible:
            shown = True
            texts += ax.legend
    for figure in {id(ax.figure): ax.figure for ax in axes if ax.figure is not None}.values():
        for figure_legend in figure.legends:
            shown = True
            texts += [e.label for e in figure_legend]
    if not shown:
        raise Fail("The plot has no legend; label the plotted data and call plt.legend().")
    texts = [t for t in texts if not is_blank(t)]
    if len(texts) < entries:
        raise Fail(f"The legend should have at least {entries} labelled entries, not {len(texts)}.")
    missing = [
        label
        for label in labels or []
        if not any(label.strip().lower() in entry.lower() for entry in texts)
    ]
    if missing:
        raise Fail(f"The legend has no entry for '{missing[0]}'.")
    return Score(1.0, "The plot has a legend" + (" with the expected entries." if labels else "."))


def limits(
    where: Where,
    *,
    x: tuple[float, float] | None = None,
    y: tuple[float, float] | None = None,
    exact: bool = False,
    rtol: float = 1e-3,
) -> Score:
    """The view shows at least x and y ranges (exactly them with `exact=True`)."""

    def fits(view: tuple[float, float] | None, wanted: tuple[float, float] | None) -> bool:
        if wanted is None:
            return True
        if view is None:
            return False
        lo, hi = sorted(view)
        w_lo, w_hi = sorted(wanted)
        tol = rtol * max(abs(w_hi - w_lo), 1e-12)
        if exact:
            return abs(lo - w_lo) <= tol and abs(hi - w_hi) <= tol
        return lo <= w_lo + tol and hi >= w_hi - tol

    if any(fits(ax.xlim, x) and fits(ax.ylim, y) for ax in axes_of(where)):
        return Score(1.0, "The axes' limits show the expected range.")
    parts = [f"{n} from {r[0]:g} to {r[1]:g}" for n, r in (("x", x), ("y", y)) if r is not None]
    how = "exactly" if exact else "at least"
    raise Fail(f"The axes' limits should show {how} {' and '.join(parts)}.")


def scale(where: Where, *, x: str | None = None, y: str | None = None) -> Score:
    """The axes use the given scales ("linear", "log", "symlog", "logit")."""
    for ax in axes_of(where):
        if (x is None or ax.xscale == x) and (y is None or ax.yscale == y):
            return Score(1.0, "The axes use the expected scales.")
    parts = [f"a {s} scale on the {n}-axis" for n, s in (("x", x), ("y", y)) if s is not None]
    raise Fail(f"The axes should use {' and '.join(parts)} (for example plt.yscale('log')).")


def tick_labels(
    where: Where, labels: Sequence[str], *, axis: str = "x", ordered: bool = False
) -> Score:
    """The axis shows every one of `labels` as a tick label (in that order with `ordered`)."""
    wanted = [str(label).strip() for label in labels]
    for ax in axes_of(where):
        shown = [t.label.strip() for t in (ax.xticks if axis == "x" else ax.yticks)]
        present = [s for s in shown if s in wanted]
        if set(wanted) <= set(shown) and (not ordered or present == wanted):
            return Score(1.0, f"The {axis}-axis shows the expected tick labels.")
    shown_here = ", ".join(wanted[:3]) + (f" and {len(wanted) - 3} more" if len(wanted) > 3 else "")
    raise Fail(f"The {axis}-axis tick labels should show {shown_here}.")


def text(
    where: Where,
    contains: str,
    *,
    near: tuple[float, float] | None = None,
    tolerance: float = 0.0,
    what: str | None = None,
) -> Score:
    """A text or annotation shows `contains`; with `near`, placed (or pointing) there in data
    coordinates within `tolerance`."""
    label = what or f"text containing '{contains}'"
    candidates = []
    for ax in axes_of(where):
        candidates += [t for t in ax.text_items if t.visible and contains.lower() in t.text.lower()]
        if ax.figure is not None and near is None:
            candidates += [t for t in ax.figure.texts if contains.lower() in t.text.lower()]
    if not candidates:
        raise Fail(f"The figure has no {label}; add it with plt.text or plt.annotate.")
    if near is None:
        return Score(1.0, f"The figure has {label}.")
    for item in candidates:
        spots = [item.xy] if item.xy is not None else []
        if item.data_coordinates and item.x is not None and item.y is not None:
            spots.append((item.x, item.y))
        if any(
            abs(sx - near[0]) <= tolerance and abs(sy - near[1]) <= tolerance for sx, sy in spots
        ):
            return Score(1.0, f"The figure has {label} at the expected place.")
    return Score(0.5, f"The figure has {label} but not at the expected place.")
