"""The database engine and the submission queries: queue, claim, finish, regrade, read."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Update, create_engine, event, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from grader.errors import IdempotencyConflict, SubmissionBusy, SubmissionNotFound
from grader.store.tables import Base, RunRow, SubmissionRow

__all__ = ["Base", "RunRow", "SubmissionRow", "SubmissionStore", "make_engine", "utcnow"]

FINISHED = ("completed", "failed")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; plain postgresql:// URLs use psycopg 3."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url.removeprefix(plain)
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
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Sessions:
    """Transactions on one engine, shared by the stores."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A session whose transaction commits at the end of the block, or rolls back."""
        with self._factory() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._factory() as session:
            yield session


def rowcount(result: Any) -> int:
    return int(result.rowcount)


def requeue_finished(*where: ColumnElement[bool], question_version: str) -> Update:
    """Queue the finished submissions that match `where` again, against `question_version`."""
    return (
        update(SubmissionRow)
        .where(SubmissionRow.status.in_(FINISHED), *where)
        .values(
            status="queued",
            question_version=question_version,
            started_at=None,
            finished_at=None,
            error=None,
            enqueued_at=None,
            lease_expires_at=None,
        )
    )


def _while_claimed(submission_id: str, claim_token: str | None) -> Update:
    """An update of a running submission that only applies while this claim still owns it."""
    return update(SubmissionRow).where(
        SubmissionRow.id == submission_id,
        SubmissionRow.status == "running",
        SubmissionRow.claim_token == claim_token,
    )


