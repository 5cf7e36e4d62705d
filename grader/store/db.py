"""The submissions table and the queries the service makes of it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    DateTime,
    Float,
    Integer,
    String,
    Text,
    create_engine,
    event,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from grader.errors import SubmissionNotFound


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of the grader's tables."""


class SubmissionRow(Base):
    """One submitted answer and, once graded, its result."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), index=True)
    question_version: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(Text)
    metadata_json: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(32), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    result_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    diagnostics_json: Mapped[str] = mapped_column(Text, default="[]")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class SubmissionStore:
    """Submissions: create, claim for grading, finish, read."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def add(
        self, *, question_id: str, question_version: str, code: str, metadata: dict[str, str]
    ) -> SubmissionRow:
        row = SubmissionRow(
            id=uuid.uuid4().hex,
            question_id=question_id,
            question_version=question_version,
            code=code,
            metadata_json=json.dumps(metadata),
            status="queued",
            attempts=0,
            created_at=utcnow(),
            diagnostics_json="[]",
        )
        with self.session() as session:
            session.add(row)
        return row

    def get(self, submission_id: str) -> SubmissionRow:
        with self._sessions() as session:
            row = session.get(SubmissionRow, submission_id)
        if row is None:
            raise SubmissionNotFound(f"there is no submission {submission_id!r}")
        return row

    def claim_next(self) -> SubmissionRow | None:
        """Mark the oldest queued submission running and return it; None when the queue is empty."""
        for _ in range(5):
            with self.session() as session:
                candidate = session.scalars(
                    select(SubmissionRow.id)
                    .where(SubmissionRow.status == "queued")
                    .order_by(SubmissionRow.created_at)
                    .limit(1)
                ).first()
                if candidate is None:
                    return None
                claimed = session.execute(
                    update(SubmissionRow)
                    .where(SubmissionRow.id == candidate, SubmissionRow.status == "queued")
                    .values(
                        status="running", started_at=utcnow(), attempts=SubmissionRow.attempts + 1
                    )
                )
                if claimed.rowcount == 1:  # type: ignore[attr-defined]  # CursorResult
                    return session.get(SubmissionRow, candidate)
        return None

    def requeue_running(self) -> int:
        """Put back submissions whose worker died with the previous process."""
        with self.session() as session:
            result = session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.status == "running")
                .values(status="queued")
            )
            return int(result.rowcount)  # type: ignore[attr-defined]  # CursorResult

    def complete(
        self,
        submission_id: str,
        *,
        result_json: str,
        verdict: str,
        score: float,
        diagnostics: list[str],
    ) -> None:
        with self.session() as session:
            session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.id == submission_id, SubmissionRow.status == "running")
                .values(
                    status="completed",
                    result_json=result_json,
                    verdict=verdict,
                    score=score,
                    diagnostics_json=json.dumps(diagnostics),
                    finished_at=utcnow(),
                )
            )

    def fail(self, submission_id: str, error: str) -> None:
        with self.session() as session:
            session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.id == submission_id)
                .values(status="failed", error=error, finished_at=utcnow())
            )

    def queue_depth(self) -> int:
        with self._sessions() as session:
            return len(
                session.scalars(
                    select(SubmissionRow.id).where(SubmissionRow.status == "queued")
                ).all()
            )

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception:  # noqa: BLE001  (readiness answers yes or no)
            return False
        return True
