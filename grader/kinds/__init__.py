"""The kinds of answer, and `grade_answer`: the one function that grades an answer of any kind.

- code: run in a fresh sandbox against the question's hidden tests (`grader.grading`);
- multiple choice (`kinds.multiple_choice`) and text (`kinds.text`): plain data, scored in the
  service without a sandbox into the same `GradingResult` schema (`kinds.data`).
"""

from __future__ import annotations

from collections.abc import Callable

from grader import grading
from grader.bank.question import Question
from grader.config import Settings
from grader.results import Graded
from grader.sandbox.base import SandboxBackend

BackendFor = Callable[[Question], SandboxBackend]


def grade_answer(
    question: Question, answer: str, *, backend_for: BackendFor, settings: Settings
) -> Graded:
    """Grade an answer of the question's kind; never raises for the candidate's fault.

    A sandbox backend is asked for only when code must run.
    """
    manifest = question.manifest
    # The manifest carries exactly the section of its kind (see grader.bank.manifest).
    # Each kind is imported when an answer of it comes: text grading loads word lists, which
    # grading one code answer (`grader grade`) should not pay for.
    if manifest.multiple_choice is not None:
        from grader.kinds import multiple_choice

        return Graded(multiple_choice.grade(question, manifest.multiple_choice, answer))
    if manifest.text is not None:
        from grader.kinds import text

        return Graded(text.grade(question, manifest.text, answer))
    return grading.grade(question, answer, backend=backend_for(question), settings=settings)
