"""Replay: every grading is a run; a regrade adds one."""

from __future__ import annotations

import time

import httpx

from grader.bank.question import Question
from grader.sandbox.fake import FakeBackend
from tests.api.conftest import KeyMaker
from tests.api.server import Connect


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


def test_a_question_regrade_queues_the_tenants_finished_submissions(
    anonymous: httpx.Client, connect: Connect, make_key: KeyMaker, linear: Question
) -> None:
    admin = {"Authorization": f"Bearer {make_key('acme', 'admin')}"}
    other = {"Authorization": f"Bearer {make_key('globex')}"}
    body = {"question_id": linear.id, "code": "x"}
    mine = [
        anonymous.post("/v1/submissions", params={"wait": "true"}, json=body, headers=admin).json()[
            "id"
        ]
        for _ in range(2)
    ]
    theirs = anonymous.post(
        "/v1/submissions", params={"wait": "true"}, json=body, headers=other
    ).json()["id"]
    response = anonymous.post(f"/v1/questions/{linear.id}/regrade", headers=admin)
    accepted = response.json()
    assert (response.status_code, accepted) == (
        202,
        {
            "job_id": accepted["job_id"],
            "status": "running",
            "total": 2,
            "question_id": linear.id,
            "question_version": linear.version,
        },
    )
    assert response.headers["location"] == f"/v1/regrade-jobs/{accepted['job_id']}"
    admin_client = connect(admin)
    with admin_client:
        for submission_id in mine:
            wait_completed(admin_client, submission_id)
            runs = admin_client.get(f"/v1/submissions/{submission_id}/runs").json()
            assert runs["count"] == 2
    assert anonymous.get(f"/v1/submissions/{theirs}/runs", headers=other).json()["count"] == 1
    denied = anonymous.post(f"/v1/questions/{linear.id}/regrade", headers=other)
    assert denied.status_code == 403
    unknown = anonymous.post("/v1/questions/nope/regrade", headers=admin)
    assert unknown.status_code == 404
