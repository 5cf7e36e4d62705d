"""The grader's tables: tenants and their API keys, submissions, runs, deliveries and reviews."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Marks a value stored as JSON: PostgreSQL's text cannot hold NUL, and no UTF-8 column can
# hold the lone surrogates that a JSON string may carry, yet an answer may contain both (the
# candidate then gets Python's own error for them).
_ESCAPED = "\x01grader-json:"


class AnyText(TypeDecorator[str]):
    """Text that stores any Python string: NUL and lone surrogates included."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _ESCAPED + json.dumps(value)
        if "\x00" in value or value.startswith(_ESCAPED):
            return _ESCAPED + json.dumps(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if isinstance(value, str) and value.startswith(_ESCAPED):
            decoded: str = json.loads(value.removeprefix(_ESCAPED))
            return decoded
        return value  # type: ignore[no-any-return]  # Text columns hold str or None


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that reads back aware and in UTC from every database (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None and value.tzinfo else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the grader's tables."""


class TenantRow(Base):
    """An assessment platform: it owns API keys and submissions, and signs webhooks."""

    __tablename__ = "tenants"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    webhook_secret: Mapped[str] = mapped_column(String(128))
    callback_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ApiKeyRow(Base):
    """An API key of a tenant, stored as the SHA-256 of its secret; the key itself is never kept."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), ForeignKey("tenants.name"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class SubmissionRow(Base):
    """One submitted answer and, once graded, its latest result."""

    __tablename__ = "submissions"
    # A unique index rather than a constraint, so SQLite can add it to an existing table.
    __table_args__ = (
        Index("uq_submissions_idempotency", "tenant", "idempotency_key", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(
        String(64), index=True, default="default", server_default="default"
    )
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    question_version: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(AnyText)
    metadata_json: Mapped[str] = mapped_column(Text, default="{}")
    callback_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    request_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    claim_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # While running: until when the claim holds unless its worker renews it (broker mode).
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # While queued: when a task for it was last sent to the broker (None: not sent yet).
    enqueued_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(32), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    result_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The latest result's flag, as a column so reviewers can list the flagged submissions.
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    diagnostics_json: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class RunRow(Base):
    """One grading of a submission; a regrade adds another."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(32), ForeignKey("submissions.id"), index=True)
    question_version: Mapped[str] = mapped_column(String(64))
    result_json: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    provenance_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DeliveryRow(Base):
    """One attempt to deliver a submission's webhook."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[str] = mapped_column(String(32), ForeignKey("submissions.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(Text)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    delivered: Mapped[bool] = mapped_column(Boolean)
    duration_ms: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class QuestionVersionRow(Base):
    """The files of one version of a question, kept so a regrade can pin that version."""

    __tablename__ = "question_versions"

    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    # {relative name: base64 of the file's bytes}; a question is a few small files.
    files_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewRow(Base):
    """A reviewer's score for one run of a submission; rows are only ever added."""

    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(32), ForeignKey("submissions.id"), index=True)
    run_id: Mapped[str] = mapped_column(String(32), ForeignKey("runs.id"))
    automatic_score: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    comment: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(255))
    api_key_id: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RegradeJobRow(Base):
    """A question's regrade, followed until every submission it queued is graded again."""

    __tablename__ = "regrade_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    # The version graded against; pinned_version is the one asked for, or None for the current.
    question_version: Mapped[str] = mapped_column(String(64))
    pinned_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    total: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class RegradeJobItemRow(Base):
    """A submission a regrade job queued, and the run it had before (None if it had failed)."""

    __tablename__ = "regrade_job_items"

    job_id: Mapped[str] = mapped_column(String(32), ForeignKey("regrade_jobs.id"), primary_key=True)
    submission_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("submissions.id"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)
    previous_run_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("runs.id"), nullable=True
    )


class AssessmentRow(Base):
    """A hiring manager's assessment: a title, per-skill requirements and an optional due time."""

    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # {skill: minimum fraction of that skill's points}
    requirements_json: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    time_budget_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # "id@version" of the versioned definition it was loaded from, if any.
    definition: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AssessmentQuestionRow(Base):
    """One question of an assessment, pinned to the version it had when the assessment was made."""

    __tablename__ = "assessment_questions"

    assessment_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("assessments.id"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64))
    question_version: Mapped[str] = mapped_column(String(64))
    weight: Mapped[float] = mapped_column(Float)


class AttemptRow(Base):
    """A candidate's attempt at an assessment; submitted_at is set once it is handed in."""

    __tablename__ = "attempts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    assessment_id: Mapped[str] = mapped_column(String(32), ForeignKey("assessments.id"), index=True)
    tenant: Mapped[str] = mapped_column(String(64), index=True)
    candidate: Mapped[str] = mapped_column(String(255))
    metadata_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class AttemptAnswerRow(Base):
    """An answer of an attempt, as the submission graded for it; the latest per question counts."""

    __tablename__ = "attempt_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    attempt_id: Mapped[str] = mapped_column(String(32), ForeignKey("attempts.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("submissions.id"), index=True, unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ArtifactRow(Base):
    """One artifact's bytes, so that every API process serves what any worker wrote."""

    __tablename__ = "artifacts"

    owner: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
