"""The objects a running service shares between requests and workers, and what routes call."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from grader.api.auth import Authenticator, Principal
from grader.api.models import (
    BatchItem,
    BatchItemResult,
    BatchResult,
    DeliveryList,
    DeliveryPublic,
    RegradeChange,
    RegradeDirection,
    RegradeJobAccepted,
    RegradeJobList,
    RegradeJobPublic,
    RegradeProgress,
    RegradeSummary,
    ReviewCreate,
    ReviewList,
    ReviewPublic,
    RunList,
    RunPublic,
    SubmissionAccepted,
    SubmissionCreate,
    SubmissionList,
    SubmissionPublic,
    TenantPublic,
    TenantUpdate,
    WebhookSecret,
)
from grader.api.problems import PayloadTooLarge, UnknownQuestion, problem_for, validation_problem
from grader.bank.question import Bank, Question
from grader.config import Settings
from grader.errors import (
    CallbackRefused,
    GraderError,
    QuestionNotFound,
    QuestionVersionNotFound,
    QueueFull,
    ReviewInvalid,
    SubmissionNotGraded,
)
from grader.metrics import Metrics
from grader.replay import ExportedSubmission, compare
from grader.results import GradingResult, Provenance
from grader.store.artifacts import ArtifactStore
from grader.store.db import SubmissionRow, SubmissionStore
from grader.store.deliveries import DeliveryStore
from grader.store.questions import QuestionVersionStore
from grader.store.regrade_jobs import JobItem, RegradeJobStore
from grader.store.reviews import ReviewStore
from grader.store.tables import DeliveryRow, RegradeJobRow, ReviewRow, RunRow
from grader.store.tenants import TenantStore
from grader.webhooks import Target, refusal
from grader.workers import Notifier, WorkerPool

log = logging.getLogger(__name__)


def request_hash(body: SubmissionCreate) -> str:
    """A fingerprint of a submission request, to tell a replay from a different request."""
    fields = body.model_dump(mode="json", exclude={"idempotency_key"})
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", errors="surrogatepass")).hexdigest()


@dataclass
class Services:
    """Settings, storage, the bank, authentication and the workers of one service process."""

    settings: Settings
    store: SubmissionStore
    tenants: TenantStore
    auth: Authenticator
    deliveries: DeliveryStore
    artifacts: ArtifactStore
    bank: Bank
    versions: QuestionVersionStore
    regrade_jobs: RegradeJobStore
    notifier: Notifier
    workers: WorkerPool
    metrics: Metrics
    reviews: ReviewStore
    engine_ping: Callable[[], bool] = lambda: False
    # Called with a submission's id after a review is recorded: the webhook dispatcher.
    on_reviewed: Callable[[str], None] = lambda _: None

    def submit(
        self, *, caller: Principal, body: SubmissionCreate, idempotency_key: str | None = None
    ) -> tuple[SubmissionRow, bool]:
        """Queue a submission for the caller's tenant; returns it and whether it is new."""
        size = len(body.code.encode("utf-8", errors="surrogatepass"))
        if size > self.settings.max_code_bytes:
            raise PayloadTooLarge(
                f"the code is {size} bytes; the limit is {self.settings.max_code_bytes} bytes"
            )
        try:
            question = self.bank.get(body.question_id)
        except QuestionNotFound:
            raise UnknownQuestion(
                f"question_id: there is no question {body.question_id!r} in the bank"
            ) from None
        callback_url = self._callback_url(body.callback_url)
        # Kept before the submission is, so its version can be regraded after the bank moves on.
        self.versions.remember(question)
        fingerprint = request_hash(body) if idempotency_key is not None else None
        if idempotency_key is not None:
            # A replay answers with the first submission even when the queue is full now.
            earlier = self.store.find_idempotent(caller.tenant, idempotency_key, fingerprint)
            if earlier is not None:
                return earlier, False
        if self.store.queue_depth() >= self.settings.max_queue_depth:
            raise QueueFull(
                f"{self.settings.max_queue_depth} submissions are already waiting to be graded; "
                "retry later",
                retry_after=5,
            )
        row, created = self.store.add(
            tenant=caller.tenant,
            question_id=question.id,
            question_version=question.version,
            code=body.code,
            metadata=body.metadata,
            callback_url=callback_url,
            idempotency_key=idempotency_key,
            request_hash=fingerprint,
        )
        if created:
            self.workers.poke()
        return row, created

    def _callback_url(self, url: object | None) -> str | None:
        """The webhook URL as text, refused when it names a private address (unless allowed)."""
        if url is None:
            return None
        text = str(url)
        refused = None if self.settings.webhook_allow_private else refusal(text)
        if refused is not None:
            raise CallbackRefused(f"callback_url: {refused}; webhooks go to public addresses only")
        return text

    def submit_batch(self, *, caller: Principal, items: list[Any]) -> BatchResult:
        """Queue each valid item; a bad item gets its own problem and does not stop the rest."""
        results = []
        for index, raw in enumerate(items):
            try:
                item = BatchItem.model_validate(raw)
            except ValidationError as exc:
                found = validation_problem(exc.errors())
                results.append(BatchItemResult(index=index, status=422, problem=found))
                continue
            try:
                row, _ = self.submit(caller=caller, body=item, idempotency_key=item.idempotency_key)
            except GraderError as exc:
                mapped = problem_for(exc)
                if mapped is None:
                    raise
                results.append(BatchItemResult(index=index, status=mapped.status, problem=mapped))
                continue
            accepted = SubmissionAccepted(id=row.id, status=row.status)  # type: ignore[arg-type]
            results.append(BatchItemResult(index=index, status=202, submission=accepted))
        queued = sum(1 for r in results if r.submission is not None)
        return BatchResult(data=results, count=len(results), accepted=queued)

    def get(self, *, caller: Principal, submission_id: str) -> SubmissionRow:
        return self.store.get(submission_id, tenant=caller.tenant)

    def submission(self, *, caller: Principal, submission_id: str) -> SubmissionPublic:
        """The caller's submission as the API shows it: result, latest review, final score."""
        return self.present(self.store.get(submission_id, tenant=caller.tenant))

    def present(self, row: SubmissionRow) -> SubmissionPublic:
        """A submission with its latest run's id and its latest review."""
        reviewed = self.reviews.reviewed(row)
        return public(row, latest_run_id=reviewed.latest_run_id, review=reviewed.review)

    def list_submissions(
        self,
        *,
        caller: Principal,
        needs_review: bool | None,
        reviewed: bool | None,
        limit: int,
        offset: int,
    ) -> SubmissionList:
        """A page of the caller's submissions, oldest first, filtered for reviewers."""
        rows, count = self.reviews.submissions(
            tenant=caller.tenant,
            needs_review=needs_review,
            reviewed=reviewed,
            limit=limit,
            offset=offset,
        )
        return SubmissionList(data=[self.present(row) for row in rows], count=count)

    def review(
        self, *, caller: Principal, submission_id: str, body: ReviewCreate
    ) -> SubmissionPublic:
        """Record a reviewer's score for the latest run; answers the updated submission."""
        row = self.store.get(submission_id, tenant=caller.tenant)
        if row.status != "completed" or row.result_json is None:
            raise SubmissionNotGraded(
                f"submission {submission_id!r} is {row.status}; "
                "review it once its status is completed"
            )
        max_score = GradingResult.model_validate_json(row.result_json).max_score
        if body.score > max_score:
            raise ReviewInvalid(
                f"score: {body.score:g} is more than the {max_score:g} points available; "
                f"give a score from 0 to {max_score:g}",
                field="score",
            )
        self.reviews.add(
            submission=row,
            score=body.score,
            comment=body.comment,
            reviewer=body.reviewer,
            api_key_id=caller.key_id,
        )
        self.on_reviewed(submission_id)
        return self.submission(caller=caller, submission_id=submission_id)

    def review_list(self, *, caller: Principal, submission_id: str) -> ReviewList:
        row = self.store.get(submission_id, tenant=caller.tenant)
        latest_run_id = self.reviews.reviewed(row).latest_run_id
        reviews = self.reviews.of(submission_id)
        data = [review_public(r, latest_run_id=latest_run_id) for r in reviews]
        return ReviewList(data=data, count=len(data))

    def wait(self, *, caller: Principal, submission_id: str, timeout: float) -> SubmissionRow:
        def done() -> bool:
            return self.store.get(submission_id).status in ("completed", "failed")

        self.notifier.wait(submission_id, min(timeout, self.settings.max_wait_seconds), done)
        return self.store.get(submission_id, tenant=caller.tenant)

    def _regrade_version(self, question_id: str, version: str | None) -> str:
        """The version a regrade uses: the requested stored one, or else the current one."""
        current: Question | None
        try:
            current = self.bank.get(question_id)
        except QuestionNotFound:
            current = None
        if version is None:
            if current is None:
                raise UnknownQuestion(
                    f"question {question_id!r} is no longer in the bank; regrade it against "
                    "a stored version with question_version"
                )
            self.versions.remember(current)
            return current.version
        if current is not None and current.version == version:
            self.versions.remember(current)
            return version
        if not self.versions.has(question_id, version):
            known = ", ".join(self.versions.versions(question_id)) or "none"
            raise QuestionVersionNotFound(
                f"question_version: {version!r} is not a stored version of question "
                f"{question_id!r} (stored: {known})"
            )
        return version

    def regrade(
        self, *, caller: Principal, submission_id: str, question_version: str | None = None
    ) -> SubmissionRow:
        """Queue a finished submission again, against that version or the current one."""
        row = self.store.get(submission_id, tenant=caller.tenant)
        version = self._regrade_version(row.question_id, question_version)
        queued = self.store.regrade(submission_id, tenant=caller.tenant, question_version=version)
        self.workers.poke()
        return queued

    def regrade_question(
        self, *, caller: Principal, question_id: str, question_version: str | None = None
    ) -> RegradeJobAccepted:
        """Queue every finished submission of the caller's tenant to this question, as a job."""
        if question_version is None:
            self.bank.get(question_id)  # an unknown question is a 404 here
        version = self._regrade_version(question_id, question_version)
        job = self.regrade_jobs.create(
            tenant=caller.tenant,
            question_id=question_id,
            question_version=version,
            pinned=question_version is not None,
        )
        if job.total:
            self.workers.poke()
        return RegradeJobAccepted(
            job_id=job.id,
            status="running" if job.finished_at is None else "completed",
            total=job.total,
            question_id=question_id,
            question_version=version,
        )

    def regrade_job(self, *, caller: Principal, job_id: str) -> RegradeJobPublic:
        """The tenant's regrade job, with its progress and, once finished, its summary."""
        return self._job_public(self.regrade_jobs.get(job_id, tenant=caller.tenant))

    def regrade_job_list(self, *, caller: Principal) -> RegradeJobList:
        data = [self._job_public(job) for job in self.regrade_jobs.of_tenant(tenant=caller.tenant)]
        return RegradeJobList(data=data, count=len(data))

    def _job_public(self, job: RegradeJobRow) -> RegradeJobPublic:
        items = self.regrade_jobs.items(job.id)
        done = sum(1 for item in items if item.finished)
        finished_at = _utc(job.finished_at)
        summary = None
        # Once finished, a job stays finished, even if one of its submissions is queued again.
        if finished_at is not None or done == len(items):
            if finished_at is None:
                finished_at = _utc(self.regrade_jobs.finish(job.id))
            summary = summarise_regrade(items)
        created = _utc(job.created_at)
        assert created is not None
        return RegradeJobPublic(
            id=job.id,
            status="completed" if summary is not None else "running",
            question_id=job.question_id,
            question_version=job.question_version,
            pinned_version=job.pinned_version,
            created_at=created,
            finished_at=finished_at if summary is not None else None,
            progress=RegradeProgress(done=done, total=len(items)),
            summary=summary,
        )

    def export(self, *, caller: Principal, question_id: str | None = None) -> Iterator[bytes]:
        """The tenant's submissions as JSON Lines, each with its current result (or null)."""
        for row in self.store.export(tenant=caller.tenant, question_id=question_id):
            line = ExportedSubmission(
                id=row.id,
                question_id=row.question_id,
                code=row.code,
                result=GradingResult.model_validate_json(row.result_json)
                if row.result_json
                else None,
            )
            # json escapes what pydantic cannot encode: an answer may hold lone surrogates.
            text = json.dumps(line.model_dump(mode="json"), separators=(",", ":"))
            yield text.encode("ascii") + b"\n"

    def runs(self, *, caller: Principal, submission_id: str) -> RunList:
        self.store.get(submission_id, tenant=caller.tenant)
        data = [run_public(r) for r in self.store.runs(submission_id)]
        return RunList(data=data, count=len(data))

    def delivery_attempts(self, *, caller: Principal, submission_id: str) -> DeliveryList:
        self.store.get(submission_id, tenant=caller.tenant)
        data = [delivery_public(d) for d in self.deliveries.attempts(submission_id)]
        return DeliveryList(data=data, count=len(data))

    def tenant(self, *, caller: Principal) -> TenantPublic:
        row, _ = self.tenants.ensure(caller.tenant)
        return TenantPublic(name=row.name, callback_url=row.callback_url)

    def update_tenant(self, *, caller: Principal, body: TenantUpdate) -> TenantPublic:
        url = self._callback_url(body.callback_url)
        row = self.tenants.set_callback_url(caller.tenant, url)
        return TenantPublic(name=row.name, callback_url=row.callback_url)

    def rotate_webhook_secret(self, *, caller: Principal) -> WebhookSecret:
        self.tenants.ensure(caller.tenant)
        return WebhookSecret(webhook_secret=self.tenants.rotate_secret(caller.tenant))

    def webhook_target(self, submission_id: str) -> Target | None:
        """What to POST where for this submission, or None when it has no webhook."""
        row = self.store.get(submission_id)
        tenant = self.tenants.find(row.tenant)
        url = row.callback_url or (tenant.callback_url if tenant is not None else None)
        if url is None or tenant is None:
            return None
        body = self.present(row).model_dump_json().encode()
        return Target(url=url, secret=tenant.webhook_secret, body=body)

    def result(self, *, caller: Principal, submission_id: str) -> GradingResult:
        row = self.store.get(submission_id, tenant=caller.tenant)
        if row.result_json is None:
            raise SubmissionNotGraded(
                f"submission {submission_id!r} is {row.status} and has no result; "
                "poll it until its status is completed"
            )
        return GradingResult.model_validate_json(row.result_json)

    def artifact(self, *, caller: Principal, submission_id: str, name: str) -> bytes:
        self.store.get(submission_id, tenant=caller.tenant)
        return self.artifacts.get(submission_id, name)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def public(
    row: SubmissionRow, *, latest_run_id: str | None = None, review: ReviewRow | None = None
) -> SubmissionPublic:
    """The submission's payload; pass its latest run's id and latest review to show them."""
    result = GradingResult.model_validate_json(row.result_json) if row.result_json else None
    created = _utc(row.created_at)
    assert created is not None
    shown = review_public(review, latest_run_id=latest_run_id) if review is not None else None
    automatic = result.score if result is not None else None
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
        callback_url=row.callback_url,
        run_id=latest_run_id,
        review=shown,
        final_score=shown.score if shown is not None else automatic,
    )


