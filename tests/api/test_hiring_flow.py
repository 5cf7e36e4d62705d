"""The hiring flow over real HTTP (uvicorn on loopback), on SQLite and PostgreSQL.

An assessment of the seed's three kinds (a multiple-choice, a text and a code question), four
candidates, the exact ranking with ties, per-skill totals, requirements met or missed, the
interview focus, a reviewer's override, a renamed and reformatted copy flagged and
independent answers not, and the candidate's view. Code answers are graded by a fake sandbox
here (tests/integration/test_hiring_flow_docker.py grades them in real ones).
"""

from __future__ import annotations

import base64
import csv
import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from grader.config import PROJECT_ROOT
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.api.conftest import PNG, KeyMaker
from tests.api.server import serving

MC, TEXT, CODE = "ml-imbalance-remedies", "sentiment-skew-reason", "softmax-stable"
SKEW = PROJECT_ROOT / "questions" / TEXT / "samples"
SOFTMAX = PROJECT_ROOT / "questions" / CODE / "samples"
ANA_CODE = (SOFTMAX / "correct_numpy.py").read_text()
CY_CODE = (SOFTMAX / "correct_logsumexp.py").read_text()  # correct, written independently
DEE_CODE = (SOFTMAX / "wrong_normalisation.py").read_text()
# Ana's answer with every name changed, reformatted and commented.
BEN_CODE = """import numpy as np

# my softmax
def softmax(values):
    values = np.asarray(values,    dtype=np.float64)   # to floats
    if values.size == 0:
        raise ValueError("no values given")
    # shift by the maximum for stability
    shifted = values - values.max(axis = -1, keepdims = True)
    exps = np.exp(shifted)
    return exps / exps.sum(
        axis=-1,
        keepdims=True,
    )
"""
SHORT_TEXT = "The classes are imbalanced: positives outnumber negatives four to one."


def softmax_run(job: dict[str, Any]) -> SandboxRun:
    """A softmax grading: 4 visible, 4 hidden (with a diff image) and 2 after-due points;
    the answer that divides by the plain sum passes only the visible test."""
    wrong = "x / x.sum()" in job["code"]
    tests = [
        ("small", 4.0, "visible", "Small inputs are right."),
        ("large", 0.0 if wrong else 4.0, "hidden", "exp(1000) stays finite."),
        ("properties", 0.0 if wrong else 2.0, "after_due", "Rows sum to 1."),
    ]
    max_points = {"small": 4.0, "large": 4.0, "properties": 2.0}
    reports: list[dict[str, Any]] = [
        {
            "name": name,
            "score": score,
            "max_score": max_points[name],
            "status": "passed" if score == max_points[name] else "failed",
            "message": message,
            "visibility": visibility,
            "skills": [],
        }
        for name, score, visibility, message in tests
    ]
    envelope = completed_envelope(reports)
    envelope["harness"]["result"]["artifacts"] = [
        {"name": "large-diff.png", "test": "large", "png": base64.b64encode(PNG).decode()}
    ]
    return envelope_run(envelope)


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend(softmax_run)


@pytest.fixture
def base_url(app: FastAPI) -> Iterator[str]:
    with serving(app) as url:
        yield url


@pytest.fixture
def api(base_url: str, make_key: KeyMaker) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {make_key('acme')}"}, timeout=30
    ) as client:
        yield client


@pytest.fixture
def reviewer(base_url: str, make_key: KeyMaker) -> Iterator[httpx.Client]:
    key = make_key("acme", "review", "read")
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {key}"}, timeout=30
    ) as client:
        yield client


