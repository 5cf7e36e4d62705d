"""The /judge0 routes over real HTTP on loopback, with a fake sandbox that echoes stdin."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.config import Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from grader.store.artifacts import MemoryArtifactStore
from tests.api.conftest import KeyMaker, problem
from tests.api.server import serving


def echo(job: dict[str, Any]) -> SandboxRun:
    text = job["stdin"]
    if job["code"].startswith("raise"):
        return envelope_run(
            completed_envelope([], exit_code=1, stderr="Traceback\nValueError\n", stderr_bytes=21)
        )
    return envelope_run(completed_envelope([], stdout=text, stdout_bytes=len(text.encode())))


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def judge0_url(settings: Settings) -> Iterator[str]:
    backend = FakeBackend(echo)
    app = create_app(
        settings,
        backend_for=lambda q: backend,
        judge0_backend=lambda: backend,
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )
    with serving(app) as url:
        yield url + "/judge0"


@pytest.fixture
def judge0(judge0_url: str, make_key: KeyMaker) -> Iterator[httpx.Client]:
    """Tenant acme's client, its key sent as Judge0's X-Auth-Token."""
    headers = {"X-Auth-Token": make_key("acme")}
    with httpx.Client(base_url=judge0_url, timeout=30, headers=headers) as http:
        yield http


SOURCE = {"source_code": "print(input())", "language_id": 71}


def test_a_submission_with_wait_answers_with_its_result(judge0: httpx.Client) -> None:
    created = judge0.post(
        "/submissions",
        params={"wait": "true"},
        json={**SOURCE, "stdin": "7\n", "expected_output": "7"},
    )
    assert created.status_code == 201
    body = created.json()
    assert list(body) == [
        "token",
        "time",
        "memory",
        "stdout",
        "stderr",
        "compile_output",
        "message",
        "status",
    ]
    assert body["stdout"] == "7\n" and body["stderr"] is None
    assert body["status"] == {"id": 3, "description": "Accepted"}


def test_without_wait_a_token_then_polling_with_base64_and_chosen_fields(
    judge0: httpx.Client,
) -> None:
    created = judge0.post(
        "/submissions",
        params={"base64_encoded": "true"},
        json={
            "source_code": b64("print(input())"),
            "language_id": 71,
            "stdin": b64("ok\n"),
            "expected_output": b64("no"),
        },
    )
    assert created.status_code == 201
    token = created.json()["token"]
    assert list(created.json()) == ["token"]
    while True:
        got = judge0.get(
            f"/submissions/{token}",
            params={"base64_encoded": "true", "fields": "status_id,stdout,stdin,language_id"},
        )
        assert got.status_code == 200
        if got.json()["status_id"] > 2:
            break
    assert got.json() == {
        "status_id": 4,
        "stdout": b64("ok\n"),
        "stdin": b64("ok\n"),
        "language_id": 71,
    }


def test_a_runtime_error_reports_stderr_and_the_exit_code(judge0: httpx.Client) -> None:
    body = judge0.post(
        "/submissions",
        params={"wait": "true", "fields": "status,stderr,exit_code,message"},
        json={"source_code": "raise ValueError", "language_id": 71},
    ).json()
    assert body == {
        "status": {"id": 11, "description": "Runtime Error (NZEC)"},
        "stderr": "Traceback\nValueError\n",
        "exit_code": 1,
        "message": "Exited with error status 1",
    }


def test_both_batch_routes_keep_the_order_and_name_invalid_items(judge0: httpx.Client) -> None:
    created = judge0.post(
        "/submissions/batch",
        json={
            "submissions": [
                {**SOURCE, "stdin": "a\n"},
                {"source_code": "x", "language_id": 62},
                {**SOURCE, "stdin": "b\n"},
            ]
        },
    )
    assert created.status_code == 201
    items = created.json()
    assert items[1] == {
        "language_id": ["language with id 62 doesn't exist; this service runs Python 3 (id 71)"]
    }
    tokens = [items[0]["token"], "unknown-token", items[2]["token"]]
    while True:
        got = judge0.get(
            "/submissions/batch", params={"tokens": ",".join(tokens), "fields": "token,stdout"}
        )
        assert got.status_code == 200
        found = got.json()["submissions"]
        if found[0]["stdout"] and found[2]["stdout"]:
            break
    assert found == [
        {"token": tokens[0], "stdout": "a\n"},
        None,
        {"token": tokens[2], "stdout": "b\n"},
    ]


def test_the_metadata_routes_answer_as_judge0_does(judge0: httpx.Client) -> None:
    assert judge0.get("/languages").json() == [{"id": 71, "name": "Python (3.11)"}]
    assert judge0.get("/languages/71").json()["source_file"] == "answer.py"
    assert problem(judge0.get("/languages/62"))["status"] == 404
    statuses = judge0.get("/statuses").json()
    assert statuses[0] == {"id": 1, "description": "In Queue"}
    assert [s["id"] for s in statuses] == list(range(1, 15))
    assert judge0.get("/about").json()["version"] == "1.13.1"
    assert judge0.get("/config_info").json()["max_submission_batch_size"] == 20


def test_keys_are_required_and_accepted_in_every_header(
    judge0_url: str, make_key: KeyMaker
) -> None:
    key = make_key("acme")
    for headers in ({"X-Auth-Token": key}, {"Authorization": f"Bearer {key}"}, {"X-API-Key": key}):
        assert httpx.get(judge0_url + "/about", headers=headers).status_code == 200
    refused = httpx.get(judge0_url + "/about")
    assert refused.status_code == 401
    assert "no API key" in problem(refused)["detail"]
    wrong = httpx.get(judge0_url + "/about", headers={"X-Auth-Token": "nope"})
    assert wrong.status_code == 401


def test_creating_needs_the_submit_scope_and_reading_the_read_scope(
    judge0_url: str, make_key: KeyMaker
) -> None:
    reader = {"X-Auth-Token": make_key("acme", "read")}
    refused = httpx.post(judge0_url + "/submissions", json=SOURCE, headers=reader)
    assert refused.status_code == 403
    assert "'submit'" in problem(refused)["detail"]


def test_another_tenants_token_is_404(
    judge0: httpx.Client, judge0_url: str, make_key: KeyMaker
) -> None:
    token = judge0.post("/submissions", params={"wait": "true"}, json=SOURCE).json()["token"]
    other = {"X-Auth-Token": make_key("globex")}
    response = httpx.get(f"{judge0_url}/submissions/{token}", headers=other)
    assert response.status_code == 404
    assert token in problem(response)["detail"]


@pytest.mark.parametrize(
    ("params", "body", "status", "field"),
    [
        ({}, {"source_code": "x", "language_id": 999}, 422, "language_id"),
        ({}, {"language_id": 71}, 422, "source_code"),
        ({"base64_encoded": "true"}, {"source_code": "%%%", "language_id": 71}, 422, "source_code"),
        ({"fields": "stdout,shoe_size"}, SOURCE, 422, "fields"),
        ({}, {**SOURCE, "enable_network": True}, 422, "enable_network"),
    ],
)
def test_bad_requests_are_problems_naming_the_field(
    judge0: httpx.Client, params: dict[str, str], body: dict[str, Any], status: int, field: str
) -> None:
    response = judge0.post("/submissions", params=params, json=body)
    assert response.status_code == status
    assert problem(response)["errors"][0]["field"] == field


def test_judge0_requests_count_against_the_keys_rate(
    settings: Settings, make_key: KeyMaker
) -> None:
    backend = FakeBackend(echo)
    app = create_app(
        settings.model_copy(update={"rate_limit_per_second": 0.01, "rate_limit_burst": 2}),
        backend_for=lambda q: backend,
        judge0_backend=lambda: backend,
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )
    headers = {"X-Auth-Token": make_key("acme")}
    with serving(app) as url, httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        assert [http.get("/judge0/about").status_code for _ in range(2)] == [200, 200]
        limited = http.post("/judge0/submissions", json=SOURCE)
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        assert problem(limited)["type"].endswith("/rate-limited")
    assert backend.jobs == []
