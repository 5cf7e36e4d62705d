"""Reviews: a person's score for a run, kept beside the automatic one; the review queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import InstrumentedAttribute

from grader.errors import SubmissionNotGraded
from grader.store.db import Sessions, new_id, utcnow
from grader.store.tables import ReviewRow, RunRow, SubmissionRow


@dataclass(frozen=True)
class Reviewed:
    """A submission with its latest run's id and its latest review, either possibly absent."""

    submission: SubmissionRow
    latest_run_id: str | None
    review: ReviewRow | None


def _newest_run_id(submission_id: InstrumentedAttribute[str] | str) -> Select[str]:
    """The id of the submission's newest run; with a column, correlated to the outer query."""
    return (
        select(RunRow.id)
        .where(RunRow.submission_id == submission_id)
        .order_by(RunRow.created_at.desc(), RunRow.id.desc())
        .limit(1)
    )


class ReviewStore:
    """Append-only reviews of runs; the latest one of a submission is its effective review."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)

    def add(
        self,
        *,
        submission: SubmissionRow,
        score: float,
        comment: str,
        reviewer: str,
        api_key_id: str,
    ) -> ReviewRow:
        """Record a review of the submission's latest run; SubmissionNotGraded unless completed."""
        with self.sessions.begin() as session:
            current = session.get(SubmissionRow, submission.id)
            run = session.scalars(
                select(RunRow).where(RunRow.id == _newest_run_id(submission.id).scalar_subquery())
            ).first()
            if current is None or current.status != "completed" or run is None:
                status = current.status if current is not None else "missing"
                raise SubmissionNotGraded(
                    f"submission {submission.id!r} is {status}; "
                    "review it once its status is completed"
                )
            row = ReviewRow(
                id=new_id(),
                submission_id=submission.id,
                run_id=run.id,
                automatic_score=run.score,
                score=score,
                comment=comment,
                reviewer=reviewer,
                api_key_id=api_key_id,
                created_at=utcnow(),
            )
            session.add(row)
        return row

    def of(self, submission_id: str) -> Sequence[ReviewRow]:
        """Every review of the submission, oldest first."""
        with self.sessions.read() as session:
            return session.scalars(
                select(ReviewRow)
                .where(ReviewRow.submission_id == submission_id)
                .order_by(ReviewRow.created_at, ReviewRow.id)
            ).all()

    def reviewed(self, submission: SubmissionRow) -> Reviewed:
        """The submission with its latest run's id and its latest review."""
        with self.sessions.read() as session:
            run_id = session.scalars(_newest_run_id(submission.id)).first()
            review = session.scalars(
                select(ReviewRow)
                .where(ReviewRow.submission_id == submission.id)
                .order_by(ReviewRow.created_at.desc(), ReviewRow.id.desc())
                .limit(1)
            ).first()
        return Reviewed(submission=submission, latest_run_id=run_id, review=review)

    def submissions(
        self,
        *,
        tenant: str,
        needs_review: bool | None,
        reviewed: bool | None,
        limit: int,
        offset: int,
        newest_first: bool = False,
    ) -> tuple[Sequence[SubmissionRow], int]:
        """A page of the tenant's submissions, oldest (or newest) first, and how many match.

        `needs_review` filters on the latest result's flag (so only completed submissions
        match either value); `reviewed` on whether the latest run has a review.
        """
        where: list[ColumnElement[bool]] = [SubmissionRow.tenant == tenant]
        if needs_review is not None:
            where += [
                SubmissionRow.status == "completed",
                SubmissionRow.needs_review.is_(needs_review),
            ]
        if reviewed is not None:
            of_latest_run = exists().where(
                ReviewRow.submission_id == SubmissionRow.id,
                ReviewRow.run_id
                == _newest_run_id(SubmissionRow.id).correlate(SubmissionRow).scalar_subquery(),
            )
            where.append(of_latest_run if reviewed else ~of_latest_run)
        with self.sessions.read() as session:
            count = session.scalar(select(func.count()).select_from(SubmissionRow).where(*where))
            rows = session.scalars(
                select(SubmissionRow)
                .where(*where)
                .order_by(
                    *(
                        (SubmissionRow.created_at.desc(), SubmissionRow.id.desc())
                        if newest_first
                        else (SubmissionRow.created_at, SubmissionRow.id)
                    )
                )
                .limit(limit)
                .offset(offset)
            ).all()
        return rows, int(count or 0)
