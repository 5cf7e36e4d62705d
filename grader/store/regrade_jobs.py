"""Regrade jobs: queue a question's finished submissions again and follow them to the end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from grader.errors import RegradeJobNotFound
from grader.store.db import Sessions, new_id, requeue_finished, utcnow
from grader.store.tables import RegradeJobItemRow, RegradeJobRow, RunRow, SubmissionRow


@dataclass(frozen=True)
class JobItem:
    """A covered submission now: its status, the run it had before and the one the job added."""

    submission_id: str
    status: str
    error: str | None
    previous: RunRow | None
    new_run: RunRow | None

    @property
    def finished(self) -> bool:
        """Graded again, or failed; a later regrade of the submission does not undo either."""
        return self.new_run is not None or self.status == "failed"


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
                requeue_finished(
                    SubmissionRow.tenant == tenant,
                    SubmissionRow.question_id == question_id,
                    question_version=question_version,
                )
                .returning(SubmissionRow.id, SubmissionRow.created_at)
                .execution_options(synchronize_session=False)
            )
            ids = [row.id for row in sorted(queued.all(), key=lambda r: (r.created_at, r.id))]
            job.total = len(ids)
            job.finished_at = now if not ids else None
            session.add(job)
            session.flush()
            runs = _runs(session, ids)
            for position, submission_id in enumerate(ids):
                run = runs[submission_id][-1] if submission_id in runs else None
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
            runs = _runs(session, [item.submission_id for item, _, _ in rows])
        items = []
        for item, status, error in rows:
            own = runs.get(item.submission_id, [])
            ids = [run.id for run in own]
            # The job's run is the one right after the run the submission had before it.
            after = ids.index(item.previous_run_id) + 1 if item.previous_run_id in ids else 0
            items.append(
                JobItem(
                    submission_id=item.submission_id,
                    status=status,
                    error=error,
                    previous=own[after - 1] if after else None,
                    new_run=own[after] if after < len(own) else None,
                )
            )
        return items

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


def _runs(session: Session, submission_ids: Sequence[str]) -> dict[str, list[RunRow]]:
    """Each submission's runs, oldest first, for those that have any."""
    found: dict[str, list[RunRow]] = {}
    if not submission_ids:
        return found
    runs = session.scalars(
        select(RunRow)
        .where(RunRow.submission_id.in_(submission_ids))
        .order_by(RunRow.created_at, RunRow.id)
    )
    for run in runs:
        found.setdefault(run.submission_id, []).append(run)
    return found
