"""Re-exports `grader.authoring.checks.distributions` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.distributions` (the histogram and box-plot checks): every public name that
module had is importable here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.checks.distributions import (
    HistogramFound,
    boxplot,
    find_boxplot,
    histogram,
    histogram_bins,
    histograms,
)
from grader.authoring.checks.locate import (
    Where,
    axes_of,
)
from grader.authoring.figures.model import (
    Axes,
    FloatArray,
    Polygon,
)
from grader.authoring.kit import (
    Fail,
    Score,
)

__all__ = [
    "Axes",
    "Fail",
    "FloatArray",
    "HistogramFound",
    "Polygon",
    "Score",
    "Where",
    "axes_of",
    "boxplot",
    "find_boxplot",
    "histogram",
    "histogram_bins",
    "histograms",
]
