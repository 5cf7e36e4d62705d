"""GET /v1/submissions/{id}/result, as our schema or as a Gradescope results.json."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from grader.bank.question import Question
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend
from tests.api.conftest import full_marks, problem


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def backend(gate: threading.Event) -> FakeBackend:
    """Grades once the test opens the gate."""

    def gated(job: dict[str, Any]) -> SandboxRun:
        gate.wait(30)
        return full_marks(job)

    return FakeBackend(gated)


def test_the_result_in_both_formats(
    client: httpx.Client, linear: Question, gate: threading.Event
) -> None:
    gate.set()
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    path = f"/v1/submissions/{created['id']}/result"
    assert client.get(path).json() == created["result"]
    exported = client.get(path, params={"format": "gradescope"}).json()
    assert set(exported) == {"score", "output", "tests"}
    assert (exported["score"], exported["output"]) == (10.0, created["result"]["feedback"])
    assert exported["tests"][2] == {
        "name": "data",
        "score": 3.0,
        "max_score": 3.0,
        "status": "passed",
        "output": "ok",
        "visibility": "hidden",
    }
    assert client.get(path, params={"format": "csv"}).status_code == 422


def test_a_result_not_ready_is_409(
    client: httpx.Client, linear: Question, gate: threading.Event
) -> None:
    created = client.post("/v1/submissions", json={"question_id": linear.id, "code": "x"}).json()
    for _ in range(200):
        if client.get(f"/v1/submissions/{created['id']}").json()["status"] == "running":
            break
        time.sleep(0.02)
    response = client.get(f"/v1/submissions/{created['id']}/result")
    gate.set()
    assert (response.status_code, problem(response)["detail"]) == (
        409,
        f"submission '{created['id']}' is running and has no result; "
        "poll it until its status is completed",
    )
