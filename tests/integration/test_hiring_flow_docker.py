"""The hiring flow's code question graded in real sandboxes, over real HTTP, on both databases.

The fast tests (tests/api/test_hiring_flow.py) grade code with a fake sandbox; here the
softmax answers run for real: the scores, the near-copy flag and the candidate's view of the
question's own hidden and after-due tests. The cohort is docs/api.md's worked example.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import TenantStore
from tests.api.server import serving
from tests.api.test_hiring_flow import BEN_CODE, CODE, MC, TEXT
from tests.sandboxes import own_containers

pytestmark = pytest.mark.docker

SOFTMAX = PROJECT_ROOT / "questions" / CODE / "samples"
SKEW = PROJECT_ROOT / "questions" / TEXT / "samples"


def wait_completed(api: httpx.Client, attempt_id: str, **params: str) -> dict[str, Any]:
    for _ in range(600):
        body: dict[str, Any] = api.get(f"/v1/attempts/{attempt_id}", params=params).json()
        if body["status"] == "completed":
            return body
        time.sleep(0.1)
    raise AssertionError(f"attempt {attempt_id} did not complete: {body}")


def test_code_answers_are_graded_ranked_flagged_and_shown_safely(
    migrated_database_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        database_url=migrated_database_url,
        artifact_dir=tmp_path / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )
    key = TenantStore(make_engine(migrated_database_url)).create_key("acme", ("submit", "read"))
    SubmissionStore(make_engine(migrated_database_url)).create_schema()
    due = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    answers = {
        "ana": ((SOFTMAX / "correct_numpy.py").read_text(), ["resample", "class-weights"]),
        "ben": (BEN_CODE, ["resample", "class-weights"]),
        "cy": ((SOFTMAX / "correct_logsumexp.py").read_text(), ["metrics"]),
    }
    with (
        serving(create_app(settings)) as url,
        httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {key.key}"}, timeout=120
        ) as api,
    ):
        created = api.post(
            "/v1/assessments",
            json={
                "title": "Screening",
                "questions": [
                    {"question_id": MC},
                    {"question_id": TEXT},
                    {"question_id": CODE, "weight": 0.5},
                ],
                "requirements": {"machine-learning": 0.5, "numpy": 0.5},
                "due_at": due,
            },
        ).json()
        ids = {}
        for candidate, (code, choices) in answers.items():
            attempt = api.post(
                f"/v1/assessments/{created['id']}/attempts", json={"candidate": candidate}
            ).json()
            ids[candidate] = attempt["id"]
            for question, body in (
                (MC, {"choices": choices}),
                (TEXT, {"text": (SKEW / "imbalance_only.txt").read_text()}),
                (CODE, {"code": code}),
            ):
                put = api.put(f"/v1/attempts/{attempt['id']}/answers/{question}", json=body)
                assert put.status_code == 202, put.text
            assert api.post(f"/v1/attempts/{attempt['id']}/submit").status_code == 202
        done = {c: wait_completed(api, i) for c, i in ids.items()}
        ranking = api.get(f"/v1/assessments/{created['id']}/ranking").json()
        shown = wait_completed(api, ids["ben"], view="candidate")

    assert {c: [a["score"] for a in d["answers"]] for c, d in done.items()} == {
        "ana": [2.0, 3.0, 5.0],
        "ben": [2.0, 3.0, 5.0],
        "cy": [1.0, 3.0, 5.0],
    }
    rows = [
        (
            r["rank"],
            r["candidate"],
            r["score"],
            r["percentile"],
            r["meets_requirements"],
            r["missing"],
            r["interview_focus"],
            r["flagged"],
        )
        for r in ranking["data"]
    ]
    assert rows == [
        (1, "ana", 10.0, 50.0, True, [], ["statistical-analysis"], True),
        (1, "ben", 10.0, 50.0, True, [], ["statistical-analysis"], True),
        (3, "cy", 9.0, 0.0, False, ["machine-learning"], ["machine-learning"], False),
    ]
    assert ranking["data"][2]["skills"] == {
        "machine-learning": {"score": 4.0, "max_score": 10.0},
        "model-evaluation": {"score": 1.0, "max_score": 3.0},
        "numerical-computing": {"score": 5.0, "max_score": 5.0},
        "numpy": {"score": 5.0, "max_score": 5.0},
        "statistical-analysis": {"score": 3.0, "max_score": 7.0},
    }
    assert ranking["data"][0]["skill_percentiles"] == {
        "machine-learning": 50.0,
        "model-evaluation": 50.0,
        "numerical-computing": 0.0,
        "numpy": 0.0,
        "statistical-analysis": 0.0,
    }
    tests = shown["answers"][2]["result"]["tests"]
    assert [(t["name"], t["visibility"]) for t in tests] == [
        ("small_values", "visible"),
        ("large_values", "visible"),
        ("very_negative_values", "visible"),
        ("empty_input_raises", "visible"),
        ("hidden tests", "hidden"),
    ]
    assert (tests[-1]["score"], tests[-1]["max_score"], tests[-1]["message"]) == (3.0, 3.0, "")
    assert own_containers() == []
