"""The review store and its migration: flags of stored results, reviews of runs."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from grader.errors import SubmissionNotGraded
from grader.store.db import SubmissionStore, make_engine
from grader.store.migrate import upgrade
from grader.store.reviews import ReviewStore


def test_the_migration_copies_each_stored_results_flag(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0002")
    results = {
        "flagged": '{"score":0.0,"needs_review":true}',
        "clear": '{"score":7.0,"needs_review":false}',
        # A candidate's text that spells the flag is escaped inside the JSON string.
        "quoted": '{"stdout":{"text":"\\"needs_review\\":true"},"needs_review":false}',
        "queued": None,
    }
    with engine.begin() as connection:
        for submission_id, result in results.items():
            connection.execute(
                text(
                    "INSERT INTO submissions (id, question_id, question_version, code,"
                    " metadata_json, status, attempts, created_at, diagnostics_json, result_json)"
                    " VALUES (:id, 'q', 'v1', 'x', '{}', 'completed', 1,"
                    " '2026-01-01 00:00:00+00:00', '[]', :result)"
                ),
                {"id": submission_id, "result": result},
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, needs_review FROM submissions ORDER BY id"))
        assert [(r[0], bool(r[1])) for r in rows] == [
            ("clear", False),
            ("flagged", True),
            ("queued", False),
            ("quoted", False),
        ]


def test_a_queued_submission_cannot_be_reviewed(database_url: str) -> None:
    engine = make_engine(database_url)
    store = SubmissionStore(engine)
    store.create_schema()
    row, _ = store.add(
        tenant="default", question_id="q", question_version="v1", code="x", metadata={}
    )
    reviews = ReviewStore(engine)
    with pytest.raises(SubmissionNotGraded) as raised:
        reviews.add(submission=row, score=1, comment="", reviewer="r", api_key_id="k")
    assert str(raised.value) == (
        f"submission {row.id!r} is queued; review it once its status is completed"
    )
    assert reviews.of(row.id) == []
    assert reviews.reviewed(row).review is None
