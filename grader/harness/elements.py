"""Axes elements beyond lines and collections: bars, polygons, images, ticks, texts, legends.

Parsed from the candidate's capture as defensively as `figures.py` parses lines: every field
is type-checked and bounded, and anything malformed is dropped or read as absent.
"""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.harness import protocol

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


def text(value: Any, limit: int = 2000) -> str:
    """A string field, cut to `limit`; anything else reads as empty."""
    return value[:limit] if isinstance(value, str) else ""


def number(value: Any) -> float | None:
    """A finite number, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    result = float(value)
    return result if math.isfinite(result) else None


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


def _list(value: Any, limit: int) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _color(value: Any) -> str | None:
    return text(value, 20) or None


@dataclass(frozen=True)
class Bar:
    """One rectangle patch: a bar of a bar chart or histogram, or a rectangle drawn by hand."""

    x: float
    y: float
    width: float
    height: float
    color: str | None
    visible: bool
    container: int
    """Index of the bar container (one `bar`/`barh`/`hist` call) holding it; -1 for none."""

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class BarGroup:
    """The bars of one `bar`, `barh` or `hist` call, in drawing order."""

    orientation: str
    label: str
    bars: tuple[Bar, ...]

    @property
    def horizontal(self) -> bool:
        return self.orientation == "horizontal"

    def values(self) -> FloatArray:
        """Each bar's length along its orientation (height, or width for barh)."""
        return np.array(
            [b.width if self.horizontal else b.height for b in self.bars], dtype=np.float64
        )

    def positions(self) -> FloatArray:
        """Each bar's centre across its orientation (x, or y for barh)."""
        return np.array(
            [b.center[1] if self.horizontal else b.center[0] for b in self.bars], dtype=np.float64
        )

    def edges(self) -> FloatArray:
        """For a histogram: the bin edges under the bars, left to right."""
        if not self.bars:
            return np.zeros(0)
        starts = [b.y if self.horizontal else b.x for b in self.bars]
        sizes = [b.height if self.horizontal else b.width for b in self.bars]
        return np.array([*starts, starts[-1] + sizes[-1]], dtype=np.float64)


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


@dataclass(frozen=True)
class Polygon:
    """A patch or filled region given by its outline: step histograms, boxes, fill_between."""

    type: str
    label: str
    color: str | None
    fill: bool
    visible: bool
    data_coordinates: bool
    x: FloatArray
    y: FloatArray
    """Outline vertices; several outlines are separated by a NaN."""

    def points(self) -> tuple[FloatArray, FloatArray]:
        """The finite vertices."""
        keep = np.isfinite(self.x) & np.isfinite(self.y)
        return self.x[keep], self.y[keep]


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


@dataclass(frozen=True)
class Image:
    """An `imshow`/`matshow` image or a `pcolormesh` mesh, its values sampled to a bounded size."""

    kind: str
    shape: tuple[int, int] | None
    values: FloatArray | None
    """The scalar values, rows x columns, strided down when the image is large."""
    cmap: str | None
    clim: tuple[float | None, float | None]
    origin: str
    colorbar: bool
    visible: bool

    @property
    def complete(self) -> bool:
        """The values are the whole array, not a sample of it."""
        return (
            self.values is not None
            and self.shape is not None
            and self.values.shape == tuple(self.shape)
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


@dataclass(frozen=True)
class Tick:
    """A tick label shown on an axis, at its position in data coordinates."""

    position: float
    label: str


def parse_ticks(raw: Any) -> list[Tick]:
    """Tick labels with a finite position, at most MAX_TICKS."""
    ticks = []
    for item in _list(raw, protocol.MAX_TICKS):
        entry = _dict(item)
        position = number(entry.get("position"))
        if position is not None:
            ticks.append(Tick(position, text(entry.get("label"), 500)))
    return ticks


@dataclass(frozen=True)
class TextItem:
    """A text or annotation placed on an axes or a figure."""

    text: str
    x: float | None
    y: float | None
    data_coordinates: bool
    xy: tuple[float, float] | None
    """Where an annotation points, in data coordinates."""
    annotation: bool
    visible: bool
    color: str | None


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


@dataclass(frozen=True)
class LegendEntry:
    """One entry of a legend: its label and the colour of its handle."""

    label: str
    color: str | None


def parse_legend(raw: Any) -> list[LegendEntry] | None:
    """A legend's entries, or None for no legend."""
    if not isinstance(raw, list):
        return None
    entries = []
    for item in raw[: protocol.MAX_ARTISTS_PER_AXES]:
        entry = _dict(item)
        entries.append(LegendEntry(text(entry.get("label"), 500), _color(entry.get("color"))))
    return entries


@dataclass(frozen=True)
class Colorbar:
    """Marks an axes that is a colorbar, with its label."""

    orientation: str
    label: str


def parse_colorbar(raw: Any) -> Colorbar | None:
    """The colorbar mark of an axes, or None."""
    if not isinstance(raw, dict):
        return None
    return Colorbar(text(raw.get("orientation"), 20), text(raw.get("label"), 500))
