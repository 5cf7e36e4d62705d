"""GET /v1/submissions/export: the tenant's submissions as JSON Lines, for `grader replay`."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from grader.bank.question import Question
from grader.replay import read_export
from tests.api.conftest import KeyMaker

OTHER = "pandas-groupby"


def test_the_export_is_one_line_per_submission_of_the_tenant_with_its_result(
    client: httpx.Client, make_key: KeyMaker, linear: Question, tmp_path: Path
) -> None:
    graded = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": linear.id, "code": "a"}
    ).json()
    other = client.post(
        "/v1/submissions", params={"wait": "true"}, json={"question_id": OTHER, "code": "b"}
    ).json()
    theirs = {"Authorization": f"Bearer {make_key('globex')}"}
    client.post(
        "/v1/submissions", json={"question_id": linear.id, "code": "c"}, headers=theirs
    ).raise_for_status()

    response = client.get("/v1/submissions/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/jsonl"
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == [
        {"id": graded["id"], "question_id": linear.id, "code": "a", "result": graded["result"]},
        {"id": other["id"], "question_id": OTHER, "code": "b", "result": other["result"]},
    ]
    only = client.get("/v1/submissions/export", params={"question_id": OTHER})
    assert [json.loads(line)["id"] for line in only.text.splitlines()] == [other["id"]]
    export = tmp_path / "export.jsonl"
    export.write_bytes(response.content)
    assert [item.id for item in read_export(export)] == [graded["id"], other["id"]]


def test_the_export_needs_the_read_scope(anonymous: httpx.Client, make_key: KeyMaker) -> None:
    submit_only = {"Authorization": f"Bearer {make_key('acme', 'submit')}"}
    assert anonymous.get("/v1/submissions/export", headers=submit_only).status_code == 403
    assert anonymous.get("/v1/submissions/export").status_code == 401
