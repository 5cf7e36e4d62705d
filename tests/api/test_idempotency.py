"""Idempotency-Key: a repeated POST answers with the first submission and grades once."""

from __future__ import annotations

import httpx

from grader.bank.question import Question
from grader.sandbox.fake import FakeBackend
from tests.api.conftest import KeyMaker, problem


def test_a_repeated_post_returns_the_first_submission(
    client: httpx.Client, backend: FakeBackend, linear: Question
) -> None:
    body = {"question_id": linear.id, "code": "x = 1", "metadata": {"attempt": "1"}}
    headers = {"Idempotency-Key": "attempt-c1-1"}
    first = client.post("/v1/submissions", params={"wait": "true"}, json=body, headers=headers)
    again = client.post("/v1/submissions", json=body, headers=headers)
    waited = client.post("/v1/submissions", params={"wait": "true"}, json=body, headers=headers)
    assert first.status_code == 200
    accepted = {"id": first.json()["id"], "status": "completed"}
    assert (again.status_code, again.json()) == (202, accepted)
    assert waited.json() == first.json()
    assert len(backend.jobs) == 1


def test_the_same_key_with_another_body_is_409(client: httpx.Client, linear: Question) -> None:
    headers = {"Idempotency-Key": "k-1"}
    first = client.post(
        "/v1/submissions", json={"question_id": linear.id, "code": "x = 1"}, headers=headers
    )
    response = client.post(
        "/v1/submissions", json={"question_id": linear.id, "code": "x = 2"}, headers=headers
    )
    assert (first.status_code, response.status_code) == (202, 409)
    assert problem(response)["detail"] == (
        f"the Idempotency-Key 'k-1' was already used for a different request "
        f"(submission {first.json()['id']}); use a new key for a new submission"
    )


def test_keys_are_per_tenant(
    client: httpx.Client, anonymous: httpx.Client, make_key: KeyMaker, linear: Question
) -> None:
    body = {"question_id": linear.id, "code": "x = 1"}
    headers = {"Idempotency-Key": "shared"}
    mine = client.post("/v1/submissions", json=body, headers=headers).json()
    theirs = anonymous.post(
        "/v1/submissions",
        json=body,
        headers={**headers, "Authorization": f"Bearer {make_key('globex')}"},
    ).json()
    assert mine["id"] != theirs["id"]
