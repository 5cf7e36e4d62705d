"""HTTP edges a new user meets with ordinary clients, over a real socket on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import httpx
import pytest
from fastapi import FastAPI

from grader.api.middleware import max_body_bytes
from grader.bank.question import Question
from grader.config import Settings
from tests.api.server import serving


def test_urllib_gets_the_413_problem_for_a_body_over_the_limit_not_a_reset(
    app: FastAPI, settings: Settings
) -> None:
    # urllib writes the whole body before it reads the answer: the server must read it too.
    body = (
        b'{"question_id": "q", "code": "'
        + b"x" * 16 * max_body_bytes(settings.max_code_bytes)
        + b'"}'
    )
    with serving(app) as url:
        request = urllib.request.Request(  # noqa: S310  (an http URL of the test server)
            f"{url}/v1/submissions",
            data=body,
            headers={"Content-Type": "application/json", "Authorization": "Bearer none"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=30)  # noqa: S310  (the same)
    assert raised.value.code == 413
    problem = json.loads(raised.value.read())
    assert (problem["type"].rsplit("/", 1)[-1], problem["status"]) == ("payload-too-large", 413)
    assert problem["detail"] == (
        f"the request body is larger than {max_body_bytes(settings.max_code_bytes)} bytes"
    )


def test_every_operation_with_a_json_body_documents_400_and_413(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    with_body = [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]
    assert len(with_body) >= 5
    for path, method, operation in with_body:
        for status in ("400", "413"):
            documented = operation["responses"][status]["content"]["application/problem+json"]
            assert documented["example"]["status"] == int(status), (path, method, status)


def test_invalid_json_is_the_400_problem(client: httpx.Client, linear: Question) -> None:
    response = client.post(
        "/v1/submissions",
        content=b'{"question_id": ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["type"].rsplit("/", 1)[-1] == "invalid-json"
