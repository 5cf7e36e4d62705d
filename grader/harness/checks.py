"""Re-exports `grader.authoring.checks` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.checks` (the figure checks): every public name that module had is importable
here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.checks.bar_plots import (
    BarsFound,
    bar_charts,
    bars,
)
from grader.authoring.checks.decorations import (
    colorbar,
    colour,
    legend,
    limits,
    scale,
    suptitle,
    text,
    tick_labels,
    title,
    xlabel,
    ylabel,
)
from grader.authoring.checks.distributions import (
    boxplot,
    find_boxplot,
    histogram,
    histogram_bins,
    histograms,
)
from grader.authoring.checks.images import (
    find_image,
    image,
)
from grader.authoring.checks.line_plots import (
    curve,
    fill_between,
    find_straight_line,
    step,
    straight_line,
    visible,
)
from grader.authoring.checks.locate import (
    Where,
    axes_of,
    find_axes,
    has_bars,
    has_image,
    has_lines,
    has_scatter,
    subplots,
)
from grader.authoring.checks.pixels import looks_like_reference
from grader.authoring.checks.scatter_plots import (
    find_scatter,
    scatter,
)
from grader.authoring.figures.matching import (
    match_function,
    shows_in_render,
)
from grader.authoring.figures.model import (
    Artist,
    Axes,
    BarGroup,
    FloatArray,
    Image,
    Tick,
)
from grader.authoring.kit import (
    Fail,
    Score,
)

__all__ = [
    "Artist",
    "Axes",
    "BarGroup",
    "BarsFound",
    "Fail",
    "FloatArray",
    "Image",
    "Score",
    "Tick",
    "Where",
    "axes_of",
    "bar_charts",
    "bars",
    "boxplot",
    "colorbar",
    "colour",
    "curve",
    "fill_between",
    "find_axes",
    "find_boxplot",
    "find_image",
    "find_scatter",
    "find_straight_line",
    "has_bars",
    "has_image",
    "has_lines",
    "has_scatter",
    "histogram",
    "histogram_bins",
    "histograms",
    "image",
    "legend",
    "limits",
    "looks_like_reference",
    "match_function",
    "scale",
    "scatter",
    "shows_in_render",
    "step",
    "straight_line",
    "subplots",
    "suptitle",
    "text",
    "tick_labels",
    "title",
    "visible",
    "xlabel",
    "ylabel",
]