def review_public(row: ReviewRow, *, latest_run_id: str | None) -> ReviewPublic:
    created = _utc(row.created_at)
    assert created is not None
    return ReviewPublic(
        id=row.id,
        submission_id=row.submission_id,
        run_id=row.run_id,
        automatic_score=row.automatic_score,
        score=row.score,
        comment=row.comment,
        reviewer=row.reviewer,
        created_at=created,
        stale=row.run_id != latest_run_id,
    )


# replay's directions, named as the regrade job's summary counts them
_DIRECTIONS: dict[str, RegradeDirection] = {
    "up": "up",
    "down": "down",
    "unchanged": "unchanged",
    "changed": "changed_same_score",
    "errored": "error",
    "new": "new",
}


def regrade_change(item: JobItem) -> RegradeChange:
    """Compare a finished item's new run with the run it had before, as replay does."""
    old = GradingResult.model_validate_json(item.previous.result_json) if item.previous else None
    new_run = item.new_run
    if new_run is None:  # the regrade failed: our fault, never the candidate's
        return RegradeChange(
            submission_id=item.submission_id,
            direction="error",
            old_score=None if old is None else old.score,
            new_score=None,
            old_verdict=None if old is None else old.verdict,
            new_verdict=None,
            tests_changed=[],
            error=item.error,
        )
    found = compare(
        submission_id=item.submission_id,
        question_id="",
        old=old,
        new=GradingResult.model_validate_json(new_run.result_json),
    )
    return RegradeChange(
        submission_id=item.submission_id,
        direction=_DIRECTIONS[found.direction],
        old_score=found.old_score,
        new_score=found.new_score,
        old_verdict=found.old_verdict,
        new_verdict=found.new_verdict,
        tests_changed=found.tests_changed,
    )


