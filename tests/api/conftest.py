"""Fixtures of the API tests: the app run in process with a fake sandbox, and API keys."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import Scope, TenantStore
from tests.api.server import Connect, in_process

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
POINTS = {"runs": 1, "line": 2, "data": 3, "visible": 1, "xlabel": 1, "ylabel": 1, "title": 1}

KeyMaker = Callable[..., str]


def full_marks(job: dict[str, Any]) -> SandboxRun:
    """A supervisor report with full marks, one line of stdout and one figure."""
    tests: list[dict[str, Any]] = [
        {
            "name": n,
            "score": p,
            "max_score": p,
            "status": "passed",
            "message": "ok",
            "visibility": "hidden" if n == "data" else "visible",
            "skills": [],
        }
        for n, p in POINTS.items()
    ]
    envelope = completed_envelope(tests, stdout="hello\n", stdout_bytes=6)
    summary = {
        "index": 0,
        "number": 1,
        "suptitle": "",
        "size_inches": [6.4, 4.8],
        "width": 640,
        "height": 480,
        "axes": [],
        "error": None,
    }
    envelope["harness"]["result"]["figures"] = [
        {"summary": summary, "png": base64.b64encode(PNG).decode()}
    ]
    return envelope_run(envelope)


@pytest.fixture
def settings(tmp_path: Path, migrated_database_url: str) -> Settings:
    """Settings on a fresh database: the API tests run on SQLite and on PostgreSQL."""
    return Settings(
        database_url=migrated_database_url,
        artifact_dir=tmp_path / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(full_marks)


@pytest.fixture
def make_key(settings: Settings) -> KeyMaker:
    """Create an API key in the test database: make_key("acme", "submit", "read")."""
    engine = make_engine(settings.database_url)
    SubmissionStore(engine).create_schema()
    tenants = TenantStore(engine)

    def make(tenant: str = "acme", *scopes: Scope) -> str:
        return tenants.create_key(tenant, scopes or ("submit", "read")).key

    return make


@pytest.fixture
def app(settings: Settings, backend: FakeBackend) -> FastAPI:
    return create_app(
        settings,
        backend_for=lambda q: backend,
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )


@pytest.fixture
def connect(app: FastAPI) -> Iterator[Connect]:
    """connect(headers) -> a client of the app, which runs in this process for the test."""
    with in_process(app) as connected:
        yield connected


@pytest.fixture
def client(connect: Connect, make_key: KeyMaker) -> httpx.Client:
    """A client of tenant 'acme' with the submit and read scopes."""
    return connect({"Authorization": f"Bearer {make_key('acme')}"})


@pytest.fixture
def anonymous(connect: Connect) -> httpx.Client:
    """A client without an API key."""
    return connect()


def problem(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body
