"""Re-exports `grader.authoring.kit` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.kit` (the authoring kit): every public name that module had is importable here,
as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.figures.figure_set import FigureSet
from grader.authoring.kit import (
    ARTIFACT_NAME,
    MAX_ARTIFACT_BYTES,
    MAX_ARTIFACTS,
    Artifacts,
    CallFailed,
    CandidateError,
    Case,
    Context,
    Fail,
    Run,
    Score,
    TestSpec,
    Visibility,
    WrittenFile,
    compare_output,
    expect_raises,
    take_registered,
    test,
)

__all__ = [
    "ARTIFACT_NAME",
    "MAX_ARTIFACTS",
    "MAX_ARTIFACT_BYTES",
    "Artifacts",
    "CallFailed",
    "CandidateError",
    "Case",
    "Context",
    "Fail",
    "FigureSet",
    "Run",
    "Score",
    "TestSpec",
    "Visibility",
    "WrittenFile",
    "compare_output",
    "expect_raises",
    "take_registered",
    "test",
]
