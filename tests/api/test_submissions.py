"""The HTTP API over real loopback HTTP, grading with a fake sandbox backend."""

from __future__ import annotations

import json
import time

import httpx

from grader.bank.question import Question
from grader.config import Settings
from grader.sandbox.fake import FakeBackend
from tests.api.conftest import PNG, problem


def test_submit_and_wait_returns_the_graded_submission(
    client: httpx.Client, linear: Question
) -> None:
    response = client.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": linear.id, "code": "print('hello')", "metadata": {"candidate": "c1"}},
    )
    assert response.status_code == 200
    body = response.json()
    assert response.headers["location"] == f"/v1/submissions/{body['id']}"
    assert (body["status"], body["question_id"], body["question_version"]) == (
        "completed",
        linear.id,
        linear.version,
    )
    assert body["metadata"] == {"candidate": "c1"}
    assert (body["result"]["score"], body["result"]["verdict"]) == (10.0, "passed")
    assert body["result"]["stdout"] == {"text": "hello\n", "truncated": False, "bytes": 6}
    assert client.get(f"/v1/submissions/{body['id']}").json() == body


def test_submit_without_wait_is_accepted_and_then_completes(
    client: httpx.Client, linear: Question
) -> None:
    response = client.post("/v1/submissions", json={"question_id": linear.id, "code": "x = 1"})
    assert response.status_code == 202
    accepted = response.json()
    assert accepted["status"] == "queued" and set(accepted) == {"id", "status"}
    assert response.headers["location"] == f"/v1/submissions/{accepted['id']}"
    for _ in range(100):
        body = client.get(f"/v1/submissions/{accepted['id']}").json()
        if body["status"] == "completed":
            break
        time.sleep(0.05)
    assert body["status"] == "completed"


def test_figure_artifacts_are_served_as_png(client: httpx.Client, linear: Question) -> None:
    body = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    (figure,) = body["result"]["figures"]
    assert figure["artifact"] == "figure-1.png"
    response = client.get(f"/v1/submissions/{body['id']}/artifacts/figure-1.png")
    assert (response.status_code, response.headers["content-type"], response.content) == (
        200,
        "image/png",
        PNG,
    )
    missing = client.get(f"/v1/submissions/{body['id']}/artifacts/figure-9.png")
    assert missing.status_code == 404
    traversal = client.get(f"/v1/submissions/{body['id']}/artifacts/..%2F..%2Fgrader.db")
    assert traversal.status_code == 404


def test_unknown_field_is_rejected_by_name(client: httpx.Client, linear: Question) -> None:
    response = client.post(
        "/v1/submissions", json={"question_id": linear.id, "code": "x", "langauge": "py"}
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["detail"] == "unknown field 'langauge'"
    assert body["type"].endswith("/validation-error")


def test_missing_field_and_wrong_type_are_named(client: httpx.Client) -> None:
    body = problem(client.post("/v1/submissions", json={"question_id": 5}))
    assert body["status"] == 422
    assert [e["field"] for e in body["errors"]] == ["question_id"]
    missing = problem(client.post("/v1/submissions", json={"question_id": "softmax-stable"}))
    assert missing["status"] == 422
    assert "give exactly one of code, choices and text, not none of them" in missing["detail"]


def test_malformed_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/submissions", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert (response.status_code, problem(response)["detail"]) == (
        400,
        "The request body is not valid JSON.",
    )


def test_unknown_question_is_422_and_nothing_is_stored(
    client: httpx.Client, backend: FakeBackend
) -> None:
    response = client.post("/v1/submissions", json={"question_id": "no-such-question", "code": "x"})
    assert response.status_code == 422
    assert (
        problem(response)["detail"]
        == "question_id: there is no question 'no-such-question' in the bank"
    )
    assert backend.jobs == []


