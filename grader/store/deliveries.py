"""Webhook delivery attempts: recorded one row per attempt, listed per submission."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.engine import Engine

from grader.store.db import FINISHED, Sessions, utcnow
from grader.store.tables import DeliveryRow, SubmissionRow


class DeliveryStore:
    """Attempts to deliver webhooks, and the finished submissions still owed one."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)

    def record(
        self,
        *,
        submission_id: str,
        attempt: int,
        url: str,
        status_code: int | None,
        error: str | None,
        delivered: bool,
        duration_ms: int,
    ) -> DeliveryRow:
        row = DeliveryRow(
            submission_id=submission_id,
            attempt=attempt,
            url=url,
            status_code=status_code,
            error=error,
            delivered=delivered,
            duration_ms=duration_ms,
            created_at=utcnow(),
        )
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def attempts(self, submission_id: str) -> Sequence[DeliveryRow]:
        with self.sessions.read() as session:
            return session.scalars(
                select(DeliveryRow)
                .where(DeliveryRow.submission_id == submission_id)
                .order_by(DeliveryRow.id)
            ).all()

    def undelivered_since(self, cutoff: datetime) -> Sequence[str]:
        """Ids of submissions finished after `cutoff` with no successful delivery yet."""
        delivered = exists().where(
            DeliveryRow.submission_id == SubmissionRow.id, DeliveryRow.delivered.is_(True)
        )
        with self.sessions.read() as session:
            return session.scalars(
                select(SubmissionRow.id)
                .where(
                    SubmissionRow.status.in_(FINISHED),
                    SubmissionRow.finished_at >= cutoff,
                    ~delivered,
                )
                .order_by(SubmissionRow.finished_at)
            ).all()