class SubmissionStore:
    """Submissions: create, claim for grading, finish exactly once, regrade, read."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = Sessions(engine)

    def create_schema(self) -> None:
        """Run the migrations up to the newest schema."""
        from grader.store.migrate import upgrade  # Alembic loads only where it is needed

        upgrade(self.engine)

    def add(
        self,
        *,
        tenant: str,
        question_id: str,
        question_version: str,
        code: str,
        metadata: dict[str, str],
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        request_hash: str | None = None,
    ) -> tuple[SubmissionRow, bool]:
        """Queue a submission; with an idempotency key already used, the first one instead.

        Returns the row and whether it was created now.
        """
        if idempotency_key is not None:
            earlier = self.find_idempotent(tenant, idempotency_key, request_hash)
            if earlier is not None:
                return earlier, False
        row = SubmissionRow(
            id=new_id(),
            tenant=tenant,
            question_id=question_id,
            question_version=question_version,
            code=code,
            metadata_json=json.dumps(metadata),
            callback_url=callback_url,
            idempotency_key=idempotency_key,
            request_hash=request_hash,
            status="queued",
            attempts=0,
            created_at=utcnow(),
            diagnostics_json="[]",
        )
        try:
            with self.sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            # Another request with the same idempotency key won the race: answer with its row.
            if idempotency_key is None:
                raise
            earlier = self.find_idempotent(tenant, idempotency_key, request_hash)
            if earlier is None:
                raise
            return earlier, False
        return row, True

    def find_idempotent(
        self, tenant: str, key: str, request_hash: str | None
    ) -> SubmissionRow | None:
        """The tenant's submission made with this key; IdempotencyConflict for another body."""
        with self.sessions.read() as session:
            row = session.scalars(
                select(SubmissionRow).where(
                    SubmissionRow.tenant == tenant, SubmissionRow.idempotency_key == key
                )
            ).first()
        if row is not None and row.request_hash != request_hash:
            raise IdempotencyConflict(
                f"the Idempotency-Key {key!r} was already used for a different request "
                f"(submission {row.id}); use a new key for a new submission"
            )
        return row

    def get(self, submission_id: str, *, tenant: str | None = None) -> SubmissionRow:
        """The submission; another tenant's submission is not found, like a missing one."""
        with self.sessions.read() as session:
            row = session.get(SubmissionRow, submission_id)
        if row is None or (tenant is not None and row.tenant != tenant):
            raise SubmissionNotFound(f"there is no submission {submission_id!r}")
        return row

    def claim_next(self) -> SubmissionRow | None:
        """Mark the oldest queued submission running and return it; None when the queue is empty.

        The claim is a compare-and-set on the status, so of two workers racing for one row only
        one gets it; the row carries a fresh claim token that finishing must present.
        """
        for _ in range(5):
            with self.sessions.begin() as session:
                candidate = session.scalars(
                    select(SubmissionRow.id)
                    .where(SubmissionRow.status == "queued")
                    .order_by(SubmissionRow.created_at)
                    .limit(1)
                    # PostgreSQL: racing workers pass over a row another is claiming; SQLite,
                    # which locks the whole database for a write, ignores this.
                    .with_for_update(skip_locked=True)
                ).first()
                if candidate is None:
                    return None
                token = new_id()
                claimed = session.execute(
                    update(SubmissionRow)
                    .where(SubmissionRow.id == candidate, SubmissionRow.status == "queued")
                    .values(
                        status="running",
                        claim_token=token,
                        started_at=utcnow(),
                        attempts=SubmissionRow.attempts + 1,
                    )
                )
                if rowcount(claimed) == 1:
                    return session.get(SubmissionRow, candidate)
        return None

    def requeue_running(self) -> int:
        """Put back submissions whose worker died with the previous process."""
        with self.sessions.begin() as session:
            result = session.execute(
                update(SubmissionRow)
                .where(SubmissionRow.status == "running")
                .values(status="queued", claim_token=None)
            )
            return rowcount(result)

    def complete(
        self,
        submission_id: str,
        *,
        claim_token: str | None,
        result_json: str,
        verdict: str,
        score: float,
        provenance_json: str,
        diagnostics: list[str],
        needs_review: bool = False,
    ) -> bool:
        """Write the result and its run once; False when this claim is no longer the owner."""
        now = utcnow()
        with self.sessions.begin() as session:
            done = session.execute(
                _while_claimed(submission_id, claim_token).values(
                    status="completed",
                    claim_token=None,
                    result_json=result_json,
                    verdict=verdict,
                    score=score,
                    needs_review=needs_review,
                    error=None,
                    diagnostics_json=json.dumps(diagnostics),
                    finished_at=now,
                )
            )
            if rowcount(done) != 1:
                return False
            version = session.scalars(
                select(SubmissionRow.question_version).where(SubmissionRow.id == submission_id)
            ).one()
            session.add(
                RunRow(
                    id=new_id(),
                    submission_id=submission_id,
                    question_version=version,
                    result_json=result_json,
                    verdict=verdict,
                    score=score,
                    provenance_json=provenance_json,
                    created_at=now,
                )
            )
        return True

    def fail(self, submission_id: str, error: str, *, claim_token: str | None) -> bool:
        """Mark a claimed submission failed; False when this claim is no longer the owner."""
        with self.sessions.begin() as session:
            done = session.execute(
                _while_claimed(submission_id, claim_token).values(
                    status="failed", claim_token=None, error=error, finished_at=utcnow()
                )
            )
            return rowcount(done) == 1

    def regrade(self, submission_id: str, *, tenant: str, question_version: str) -> SubmissionRow:
        """Queue a finished submission again, against this question version."""
        self.get(submission_id, tenant=tenant)
        with self.sessions.begin() as session:
            done = session.execute(
                requeue_finished(
                    SubmissionRow.id == submission_id, question_version=question_version
                )
            )
        if rowcount(done) != 1:
            raise SubmissionBusy(
                f"submission {submission_id!r} is still being graded; "
                "regrade it once its status is completed or failed"
            )
        return self.get(submission_id)

    def export(self, *, tenant: str, question_id: str | None = None) -> Iterator[SubmissionRow]:
        """The tenant's submissions, oldest first, read in pages while they are consumed."""
        query = select(SubmissionRow).where(SubmissionRow.tenant == tenant)
        if question_id is not None:
            query = query.where(SubmissionRow.question_id == question_id)
        with self.sessions.read() as session:
            yield from session.scalars(
                query.order_by(SubmissionRow.created_at, SubmissionRow.id).execution_options(
                    yield_per=500
                )
            )

    def runs(self, submission_id: str) -> Sequence[RunRow]:
        with self.sessions.read() as session:
            return session.scalars(
                select(RunRow)
                .where(RunRow.submission_id == submission_id)
                .order_by(RunRow.created_at, RunRow.id)
            ).all()

    def queue_depth(self) -> int:
        with self.sessions.read() as session:
            count = session.scalar(
                select(func.count())
                .select_from(SubmissionRow)
                .where(SubmissionRow.status == "queued")
            )
        return int(count or 0)

    def ping(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception:  # noqa: BLE001  (readiness answers yes or no)
            return False
        return True
