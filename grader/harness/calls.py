"""Re-exports `grader.authoring.calls` under its former path, for stored questions.

Stored versions of questions keep the tests.py they were written with, which may import
`grader.harness.calls` (the harness's side of function calls): every public name that module had
is importable here, as the same object. New tests import `grader.authoring`.
"""

from grader.authoring.calls import (
    Candidate,
    Channel,
    Reference,
    RemoteObject,
)
from grader.authoring.kit import (
    CallFailed,
    CandidateError,
)

__all__ = [
    "CallFailed",
    "Candidate",
    "CandidateError",
    "Channel",
    "Reference",
    "RemoteObject",
]
