"""The candidate's capture stream read into the figure model, defensively.

Every field comes from the candidate process, so parsing never trusts a type, a size or a
length: anything malformed is dropped or read as absent, and the figure is described as the
harness read it. One capture may hold at most the totals of `protocol`, so a forged capture
cannot exhaust the harness: a line is refused before it is decoded when it is longer than
MAX_LINE_BYTES or holds more than MAX_LINE_TOKENS JSON values (so decoding it cannot allocate
more than a bounded multiple of its size), text is cleaned so that every encoder accepts it,
numbers are finite floats, counts are clamped, and PNGs are checked by `png`. Each thing
dropped or clamped leaves a note for operators (`ParsedCapture.notes`).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.authoring.figures.model import (
    Artist,
    Axes,
    AxLine,
    Bar,
    BarGroup,
    Colorbar,
    Figure,
    FloatArray,
    Image,
    LegendEntry,
    Polygon,
    TextItem,
    Tick,
)
from grader.authoring.figures.png import PngBudget, sanitize_png
from grader.authoring.figures.values import clean_text, finite_number, is_blank
from grader.runner import protocol, wire

# A figure's line holds its PNG (at most 16 MiB of base64) and its data (base64 arrays).
MAX_LINE_BYTES = 24 * 1024 * 1024
# Commas, brackets and braces in one line: a bound on the JSON values decoding it creates.
MAX_LINE_TOKENS = 500_000
MAX_NOTES = 50
MAX_COUNT = 1 << 53


@dataclass
class _Budget:
    """What one capture may still hold, so a forged capture cannot exhaust the harness."""

    artists: int = protocol.MAX_TOTAL_ARTISTS
    points: int = protocol.MAX_TOTAL_POINTS
    png: PngBudget = field(default_factory=PngBudget)
    notes: list[str] = field(default_factory=list)
    unnoted: int = 0

    def note(self, what: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(clean_text(what[:200]))
        else:
            self.unnoted += 1


_budget = _Budget()

# -- field readers ---------------------------------------------------------------------------


def text(value: Any, limit: int = 2000) -> str:
    """A string field, cut to `limit` and cleaned; anything else, and text with no visible
    character (zero-width, format or space characters only), reads as empty."""
    if not isinstance(value, str):
        return ""
    cleaned = clean_text(value[:limit])
    return "" if is_blank(cleaned) else cleaned


def number(value: Any) -> float | None:
    """A finite number, or None; an int too large for a float or a non-finite float is noted."""
    result = finite_number(value)
    if result is None and isinstance(value, int | float) and not isinstance(value, bool):
        _budget.note("a number that is not a finite float was read as absent")
    return result


def _clamped(value: Any, limit: int = MAX_COUNT) -> int | None:
    """A non-negative integer clamped to `limit` (noted), or None."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    if value > limit:
        _budget.note(f"a count above {limit} was clamped")
        return limit
    return value


def count(value: Any, limit: int = 1 << 31) -> int | None:
    """A non-negative integer not above `limit`, or None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        return None
    return value


def floats(value: Any, limit: int = protocol.MAX_POINTS_PER_ARTIST) -> FloatArray:
    """Little-endian float64 values from base64, at most `limit` of them."""
    if not isinstance(value, str) or len(value) > limit * 12 + 16:
        return np.zeros(0)
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return np.zeros(0)
    if len(raw) % 8:
        return np.zeros(0)
    return np.frombuffer(raw, dtype="<f8").astype(np.float64)[:limit]


def _artist_floats(value: Any) -> FloatArray:
    """An artist's x or y data: as `floats`, with the encoded length bounded by the cap alone."""
    if not isinstance(value, str) or len(value) > protocol.MAX_POINTS_PER_ARTIST * 12:
        return np.zeros(0)
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return np.zeros(0)
    if len(raw) % 8:
        return np.zeros(0)
    array = np.frombuffer(raw, dtype="<f8").astype(np.float64)
    return array[: protocol.MAX_POINTS_PER_ARTIST]


def _list(value: Any, limit: int) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _color(value: Any) -> str | None:
    return text(value, 20) or None


