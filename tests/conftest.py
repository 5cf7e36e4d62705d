"""Shared fixtures: settings on temporary storage, the real Docker runtime, answer helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.bank.question import Bank, Question
from grader.config import PROJECT_ROOT, Settings
from grader.runtime import Runtime

LINEAR = "matplotlib-linear-plot"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'grader.db'}",
        artifact_dir=tmp_path / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )


@pytest.fixture(scope="session")
def bank() -> Bank:
    return Bank(PROJECT_ROOT / "questions")


@pytest.fixture(scope="session")
def linear(bank: Bank) -> Question:
    return bank.get(LINEAR)


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    runtime = Runtime(Settings())
    runtime.backend("python")  # builds the runner image once, if missing
    yield runtime
