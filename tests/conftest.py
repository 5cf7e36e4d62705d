"""Shared fixtures: settings on temporary storage, the real Docker runtime, answer helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import pytest

from grader.bank.manifest import Runner
from grader.bank.question import Bank, Question
from grader.bank.samples import Sample, load_samples
from grader.config import PROJECT_ROOT, Settings
from grader.results import GradingResult
from grader.runtime import Runtime
from tests.databases import PostgresPool, PostgresServer, sqlite_copy, sqlite_template
from tests.sandboxes import Gradings, in_image

LINEAR = "matplotlib-linear-plot"
# Families that run on one pytest-xdist worker each (GRADER_TEST_WORKERS=2 gives
# `-n 2 --dist loadgroup`), in order, while the other tests spread over the workers:
GROUPS: dict[str, tuple[str, ...]] = {
    # They share one grading of each bank answer (`gradings`), which lives in one worker.
    "bank": (
        "tests/bank/test_check.py",
        "tests/integration/test_plot_questions.py",
        "tests/integration/test_linear_plot.py",
        "tests/bank/test_sample_messages.py",
    ),
    # Fork bombs, CPU hogs and floods: two at once would each slow the other past the time
    # bounds these tests assert.
    "hostile": (
        "tests/integration/test_adversarial.py",
        "tests/integration/test_sandbox_limits.py",
        "tests/integration/test_capture_attacks.py",
        "tests/integration/test_hostile_cleanup.py",
    ),
}
# Clusters of API processes and workers under load and faults: each saturates both cores (and
# kills or stops servers), so they run one after another, on the worker that grades the bank:
# beside the bank's gradings, the load test's correct linear plots ran past their 10 s
# wall-clock limit (2 of 30, on this 2-core machine).
GROUPS["bank"] += (
    "tests/scaleout/test_load.py",
    "tests/scaleout/test_faults.py",
    "tests/scaleout/test_embedded_load.py",
)
# They start processes under one shared test uid and count that uid's processes: two of them
# at once would each see the other's.
GROUPS["stranger-uid"] = ("tests/runner/test_processes.py",)
POSTGRES_ENV = "GRADER_TEST_POSTGRES_URL"
DATABASES = ["sqlite", "postgres"]


# First, so that pytest-xdist's own hook, which turns the marker into the group it schedules
# by, sees the marker.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        return  # `-p no:xdist`: one process runs everything in order; no groups to keep
    for item in items:
        path = item.path.relative_to(config.rootpath).as_posix()
        for group, files in GROUPS.items():
            if path in files:
                item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The test PostgreSQL named by GRADER_TEST_POSTGRES_URL."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.fail(
            f"{POSTGRES_ENV} is not set: the storage and API tests also run on PostgreSQL; "
            "run scripts/postgres and source var/test-postgres.env (scripts/test does both)"
        )
    server = PostgresServer(url)
    yield server
    server.close()


@pytest.fixture(scope="session")
def postgres_pool(postgres: PostgresServer) -> Iterator[PostgresPool]:
    pool = PostgresPool(postgres)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def sqlite_migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a database made on the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'grader.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    with server.database() as url:
        yield url


@pytest.fixture(params=DATABASES)
def migrated_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the newest schema, holding no rows (see tests/databases.py)."""
    if request.param == "sqlite":
        yield sqlite_copy(request.getfixturevalue("sqlite_migrated"), tmp_path / "grader.db")
        return
    pool: PostgresPool = request.getfixturevalue("postgres_pool")
    with pool.database() as url:
        yield url


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


@pytest.fixture(scope="session")
def gradings(runtime: Runtime) -> Gradings:
    """The bank's answers graded once per session (see tests/sandboxes.py)."""
    return Gradings(runtime)


@dataclass(frozen=True)
class SampleResult:
    """A sample answer of a bank question and the result it got, graded in the sandbox."""

    question: Question
    sample: Sample
    result: GradingResult


@pytest.fixture(scope="session")
def sample_results(gradings: Gradings, bank: Bank) -> list[SampleResult]:
    """Every sample of every question in the bank, graded once for the whole session (the
    gradings the bank check and the sample tests share)."""
    jobs = [(q, s) for q in bank.all() for s in load_samples(q) or []]

    def grade(job: tuple[Question, Sample]) -> SampleResult:
        question, sample = job
        return SampleResult(question, sample, gradings.shared(question, sample.answer).result)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(grade, jobs))
