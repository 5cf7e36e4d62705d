"""Question regrades as jobs: progress while they run, then a summary of what changed."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from grader.bank.question import Question
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.api.conftest import POINTS, KeyMaker, problem
from tests.api.server import Connect

# What each answer scores at its first grading and at the regrade: the tests it fails, or
# "crash" for a sandbox that reports nothing, or "raise" for a grader that breaks.
FIRST: dict[str, set[str] | str] = {
    "up": {"line"},
    "down": set(),
    "same": set(),
    "moved": {"title"},
    "crashed": set(),
    "broken": set(),
    "late": "raise",
}
REGRADE: dict[str, set[str] | str] = {
    "up": set(),
    "down": {"data"},
    "same": set(),
    "moved": {"xlabel"},
    "crashed": "crash",
    "broken": "raise",
    "late": set(),
}


def marks(failing: set[str]) -> SandboxRun:
    """A supervisor report where the named tests fail with no marks and the others pass."""
    tests: list[dict[str, Any]] = [
        {
            "name": name,
            "score": 0 if name in failing else points,
            "max_score": points,
            "status": "failed" if name in failing else "passed",
            "message": "no" if name in failing else "ok",
            "visibility": "visible",
            "skills": [],
        }
        for name, points in POINTS.items()
    ]
    return envelope_run(completed_envelope(tests))


class Phases:
    """A sandbox script: first gradings from FIRST, regrades from REGRADE, each gated."""

    def __init__(self) -> None:
        self.regrading = False
        self.gates: dict[str, threading.Event] = {}

    def hold(self, code: str) -> threading.Event:
        """Make the regrade of this answer wait until the returned event is set."""
        gate = threading.Event()
        self.gates[code] = gate
        return gate

    def __call__(self, job: dict[str, Any]) -> SandboxRun:
        code: str = job["code"]
        if self.regrading and code in self.gates:
            assert self.gates[code].wait(timeout=30), "the test never released the regrade"
        outcome = (REGRADE if self.regrading else FIRST)[code]
        if outcome == "crash":
            return envelope_run(None, "the sandbox stopped answering")
        if outcome == "raise":
            raise RuntimeError("the grader broke")
        assert isinstance(outcome, set)
        return marks(outcome)


@pytest.fixture
def phases() -> Phases:
    return Phases()


@pytest.fixture
def backend(phases: Phases) -> FakeBackend:
    return FakeBackend(phases)


@pytest.fixture
def admin(connect: Connect, make_key: KeyMaker) -> httpx.Client:
    """A client of tenant 'acme' with the admin scope."""
    return connect({"Authorization": f"Bearer {make_key('acme', 'admin')}"})


def submit_all(http: httpx.Client, question: Question) -> dict[str, str]:
    """Submit every answer of FIRST and wait for its first grading; their ids by answer."""
    ids = {}
    for code in FIRST:
        body = {"question_id": question.id, "code": code}
        created = http.post("/v1/submissions", params={"wait": "true"}, json=body).json()
        assert created["status"] in ("completed", "failed"), created
        ids[code] = created["id"]
    return ids


def wait_job(http: httpx.Client, location: str, done: int) -> dict[str, Any]:
    """The job once at least `done` of its submissions are finished."""
    for _ in range(500):
        job: dict[str, Any] = http.get(location).json()
        if job["progress"]["done"] >= done:
            return job
        time.sleep(0.02)
    raise AssertionError(f"the job never reached {done} finished submissions")


def change(
    submission_id: str,
    direction: str,
    old: float | None,
    new: float | None,
    old_verdict: str | None,
    new_verdict: str | None,
    tests: list[str],
    error: str | None = None,
) -> dict[str, Any]:
    return {
        "submission_id": submission_id,
        "direction": direction,
        "old_score": old,
        "new_score": new,
        "old_verdict": old_verdict,
        "new_verdict": new_verdict,
        "tests_changed": tests,
        "error": error,
    }


def expected_summary(ids: dict[str, str]) -> dict[str, Any]:
    """The summary of regrading every answer of FIRST with REGRADE, in submission order."""
    return {
        "up": 1,
        "down": 1,
        "unchanged": 1,
        "changed_same_score": 1,
        "errors": 2,
        "new": 1,
        "changes": [
            change(ids["up"], "up", 8.0, 10.0, "partial", "passed", ["line"]),
            change(ids["down"], "down", 10.0, 7.0, "passed", "partial", ["data"]),
            change(
                ids["moved"],
                "changed_same_score",
                9.0,
                9.0,
                "partial",
                "partial",
                ["xlabel", "title"],
            ),
            # A silent sandbox is a result with no tests: every test counts as changed.
            change(ids["crashed"], "error", 10.0, 0.0, "passed", "sandbox_error", list(POINTS)),
            change(
                ids["broken"],
                "error",
                10.0,
                None,
                "passed",
                None,
                [],
                "internal error: RuntimeError",
            ),
            change(ids["late"], "new", None, 10.0, None, "passed", []),
        ],
    }


def test_a_question_regrade_is_a_job_whose_summary_lists_each_change(
    admin: httpx.Client, phases: Phases, linear: Question
) -> None:
    ids = submit_all(admin, linear)
    phases.regrading = True
    response = admin.post(f"/v1/questions/{linear.id}/regrade")
    accepted = response.json()
    assert (response.status_code, accepted) == (
        202,
        {
            "job_id": accepted["job_id"],
            "status": "running",
            "total": 7,
            "question_id": linear.id,
            "question_version": linear.version,
        },
    )
    location = f"/v1/regrade-jobs/{accepted['job_id']}"
    assert response.headers["location"] == location
    job = wait_job(admin, location, len(ids))
    assert job["finished_at"] is not None
    assert job == {
        "id": accepted["job_id"],
        "status": "completed",
        "question_id": linear.id,
        "question_version": linear.version,
        "pinned_version": None,
        "created_at": job["created_at"],
        "finished_at": job["finished_at"],
        "progress": {"done": 7, "total": 7},
        "summary": expected_summary(ids),
    }
    # Read again, the finished job answers the same: the finish time is recorded once.
    assert admin.get(location).json() == job
    listed = admin.get("/v1/regrade-jobs").json()
    assert listed == {"data": [job], "count": 1}


def test_a_later_regrade_of_a_covered_submission_leaves_the_job_as_it_was(
    admin: httpx.Client, phases: Phases, linear: Question
) -> None:
    ids = submit_all(admin, linear)
    phases.regrading = True
    location = admin.post(f"/v1/questions/{linear.id}/regrade").headers["location"]
    job = wait_job(admin, location, len(ids))
    phases.regrading = False  # graded by FIRST again: "up" goes back down to 8
    for code in ("up", "late"):
        assert admin.post(f"/v1/submissions/{ids[code]}/regrade").status_code == 202
    for _ in range(500):
        runs = admin.get(f"/v1/submissions/{ids['up']}/runs").json()
        statuses = {admin.get(f"/v1/submissions/{ids[c]}").json()["status"] for c in ("up", "late")}
        if runs["count"] == 3 and statuses <= {"completed", "failed"}:
            break
        time.sleep(0.02)
    assert [r["score"] for r in runs["data"]] == [8.0, 10.0, 8.0]
    assert admin.get(location).json() == job


def test_progress_counts_the_regraded_submissions_while_one_is_held(
    admin: httpx.Client, phases: Phases, linear: Question
) -> None:
    ids = submit_all(admin, linear)
    phases.regrading = True
    gate = phases.hold("down")
    location = admin.post(f"/v1/questions/{linear.id}/regrade").headers["location"]
    try:
        job = wait_job(admin, location, 6)
        time.sleep(0.2)  # the held one stays unfinished, however long we look
        job = admin.get(location).json()
        assert (job["status"], job["progress"], job["summary"], job["finished_at"]) == (
            "running",
            {"done": 6, "total": 7},
            None,
            None,
        )
        listed = admin.get("/v1/regrade-jobs").json()
        assert [(j["status"], j["progress"]) for j in listed["data"]] == [
            ("running", {"done": 6, "total": 7})
        ]
    finally:
        gate.set()
    job = wait_job(admin, location, 7)
    assert (job["status"], job["summary"]) == ("completed", expected_summary(ids))


def test_a_pinned_regrade_job_names_the_version_it_asked_for(
    admin: httpx.Client, phases: Phases, linear: Question
) -> None:
    submit_all(admin, linear)
    response = admin.post(
        f"/v1/questions/{linear.id}/regrade", json={"question_version": linear.version}
    )
    job = wait_job(admin, response.headers["location"], 7)
    assert (job["question_version"], job["pinned_version"]) == (linear.version, linear.version)
    summary = job["summary"]
    # Graded by FIRST again: six unchanged, and the one whose grading broke breaks again.
    assert (summary["unchanged"], summary["errors"], summary["up"], summary["down"]) == (
        6,
        1,
        0,
        0,
    )


def test_a_regrade_with_no_finished_submission_is_completed_at_once(
    admin: httpx.Client, linear: Question
) -> None:
    response = admin.post(f"/v1/questions/{linear.id}/regrade")
    assert (response.json()["status"], response.json()["total"]) == ("completed", 0)
    job = admin.get(response.headers["location"]).json()
    assert (job["status"], job["progress"], job["summary"]) == (
        "completed",
        {"done": 0, "total": 0},
        {
            "up": 0,
            "down": 0,
            "unchanged": 0,
            "changed_same_score": 0,
            "errors": 0,
            "new": 0,
            "changes": [],
        },
    )


def test_jobs_are_listed_newest_first(admin: httpx.Client, linear: Question) -> None:
    first = admin.post(f"/v1/questions/{linear.id}/regrade").json()["job_id"]
    second = admin.post(f"/v1/questions/{linear.id}/regrade").json()["job_id"]
    listed = admin.get("/v1/regrade-jobs").json()
    assert ([j["id"] for j in listed["data"]], listed["count"]) == ([second, first], 2)


def test_another_tenants_job_is_not_found(
    admin: httpx.Client, connect: Connect, make_key: KeyMaker, linear: Question
) -> None:
    job_id = admin.post(f"/v1/questions/{linear.id}/regrade").json()["job_id"]
    other = {"Authorization": f"Bearer {make_key('globex', 'read')}"}
    with connect(other) as http:
        response = http.get(f"/v1/regrade-jobs/{job_id}")
        assert response.status_code == 404
        body = problem(response)
        assert (body["type"], body["detail"]) == (
            "https://grader.invalid/problems/not-found",
            f"there is no regrade job {job_id!r}; list yours with GET /v1/regrade-jobs",
        )
        assert http.get("/v1/regrade-jobs").json() == {"data": [], "count": 0}
    assert admin.get(f"/v1/regrade-jobs/{job_id}").status_code == 200


def test_reading_jobs_needs_the_read_scope(
    connect: Connect, make_key: KeyMaker, linear: Question
) -> None:
    headers = {"Authorization": f"Bearer {make_key('acme', 'submit')}"}
    with connect(headers) as http:
        assert http.get("/v1/regrade-jobs").status_code == 403
        assert http.get("/v1/regrade-jobs/nope").status_code == 403


def test_openapi_describes_the_regrade_job_paths(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    listing = spec["paths"]["/v1/regrade-jobs"]["get"]
    single = spec["paths"]["/v1/regrade-jobs/{job_id}"]["get"]
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RegradeJobList"
    }
    assert {"200", "401", "403", "404", "429"} <= set(single["responses"])
    regrade = spec["paths"]["/v1/questions/{question_id}/regrade"]["post"]
    assert regrade["responses"]["202"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RegradeJobAccepted"
    }
    summary = spec["components"]["schemas"]["RegradeSummary"]["properties"]
    assert set(summary) == {
        "up",
        "down",
        "unchanged",
        "changed_same_score",
        "errors",
        "new",
        "changes",
    }
