"""Re-exports `grader.authoring.checks.decorations` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.decorations` (the checks on labels, legends, limits and texts): every public
name that module had is importable here, as the same object. New tests import
`grader.authoring`.
"""

from grader.authoring.checks.colours import (
    colours_match,
    describe,
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
from grader.authoring.checks.locate import (
    Text,
    Where,
    axes_of,
)
from grader.authoring.figures.model import Axes
from grader.authoring.kit import (
    Fail,
    Score,
)

__all__ = [
    "Axes",
    "Fail",
    "Score",
    "Text",
    "Where",
    "axes_of",
    "colorbar",
    "colour",
    "colours_match",
    "describe",
    "legend",
    "limits",
    "scale",
    "suptitle",
    "text",
    "tick_labels",
    "title",
    "xlabel",
    "ylabel",
]
