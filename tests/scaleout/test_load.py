"""Two API processes and three workers on real PostgreSQL, Redis and Docker: every submission
graded exactly once, with the scores the embedded service gives."""

from __future__ import annotations

import httpx
import pytest

from tests.scaleout.cluster import (
    CODE,
    MULTIPLE_CHOICE,
    TEXT,
    Cluster,
    Tally,
    Timer,
    drained,
    report,
    submit_all,
)

pytestmark = pytest.mark.docker


def test_300_submissions_from_16_clients_on_2_apis_and_3_workers_are_each_graded_once(
    cluster: Cluster,
) -> None:
    apis = [cluster.api("api-1"), cluster.api("api-2")]
    for index in range(3):
        cluster.worker(f"worker-{index + 1}", concurrency=1)
    # Mostly answers graded without a sandbox, and one in ten a real code grading in Docker.
    answers = [(CODE if i % 10 == 0 else MULTIPLE_CHOICE if i % 2 else TEXT) for i in range(300)]
    tally = Tally()
    timer = Timer()

    submit_all([api.url for api in apis], answers, clients=16, tally=tally)
    result = drained(cluster.database_url, tally.accepted, seconds=120)
    report("load", len(answers), result, timer.seconds())

    assert dict(tally.statuses) == {202: 300}
    assert tally.transport_errors == 0
    assert (result.finished, result.lost, result.duplicated, result.wrong) == (300, 0, 0, [])
    assert dict(result.attempts) == {1: 300}


def test_wait_true_answers_the_result_whichever_process_grades(cluster: Cluster) -> None:
    api = cluster.api("api-1")
    other = cluster.api("api-2")
    cluster.worker("worker-1", concurrency=1)

    waited = httpx.post(
        f"{api.url}/v1/submissions?wait=true",
        json={"question_id": CODE.question_id, "code": CODE.code},
        timeout=60,
    )
    body = waited.json()
    assert waited.status_code == 200
    assert (body["status"], body["result"]["score"], body["result"]["verdict"]) == (
        "completed",
        10.0,
        "passed",
    )
    # The figure the worker rendered is served by the API process that did not take the request.
    figure = httpx.get(f"{other.url}/v1/submissions/{body['id']}/artifacts/figure-1.png")
    assert figure.status_code == 200
    assert figure.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(figure.content) == body["result"]["figures"][0]["bytes"]
