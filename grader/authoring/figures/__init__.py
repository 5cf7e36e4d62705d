"""The candidate's figures as hidden tests see them: the model, how it is read, and matching.

A test that asks for the `figures` fixture gets a `FigureSet`; each `Figure` holds its `Axes`,
and each axes its `Artist`s (lines and collections), bars, polygons, images, ticks, texts and
legend. Import what a test names from here:

    from grader.authoring.figures import Axes, FigureSet, FunctionMatch, shows_in_render

- `model`: the plain data classes of a figure (`Figure`, `Axes`, `Artist`, `Bar`, ...).
- `parsing`: `parse_capture`, which reads the candidate's capture into the model defensively.
- `matching`: `match_function` and `shows_in_render`, on one artist.
- `figure_set`: `FigureSet`, the fixture, with finders such as `best_function_match`.

The one-call checks built on these (`checks.curve`, `checks.bars`, ...) are in
`grader.authoring.checks`.
"""

from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.matching import FunctionMatch, match_function, shows_in_render
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
from grader.authoring.figures.parsing import parse_capture, parse_figure

__all__ = [
    "Artist",
    "AxLine",
    "Axes",
    "Bar",
    "BarGroup",
    "Colorbar",
    "Figure",
    "FigureSet",
    "FloatArray",
    "FunctionMatch",
    "Image",
    "LegendEntry",
    "Polygon",
    "TextItem",
    "Tick",
    "match_function",
    "parse_capture",
    "parse_figure",
    "shows_in_render",
]