def summarise_regrade(items: list[JobItem]) -> RegradeSummary:
    """Count the finished items' changes by direction; list all but the unchanged ones."""
    changes = [regrade_change(item) for item in items]

    def count(direction: str) -> int:
        return sum(1 for c in changes if c.direction == direction)

    listed = [c for c in changes if c.direction != "unchanged"]
    return RegradeSummary(
        up=count("up"),
        down=count("down"),
        unchanged=len(changes) - len(listed),
        changed_same_score=count("changed_same_score"),
        errors=count("error"),
        new=count("new"),
        changes=listed,
    )


def run_public(row: RunRow) -> RunPublic:
    created = _utc(row.created_at)
    assert created is not None
    return RunPublic(
        id=row.id,
        submission_id=row.submission_id,
        question_version=row.question_version,
        verdict=row.verdict,
        score=row.score,
        created_at=created,
        provenance=Provenance.model_validate_json(row.provenance_json),
        result=GradingResult.model_validate_json(row.result_json),
    )


def delivery_public(row: DeliveryRow) -> DeliveryPublic:
    created = _utc(row.created_at)
    assert created is not None
    return DeliveryPublic(
        attempt=row.attempt,
        url=row.url,
        status_code=row.status_code,
        delivered=row.delivered,
        error=row.error,
        duration_ms=row.duration_ms,
        created_at=created,
    )
