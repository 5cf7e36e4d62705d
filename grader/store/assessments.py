"""Assessments, their pinned questions, candidates' attempts and the answers given in them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from grader.errors import AssessmentNotFound, AttemptClosed, AttemptNotFound
from grader.store.db import Sessions, new_id, rowcount, utcnow
from grader.store.tables import (
    AssessmentQuestionRow,
    AssessmentRow,
    AttemptAnswerRow,
    AttemptRow,
    SubmissionRow,
)


@dataclass(frozen=True)
class PinnedQuestion:
    """A question of an assessment at the version it was pinned to, and its weight."""

    question_id: str
    question_version: str
    weight: float


@dataclass(frozen=True)
class StoredAssessment:
    """An assessment with its questions in order."""

    row: AssessmentRow
    questions: tuple[PinnedQuestion, ...]

    @property
    def requirements(self) -> dict[str, float]:
        found: dict[str, float] = json.loads(self.row.requirements_json)
        return found


class AssessmentStore:
    """Tenant-scoped assessments and attempts; another tenant's id is not found."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)

    def add(
        self,
        *,
        tenant: str,
        title: str,
        questions: Sequence[PinnedQuestion],
        requirements: dict[str, float],
        due_at: datetime | None,
        time_budget_minutes: int | None = None,
        definition: str | None = None,
    ) -> StoredAssessment:
        """Store an assessment and its questions in one transaction."""
        row = AssessmentRow(
            id=new_id(),
            tenant=tenant,
            title=title,
            requirements_json=json.dumps(requirements, sort_keys=True),
            due_at=due_at,
            time_budget_minutes=time_budget_minutes,
            definition=definition,
            created_at=utcnow(),
        )
        with self.sessions.begin() as session:
            session.add(row)
            session.flush()
            for position, question in enumerate(questions):
                session.add(
                    AssessmentQuestionRow(
                        assessment_id=row.id,
                        position=position,
                        question_id=question.question_id,
                        question_version=question.question_version,
                        weight=question.weight,
                    )
                )
        return StoredAssessment(row=row, questions=tuple(questions))

    def get(self, assessment_id: str, *, tenant: str) -> StoredAssessment:
        with self.sessions.read() as session:
            row = session.get(AssessmentRow, assessment_id)
            if row is None or row.tenant != tenant:
                raise AssessmentNotFound(f"there is no assessment {assessment_id!r}")
            pinned = session.scalars(
                select(AssessmentQuestionRow)
                .where(AssessmentQuestionRow.assessment_id == assessment_id)
                .order_by(AssessmentQuestionRow.position)
            ).all()
        return StoredAssessment(
            row=row,
            questions=tuple(
                PinnedQuestion(p.question_id, p.question_version, p.weight) for p in pinned
            ),
        )

    def page(self, *, tenant: str, limit: int, offset: int) -> tuple[list[StoredAssessment], int]:
        """The tenant's assessments, newest first, and how many there are."""
        with self.sessions.read() as session:
            ids = session.scalars(
                select(AssessmentRow.id)
                .where(AssessmentRow.tenant == tenant)
                .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
            ).all()
        chosen = ids[offset : offset + limit]
        return [self.get(i, tenant=tenant) for i in chosen], len(ids)

    def add_attempt(
        self, *, assessment_id: str, tenant: str, candidate: str, metadata: dict[str, str]
    ) -> AttemptRow:
        self.get(assessment_id, tenant=tenant)
        row = AttemptRow(
            id=new_id(),
            assessment_id=assessment_id,
            tenant=tenant,
            candidate=candidate,
            metadata_json=json.dumps(metadata, sort_keys=True),
            created_at=utcnow(),
            submitted_at=None,
        )
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def attempt(self, attempt_id: str, *, tenant: str) -> AttemptRow:
        with self.sessions.read() as session:
            row = session.get(AttemptRow, attempt_id)
        if row is None or row.tenant != tenant:
            raise AttemptNotFound(f"there is no attempt {attempt_id!r}")
        return row

    def attempts(self, assessment_id: str) -> Sequence[AttemptRow]:
        """Every attempt at the assessment, oldest first."""
        with self.sessions.read() as session:
            return session.scalars(
                select(AttemptRow)
                .where(AttemptRow.assessment_id == assessment_id)
                .order_by(AttemptRow.created_at, AttemptRow.id)
            ).all()

    def add_answer(self, *, attempt_id: str, question_id: str, submission_id: str) -> None:
        """Record that the submission answers the question in the (still open) attempt."""
        with self.sessions.begin() as session:
            # Locks the attempt's row on PostgreSQL, so a hand-in cannot slip in between.
            still_open = session.execute(
                update(AttemptRow)
                .where(AttemptRow.id == attempt_id, AttemptRow.submitted_at.is_(None))
                .values(submitted_at=None)
            )
            if rowcount(still_open) != 1:
                raise AttemptClosed(
                    f"attempt {attempt_id!r} was submitted; its answers can no longer change"
                )
            session.add(
                AttemptAnswerRow(
                    attempt_id=attempt_id,
                    question_id=question_id,
                    submission_id=submission_id,
                    created_at=utcnow(),
                )
            )

    def submit(self, attempt_id: str) -> bool:
        """Hand the attempt in; False when it already was."""
        with self.sessions.begin() as session:
            done = session.execute(
                update(AttemptRow)
                .where(AttemptRow.id == attempt_id, AttemptRow.submitted_at.is_(None))
                .values(submitted_at=utcnow())
            )
            return rowcount(done) == 1

    def latest_answers(self, attempt_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """{attempt id: {question id: submission id of the latest answer}}."""
        found: dict[str, dict[str, str]] = {a: {} for a in attempt_ids}
        if not attempt_ids:
            return found
        with self.sessions.read() as session:
            rows = session.execute(
                select(
                    AttemptAnswerRow.attempt_id,
                    AttemptAnswerRow.question_id,
                    AttemptAnswerRow.submission_id,
                )
                .where(AttemptAnswerRow.attempt_id.in_(list(attempt_ids)))
                .order_by(AttemptAnswerRow.id)
            ).all()
        for attempt_id, question_id, submission_id in rows:
            found[attempt_id][question_id] = submission_id  # later rows win
        return found

    def latest_answer_texts(
        self, assessment_id: str, question_ids: Sequence[str]
    ) -> list[tuple[str, str, str, str, str]]:
        """(attempt id, candidate, question id, submission id, answer) of the latest answer
        of each attempt to each of these questions, in one query."""
        if not question_ids:
            return []
        with self.sessions.read() as session:
            rows = session.execute(
                select(
                    AttemptAnswerRow.attempt_id,
                    AttemptRow.candidate,
                    AttemptAnswerRow.question_id,
                    SubmissionRow.id,
                    SubmissionRow.code,
                )
                .join(AttemptRow, AttemptRow.id == AttemptAnswerRow.attempt_id)
                .join(SubmissionRow, SubmissionRow.id == AttemptAnswerRow.submission_id)
                .where(
                    AttemptRow.assessment_id == assessment_id,
                    AttemptAnswerRow.question_id.in_(list(question_ids)),
                )
                .order_by(AttemptRow.created_at, AttemptRow.id, AttemptAnswerRow.id)
            ).all()
        latest: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
        for attempt_id, candidate, question_id, submission_id, code in rows:
            latest[(attempt_id, question_id)] = (
                attempt_id,
                candidate,
                question_id,
                submission_id,
                code,
            )
        return list(latest.values())

    def attempt_of_submission(self, submission_id: str) -> AttemptRow | None:
        """The attempt a submission was given in, if any."""
        with self.sessions.read() as session:
            return session.scalars(
                select(AttemptRow)
                .join(AttemptAnswerRow, AttemptAnswerRow.attempt_id == AttemptRow.id)
                .where(AttemptAnswerRow.submission_id == submission_id)
            ).first()
