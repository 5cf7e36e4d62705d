"""Helpers for tests that grade in real sandboxes."""

from __future__ import annotations

import textwrap
from typing import Any

import docker

from grader.bank.question import Question
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
