"""Signed webhooks: delivered after grading, verified by the receiver, retried, recorded."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from grader.api.app import create_app
from grader.bank.question import Question
from grader.config import Settings
from grader.sandbox.fake import FakeBackend
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import NewKey, TenantStore
from grader.webhooks import WebhookDispatcher, verify
from tests.api.conftest import full_marks
from tests.api.receiver import receiving
from tests.api.server import in_process
from tests.clock import Clock


@pytest.fixture
def fast_retries(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "webhook_backoff_seconds": 0.05,
            "webhook_backoff_max_seconds": 0.2,
            "webhook_timeout_seconds": 2.0,
            "webhook_retry_seconds": 1.5,
            "webhook_allow_private": True,  # the test receiver listens on loopback
        }
    )


@pytest.fixture
def acme(fast_retries: Settings) -> NewKey:
    engine = make_engine(fast_retries.database_url)
    SubmissionStore(engine).create_schema()
    return TenantStore(engine).create_key("acme", ("submit", "read"))


@pytest.fixture
def http(fast_retries: Settings, acme: NewKey) -> Iterator[httpx.Client]:
    app = create_app(
        fast_retries,
        backend_for=lambda q: FakeBackend(full_marks),
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )
    with in_process(app) as connect:
        yield connect({"Authorization": f"Bearer {acme.key}"})


def deliveries(http: httpx.Client, submission_id: str, count: int) -> list[dict[str, object]]:
    for _ in range(200):
        data: list[dict[str, object]] = http.get(
            f"/v1/submissions/{submission_id}/deliveries"
        ).json()["data"]
        if len(data) >= count:
            return data
        time.sleep(0.02)
    raise AssertionError(f"fewer than {count} deliveries")


def test_the_receiver_verifies_the_signature_of_the_graded_submission(
    http: httpx.Client, acme: NewKey, linear: Question
) -> None:
    with receiving() as receiver:
        created = http.post(
            "/v1/submissions",
            params={"wait": "true"},
            json={"question_id": linear.id, "code": "x", "callback_url": receiver.url},
        ).json()
        assert receiver.arrived.wait(10)
    (got,) = receiver.got
    secret = acme.tenant.webhook_secret
    assert verify(
        secret, got.headers["x-grader-timestamp"], got.body, got.headers["x-grader-signature"]
    )
    assert not verify(
        "whsec_wrong",
        got.headers["x-grader-timestamp"],
        got.body,
        got.headers["x-grader-signature"],
    )
    assert json.loads(got.body) == created
    assert got.headers["content-type"] == "application/json"
    (attempt,) = deliveries(http, created["id"], 1)
    assert {k: attempt[k] for k in ("attempt", "url", "status_code", "delivered", "error")} == {
        "attempt": 1,
        "url": receiver.url,
        "status_code": 200,
        "delivered": True,
        "error": None,
    }


def test_a_failing_receiver_is_retried_until_it_succeeds(
    http: httpx.Client, linear: Question
) -> None:
    with receiving([500, 503]) as receiver:
        created = http.post(
            "/v1/submissions",
            json={"question_id": linear.id, "code": "x", "callback_url": receiver.url},
        ).json()
        assert receiver.arrived.wait(10)
        attempts = deliveries(http, created["id"], 3)
    assert [(a["attempt"], a["status_code"], a["delivered"]) for a in attempts] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    assert attempts[0]["error"] == "the receiver answered 500"
    assert len({r.headers["x-grader-signature"] for r in receiver.got}) >= 1


class Slow(httpx.BaseTransport):
    """The real network, where each request also takes `seconds` of the app's clock."""

    def __init__(self, clock: Clock, seconds: float) -> None:
        self._network = httpx.HTTPTransport()
        self._clock = clock
        self._seconds = seconds

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._network.handle_request(request)
        finally:
            self._clock.advance(self._seconds)

    def close(self) -> None:
        self._network.close()


def test_an_unreachable_receiver_is_given_up_after_the_total_time(
    fast_retries: Settings, acme: NewKey, linear: Question
) -> None:
    # Each attempt takes 10 s of the app's clock, so the third one ends past the 25 s budget
    # whatever this machine's speed: the policy decides when to give up, not the load.
    clock = Clock()
    patient = fast_retries.model_copy(update={"webhook_retry_seconds": 25.0})
    app = create_app(
        patient,
        backend_for=lambda q: FakeBackend(full_marks),
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
        webhook_transport=Slow(clock, 10.0),
        clock=clock,
    )
    dispatcher: WebhookDispatcher = app.state.application.dispatcher
    with receiving() as receiver:
        dead = receiver.url  # closed when the block ends
    with in_process(app) as connect:
        http = connect({"Authorization": f"Bearer {acme.key}"})
        created = http.post(
            "/v1/submissions", json={"question_id": linear.id, "code": "x", "callback_url": dead}
        ).json()
        deadline = time.monotonic() + 30
        while not (deliveries(http, created["id"], 1) and dispatcher.idle()):  # gave up
            assert time.monotonic() < deadline, "the dispatcher never gave up"
            time.sleep(0.02)
        attempts = http.get(f"/v1/submissions/{created['id']}/deliveries").json()["data"]
    assert len(attempts) >= 3 and not any(a["delivered"] for a in attempts)
    assert str(attempts[0]["error"]).startswith("ConnectError")
    assert [a["attempt"] for a in attempts] == list(range(1, len(attempts) + 1))


def test_the_tenants_default_callback_url_is_used(
    fast_retries: Settings, http: httpx.Client, linear: Question
) -> None:
    with receiving() as receiver:
        TenantStore(make_engine(fast_retries.database_url)).set_callback_url("acme", receiver.url)
        created = http.post("/v1/submissions", json={"question_id": linear.id, "code": "x"})
        assert receiver.arrived.wait(10)
    assert json.loads(receiver.got[0].body)["id"] == created.json()["id"]


def test_a_callback_to_a_private_address_is_refused_by_default(
    client: httpx.Client, linear: Question
) -> None:
    response = client.post(
        "/v1/submissions",
        json={"question_id": linear.id, "code": "x", "callback_url": "http://10.0.0.7/hook"},
    )
    assert (response.status_code, response.json()["detail"]) == (
        422,
        "callback_url: 10.0.0.7 is a loopback, private or link-local address; "
        "webhooks go to public addresses only",
    )
