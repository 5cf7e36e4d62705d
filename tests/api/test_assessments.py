"""Assessments, attempts and typed answers: what is refused, and why, and tenancy."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.fake import FakeBackend
from grader.store.artifacts import MemoryArtifactStore
from tests.api.conftest import KeyMaker, problem
from tests.api.server import Connect, in_process

MC, TEXT, CODE = "ml-imbalance-remedies", "sentiment-skew-reason", "softmax-stable"
THOROUGH = (PROJECT_ROOT / "questions" / TEXT / "samples" / "thorough.txt").read_text()


def assessment(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post(
        "/v1/assessments",
        json={"title": "Screening", "questions": [{"question_id": MC}, {"question_id": TEXT}]}
        | body,
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def attempt(client: httpx.Client, assessment_id: str, candidate: str = "ana") -> str:
    response = client.post(
        f"/v1/assessments/{assessment_id}/attempts", json={"candidate": candidate}
    )
    assert response.status_code == 201, response.text
    attempt_id: str = response.json()["id"]
    return attempt_id


def refused(response: httpx.Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = problem(response)
    assert body["type"] == f"https://grader.invalid/problems/{slug}"
    return body


def test_an_unknown_question_is_refused_naming_it(client: httpx.Client) -> None:
    response = client.post(
        "/v1/assessments",
        json={
            "title": "Screening",
            "questions": [{"question_id": MC}, {"question_id": "no-such-question"}],
        },
    )
    body = refused(response, 422, "unknown-question")
    assert body["detail"] == (
        "questions.1.question_id: there is no question 'no-such-question' in the bank"
    )
    assert client.get("/v1/assessments").json()["count"] == 0  # nothing half-written


def test_a_requirement_on_a_skill_no_question_measures_is_refused(client: httpx.Client) -> None:
    response = client.post(
        "/v1/assessments",
        json={
            "title": "Screening",
            "questions": [{"question_id": MC}],
            "requirements": {"deep-learning": 0.5},
        },
    )
    body = refused(response, 422, "assessment-invalid")
    assert body["detail"] == (
        "requirements: the assessment's questions measure no skill 'deep-learning'; its skills "
        "are machine-learning, model-evaluation"
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"questions": []}, "questions"),
        ({"questions": [{"question_id": MC, "weight": 0}]}, "questions.0.weight"),
        ({"requirements": {"machine-learning": 1.5}}, "requirements.machine-learning"),
        ({"due_at": "2026-12-31T17:00:00"}, "due_at"),  # no time zone
        ({"title": ""}, "title"),
        ({"extra": 1}, "extra"),
    ],
)
def test_an_invalid_assessment_is_refused_naming_the_field(
    client: httpx.Client, change: dict[str, Any], field: str
) -> None:
    body = {"title": "Screening", "questions": [{"question_id": MC}]} | change
    found = refused(client.post("/v1/assessments", json=body), 422, "validation-error")
    assert [e["field"] for e in found["errors"]] == [field]


def test_a_question_listed_twice_is_refused(client: httpx.Client) -> None:
    body = {"title": "S", "questions": [{"question_id": MC}, {"question_id": MC, "weight": 2}]}
    found = refused(client.post("/v1/assessments", json=body), 422, "assessment-invalid")
    assert found["detail"].startswith("questions.1.question_id: 'ml-imbalance-remedies' is listed")


@pytest.mark.parametrize(
    ("question", "answer", "field", "detail"),
    [
        (
            MC,
            {"choices": ["resample", "telepathy"]},
            "choices",
            "choices: 'telepathy' is not an option of 'ml-imbalance-remedies'; its options are "
            "resample, class-weights, metrics, deeper-model, oversample-before-split, more-epochs",
        ),
        (
            MC,
            {"choices": ["metrics", "metrics"]},
            "choices",
            "choices: 'metrics' is chosen twice; name each option once",
        ),
        (
            MC,
            {"choices": []},
            "choices",
            "choices: the list is empty; choose at least one option of 'ml-imbalance-remedies'",
        ),
        (
            MC,
            {"text": "resample"},
            "text",
            "text: question 'ml-imbalance-remedies' is a multiple-choice question; send its "
            "answer in 'choices'",
        ),
        (
            TEXT,
            {"choices": ["a"]},
            "choices",
            "choices: question 'sentiment-skew-reason' is a text question; send its answer in "
            "'text'",
        ),
    ],
)
def test_a_typed_answer_that_does_not_fit_its_question_is_refused(
    client: httpx.Client, question: str, answer: dict[str, Any], field: str, detail: str
) -> None:
    for response in (
        client.post("/v1/submissions", json={"question_id": question, **answer}),
        client.put(
            f"/v1/attempts/{attempt(client, assessment(client)['id'])}/answers/{question}",
            json=answer,
        ),
    ):
        body = refused(response, 422, "answer-invalid")
        assert body["detail"] == detail
        assert body["errors"] == [{"field": field, "message": detail}]
    assert client.get("/v1/submissions").json()["count"] == 0


def test_a_code_field_on_a_code_question_and_text_on_a_code_question(
    client: httpx.Client,
) -> None:
    response = client.post("/v1/submissions", json={"question_id": CODE, "text": "def f(): ..."})
    assert refused(response, 422, "answer-invalid")["detail"] == (
        "text: question 'softmax-stable' is a code question; send its answer in 'code'"
    )


@pytest.mark.parametrize(
    "answer",
    [{}, {"code": "x", "text": "y"}, {"choices": ["metrics"], "code": "[]"}],
)
def test_exactly_one_answer_field_is_required(client: httpx.Client, answer: dict[str, Any]) -> None:
    response = client.post("/v1/submissions", json={"question_id": MC, **answer})
    body = refused(response, 422, "validation-error")
    assert "give exactly one of code, choices and text" in body["detail"]


def test_typed_and_deprecated_answers_get_the_same_score(client: httpx.Client) -> None:
    scores = []
    for body in (
        {"question_id": MC, "choices": ["resample", "metrics"]},
        {"question_id": MC, "code": '["resample", "metrics"]'},  # deprecated form
        {"question_id": TEXT, "text": THOROUGH},
        {"question_id": TEXT, "code": THOROUGH},
    ):
        response = client.post("/v1/submissions", params={"wait": "true"}, json=body)
        assert response.status_code == 200, response.text
        scores.append(response.json()["result"]["score"])
    assert scores == [2.0, 2.0, 7.0, 7.0]


def test_answers_are_refused_after_the_attempt_is_submitted(client: httpx.Client) -> None:
    attempt_id = attempt(client, assessment(client)["id"])
    answer = client.put(f"/v1/attempts/{attempt_id}/answers/{MC}", json={"choices": ["metrics"]})
    assert answer.status_code == 202
    assert answer.headers["location"] == f"/v1/submissions/{answer.json()['submission_id']}"
    assert client.post(f"/v1/attempts/{attempt_id}/submit").status_code == 202
    late = client.put(f"/v1/attempts/{attempt_id}/answers/{TEXT}", json={"text": THOROUGH})
    assert refused(late, 409, "attempt-submitted")["detail"].startswith(
        f"attempt {attempt_id!r} was submitted"
    )
    refused(client.post(f"/v1/attempts/{attempt_id}/submit"), 409, "attempt-submitted")
    graded = client.get(f"/v1/attempts/{attempt_id}").json()
    assert [(a["question_id"], a["status"]) for a in graded["answers"]][1] == (TEXT, "unanswered")


def test_a_question_outside_the_assessment_is_not_found(client: httpx.Client) -> None:
    attempt_id = attempt(client, assessment(client)["id"])
    response = client.put(f"/v1/attempts/{attempt_id}/answers/{CODE}", json={"code": "x = 1"})
    assert refused(response, 404, "not-found")["detail"] == (
        f"question 'softmax-stable' is not part of assessment "
        f"{client.get(f'/v1/attempts/{attempt_id}').json()['assessment_id']!r}; its questions "
        "are ml-imbalance-remedies, sentiment-skew-reason"
    )


def test_another_tenants_assessment_and_attempt_are_not_found(
    client: httpx.Client, connect: Connect, make_key: KeyMaker
) -> None:
    created = assessment(client)
    attempt_id = attempt(client, created["id"])
    other = connect({"Authorization": f"Bearer {make_key('globex')}"})
    for response in (
        other.get(f"/v1/assessments/{created['id']}"),
        other.get(f"/v1/assessments/{created['id']}/ranking"),
        other.get(f"/v1/assessments/{created['id']}/similarity"),
        other.post(f"/v1/assessments/{created['id']}/attempts", json={"candidate": "x"}),
        other.get(f"/v1/attempts/{attempt_id}"),
        other.put(f"/v1/attempts/{attempt_id}/answers/{MC}", json={"choices": ["metrics"]}),
        other.post(f"/v1/attempts/{attempt_id}/submit"),
    ):
        refused(response, 404, "not-found")
    assert other.get("/v1/assessments").json() == {"data": [], "count": 0}
    assert client.get(f"/v1/attempts/{attempt_id}").json()["status"] == "open"


def test_scopes_submit_and_read(connect: Connect, make_key: KeyMaker, client: httpx.Client) -> None:
    created = assessment(client)
    reader = connect({"Authorization": f"Bearer {make_key('acme', 'read')}"})
    refused(
        reader.post("/v1/assessments", json={"title": "x", "questions": [{"question_id": MC}]}),
        403,
        "forbidden",
    )
    refused(
        reader.post(f"/v1/assessments/{created['id']}/attempts", json={"candidate": "x"}),
        403,
        "forbidden",
    )
    assert reader.get(f"/v1/assessments/{created['id']}/ranking").status_code == 200
    writer = connect({"Authorization": f"Bearer {make_key('acme', 'submit')}"})
    refused(writer.get(f"/v1/assessments/{created['id']}"), 403, "forbidden")


def test_questions_stay_pinned_to_the_version_at_creation(
    settings: Settings, make_key: KeyMaker, backend: FakeBackend, tmp_path: Path
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(PROJECT_ROOT / "questions" / MC, bank / MC)
    app = create_app(
        settings.model_copy(update={"bank_dir": bank}),
        backend_for=lambda q: backend,
        engine_ping=lambda: True,
        artifacts=MemoryArtifactStore(),
    )
    with in_process(app) as connect:
        client = connect({"Authorization": f"Bearer {make_key('acme')}"})
        created = assessment(client, questions=[{"question_id": MC}])
        pinned = created["questions"][0]["question_version"]
        # The bank moves on: "deeper-model" becomes a correct option too.
        manifest = bank / MC / "question.toml"
        text = manifest.read_text()
        marker = 'id = "deeper-model"\n'
        manifest.write_text(text.replace(marker, marker + "correct = true\n"))
        attempt_id = attempt(client, created["id"])
        chosen = {"choices": ["resample", "class-weights", "metrics"]}
        put = client.put(f"/v1/attempts/{attempt_id}/answers/{MC}", json=chosen)
        assert client.post(f"/v1/attempts/{attempt_id}/submit").status_code == 202
        submission_id = put.json()["submission_id"]
        for _ in range(500):
            graded = client.get(f"/v1/submissions/{submission_id}").json()
            if graded["status"] == "completed":
                break
            time.sleep(0.02)
        current = client.post(
            "/v1/submissions", params={"wait": "true"}, json={"question_id": MC, **chosen}
        ).json()
    assert (graded["question_version"], graded["result"]["score"]) == (pinned, 3.0)
    assert current["question_version"] != pinned
    assert current["result"]["score"] == 2.25  # 3 of 4 right under the new version


def test_the_openapi_description_names_every_status_of_the_hiring_routes(
    client: httpx.Client,
) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    put = paths["/v1/attempts/{attempt_id}/answers/{question_id}"]["put"]["responses"]
    assert set(put) == {"202", "400", "401", "403", "404", "409", "413", "422", "429", "503"}
    assert "attempt-submitted" in put["409"]["description"]
    assert set(put["409"]["content"]) == {"application/problem+json"}
    ranking = paths["/v1/assessments/{assessment_id}/ranking"]["get"]["responses"]
    assert set(ranking["200"]["content"]) == {"application/json", "text/csv"}
    created = paths["/v1/assessments"]["post"]["responses"]
    assert {"201", "422"} <= set(created) and "unknown-question" in created["422"]["description"]
    result = paths["/v1/submissions/{submission_id}/result"]["get"]["parameters"]
    assert {p["name"] for p in result} == {"submission_id", "format", "view"}


@pytest.mark.parametrize(
    ("answer", "status", "field"),
    [
        ({"choices": [1]}, 422, "choices.0"),
        ({"choices": ["metrics"] * 27}, 422, "choices"),
        ({"choices": "metrics"}, 422, "choices"),
        ({"choices": None}, 422, "body"),
    ],
)
def test_malformed_answer_fields_are_named(
    client: httpx.Client, answer: dict[str, Any], status: int, field: str
) -> None:
    attempt_id = attempt(client, assessment(client)["id"])
    response = client.put(f"/v1/attempts/{attempt_id}/answers/{MC}", json=answer)
    body = refused(response, status, "validation-error")
    assert [e["field"] for e in body["errors"]] == [field]


def test_a_text_answer_larger_than_the_service_accepts_is_413(
    client: httpx.Client, settings: Settings
) -> None:
    attempt_id = attempt(client, assessment(client)["id"])
    huge = "word " * (settings.max_code_bytes // 5 + 1)
    response = client.put(f"/v1/attempts/{attempt_id}/answers/{TEXT}", json={"text": huge})
    assert refused(response, 413, "payload-too-large")["detail"].startswith("the answer is ")
    assert client.get(f"/v1/attempts/{attempt_id}").json()["answers"][1]["status"] == "unanswered"
