"""Re-exports `grader.authoring.checks.pixels` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.pixels` (the pixel check): every public name that module had is importable here,
as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.checks.pixels import (
    BLOCK,
    INK_THRESHOLD,
    MAX_PANEL_WIDTH,
    REACH,
    Comparison,
    Mask,
    Pixels,
    compare,
    looks_like_reference,
)
from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.figures.model import Figure
from grader.authoring.kit import (
    Artifacts,
    Fail,
    Score,
)

__all__ = [
    "BLOCK",
    "INK_THRESHOLD",
    "MAX_PANEL_WIDTH",
    "REACH",
    "Artifacts",
    "Comparison",
    "Fail",
    "Figure",
    "FigureSet",
    "Mask",
    "Pixels",
    "Score",
    "compare",
    "looks_like_reference",
]
