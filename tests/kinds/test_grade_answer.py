"""`grade_answer`: one entry for every kind, asking for a sandbox only when code must run."""

from __future__ import annotations

import pytest

import grader
from grader import grading
from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.kinds import grade_answer
from grader.sandbox.base import SandboxBackend
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.test_grading import rubric


def no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError(f"a sandbox was asked for {question.id}")


def test_a_code_answer_runs_in_the_backend_of_its_question(
    linear: Question, settings: Settings
) -> None:
    backend = FakeBackend(lambda job: envelope_run(completed_envelope(rubric({}))))
    asked: list[str] = []

    def backend_for(question: Question) -> SandboxBackend:
        asked.append(question.id)
        return backend

    graded = grade_answer(linear, "print(1)", backend_for=backend_for, settings=settings)
    assert asked == [linear.id]
    assert [job["code"] for job in backend.jobs] == ["print(1)"]
    assert (graded.result.verdict, graded.result.answer_kind) == ("passed", "code")
    provenance = graded.result.provenance
    assert (provenance.runner_image, provenance.runner_image_id) == ("fake-runner:1", "sha256:fake")
    assert provenance.grader_version == grader.__version__


@pytest.mark.parametrize(
    ("question_id", "answer", "kind"),
    [
        ("ml-imbalance-remedies", '["resample"]', "multiple_choice"),
        ("sentiment-skew-reason", "the classes are imbalanced", "text"),
    ],
)
def test_a_data_answer_is_scored_without_a_sandbox(
    bank: Bank, settings: Settings, question_id: str, answer: str, kind: str
) -> None:
    question = bank.get(question_id)
    graded = grade_answer(question, answer, backend_for=no_sandbox, settings=settings)
    assert graded.result.answer_kind == kind
    assert (graded.artifacts, graded.diagnostics) == ({}, [])
    assert graded.result.provenance.model_dump() == {
        "question_id": question.id,
        "question_version": question.version,
        "runner_image": "",
        "runner_image_id": "",
        "grader_version": grader.__version__,
    }


def test_the_sandbox_path_refuses_a_question_that_is_not_code(
    bank: Bank, settings: Settings
) -> None:
    backend = FakeBackend(lambda job: envelope_run(None, "never called"))
    with pytest.raises(ValueError) as refused:
        grading.grade(bank.get("sentiment-skew-reason"), "x", backend=backend, settings=settings)
    assert str(refused.value) == (
        "question sentiment-skew-reason is a text question; "
        "grade its answers with grader.kinds.grade_answer"
    )
    assert backend.jobs == []
