"""Re-exports `grader.authoring.figures.model` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.elements` (the axes elements and their parsers): every public name that module
had is importable here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.figures.model import (
    Bar,
    BarGroup,
    Colorbar,
    FloatArray,
    Image,
    LegendEntry,
    Polygon,
    TextItem,
    Tick,
)
from grader.authoring.figures.parsing import (
    count,
    floats,
    number,
    parse_bars,
    parse_colorbar,
    parse_image,
    parse_legend,
    parse_polygon,
    parse_text,
    parse_texts,
    parse_ticks,
    text,
)

__all__ = [
    "Bar",
    "BarGroup",
    "Colorbar",
    "FloatArray",
    "Image",
    "LegendEntry",
    "Polygon",
    "TextItem",
    "Tick",
    "count",
    "floats",
    "number",
    "parse_bars",
    "parse_colorbar",
    "parse_image",
    "parse_legend",
    "parse_polygon",
    "parse_text",
    "parse_texts",
    "parse_ticks",
    "text",
]
