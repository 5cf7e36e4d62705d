"""Regrades pinned to a question version the service has stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from grader.bank.question import Question, load_question
from grader.config import Settings
from grader.sandbox.fake import FakeBackend
from grader.store.db import make_engine
from grader.store.questions import QuestionVersionStore
from tests.api.conftest import KeyMaker, problem
from tests.api.server import Connect
from tests.api.test_runs import wait_completed


def older_version(linear: Question, tmp_path: Path, settings: Settings) -> Question:
    """A stored version of the linear-plot question whose tests differ from the bank's."""
    directory = tmp_path / "old" / linear.id
    shutil.copytree(linear.directory, directory, ignore=shutil.ignore_patterns("__pycache__"))
    tests = directory / linear.manifest.files.tests
    tests.write_text(tests.read_text() + "\n# the tests before the harness fix\n")
    old = load_question(directory)
    QuestionVersionStore(make_engine(settings.database_url)).remember(old)
    return old


def test_a_regrade_pinned_to_a_stored_version_grades_against_its_files(
    client: httpx.Client,
    backend: FakeBackend,
    linear: Question,
    tmp_path: Path,
    settings: Settings,
) -> None:
    old = older_version(linear, tmp_path, settings)
    assert old.version != linear.version
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    response = client.post(
        f"/v1/submissions/{created['id']}/regrade", json={"question_version": old.version}
    )
    assert response.status_code == 202
    wait_completed(client, created["id"])
    runs = client.get(f"/v1/submissions/{created['id']}/runs").json()["data"]
    assert [r["question_version"] for r in runs] == [linear.version, old.version]
    assert runs[1]["provenance"]["question_version"] == old.version
    assert backend.jobs[1]["tests"] == old.tests
    assert backend.jobs[0]["tests"] == linear.tests
    shown = client.get(f"/v1/submissions/{created['id']}").json()
    assert shown["question_version"] == old.version


def test_the_current_version_is_stored_at_start_up_and_can_be_named(
    client: httpx.Client, linear: Question
) -> None:
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    response = client.post(
        f"/v1/submissions/{created['id']}/regrade", json={"question_version": linear.version}
    )
    assert response.status_code == 202
    wait_completed(client, created["id"])
    runs = client.get(f"/v1/submissions/{created['id']}/runs").json()["data"]
    assert [r["question_version"] for r in runs] == [linear.version, linear.version]


def test_an_unknown_version_is_a_422_problem_naming_it(
    client: httpx.Client, linear: Question
) -> None:
    created = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "x"}
    ).json()
    response = client.post(
        f"/v1/submissions/{created['id']}/regrade", json={"question_version": "0123abcd"}
    )
    assert response.status_code == 422
    body = problem(response)
    assert body["type"] == "https://grader.invalid/problems/unknown-question-version"
    assert body["detail"] == (
        f"question_version: '0123abcd' is not a stored version of question {linear.id!r} "
        f"(stored: {linear.version})"
    )
    assert len(client.get(f"/v1/submissions/{created['id']}/runs").json()["data"]) == 1


def test_a_question_regrade_pinned_to_a_stored_version(
    anonymous: httpx.Client,
    connect: Connect,
    make_key: KeyMaker,
    linear: Question,
    tmp_path: Path,
    settings: Settings,
) -> None:
    old = older_version(linear, tmp_path, settings)
    admin = {"Authorization": f"Bearer {make_key('acme', 'admin')}"}
    created = anonymous.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": linear.id, "code": "x"},
        headers=admin,
    ).json()
    response = anonymous.post(
        f"/v1/questions/{linear.id}/regrade", json={"question_version": old.version}, headers=admin
    )
    body = response.json()
    assert (response.status_code, body) == (
        202,
        {
            "job_id": body["job_id"],
            "status": "running",
            "total": 1,
            "question_id": linear.id,
            "question_version": old.version,
        },
    )
    with connect(admin) as http:
        wait_completed(http, created["id"])
        runs = http.get(f"/v1/submissions/{created['id']}/runs").json()["data"]
    assert [r["question_version"] for r in runs] == [linear.version, old.version]
    unknown = anonymous.post(
        f"/v1/questions/{linear.id}/regrade", json={"question_version": "nope"}, headers=admin
    )
    assert unknown.status_code == 422
    assert "'nope'" in problem(unknown)["detail"]
