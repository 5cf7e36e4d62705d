"""The candidate's figures as the harness sees them, parsed defensively, and checks on them.

Every field comes from the candidate process, so parsing never trusts a type, a size or a
length: anything malformed is dropped and the figure is described as the harness read it.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.harness import protocol
from grader.harness.elements import (
    Bar,
    BarGroup,
    Colorbar,
    Image,
    LegendEntry,
    Polygon,
    TextItem,
    Tick,
    number,
    parse_bars,
    parse_colorbar,
    parse_image,
    parse_legend,
    parse_polygon,
    parse_texts,
    parse_ticks,
    text,
)

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


# Field readers shared with the parsers of the other elements of an axes.
_str = text
_float = number


def _pair(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    a, b = _float(value[0]), _float(value[1])
    return None if a is None or b is None else (a, b)


def _list(value: Any, limit: int) -> list[Any]:
    return value[:limit] if isinstance(value, list) else []


def _floats(value: Any, count: Any) -> FloatArray:
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


@dataclass(frozen=True)
class AxLine:
    """An infinite straight line from `Axes.axline`."""

    xy1: tuple[float, float]
    xy2: tuple[float, float] | None
    slope: float | None

    def y_at(self, x: FloatArray) -> FloatArray | None:
        """The line's y at each x, or None for a vertical line."""
        x1, y1 = self.xy1
        if self.xy2 is not None:
            x2, y2 = self.xy2
            if x2 == x1:
                return None
            slope = (y2 - y1) / (x2 - x1)
        elif self.slope is not None:
            slope = self.slope
        else:
            return None
        return np.asarray(y1 + slope * (x - x1), dtype=np.float64)


@dataclass
class Artist:
    """A line or collection drawn on an axes."""

    kind: str
    type: str
    label: str
    visible: bool
    alpha: float | None
    color: str | None
    linestyle: str
    drawstyle: str
    marker: str
    data_coordinates: bool
    x: FloatArray
    y: FloatArray
    n: int
    pixels: int | None
    axline: AxLine | None
    axes: Axes | None = field(default=None, repr=False)
    outline: Polygon | None = field(default=None, repr=False)
    """The filled outline of a polygon collection (fill_between, stackplot)."""

    @property
    def is_line_plot(self) -> bool:
        """A `Line2D` drawn with a line style and the default draw style, or an axline."""
        if self.kind != "line":
            return False
        if self.axline is not None:
            return True
        return self.linestyle not in ("None", "none", "", " ") and self.drawstyle == "default"

    @property
    def is_markers_only(self) -> bool:
        return (
            self.kind == "line"
            and self.axline is None
            and self.linestyle in ("None", "none", "", " ")
            and self.marker not in ("None", "none", "", " ")
        )

    @property
    def is_data_artist(self) -> bool:
        """Line-plot artists, scatter collections and marker-only lines in data coordinates."""
        if not self.data_coordinates:
            return False
        return self.is_line_plot or self.kind == "scatter" or self.is_markers_only

    def finite_points(self) -> tuple[FloatArray, FloatArray]:
        size = min(self.x.size, self.y.size)
        x, y = self.x[:size], self.y[:size]
        keep = np.isfinite(x) & np.isfinite(y)
        return x[keep], y[keep]

    def public(self) -> dict[str, Any]:
        x, y = self.x[: protocol.SUMMARY_POINTS], self.y[: protocol.SUMMARY_POINTS]
        summary: dict[str, Any] = {
            "kind": self.kind,
            "type": self.type,
            "label": self.label,
            "visible": self.visible,
            "alpha": self.alpha,
            "color": self.color,
            "points": self.n,
            "x": [v if math.isfinite(v) else None for v in x.tolist()],
            "y": [v if math.isfinite(v) else None for v in y.tolist()],
            "pixels": self.pixels,
        }
        if self.kind == "line":
            summary.update(linestyle=self.linestyle, drawstyle=self.drawstyle, marker=self.marker)
        if self.axline is not None:
            summary["axline"] = {
                "xy1": list(self.axline.xy1),
                "xy2": None if self.axline.xy2 is None else list(self.axline.xy2),
                "slope": self.axline.slope,
            }
        return summary


