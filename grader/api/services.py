"""The objects a running service shares between requests and workers."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from grader.api.models import SubmissionPublic
from grader.api.problems import PayloadTooLarge, UnknownQuestion
from grader.bank.question import Bank
from grader.config import Settings
from grader.errors import QuestionNotFound
from grader.results import GradingResult
from grader.store.artifacts import ArtifactStore
from grader.store.db import SubmissionRow, SubmissionStore
from grader.workers import Notifier, WorkerPool


@dataclass
class Services:
    """Settings, storage, the bank and the workers of one service process."""

    settings: Settings
    store: SubmissionStore
    artifacts: ArtifactStore
    bank: Bank
    notifier: Notifier
    workers: WorkerPool
    engine_ping: Callable[[], bool] = lambda: False

    def submit(self, *, question_id: str, code: str, metadata: dict[str, str]) -> SubmissionRow:
        size = len(code.encode("utf-8", errors="surrogatepass"))
        if size > self.settings.max_code_bytes:
            raise PayloadTooLarge(
                f"the code is {size} bytes; the limit is {self.settings.max_code_bytes} bytes"
            )
        try:
            question = self.bank.get(question_id)
        except QuestionNotFound:
            raise UnknownQuestion(
                f"question_id: there is no question {question_id!r} in the bank"
            ) from None
        row = self.store.add(
            question_id=question.id, question_version=question.version, code=code, metadata=metadata
        )
        self.workers.poke()
        return row

    def wait(self, submission_id: str, timeout: float) -> SubmissionRow:
        def done() -> bool:
            return self.store.get(submission_id).status in ("completed", "failed")

        self.notifier.wait(submission_id, min(timeout, self.settings.max_wait_seconds), done)
        return self.store.get(submission_id)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def public(row: SubmissionRow) -> SubmissionPublic:
    result = GradingResult.model_validate_json(row.result_json) if row.result_json else None
    created = _utc(row.created_at)
    assert created is not None
    return SubmissionPublic(
        id=row.id,
        status=row.status,  # type: ignore[arg-type]  # constrained by the store's writes
        question_id=row.question_id,
        question_version=row.question_version,
        metadata=json.loads(row.metadata_json or "{}"),
        created_at=created,
        started_at=_utc(row.started_at),
        finished_at=_utc(row.finished_at),
        result=result,
        error=row.error,
    )
