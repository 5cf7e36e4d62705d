"""GET /v1/questions[/{id}]: each question's public view carries only its kind's fields."""

from __future__ import annotations

import httpx

from grader.bank.question import Bank
from grader.config import PROJECT_ROOT

COMMON = {"id", "version", "title", "kind", "points", "skills", "prompt"}


def test_the_list_shows_each_kind_with_its_own_fields(client: httpx.Client) -> None:
    listing = client.get("/v1/questions").json()
    fields = {q["id"]: set(q) for q in listing["data"]}
    assert listing["count"] == len(Bank(PROJECT_ROOT / "questions").ids())
    assert fields["matplotlib-linear-plot"] == COMMON | {"language", "starter", "limits"}
    assert fields["ml-imbalance-remedies"] == COMMON | {"options", "multiple"}
    assert fields["sentiment-skew-reason"] == COMMON


def test_a_multiple_choice_question_has_no_limits_or_language(client: httpx.Client) -> None:
    detail = client.get("/v1/questions/ml-imbalance-remedies").json()
    assert (detail["kind"], detail["multiple"]) == ("multiple_choice", True)
    assert "limits" not in detail and "language" not in detail and "starter" not in detail
    assert all(set(option) == {"id", "text"} for option in detail["options"])


def test_a_text_question_shows_its_prompt_only(client: httpx.Client) -> None:
    detail = client.get("/v1/questions/sentiment-skew-reason").json()
    assert set(detail) == COMMON
    assert detail["kind"] == "text"