@dataclass
class Axes:
    """One axes of a figure with its labels, limits, scales and artists."""

    index: int
    visible: bool
    titles: dict[str, str]
    xlabel: str
    ylabel: str
    xlim: tuple[float, float] | None
    ylim: tuple[float, float] | None
    xscale: str
    yscale: str
    artists: list[Artist]
    rectangles: int
    images: int
    texts: list[str]
    legend: list[str] | None
    figure: Figure | None = field(default=None, repr=False)
    legend_entries: list[LegendEntry] | None = None
    legend_visible: bool = True
    bars: list[Bar] = field(default_factory=list)
    bar_groups: list[BarGroup] = field(default_factory=list)
    polygons: list[Polygon] = field(default_factory=list)
    image_items: list[Image] = field(default_factory=list)
    xticks: list[Tick] = field(default_factory=list)
    yticks: list[Tick] = field(default_factory=list)
    text_items: list[TextItem] = field(default_factory=list)
    colorbar: Colorbar | None = None
    """Set when this axes is itself a colorbar."""

    @property
    def title(self) -> str:
        """The non-blank titles of the axes, joined."""
        return " / ".join(t for t in self.titles.values() if t.strip())

    def public(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "title": self.titles,
            "xlabel": self.xlabel,
            "ylabel": self.ylabel,
            "xlim": None if self.xlim is None else list(self.xlim),
            "ylim": None if self.ylim is None else list(self.ylim),
            "xscale": self.xscale,
            "yscale": self.yscale,
            "artists": [a.public() for a in self.artists],
            "bars": self.rectangles,
            "images": self.images,
            "texts": self.texts,
            "legend": self.legend,
        }


@dataclass
class Figure:
    """One figure the candidate's program created."""

    index: int
    number: int | None
    suptitle: str
    size_inches: tuple[float, float] | None
    axes: list[Axes]
    png: bytes | None
    width: int | None
    height: int | None
    error: str | None
    legends: list[list[LegendEntry]] = field(default_factory=list)
    """Legends of the figure itself (`fig.legend`)."""
    texts: list[TextItem] = field(default_factory=list)
    """Texts placed on the figure itself (`fig.text`)."""

    def public(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "number": self.number,
            "suptitle": self.suptitle,
            "size_inches": None if self.size_inches is None else list(self.size_inches),
            "width": self.width,
            "height": self.height,
            "axes": [a.public() for a in self.axes],
            "error": self.error,
        }


def _sanitize_png(value: Any) -> tuple[bytes | None, int | None, int | None]:
    """Decode, bound and re-encode a PNG so only a plain image ever leaves the sandbox."""
    if not isinstance(value, str) or len(value) > 16 * 1024 * 1024:
        return None, None, None
    try:
        from PIL import Image

        raw = base64.b64decode(value, validate=True)
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG" or image.width * image.height > protocol.MAX_RENDER_PIXELS:
                return None, None, None
            image.load()
            clean = image.convert("RGBA")
        buffer = io.BytesIO()
        clean.save(buffer, format="PNG", optimize=False)
        return buffer.getvalue(), clean.width, clean.height
    except Exception:  # noqa: BLE001  (any undecodable image is simply not an image)
        return None, None, None


@dataclass
class _Budget:
    """What one capture may still hold, so a forged capture cannot exhaust the harness."""

    artists: int = protocol.MAX_TOTAL_ARTISTS
    points: int = protocol.MAX_TOTAL_POINTS


_budget = _Budget()


