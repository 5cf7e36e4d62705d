"""Regrade jobs: queue a question's finished submissions again and follow them to the end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from grader.errors import RegradeJobNotFound
from grader.store.db import FINISHED, Sessions, new_id, utcnow
from grader.store.tables import RegradeJobItemRow, RegradeJobRow, RunRow, SubmissionRow


@dataclass(frozen=True)
class JobItem:
    """A covered submission now: its status, the run it had before and its newest run."""

    submission_id: str
    status: str
    error: str | None
    previous: RunRow | None
    latest: RunRow | None

    @property
    def finished(self) -> bool:
        """Graded again, or failed: a run newer than the previous one, or a final status."""
        regraded = self.latest is not None and (
            self.previous is None or self.latest.id != self.previous.id
        )
        return self.status in FINISHED and (regraded or self.status == "failed")

    @property
    def new_run(self) -> RunRow | None:
        """The run the regrade added; None while it runs or when it failed."""
        if self.latest is None or (
            self.previous is not None and self.latest.id == self.previous.id
        ):
            return None
        return self.latest


class RegradeJobStore:
    """Create regrade jobs, read them with their submissions' state, and mark them finished."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)

    def create(
        self, *, tenant: str, question_id: str, question_version: str, pinned: bool
    ) -> RegradeJobRow:
        """Queue the tenant's finished submissions to the question and record them as a job.

        The queueing and the record are one transaction, so the job covers exactly the
        submissions it queued, each with the run it had just before.
        """
        now = utcnow()
        job = RegradeJobRow(
            id=new_id(),
            tenant=tenant,
            question_id=question_id,
            question_version=question_version,
            pinned_version=question_version if pinned else None,
            total=0,
            created_at=now,
        )
        with self.sessions.begin() as session:
            queued = session.execute(
                update(SubmissionRow)
                .where(
                    SubmissionRow.tenant == tenant,
                    SubmissionRow.question_id == question_id,
                    SubmissionRow.status.in_(FINISHED),
                )
                .values(
                    status="queued",
                    question_version=question_version,
                    started_at=None,
                    finished_at=None,
                    error=None,
                )
                .returning(SubmissionRow.id, SubmissionRow.created_at)
                .execution_options(synchronize_session=False)
            )
            ids = [row.id for row in sorted(queued.all(), key=lambda r: (r.created_at, r.id))]
            job.total = len(ids)
            job.finished_at = now if not ids else None
            session.add(job)
            session.flush()
            previous = _latest_runs(session, ids)
            for position, submission_id in enumerate(ids):
                run = previous.get(submission_id)
                session.add(
                    RegradeJobItemRow(
                        job_id=job.id,
                        submission_id=submission_id,
                        position=position,
                        previous_run_id=None if run is None else run.id,
                    )
                )
        return job

    def get(self, job_id: str, *, tenant: str) -> RegradeJobRow:
        """The tenant's job; another tenant's job is not found, like a missing one."""
        with self.sessions.read() as session:
            row = session.get(RegradeJobRow, job_id)
        if row is None or row.tenant != tenant:
            raise RegradeJobNotFound(
                f"there is no regrade job {job_id!r}; list yours with GET /v1/regrade-jobs"
            )
        return row

    def of_tenant(self, *, tenant: str) -> Sequence[RegradeJobRow]:
        """The tenant's jobs, newest first."""
        with self.sessions.read() as session:
            return session.scalars(
                select(RegradeJobRow)
                .where(RegradeJobRow.tenant == tenant)
                .order_by(RegradeJobRow.created_at.desc(), RegradeJobRow.id)
            ).all()

    def items(self, job_id: str) -> list[JobItem]:
        """The job's submissions in the order it queued them, each with its runs."""
        with self.sessions.read() as session:
            rows = session.execute(
                select(RegradeJobItemRow, SubmissionRow.status, SubmissionRow.error)
                .join(SubmissionRow, SubmissionRow.id == RegradeJobItemRow.submission_id)
                .where(RegradeJobItemRow.job_id == job_id)
                .order_by(RegradeJobItemRow.position)
            ).all()
            latest = _latest_runs(session, [item.submission_id for item, _, _ in rows])
            wanted = [item.previous_run_id for item, _, _ in rows if item.previous_run_id]
            previous = {
                run.id: run for run in session.scalars(select(RunRow).where(RunRow.id.in_(wanted)))
            }
        return [
            JobItem(
                submission_id=item.submission_id,
                status=status,
                error=error,
                previous=previous.get(item.previous_run_id) if item.previous_run_id else None,
                latest=latest.get(item.submission_id),
            )
            for item, status, error in rows
        ]

    def finish(self, job_id: str, when: datetime | None = None) -> datetime:
        """Record when the job finished, once; returns the recorded time."""
        with self.sessions.begin() as session:
            session.execute(
                update(RegradeJobRow)
                .where(RegradeJobRow.id == job_id, RegradeJobRow.finished_at.is_(None))
                .values(finished_at=when or utcnow())
            )
            found = session.scalars(
                select(RegradeJobRow.finished_at).where(RegradeJobRow.id == job_id)
            ).one()
        assert found is not None
        return found


def _latest_runs(session: Session, submission_ids: Sequence[str]) -> dict[str, RunRow]:
    """Each submission's newest run, for those that have one."""
    latest: dict[str, RunRow] = {}
    if not submission_ids:
        return latest
    runs = session.scalars(
        select(RunRow)
        .where(RunRow.submission_id.in_(submission_ids))
        .order_by(RunRow.created_at, RunRow.id)
    )
    for run in runs:
        latest[run.submission_id] = run  # later runs overwrite earlier ones
    return latest
