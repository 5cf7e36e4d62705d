"""Replay: every grading is a run; a regrade adds one."""

from __future__ import annotations

import time

import httpx

from grader.bank.question import Question
from grader.sandbox.fake import FakeBackend


def wait_completed(client: httpx.Client, submission_id: str) -> None:
    for _ in range(200):
        if client.get(f"/v1/submissions/{submission_id}").json()["status"] == "completed":
            return
        time.sleep(0.02)
    raise AssertionError("not completed")


def test_a_regrade_adds_a_run_with_its_provenance(
    client: httpx.Client, backend: FakeBackend, linear: Question
) -> None:
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    regrade = client.post(f"/v1/submissions/{created['id']}/regrade")
    assert (regrade.status_code, regrade.json()) == (202, {"id": created["id"], "status": "queued"})
    assert regrade.headers["location"] == f"/v1/submissions/{created['id']}"
    wait_completed(client, created["id"])
    runs = client.get(f"/v1/submissions/{created['id']}/runs").json()
    assert runs["count"] == 2 and len(backend.jobs) == 2
    assert [(r["verdict"], r["score"], r["question_version"]) for r in runs["data"]] == [
        ("passed", 10.0, linear.version),
        ("passed", 10.0, linear.version),
    ]
    first = runs["data"][0]
    assert first["result"] == created["result"]
    assert first["provenance"] == created["result"]["provenance"]
    assert first["submission_id"] == created["id"]


def test_runs_of_an_unknown_submission_are_404(client: httpx.Client) -> None:
    assert client.get("/v1/submissions/nope/runs").status_code == 404
    assert client.post("/v1/submissions/nope/regrade").status_code == 404
    assert client.get("/v1/submissions/nope/deliveries").status_code == 404
