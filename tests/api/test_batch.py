"""POST /v1/submissions/batch: each item queued or refused on its own."""

from __future__ import annotations

import httpx

from grader.bank.question import Question
from tests.api.conftest import problem


def test_good_items_are_queued_and_bad_items_get_their_own_problem(
    client: httpx.Client, linear: Question
) -> None:
    items = [
        {"question_id": linear.id, "code": "x = 1"},
        {"question_id": "no-such-question", "code": "x"},
        {"question_id": linear.id, "code": "x", "langauge": "py"},
        "not an object",
        {"question_id": linear.id, "code": "x = 2", "idempotency_key": "b-4"},
    ]
    response = client.post("/v1/submissions/batch", json={"submissions": items})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["accepted"]) == (5, 2)
    assert [item["status"] for item in body["data"]] == [202, 422, 422, 422, 202]
    assert [item["index"] for item in body["data"]] == [0, 1, 2, 3, 4]
    assert body["data"][1]["problem"]["detail"] == (
        "question_id: there is no question 'no-such-question' in the bank"
    )
    assert body["data"][2]["problem"]["errors"] == [
        {"field": "langauge", "message": "unknown field 'langauge'"}
    ]
    assert body["data"][3]["problem"]["detail"].startswith("body: Input should be")
    for accepted in (body["data"][0], body["data"][4]):
        assert accepted["problem"] is None
        path = f"/v1/submissions/{accepted['submission']['id']}"
        assert client.get(path).status_code == 200


def test_an_item_idempotency_key_replays_like_the_header(
    client: httpx.Client, linear: Question
) -> None:
    item = {"question_id": linear.id, "code": "x = 2", "idempotency_key": "b-1"}
    first = client.post("/v1/submissions/batch", json={"submissions": [item]}).json()
    again = client.post("/v1/submissions/batch", json={"submissions": [item]}).json()
    single = client.post(
        "/v1/submissions",
        json={"question_id": linear.id, "code": "x = 2"},
        headers={"Idempotency-Key": "b-1"},
    ).json()
    ids = {first["data"][0]["submission"]["id"], again["data"][0]["submission"]["id"], single["id"]}
    assert len(ids) == 1


def test_an_empty_or_oversized_batch_is_422(client: httpx.Client, linear: Question) -> None:
    empty = client.post("/v1/submissions/batch", json={"submissions": []})
    item = {"question_id": linear.id, "code": "x"}
    big = client.post("/v1/submissions/batch", json={"submissions": [item] * 101})
    assert (empty.status_code, big.status_code) == (422, 422)
    assert (
        problem(big)["detail"]
        == "submissions: List should have at most 100 items after validation, not 101"
    )
