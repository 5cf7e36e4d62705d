"""Webhook signatures, the address guard, the back-off, and refusals at delivery time."""

from __future__ import annotations

import hashlib
import hmac
import time
from pathlib import Path

import httpx

from grader.store.db import SubmissionStore, make_engine
from grader.store.deliveries import DeliveryStore
from grader.webhooks import RetryPolicy, Target, WebhookDispatcher, refusal, sign, verify


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    body = b'{"id": "s1"}'
    expected = hmac.new(b"whsec_x", b'1700000000.{"id": "s1"}', hashlib.sha256).hexdigest()
    assert sign("whsec_x", 1700000000, body) == f"sha256={expected}"


def test_verify_rejects_other_bodies_secrets_and_old_timestamps() -> None:
    now = int(time.time())
    signature = sign("whsec_x", now, b"{}")
    assert verify("whsec_x", str(now), b"{}", signature)
    assert not verify("whsec_x", str(now), b"{ }", signature)
    assert not verify("whsec_y", str(now), b"{}", signature)
    old = sign("whsec_x", now - 600, b"{}")
    assert not verify("whsec_x", str(now - 600), b"{}", old)
    assert not verify("whsec_x", "soon", b"{}", signature)


def test_private_targets_are_refused_literal_or_resolved() -> None:
    assert refusal("https://lms.example/hook") is None
    assert refusal("http://127.0.0.1:8000/") == (
        "127.0.0.1 is a loopback, private or link-local address"
    )
    assert refusal("http://[::1]/") == "::1 is a loopback, private or link-local address"
    assert refusal("http://169.254.169.254/latest") is not None
    assert refusal("http://localhost/") is not None
    assert refusal("https://lms.example/", resolve=lambda host: ["93.184.215.14"]) is None
    assert refusal("https://lms.example/", resolve=lambda host: ["10.1.2.3"]) == (
        "lms.example resolves to 10.1.2.3, a loopback, private or link-local address"
    )


def test_the_back_off_doubles_up_to_its_maximum() -> None:
    policy = RetryPolicy(timeout=1, backoff=0.5, backoff_max=3, total=60)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_a_target_resolving_to_a_private_address_is_refused_once(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'g.db'}")
    store = SubmissionStore(engine)
    store.create_schema()
    row, _ = store.add(tenant="acme", question_id="q", question_version="v", code="x", metadata={})
    deliveries = DeliveryStore(engine)
    dispatcher = WebhookDispatcher(
        policy=RetryPolicy(timeout=1, backoff=0.01, backoff_max=0.01, total=5),
        deliveries=deliveries,
        target_for=lambda _: Target(url="https://lms.example/hook", secret="s", body=b"{}"),
        resolve=lambda host: ["192.168.1.20"],
    )
    dispatcher.start()
    try:
        dispatcher.enqueue(row.id)
        deadline = time.monotonic() + 5
        while not deliveries.attempts(row.id) or not dispatcher.idle():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.1)
    finally:
        dispatcher.stop()
    (attempt,) = deliveries.attempts(row.id)
    assert (attempt.delivered, attempt.status_code, attempt.error) == (
        False,
        None,
        "refused: lms.example resolves to 192.168.1.20, a loopback, private or link-local address",
    )


def test_the_post_goes_to_the_address_that_was_checked_not_a_second_lookup(
    tmp_path: Path,
) -> None:
    # DNS rebinding: the name resolves to a public address for the check, then to loopback.
    engine = make_engine(f"sqlite:///{tmp_path / 'g.db'}")
    store = SubmissionStore(engine)
    store.create_schema()
    row, _ = store.add(tenant="acme", question_id="q", question_version="v", code="x", metadata={})
    deliveries = DeliveryStore(engine)
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    seen: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    dispatcher = WebhookDispatcher(
        policy=RetryPolicy(timeout=1, backoff=0.01, backoff_max=0.01, total=5),
        deliveries=deliveries,
        target_for=lambda _: Target(url="https://lms.example:8443/hook", secret="s", body=b"{}"),
        resolve=lambda host: next(answers),
        transport=httpx.MockTransport(receive),
    )
    dispatcher.start()
    try:
        dispatcher.enqueue(row.id)
        deadline = time.monotonic() + 5
        while not deliveries.attempts(row.id) or not dispatcher.idle():
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        dispatcher.stop()
    (request,) = seen
    assert str(request.url) == "https://93.184.215.14:8443/hook"
    assert request.headers["Host"] == "lms.example:8443"
    assert request.extensions["sni_hostname"] == "lms.example"
    (attempt,) = deliveries.attempts(row.id)
    assert (attempt.delivered, attempt.status_code, attempt.url) == (
        True,
        204,
        "https://lms.example:8443/hook",
    )
