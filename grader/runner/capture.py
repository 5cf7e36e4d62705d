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

from grader.runner import protocol

matplotlib.use("agg", force=True)

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import (
    Collection,
    PathCollection,
    PolyCollection,
    PolyQuadMesh,
    QuadMesh,
)
from matplotlib.colors import to_hex, to_rgba
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

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
    except (TypeError, ValueError, OverflowError):
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
    except (TypeError, ValueError, OverflowError):
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
    entry: dict[str, Any] = {
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
    if isinstance(collection, PolyCollection):  # fill_between, stackplot, violin bodies
        entry["vertices"] = _vertices(collection.get_paths())
        entry["data_coordinates"] = _is_data_transform(collection, axes)
    return entry


def _vertices(paths: Any) -> dict[str, str]:
    """The vertices of several paths as x and y arrays, each path ended by a NaN row."""
    parts: list[np.ndarray[Any, Any]] = []
    total = 0
    for path in list(paths)[: protocol.MAX_POLYGONS_PER_AXES]:
        vertices = np.asarray(path.vertices, dtype=float).reshape(-1, 2)
        room = protocol.MAX_VERTICES - total - 1
        if room <= 0:
            break
        parts.append(vertices[:room])
        parts.append(np.full((1, 2), np.nan))
        total += min(len(vertices), room) + 1
    joined = np.concatenate(parts) if parts else np.zeros((0, 2))
    return {"x": _b64_floats(joined[:, 0]), "y": _b64_floats(joined[:, 1])}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _describe_bars(axes: Axes) -> dict[str, Any]:
    """Every rectangle patch with its geometry, colour and the bar container holding it."""
    containers = [c for c in axes.containers if isinstance(c, BarContainer)]
    owner: dict[int, int] = {}
    for number, container in enumerate(containers):
        for patch in container.patches:
            owner[id(patch)] = number
    rects = [p for p in axes.patches if isinstance(p, Rectangle)][: protocol.MAX_RECTS_PER_AXES]
    geometry = np.array(
        [
            [_num(r.get_x()), _num(r.get_y()), _num(r.get_width()), _num(r.get_height())]
            for r in rects
        ],
        dtype=float,
    ).reshape(-1, 4)
    return {
        "x": _b64_floats(geometry[:, 0]),
        "y": _b64_floats(geometry[:, 1]),
        "width": _b64_floats(geometry[:, 2]),
        "height": _b64_floats(geometry[:, 3]),
        "container": [owner.get(id(r), -1) for r in rects],
        "color": [_hex(r.get_facecolor()) for r in rects],
        "visible": [bool(r.get_visible()) for r in rects],
        "containers": [
            {"orientation": str(getattr(c, "orientation", "") or ""), "label": _text(c.get_label())}
            for c in containers[: protocol.MAX_RECTS_PER_AXES]
        ],
    }


def _describe_polygons(axes: Axes) -> list[dict[str, Any]]:
    """Patches other than rectangles: step histograms, box-plot boxes, wedges, polygons."""
    described = []
    for patch in [p for p in axes.patches if not isinstance(p, Rectangle)][
        : protocol.MAX_POLYGONS_PER_AXES
    ]:
        try:
            path = patch.get_path().transformed(patch.get_patch_transform())
        except Exception:  # noqa: BLE001, S112  (a patch without a path is left out)
            continue
        described.append(
            {
                "type": type(patch).__name__,
                "label": _text(patch.get_label()),
                "color": _hex(patch.get_facecolor()),
                "edgecolor": _hex(patch.get_edgecolor()),
                "fill": bool(patch.get_fill()),
                "visible": bool(patch.get_visible()),
                "data_coordinates": _is_data_transform(patch, axes),
                **_vertices([path]),
            }
        )
    return described


def _sampled(values: Any) -> tuple[list[int], np.ndarray[Any, Any]] | None:
    """A 2-D scalar array, strided down to at most MAX_IMAGE_SIDE a side, masked as NaN."""
    if values is None or getattr(values, "ndim", None) != 2:
        return None
    shape = [int(values.shape[0]), int(values.shape[1])]
    step_r = max(1, math.ceil(shape[0] / protocol.MAX_IMAGE_SIDE))
    step_c = max(1, math.ceil(shape[1] / protocol.MAX_IMAGE_SIDE))
    sample = values[::step_r, ::step_c]  # before any copy: the image may be huge
    try:
        data = np.array(sample, dtype=float)
        mask = np.asarray(getattr(sample, "mask", False), dtype=bool)
        if mask.shape == data.shape:
            data[mask] = np.nan
    except (TypeError, ValueError):
        return None
    return shape, np.ascontiguousarray(data)


def _describe_image(mappable: Any, kind: str) -> dict[str, Any]:
    sampled = _sampled(mappable.get_array())
    cmap = mappable.get_cmap()
    clim = mappable.get_clim()
    extent = mappable.get_extent() if isinstance(mappable, AxesImage) else None
    return {
        "kind": kind,
        "shape": None if sampled is None else sampled[0],
        "rows": None if sampled is None else int(sampled[1].shape[0]),
        "cols": None if sampled is None else int(sampled[1].shape[1]),
        "values": None if sampled is None else _b64_floats(sampled[1].ravel()),
        "cmap": None if cmap is None else str(cmap.name),
        "clim": [_num(clim[0]), _num(clim[1])],
        "extent": None if extent is None else [_num(v) for v in extent],
        "origin": str(getattr(mappable, "origin", "") or ""),
        "colorbar": getattr(mappable, "colorbar", None) is not None,
        "visible": bool(mappable.get_visible()),
    }


def _describe_images(axes: Axes) -> list[dict[str, Any]]:
    images = [_describe_image(i, "image") for i in axes.images]
    if getattr(axes, "_colorbar", None) is not None:  # a colorbar's own mesh is not data
        return images[: protocol.MAX_IMAGES_PER_AXES]
    meshes = [
        _describe_image(c, "mesh")
        for c in axes.collections
        if isinstance(c, (QuadMesh, PolyQuadMesh))  # pcolormesh, pcolor
    ]
    return (images + meshes)[: protocol.MAX_IMAGES_PER_AXES]


def _ticks(labels: list[Text], index: int, limits: tuple[float, float]) -> list[dict[str, Any]]:
    """Tick labels inside the view limits, where a reader sees them."""
    low, high = sorted(limits)
    margin = (high - low) * 1e-9
    ticks = []
    for label in labels[: protocol.MAX_TICKS]:
        position = _num(label.get_position()[index])
        if position is not None and low - margin <= position <= high + margin:
            ticks.append({"position": position, "label": _text(label.get_text())})
    return ticks


def _describe_text(text: Text, axes: Axes | None) -> dict[str, Any]:
    x, y = text.get_position()
    xy = None
    if isinstance(text, Annotation):
        xy = [_num(text.xy[0]), _num(text.xy[1])]
    return {
        "text": _text(text.get_text())[:2000],
        "x": _num(x),
        "y": _num(y),
        "data_coordinates": axes is not None and _is_data_transform(text, axes),
        "xy": xy,
        "annotation": isinstance(text, Annotation),
        "visible": bool(text.get_visible()),
        "color": _hex(text.get_color()),
    }


def _legend_entries(legend: Any) -> list[dict[str, Any]] | None:
    if legend is None:
        return None
    handles = list(getattr(legend, "legend_handles", None) or [])
    entries = []
    for position, text in enumerate(list(legend.get_texts())[: protocol.MAX_ARTISTS_PER_AXES]):
        handle = handles[position] if position < len(handles) else None
        color = None
        for getter in ("get_color", "get_facecolor"):
            if color is None and handle is not None and hasattr(handle, getter):
                value = getattr(handle, getter)()
                if isinstance(value, np.ndarray) and value.ndim == 2:
                    value = value[0] if len(value) else None
                color = _hex(value)
        entries.append({"label": _text(text.get_text()), "color": color})
    return entries


def _colorbar(axes: Axes) -> dict[str, Any] | None:
    colorbar = getattr(axes, "_colorbar", None)
    if colorbar is None:
        return None
    return {
        "orientation": str(getattr(colorbar, "orientation", "") or ""),
        "label": _text(axes.get_ylabel() or axes.get_xlabel()),
    }


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
        "position": _guarded(lambda: [_num(v) for v in axes.get_position().bounds], None),
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
        "legend_entries": _guarded(lambda: _legend_entries(legend), None),
        "legend_visible": legend is not None and bool(legend.get_visible()),
        "bars": _guarded(lambda: _describe_bars(axes), None),
        "polygons": _guarded(lambda: _describe_polygons(axes), []),
        "image_items": _guarded(lambda: _describe_images(axes), []),
        "xticks": _guarded(lambda: _ticks(axes.get_xticklabels(), 0, axes.get_xlim()), []),
        "yticks": _guarded(lambda: _ticks(axes.get_yticklabels(), 1, axes.get_ylim()), []),
        "text_items": _guarded(
            lambda: [_describe_text(t, axes) for t in axes.texts[: protocol.MAX_TEXTS]], []
        ),
        "colorbar": _guarded(lambda: _colorbar(axes), None),
    }