def test_oversized_code_is_413(client: httpx.Client, linear: Question, settings: Settings) -> None:
    code = "#" * (settings.max_code_bytes + 1)
    response = client.post("/v1/submissions", json={"question_id": linear.id, "code": code})
    assert response.status_code == 413
    huge = client.post(
        "/v1/submissions",
        content=b"x" * (settings.max_code_bytes * 3),
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413


def test_unknown_submission_is_404(client: httpx.Client) -> None:
    response = client.get("/v1/submissions/0123456789abcdef")
    assert (response.status_code, problem(response)["title"]) == (404, "Submission not found")


def test_questions_list_and_detail_show_only_the_public_part(
    client: httpx.Client, linear: Question
) -> None:
    listing = client.get("/v1/questions").json()
    assert listing["count"] == len(listing["data"]) >= 1
    detail = client.get(f"/v1/questions/{linear.id}").json()
    assert detail == linear.public().model_dump(mode="json")
    text = json.dumps(listing) + json.dumps(detail)
    assert "best_function_match" not in text and "np.linspace(0, 10, 101)" not in text
    assert client.get("/v1/questions/nope").status_code == 404


def test_health_and_readiness(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
    assert client.get("/readyz").json() == {
        "status": "ok",
        "checks": {"database": True, "docker": True},
    }


def test_openapi_describes_the_endpoints(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/v1/submissions",
        "/v1/submissions/batch",
        "/v1/submissions/export",
        "/v1/submissions/{submission_id}",
        "/v1/submissions/{submission_id}/artifacts/{name}",
        "/v1/submissions/{submission_id}/result",
        "/v1/submissions/{submission_id}/regrade",
        "/v1/submissions/{submission_id}/runs",
        "/v1/submissions/{submission_id}/deliveries",
        "/v1/submissions/{submission_id}/review",
        "/v1/submissions/{submission_id}/reviews",
        "/v1/questions",
        "/v1/questions/{question_id}",
        "/v1/questions/{question_id}/regrade",
        "/v1/regrade-jobs",
        "/v1/regrade-jobs/{job_id}",
        "/v1/tenant",
        "/v1/tenant/webhook-secret",
        "/healthz",
        "/readyz",
        "/metrics",
        "/judge0/languages",
        "/judge0/languages/{language_id}",
        "/judge0/statuses",
        "/judge0/about",
        "/judge0/config_info",
        "/judge0/submissions",
        "/judge0/submissions/batch",
        "/judge0/submissions/{token}",
        "/v1/assessments",
        "/v1/assessments/{assessment_id}",
        "/v1/assessments/{assessment_id}/attempts",
        "/v1/assessments/{assessment_id}/ranking",
        "/v1/assessments/{assessment_id}/similarity",
        "/v1/attempts/{attempt_id}",
        "/v1/attempts/{attempt_id}/answers/{question_id}",
        "/v1/attempts/{attempt_id}/submit",
    }
    assert set(spec["components"]["securitySchemes"]) == {
        "HTTPBearer",
        "APIKeyHeader",
        "X-Auth-Token",
    }
    post = spec["paths"]["/v1/submissions"]["post"]
    assert {"202", "200", "401", "403", "409", "413", "422", "429", "503"} <= set(post["responses"])
    assert sorted(p["name"] for p in post["parameters"]) == ["Idempotency-Key", "timeout", "wait"]
    regrade = spec["paths"]["/v1/submissions/{submission_id}/regrade"]["post"]
    assert not regrade["requestBody"].get("required", False)
    assert "422" in regrade["responses"]
    export = spec["paths"]["/v1/submissions/export"]["get"]
    assert "application/jsonl" in export["responses"]["200"]["content"]
    assert client.get("/docs").status_code == 200


def test_an_answer_with_nul_and_lone_surrogates_is_graded_not_a_500(
    client: httpx.Client, backend: FakeBackend, linear: Question
) -> None:
    raw = b'{"question_id": "%s", "code": "print(1)\\u0000\\ud800"}' % linear.id.encode()
    response = client.post(
        "/v1/submissions",
        params={"wait": "true"},
        content=raw,
        headers={"content-type": "application/json"},
    )
    assert (response.status_code, response.json()["status"]) == (200, "completed")
    (job,) = backend.jobs
    assert job["code"] == "print(1)\x00\ud800"


def test_multiple_choice_answers_are_graded_as_data_without_a_sandbox(
    client: httpx.Client, backend: FakeBackend
) -> None:
    response = client.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": "ml-imbalance-remedies", "code": '["resample", "metrics"]'},
    )
    assert response.status_code == 200
    result = response.json()["result"]
    assert (result["score"], result["max_score"], result["verdict"]) == (2.0, 3.0, "partial")
    assert backend.jobs == []
