"""Helpers for tests that grade in real sandboxes."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docker

from grader.bank.question import Question, load_question
from grader.config import Settings
from grader.grading import grade
from grader.kinds import grade_answer
from grader.results import Graded
from grader.runtime import Runtime
from grader.sandbox.docker import OWNER_LABEL, current_owner


def own_containers() -> list[Any]:
    """Sandbox containers this test process created that still exist."""
    label = f"{OWNER_LABEL}={current_owner()}"
    return list(docker.from_env().containers.list(all=True, filters={"label": label}))


def run(runtime: Runtime, question: Question, code: str, **overrides: Any) -> Graded:
    """Grade `code` (dedented) with default settings changed by `overrides`."""
    settings = Settings(**overrides)
    return grade(
        question, textwrap.dedent(code), backend=runtime.backend_for(question), settings=settings
    )


def in_image(question: Question, runner: str, directory: Path) -> Question:
    """A copy of `question`, made in `directory`, that runs in the runner image `runner`."""
    target = directory / question.id
    shutil.copytree(question.directory, target)
    manifest = target / "question.toml"
    line = f'runner = "{question.manifest.runner}"'
    assert line in manifest.read_text()
    manifest.write_text(manifest.read_text().replace(line, f'runner = "{runner}"'))
    return load_question(target)


class Gradings:
    """Each answer to each question graded once per session, for every test that needs it.

    The bank check, the plot questions' sample tests and the linear plot's sample tests all
    grade the bank's references and samples; grading is deterministic (the check proves it),
    so they share one grading of each. Keep the tests that share it in one xdist group
    (tests/conftest.py), since each pytest-xdist worker has its own session.
    """

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._settings = Settings()
        self._done: dict[tuple[str, str, str], Graded] = {}
        self._locks: dict[tuple[str, str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def fresh(self, question: Question, answer: str) -> Graded:
        """A new grading, never shared."""
        return grade_answer(
            question, answer, backend_for=self._runtime.backend_for, settings=self._settings
        )

    def shared(self, question: Question, answer: str) -> Graded:
        """The session's grading of this answer, made on first use."""
        key = (
            question.id,
            question.version,
            hashlib.sha256(answer.encode("utf-8", "surrogateescape")).hexdigest(),
        )
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # two threads asking for one answer wait for one grading
            if key not in self._done:
                self._done[key] = self.fresh(question, answer)
            return self._done[key]

    def shared_then_fresh(self) -> Callable[[Question, str], Graded]:
        """For `grader check`, which grades each answer twice to prove it deterministic: the
        first grading of an answer is the shared one, the second a new one."""
        seen: set[tuple[str, str]] = set()
        guard = threading.Lock()

        def grade_one(question: Question, answer: str) -> Graded:
            with guard:
                again = (question.directory.as_posix(), answer) in seen
                seen.add((question.directory.as_posix(), answer))
            return self.fresh(question, answer) if again else self.shared(question, answer)

        return grade_one
