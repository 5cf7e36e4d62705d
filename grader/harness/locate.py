"""Re-exports `grader.authoring.checks.locate` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.locate` (where figure checks look): every public name that module had is
importable here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.checks.locate import (
    Text,
    Where,
    as_array,
    axes_of,
    close,
    find_axes,
    has_bars,
    has_image,
    has_lines,
    has_scatter,
    mentions,
    subplots,
    wanted_text,
)
from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.model import (
    Axes,
    FloatArray,
)
from grader.authoring.kit import (
    Fail,
    Score,
)

__all__ = [
    "Axes",
    "Fail",
    "FigureSet",
    "FloatArray",
    "Score",
    "Text",
    "Where",
    "as_array",
    "axes_of",
    "close",
    "find_axes",
    "has_bars",
    "has_image",
    "has_lines",
    "has_scatter",
    "mentions",
    "subplots",
    "wanted_text",
]
