"""Reviews: a reviewer's score beside the automatic one, the review queue, review webhooks."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend
from grader.store.artifacts import MemoryArtifactStore
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import TenantStore
from tests.api.conftest import KeyMaker, full_marks, problem
from tests.api.receiver import receiving
from tests.api.server import Connect, in_process

SKEW = "sentiment-skew-reason"  # a text question worth 7 points
THOROUGH = (PROJECT_ROOT / "questions" / SKEW / "samples" / "thorough.txt").read_text()
# Denies a concept and earns nothing: the grader sends it to review with a score of 0.
FLAGGED = "It is not class imbalance; the network simply needs more training epochs."
REVIEW = {"score": 5, "comment": "Says the imbalance in other words.", "reviewer": "j.doe"}


@pytest.fixture
def gate() -> threading.Event:
    """Code answers are graded once this is set; it starts set."""
    opened = threading.Event()
    opened.set()
    return opened


@pytest.fixture
def backend(gate: threading.Event) -> FakeBackend:
    def gated(job: dict[str, Any]) -> SandboxRun:
        assert gate.wait(30)
        return full_marks(job)

    return FakeBackend(gated)


@pytest.fixture
def reviewer(connect: Connect, make_key: KeyMaker) -> httpx.Client:
    """A client of tenant 'acme' with the review and read scopes."""
    return connect({"Authorization": f"Bearer {make_key('acme', 'review', 'read')}"})


def graded(client: httpx.Client, question_id: str, answer: str) -> dict[str, Any]:
    response = client.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": question_id, "code": answer},
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert body["status"] == "completed"
    return body


def wait_completed(client: httpx.Client, submission_id: str) -> dict[str, Any]:
    for _ in range(500):
        body: dict[str, Any] = client.get(f"/v1/submissions/{submission_id}").json()
        if body["status"] == "completed":
            return body
        time.sleep(0.02)
    raise AssertionError("not completed")


def test_a_review_is_stored_beside_the_automatic_score(
    client: httpx.Client, reviewer: httpx.Client
) -> None:
    created = graded(client, SKEW, FLAGGED)
    assert (created["result"]["score"], created["result"]["needs_review"]) == (0.0, True)
    assert (created["review"], created["final_score"]) == (None, 0.0)
    (run,) = client.get(f"/v1/submissions/{created['id']}/runs").json()["data"]
    assert created["run_id"] == run["id"]

    response = reviewer.post(f"/v1/submissions/{created['id']}/review", json=REVIEW)
    assert response.status_code == 200
    body = response.json()
    review = body["review"]
    assert body["result"] == created["result"]
    assert (body["final_score"], body["run_id"]) == (5.0, run["id"])
    assert set(review) == {
        "id",
        "submission_id",
        "run_id",
        "automatic_score",
        "score",
        "comment",
        "reviewer",
        "created_at",
        "stale",
    }
    assert {k: v for k, v in review.items() if k not in ("id", "created_at")} == {
        "submission_id": created["id"],
        "run_id": run["id"],
        "automatic_score": 0.0,
        "score": 5.0,
        "comment": "Says the imbalance in other words.",
        "reviewer": "j.doe",
        "stale": False,
    }
    assert client.get(f"/v1/submissions/{created['id']}").json() == body


def test_reviews_are_appended_and_the_latest_is_effective(
    client: httpx.Client, reviewer: httpx.Client
) -> None:
    created = graded(client, SKEW, FLAGGED)
    first = reviewer.post(f"/v1/submissions/{created['id']}/review", json=REVIEW).json()
    second = reviewer.post(
        f"/v1/submissions/{created['id']}/review",
        json={"score": 7, "comment": "", "reviewer": "a.lee"},
    ).json()
    assert (second["final_score"], second["review"]["reviewer"]) == (7.0, "a.lee")
    listed = client.get(f"/v1/submissions/{created['id']}/reviews").json()
    assert listed["count"] == 2
    assert listed["data"] == [first["review"], second["review"]]
    assert [r["score"] for r in listed["data"]] == [5.0, 7.0]


def test_a_regrade_keeps_the_review_and_shows_it_predates_the_new_run(
    client: httpx.Client, reviewer: httpx.Client
) -> None:
    created = graded(client, SKEW, FLAGGED)
    reviewed = reviewer.post(f"/v1/submissions/{created['id']}/review", json=REVIEW).json()
    assert client.post(f"/v1/submissions/{created['id']}/regrade").status_code == 202
    after = wait_completed(client, created["id"])
    runs = client.get(f"/v1/submissions/{created['id']}/runs").json()["data"]
    assert len(runs) == 2
    assert after["run_id"] == runs[1]["id"]
    assert after["review"]["run_id"] == runs[0]["id"]
    assert (after["review"]["stale"], after["final_score"]) == (True, 5.0)
    assert after["review"]["id"] == reviewed["review"]["id"]
    listed = client.get(f"/v1/submissions/{created['id']}/reviews").json()
    assert (listed["count"], listed["data"][0]["stale"]) == (1, True)
    again = reviewer.post(f"/v1/submissions/{created['id']}/review", json=REVIEW).json()
    assert (again["review"]["run_id"], again["review"]["stale"]) == (runs[1]["id"], False)


def test_a_code_answer_may_be_reviewed_too(client: httpx.Client, reviewer: httpx.Client) -> None:
    created = graded(client, "matplotlib-linear-plot", "x")
    body = reviewer.post(
        f"/v1/submissions/{created['id']}/review",
        json={"score": 9.5, "comment": "Title is off.", "reviewer": "j.doe"},
    ).json()
    assert (body["result"]["score"], body["review"]["automatic_score"]) == (10.0, 10.0)
    assert body["final_score"] == 9.5


def test_a_score_above_max_score_is_422(client: httpx.Client, reviewer: httpx.Client) -> None:
    created = graded(client, SKEW, FLAGGED)
    response = reviewer.post(
        f"/v1/submissions/{created['id']}/review", json={**REVIEW, "score": 7.5}
    )
    assert response.status_code == 422
    assert problem(response) == {
        "type": "https://grader.invalid/problems/validation-error",
        "title": "Invalid request",
        "status": 422,
        "detail": "score: 7.5 is more than the 7 points available; give a score from 0 to 7",
        "errors": [
            {
                "field": "score",
                "message": "score: 7.5 is more than the 7 points available; "
                "give a score from 0 to 7",
            }
        ],
    }
    assert client.get(f"/v1/submissions/{created['id']}/reviews").json() == {
        "data": [],
        "count": 0,
    }


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({**REVIEW, "score": -1}, "score: Input should be greater than or equal to 0"),
        ({"score": 1, "comment": ""}, "reviewer: Field required"),
        ({**REVIEW, "reviewer": ""}, "reviewer: String should have at least 1 character"),
        ({**REVIEW, "by": "x"}, "unknown field 'by'"),
        (
            {**REVIEW, "score": "many"},
            "score: Input should be a valid number, unable to parse string as a number",
        ),
    ],
)
def test_an_invalid_review_is_422(
    client: httpx.Client, reviewer: httpx.Client, body: dict[str, Any], detail: str
) -> None:
    created = graded(client, SKEW, FLAGGED)
    response = reviewer.post(f"/v1/submissions/{created['id']}/review", json=body)
    assert (response.status_code, problem(response)["detail"]) == (422, detail)
    assert problem(response)["type"] == "https://grader.invalid/problems/validation-error"


def test_a_submission_not_completed_is_409(
    client: httpx.Client, reviewer: httpx.Client, gate: threading.Event
) -> None:
    gate.clear()
    try:
        created = client.post(
            "/v1/submissions", json={"question_id": "matplotlib-linear-plot", "code": "x"}
        ).json()
        response = reviewer.post(f"/v1/submissions/{created['id']}/review", json=REVIEW)
        assert response.status_code == 409
        body = problem(response)
        assert (body["type"], body["title"]) == (
            "https://grader.invalid/problems/not-graded",
            "Submission not graded yet",
        )
        assert body["detail"] in {
            f"submission {created['id']!r} is {status}; review it once its status is completed"
            for status in ("queued", "running")
        }
    finally:
        gate.set()
    wait_completed(client, created["id"])
    assert client.get(f"/v1/submissions/{created['id']}/reviews").json()["count"] == 0


def test_another_tenants_submission_is_404(
    client: httpx.Client, connect: Connect, make_key: KeyMaker
) -> None:
    created = graded(client, SKEW, FLAGGED)
    headers = {"Authorization": f"Bearer {make_key('globex', 'review', 'read')}"}
    with connect(headers) as other:
        posted = other.post(f"/v1/submissions/{created['id']}/review", json=REVIEW)
        listed = other.get(f"/v1/submissions/{created['id']}/reviews")
        unknown = other.post("/v1/submissions/nope/review", json=REVIEW)
        queue = other.get("/v1/submissions", params={"needs_review": "true"}).json()
    for response in (posted, listed, unknown):
        assert response.status_code == 404
        assert problem(response)["type"] == "https://grader.invalid/problems/not-found"
    assert queue == {"data": [], "count": 0}
    assert client.get(f"/v1/submissions/{created['id']}/reviews").json()["count"] == 0


def test_reviewing_needs_the_review_scope(
    client: httpx.Client, reviewer: httpx.Client, connect: Connect, make_key: KeyMaker
) -> None:
    created = graded(client, SKEW, FLAGGED)
    denied = client.post(f"/v1/submissions/{created['id']}/review", json=REVIEW)
    assert (denied.status_code, problem(denied)["type"]) == (
        403,
        "https://grader.invalid/problems/forbidden",
    )
    admin = {"Authorization": f"Bearer {make_key('acme', 'admin')}"}
    allowed = connect(admin).post(f"/v1/submissions/{created['id']}/review", json=REVIEW)
    assert allowed.status_code == 200
    only_review = {"Authorization": f"Bearer {make_key('acme', 'review')}"}
    assert connect(only_review).get(f"/v1/submissions/{created['id']}").status_code == 403


def test_the_review_queue_lists_the_tenants_flagged_submissions(
    client: httpx.Client, reviewer: httpx.Client, connect: Connect, make_key: KeyMaker
) -> None:
    flagged = graded(client, SKEW, FLAGGED)["id"]
    thorough = graded(client, SKEW, THOROUGH)["id"]
    code = graded(client, "matplotlib-linear-plot", "x")["id"]
    headers = {"Authorization": f"Bearer {make_key('globex')}"}
    with connect(headers) as other:
        graded(other, SKEW, "")

    def ids(**params: Any) -> tuple[list[str], int]:
        response = client.get("/v1/submissions", params=params)
        assert response.status_code == 200
        body = response.json()
        return [s["id"] for s in body["data"]], body["count"]

    assert ids(needs_review="true") == ([flagged], 1)
    assert ids(needs_review="false") == ([thorough, code], 2)
    assert ids() == ([flagged, thorough, code], 3)
    assert ids(limit=1, offset=1) == ([thorough], 3)
    assert ids(offset=3) == ([], 3)
    assert ids(needs_review="true", reviewed="false") == ([flagged], 1)
    reviewer.post(f"/v1/submissions/{flagged}/review", json=REVIEW)
    assert ids(needs_review="true", reviewed="false") == ([], 0)
    assert ids(needs_review="true", reviewed="true") == ([flagged], 1)
    listed = client.get("/v1/submissions", params={"reviewed": "true"}).json()["data"]
    assert listed == [client.get(f"/v1/submissions/{flagged}").json()]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"needs_review": "maybe"}):
        response = client.get("/v1/submissions", params=bad)
        assert (response.status_code, problem(response)["status"]) == (422, 422)


def test_a_regraded_review_goes_back_to_the_queue(
    client: httpx.Client, reviewer: httpx.Client
) -> None:
    flagged = graded(client, SKEW, FLAGGED)["id"]
    reviewer.post(f"/v1/submissions/{flagged}/review", json=REVIEW)
    client.post(f"/v1/submissions/{flagged}/regrade")
    wait_completed(client, flagged)
    body = client.get("/v1/submissions", params={"needs_review": "true", "reviewed": "false"})
    assert [s["id"] for s in body.json()["data"]] == [flagged]


def test_a_review_sends_the_updated_submission_to_the_tenants_webhook(
    settings: Settings, make_key: KeyMaker
) -> None:
    fast = settings.model_copy(update={"webhook_allow_private": True})
    engine = make_engine(fast.database_url)
    SubmissionStore(engine).create_schema()
    key = make_key("acme", "submit", "read", "review")
    app = create_app(
        fast,
        backend_for=lambda q: FakeBackend(full_marks),
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )
    headers = {"Authorization": f"Bearer {key}"}
    with receiving() as receiver, in_process(app) as connect:
        http = connect(headers)
        TenantStore(engine).set_callback_url("acme", receiver.url)
        created = graded(http, SKEW, "")
        for _ in range(500):
            if len(receiver.got) == 1:
                break
            time.sleep(0.02)
        reviewed = http.post(f"/v1/submissions/{created['id']}/review", json=REVIEW).json()
        for _ in range(500):
            if len(receiver.got) == 2:
                break
            time.sleep(0.02)
        assert [json.loads(r.body) for r in receiver.got] == [created, reviewed]
        attempts = http.get(f"/v1/submissions/{created['id']}/deliveries").json()["data"]
    assert [(a["attempt"], a["delivered"]) for a in attempts] == [(1, True), (1, True)]
