"""What question authors import: the kit for hidden tests, calls into the answer, figure checks.

A question's `tests.py` imports from this package and nowhere else:

    from grader.authoring import Fail, Run, Score, test        # the kit
    from grader.authoring import Candidate, Reference           # calls into the answer
    from grader.authoring import checks                         # one-call figure checks
    from grader.authoring.figures import Axes, FigureSet        # the figure model

- `kit`: `@test`, `Score` and `Fail`; the fixtures' types (`Run`, `Case`, `WrittenFile`,
  `Artifacts`); `expect_raises` and `compare_output`.
- `calls`: `Candidate` and `Reference`, proxies of the answer's and the reference's functions;
  `RemoteObject` for a value that stays in the answer's process. A failed call raises
  `CallFailed` (`CallTimedOut` when it ran out of time), an exception in the answer
  `CandidateError` (all are `Fail`s).
- `figures`: the figure model (`FigureSet`, `Figure`, `Axes`, `Artist`, ...), the parser of
  the candidate's capture, and function matching (`best_function_match`, `shows_in_render`).
- `checks`: the figure checks (`checks.curve`, `checks.bars`, `checks.legend`, ...), one
  module per family.

The names exported here, by `figures` and by `checks` are a stable surface: stored versions of
a question keep their `tests.py` and are regraded with today's code, so a name is never
removed or changed in meaning. For the same reason the paths these modules had before
(`grader.harness.kit`, `grader.harness.figures`, `grader.harness.checks`, ...) remain as thin
re-exports.

Invariant: this package runs inside the runner container, in the harness process (and on an
author's machine when they run their tests). It imports only the standard library, numpy,
Pillow, matplotlib's colour names, and the runner's protocol constants and value codec; never
the service side (`grader.api`, `grader.store`, `grader.sandbox`, `grader.grading`,
`grader.config`, ...), whose dependencies are not installed in the runner image.
"""

from grader.authoring.calls import Candidate, Reference, RemoteObject
from grader.authoring.kit import (
    Artifacts,
    CallFailed,
    CallTimedOut,
    CandidateError,
    Case,
    Fail,
    Run,
    Score,
    WrittenFile,
    compare_output,
    expect_raises,
    test,
    visible_with_variants,
)

__all__ = [
    "Artifacts",
    "CallFailed",
    "CallTimedOut",
    "Candidate",
    "CandidateError",
    "Case",
    "Fail",
    "Reference",
    "RemoteObject",
    "Run",
    "Score",
    "WrittenFile",
    "compare_output",
    "expect_raises",
    "test",
    "visible_with_variants",
]
