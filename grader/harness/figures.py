"""Re-exports `grader.authoring.figures` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.figures` (the figure model, its parser and function matching): every public name
that module had is importable here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.matching import (
    FunctionMatch,
    match_function,
    shows_in_render,
)
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
from grader.authoring.figures.parsing import (
    number,
    parse_bars,
    parse_capture,
    parse_colorbar,
    parse_figure,
    parse_image,
    parse_legend,
    parse_polygon,
    parse_texts,
    parse_ticks,
    text,
)

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
    "number",
    "parse_bars",
    "parse_capture",
    "parse_colorbar",
    "parse_figure",
    "parse_image",
    "parse_legend",
    "parse_polygon",
    "parse_texts",
    "parse_ticks",
    "shows_in_render",
    "text",
]