def create_assessment(api: httpx.Client, **extra: Any) -> dict[str, Any]:
    response = api.post(
        "/v1/assessments",
        json={
            "title": "ML engineer screening",
            "questions": [
                {"question_id": MC},
                {"question_id": TEXT},
                {"question_id": CODE, "weight": 0.5},
            ],
            "requirements": {"machine-learning": 0.6, "numpy": 0.5},
            **extra,
        },
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/v1/assessments/{body['id']}"
    return body


def take(
    api: httpx.Client, assessment_id: str, candidate: str, answers: list[tuple[str, Any]]
) -> str:
    """Start an attempt, give each answer in turn, hand it in; returns the attempt's id."""
    started = api.post(f"/v1/assessments/{assessment_id}/attempts", json={"candidate": candidate})
    assert started.status_code == 201, started.text
    assert started.json()["status"] == "open"
    attempt_id: str = started.json()["id"]
    for question_id, body in answers:
        put = api.put(f"/v1/attempts/{attempt_id}/answers/{question_id}", json=body)
        assert put.status_code == 202, put.text
    submitted = api.post(f"/v1/attempts/{attempt_id}/submit")
    assert submitted.status_code == 202, submitted.text
    return attempt_id


def completed(api: httpx.Client, attempt_id: str, **params: str) -> dict[str, Any]:
    for _ in range(1000):
        body: dict[str, Any] = api.get(f"/v1/attempts/{attempt_id}", params=params).json()
        if body["status"] == "completed":
            return body
        time.sleep(0.02)
    raise AssertionError(f"attempt {attempt_id} did not complete: {body}")


def cohort(api: httpx.Client, assessment_id: str) -> dict[str, str]:
    """Four candidates' attempts handed in and one left open; {candidate: attempt id}."""
    answers = {
        "ana": [
            (MC, {"choices": ["resample", "class-weights", "metrics"]}),
            (TEXT, {"text": (SKEW / "thorough.txt").read_text()}),
            (CODE, {"code": ANA_CODE}),
        ],
        "ben": [
            (MC, {"choices": ["resample", "class-weights"]}),
            (TEXT, {"text": (SKEW / "imbalance_only.txt").read_text()}),
            (CODE, {"code": BEN_CODE}),
        ],
        "cy": [
            (MC, {"choices": ["deeper-model"]}),  # answered again below: the latest counts
            (TEXT, {"text": (SKEW / "collection_only.txt").read_text()}),
            (CODE, {"code": CY_CODE}),
            (MC, {"choices": ["metrics", "resample", "class-weights"]}),
        ],
        "dee": [
            (MC, {"choices": ["resample", "class-weights"]}),
            (TEXT, {"text": SHORT_TEXT}),
            (CODE, {"code": DEE_CODE}),
        ],
    }
    ids = {name: take(api, assessment_id, name, given) for name, given in answers.items()}
    opened = api.post(f"/v1/assessments/{assessment_id}/attempts", json={"candidate": "eve"})
    ids["eve"] = opened.json()["id"]
    put = api.put(f"/v1/attempts/{ids['eve']}/answers/{MC}", json={"choices": ["metrics"]})
    assert put.status_code == 202
    for candidate in ("ana", "ben", "cy", "dee"):
        completed(api, ids[candidate])
    return ids


def ranking(api: httpx.Client, assessment_id: str, **params: str) -> dict[str, Any]:
    response = api.get(f"/v1/assessments/{assessment_id}/ranking", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_an_assessment_reports_its_pinned_questions_skills_and_maximum(
    api: httpx.Client,
) -> None:
    created = create_assessment(api)
    assert [(q["question_id"], q["kind"], q["max_score"]) for q in created["questions"]] == [
        (MC, "multiple_choice", 3.0),
        (TEXT, "text", 7.0),
        (CODE, "code", 5.0),
    ]
    assert all(len(q["question_version"]) > 0 for q in created["questions"])
    assert created["skills"] == {
        "machine-learning": 10.0,
        "model-evaluation": 3.0,
        "numerical-computing": 5.0,
        "numpy": 5.0,
        "statistical-analysis": 7.0,
    }
    assert created["max_score"] == 15.0
    assert created["requirements"] == {"machine-learning": 0.6, "numpy": 0.5}
    assert api.get(f"/v1/assessments/{created['id']}").json() == created
    listed = api.get("/v1/assessments").json()
    assert (listed["count"], listed["data"][0]["id"]) == (1, created["id"])


def test_the_cohort_is_ranked_with_ties_skills_requirements_and_interview_focus(
    api: httpx.Client, reviewer: httpx.Client
) -> None:
    assessment = create_assessment(api)
    ids = cohort(api, assessment["id"])
    ben = completed(api, ids["ben"])
    assert (ben["score"], ben["max_score"], ben["meets_requirements"], ben["missing"]) == (
        10.0,
        15.0,
        False,
        ["machine-learning"],
    )
    assert [(a["question_id"], a["score"], a["max_score"]) for a in ben["answers"]] == [
        (MC, 2.0, 3.0),
        (TEXT, 3.0, 7.0),
        (CODE, 5.0, 5.0),
    ]
    assert ben["skills"]["machine-learning"] == {"score": 5.0, "max_score": 10.0}
    assert ben["answers"][1]["needs_review"] is True

    body = ranking(api, assessment["id"])
    rows = {row["candidate"]: row for row in body["data"]}
    assert body["count"] == 4  # eve's attempt is still open: not ranked
    assert [(r["rank"], r["candidate"], r["score"]) for r in body["data"]] == [
        (1, "ana", 15.0),
        (2, "ben", 10.0),
        (2, "cy", 10.0),
        (4, "dee", 6.0),
    ]
    assert [rows[c]["percentile"] for c in ("ana", "ben", "cy", "dee")] == [100.0, 33.3, 33.3, 0.0]
    assert rows["ana"]["skills"] == {
        "machine-learning": {"score": 10.0, "max_score": 10.0},
        "model-evaluation": {"score": 3.0, "max_score": 3.0},
        "numerical-computing": {"score": 5.0, "max_score": 5.0},
        "numpy": {"score": 5.0, "max_score": 5.0},
        "statistical-analysis": {"score": 7.0, "max_score": 7.0},
    }
    assert rows["ana"]["skill_percentiles"] == {
        "machine-learning": 100.0,
        "model-evaluation": 66.7,
        "numerical-computing": 33.3,
        "numpy": 33.3,
        "statistical-analysis": 100.0,
    }
    assert rows["dee"]["skills"]["numpy"] == {"score": 2.0, "max_score": 5.0}
    assert [(c, rows[c]["meets_requirements"], rows[c]["missing"]) for c in rows] == [
        ("ana", True, []),
        ("ben", False, ["machine-learning"]),
        ("cy", False, ["machine-learning"]),
        ("dee", False, ["machine-learning", "numpy"]),
    ]
    # Ana meets every requirement: probe what she is weakest at against the others.
    assert rows["ana"]["interview_focus"] == ["numerical-computing"]
    assert rows["dee"]["interview_focus"] == ["machine-learning", "numpy"]

    met = ranking(api, assessment["id"], meets_requirements="true")
    assert [(r["rank"], r["candidate"]) for r in met["data"]] == [(1, "ana")]
    paged = ranking(api, assessment["id"], limit="2", offset="1")
    assert ([r["candidate"] for r in paged["data"]], paged["count"]) == (["ben", "cy"], 4)

    # A reviewer reads cy's text answer and gives it 5 of 7: the override counts.
    cy = completed(api, ids["cy"])
    text_submission = cy["answers"][1]["submission_id"]
    reviewed = reviewer.post(
        f"/v1/submissions/{text_submission}/review",
        json={"score": 5, "comment": "Implies the imbalance.", "reviewer": "r.ito"},
    )
    assert reviewed.status_code == 200, reviewed.text
    cy = completed(api, ids["cy"])
    assert (cy["score"], cy["meets_requirements"], cy["answers"][1]["reviewed"]) == (
        13.0,
        True,
        True,
    )
    after = ranking(api, assessment["id"])
    assert [
        (r["rank"], r["candidate"], r["score"], r["meets_requirements"]) for r in after["data"]
    ] == [
        (1, "ana", 15.0, True),
        (2, "cy", 13.0, True),
        (3, "ben", 10.0, False),
        (4, "dee", 6.0, False),
    ]

    table = api.get(f"/v1/assessments/{assessment['id']}/ranking", params={"format": "csv"})
    assert table.headers["content-type"] == "text/csv; charset=utf-8"
    lines = list(csv.DictReader(io.StringIO(table.text)))
    assert [(r["rank"], r["candidate"], r["score"], r["interview_focus"]) for r in lines] == [
        ("1", "ana", "15", "numerical-computing"),
        ("2", "cy", "13", "numerical-computing"),
        ("3", "ben", "10", "machine-learning"),
        ("4", "dee", "6", "machine-learning numpy"),
    ]
    assert lines[3]["numpy score"] == "2"


def test_a_renamed_reformatted_copy_is_flagged_and_independent_answers_are_not(
    api: httpx.Client,
) -> None:
    assessment = create_assessment(api)
    ids = cohort(api, assessment["id"])
    response = api.get(f"/v1/assessments/{assessment['id']}/similarity")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["threshold"]) == (1, 0.8)
    pair = body["data"][0]
    assert (pair["question_id"], pair["similarity"]) == (CODE, 0.9785)
    assert {pair["first"]["candidate"], pair["second"]["candidate"]} == {"ana", "ben"}
    ana = pair["first"] if pair["first"]["candidate"] == "ana" else pair["second"]
    # The match covers ana's function body, line 5 (the asarray) to her last line.
    assert ana["spans"][0]["first_line"] <= 5
    assert ana["spans"][-1]["last_line"] == len(ANA_CODE.splitlines())
    flags = {row["candidate"]: row["flagged"] for row in ranking(api, assessment["id"])["data"]}
    assert flags == {"ana": True, "ben": True, "cy": False, "dee": False}
    assert completed(api, ids["ben"])["flagged"] is True
    assert completed(api, ids["cy"])["flagged"] is False


def test_the_candidate_view_hides_hidden_tests_reference_images_and_review_reasons(
    api: httpx.Client,
) -> None:
    future = (datetime.now(UTC) + timedelta(days=7)).isoformat()
    assessment = create_assessment(api, due_at=future)
    ids = cohort(api, assessment["id"])
    ben = completed(api, ids["ben"])
    code_submission = ben["answers"][2]["submission_id"]
    full = api.get(f"/v1/submissions/{code_submission}/result").json()
    assert [(t["name"], t["visibility"]) for t in full["tests"]] == [
        ("small", "visible"),
        ("large", "hidden"),
        ("properties", "after_due"),
    ]
    assert [a["name"] for a in full["artifacts"]] == ["check-large-diff.png"]
    shown = api.get(
        f"/v1/submissions/{code_submission}/result", params={"view": "candidate"}
    ).json()
    assert shown["tests"] == [
        {
            "name": "small",
            "score": 4.0,
            "max_score": 4.0,
            "status": "passed",
            "message": "Small inputs are right.",
            "visibility": "visible",
            "skills": [],
        },
        {
            "name": "hidden tests",
            "score": 6.0,
            "max_score": 6.0,
            "status": "passed",
            "message": "",
            "visibility": "hidden",
            "skills": [],
        },
    ]
    assert shown["artifacts"] == []
    assert shown["score"] == full["score"] == 10.0
    assert "large" not in str(shown["tests"]) and "exp(1000)" not in str(shown)

    text_submission = ben["answers"][1]["submission_id"]
    text_full = api.get(f"/v1/submissions/{text_submission}/result").json()
    assert text_full["review_reasons"] != []
    text_shown = api.get(
        f"/v1/submissions/{text_submission}/result", params={"view": "candidate"}
    ).json()
    assert (text_shown["review_reasons"], text_shown["confidence"]) == ([], None)

    attempt = completed(api, ids["ben"], view="candidate")
    assert (attempt["flagged"], attempt["meets_requirements"], attempt["missing"]) == (
        None,
        None,
        [],
    )
    assert [t["name"] for t in attempt["answers"][2]["result"]["tests"]] == [
        "small",
        "hidden tests",
    ]


def test_after_due_tests_show_once_the_due_time_has_passed(api: httpx.Client) -> None:
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    assessment = create_assessment(api, due_at=past)
    attempt_id = take(api, assessment["id"], "ana", [(CODE, {"code": DEE_CODE})])
    attempt = completed(api, attempt_id, view="candidate")
    assert [
        (t["name"], t["score"], t["max_score"]) for t in attempt["answers"][2]["result"]["tests"]
    ] == [
        ("small", 4.0, 4.0),
        ("properties", 0.0, 2.0),
        ("hidden tests", 0.0, 4.0),
    ]
    # Unanswered questions count nothing.
    assert [(a["question_id"], a["status"], a["score"]) for a in attempt["answers"][:2]] == [
        (MC, "unanswered", 0.0),
        (TEXT, "unanswered", 0.0),
    ]
