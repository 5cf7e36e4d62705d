"""API keys, scopes, tenant isolation, anonymous development mode, rate and queue limits."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from grader.api.app import create_app
from grader.bank.question import Question
from grader.config import Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import make_engine
from grader.store.tenants import TenantStore
from tests.api.conftest import KeyMaker, full_marks, problem
from tests.api.server import in_process
from tests.clock import Clock


def submit(http: httpx.Client, question: Question, **headers: str) -> httpx.Response:
    return http.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": question.id, "code": "x = 1"},
        headers=headers,
    )


def test_a_request_without_a_key_is_401_problem(anonymous: httpx.Client, linear: Question) -> None:
    response = submit(anonymous, linear)
    assert (response.status_code, response.headers["www-authenticate"]) == (401, "Bearer")
    assert problem(response)["detail"] == (
        "this request has no API key; send it as 'Authorization: Bearer <key>' or "
        "'X-API-Key: <key>' (an operator creates keys with `grader keys create`)"
    )
    assert anonymous.get("/v1/questions").status_code == 401


def test_an_unknown_key_is_401(anonymous: httpx.Client, linear: Question) -> None:
    response = submit(anonymous, linear, authorization="Bearer grk_not-a-key")
    assert (response.status_code, problem(response)["type"]) == (
        401,
        "https://grader.invalid/problems/unauthenticated",
    )


def test_the_key_is_accepted_as_x_api_key(
    anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    response = submit(anonymous, linear, **{"x-api-key": make_key("acme")})
    assert (response.status_code, response.json()["status"]) == (200, "completed")


def test_a_key_without_the_scope_is_403(
    anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    reader = {"authorization": f"Bearer {make_key('acme', 'read')}"}
    submitter = {"authorization": f"Bearer {make_key('acme', 'submit')}"}
    denied = submit(anonymous, linear, **reader)
    assert (denied.status_code, problem(denied)["detail"]) == (
        403,
        "this API key lacks the scope 'submit' that this operation needs; "
        "ask the operator for a key with it",
    )
    created = submit(anonymous, linear, **submitter)
    assert created.status_code == 200
    path = f"/v1/submissions/{created.json()['id']}"
    assert anonymous.get(path, headers=submitter).status_code == 403
    assert anonymous.get(path, headers=reader).status_code == 200


def test_admin_may_submit_and_read(
    anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    admin = {"authorization": f"Bearer {make_key('acme', 'admin')}"}
    created = submit(anonymous, linear, **admin)
    assert created.status_code == 200
    assert anonymous.get(f"/v1/submissions/{created.json()['id']}", headers=admin).is_success


def test_another_tenants_submission_is_404(
    client: httpx.Client, anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    mine = submit(client, linear).json()
    other = {"authorization": f"Bearer {make_key('globex')}"}
    for path in (
        f"/v1/submissions/{mine['id']}",
        f"/v1/submissions/{mine['id']}/artifacts/figure-1.png",
    ):
        response = anonymous.get(path, headers=other)
        assert (response.status_code, problem(response)["title"]) == (404, "Submission not found")
    assert client.get(f"/v1/submissions/{mine['id']}").status_code == 200


def test_a_revoked_key_is_401(
    settings: Settings, anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    key = make_key("acme")
    tenants = TenantStore(make_engine(settings.database_url))
    (row,) = tenants.keys()
    tenants.revoke(row.id)
    assert submit(anonymous, linear, authorization=f"Bearer {key}").status_code == 401


def test_anonymous_is_off_by_default_and_refused_off_loopback() -> None:
    assert Settings().allow_anonymous is False
    with pytest.raises(ValidationError, match="only allowed on a loopback address"):
        Settings(allow_anonymous=True, host="192.0.2.1")


def serve(
    settings: Settings, backend: FakeBackend, clock: Callable[[], float] = time.monotonic
) -> Any:
    app = create_app(
        settings,
        backend_for=lambda q: backend,
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
        clock=clock,
    )
    return in_process(app)


def test_anonymous_mode_acts_as_the_default_tenant_with_every_scope(
    settings: Settings, linear: Question
) -> None:
    settings = settings.model_copy(update={"allow_anonymous": True})
    with serve(settings, FakeBackend(full_marks)) as connect:
        http = connect()
        created = submit(http, linear)
        assert created.status_code == 200
        assert http.get(f"/v1/submissions/{created.json()['id']}").status_code == 200
        other = TenantStore(make_engine(settings.database_url)).create_key("acme", ("read",))
        theirs = http.get(
            f"/v1/submissions/{created.json()['id']}",
            headers={"authorization": f"Bearer {other.key}"},
        )
        assert theirs.status_code == 404
    assert TenantStore(make_engine(settings.database_url)).find("default") is not None


def test_a_key_over_its_rate_is_429_with_retry_after(
    tmp_path: Path, linear: Question, make_key: KeyMaker, settings: Settings
) -> None:
    limited = settings.model_copy(update={"rate_limit_per_second": 0.5, "rate_limit_burst": 2})
    key = make_key("acme")
    # No time passes between the requests, however slowly this machine serves them.
    with serve(limited, FakeBackend(full_marks), Clock(frozen=True)) as connect:
        http = connect()
        headers = {"authorization": f"Bearer {key}"}
        codes = [http.get("/v1/questions", headers=headers).status_code for _ in range(3)]
        response = http.get("/v1/questions", headers=headers)
    assert codes == [200, 200, 429]
    # Less than one token is left, refilling at 0.5 a second: one or two seconds to wait.
    assert (response.status_code, response.headers["retry-after"] in ("1", "2")) == (429, True)
    assert problem(response)["title"] == "Too many requests"


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


def test_a_full_queue_is_503_with_retry_after(
    linear: Question, make_key: KeyMaker, settings: Settings, gate: threading.Event
) -> None:
    def blocked(job: dict[str, Any]) -> SandboxRun:
        gate.wait(30)
        return full_marks(job)

    capped = settings.model_copy(update={"max_queue_depth": 1, "workers": 1})
    key = make_key("acme")
    with serve(capped, FakeBackend(blocked)) as connect:
        http = connect()
        headers = {"authorization": f"Bearer {key}"}
        body = {"question_id": linear.id, "code": "x"}
        first = http.post("/v1/submissions", json=body, headers=headers)
        for _ in range(100):  # until the worker holds the first one
            if http.get(first.headers["location"], headers=headers).json()["status"] == "running":
                break
            threading.Event().wait(0.05)
        second = http.post("/v1/submissions", json=body, headers=headers)
        third = http.post("/v1/submissions", json=body, headers=headers)
        gate.set()
    assert (first.status_code, second.status_code, third.status_code) == (202, 202, 503)
    assert third.headers["retry-after"] == "5"
    assert problem(third)["detail"] == (
        "1 submissions are already waiting to be graded; retry later"
    )
