"""Where the bank is: one rule, and `grader new` and `grader check` following it in a repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from grader.bank.location import BankLocation, locate_bank
from grader.bank.question import Question
from grader.cli import main
from grader.config import Settings
from grader.kinds import grade_answer
from grader.results import Graded
from grader.sandbox.base import SandboxBackend

CONFIGURED = Path("/srv/grader/questions")


def question(directory: Path) -> Path:
    directory.mkdir(parents=True)
    (directory / "question.toml").write_text("")
    return directory


def git_repository(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def where(cwd: Path, *, explicit: Path | None = None, is_set: bool = False) -> BankLocation:
    return locate_bank(explicit, cwd=cwd, configured=CONFIGURED, configured_is_set=is_set)


def test_an_explicit_bank_wins(tmp_path: Path) -> None:
    question(tmp_path / "questions" / "q1")
    assert where(tmp_path, explicit=Path("elsewhere")) == BankLocation(Path("elsewhere"), "--bank")


def test_a_directory_of_questions_is_the_bank(tmp_path: Path) -> None:
    question(tmp_path / "q1")
    assert where(tmp_path) == BankLocation(tmp_path, "found from the current directory")


def test_a_directory_with_questions_inside_has_its_bank_there(tmp_path: Path) -> None:
    (tmp_path / "questions").mkdir()
    found = where(tmp_path, is_set=True)
    assert found == BankLocation(tmp_path / "questions", "found from the current directory")


def test_inside_a_repository_the_walk_goes_up_to_its_root(tmp_path: Path) -> None:
    repo = git_repository(tmp_path / "bank")
    question(repo / "questions" / "q1")
    deep = repo / "questions" / "q1" / "samples"
    deep.mkdir()
    assert where(deep) == BankLocation(repo / "questions", "found from the current directory")


def test_the_walk_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "questions").mkdir()  # above the repository: not this repository's bank
    repo = git_repository(tmp_path / "bank")
    assert where(repo) == BankLocation(repo / "questions", f"the repository at {repo}")


def test_outside_a_repository_only_the_current_directory_counts(tmp_path: Path) -> None:
    question(tmp_path / "q1")
    (tmp_path / "work").mkdir()
    assert where(tmp_path / "work") == BankLocation(CONFIGURED, "the default bank")


def test_grader_bank_dir_when_set_comes_before_a_new_repository(tmp_path: Path) -> None:
    repo = git_repository(tmp_path / "bank")
    assert where(repo, is_set=True) == BankLocation(CONFIGURED, "GRADER_BANK_DIR")


def _no_sandbox(question: Question) -> SandboxBackend:
    raise AssertionError("data questions never need a sandbox")


def _grade(question: Question, answer: str) -> Graded:
    return grade_answer(question, answer, backend_for=_no_sandbox, settings=Settings())


def test_new_then_check_in_a_fresh_bank_repository_act_on_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = git_repository(tmp_path / "my-bank")
    other = tmp_path / "service-bank"
    other.mkdir()
    monkeypatch.delenv("GRADER_BANK_DIR", raising=False)
    monkeypatch.chdir(repo)
    assert main(["new", "first-question", "--kind", "multiple_choice"]) == 0
    created = repo / "questions" / "first-question"
    assert (created / "question.toml").is_file()
    assert capsys.readouterr().out == (
        f"created {created} in the bank {repo / 'questions'} (the repository at {repo}); "
        "fill in the TODO(author) markers, then run: grader check --question first-question\n"
    )
    # Now the repository holds a bank, which wins over GRADER_BANK_DIR, from any folder in it.
    monkeypatch.setenv("GRADER_BANK_DIR", str(other))
    monkeypatch.chdir(created)
    junit = tmp_path / "reports" / "bank.xml"
    command = ["check", "--json", "--junit-xml", str(junit), "--workers", "1"]
    assert main(command, grade=_grade) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [q["id"] for q in report["questions"]] == ["first-question"]
    assert report["ok"] is True
    assert captured.err.splitlines() == [
        f"checking the bank {repo / 'questions'} (found from the current directory)",
        "[1/3] first-question: reference",
        "[2/3] first-question: sample answer '[\"right\"]'",
        "[3/3] first-question: sample answer 'wrong'",
        f"wrote the JUnit report to {junit}",
    ]
    assert junit.is_file()


def test_new_with_an_explicit_bank_says_so_in_its_next_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "q1", "--kind", "text", "--bank", str(tmp_path)]) == 0
    assert capsys.readouterr().out.endswith(
        f"then run: grader check --bank {tmp_path} --question q1\n"
    )


def test_check_refuses_two_different_banks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "a"), "--bank", str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == "grader: give the bank once: either BANK_DIR or --bank\n"
