"""Leases: claim a submission by id once, renew while grading, give back, reconcile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grader.store.db import SubmissionStore, make_engine
from grader.store.leases import LeaseStore


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def stores(url: str) -> tuple[SubmissionStore, LeaseStore, Clock]:
    engine = make_engine(url)
    clock = Clock()
    return SubmissionStore(engine), LeaseStore(engine, clock=clock), clock


def add(store: SubmissionStore) -> str:
    row, _ = store.add(
        tenant="default", question_id="q", question_version="v1", code="x", metadata={}
    )
    return row.id


def test_a_submission_is_claimed_once_and_a_second_task_for_it_does_nothing(
    migrated_database_url: str,
) -> None:
    store, leases, _ = stores(migrated_database_url)
    submission = add(store)
    first = leases.claim(submission, lease_seconds=30)
    assert first is not None
    assert (first.status, first.attempts) == ("running", 1)
    assert leases.claim(submission, lease_seconds=30) is None
    assert store.complete(
        submission,
        claim_token=first.claim_token,
        result_json="{}",
        verdict="passed",
        score=1.0,
        provenance_json="{}",
        diagnostics=[],
    )
    assert leases.claim(submission, lease_seconds=30) is None  # a redelivered task
    assert len(store.runs(submission)) == 1


def test_an_expired_lease_is_queued_again_and_its_late_result_is_dropped(
    migrated_database_url: str,
) -> None:
    store, leases, clock = stores(migrated_database_url)
    submission = add(store)
    leases.mark_enqueued([submission])
    lost = leases.claim(submission, lease_seconds=30)
    assert lost is not None
    clock.advance(20)
    assert leases.renew(submission, lost.claim_token or "", lease_seconds=30)
    clock.advance(29)
    assert leases.reconcile(stale_after=60, max_attempts=3).expired == 0  # renewed: still held
    clock.advance(2)

    done = leases.reconcile(stale_after=60, max_attempts=3)

    assert (list(done.enqueue), done.expired, done.failed) == ([submission], 1, 0)
    assert store.get(submission).status == "queued"
    assert not leases.renew(submission, lost.claim_token or "", lease_seconds=30)
    again = leases.claim(submission, lease_seconds=30)
    assert again is not None and again.attempts == 2
    # The first worker was only slow: its result no longer counts.
    assert not store.complete(
        submission,
        claim_token=lost.claim_token,
        result_json="{}",
        verdict="passed",
        score=1.0,
        provenance_json="{}",
        diagnostics=[],
    )
    assert store.runs(submission) == []


def test_a_submission_whose_every_attempt_lost_its_worker_fails_saying_so(
    migrated_database_url: str,
) -> None:
    store, leases, clock = stores(migrated_database_url)
    submission = add(store)
    for _ in range(2):
        assert leases.claim(submission, lease_seconds=5) is not None
        clock.advance(6)
        leases.reconcile(stale_after=60, max_attempts=2)

    row = store.get(submission)
    assert (row.status, row.attempts) == ("failed", 2)
    assert row.error == (
        "gave up after 2 attempts: the worker grading it stopped before it finished"
    )


def test_queued_submissions_without_a_recent_task_are_sent_again_once_per_period(
    migrated_database_url: str,
) -> None:
    store, leases, clock = stores(migrated_database_url)
    never_sent, sent = add(store), add(store)
    leases.mark_enqueued([sent])

    assert list(leases.reconcile(stale_after=60, max_attempts=3).enqueue) == [never_sent]
    assert list(leases.reconcile(stale_after=60, max_attempts=3).enqueue) == []
    clock.advance(61)
    assert sorted(leases.reconcile(stale_after=60, max_attempts=3).enqueue) == sorted(
        [never_sent, sent]
    )
    leases.forget_enqueued([sent])  # the broker was down after all
    assert list(leases.reconcile(stale_after=60, max_attempts=3).enqueue) == [sent]


def test_a_sandbox_failure_goes_back_to_the_queue_until_the_attempts_are_spent(
    migrated_database_url: str,
) -> None:
    store, leases, _ = stores(migrated_database_url)
    submission = add(store)
    first = leases.claim(submission, lease_seconds=30)
    assert first is not None
    assert (
        leases.give_back(submission, first.claim_token or "", error="engine gone", max_attempts=2)
        == "queued"
    )
    assert leases.give_back(submission, first.claim_token or "", error="x", max_attempts=2) == ""
    second = leases.claim(submission, lease_seconds=30)
    assert second is not None
    assert (
        leases.give_back(submission, second.claim_token or "", error="engine gone", max_attempts=2)
        == "failed"
    )
    assert store.get(submission).error == "gave up after 2 attempts: engine gone"
