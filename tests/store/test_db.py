"""The submission queue: atomic claims, results written once, idempotency keys, regrades."""

from __future__ import annotations

import threading

import pytest

from grader.errors import IdempotencyConflict, SubmissionBusy, SubmissionNotFound
from grader.store.db import SubmissionStore, make_engine


@pytest.fixture
def store(migrated_database_url: str) -> SubmissionStore:
    store = SubmissionStore(make_engine(migrated_database_url))
    store.create_schema()
    return store


def queue(store: SubmissionStore, tenant: str = "acme", **extra: str) -> str:
    row, created = store.add(
        tenant=tenant, question_id="q", question_version="v1", code="x", metadata={}, **extra
    )
    assert created
    return row.id


def finish(store: SubmissionStore, submission_id: str, token: str | None, score: float) -> bool:
    return store.complete(
        submission_id,
        claim_token=token,
        result_json=f'{{"score": {score}}}',
        verdict="passed",
        score=score,
        provenance_json="{}",
        diagnostics=[],
    )


def test_racing_workers_claim_each_submission_once(
    migrated_database_url: str, store: SubmissionStore
) -> None:
    ids = {queue(store) for _ in range(30)}
    stores = [SubmissionStore(make_engine(migrated_database_url)) for _ in range(4)]
    claimed: list[str] = []
    lock = threading.Lock()

    def work(mine: SubmissionStore) -> None:
        while (row := mine.claim_next()) is not None:
            with lock:
                claimed.append(row.id)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(claimed) == sorted(ids)


def test_a_result_is_written_once_by_the_current_claim(store: SubmissionStore) -> None:
    submission_id = queue(store)
    first = store.claim_next()
    assert first is not None and first.claim_token is not None
    assert store.requeue_running() == 1  # as after a restart: the first claim is now stale
    second = store.claim_next()
    assert second is not None and second.claim_token != first.claim_token
    assert finish(store, submission_id, second.claim_token, 10.0) is True
    assert finish(store, submission_id, first.claim_token, 3.0) is False
    assert finish(store, submission_id, second.claim_token, 3.0) is False
    assert store.fail(submission_id, "late", claim_token=first.claim_token) is False
    row = store.get(submission_id)
    assert (row.status, row.score, row.attempts, row.error) == ("completed", 10.0, 2, None)
    assert [run.score for run in store.runs(submission_id)] == [10.0]


def test_another_tenant_cannot_see_a_submission(store: SubmissionStore) -> None:
    submission_id = queue(store, tenant="acme")
    assert store.get(submission_id, tenant="acme").id == submission_id
    with pytest.raises(SubmissionNotFound, match=f"there is no submission '{submission_id}'"):
        store.get(submission_id, tenant="globex")


def test_an_idempotency_key_returns_the_first_submission(store: SubmissionStore) -> None:
    first = queue(store, idempotency_key="k1", request_hash="h1")
    again, created = store.add(
        tenant="acme",
        question_id="q",
        question_version="v1",
        code="x",
        metadata={},
        idempotency_key="k1",
        request_hash="h1",
    )
    assert (again.id, created) == (first, False)
    other_tenant = queue(store, tenant="globex", idempotency_key="k1", request_hash="h1")
    assert other_tenant != first
    with pytest.raises(IdempotencyConflict, match="already used for a different request"):
        store.add(
            tenant="acme",
            question_id="q",
            question_version="v1",
            code="y",
            metadata={},
            idempotency_key="k1",
            request_hash="h2",
        )
    assert store.queue_depth() == 2


def test_a_regrade_adds_a_run_and_waits_for_the_first_to_finish(store: SubmissionStore) -> None:
    submission_id = queue(store)
    with pytest.raises(SubmissionBusy, match="regrade it once its status is completed"):
        store.regrade(submission_id, tenant="acme", question_version="v2")
    row = store.claim_next()
    assert row is not None
    finish(store, submission_id, row.claim_token, 4.0)
    assert store.regrade(submission_id, tenant="acme", question_version="v2").status == "queued"
    row = store.claim_next()
    assert row is not None
    finish(store, submission_id, row.claim_token, 10.0)
    runs = store.runs(submission_id)
    assert [(r.question_version, r.score) for r in runs] == [("v1", 4.0), ("v2", 10.0)]
    assert store.get(submission_id).score == 10.0


@pytest.mark.parametrize(
    "code",
    ["print(1)\x00\n", "print('\ud800')\n", '\x01grader-json:"x"', "plain é ✓\n"],
    ids=["nul", "lone-surrogate", "looks-escaped", "plain"],
)
def test_any_answer_text_is_stored_and_read_back_unchanged(
    store: SubmissionStore, code: str
) -> None:
    row, _ = store.add(tenant="acme", question_id="q", question_version="v", code=code, metadata={})
    assert store.get(row.id).code == code
    claimed = store.claim_next()
    assert claimed is not None and claimed.code == code