def _pair(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    a, b = number(value[0]), number(value[1])
    return None if a is None or b is None else (a, b)


# -- elements beyond lines and collections ---------------------------------------------------


def parse_bars(raw: Any) -> tuple[list[Bar], list[BarGroup]]:
    """Rectangles and their bar containers from an axes' `bars` entry."""
    entry = _dict(raw)
    limit = protocol.MAX_RECTS_PER_AXES
    xs, ys = floats(entry.get("x"), limit), floats(entry.get("y"), limit)
    widths, heights = floats(entry.get("width"), limit), floats(entry.get("height"), limit)
    owners = _list(entry.get("container"), limit)
    colors = _list(entry.get("color"), limit)
    shown = _list(entry.get("visible"), limit)
    size = min(xs.size, ys.size, widths.size, heights.size)
    bars: list[Bar] = []
    for i in range(size):
        values = (xs[i], ys[i], widths[i], heights[i])
        if not all(math.isfinite(v) for v in values):
            continue
        owner = count(owners[i], limit) if i < len(owners) else None
        bars.append(
            Bar(
                x=float(xs[i]),
                y=float(ys[i]),
                width=float(widths[i]),
                height=float(heights[i]),
                color=_color(colors[i]) if i < len(colors) else None,
                visible=i >= len(shown) or shown[i] is not False,
                container=-1 if owner is None else owner,
            )
        )
    groups = []
    for number_, group in enumerate(_list(entry.get("containers"), limit)):
        group = _dict(group)
        members = tuple(b for b in bars if b.container == number_)
        orientation = text(group.get("orientation"), 20)
        groups.append(
            BarGroup(
                orientation=orientation if orientation == "horizontal" else "vertical",
                label=text(group.get("label"), 500),
                bars=members,
            )
        )
    return bars, groups


def parse_polygon(raw: Any) -> Polygon | None:
    """A polygon entry, or None when it has no vertices."""
    entry = _dict(raw)
    x = floats(entry.get("x"), protocol.MAX_VERTICES)
    y = floats(entry.get("y"), protocol.MAX_VERTICES)
    size = min(x.size, y.size)
    if not entry or size == 0:
        return None
    return Polygon(
        type=text(entry.get("type"), 100) or "Polygon",
        label=text(entry.get("label"), 500),
        color=_color(entry.get("color")),
        fill=entry.get("fill") is not False,
        visible=entry.get("visible") is not False,
        data_coordinates=entry.get("data_coordinates") is True,
        x=x[:size],
        y=y[:size],
    )


def parse_image(raw: Any) -> Image | None:
    """An image entry; values are kept only when they match the sampled size."""
    entry = _dict(raw)
    if not entry:
        return None
    side = protocol.MAX_IMAGE_SIDE
    shape_raw = _list(entry.get("shape"), 3)
    shape = None
    if len(shape_raw) == 2:
        rows, cols = count(shape_raw[0]), count(shape_raw[1])
        if rows is not None and cols is not None:
            shape = (rows, cols)
    sampled_rows, sampled_cols = count(entry.get("rows"), side), count(entry.get("cols"), side)
    values = None
    if sampled_rows and sampled_cols:
        flat = floats(entry.get("values"), side * side)
        if flat.size == sampled_rows * sampled_cols:
            values = flat.reshape(sampled_rows, sampled_cols)
    clim = _list(entry.get("clim"), 2)
    return Image(
        kind="mesh" if entry.get("kind") == "mesh" else "image",
        shape=shape,
        values=values,
        cmap=text(entry.get("cmap"), 100) or None,
        clim=(
            number(clim[0]) if len(clim) == 2 else None,
            number(clim[1]) if len(clim) == 2 else None,
        ),
        origin=text(entry.get("origin"), 20),
        colorbar=entry.get("colorbar") is True,
        visible=entry.get("visible") is not False,
    )


def parse_ticks(raw: Any) -> list[Tick]:
    """Tick labels with a finite position, at most MAX_TICKS."""
    ticks = []
    for item in _list(raw, protocol.MAX_TICKS):
        entry = _dict(item)
        position = number(entry.get("position"))
        if position is not None:
            ticks.append(Tick(position, text(entry.get("label"), 500)))
    return ticks


def parse_text(raw: Any) -> TextItem | None:
    """A text or annotation entry."""
    entry = _dict(raw)
    if not entry:
        return None
    xy_raw = _list(entry.get("xy"), 2)
    xy = None
    if len(xy_raw) == 2:
        a, b = number(xy_raw[0]), number(xy_raw[1])
        xy = None if a is None or b is None else (a, b)
    return TextItem(
        text=text(entry.get("text")),
        x=number(entry.get("x")),
        y=number(entry.get("y")),
        data_coordinates=entry.get("data_coordinates") is True,
        xy=xy,
        annotation=entry.get("annotation") is True,
        visible=entry.get("visible") is not False,
        color=_color(entry.get("color")),
    )


def parse_texts(raw: Any) -> list[TextItem]:
    return [t for t in (parse_text(r) for r in _list(raw, protocol.MAX_TEXTS)) if t is not None]


def parse_legend(raw: Any) -> list[LegendEntry] | None:
    """A legend's entries, or None for no legend."""
    if not isinstance(raw, list):
        return None
    entries = []
    for item in raw[: protocol.MAX_ARTISTS_PER_AXES]:
        entry = _dict(item)
        entries.append(LegendEntry(text(entry.get("label"), 500), _color(entry.get("color"))))
    return entries


def parse_colorbar(raw: Any) -> Colorbar | None:
    """The colorbar mark of an axes, or None."""
    if not isinstance(raw, dict):
        return None
    return Colorbar(text(raw.get("orientation"), 20), text(raw.get("label"), 500))


# -- artists, axes, figures ------------------------------------------------------------------


def _parse_artist(raw: Any) -> Artist | None:
    if not isinstance(raw, dict) or raw.get("kind") not in ("line", "scatter", "collection"):
        return None
    if _budget.artists <= 0:
        _budget.note("artists beyond the capture's total were dropped")
        return None
    _budget.artists -= 1
    axline = None
    if isinstance(raw.get("axline"), dict):
        xy1 = _pair(raw["axline"].get("xy1"))
        if xy1 is not None:
            axline = AxLine(
                xy1, _pair(raw["axline"].get("xy2")), number(raw["axline"].get("slope"))
            )
    x = _artist_floats(raw.get("x"))
    y = _artist_floats(raw.get("y"))
    _budget.points -= x.size + y.size
    if _budget.points < 0:
        _budget.note("an artist's data beyond the capture's total points was dropped")
        x = y = np.zeros(0)
    n = raw.get("n")
    pixels = raw.get("pixels")
    outline = None
    if isinstance(raw.get("vertices"), dict):
        outline = parse_polygon(
            {
                **raw["vertices"],
                "type": raw.get("type"),
                "label": raw.get("label"),
                "data_coordinates": raw.get("data_coordinates"),
            }
        )
    return Artist(
        kind=raw["kind"],
        type=text(raw.get("type"), 100) or ("Line2D" if raw["kind"] == "line" else "Collection"),
        label=text(raw.get("label"), 500),
        visible=raw.get("visible") is True,
        alpha=number(raw.get("alpha")),
        color=_color(raw.get("color")),
        linestyle=text(raw.get("linestyle"), 50) or "None",
        drawstyle=text(raw.get("drawstyle"), 50) or "default",
        marker=text(raw.get("marker"), 50) or "None",
        data_coordinates=raw.get("data_coordinates") is True,
        x=x,
        y=y,
        n=_or(_clamped(n), int(min(x.size, y.size))),
        pixels=_clamped(pixels, protocol.MAX_RENDER_PIXELS),
        axline=axline,
        outline=outline,
    )


def _parse_axes(raw: Any, index: int) -> Axes | None:
    if not isinstance(raw, dict):
        return None
    titles_raw = raw.get("title") if isinstance(raw.get("title"), dict) else {}
    assert isinstance(titles_raw, dict)
    artists_raw = raw.get("artists") if isinstance(raw.get("artists"), list) else []
    assert isinstance(artists_raw, list)
    artists = [a for a in (_parse_artist(r) for r in artists_raw[:512]) if a is not None]
    patches = raw.get("patches") if isinstance(raw.get("patches"), dict) else {}
    assert isinstance(patches, dict)
    rectangles = patches.get("rectangles")
    images = raw.get("images")
    texts = raw.get("texts") if isinstance(raw.get("texts"), list) else []
    assert isinstance(texts, list)
    legend = raw.get("legend")
    bars, groups = parse_bars(raw.get("bars"))
    axes = Axes(
        index=index,
        visible=raw.get("visible") is not False,
        position=parse_position(raw.get("position")),
        titles={loc: text(titles_raw.get(loc)) for loc in ("left", "center", "right")},
        xlabel=text(raw.get("xlabel")),
        ylabel=text(raw.get("ylabel")),
        xlim=_pair(raw.get("xlim")),
        ylim=_pair(raw.get("ylim")),
        xscale=text(raw.get("xscale"), 50) or "linear",
        yscale=text(raw.get("yscale"), 50) or "linear",
        artists=artists,
        rectangles=_or(_clamped(rectangles, 1 << 31), 0),
        images=_or(_clamped(images, 1 << 31), 0),
        texts=[text(t) for t in texts[:256]],
        legend=[text(t) for t in legend[:256]] if isinstance(legend, list) else None,
        legend_entries=parse_legend(raw.get("legend_entries")),
        legend_visible=raw.get("legend_visible") is not False,
        bars=bars,
        bar_groups=groups,
        polygons=[
            p for p in (parse_polygon(r) for r in _list(raw.get("polygons"), 256)) if p is not None
        ],
        image_items=[
            i for i in (parse_image(r) for r in _list(raw.get("image_items"), 16)) if i is not None
        ],
        xticks=parse_ticks(raw.get("xticks")),
        yticks=parse_ticks(raw.get("yticks")),
        text_items=parse_texts(raw.get("text_items")),
        colorbar=parse_colorbar(raw.get("colorbar")),
    )
    for artist in artists:
        artist.axes = axes
    return axes


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _decode_line(line: bytes) -> Any:
    """The JSON value of one capture line, or None (noted) when it is refused or malformed."""
    if len(line) > MAX_LINE_BYTES:
        _budget.note(f"a capture line of {len(line)} bytes was refused unread")
        return None
    tokens = wire.count_values(line)
    if tokens > MAX_LINE_TOKENS:
        _budget.note(f"a capture line of {tokens} JSON values was refused unread")
        return None
    try:
        return json.loads(line)
    except (ValueError, RecursionError, MemoryError) as exc:
        _budget.note(f"a capture line is not JSON ({type(exc).__name__})")
        return None


def parse_position(raw: Any) -> tuple[float, float, float, float] | None:
    """An axes' place in its figure: left, bottom, width, height, as fractions of the figure."""
    values = [number(v) for v in _list(raw, 4)]
    if len(values) != 4 or any(v is None or abs(v) > 1e6 for v in values):
        return None
    left, bottom, width, height = (float(v) for v in values if v is not None)
    return (left, bottom, width, height) if width >= 0 and height >= 0 else None


def parse_figure(line: bytes, index: int) -> Figure | None:
    """Read one line of the candidate's capture; None when it is not a figure."""
    raw = _decode_line(line)
    if not isinstance(raw, dict) or raw.get("type") != "figure":
        return None
    axes_raw = raw.get("axes") if isinstance(raw.get("axes"), list) else []
    assert isinstance(axes_raw, list)
    axes = [a for a in (_parse_axes(r, i) for i, r in enumerate(axes_raw[:256])) if a is not None]
    png = sanitize_png(raw.get("png"), _budget.png)
    if png.refused is not None:
        _budget.note(f"figure {index}: {png.refused}")
    size = _pair(raw.get("size_inches"))
    figure_number = number(raw.get("number"))
    figure = Figure(
        index=index,
        number=int(figure_number) if figure_number is not None else None,
        suptitle=text(raw.get("suptitle")),
        size_inches=size,
        axes=axes,
        png=png.data,
        width=png.width,
        height=png.height,
        error=text(raw.get("error"), 500) or None,
        legends=[
            entries
            for entries in (parse_legend(r) for r in _list(raw.get("legends"), 16))
            if entries is not None
        ],
        texts=parse_texts(raw.get("texts")),
    )
    for ax in axes:
        ax.figure = figure
    return figure


@dataclass
class ParsedCapture:
    """The figures of one capture and notes on what was dropped or clamped to read it."""

    figures: list[Figure]
    notes: list[str]


def read_capture(data: bytes) -> ParsedCapture:
    """All figures in the candidate's capture stream, in order, at most MAX_FIGURES, and the
    notes on what was dropped or clamped on the way."""
    global _budget
    _budget = _Budget()
    figures: list[Figure] = []
    start = 0
    while start < len(data) and len(figures) < protocol.MAX_FIGURES:
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > MAX_LINE_BYTES:  # refused without copying it out of the stream
            _budget.note(f"a capture line of {end - start} bytes was refused unread")
        elif data[start:end].strip():
            figure = parse_figure(data[start:end], len(figures))
            if figure is not None:
                figures.append(figure)
        start = end + 1
    notes = _budget.notes
    if _budget.unnoted:
        notes.append(f"and {_budget.unnoted} more")
    return ParsedCapture(figures, notes)


def parse_capture(data: bytes) -> list[Figure]:
    """All figures in the candidate's capture stream, in order, at most MAX_FIGURES."""
    return read_capture(data).figures
