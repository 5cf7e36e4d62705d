"""Shared fixtures: settings on temporary storage, the real Docker runtime, answer helpers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pytest
from sqlalchemy import make_url

from grader.bank.manifest import Runner
from grader.bank.question import Bank, Question
from grader.bank.samples import Sample, load_samples
from grader.config import PROJECT_ROOT, Settings
from grader.kinds import grade_answer
from grader.results import GradingResult
from grader.runtime import Runtime
from grader.store.db import make_engine
from tests.sandboxes import in_image

LINEAR = "matplotlib-linear-plot"
POSTGRES_ENV = "GRADER_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a database made on the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'grader.db'}"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.fail(
            f"{POSTGRES_ENV} is not set: the storage and API tests also run on PostgreSQL; "
            "run scripts/postgres and source var/test-postgres.env (scripts/test does both)"
        )
    name = f"grader_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.engine.dispose()


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


@pytest.fixture(scope="session", params=get_args(Runner))
def linear_each_image(
    request: pytest.FixtureRequest, linear: Question, tmp_path_factory: pytest.TempPathFactory
) -> Question:
    """The linear-plot question, run in each runner image in turn."""
    return in_image(linear, request.param, tmp_path_factory.mktemp(request.param))


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    runtime = Runtime(Settings())
    runtime.backend("python")  # builds the runner image once, if missing
    yield runtime


@dataclass(frozen=True)
class SampleResult:
    """A sample answer of a bank question and the result it got, graded in the sandbox."""

    question: Question
    sample: Sample
    result: GradingResult


@pytest.fixture(scope="session")
def sample_results(runtime: Runtime, bank: Bank) -> list[SampleResult]:
    """Every sample of every question in the bank, graded once for the whole session."""
    settings = Settings()
    jobs = [(q, s) for q in bank.all() for s in load_samples(q) or []]

    def grade(job: tuple[Question, Sample]) -> SampleResult:
        question, sample = job
        graded = grade_answer(
            question, sample.answer, backend_for=runtime.backend_for, settings=settings
        )
        return SampleResult(question, sample, graded.result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(grade, jobs))
