"""The readable reports of `grader grade` and `grader check` show human units; --json is exact."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.bank.check import limit_warnings
from grader.bank.question import Question
from grader.cli import main
from grader.config import Settings
from grader.grading import grade
from grader.results import Graded
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.test_grading import rubric


def fake_grade(
    wall_ms: int, cpu_ms: int, peak: int, cpu_wait_ms: int = 0
) -> Callable[[Question, str], Graded]:
    """Grade through a fake sandbox whose run used these resources, with full marks."""
    envelope = completed_envelope(
        rubric({}), wall_ms=wall_ms, cpu_ms=cpu_ms, peak_memory_bytes=peak, cpu_wait_ms=cpu_wait_ms
    )
    backend = FakeBackend(lambda job: envelope_run(envelope))

    def graded(question: Question, answer: str) -> Graded:
        return grade(question, answer, backend=backend, settings=Settings())

    return graded


@pytest.fixture
def answer(tmp_path: Path) -> str:
    path = tmp_path / "answer.py"
    path.write_text("print(1)\n")
    return str(path)


def test_grade_prints_seconds_and_mebibytes(
    answer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_grade(2449, 850, 58_486_784)
    assert main(["grade", "matplotlib-linear-plot", answer], grade=fake) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "matplotlib-linear-plot: 10/10  passed"
    assert lines[-1] == "wall 2.4 s, cpu 850 ms, peak memory 55.8 MiB"


def test_grade_json_keeps_the_exact_numbers(
    answer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_grade(2449, 850, 58_486_784)
    assert main(["grade", "matplotlib-linear-plot", answer, "--json"], grade=fake) == 0
    resources = json.loads(capsys.readouterr().out)["resources"]
    assert resources == {
        "wall_ms": 2449,
        "cpu_wait_ms": 0,
        "cpu_ms": 850,
        "peak_memory_bytes": 58_486_784,
    }


def test_grade_says_how_much_of_the_wall_time_was_a_wait_for_a_cpu(
    answer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_grade(4632, 1782, 58_486_784, cpu_wait_ms=2704)
    assert main(["grade", "matplotlib-linear-plot", answer], grade=fake) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "wall 4.6 s (2.7 s of it waiting for a CPU, not charged), cpu 1.8 s, peak memory 55.8 MiB"
    )


def test_check_warnings_show_seconds_and_mebibytes(linear: Question) -> None:
    limits = linear.manifest.limits
    assert (limits.wall_seconds, limits.cpu_seconds, limits.memory_mb) == (10, 10, 512)
    result = fake_grade(8000, 6449, 400 * 1024 * 1024)(linear, "print(1)").result
    assert limit_warnings(linear, result) == [
        "the reference ran 8.0 s, more than half its wall-clock limit of 10 s",
        "the reference used 6.4 s of CPU, more than half its limit of 10 s",
        "the reference peaked at 400.0 MiB, more than half its memory limit of 512 MiB",
    ]


def test_check_does_not_warn_of_the_time_the_reference_waited_for_a_cpu(
    linear: Question,
) -> None:
    waited = fake_grade(9000, 1000, 1024, cpu_wait_ms=6000)(linear, "print(1)").result
    assert limit_warnings(linear, waited) == []
    slow = fake_grade(9000, 1000, 1024, cpu_wait_ms=2000)(linear, "print(1)").result
    assert limit_warnings(linear, slow) == [
        "the reference ran 7.0 s (not counting 2.0 s waiting for a CPU), more than half its "
        "wall-clock limit of 10 s"
    ]


def test_grade_says_where_it_wrote_the_figures(
    answer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = fake_grade(100, 90, 1024)
    directory = tmp_path / "figures"
    command = ["grade", "matplotlib-linear-plot", answer, "--artifacts", str(directory)]
    assert main(command, grade=fake) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote 0 PNG files to {directory}"
    assert main([*command, "--json"], grade=fake) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["verdict"] == "passed"
    assert captured.err == f"wrote 0 PNG files to {directory}\n"
