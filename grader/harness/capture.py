"""Figure capture inside the candidate process: keep every figure, then describe and render it.

Runs in the candidate's interpreter, so everything it writes can be forged by the candidate.
That is acceptable: a forged description of a correct figure is as much work as drawing it,
and the harness validates every field it reads.
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import warnings
from collections.abc import Callable
from typing import Any

import matplotlib
import numpy as np

from grader.harness import protocol

matplotlib.use("agg", force=True)

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection, PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

_figures: list[Figure] = []
_installed = False


def install() -> None:
    """Keep every figure alive for the capture and make interactive calls harmless."""
    global _installed
    if _installed:
        return
    _installed = True
    original_init = Figure.__init__

    def tracking_init(self: Figure, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        if len(_figures) < protocol.MAX_FIGURES:
            _figures.append(self)

    Figure.__init__ = tracking_init  # type: ignore[method-assign]  # capture every figure

    requested: list[str] = []

    def use(backend: str, force: bool = True) -> None:
        # Programs written for a desktop ask for TkAgg or Qt; the sandbox has no screen.
        requested.append(str(backend))

    original_switch = plt.switch_backend

    def switch_backend(newbackend: str) -> None:
        original_switch("agg")

    def show(*args: Any, **kwargs: Any) -> None:
        return None

    def pause(interval: float) -> None:
        # pyplot.pause would sleep for the interval with a non-interactive backend.
        return None

    matplotlib.use = use
    plt.switch_backend = switch_backend
    plt.show = show
    plt.pause = pause
    warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)
    warnings.filterwarnings("ignore", message=".*cannot be shown.*", category=UserWarning)


def _b64_floats(values: np.ndarray[Any, Any]) -> str:
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def _float_array(values: Any) -> np.ndarray[Any, Any]:
    try:
        array: np.ndarray[Any, Any] = np.array(values, dtype=float).ravel()
        # Masked points are not drawn: describe them as gaps, as matplotlib does.
        mask = np.ravel(np.asarray(getattr(values, "mask", False), dtype=bool))
        if mask.size == array.size:
            array[mask] = np.nan
    except (TypeError, ValueError):
        return np.zeros(0)
    if array.size > protocol.MAX_POINTS_PER_ARTIST:
        # Evenly spaced points plus the last one, so the data's span survives the thinning.
        step = math.ceil(array.size / protocol.MAX_POINTS_PER_ARTIST)
        array = np.concatenate([array[::step][: protocol.MAX_POINTS_PER_ARTIST - 1], array[-1:]])
    return np.asarray(array, dtype=float)


def _hex(color: Any) -> str | None:
    try:
        return to_hex(to_rgba(color), keep_alpha=True)
    except (TypeError, ValueError):
        return None


def _num(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_data_transform(artist: Any, axes: Axes) -> bool:
    try:
        return bool(artist.get_transform() == axes.transData)
    except Exception:  # noqa: BLE001  (a broken artist is described as not in data coordinates)
        return False


def _describe_line(line: Line2D, axes: Axes) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": "line",
        "label": str(line.get_label()),
        "visible": bool(line.get_visible()),
        "alpha": _num(line.get_alpha()),
        "linestyle": str(line.get_linestyle()),
        "drawstyle": str(line.get_drawstyle()),
        "marker": str(line.get_marker()),
        "linewidth": _num(line.get_linewidth()),
        "color": _hex(line.get_color()),
        "data_coordinates": _is_data_transform(line, axes),
        "axline": None,
    }
    get_xy1 = getattr(line, "get_xy1", None)
    if get_xy1 is not None:  # an infinite line from Axes.axline
        xy1 = get_xy1()
        xy2 = line.get_xy2()  # type: ignore[attr-defined]
        slope = line.get_slope()  # type: ignore[attr-defined]
        entry["axline"] = {
            "xy1": [_num(xy1[0]), _num(xy1[1])],
            "xy2": None if xy2 is None else [_num(xy2[0]), _num(xy2[1])],
            "slope": _num(slope),
        }
        entry["data_coordinates"] = line.get_transform() is not None
        entry["x"] = entry["y"] = _b64_floats(np.zeros(0))
        entry["n"] = 0
        return entry
    xy = np.asarray(line.get_xydata(), dtype=float).reshape(-1, 2)
    x = _float_array(xy[:, 0])
    y = _float_array(xy[:, 1])
    entry["x"], entry["y"], entry["n"] = _b64_floats(x), _b64_floats(y), int(x.size)
    return entry


def _describe_collection(collection: Collection, axes: Axes) -> dict[str, Any]:
    offsets = np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)
    faces = collection.get_facecolor()
    edges = collection.get_edgecolor()
    face = _hex(faces[0]) if len(faces) else None
    edge = _hex(edges[0]) if len(edges) else None
    offset_transform = collection.get_offset_transform()
    return {
        "kind": "scatter" if isinstance(collection, PathCollection) else "collection",
        "type": type(collection).__name__,
        "label": str(collection.get_label()),
        "visible": bool(collection.get_visible()),
        "alpha": _num(collection.get_alpha()),
        "color": face if face is not None else edge,
        "data_coordinates": bool(offset_transform == axes.transData),
        "x": _b64_floats(_float_array(offsets[:, 0])),
        "y": _b64_floats(_float_array(offsets[:, 1])),
        "n": int(offsets.shape[0]),
    }


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _describe_axes(axes: Axes, index: int) -> dict[str, Any]:
    artists: list[dict[str, Any]] = []
    for line in list(axes.lines)[: protocol.MAX_ARTISTS_PER_AXES]:
        artists.append(_describe_line(line, axes))
    for collection in list(axes.collections)[: protocol.MAX_ARTISTS_PER_AXES]:
        artists.append(_describe_collection(collection, axes))
    bars = [p for p in axes.patches if isinstance(p, Rectangle)]
    legend = axes.get_legend()
    return {
        "index": index,
        "visible": bool(axes.get_visible()),
        "title": {loc: _text(axes.get_title(loc)) for loc in ("left", "center", "right")},
        "xlabel": _text(axes.get_xlabel()),
        "ylabel": _text(axes.get_ylabel()),
        "xlim": [_num(v) for v in axes.get_xlim()],
        "ylim": [_num(v) for v in axes.get_ylim()],
        "xscale": str(axes.get_xscale()),
        "yscale": str(axes.get_yscale()),
        "artists": artists,
        "patches": {"rectangles": len(bars), "total": len(axes.patches)},
        "images": len(axes.images),
        "texts": [_text(t.get_text()) for t in axes.texts][: protocol.MAX_ARTISTS_PER_AXES],
        "legend": None
        if legend is None
        else [_text(t.get_text()) for t in legend.get_texts()][: protocol.MAX_ARTISTS_PER_AXES],
    }


def _render(canvas: FigureCanvasAgg) -> np.ndarray[Any, Any]:
    canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's stubs leave it untyped
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]  # likewise
    return np.asarray(rgba).copy()


def _sentinel_for(color: str | None) -> str:
    magenta, green = "#ff00ff", "#00ff00"
    if color is None:
        return magenta
    r, g, b, _ = to_rgba(color)
    return green if (r > 0.8 and b > 0.8 and g < 0.2) else magenta


def _recolor(artist: Any, color: str) -> Callable[[], None]:
    """Paint the artist in `color`; return what puts its own colours back."""
    if isinstance(artist, Line2D):
        saved = (artist.get_color(), artist.get_markerfacecolor(), artist.get_markeredgecolor())
        artist.set_color(color)
        artist.set_markerfacecolor(color)
        artist.set_markeredgecolor(color)

        def restore_line() -> None:
            artist.set_color(saved[0])
            artist.set_markerfacecolor(saved[1])
            artist.set_markeredgecolor(saved[2])

        return restore_line
    if isinstance(artist, Collection):
        array, faces, edges = artist.get_array(), artist.get_facecolor(), artist.get_edgecolor()
        artist.set_array(None)
        artist.set_facecolor(color)
        artist.set_edgecolor(color)

        def restore_collection() -> None:
            artist.set_facecolor(faces)
            artist.set_edgecolor(edges)
            artist.set_array(array)

        return restore_collection
    return lambda: None


def _pixel_presence(
    canvas: FigureCanvasAgg,
    baseline: np.ndarray[Any, Any],
    pairs: list[tuple[Any, dict[str, Any]]],
) -> None:
    """Count, per data artist, the pixels where it shows in the render.

    A pixel counts when the artist is uppermost there (painting it alone in a sentinel colour
    changes that pixel) and the artists make a difference there (the render differs from one
    with every data artist hidden). So a line under another artist, or white on white, shows
    nowhere, while one of two identical lines still shows.
    """
    checked = pairs[: protocol.MAX_PIXEL_CHECKS_PER_FIGURE]
    for _, entry in pairs[protocol.MAX_PIXEL_CHECKS_PER_FIGURE :]:
        entry["pixels"] = None
    if not checked:
        return
    shown = [artist.get_visible() for artist, _ in checked]
    for artist, _ in checked:
        artist.set_visible(False)
    drawn = np.any(baseline != _render(canvas), axis=-1)
    for (artist, _), visible in zip(checked, shown, strict=True):
        artist.set_visible(visible)
    for artist, entry in checked:
        restore = _recolor(artist, _sentinel_for(entry.get("color")))
        on_top = np.any(_render(canvas) != baseline, axis=-1)
        restore()
        entry["pixels"] = int(np.count_nonzero(on_top & drawn))


def describe_figure(figure: Figure, index: int) -> dict[str, Any]:
    """Describe one figure and render it to PNG; the figure is altered and must not be reused."""
    suptitle = figure.get_suptitle()
    entry: dict[str, Any] = {
        "type": "figure",
        "index": index,
        "number": _num(getattr(figure, "number", None)),
        "suptitle": _text(suptitle),
        "size_inches": [_num(v) for v in figure.get_size_inches()],
        "axes": [],
        "png": None,
        "error": None,
    }
    try:
        axes_list = list(figure.get_axes())
        entry["axes"] = [_describe_axes(ax, i) for i, ax in enumerate(axes_list)]
        width, height = figure.get_size_inches()
        dpi = protocol.RENDER_DPI
        if width * height * dpi * dpi > protocol.MAX_RENDER_PIXELS:
            dpi = math.sqrt(protocol.MAX_RENDER_PIXELS / max(width * height, 1e-9))
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        baseline = _render(canvas)
        # Describe again after drawing: limits and line data settle during the draw.
        entry["axes"] = [_describe_axes(ax, i) for i, ax in enumerate(axes_list)]
        buffer = io.BytesIO()
        from PIL import Image

        Image.fromarray(baseline, mode="RGBA").save(buffer, format="PNG")
        entry["png"] = base64.b64encode(buffer.getvalue()).decode("ascii")
        pairs: list[tuple[Any, dict[str, Any]]] = []
        for ax, described in zip(axes_list, entry["axes"], strict=True):
            artists = (
                list(ax.lines)[: protocol.MAX_ARTISTS_PER_AXES]
                + list(ax.collections)[: protocol.MAX_ARTISTS_PER_AXES]
            )
            pairs.extend(zip(artists, described["artists"], strict=True))
        _pixel_presence(canvas, baseline, pairs)
    except Exception as exc:  # noqa: BLE001  (a figure that cannot render is reported, not fatal)
        entry["error"] = f"{type(exc).__name__}: {exc}"[:500]
    return entry


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def flush(write: Callable[[bytes], None] | None = None) -> None:
    """Describe every captured figure and send the descriptions to the harness, once."""
    global _figures
    figures, _figures = _figures, []
    sink = write or (lambda data: _write_all(protocol.CAPTURE_FD, data))
    for index, figure in enumerate(figures):
        try:
            line = json.dumps(describe_figure(figure, index), allow_nan=False)
        except (TypeError, ValueError) as exc:
            line = json.dumps({"type": "figure", "index": index, "error": str(exc)[:500]})
        try:
            sink(line.encode("utf-8") + b"\n")
        except OSError:
            return
