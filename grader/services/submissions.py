"""Submissions: queue an answer for grading, wait for it, read it back with what it produced."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence

from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.errors import (
    AnswerTooLarge,
    QuestionNotFound,
    QueueFull,
    SubmissionNotGraded,
    UnknownQuestion,
)
from grader.results import GradingResult
from grader.services.answers import TypedAnswer, answer_text
from grader.store.artifacts import ArtifactStore
from grader.store.db import FINISHED, SubmissionRow, SubmissionStore
from grader.store.deliveries import DeliveryStore
from grader.store.questions import QuestionVersionStore
from grader.store.reviews import Reviewed, ReviewStore
from grader.store.tables import DeliveryRow, RunRow
from grader.webhooks import check_callback_url
from grader.workers import Notifier


def request_hash(
    *, question_id: str, code: str, metadata: dict[str, str], callback_url: str | None
) -> str:
    """A fingerprint of a submission request, to tell a replay from a different request."""
    fields = {
        "question_id": question_id,
        "code": code,
        "metadata": metadata,
        "callback_url": callback_url,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", errors="surrogatepass")).hexdigest()


class Submissions:
    """A tenant's submissions: queued for the workers, read back with their reviews."""

    def __init__(
        self,
        *,
        settings: Settings,
        bank: Bank,
        versions: QuestionVersionStore,
        store: SubmissionStore,
        reviews: ReviewStore,
        artifacts: ArtifactStore,
        deliveries: DeliveryStore,
        notifier: Notifier,
        wake: Callable[[], None],
        on_queued: Callable[[str], None] = lambda _: None,
        poll_seconds: float | None = None,
    ) -> None:
        """`on_queued` is told each new submission once it is committed (broker mode sends
        its task); with `poll_seconds`, waits read the database that often instead of
        waiting for this process's workers (another process grades)."""
        self._settings = settings
        self._bank = bank
        self._versions = versions
        self._store = store
        self._reviews = reviews
        self._artifacts = artifacts
        self._deliveries = deliveries
        self._notifier = notifier
        self._wake = wake
        self._on_queued = on_queued
        self._poll_seconds = poll_seconds

    def submit(
        self,
        *,
        tenant: str,
        question_id: str,
        metadata: dict[str, str],
        callback_url: str | None,
        idempotency_key: str | None,
        code: str | None = None,
        choices: list[str] | None = None,
        text: str | None = None,
        pinned: Question | None = None,
    ) -> tuple[SubmissionRow, bool]:
        """Queue an answer for the tenant; returns the submission and whether it is new.

        The answer is one of `code`, `choices` and `text` (see `grader.services.answers`);
        `pinned` grades it against that version of the question instead of the bank's current.
        """
        if pinned is not None:
            question = pinned
        else:
            try:
                question = self._bank.get(question_id)
            except QuestionNotFound:
                raise UnknownQuestion(
                    f"question_id: there is no question {question_id!r} in the bank"
                ) from None
        code = answer_text(question, TypedAnswer(code=code, choices=choices, text=text))
        size = len(code.encode("utf-8", errors="surrogatepass"))
        if size > self._settings.max_code_bytes:
            raise AnswerTooLarge(
                f"the answer is {size} bytes; the limit is {self._settings.max_code_bytes} bytes"
            )
        if callback_url is not None:
            check_callback_url(
                callback_url,
                allow_private=self._settings.webhook_allow_private,
                field="callback_url",
            )
        # Kept before the submission is, so its version can be regraded after the bank moves on.
        self._versions.remember(question)
        fingerprint = None
        if idempotency_key is not None:
            fingerprint = request_hash(
                question_id=question_id, code=code, metadata=metadata, callback_url=callback_url
            )
            # A replay answers with the first submission even when the queue is full now.
            earlier = self._store.find_idempotent(tenant, idempotency_key, fingerprint)
            if earlier is not None:
                return earlier, False
        if self._store.queue_depth() >= self._settings.max_queue_depth:
            raise QueueFull(
                f"{self._settings.max_queue_depth} submissions are already waiting to be "
                "graded; retry later",
                retry_after=5,
            )
        row, created = self._store.add(
            tenant=tenant,
            question_id=question.id,
            question_version=question.version,
            code=code,
            metadata=metadata,
            callback_url=callback_url,
            idempotency_key=idempotency_key,
            request_hash=fingerprint,
        )
        if created:
            self._on_queued(row.id)
            self._wake()
        return row, created

    def get(self, *, tenant: str, submission_id: str) -> Reviewed:
        """The tenant's submission with its latest run's id and its latest review."""
        return self._reviews.reviewed(self._store.get(submission_id, tenant=tenant))

    def page(
        self,
        *,
        tenant: str,
        needs_review: bool | None,
        reviewed: bool | None,
        limit: int,
        offset: int,
        newest_first: bool = False,
    ) -> tuple[list[Reviewed], int]:
        """A page of the tenant's submissions, oldest (or newest) first, and how many match."""
        rows, count = self._reviews.submissions(
            tenant=tenant,
            needs_review=needs_review,
            reviewed=reviewed,
            limit=limit,
            offset=offset,
            newest_first=newest_first,
        )
        return [self._reviews.reviewed(row) for row in rows], count

    def question(self, *, question_id: str, version: str) -> Question | None:
        """The question as it was at this version (a stored snapshot, or the bank's current
        one), or None when neither has it."""
        stored = self._versions.get(question_id, version)
        if stored is not None:
            return stored
        try:
            current = self._bank.get(question_id)
        except QuestionNotFound:
            return None
        return current if current.version == version else None

    def title(self, question_id: str) -> str:
        """The question's title in the bank, or its id when it has left the bank."""
        try:
            return self._bank.get(question_id).manifest.title
        except QuestionNotFound:
            return question_id

    def wait(self, *, tenant: str, submission_id: str, timeout: float) -> Reviewed:
        """The submission once it is finished, or as it is when the wait (capped) runs out."""

        def finished() -> bool:
            return self._store.get(submission_id).status in FINISHED

        wait = min(timeout, self._settings.max_wait_seconds)
        if self._poll_seconds is None:
            self._notifier.wait(submission_id, wait, finished)
        else:
            deadline = time.monotonic() + wait
            while not finished() and time.monotonic() < deadline:
                time.sleep(min(self._poll_seconds, max(0.0, deadline - time.monotonic())))
        return self.get(tenant=tenant, submission_id=submission_id)

    def result(self, *, tenant: str, submission_id: str) -> GradingResult:
        """The submission's current result; SubmissionNotGraded until it has one."""
        row = self._store.get(submission_id, tenant=tenant)
        if row.result_json is None:
            raise SubmissionNotGraded(
                f"submission {submission_id!r} is {row.status} and has no result; "
                "poll it until its status is completed"
            )
        return GradingResult.model_validate_json(row.result_json)

    def artifact(self, *, tenant: str, submission_id: str, name: str) -> bytes:
        """An artifact the submission's latest grading stored."""
        self._store.get(submission_id, tenant=tenant)
        return self._artifacts.get(submission_id, name)

    def runs(self, *, tenant: str, submission_id: str) -> Sequence[RunRow]:
        """Every grading of the submission, oldest first."""
        self._store.get(submission_id, tenant=tenant)
        return self._store.runs(submission_id)

    def deliveries(self, *, tenant: str, submission_id: str) -> Sequence[DeliveryRow]:
        """Every attempt to deliver the submission's webhook, oldest first."""
        self._store.get(submission_id, tenant=tenant)
        return self._deliveries.attempts(submission_id)
