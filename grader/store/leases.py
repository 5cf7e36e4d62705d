"""Grading leases (broker mode): claim one submission for a while, renew, give back, reconcile.

A worker claims a submission by id with a compare-and-set on its status and a fresh claim
token, for a lease it renews while it grades. A worker that dies stops renewing; the
reconciler then queues the submission again (or fails it once its attempts are spent), so no
process ever needs to requeue another's work at start-up. Finishing still goes through the
claim token (`SubmissionStore.complete`/`fail`), so a redelivered task or a worker whose lease
was taken over can never write a second result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, text, update
from sqlalchemy.engine import Engine

from grader.store.db import Sessions, new_id, rowcount, utcnow
from grader.store.tables import SubmissionRow

# The key of the PostgreSQL advisory lock that lets one reconciler run at a time.
RECONCILE_LOCK = 0x67726164


@dataclass(frozen=True)
class Reconciled:
    """What one reconciliation did: ids to enqueue again, leases expired, submissions failed."""

    enqueue: Sequence[str]
    expired: int
    failed: int


class LeaseStore:
    """Claims with leases on the submissions table."""

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.sessions = Sessions(engine)
        self._now = clock

    def claim(self, submission_id: str, *, lease_seconds: float) -> SubmissionRow | None:
        """Claim this queued submission; None when it is not queued (taken, finished, gone)."""
        now = self._now()
        token = new_id()
        with self.sessions.begin() as session:
            claimed = session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.id == submission_id, SubmissionRow.status == "queued")
                .values(
                    status="running",
                    claim_token=token,
                    started_at=now,
                    lease_expires_at=now + timedelta(seconds=lease_seconds),
                    attempts=SubmissionRow.attempts + 1,
                )
            )
            if rowcount(claimed) != 1:
                return None
            return session.get(SubmissionRow, submission_id)

    def renew(self, submission_id: str, claim_token: str, *, lease_seconds: float) -> bool:
        """Extend the lease; False when the claim is no longer this worker's."""
        with self.sessions.begin() as session:
            done = session.execute(
                update(SubmissionRow)
                .where(
                    SubmissionRow.id == submission_id,
                    SubmissionRow.status == "running",
                    SubmissionRow.claim_token == claim_token,
                )
                .values(lease_expires_at=self._now() + timedelta(seconds=lease_seconds))
            )
            return rowcount(done) == 1

    def give_back(
        self, submission_id: str, claim_token: str, *, error: str, max_attempts: int
    ) -> str:
        """After a failure that is the service's (the engine went away), queue the submission for
        another attempt, or fail it once its attempts are spent; returns the new status, or ""
        when the claim was no longer this worker's."""
        with self.sessions.begin() as session:
            row = session.get(SubmissionRow, submission_id, with_for_update=True)
            if row is None or row.status != "running" or row.claim_token != claim_token:
                return ""
            if row.attempts >= max_attempts:
                row.status = "failed"
                row.error = f"gave up after {row.attempts} attempts: {error}"
                row.finished_at = self._now()
            else:
                row.status = "queued"
                row.error = None
                # The worker sends the next attempt's task itself, after a wait: not before.
                row.enqueued_at = self._now()
            row.claim_token = None
            row.lease_expires_at = None
            return row.status

    def mark_enqueued(self, submission_ids: Sequence[str]) -> None:
        """Record that a task was sent for each of these submissions now."""
        if not submission_ids:
            return
        with self.sessions.begin() as session:
            session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.id.in_(submission_ids), SubmissionRow.status == "queued")
                .values(enqueued_at=self._now())
            )

    def forget_enqueued(self, submission_ids: Sequence[str]) -> None:
        """These submissions' tasks could not be sent after all: the next reconciliation sends."""
        with self.sessions.begin() as session:
            session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.id.in_(submission_ids), SubmissionRow.status == "queued")
                .values(enqueued_at=None)
            )

    def reconcile(self, *, stale_after: float, max_attempts: int, limit: int = 500) -> Reconciled:
        """Under a database lock: queue again the running submissions whose lease expired (fail
        those out of attempts), and return the queued ones with no task sent in the last
        `stale_after` seconds, marked as sent now."""
        now = self._now()
        with self.sessions.begin() as session:
            if self.engine.dialect.name == "postgresql":
                got = session.execute(
                    text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": RECONCILE_LOCK}
                ).scalar()
                if not got:
                    return Reconciled(enqueue=(), expired=0, failed=0)
            expired_rows = session.scalars(
                select(SubmissionRow)
                .where(SubmissionRow.status == "running", SubmissionRow.lease_expires_at < now)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            failed = 0
            for row in expired_rows:
                row.claim_token = None
                row.lease_expires_at = None
                if row.attempts >= max_attempts:
                    row.status = "failed"
                    row.error = (
                        f"gave up after {row.attempts} attempts: the worker grading it stopped "
                        "before it finished"
                    )
                    row.finished_at = now
                    failed += 1
                else:
                    row.status = "queued"
                    row.enqueued_at = None
            session.flush()
            cutoff = now - timedelta(seconds=stale_after)
            stale = list(
                session.scalars(
                    select(SubmissionRow.id)
                    .where(
                        SubmissionRow.status == "queued",
                        or_(
                            SubmissionRow.enqueued_at.is_(None), SubmissionRow.enqueued_at < cutoff
                        ),
                    )
                    .order_by(SubmissionRow.created_at)
                    .limit(limit)
                )
            )
            if stale:
                session.execute(
                    update(SubmissionRow).where(SubmissionRow.id.in_(stale)).values(enqueued_at=now)
                )
        return Reconciled(enqueue=stale, expired=len(expired_rows), failed=failed)
