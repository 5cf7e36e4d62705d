"""Helpers for tests that grade in real sandboxes."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import docker

from grader.bank.question import Question, load_question
from grader.config import Settings
from grader.grading import grade
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
