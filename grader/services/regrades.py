"""Regrades: grade one submission again, or a question's submissions as a job followed to its end.

A job's summary classifies and counts each submission's change as `grader replay` does; one
difference is deliberate: a submission the job could not grade at all always counts as an
error, even when its previous result was an error too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from grader.bank.question import Bank, Question
from grader.errors import QuestionNotFound, QuestionVersionNotFound, UnknownQuestion
from grader.replay import Change, ReplayReport, compare, summarise
from grader.results import GradingResult
from grader.store.db import SubmissionRow, SubmissionStore
from grader.store.questions import QuestionVersionStore
from grader.store.regrade_jobs import JobItem, RegradeJobStore
from grader.store.tables import RegradeJobRow, RunRow


@dataclass(frozen=True)
class JobProgress:
    """A regrade job now: how many of its submissions are done and, once all are, what changed."""

    job: RegradeJobRow
    done: int
    total: int
    finished_at: datetime | None  # None while the job runs
    summary: ReplayReport | None  # set once it is finished


class Regrades:
    """Queue finished submissions again, against a stored version or the question's current one."""

    def __init__(
        self,
        *,
        bank: Bank,
        versions: QuestionVersionStore,
        store: SubmissionStore,
        jobs: RegradeJobStore,
        wake: Callable[[], None],
    ) -> None:
        self._bank = bank
        self._versions = versions
        self._store = store
        self._jobs = jobs
        self._wake = wake

    def regrade(
        self, *, tenant: str, submission_id: str, question_version: str | None
    ) -> SubmissionRow:
        """Queue a finished submission again, against that version or the current one."""
        row = self._store.get(submission_id, tenant=tenant)
        version = self._version(row.question_id, question_version)
        queued = self._store.regrade(submission_id, tenant=tenant, question_version=version)
        self._wake()
        return queued

    def regrade_question(
        self, *, tenant: str, question_id: str, question_version: str | None
    ) -> RegradeJobRow:
        """Queue every finished submission of the tenant to this question, as a job."""
        if question_version is None:
            self._bank.get(question_id)  # reading a question that is not there: not found
        version = self._version(question_id, question_version)
        job = self._jobs.create(
            tenant=tenant,
            question_id=question_id,
            question_version=version,
            pinned=question_version is not None,
        )
        if job.total:
            self._wake()
        return job

    def job(self, *, tenant: str, job_id: str) -> JobProgress:
        """The tenant's regrade job, with its progress and, once finished, its summary."""
        return self._progress(self._jobs.get(job_id, tenant=tenant))

    def jobs(self, *, tenant: str) -> list[JobProgress]:
        """The tenant's regrade jobs, newest first."""
        return [self._progress(job) for job in self._jobs.of_tenant(tenant=tenant)]

    def _progress(self, job: RegradeJobRow) -> JobProgress:
        items = self._jobs.items(job.id)
        done = sum(1 for item in items if item.finished)
        finished_at = job.finished_at
        # Once finished, a job stays finished, even if one of its submissions is queued again.
        if finished_at is None and done == len(items):
            finished_at = self._jobs.finish(job.id)
        if finished_at is None:
            return JobProgress(job=job, done=done, total=len(items), finished_at=None, summary=None)
        summary = summarise([_change(job.question_id, item) for item in items])
        return JobProgress(
            job=job, done=done, total=len(items), finished_at=finished_at, summary=summary
        )

    def _version(self, question_id: str, version: str | None) -> str:
        """The version a regrade uses: the requested stored one, or else the current one."""
        current: Question | None
        try:
            current = self._bank.get(question_id)
        except QuestionNotFound:
            current = None
        if version is None:
            if current is None:
                raise UnknownQuestion(
                    f"question {question_id!r} is no longer in the bank; regrade it against "
                    "a stored version with question_version"
                )
            self._versions.remember(current)
            return current.version
        if current is not None and current.version == version:
            self._versions.remember(current)
            return version
        if not self._versions.has(question_id, version):
            known = ", ".join(self._versions.versions(question_id)) or "none"
            raise QuestionVersionNotFound(
                f"question_version: {version!r} is not a stored version of question "
                f"{question_id!r} (stored: {known})"
            )
        return version


def _result(run: RunRow | None) -> GradingResult | None:
    return None if run is None else GradingResult.model_validate_json(run.result_json)


def _change(question_id: str, item: JobItem) -> Change:
    """A finished item's new run against the run it had before."""
    old = _result(item.previous)
    new = _result(item.new_run)
    if new is None:  # the regrade failed: our fault, never the candidate's
        return Change(
            id=item.submission_id,
            question_id=question_id,
            direction="errored",
            old_score=None if old is None else old.score,
            new_score=None,
            max_score=0.0 if old is None else old.max_score,
            old_verdict=None if old is None else old.verdict,
            new_verdict=None,
            error=item.error,
        )
    return compare(submission_id=item.submission_id, question_id=question_id, old=old, new=new)
