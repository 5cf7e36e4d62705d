"""What a figure is to a hidden test: figures, axes, artists and the other elements they hold.

Plain data, built by `parsing` from the candidate's capture and never from anything else, so
every value here has already been type-checked and bounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.authoring.figures.values import is_blank
from grader.runner import protocol

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


# -- elements beyond lines and collections: bars, polygons, images, ticks, texts, legends ----


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


@dataclass(frozen=True)
class Tick:
    """A tick label shown on an axis, at its position in data coordinates."""

    position: float
    label: str


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


@dataclass(frozen=True)
class LegendEntry:
    """One entry of a legend: its label and the colour of its handle."""

    label: str
    color: str | None


@dataclass(frozen=True)
class Colorbar:
    """Marks an axes that is a colorbar, with its label."""

    orientation: str
    label: str


# -- the public summary's budget -------------------------------------------------------------


@dataclass
class SummaryBudget:
    """What the public summaries of one capture may still hold, so the harness's result stays
    bounded whatever the capture holds; each figure whose summary was cut says `truncated`."""

    points: int = protocol.MAX_SUMMARY_POINTS
    chars: int = protocol.MAX_SUMMARY_CHARS
    artists: int = protocol.MAX_SUMMARY_ARTISTS
    cuts: int = 0

    def text(self, value: str) -> str:
        kept = value[: max(self.chars, 0)]
        self.chars -= len(kept)
        self.cuts += len(kept) < len(value)
        return kept

    def take_points(self, wanted: int) -> int:
        granted = max(0, min(wanted, self.points))
        self.points -= granted
        self.cuts += granted < wanted
        return granted

    def texts(self, values: list[str]) -> list[str]:
        return [self.text(v) for v in values]


# -- lines and collections, axes, figures ----------------------------------------------------


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

    def public(self, budget: SummaryBudget | None = None) -> dict[str, Any]:
        budget = budget or SummaryBudget()
        shown = budget.take_points(min(protocol.SUMMARY_POINTS, max(self.x.size, self.y.size)))
        x, y = self.x[:shown], self.y[:shown]
        summary: dict[str, Any] = {
            "kind": self.kind,
            "type": self.type,
            "label": budget.text(self.label),
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
    position: tuple[float, float, float, float] | None = None
    """Where the axes sits in its figure: left, bottom, width, height (figure fractions)."""

    def beside(self, other: Axes) -> bool | None:
        """Whether the two axes sit side by side (one to the right of the other, their heights
        overlapping) rather than stacked; None when a position is unknown."""
        if self.position is None or other.position is None:
            return None
        (x1, y1, w1, h1), (x2, y2, w2, h2) = self.position, other.position
        apart = x1 + w1 <= x2 + 1e-6 or x2 + w2 <= x1 + 1e-6
        overlap = min(y1 + h1, y2 + h2) - max(y1, y2)
        return apart and overlap > 0.5 * min(h1, h2)

    @property
    def title(self) -> str:
        """The non-blank titles of the axes, joined."""
        return " / ".join(t for t in self.titles.values() if not is_blank(t))

    def public(self, budget: SummaryBudget | None = None) -> dict[str, Any]:
        budget = budget or SummaryBudget()
        artists = self.artists[: max(budget.artists, 0)]
        budget.cuts += len(artists) < len(self.artists)
        budget.artists -= len(artists)
        return {
            "index": self.index,
            "title": {k: budget.text(v) for k, v in self.titles.items()},
            "xlabel": budget.text(self.xlabel),
            "ylabel": budget.text(self.ylabel),
            "xlim": None if self.xlim is None else list(self.xlim),
            "ylim": None if self.ylim is None else list(self.ylim),
            "xscale": self.xscale,
            "yscale": self.yscale,
            "artists": [a.public(budget) for a in artists],
            "bars": self.rectangles,
            "images": self.images,
            "texts": budget.texts(self.texts),
            "legend": None if self.legend is None else budget.texts(self.legend),
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

    def public(self, budget: SummaryBudget | None = None) -> dict[str, Any]:
        budget = budget or SummaryBudget()
        cuts = budget.cuts
        summary = {
            "index": self.index,
            "number": self.number,
            "suptitle": budget.text(self.suptitle),
            "size_inches": None if self.size_inches is None else list(self.size_inches),
            "width": self.width,
            "height": self.height,
            "axes": [a.public(budget) for a in self.axes],
            "error": self.error,
        }
        if budget.cuts > cuts:
            summary["truncated"] = True
        return summary
