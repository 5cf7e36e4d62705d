"""The authoring kit's fixtures in real sandboxes, against a program that probes its limits."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grader.bank.question import load_question
from grader.config import Settings
from grader.grading import grade
from grader.runtime import Runtime

pytestmark = pytest.mark.docker

MANIFEST = """
format = 1
id = "kit-probe"
title = "Probe"
points = 7

[code]
serve_calls = true
seed = 11
files = ["link.txt", "fifo", "big.txt", "plain.txt", "absent.txt"]
file_kb = 1

[[code.stdin_cases]]
name = "shout"
stdin = "hello\\n"
expected = "SECRET-EXPECTED-OUTPUT"
"""

TESTS = """
import random

from grader.authoring import CallFailed, Candidate, Case, Reference, WrittenFile, test


@test(points=1)
def files_are_read_safely(files: dict[str, WrittenFile]):
    assert files["link.txt"].error == "symlink", files["link.txt"]
    assert files["fifo"].error == "not a regular file", files["fifo"]
    assert files["big.txt"].truncated and files["big.txt"].data == b"x" * 1024
    assert files["plain.txt"].text() == "plain"
    assert files["absent.txt"].error == "missing"
    return True


@test(points=1)
def nothing_hidden_was_found(candidate: Candidate):
    assert candidate.value("LEAKS") == [], candidate.value("LEAKS")
    return True


@test(points=1)
def values_round_trip(candidate: Candidate):
    value = {"t": (1, 2.5), "s": {"a"}, 3: [None, float("inf")]}
    assert candidate.echo(value) == value
    return True


@test(points=1)
def randomness_is_seeded_alike(candidate: Candidate, reference: Reference):
    assert candidate.draw() == reference.draw()
    assert candidate.value("FIRST") == reference.value("FIRST")
    return True


@test(points=1)
def a_stdin_case_ran(cases: list[Case]):
    (case,) = cases
    assert case.stdout == "HELLO\\n\\n" and case.run.exit_code == 0, case
    return True


@test(points=1)
def a_stuck_call_times_out(candidate: Candidate):
    candidate.timeout = 1.0
    try:
        candidate.spin()
    except CallFailed as failure:
        assert "did not return within 1 s" in str(failure), str(failure)
        return True
    raise AssertionError("spin() returned")


@test(points=1)
def later_calls_fail_as_the_candidates_fault(candidate: Candidate):
    candidate.echo(1)
"""

SOLUTION = """
import random

FIRST = random.random()


def draw():
    return random.random()
"""

ANSWER = """
import os
import random
import sys

FIRST = random.random()
data = sys.stdin.read()
if data:
    print(data.upper())
else:
    os.symlink("/etc/passwd", "link.txt")
    os.mkfifo("fifo")
    with open("big.txt", "w") as handle:
        handle.write("x" * 5000)
    with open("plain.txt", "w") as handle:
        handle.write("plain")
    secrets = ["SECRET-" + "EXPECTED", "def " + "draw(", "files_are_" + "read_safely"]
    LEAKS = []
    for root in ("/work", "/tmp", "/opt/grader", "/run"):
        for path, _, names in os.walk(root):
            for name in names:
                if not os.path.isfile(os.path.join(path, name)):
                    continue  # the FIFO above would block
                try:
                    with open(os.path.join(path, name), errors="ignore") as handle:
                        text = handle.read(10_000_000)
                except OSError:
                    continue
                LEAKS += [name for s in secrets if s in text and name != "answer.py"]
    LEAKS += ["environ" for s in secrets if s in str(os.environ)]


def draw():
    return random.random()


def echo(value):
    return value


def spin():
    while True:
        pass
"""


def test_kit_fixtures_hold_up_against_a_probing_program(runtime: Runtime, tmp_path: Path) -> None:
    directory = tmp_path / "kit-probe"
    directory.mkdir()
    (directory / "question.toml").write_text(MANIFEST)
    (directory / "prompt.md").write_text("Probe.\n")
    (directory / "starter.py").write_text("")
    (directory / "solution.py").write_text(textwrap.dedent(SOLUTION))
    (directory / "tests.py").write_text(textwrap.dedent(TESTS))
    question = load_question(directory)
    graded = grade(
        question,
        textwrap.dedent(ANSWER),
        backend=runtime.backend_for(question),
        settings=Settings(),
    )
    statuses = {t.name: (t.status, t.message) for t in graded.result.tests}
    assert graded.diagnostics == []
    assert statuses.pop("later_calls_fail_as_the_candidates_fault") == (
        "failed",
        "A call into the program did not return within 1 s.",
    )
    assert statuses == {name: ("passed", "This test passed.") for name in statuses}
    assert (graded.result.score, graded.result.verdict) == (6.0, "partial")
