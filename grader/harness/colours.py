"""Re-exports `grader.authoring.checks.colours` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.colours` (colour matching): every public name that module had is importable
here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.checks.colours import (
    FAMILIES,
    HUE_DEGREES,
    MIN_SATURATION,
    MIN_VALUE,
    RGB,
    colours_match,
    describe,
    to_rgb,
)

__all__ = [
    "FAMILIES",
    "HUE_DEGREES",
    "MIN_SATURATION",
    "MIN_VALUE",
    "RGB",
    "colours_match",
    "describe",
    "to_rgb",
]
