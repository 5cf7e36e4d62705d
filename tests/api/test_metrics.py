"""Prometheus /metrics: request and grading latency, queue depth, verdicts, failures."""

from __future__ import annotations

import httpx

from grader.bank.question import Question


def sample(text: str, name: str) -> float:
    """The value of the one sample line that starts with `name` (labels included)."""
    (line,) = [line for line in text.splitlines() if line.startswith(name + " ")]
    return float(line.rsplit(" ", 1)[1])


def test_metrics_count_requests_verdicts_and_the_queue(
    client: httpx.Client, anonymous: httpx.Client, linear: Question
) -> None:
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    client.get(f"/v1/submissions/{created['id']}")
    response = anonymous.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert sample(text, 'grader_verdicts_total{verdict="passed"}') == 1.0
    assert sample(text, "grader_grading_duration_seconds_count") == 1.0
    assert sample(text, "grader_queue_depth") == 0.0
    assert sample(text, "grader_sandbox_failures_total") == 0.0
    assert sample(text, "grader_webhook_failures_total") == 0.0
    route = 'method="GET",route="/v1/submissions/{submission_id}",status="200"'
    assert sample(text, "grader_http_request_duration_seconds_count{" + route + "}") == 1.0
    assert created["id"] not in text
