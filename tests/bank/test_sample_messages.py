"""Every message a candidate reads after grading a bank sample is a whole, plain sentence."""

from __future__ import annotations

import pytest

from tests.conftest import SampleResult
from tests.sentences import faults

pytestmark = pytest.mark.docker


def test_every_sample_of_every_question_was_graded(sample_results: list[SampleResult]) -> None:
    from grader.bank.question import Bank
    from grader.config import PROJECT_ROOT

    graded = {r.question.id for r in sample_results}
    assert graded == set(Bank(PROJECT_ROOT / "questions").ids())


def test_every_message_of_every_sample_is_a_whole_sentence(
    sample_results: list[SampleResult],
) -> None:
    wrong = [
        f"{r.question.id} {r.sample.name} {where}: {message!r}: {'; '.join(found)}"
        for r in sample_results
        for where, message in [("feedback", r.result.feedback)]
        + [(f"test {t.name}", t.message) for t in r.result.tests]
        if (found := faults(message))
    ]
    assert wrong == []