def _parse_artist(raw: Any) -> Artist | None:
    if not isinstance(raw, dict) or raw.get("kind") not in ("line", "scatter", "collection"):
        return None
    if _budget.artists <= 0:
        return None
    _budget.artists -= 1
    axline = None
    if isinstance(raw.get("axline"), dict):
        xy1 = _pair(raw["axline"].get("xy1"))
        if xy1 is not None:
            axline = AxLine(
                xy1, _pair(raw["axline"].get("xy2")), _float(raw["axline"].get("slope"))
            )
    x = _floats(raw.get("x"), raw.get("n"))
    y = _floats(raw.get("y"), raw.get("n"))
    _budget.points -= x.size + y.size
    if _budget.points < 0:
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
        type=_str(raw.get("type"), 100) or ("Line2D" if raw["kind"] == "line" else "Collection"),
        label=_str(raw.get("label"), 500),
        visible=raw.get("visible") is True,
        alpha=_float(raw.get("alpha")),
        color=_str(raw.get("color"), 20) or None,
        linestyle=_str(raw.get("linestyle"), 50) or "None",
        drawstyle=_str(raw.get("drawstyle"), 50) or "default",
        marker=_str(raw.get("marker"), 50) or "None",
        data_coordinates=raw.get("data_coordinates") is True,
        x=x,
        y=y,
        n=n
        if isinstance(n, int) and not isinstance(n, bool) and n >= 0
        else int(min(x.size, y.size)),
        pixels=pixels if isinstance(pixels, int) and not isinstance(pixels, bool) else None,
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
        titles={loc: _str(titles_raw.get(loc)) for loc in ("left", "center", "right")},
        xlabel=_str(raw.get("xlabel")),
        ylabel=_str(raw.get("ylabel")),
        xlim=_pair(raw.get("xlim")),
        ylim=_pair(raw.get("ylim")),
        xscale=_str(raw.get("xscale"), 50) or "linear",
        yscale=_str(raw.get("yscale"), 50) or "linear",
        artists=artists,
        rectangles=rectangles if isinstance(rectangles, int) else 0,
        images=images if isinstance(images, int) else 0,
        texts=[_str(t) for t in texts[:256]],
        legend=[_str(t) for t in legend[:256]] if isinstance(legend, list) else None,
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


def parse_figure(line: bytes, index: int) -> Figure | None:
    """Read one line of the candidate's capture; None when it is not a figure."""
    try:
        raw = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(raw, dict) or raw.get("type") != "figure":
        return None
    axes_raw = raw.get("axes") if isinstance(raw.get("axes"), list) else []
    assert isinstance(axes_raw, list)
    axes = [a for a in (_parse_axes(r, i) for i, r in enumerate(axes_raw[:256])) if a is not None]
    png, width, height = _sanitize_png(raw.get("png"))
    size = _pair(raw.get("size_inches"))
    number = _float(raw.get("number"))
    figure = Figure(
        index=index,
        number=int(number) if number is not None else None,
        suptitle=_str(raw.get("suptitle")),
        size_inches=size,
        axes=axes,
        png=png,
        width=width,
        height=height,
        error=_str(raw.get("error"), 500) or None,
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


def parse_capture(data: bytes) -> list[Figure]:
    """All figures in the candidate's capture stream, in order, at most MAX_FIGURES."""
    figures: list[Figure] = []
    _budget.artists, _budget.points = protocol.MAX_TOTAL_ARTISTS, protocol.MAX_TOTAL_POINTS
    for line in data.split(b"\n"):
        if not line.strip() or len(figures) >= protocol.MAX_FIGURES:
            continue
        figure = parse_figure(line, len(figures))
        if figure is not None:
            figures.append(figure)
    return figures


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


@dataclass
class FigureSet:
    """Every figure the candidate created, with helpers to find the artists a test needs."""

    figures: list[Figure]

    def __len__(self) -> int:
        return len(self.figures)

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)

    def all_axes(self) -> list[Axes]:
        return [ax for fig in self.figures for ax in fig.axes]

    def artists(self) -> list[Artist]:
        return [artist for ax in self.all_axes() for artist in ax.artists]

    def line_plots(self) -> list[Artist]:
        return [a for a in self.artists() if a.is_line_plot]

    def data_artists(self) -> list[Artist]:
        return [a for a in self.artists() if a.is_data_artist]

    def best_function_match(
        self,
        func: Callable[[FloatArray], FloatArray],
        x_range: tuple[float, float],
        *,
        rtol: float = 1e-6,
        atol: float = 1e-6,
    ) -> FunctionMatch | None:
        """The data artist that best follows `func` over `x_range`, preferring visible lines."""
        best: FunctionMatch | None = None
        best_key: tuple[int, int, int, int] | None = None
        for artist in self.data_artists():
            match = match_function(artist, func, x_range, rtol=rtol, atol=atol)
            key = (
                int(match.covers) * 2 + int(match.follows),
                int(shows_in_render(artist)),
                int(artist.is_line_plot),
                artist.n,
            )
            if best_key is None or key > best_key:
                best, best_key = match, key
        return best
