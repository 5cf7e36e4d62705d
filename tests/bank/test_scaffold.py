"""`grader new`: each kind's scaffold passes `grader check`, with its TODO markers as warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.bank.check import Checker, question_dirs
from grader.bank.question import Question
from grader.bank.scaffold import scaffold
from grader.cli import main
from grader.config import Settings
from grader.errors import GraderError
from grader.kinds import grade_answer
from grader.runtime import Runtime
from grader.sandbox.base import SandboxBackend


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


@pytest.mark.parametrize("kind", ["multiple_choice", "text"])
def test_data_scaffolds_pass_check_with_todo_warnings(kind: str, tmp_path: Path) -> None:
    assert main(["new", "my-question", "--kind", kind, "--bank", str(tmp_path)]) == 0
    checker = Checker(lambda q, a: grade_answer(q, a, backend_for=_no_sandbox, settings=Settings()))
    (report,) = checker.check(question_dirs(tmp_path)).questions
    assert report.failed == []
    rubric = ["rubric examples"] if kind == "text" else []
    assert [c.name for c in report.checks][: 3 + len(rubric)] == [
        "manifest",
        "public view",
        *rubric,
        "reference",
    ]
    assert report.warnings
    assert all(w.startswith("TODO(author) left in ") for w in report.warnings)
    assert any("question.toml:4: title" in w for w in report.warnings)


@pytest.mark.docker
def test_code_scaffold_passes_check_in_the_sandbox(runtime: Runtime, tmp_path: Path) -> None:
    directory = scaffold(tmp_path, "add-two-numbers", "code")
    settings = Settings()
    checker = Checker(
        lambda q, a: grade_answer(q, a, backend_for=runtime.backend_for, settings=settings)
    )
    (report,) = checker.check([directory]).questions
    assert [(c.name, c.status) for c in report.checks] == [
        ("manifest", "passed"),
        ("public view", "passed"),
        ("reference", "passed"),
        ("sample samples/correct.py", "passed"),
        ("sample samples/wrong.py", "passed"),
        ("requirements", "passed"),
    ]
    assert len(report.warnings) == 7


def test_new_refuses_a_bad_id_or_an_existing_question(tmp_path: Path) -> None:
    with pytest.raises(GraderError, match="'Bad_Id' is not a valid question id"):
        scaffold(tmp_path, "Bad_Id", "code")
    scaffold(tmp_path, "taken", "text")
    with pytest.raises(GraderError, match="already exists"):
        scaffold(tmp_path, "taken", "code")