def _guarded(describe: Callable[[], Any], default: Any) -> Any:
    """One part of an axes' description; an odd axes (3-D, polar, a library's own) that breaks
    it loses that part only, never the lines and labels every question relies on."""
    try:
        return describe()
    except Exception:  # noqa: BLE001  (described as absent, as the harness reads a bad field)
        return default


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


# Bounds of a render that still shows lines and text: below MIN_RENDER_DPI a line of the
# default width covers less than a pixel, and Agg refuses a side of 2**16 pixels or more.
MIN_RENDER_DPI = 50.0
MIN_RENDER_SIDE = 64
MAX_RENDER_SIDE = 8192
FALLBACK_INCHES = (6.4, 4.8)


def render_size(width: float, height: float) -> tuple[float, float, float]:
    """The size in inches and the dpi to render a `width` x `height` inch figure at.

    A figure that fits MAX_RENDER_PIXELS at RENDER_DPI keeps its size. A larger one gets a
    lower dpi, down to MIN_RENDER_DPI, and past that is shrunk, keeping its aspect. Each side
    then stays between MIN_RENDER_SIDE and MAX_RENDER_SIDE pixels, so a huge, tiny or
    needle-thin figure still renders with its lines and text visible.
    """
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        width, height = FALLBACK_INCHES
    budget = float(protocol.MAX_RENDER_PIXELS)
    dpi = protocol.RENDER_DPI
    if width * height * dpi * dpi > budget:
        dpi = max(MIN_RENDER_DPI, math.sqrt(budget / (width * height)))
    if width * height * dpi * dpi > budget:
        shrink = math.sqrt(budget / (width * height * dpi * dpi))
        width, height = width * shrink, height * shrink
    low, high = MIN_RENDER_SIDE / dpi, MAX_RENDER_SIDE / dpi
    width, height = min(max(width, low), high), min(max(height, low), high)
    if width * height * dpi * dpi > budget:  # a side was raised to its minimum
        dpi = math.sqrt(budget / (width * height))
    return width, height, dpi


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
        "legends": _guarded(lambda: [_legend_entries(leg) for leg in figure.legends[:16]], []),
        "texts": _guarded(
            lambda: [_describe_text(t, None) for t in figure.texts[: protocol.MAX_TEXTS]], []
        ),
    }
    try:
        axes_list = list(figure.get_axes())
        entry["axes"] = [_describe_axes(ax, i) for i, ax in enumerate(axes_list)]
        width, height, dpi = render_size(*figure.get_size_inches())
        figure.set_size_inches(width, height)
        figure.set_dpi(dpi)
        canvas = FigureCanvasAgg(figure)
        try:
            baseline = _render(canvas)
        except Exception:  # noqa: BLE001  (an odd size Agg refuses: render at the default size)
            figure.set_size_inches(*FALLBACK_INCHES)
            figure.set_dpi(protocol.RENDER_DPI)
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
