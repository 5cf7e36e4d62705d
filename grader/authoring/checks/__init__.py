"""Figure checks for hidden tests: each is one call that returns a `Score` or raises `Fail`.

Every check takes where to look first: the `figures` fixture, one `Axes` or a list of them,
so a question with several subplots can point a check at the panel that answers it (see
`find_axes`). Messages are written for the candidate: they say what was expected and what was
found, never the hidden expected values beyond what the prompt already states.

Authors import only this package, and call the checks through it:

    from grader.authoring import checks

    @test(points=2)
    def bars(figures):
        return checks.bars(figures, {"cat": 3, "dog": 5}, ordered=False)

One module per family of checks:

- `line_plots`: curves, straight lines, steps and filled bands, and whether an artist shows.
- `scatter_plots`: scatter plots of exactly the expected points.
- `bar_plots`: bar charts by category or in order.
- `images`: images and meshes of a matrix, in a colour map.
- `distributions`: histograms and box plots.
- `decorations`: what surrounds the data: labels, titles, legends, limits, scales, ticks,
  texts, colorbars and colours (matched as a person sees them, by `colours`).
- `pixels`: the candidate's render against the reference solution's, with a diff image.
- `locate`: where a check looks, the finders (`find_axes`, `has_bars`, ...) and `subplots`.
"""

from grader.authoring.checks.bar_plots import bar_charts, bars
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
from grader.authoring.checks.images import find_image, image
from grader.authoring.checks.line_plots import (
    curve,
    fill_between,
    find_fitted_line,
    find_straight_line,
    step,
    straight_line,
    visible,
)
from grader.authoring.checks.locate import (
    axes_of,
    drawn_axes,
    find_axes,
    has_bars,
    has_image,
    has_lines,
    has_scatter,
    side_by_side,
    subplots,
)
from grader.authoring.checks.pixels import looks_like_reference
from grader.authoring.checks.scatter_plots import find_scatter, scatter
from grader.authoring.figures.matching import shows_in_render

__all__ = [
    "axes_of",
    "bar_charts",
    "bars",
    "boxplot",
    "colorbar",
    "colour",
    "curve",
    "drawn_axes",
    "fill_between",
    "find_axes",
    "find_boxplot",
    "find_fitted_line",
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
    "scale",
    "scatter",
    "shows_in_render",
    "side_by_side",
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
